package sqbeam

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync/atomic"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/typex"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// Coders. Beam's default schema (row) coder encodes exported fields only: a rating.Accumulator, whose state is
// unexported, would cross a bundle boundary as an empty accumulator, and the runner would report a count of 0
// for every key without any error. This package therefore registers, in init, a coder for every library type it
// lets reach Beam:
//
//   - rating.Accumulator, *rating.Grouped and survey.Tallies: their binary forms (MarshalBinary,
//     UnmarshalBinary), decoded strictly;
//   - sq.Fraction and sq.Period: their text forms ("13/3", RFC 3339 bounds with nanoseconds and offsets), which
//     round-trip to Equal values;
//   - survey.Share (CSAT, FCR, the recommend share, coverage): its strict JSON form;
//   - EmployeeTotals: its fields in turn, the accumulator and the tallies in the forms above.
//
// Beam's schema coder does not use registered coders for the fields of a struct. So that a struct of exported
// fields may hold any of the library types above, the package also registers them as schema logical types
// stored in the same forms (schema.go); other library types inside a struct are refused by CheckCoders.
//
// Every other element type of the package (ScoredCall, SurveyAnswer, ComplaintStatus, RegisterCounts, RatingRow,
// DeadLetter) has exported fields of plain types only (RegisterCounts keeps counts; its OnTimeRate, an
// sq.Fraction, is computed from them), so the schema coder encodes it whole. CheckCoders verifies
// a whole pipeline.

func init() {
	beam.RegisterCoder(reflect.TypeOf(rating.Accumulator{}), encodeAccumulator, decodeAccumulator)
	beam.RegisterCoder(reflect.TypeOf((*rating.Grouped)(nil)), encodeGrouped, decodeGrouped)
	beam.RegisterCoder(reflect.TypeOf(survey.Tallies{}), encodeTallies, decodeTallies)
	beam.RegisterCoder(reflect.TypeOf(EmployeeTotals{}), encodeTotals, decodeTotals)
	beam.RegisterCoder(reflect.TypeOf(sq.Fraction{}), encodeFraction, decodeFraction)
	beam.RegisterCoder(reflect.TypeOf(sq.Period{}), encodePeriod, decodePeriod)
	beam.RegisterCoder(reflect.TypeOf(survey.Share{}), encodeShare, decodeShare)
}

// decodes counts the accumulators and tallies decoded by this package's coders, so tests can show that values
// really crossed an encoding boundary.
var decodes atomic.Int64

func encodeAccumulator(a rating.Accumulator) ([]byte, error) { return a.MarshalBinary() }

func decodeAccumulator(b []byte) (rating.Accumulator, error) {
	decodes.Add(1)
	var a rating.Accumulator
	if err := a.UnmarshalBinary(b); err != nil {
		return rating.Accumulator{}, fmt.Errorf("sqbeam: decoding a rating.Accumulator: %w", err)
	}
	return a, nil
}

func encodeGrouped(g *rating.Grouped) ([]byte, error) {
	if g == nil {
		g = new(rating.Grouped)
	}
	return g.MarshalBinary()
}

func decodeGrouped(b []byte) (*rating.Grouped, error) {
	decodes.Add(1)
	g := new(rating.Grouped)
	if err := g.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("sqbeam: decoding a rating.Grouped: %w", err)
	}
	return g, nil
}

func encodeTallies(t survey.Tallies) ([]byte, error) { return t.MarshalBinary() }

func decodeTallies(b []byte) (survey.Tallies, error) {
	decodes.Add(1)
	var t survey.Tallies
	if err := t.UnmarshalBinary(b); err != nil {
		return survey.Tallies{}, fmt.Errorf("sqbeam: decoding survey.Tallies: %w", err)
	}
	return t, nil
}

func encodeFraction(f sq.Fraction) ([]byte, error) { return f.MarshalText() }

func decodeFraction(b []byte) (sq.Fraction, error) {
	decodes.Add(1)
	var f sq.Fraction
	if err := f.UnmarshalText(b); err != nil {
		return sq.Fraction{}, fmt.Errorf("sqbeam: decoding an sq.Fraction: %w", err)
	}
	return f, nil
}

func encodePeriod(p sq.Period) ([]byte, error) { return p.MarshalText() }

func decodePeriod(b []byte) (sq.Period, error) {
	decodes.Add(1)
	var p sq.Period
	if err := p.UnmarshalText(b); err != nil {
		return sq.Period{}, fmt.Errorf("sqbeam: decoding an sq.Period: %w", err)
	}
	return p, nil
}

func encodeShare(s survey.Share) ([]byte, error) { return s.MarshalJSON() }

