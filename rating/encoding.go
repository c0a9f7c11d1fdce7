package rating

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/bits"
	"strconv"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Encodings of accumulators, so they can be stored and resumed, or combined across machines (SPEC R10).
//
// JSON: an Accumulator is {"count":3,"sum":"12.5"}, the sum a decimal string; a Grouped is
// {"groups":[{"key":"e1","count":3,"sum":"12.5"}, ...]} in ascending key order. Decoding is strict: unknown,
// missing or repeated fields, field names in another case, null, a number for the sum or a non-integer count,
// trailing data, a negative count, a sum outside 0–5·count, a non-zero sum of no values and duplicate or empty
// keys are errors wrapping sq.ErrMalformed.
//
// Binary: a version byte (1), then for an Accumulator the scale byte (0–18) and the count, the high and the low 64
// bits of the sum in units as unsigned varints; a Grouped holds the number of groups and, per group in ascending
// key order, the key length as a varint, the key bytes and an Accumulator without its version byte. Varints not
// in their shortest form, truncated data, trailing bytes, an unknown version and inconsistent values are errors
// wrapping sq.ErrMalformed.

// binaryVersion is the version byte of the binary encodings.
const binaryVersion = 1

// accumulatorFromUnits validates decoded parts and builds the accumulator.
func accumulatorFromUnits(n int64, scale int32, hi, lo uint64) (Accumulator, error) {
	if n < 0 {
		return Accumulator{}, fmt.Errorf("count %d is negative", n)
	}
	if scale < 0 || scale > dec.MaxScale {
		return Accumulator{}, fmt.Errorf("scale %d is outside 0–%d", scale, dec.MaxScale)
	}
	if !below(hi, lo) {
		return Accumulator{}, fmt.Errorf("sum reaches 10^30 units of 10^-%d", scale)
	}
	// Every value is at most 5, so the sum is at most 5·count.
	mh, ml := bits.Mul64(fiveUnits[scale], uint64(n))
	if hi > mh || (hi == mh && lo > ml) {
		a := Accumulator{n: n, scale: scale, hi: hi, lo: lo}
		return Accumulator{}, fmt.Errorf("sum %s exceeds 5 × count %d", a.Sum(), n)
	}
	return Accumulator{n: n, scale: scale, hi: hi, lo: lo}, nil
}

// accumulatorFromSum builds an accumulator from a count and a decimal sum.
func accumulatorFromSum(n int64, sum decimal.Decimal) (Accumulator, error) {
	if sum.Sign() < 0 {
		return Accumulator{}, fmt.Errorf("sum %s is negative", sum)
	}
	scale := max(0, -sum.Exponent())
	if scale > dec.MaxScale {
		return Accumulator{}, fmt.Errorf("sum %s has more than %d digits after the point", sum, dec.MaxScale)
	}
	u := sum.Coefficient()
	if shift := int64(sum.Exponent()) + int64(scale); shift > 0 {
		if shift > 40 {
			return Accumulator{}, fmt.Errorf("sum %s is too large", sum)
		}
		u.Mul(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(shift), nil))
	}
	if u.BitLen() > 128 {
		return Accumulator{}, fmt.Errorf("sum %s is too large", sum)
	}
	lo := new(big.Int).And(u, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
	hi := new(big.Int).Rsh(u, 64).Uint64()
	return accumulatorFromUnits(n, scale, hi, lo)
}

// readObject reads one JSON object from raw whose keys are exactly the names of fields (case included), each at
// most once, and stores each value's raw text. Unknown, duplicate and missing keys, null, anything but an object
// and data after the object are errors.
func readObject(raw []byte, fields map[string]*json.RawMessage) error {
	return readObjectOptional(raw, fields, nil)
}

// readObjectOptional is readObject where the keys in optional may be left out.
func readObjectOptional(raw []byte, fields map[string]*json.RawMessage, optional map[string]bool) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("not a JSON object: %.40s", raw)
	}
	seen := make(map[string]bool, len(fields))
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		dst, known := fields[key]
		if !known {
			return fmt.Errorf("unknown field %q", clip(key))
		}
		if seen[key] {
			return fmt.Errorf("field %q appears twice", key)
		}
		seen[key] = true
		if err := d.Decode(dst); err != nil {
			return fmt.Errorf("field %q: %w", key, err)
		}
	}
	if _, err := d.Token(); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("data after the JSON object")
	}
	for key := range fields {
		if !seen[key] && !optional[key] {
			return fmt.Errorf("field %q is missing", key)
		}
	}
	return nil
}

