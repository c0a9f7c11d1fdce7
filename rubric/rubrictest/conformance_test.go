package rubrictest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/internal/recordtb"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// floatCallScore is the call rubric re-implemented the way a web form often is: points summed as float64.
func floatCallScore(e rubric.Evaluation) (decimal.Decimal, error) {
	sum := 0.0
	for _, a := range e.Answers {
		switch a.Level {
		case "":
			sum += a.Points.InexactFloat64()
		case "green":
			sum += 0.5
		case "red":
			return decimal.Zero, nil
		}
	}
	if len(e.Violations) > 0 {
		return decimal.Zero, nil
	}
	return decimal.NewFromFloat(sum), nil
}

// decimalCallScore is the same port with decimals: it conforms.
func decimalCallScore(e rubric.Evaluation) (decimal.Decimal, error) {
	sum := decimal.Zero
	for _, a := range e.Answers {
		switch a.Level {
		case "":
			sum = sum.Add(a.Points)
		case "green":
			sum = sum.Add(decimal.New(5, -1))
		case "red":
			return decimal.Zero, nil
		case "yellow":
		default:
			return decimal.Zero, fmt.Errorf("unknown level %q", a.Level)
		}
	}
	if len(e.Violations) > 0 {
		return decimal.Zero, nil
	}
	return sum, nil
}

// TestConformanceCatchesFloat proves that the conformance checker catches a float64 port and shows the evaluation
// that tells it apart: on a rubric of two criteria worth 0.1 and 0.2 the best answers are the first fixed case
// (0.1 + 0.2 is 0.30000000000000004 in float64); on the call rubric rapid finds and shrinks such a case among the
// drawn evaluations. The decimal port passes.
func TestConformanceCatchesFloat(t *testing.T) {
	tiny := build(t, rubric.Definition{Max: d("0.3"), Criteria: []rubric.Criterion{points("a", "0.1", "0.1"), points("b", "0.2", "0.1")}})
	failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.Conformance(tb, tiny, floatCallScore) })
	want := `case best answers: your scorer gives 0.30000000000000004 where the library gives 0.3 (0.3 of 0.3)
evaluation: {"id":"vector-1","rubric":"broken","version":"1","answers":[{"criterion":"a","points":"0.1"},{"criterion":"b","points":"0.2"}]}`
	if !failed || !strings.Contains(out, want) {
		t.Errorf("Conformance(float64 port, 0.1 + 0.2): failed %t, output:\n%s\nwant it to contain:\n%s", failed, out, want)
	}
	failed, out = recordtb.Run(t, func(tb testing.TB) { rubrictest.Conformance(tb, rubric.CallQuality(), floatCallScore) })
	m := regexp.MustCompile(`your scorer gives (\S+) where the library gives (\S+) `).FindStringSubmatch(out)
	if !failed || m == nil || len(m[1]) < 15 || !strings.Contains(out, `evaluation: {"id":`) {
		t.Errorf("Conformance(float64 port of the call rubric): failed %t, output:\n%s", failed, out)
	}
	rubrictest.Conformance(t, rubric.CallQuality(), decimalCallScore)
}

// TestConformanceShrinks proves that a difference only random draws find is shrunk and shown: a port that forgets
// the violation "profanity" is caught.
func TestConformanceShrinks(t *testing.T) {
	forgetful := func(e rubric.Evaluation) (decimal.Decimal, error) {
		e.Violations = nil
		res, err := rubric.CallQuality().Score(e)
		return res.Total(), err
	}
	failed, out := recordtb.Run(t, func(tb testing.TB) {
		rubrictest.Conformance(tb, rubric.CallQuality(), forgetful)
	})
	if !failed || !strings.Contains(out, `where the library gives 0`) || !strings.Contains(out, `"violations":["promise_not_kept"]`) {
		t.Errorf("Conformance(port without violations): failed %t, output:\n%s", failed, out)
	}
	failing := func(rubric.Evaluation) (decimal.Decimal, error) { return decimal.Zero, errors.New("service down") }
	if failed, out := recordtb.Run(t, func(tb testing.TB) { rubrictest.Conformance(tb, rubric.CallQuality(), failing) }); !failed ||
		!strings.Contains(out, "your scorer fails: service down") {
		t.Errorf("Conformance(failing port): failed %t, output:\n%s", failed, out)
	}
}