func decodeShare(b []byte) (survey.Share, error) {
	decodes.Add(1)
	var s survey.Share
	if err := s.UnmarshalJSON(b); err != nil {
		return survey.Share{}, fmt.Errorf("sqbeam: decoding a survey.Share: %w", err)
	}
	return s, nil
}

// encodeTotals writes the employee ID, the accumulator and the tallies, each after its length as a uvarint, and
// the surveyed count as a uvarint.
func encodeTotals(t EmployeeTotals) ([]byte, error) {
	acc, err := t.Calls.MarshalBinary()
	if err != nil {
		return nil, err
	}
	tl, err := encodeTallies(t.Survey)
	if err != nil {
		return nil, err
	}
	if t.Surveyed < 0 {
		return nil, fmt.Errorf("sqbeam: employee %q: surveyed %d is negative", t.EmployeeID, t.Surveyed)
	}
	b := make([]byte, 0, 16+len(t.EmployeeID)+len(acc)+len(tl))
	for _, part := range [][]byte{[]byte(t.EmployeeID), acc, tl} {
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	return binary.AppendUvarint(b, uint64(t.Surveyed)), nil
}

// decodeTotals reads the form encodeTotals writes; truncated or trailing data is an error.
func decodeTotals(b []byte) (EmployeeTotals, error) {
	var parts [3][]byte
	for i := range parts {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return EmployeeTotals{}, fmt.Errorf("sqbeam: decoding EmployeeTotals: part %d truncated", i)
		}
		parts[i], b = b[k:k+int(n)], b[k+int(n):]
	}
	surveyed, k := binary.Uvarint(b)
	if k <= 0 || k != len(b) || surveyed > math.MaxInt64 {
		return EmployeeTotals{}, fmt.Errorf("sqbeam: decoding EmployeeTotals: bad surveyed count or trailing data")
	}
	acc, err := decodeAccumulator(parts[1])
	if err != nil {
		return EmployeeTotals{}, err
	}
	tl, err := decodeTallies(parts[2])
	if err != nil {
		return EmployeeTotals{}, err
	}
	return EmployeeTotals{EmployeeID: string(parts[0]), Calls: acc, Survey: tl, Surveyed: int64(surveyed)}, nil
}

// CheckCoders reports an error naming every type in the pipeline's PCollections and every combine accumulator
// type that Beam would encode with its schema coder although the type (or a type inside it) has unexported fields and no registered coder: such a
// value would lose its state silently between bundles. Build the pipeline, then call CheckCoders before running
// it; the error is nil when every type is safe.
func CheckCoders(p *beam.Pipeline) error {
	edges, nodes, err := p.Build()
	if err != nil {
		return fmt.Errorf("sqbeam: building the pipeline: %w", err)
	}
	var problems []string
	seen := make(map[reflect.Type]bool)
	check := func(t reflect.Type) {
		if coder.LookupCustomCoder(t) != nil {
			return
		}
		if p := unsafeType(t, seen); p != "" {
			problems = append(problems, p)
		}
	}
	for _, n := range nodes {
		walkFullType(n.Type(), check)
	}
	// A combine's accumulators are no PCollection, but the runner encodes them between bundles.
	for _, e := range edges {
		if e.CombineFn != nil {
			if m := e.CombineFn.MergeAccumulatorsFn(); m != nil && len(m.Ret) > 0 {
				check(m.Ret[0].T)
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqbeam: %d types would lose state in Beam's schema coder (register a coder with "+
			"beam.RegisterCoder): %s", len(problems), strings.Join(problems, "; "))
	}
	return nil
}

// walkFullType calls f with every concrete type inside a Beam full type (KV, CoGBK, windowed values ...).
func walkFullType(ft typex.FullType, f func(reflect.Type)) {
	if ft == nil {
		return
	}
	if cs := ft.Components(); len(cs) > 0 {
		for _, c := range cs {
			walkFullType(c, f)
		}
		return
	}
	if t := ft.Type(); t != nil {
		f(t)
	}
}

// unsafeType returns a description of the first problem of t, encoded by Beam's schema coder, or "" when t is
// encoded whole. The schema coder ignores registered coders of field types, so a field whose type has
// unexported state is a problem even when that type has a coder, unless a schema provider stores it (schemaSafe).
// Types already looked at are skipped.
func unsafeType(t reflect.Type, seen map[reflect.Type]bool) string {
	if seen[t] || schemaSafe[t] {
		return ""
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return unsafeType(t.Elem(), seen)
	case reflect.Map:
		if p := unsafeType(t.Key(), seen); p != "" {
			return p
		}
		return unsafeType(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			fl := t.Field(i)
			if !fl.IsExported() {
				return fmt.Sprintf("%v has the unexported field %s and no registered coder", t, fl.Name)
			}
			if p := unsafeType(fl.Type, seen); p != "" {
				return p
			}
		}
	}
	return ""
}