// decodeAccumulatorFields builds an accumulator from the raw "count" (a JSON integer) and "sum" (a decimal string).
func decodeAccumulatorFields(count, sum json.RawMessage) (Accumulator, error) {
	n, err := strconv.ParseInt(string(count), 10, 64)
	if err != nil {
		return Accumulator{}, fmt.Errorf(`field "count" must be an integer, got %.40s`, count)
	}
	if len(sum) == 0 || sum[0] != '"' {
		return Accumulator{}, fmt.Errorf(`field "sum" must be a decimal string, got %.40s`, sum)
	}
	total, err := dec.UnmarshalJSON(sum)
	if err != nil {
		return Accumulator{}, fmt.Errorf(`field "sum": %w`, err)
	}
	return accumulatorFromSum(n, total)
}

// decodeAccumulatorJSON reads {"count":n,"sum":"s"}.
func decodeAccumulatorJSON(b []byte) (Accumulator, error) {
	var count, sum json.RawMessage
	if err := readObject(b, map[string]*json.RawMessage{"count": &count, "sum": &sum}); err != nil {
		return Accumulator{}, err
	}
	return decodeAccumulatorFields(count, sum)
}

// MarshalJSON writes {"count":n,"sum":"s"}.
func (a Accumulator) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 48)
	b = append(b, `{"count":`...)
	b = strconv.AppendInt(b, a.n, 10)
	b = append(b, `,"sum":`...)
	b = appendDecJSON(b, a.Sum())
	return append(b, '}'), nil
}

// UnmarshalJSON reads the form written by MarshalJSON, strictly (see the package's encoding notes). On error a
// is unchanged.
func (a *Accumulator) UnmarshalJSON(b []byte) error {
	acc, err := decodeAccumulatorJSON(b)
	if err != nil {
		return errorf("accumulator JSON: %w: %w", errDecode, err)
	}
	*a = acc
	return nil
}

// appendBinary appends the scale, count, high and low words.
func (a Accumulator) appendBinary(b []byte) []byte {
	b = append(b, byte(a.scale))
	b = binary.AppendUvarint(b, uint64(a.n))
	b = binary.AppendUvarint(b, a.hi)
	return binary.AppendUvarint(b, a.lo)
}

// MarshalBinary writes the binary form (see the package's encoding notes).
func (a Accumulator) MarshalBinary() ([]byte, error) {
	return a.appendBinary([]byte{binaryVersion}), nil
}

// UnmarshalBinary reads the form written by MarshalBinary. On error a is unchanged.
func (a *Accumulator) UnmarshalBinary(data []byte) error {
	r := reader{b: data}
	if err := r.version(); err != nil {
		return errorf("accumulator binary: %w: %w", errDecode, err)
	}
	acc, err := r.accumulator()
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return errorf("accumulator binary: %w: %w", errDecode, err)
	}
	*a = acc
	return nil
}

// reader reads the binary encodings.
type reader struct {
	b   []byte
	off int
}

func (r *reader) byte() (byte, error) {
	if r.off >= len(r.b) {
		return 0, fmt.Errorf("truncated at byte %d", r.off)
	}
	r.off++
	return r.b[r.off-1], nil
}

func (r *reader) uvarint() (uint64, error) {
	v, n := binary.Uvarint(r.b[r.off:])
	if n == 0 {
		return 0, fmt.Errorf("truncated at byte %d", r.off)
	}
	if n < 0 {
		return 0, fmt.Errorf("varint at byte %d overflows 64 bits", r.off)
	}
	if n != (bits.Len64(v|1)+6)/7 {
		return 0, fmt.Errorf("varint at byte %d is not in its shortest form", r.off)
	}
	r.off += n
	return v, nil
}

func (r *reader) version() error {
	v, err := r.byte()
	if err != nil {
		return err
	}
	if v != binaryVersion {
		return fmt.Errorf("version %d, only %d is known", v, binaryVersion)
	}
	return nil
}

func (r *reader) accumulator() (Accumulator, error) {
	s, err := r.byte()
	if err != nil {
		return Accumulator{}, err
	}
	var w [3]uint64
	for i := range w {
		if w[i], err = r.uvarint(); err != nil {
			return Accumulator{}, err
		}
	}
	if w[0] > math.MaxInt64 {
		return Accumulator{}, fmt.Errorf("count %d exceeds 2^63−1", w[0])
	}
	return accumulatorFromUnits(int64(w[0]), int32(s), w[1], w[2])
}

func (r *reader) end() error {
	if r.off != len(r.b) {
		return fmt.Errorf("%d bytes after the data", len(r.b)-r.off)
	}
	return nil
}

