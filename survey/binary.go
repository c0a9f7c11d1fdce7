package survey

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/servicequality/servicequality/sq"
)

// The binary form of Tallies, for storage (a bytea column) and for moving tallies between processes: far cheaper
// than JSON. It is a version byte (1) followed by 21 counts as unsigned varints, in this order: the CSI counts of
// 1 to 5; the Recommend hits and total; the classic promoters, passives and detractors; the CSAT hits and total; the
// CES counts of 1 to 7; the FCR hits and total.
//
// Decoding is strict: counts not in their shortest varint form, truncated data, bytes after the data and an unknown
// version are errors wrapping sq.ErrMalformed; a count above MaxCount wraps sq.ErrLimit; inconsistent counts (a
// part above its whole) wrap ErrInvalidCount; the receiver is then unchanged.

// binaryVersion is the version byte of the binary forms.
const binaryVersion = 1

// countReader reads the counts of a binary form.
type countReader struct {
	what string
	b    []byte
	off  int
}

func newCountReader(what string, data []byte) (countReader, error) {
	if len(data) == 0 {
		return countReader{}, problem(sq.ErrMalformed, what, "", "binary form: no data")
	}
	if data[0] != binaryVersion {
		return countReader{}, problem(sq.ErrMalformed, what, fmt.Sprintf("version %d", data[0]),
			fmt.Sprintf("binary form of version %d", binaryVersion))
	}
	return countReader{what: what, b: data, off: 1}, nil
}

// read fills dst with counts, each within 0…MaxCount.
func (r *countReader) read(dst ...*int64) error {
	for _, d := range dst {
		v, n := binary.Uvarint(r.b[r.off:])
		if n <= 0 {
			return problem(sq.ErrMalformed, r.what, fmt.Sprintf("byte %d", r.off), "binary form: a whole count")
		}
		if n != (bits.Len64(v|1)+6)/7 {
			return problem(sq.ErrMalformed, r.what, fmt.Sprintf("byte %d", r.off), "binary form: counts in their shortest form")
		}
		if v > uint64(MaxCount) {
			return problem(sq.ErrLimit, r.what, fmt.Sprintf("count %d at byte %d", v, r.off), fmt.Sprintf("at most %d", MaxCount))
		}
		r.off += n
		*d = int64(v)
	}
	return nil
}

func (r *countReader) end() error {
	if r.off != len(r.b) {
		return problem(sq.ErrMalformed, r.what, fmt.Sprintf("%d bytes after the data", len(r.b)-r.off), "binary form: nothing after the counts")
	}
	return nil
}

// tallyCounts is the number of counts in the binary form of Tallies.
const tallyCounts = 5 + 2 + 3 + 2 + 7 + 2

// AppendBinary appends the binary form of t to b and returns the extended slice: with a reused buffer, encoding
// allocates nothing.
func (t Tallies) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, binaryVersion)
	c := &t.CSI.counts
	for _, n := range [tallyCounts]int64{c[0], c[1], c[2], c[3], c[4], t.Recommend.hits, t.Recommend.total,
		t.Classic.promoters, t.Classic.passives, t.Classic.detractors, t.CSAT.hits, t.CSAT.total,
		t.CES.counts[0], t.CES.counts[1], t.CES.counts[2], t.CES.counts[3], t.CES.counts[4], t.CES.counts[5],
		t.CES.counts[6], t.FCR.hits, t.FCR.total} {
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
	if err := r.read(&c[0], &c[1], &c[2], &c[3], &c[4], &v.Recommend.hits, &v.Recommend.total,
		&v.Classic.promoters, &v.Classic.passives, &v.Classic.detractors, &v.CSAT.hits, &v.CSAT.total,
		&e[0], &e[1], &e[2], &e[3], &e[4], &e[5], &e[6], &v.FCR.hits, &v.FCR.total); err != nil {
		return err
	}
	if err := r.end(); err != nil {
		return err
	}
	if err := v.validate(); err != nil {
		return at("tallies", err)
	}
	*t = v
	return nil
}

// validate checks every tally as its constructor would.
func (t Tallies) validate() error {
	if _, err := checkCounts("CSI", t.CSI.counts[:], 1); err != nil {
		return at("csi", err)
	}
	if err := at("recommend", checkPart("hits", t.Recommend.hits, "total", t.Recommend.total)); err != nil {
		return err
	}
	if _, err := NewClassicNPS(t.Classic.promoters, t.Classic.passives, t.Classic.detractors); err != nil {
		return at("classic", err)
	}
	if err := at("csat", checkPart("hits", t.CSAT.hits, "total", t.CSAT.total)); err != nil {
		return err
	}
	if _, err := checkCounts("CES", t.CES.counts[:], 1); err != nil {
		return at("ces", err)
	}
	return at("fcr", checkPart("hits", t.FCR.hits, "total", t.FCR.total))
}

// Add counts one answer into t in place, sorting a classic NPS answer by cuts (the zero value means the standard
// cuts): the cheap way to keep stored tallies up to date (read the binary form, Add, write it back). An answer off
// its scale or of no kind wraps ErrInvalidAnswer, invalid cuts wrap ErrInvalidSetting, and a tally already holding
// MaxCount answers wraps sq.ErrLimit; on error t is unchanged.
func (t *Tallies) Add(a Answer, cuts ClassicCuts) error {
	if t == nil {
		return fail(sq.ErrInvalid, "Add called on a nil *Tallies")
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
		return problem(sq.ErrLimit, kindCodes[a.Kind], fmt.Sprintf("%d answers", n), fmt.Sprintf("at most %d", MaxCount))
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
		return nil, problem(sq.ErrMalformed, what, "NULL", "bytea; use sql.Null for a nullable column")
	}
	return nil, problem(sq.ErrMalformed, what, fmt.Sprintf("database value of type %T", src), "the binary form in a bytea column")
}

// Value stores the binary form (column type bytea). It implements driver.Valuer.
func (t Tallies) Value() (driver.Value, error) { return t.MarshalBinary() }

// Scan reads a bytea column written by Value. Errors are those of UnmarshalBinary, and NULL or a value of another
// type wraps sq.ErrMalformed; on error t is unchanged.
func (t *Tallies) Scan(src any) error {
	b, err := scanBytes("tallies", src)
	if err != nil {
		return err
	}
	return t.UnmarshalBinary(b)
}
