package sqbeam_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// userTotals is a user's own element holding library types in exported fields.
type userTotals struct {
	Key     string
	Calls   rating.Accumulator
	Tallies survey.Tallies
	CSAT    survey.Share
	Mean    sq.Fraction
	Period  sq.Period
}

func userJSON(_ int, all func(*userTotals) bool, emit func(string)) error {
	var u userTotals
	for all(&u) {
		b, err := json.Marshal(u)
		if err != nil {
			return err
		}
		emit(string(b))
	}
	return nil
}

func init() {
	register.Function3x1[int, func(*userTotals) bool, func(string), error](userJSON)
	register.Iter1[userTotals]()
}

// TestLibraryFieldsInUserStructs sends a user's struct with rating.Accumulator, survey.Tallies, survey.Share,
// sq.Fraction and sq.Period fields through a shuffle on prism: the schema providers keep their state (without
// them each arrives empty).
func TestLibraryFieldsInUserStructs(t *testing.T) {
	var want []string
	var elems []userTotals
	for i := range 50 {
		u := userTotals{Key: fmt.Sprintf("k%02d", i)}
		for j := range i + 1 {
			if err := u.Calls.Add(decimal.New(int64(j%50), -1)); err != nil {
				t.Fatal(err)
			}
		}
		tl, err := survey.Tally([]survey.Response{{Answer: survey.Answer{Kind: survey.KindCSI, Value: 1 + i%5}}}, survey.ClassicCuts{})
		if err != nil {
			t.Fatal(err)
		}
		u.Tallies = tl
		if u.CSAT, err = survey.NewShare(int64(i), int64(i+i%3)); err != nil {
			t.Fatal(err)
		}
		if u.Mean, err = sq.Ratio(int64(i), 7); err != nil {
			t.Fatal(err)
		}
		from := time.Date(2026, time.Month(1+i%12), 1, 0, 0, 0, i, time.FixedZone("", 3600*(i%6)))
		u.Period = sq.Period{From: from, To: from.AddDate(0, 3, 0)}
		elems = append(elems, u)
		b, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, string(b))
	}
	p, s := beam.NewPipelineWithRoot()
	col := beam.CreateList(s, elems)
	collect(s, "fields", beam.ParDo(s, userJSON, beam.GroupByKey(s, beam.AddFixedKey(s, col))))
	if err := sqbeam.CheckCoders(p); err != nil {
		t.Fatalf("CheckCoders() = %v, want nil: the fields have schema providers", err)
	}
	run(t, p)
	got := take("fields")
	slices.Sort(got)
	slices.Sort(want)
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("user structs after a shuffle mismatch (-want +got):\n%s", diff)
	}
}