// MarshalJSON writes {"groups":[...]} in ascending key order. It has a value receiver so that a Grouped held by
// value in a struct is encoded too.
func (g Grouped) MarshalJSON() ([]byte, error) {
	b := []byte(`{"groups":[`)
	for i, k := range g.sortedKeys() {
		if i > 0 {
			b = append(b, ',')
		}
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b = append(b, `{"key":`...)
		b = append(b, key...)
		acc, _ := g.accs[g.index[k]].MarshalJSON()
		b = append(b, ',')
		b = append(b, acc[1:]...) // the accumulator's fields and closing brace
	}
	return append(b, "]}"...), nil
}

// UnmarshalJSON reads the form written by MarshalJSON, strictly; groups may come in any order. On error g is
// unchanged.
func (g *Grouped) UnmarshalJSON(b []byte) error {
	out, err := decodeGroupedJSON(b)
	if err != nil {
		return errorf("grouped JSON: %w: %w", errDecode, err)
	}
	*g = out
	return nil
}

func decodeGroupedJSON(b []byte) (Grouped, error) {
	var groups json.RawMessage
	if err := readObject(b, map[string]*json.RawMessage{"groups": &groups}); err != nil {
		return Grouped{}, err
	}
	d := json.NewDecoder(bytes.NewReader(groups))
	if tok, err := d.Token(); err != nil || tok != json.Delim('[') {
		return Grouped{}, fmt.Errorf(`field "groups" must be an array, got %.40s`, groups)
	}
	var out Grouped
	for i := 0; d.More(); i++ {
		var raw, key, count, sum json.RawMessage
		if err := d.Decode(&raw); err != nil {
			return Grouped{}, err
		}
		if err := readObject(raw, map[string]*json.RawMessage{"key": &key, "count": &count, "sum": &sum}); err != nil {
			return Grouped{}, fmt.Errorf("groups[%d]: %w", i+1, err)
		}
		var k string
		if len(key) == 0 || key[0] != '"' || json.Unmarshal(key, &k) != nil {
			return Grouped{}, fmt.Errorf(`groups[%d]: field "key" must be a string, got %.40s`, i+1, key)
		}
		acc, err := decodeAccumulatorFields(count, sum)
		if err != nil {
			return Grouped{}, fmt.Errorf("group %q: %w", clip(k), err)
		}
		if err := out.insertDecoded(k, acc); err != nil {
			return Grouped{}, err
		}
	}
	return out, nil
}

// insertDecoded adds a decoded group, refusing bad or duplicate keys.
func (g *Grouped) insertDecoded(key string, a Accumulator) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if _, dup := g.index[key]; dup {
		return fmt.Errorf("group %q appears twice", key)
	}
	g.insert(key, a)
	return nil
}

// MarshalBinary writes the binary form in ascending key order.
func (g Grouped) MarshalBinary() ([]byte, error) {
	b := []byte{binaryVersion}
	b = binary.AppendUvarint(b, uint64(len(g.keys)))
	for _, k := range g.sortedKeys() {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = g.accs[g.index[k]].appendBinary(b)
	}
	return b, nil
}

// UnmarshalBinary reads the form written by MarshalBinary. On error g is unchanged.
func (g *Grouped) UnmarshalBinary(data []byte) error {
	out, err := decodeGrouped(data)
	if err != nil {
		return errorf("grouped binary: %w: %w", errDecode, err)
	}
	*g = out
	return nil
}

// minGroupBytes is the smallest encoding of one group: key length, one key byte, scale, count, hi, lo.
const minGroupBytes = 6

func decodeGrouped(data []byte) (Grouped, error) {
	r := reader{b: data}
	if err := r.version(); err != nil {
		return Grouped{}, err
	}
	n, err := r.uvarint()
	if err != nil {
		return Grouped{}, err
	}
	if n > uint64(len(data)-r.off)/minGroupBytes {
		return Grouped{}, fmt.Errorf("%d groups cannot fit in %d bytes", n, len(data)-r.off)
	}
	out := Grouped{index: make(map[string]int, n), keys: make([]string, 0, n), accs: make([]Accumulator, 0, n)}
	for i := uint64(0); i < n; i++ {
		kl, err := r.uvarint()
		if err != nil {
			return Grouped{}, err
		}
		if kl > uint64(len(data)-r.off) {
			return Grouped{}, fmt.Errorf("key of %d bytes truncated at byte %d", kl, r.off)
		}
		key := string(data[r.off : r.off+int(kl)])
		r.off += int(kl)
		acc, err := r.accumulator()
		if err != nil {
			return Grouped{}, fmt.Errorf("group %q: %w", key, err)
		}
		if err := out.insertDecoded(key, acc); err != nil {
			return Grouped{}, err
		}
	}
	if err := r.end(); err != nil {
		return Grouped{}, err
	}
	return out, nil
}
