package survey

import (
	"database/sql/driver"
	"encoding/binary"
	"math/bits"
)

// Binary forms of the tallies, Tallies and Coverage, for storage (a bytea column) and for moving tallies between
// processes: far cheaper than JSON. Each is a version byte (1) followed by the counts as unsigned varints, in a
// fixed order:
//
//	CSI             ones, twos, threes, fours, fives
//	RecommendShare  yes, total
//	ClassicNPS      promoters, passives, detractors
//	CSAT            satisfied, total
//	CES             seven counts, for 1 to 7
//	FCR             resolved, total
//	Coverage        surveyed, clients
//	Tallies         the counts of CSI, RecommendShare, ClassicNPS, CSAT, CES and FCR in that order, 21 in all
//
// Decoding is strict: counts not in their shortest varint form, truncated data, bytes after the data, an unknown version, a count above MaxCount and
// inconsistent counts (a part above its whole, a total above MaxCount) are errors wrapping ErrDecode (and
// ErrInvalidCount for inconsistent counts); the receiver is then unchanged.

// binaryVersion is the version byte of the binary forms.
const binaryVersion = 1

// counts of each tally, in binary order.
func (c CSI) binaryCounts() []int64            { return c.counts[:] }
func (s RecommendShare) binaryCounts() []int64 { return []int64{s.yes, s.total} }
func (c ClassicNPS) binaryCounts() []int64     { return []int64{c.promoters, c.passives, c.detractors} }
func (c CSAT) binaryCounts() []int64           { return []int64{c.satisfied, c.total} }
func (c CES) binaryCounts() []int64            { return c.counts[:] }
func (f FCR) binaryCounts() []int64            { return []int64{f.resolved, f.total} }
func (c Coverage) binaryCounts() []int64       { return []int64{c.surveyed, c.clients} }

func appendCounts(b []byte, counts []int64) []byte {
	for _, n := range counts {
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b
}

// countReader reads the counts of a binary form.
type countReader struct {
	what string
	b    []byte
	off  int
}

func newCountReader(what string, data []byte) (countReader, error) {
	if len(data) == 0 {
		return countReader{}, fail(ErrDecode, "%s binary: no data", what)
	}
	if data[0] != binaryVersion {
		return countReader{}, fail(ErrDecode, "%s binary: version %d, only %d is known", what, data[0], binaryVersion)
	}
	return countReader{what: what, b: data, off: 1}, nil
}

// read fills dst with counts, each within 0…MaxCount.
func (r *countReader) read(dst ...*int64) error {
	for _, d := range dst {
		v, n := binary.Uvarint(r.b[r.off:])
		if n <= 0 {
			return fail(ErrDecode, "%s binary: truncated or overlong count at byte %d", r.what, r.off)
		}
		if n != (bits.Len64(v|1)+6)/7 {
			return fail(ErrDecode, "%s binary: count at byte %d is not in its shortest form", r.what, r.off)
		}
		if v > uint64(MaxCount) {
			return fail(ErrDecode, "%s binary: count %d at byte %d exceeds the maximum %d", r.what, v, r.off, MaxCount)
		}
		r.off += n
		*d = int64(v)
	}
	return nil
}

func (r *countReader) end() error {
	if r.off != len(r.b) {
		return fail(ErrDecode, "%s binary: %d bytes after the data", r.what, len(r.b)-r.off)
	}
	return nil
}

// decodeBinary reads the counts of one value and builds it with the value's own checks.
func decodeBinary[T any](what string, data []byte, n int, build func(c []int64) (T, error)) (T, error) {
	var zero T
	r, err := newCountReader(what, data)
	if err != nil {
		return zero, err
	}
	c := make([]int64, n)
	ptrs := make([]*int64, n)
	for i := range c {
		ptrs[i] = &c[i]
	}
	if err := r.read(ptrs...); err != nil {
		return zero, err
	}
	if err := r.end(); err != nil {
		return zero, err
	}
	v, err := build(c)
	if err != nil {
		return zero, failCause(ErrDecode, err, "%s binary", what)
	}
	return v, nil
}

// MarshalBinary writes the binary form (see binary.go's notes; the same holds for every tally).
func (c CSI) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, c.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewCSI.
func (c *CSI) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("CSI", data, 5, func(n []int64) (CSI, error) { return NewCSI([5]int64(n)) })
	if err == nil {
		*c = v
	}
	return err
}

