package survey_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/servicequality/servicequality/survey/surveytest"
	"pgregory.net/rapid"
)

// stored is a value with a binary form that is stored in a database column.
type stored[T any] interface {
	encoding.BinaryMarshaler
	driver.Valuer
	Equal(T) bool
}

// checkStored checks the binary form (decode gives Equal, re-encoding gives the same bytes) and the round trip
// through a driver.Value.
func checkStored[T stored[T], PT interface {
	*T
	encoding.BinaryUnmarshaler
	sql.Scanner
}](t *rapid.T, v T) {
	b, err := v.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back := PT(new(T))
	if err := back.UnmarshalBinary(b); err != nil || !(*back).Equal(v) {
		t.Fatalf("%T: binary round trip gave %v", v, err)
	}
	again, _ := (*back).MarshalBinary()
	if diff := cmp.Diff(b, again); diff != "" {
		t.Fatalf("%T: re-encoding mismatch (-first +second):\n%s", v, diff)
	}
	dv, err := driver.DefaultParameterConverter.ConvertValue(v)
	if err != nil || !driver.IsValue(dv) {
		t.Fatalf("%T: driver value %v, %v", v, dv, err)
	}
	scanned := PT(new(T))
	if err := scanned.Scan(dv); err != nil || !(*scanned).Equal(v) {
		t.Fatalf("%T: Scan of the stored value gave %v", v, err)
	}
}

// TestBinaryRoundTrip: Tallies survive their binary form and a database column.
func TestBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tl := surveytest.Tallies(rapid.Int64Range(0, survey.MaxCount/10).Draw(t, "max")).Draw(t, "tallies")
		checkStored(t, tl)
	})
}

// TestTalliesBinaryStrict: truncated data, trailing bytes, unknown versions, counts above MaxCount and
// inconsistent counts are refused, and the receiver keeps its value.
func TestTalliesBinaryStrict(t *testing.T) {
	good, _ := survey.Tallies{Recommend: must(survey.NewShare(2, 3))}.MarshalBinary()
	with := func(i int, v byte) []byte {
		b := append([]byte(nil), good...)
		b[i] = v
		return b
	}
	tests := []struct {
		in     []byte
		want   error
		reason string
	}{
		{nil, sq.ErrMalformed, "no data"},
		{good[:len(good)-1], sq.ErrMalformed, "truncated"},
		{append(append([]byte(nil), good...), 0), sq.ErrMalformed, "a byte after the data"},
		{with(0, 2), sq.ErrMalformed, "unknown version"},
		{append([]byte{1, 0x80, 0x00}, good[2:]...), sq.ErrMalformed, "count 0 not in its shortest form"},
		{with(6, 4), survey.ErrInvalidCount, "3 yes answers out of 2"},
		{append([]byte{1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, good[2:]...), sq.ErrMalformed, "overlong varint"},
		{append([]byte{1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02}, good[2:]...), sq.ErrLimit, "count 2^57 above MaxCount"},
	}
	for _, tt := range tests {
		keep := survey.Tallies{FCR: must(survey.NewShare(1, 1))}
		v := keep
		err := v.UnmarshalBinary(tt.in)
		wantErr(t, tt.reason, err, tt.want)
		if !v.Equal(keep) {
			t.Errorf("%s: the receiver changed on error", tt.reason)
		}
	}
}

// TestTalliesAdd: adding answers in place one by one gives what Tally gives for the stream, and a bad answer
// leaves the tallies unchanged.
func TestTalliesAdd(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(surveytest.Response(from, time.Hour), 0, 40).Draw(t, "responses")
		cuts := rapid.SampledFrom([]survey.ClassicCuts{{}, {DetractorMax: 4, PromoterMin: 8}}).Draw(t, "cuts")
		var got survey.Tallies
		for _, r := range rs {
			if err := got.Add(r.Answer, cuts); err != nil {
				t.Fatal(err)
			}
		}
		want, err := survey.Tally(rs, cuts)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Fatalf("Add one by one gave %+v, Tally %+v", got, want)
		}
	})
	keep := survey.Tallies{CSI: must(survey.NewCSI([5]int64{1, 0, 0, 0, 2}))}
	tests := []struct {
		a      survey.Answer
		cuts   survey.ClassicCuts
		want   error
		reason string
	}{
		{csiAnswer(6), survey.ClassicCuts{}, survey.ErrInvalidAnswer, "off the scale"},
		{survey.Answer{}, survey.ClassicCuts{}, survey.ErrInvalidAnswer, "no kind"},
		{classicAnswer(9), survey.ClassicCuts{DetractorMax: 9, PromoterMin: 9}, survey.ErrInvalidSetting, "bad cuts"},
	}
	for _, tt := range tests {
		v := keep
		err := v.Add(tt.a, tt.cuts)
		if !errors.Is(err, tt.want) || !v.Equal(keep) {
			t.Errorf("Add(%+v): error %v, tallies changed %v; want %v (%s)", tt.a, err, !v.Equal(keep), tt.want, tt.reason)
		}
	}
	full := survey.Tallies{FCR: must(survey.NewShare(0, survey.MaxCount))}
	if err := full.Add(fcrAnswer(true), survey.ClassicCuts{}); !errors.Is(err, sq.ErrLimit) {
		t.Errorf("Add to a full tally: error %v, want sq.ErrLimit", err)
	}
}

// TestScanRefuses: NULL and types other than bytea are refused as malformed; inconsistent counts as invalid.
func TestScanRefuses(t *testing.T) {
	tests := []struct {
		dst    sql.Scanner
		src    any
		want   error
		reason string
	}{
		{new(survey.Tallies), nil, sq.ErrMalformed, "NULL is not the empty tally"},
		{new(survey.Tallies), "\x01", sq.ErrMalformed, "text is not bytea"},
		{new(survey.Tallies), int64(5), sq.ErrMalformed, "a number is not a tally"},
		{new(survey.Tallies), 0.04, sq.ErrMalformed, "a float is not a tally"},
		{new(survey.Tallies), []byte{1, 0, 0, 0, 0, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, survey.ErrInvalidCount,
			"3 yes out of 2"},
	}
	for _, tt := range tests {
		wantErr(t, fmt.Sprintf("%T.Scan(%v): %s", tt.dst, tt.src, tt.reason), tt.dst.Scan(tt.src), tt.want)
	}
}