// TestVectors proves the promises of WriteVectors on every template: the same seed gives the same bytes, every
// line reads back, re-scores to what it says, and the fixed cases cover every answer of every criterion, every
// N/A and every override.
func TestVectors(t *testing.T) {
	for _, id := range rubric.Templates() {
		t.Run(id, func(t *testing.T) {
			r, _ := rubric.Template(id)
			var a, b bytes.Buffer
			if err := rubrictest.WriteVectors(&a, r, 7, 50); err != nil {
				t.Fatal(err)
			}
			if err := rubrictest.WriteVectors(&b, r, 7, 50); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("WriteVectors with one seed wrote different bytes")
			}
			cases := map[string]bool{}
			sc := bufio.NewScanner(&a)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				var v rubrictest.Vector
				if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
					t.Fatalf("line %q: %v", sc.Text(), err)
				}
				cases[v.Case] = true
				res, err := r.Score(v.Evaluation)
				if err != nil {
					t.Fatalf("%s: %v", v.Case, err)
				}
				band, _ := res.Band()
				want := rubrictest.Vector{Case: v.Case, Evaluation: v.Evaluation, Total: res.Total(), RawTotal: res.RawTotal(),
					Exact: res.Exact(), AutoFail: res.AutoFail(), Band: band.ID, Reasons: res.Reasons()}
				if diff := cmp.Diff(want, v, rubrictest.EquateDecimals(), cmp.Comparer(rubric.Evaluation.Equal)); diff != "" {
					t.Fatalf("vector %s mismatch (-want +got):\n%s", v.Case, diff)
				}
			}
			if !cases["random 50"] || !cases["best answers"] {
				t.Errorf("cases %v lack the best answers or the 50th random case", cases)
			}
			for _, c := range r.Criteria() {
				if c.NA != rubric.NAForbidden && !cases[fmt.Sprintf("criterion %q N/A", c.ID)] {
					t.Errorf("no N/A case for %q", c.ID)
				}
				for _, l := range c.Scale.Levels {
					if !cases[fmt.Sprintf("criterion %q level %q", c.ID, l.ID)] {
						t.Errorf("no case for level %q of %q", l.ID, c.ID)
					}
					if l.Effect != rubric.EffectNone && !cases[fmt.Sprintf("override level %q of criterion %q", l.ID, c.ID)] {
						t.Errorf("no override case for level %q of %q", l.ID, c.ID)
					}
				}
			}
			for _, v := range r.Violations() {
				if !cases[fmt.Sprintf("override violation %q", v.ID)] {
					t.Errorf("no case for violation %q", v.ID)
				}
			}
		})
	}
}

func TestWriteVectorsRefuses(t *testing.T) {
	for _, tt := range []struct {
		r      *rubric.Rubric
		n      int
		want   string
		reason string
	}{
		{rubric.CallQuality(), -1, "rubrictest: vectors: n -1: from 0 to 1000000 allowed", "a negative count"},
		{rubric.CallQuality(), rubrictest.MaxVectors + 1, "rubrictest: vectors: n 1000001: from 0 to 1000000 allowed", "beyond the bound"},
		{nil, 1, "rubrictest: WriteVectors needs a rubric built by rubric.New, rubric.Parse or a template", "no rubric"},
	} {
		err := rubrictest.WriteVectors(&bytes.Buffer{}, tt.r, 1, tt.n)
		if err == nil || err.Error() != tt.want {
			t.Errorf("WriteVectors(n=%d) (%s): error %v, want %q", tt.n, tt.reason, err, tt.want)
		}
	}
}
