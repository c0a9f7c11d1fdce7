package rubrictest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// Limits of WriteVectors and Vector.UnmarshalJSON.
const (
	// MaxVectors is the most random cases WriteVectors writes after the fixed ones.
	MaxVectors = 1000000
	// MaxVectorJSON is the longest vector, in bytes, UnmarshalJSON reads: an evaluation of at most
	// rubric.MaxEvaluationJSON bytes and what the library gives for it.
	MaxVectorJSON = rubric.MaxEvaluationJSON + 1<<16
)

// Vector is one conformance case: an evaluation and what the library gives for it. A re-implementation of scoring
// (a web form in JavaScript, a Kotlin service, a 1C module) reads the vectors and must give the same numbers.
// The zero Vector has no evaluation and a total of 0.
type Vector struct {
	// Case says what the case exercises: "best answers", `criterion "greeting" points 0.3`,
	// `criterion "hold_procedure" N/A`, `override violation "profanity"`, `edge band "exceeds": at`,
	// `edge band "exceeds": just below`, "random 17".
	Case       string
	Evaluation rubric.Evaluation
	// Total, RawTotal, Exact, AutoFail and Band are the result's (Band is "" when the total is in no band).
	Total, RawTotal decimal.Decimal
	Exact, AutoFail bool
	Band            string
	// Reasons are the overrides that fired, in order.
	Reasons []rubric.Reason
}

type wireVector struct {
	Case       string          `json:"case"`
	Evaluation json.RawMessage `json:"evaluation"`
	Total      string          `json:"total"`
	RawTotal   string          `json:"raw_total"`
	Exact      bool            `json:"exact"`
	AutoFail   bool            `json:"auto_fail"`
	Band       string          `json:"band"`
	Reasons    []wireReason    `json:"reasons"`
}

type wireReason struct {
	Effect    rubric.Effect `json:"effect"`
	Criterion string        `json:"criterion,omitempty"`
	Level     string        `json:"level,omitempty"`
	Violation string        `json:"violation,omitempty"`
	Target    string        `json:"target,omitempty"`
	Text      string        `json:"text"`
}