// MarshalBinary writes the binary form.
func (s RecommendShare) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, s.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewRecommendShare.
func (s *RecommendShare) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("recommend share", data, 2, func(n []int64) (RecommendShare, error) {
		return NewRecommendShare(n[0], n[1])
	})
	if err == nil {
		*s = v
	}
	return err
}

// MarshalBinary writes the binary form.
func (c ClassicNPS) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, c.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewClassicNPS.
func (c *ClassicNPS) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("classic NPS", data, 3, func(n []int64) (ClassicNPS, error) {
		return NewClassicNPS(n[0], n[1], n[2])
	})
	if err == nil {
		*c = v
	}
	return err
}

// MarshalBinary writes the binary form.
func (c CSAT) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, c.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewCSAT.
func (c *CSAT) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("CSAT", data, 2, func(n []int64) (CSAT, error) { return NewCSAT(n[0], n[1]) })
	if err == nil {
		*c = v
	}
	return err
}

// MarshalBinary writes the binary form.
func (c CES) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, c.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewCES.
func (c *CES) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("CES", data, 7, func(n []int64) (CES, error) { return NewCES([7]int64(n)) })
	if err == nil {
		*c = v
	}
	return err
}

// MarshalBinary writes the binary form.
func (f FCR) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, f.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewFCR.
func (f *FCR) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("FCR", data, 2, func(n []int64) (FCR, error) { return NewFCR(n[0], n[1]) })
	if err == nil {
		*f = v
	}
	return err
}

// MarshalBinary writes the binary form.
func (c Coverage) MarshalBinary() ([]byte, error) {
	return appendCounts([]byte{binaryVersion}, c.binaryCounts()), nil
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of NewCoverage.
func (c *Coverage) UnmarshalBinary(data []byte) error {
	v, err := decodeBinary("coverage", data, 2, func(n []int64) (Coverage, error) { return NewCoverage(n[0], n[1]) })
	if err == nil {
		*c = v
	}
	return err
}

// tallyCounts is the number of counts in the binary form of Tallies.
const tallyCounts = 5 + 2 + 3 + 2 + 7 + 2

// AppendBinary appends the binary form of t to b and returns the extended slice: with a reused buffer, encoding
// allocates nothing.
func (t Tallies) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, binaryVersion)
	c := &t.CSI.counts
	for _, n := range [tallyCounts]int64{c[0], c[1], c[2], c[3], c[4], t.Recommend.yes, t.Recommend.total,
		t.Classic.promoters, t.Classic.passives, t.Classic.detractors, t.CSAT.satisfied, t.CSAT.total,
		t.CES.counts[0], t.CES.counts[1], t.CES.counts[2], t.CES.counts[3], t.CES.counts[4], t.CES.counts[5],
		t.CES.counts[6], t.FCR.resolved, t.FCR.total} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	return b, nil
}

// MarshalBinary writes the binary form of every tally (see binary.go's notes).
func (t Tallies) MarshalBinary() ([]byte, error) {
	return t.AppendBinary(make([]byte, 0, 1+tallyCounts))
}

// UnmarshalBinary reads the form MarshalBinary writes, with the checks of each tally's constructor. It allocates
// nothing. On error t is unchanged.
func (t *Tallies) UnmarshalBinary(data []byte) error {
	r, err := newCountReader("tallies", data)
	if err != nil {
		return err
	}
	var v Tallies
	c, e := &v.CSI.counts, &v.CES.counts
	if err := r.read(&c[0], &c[1], &c[2], &c[3], &c[4], &v.Recommend.yes, &v.Recommend.total,
		&v.Classic.promoters, &v.Classic.passives, &v.Classic.detractors, &v.CSAT.satisfied, &v.CSAT.total,
		&e[0], &e[1], &e[2], &e[3], &e[4], &e[5], &e[6], &v.FCR.resolved, &v.FCR.total); err != nil {
		return err
	}
	if err := r.end(); err != nil {
		return err
	}
	if err := v.validate(); err != nil {
		return failCause(ErrDecode, err, "tallies binary")
	}
	*t = v
	return nil
}

