package surveytest

import (
	"strings"
	"testing"

	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// lossy is a share whose edges lose it: its JSON form is {} and its binary form reads back empty.
type lossy struct{ f survey.Share }

func (l lossy) Equal(o lossy) bool              { return l.f.Equal(o.f) }
func (l lossy) Merge(o lossy) (lossy, error)    { m, err := l.f.Merge(o.f); return lossy{m}, err }
func (l lossy) MarshalJSON() ([]byte, error)    { return []byte(`{}`), nil }
func (l lossy) MarshalBinary() ([]byte, error)  { return l.f.MarshalJSON() }
func (l *lossy) UnmarshalBinary(b []byte) error { return nil }
func lossyGen(n int64) *rapid.Generator[lossy] {
	return rapid.Map(Share(n), func(f survey.Share) lossy { return lossy{f} })
}
func lossyEmpty(l lossy) bool                        { return fcrEmpty(l.f) }
func fcrEmpty(f survey.Share) bool                   { return f.Total() == 0 }
func lossyMerge(a, b lossy) (lossy, error)           { return a.Merge(b) }
func fcrPercent(f survey.Share) (sq.Fraction, error) { return f.Percent() }

// TestCheckFails proves that each invariant of Check can fail: a tally broken in one way is caught, and the
// message names the invariant and shows the tallies.
func TestCheckFails(t *testing.T) {
	tests := []struct {
		name   string
		k      kind
		opts   []Option
		want   string
		reason string
	}{
		{"range", newKind("FCR", Share, survey.Share.Merge, fcrEmpty, rate[survey.Share]{"percent", 0, 100,
			func(f survey.Share) (sq.Fraction, error) {
				p, err := fcrPercent(f)
				return p.Add(sq.FractionOf(decimal.New(1, -2))), err
			}}), nil, "range: FCR percent of", "a percentage one hundredth too high reaches 100.01"},
		{"empty", newKind("FCR", Share, survey.Share.Merge, fcrEmpty, rate[survey.Share]{"percent", 0, 100,
			func(f survey.Share) (sq.Fraction, error) {
				if fcrEmpty(f) {
					return sq.Fraction{}, nil
				}
				return fcrPercent(f)
			}}), nil, "range: FCR percent of the empty tally gives 0 (error <nil>), want an error wrapping ErrEmpty",
			"a rate of no answers at all"},
		{"merge", newKind("FCR", Share, func(a, b survey.Share) (survey.Share, error) { return a, nil }, fcrEmpty),
			nil, "merge: FCR: a merged with b gives", "a merge that drops its argument"},
		{"json", newKind("lossy", lossyGen, lossyMerge, lossyEmpty), nil, "json: lossy", "a JSON form of {}"},
		{"binary", newKind("lossy", lossyGen, lossyMerge, lossyEmpty), []Option{Skip(InvJSON)}, "binary: lossy",
			"a binary form that reads back empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failed, out := recordtb.Run(t, func(tb testing.TB) { check(tb, newConfig(tt.opts), []kind{tt.k}) })
			if !failed || !strings.Contains(out, tt.want) {
				t.Errorf("check (%s): failed %t, output:\n%s\nwant it to contain %q", tt.reason, failed, out, tt.want)
			}
		})
	}
}