// MarshalJSON writes the vector as one JSON object, the line format of WriteVectors.
func (v Vector) MarshalJSON() ([]byte, error) {
	e, err := v.Evaluation.MarshalJSON()
	if err != nil {
		return nil, err
	}
	w := wireVector{Case: v.Case, Evaluation: e, Total: v.Total.String(), RawTotal: v.RawTotal.String(),
		Exact: v.Exact, AutoFail: v.AutoFail, Band: v.Band, Reasons: []wireReason{}}
	for _, why := range v.Reasons {
		w.Reasons = append(w.Reasons, wireReason{why.Effect, why.Criterion, why.Level, why.Violation, why.Target, why.String()})
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a vector written by MarshalJSON, strictly, as the readers of package rubric read: keys
// exactly as written (none missing, unknown or repeated), no null, at most MaxVectorJSON bytes, the evaluation as
// rubric.ParseEvaluation reads it and the totals as decimal strings of at most 40 characters.
func (v *Vector) UnmarshalJSON(b []byte) error {
	var w wireVector
	if err := strictjson.Decode(b, MaxVectorJSON, &w); err != nil {
		return fmt.Errorf("rubrictest: vector: %w", err)
	}
	if w.Evaluation == nil || w.Total == "" || w.RawTotal == "" || w.Reasons == nil {
		return fmt.Errorf("rubrictest: vector %q: \"evaluation\", \"total\", \"raw_total\" and \"reasons\" are required", w.Case)
	}
	e, err := rubric.ParseEvaluation(w.Evaluation)
	if err != nil {
		return fmt.Errorf("rubrictest: vector %q: evaluation: %w", w.Case, err)
	}
	out := Vector{Case: w.Case, Evaluation: e, Exact: w.Exact, AutoFail: w.AutoFail, Band: w.Band}
	for _, f := range []struct {
		name string
		s    string
		d    *decimal.Decimal
	}{{"total", w.Total, &out.Total}, {"raw_total", w.RawTotal, &out.RawTotal}} {
		if *f.d, err = readDecimal(f.s); err != nil {
			return fmt.Errorf("rubrictest: vector %q: %s: %w", w.Case, f.name, err)
		}
	}
	for _, r := range w.Reasons {
		out.Reasons = append(out.Reasons, rubric.Reason{Effect: r.Effect, Criterion: r.Criterion, Level: r.Level,
			Violation: r.Violation, Target: r.Target})
	}
	*v = out
	return nil
}

// readDecimal reads a plain decimal string as MarshalJSON writes one: an optional "-", digits, at most one ".",
// at most 40 characters, no exponent.
func readDecimal(s string) (decimal.Decimal, error) {
	digits, points := 0, 0
	for i, c := range []byte(s) {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		case c == '-' && i == 0:
		default:
			return decimal.Decimal{}, fmt.Errorf("%q is not a plain decimal such as \"4.5\"", clip(s))
		}
	}
	if len(s) > 40 || digits == 0 || points > 1 {
		return decimal.Decimal{}, fmt.Errorf("%q is not a plain decimal of at most 40 characters such as \"4.5\"", clip(s))
	}
	return decimal.NewFromString(s)
}

func clip(s string) string {
	if len(s) > 50 {
		return s[:50] + "…"
	}
	return s
}

// Equal reports whether v and o are the same case: the same name, Equal evaluations, totals by value, the same
// flags, band and reasons.
func (v Vector) Equal(o Vector) bool {
	return v.Case == o.Case && v.Evaluation.Equal(o.Evaluation) && v.Total.Equal(o.Total) &&
		v.RawTotal.Equal(o.RawTotal) && v.Exact == o.Exact && v.AutoFail == o.AutoFail && v.Band == o.Band &&
		slices.Equal(v.Reasons, o.Reasons)
}

// WriteVectors writes conformance vectors for r to w, one JSON object per line (see Vector.MarshalJSON and
// examples/vectors/VECTORS.md): first the fixed cases — the best answers; every answer of every criterion with
// the others at their best; N/A of every criterion that allows it; every level and violation with an effect (and
// every violation without one); the evaluations at and just below the maximum, 0 and each band's minimum — then
// n random cases drawn from every Region in turn with the given seed. The same rubric, seed and n give the same
// bytes with the same version of this package. n is at most MaxVectors. Evaluations the rubric refuses because
// nothing is left to score are left out.
func WriteVectors(w io.Writer, r *rubric.Rubric, seed uint64, n int) error {
	if r == nil || len(r.Criteria()) == 0 {
		return errors.New("rubrictest: WriteVectors needs a rubric built by rubric.New, rubric.Parse or a template")
	}
	if n < 0 || n > MaxVectors {
		return fmt.Errorf("rubrictest: vectors: n %d: from 0 to %d allowed", n, MaxVectors)
	}
	bw := bufio.NewWriter(w)
	for _, c := range cases(newShape(r), seed, n) {
		v, ok, err := vectorOf(r, c)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		b, err := v.MarshalJSON()
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// vectorOf scores a case; ok is false for an evaluation with nothing to score.
func vectorOf(r *rubric.Rubric, c namedEval) (Vector, bool, error) {
	res, err := r.Score(c.e)
	if errors.Is(err, rubric.ErrNothingToScore) {
		return Vector{}, false, nil
	}
	if err != nil {
		return Vector{}, false, fmt.Errorf("rubrictest: vector %q: %w", c.name, err)
	}
	band, _ := res.Band()
	return Vector{Case: c.name, Evaluation: c.e, Total: res.Total(), RawTotal: res.RawTotal(), Exact: res.Exact(),
		AutoFail: res.AutoFail(), Band: band.ID, Reasons: res.Reasons()}, true, nil
}

// namedEval is an evaluation with what it exercises.
type namedEval struct {
	name string
	e    rubric.Evaluation
}

// cases returns the fixed cases of a rubric and n random ones.
func cases(s *shape, seed uint64, n int) []namedEval {
	var out []namedEval
	base := s.base()
	add := func(name string, e rubric.Evaluation) {
		e.ID = fmt.Sprintf("vector-%d", len(out)+1)
		e.Rubric, e.Version = s.r.ID(), s.r.Version()
		out = append(out, namedEval{name, e})
	}
	add("best answers", base)
	for i, c := range s.crits {
		for _, ch := range s.choices[i] {
			add(fmt.Sprintf("criterion %q %s", c.ID, answerString(ch.answer)), with(base, i, ch.answer))
		}
		if c.NA != rubric.NAForbidden {
			add(fmt.Sprintf("criterion %q N/A", c.ID), with(base, i, rubric.NAAnswer(c.ID)))
		}
	}
	for _, lc := range s.levelOvr {
		ci, ch := lc[0], s.choices[lc[0]][lc[1]]
		add(fmt.Sprintf("override level %q of criterion %q", ch.answer.Level, s.crits[ci].ID), with(base, ci, ch.answer))
	}
	for _, v := range s.viols {
		e := base
		e.Violations = []string{v.ID}
		add(fmt.Sprintf("override violation %q", v.ID), e)
	}
	order := make([]int, len(s.crits))
	for i := range order {
		order[i] = i
	}
	for _, edge := range s.edges {
		min := mustDecimal(edge.min)
		steps := s.walk(order, func(res rubric.Result) bool { return res.Total().LessThan(min) })
		k := len(steps) - 1
		last := rubric.Evaluation{Answers: steps[k]}
		if res, err := s.r.Score(last); err != nil || !res.Total().LessThan(min) {
			add(fmt.Sprintf("edge %s: lowest total without overrides", edge.name), last)
			continue
		}
		if k > 0 {
			add(fmt.Sprintf("edge %s: at", edge.name), rubric.Evaluation{Answers: steps[k-1]})
		}
		add(fmt.Sprintf("edge %s: just below", edge.name), last)
	}
	src := randSource{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for k := range n {
		e := s.draw(src, EvalOptions{Toward: Regions()[k%regionCount], Shuffle: k%regionCount == 0})
		identify(src, &e)
		add(fmt.Sprintf("random %d", k+1), e)
	}
	return out
}