// validate checks every tally as its constructor would.
func (t Tallies) validate() error {
	if _, err := checkCounts("CSI", t.CSI.counts[:], 1); err != nil {
		return err
	}
	if err := checkPart("recommend: yes", t.Recommend.yes, "total", t.Recommend.total); err != nil {
		return err
	}
	if _, err := NewClassicNPS(t.Classic.promoters, t.Classic.passives, t.Classic.detractors); err != nil {
		return err
	}
	if err := checkPart("CSAT: satisfied", t.CSAT.satisfied, "total", t.CSAT.total); err != nil {
		return err
	}
	if _, err := checkCounts("CES", t.CES.counts[:], 1); err != nil {
		return err
	}
	return checkPart("FCR: resolved", t.FCR.resolved, "total", t.FCR.total)
}

// Add counts one answer into t in place, sorting a classic NPS answer by cuts (the zero value means
// StandardCuts): the cheap way to keep stored tallies up to date (read the binary form, Add, write it back). An
// answer off its scale is an *AnswerError, an unknown kind wraps ErrInvalidResponse, invalid cuts wrap
// ErrInvalidSetting, and a tally already holding MaxCount answers wraps ErrInvalidCount; on error t is unchanged.
func (t *Tallies) Add(a Answer, cuts ClassicCuts) error {
	if t == nil {
		return fail(ErrInvalidResponse, "Add called on a nil *Tallies")
	}
	if err := cuts.Validate(); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	var n int64
	switch a.Kind {
	case KindCSI:
		n = t.CSI.Total()
	case KindRecommend:
		n = t.Recommend.total
	case KindClassic:
		n = t.Classic.Total()
	case KindCSAT:
		n = t.CSAT.total
	case KindCES:
		n = t.CES.Total()
	case KindFCR:
		n = t.FCR.total
	}
	if n >= MaxCount {
		return fail(ErrInvalidCount, "%s tally already holds the maximum %d answers", a.Kind, MaxCount)
	}
	t.add(a, cuts.effective())
	return nil
}

// scanBytes returns the bytes of a bytea column value.
func scanBytes(what string, src any) ([]byte, error) {
	switch v := src.(type) {
	case []byte:
		return v, nil
	case nil:
		return nil, fail(ErrScan, "scan %s: NULL; use sql.Null for a nullable column", what)
	}
	return nil, fail(ErrScan, "scan %s: database value of type %T; store the binary form in a bytea column", what, src)
}

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (t Tallies) Value() (driver.Value, error) { return t.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error t is unchanged.
func (t *Tallies) Scan(src any) error {
	b, err := scanBytes("tallies", src)
	if err != nil {
		return err
	}
	return t.UnmarshalBinary(b)
}

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (c CSI) Value() (driver.Value, error) { return c.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error c is unchanged.
func (c *CSI) Scan(src any) error { return scanInto("CSI", src, c.UnmarshalBinary) }

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (s RecommendShare) Value() (driver.Value, error) { return s.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error s is unchanged.
func (s *RecommendShare) Scan(src any) error {
	return scanInto("recommend share", src, s.UnmarshalBinary)
}

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (c ClassicNPS) Value() (driver.Value, error) { return c.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error c is unchanged.
func (c *ClassicNPS) Scan(src any) error { return scanInto("classic NPS", src, c.UnmarshalBinary) }

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (c CSAT) Value() (driver.Value, error) { return c.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error c is unchanged.
func (c *CSAT) Scan(src any) error { return scanInto("CSAT", src, c.UnmarshalBinary) }

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (c CES) Value() (driver.Value, error) { return c.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error c is unchanged.
func (c *CES) Scan(src any) error { return scanInto("CES", src, c.UnmarshalBinary) }

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (f FCR) Value() (driver.Value, error) { return f.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error f is unchanged.
func (f *FCR) Scan(src any) error { return scanInto("FCR", src, f.UnmarshalBinary) }

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (c Coverage) Value() (driver.Value, error) { return c.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors wrap ErrScan or ErrDecode; on error c is unchanged.
func (c *Coverage) Scan(src any) error { return scanInto("coverage", src, c.UnmarshalBinary) }

func scanInto(what string, src any, decode func([]byte) error) error {
	b, err := scanBytes(what, src)
	if err != nil {
		return err
	}
	return decode(b)
}
