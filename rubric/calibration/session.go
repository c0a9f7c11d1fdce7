package calibration

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"slices"
	"strings"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// Session is a calibration session: several evaluators' scored results of the same calls on one rubric. Build one
// with New, which checks everything once; the methods then compute alignment with a benchmark, agreement between
// evaluators (Cohen's and Fleiss' kappa, Krippendorff's alpha) and the spread of totals.
//
// Calls and evaluators are kept in the order of their IDs (byte-wise string order), so every report is
// independent of the order of the results given to New.
//
// A Session never changes after New returns and is safe for concurrent use by multiple goroutines. It keeps no
// reference to the caller's slice. The zero Session holds no evaluations: its accessors return nothing and its
// statistics report ErrEmpty.
type Session struct {
	rubric     *rubric.Rubric
	cfg        Config
	crits      []criterion
	critIdx    map[string]int
	calls      []string
	evaluators []string
	evalIdx    map[string]int
	callIdx    map[string]int
	// cells holds the results in the order of (call, evaluator); the cells of call ci are
	// cells[callStart[ci]:callStart[ci+1]], in ascending order of evaluator. Memory grows with the results, not
	// with calls × evaluators.
	cells     []cell
	callStart []int
	results   []rubric.Result // parallel to cells
	scale     int32           // digits after the point of every criterion value, in answer.raw units
}

// criterion is what the statistics need to know about one criterion of the rubric.
type criterion struct {
	id     string
	levels bool  // a Levels scale: ordinal order is the rubric's order of levels
	maxU   int64 // the criterion's maximum, the weight of its alignment in a call's
	spanU  int64 // highest minus lowest possible answer, the distance of complete disagreement
}

// cell is one evaluator's result on one call, reduced to what the statistics use.
type cell struct {
	ev       int // the evaluator's index in Session.evaluators
	total    decimal.Decimal
	autoFail bool
	answers  []answer // in the rubric's order of criteria
}

// answer is an evaluator's answer on one criterion.
type answer struct {
	na    bool
	level int   // index of the chosen level of a Levels scale, or -1
	raw   int64 // points as answered, before overrides, in units of 10^-Session.scale
}

// New builds a session from scored results, all on one rubric. It reports every problem it finds (up to 20, each
// an *sq.Error whose Path names the result, "results[3]" counted from 1, and whose Value gives its call and
// evaluator, joined into one error) or a single error:
//
//   - no results: ErrEmpty; cfg invalid: ErrInvalidConfig;
//   - a zero rubric.Result: ErrInvalidResult;
//   - results of different rubrics: ErrMixedRubrics. Two results are on the same rubric when they share the
//     *rubric.Rubric, or when their rubrics have the same ID and version and the same canonical JSON (so a rubric
//     parsed twice from one document is one rubric, and an edited rubric that kept its version is not);
//   - a result without a call ID or evaluator ID (rubric.Meta): ErrMissingID;
//   - one evaluator scoring one call twice: ErrDuplicate (keep one of the two; the session never picks one);
//   - a call scored by only one evaluator: ErrSingleEvaluation (a calibration session compares each call's
//     evaluations; leave such calls out).
//
// New never changes results and keeps copies of what it needs.
func New(results []rubric.Result, cfg Config) (*Session, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(results) == 0 {
		return nil, fail("results", "", "evaluations of at least one call by two evaluators", ErrEmpty)
	}
	var errs errorList
	var ref *rubric.Rubric
	var refJSON []byte
	same := map[*rubric.Rubric]bool{}
	type key struct{ call, evaluator string }
	first := map[key]int{}
	for i, res := range results {
		m := res.Meta()
		fail := func(rule string, err error) {
			errs.add(fail(sq.Index("results", i), "call "+quote(m.CallID)+" evaluator "+quote(m.EvaluatorID), rule, err))
		}
		r := res.Rubric()
		switch {
		case r == nil:
			fail("is the zero Result, scored on no rubric; give results returned by Rubric.Score", ErrInvalidResult)
			continue
		case ref == nil:
			ref, same[r] = r, true
		}
		ok, seen := same[r]
		if !seen {
			ok = r.ID() == ref.ID() && r.Version() == ref.Version()
			if ok {
				if refJSON == nil {
					refJSON, _ = ref.MarshalJSON()
				}
				j, err := r.MarshalJSON()
				ok = err == nil && bytes.Equal(j, refJSON)
			}
			same[r] = ok
		}
		if !ok {
			rule := fmt.Sprintf("is on rubric %s version %s, not on the session's rubric %s version %s; a session compares evaluations of one rubric",
				quote(r.ID()), quote(r.Version()), quote(ref.ID()), quote(ref.Version()))
			if r.ID() == ref.ID() && r.Version() == ref.Version() {
				rule = fmt.Sprintf("is on a rubric %s version %s whose definition differs from the session's rubric of the same ID and version; a session compares evaluations of one rubric",
					quote(r.ID()), quote(r.Version()))
			}
			fail(rule, ErrMixedRubrics)
		}
		if m.CallID == "" || m.EvaluatorID == "" {
			var missing []string
			if m.CallID == "" {
				missing = append(missing, "call ID")
			}
			if m.EvaluatorID == "" {
				missing = append(missing, "evaluator ID")
			}
			fail("has no "+strings.Join(missing, " and no ")+"; every result needs both (Evaluation.CallID, Evaluation.EvaluatorID)", ErrMissingID)
			continue
		}
		k := key{m.CallID, m.EvaluatorID}
		if j, dup := first[k]; dup {
			fail("one evaluation per evaluator and call; the first is "+sq.Index("results", j), ErrDuplicate)
			continue
		}
		first[k] = i
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return build(ref, results, cfg)
}

// build indexes results that New has checked.
func build(r *rubric.Rubric, results []rubric.Result, cfg Config) (*Session, error) {
	s := &Session{rubric: r, cfg: cfg, critIdx: map[string]int{}, evalIdx: map[string]int{}, callIdx: map[string]int{}}
	defs := r.Criteria()
	s.scale = 0
	for _, c := range defs {
		for _, v := range []decimal.Decimal{c.Scale.Min, c.Scale.Max, c.Scale.Step} {
			s.scale = max(s.scale, dec.Places(v))
		}
		for _, l := range c.Scale.Levels {
			s.scale = max(s.scale, dec.Places(l.Points))
		}
	}
	crs := make([][]rubric.CriterionResult, len(results))
	for i, res := range results {
		crs[i] = res.Criteria()
		for _, c := range crs[i] {
			s.scale = max(s.scale, dec.Places(c.Raw))
		}
	}
	units := func(d decimal.Decimal, criterion, what string) (int64, error) {
		u, ok := dec.Units(d, s.scale)
		if !ok {
			return 0, fail("criterion "+quote(criterion), what+" "+d.String(), fmt.Sprintf("a value that fits %d places in 64 bits", s.scale), sq.ErrLimit)
		}
		return u, nil
	}
	for i, c := range defs {
		lo, hi := c.Scale.Min, c.MaxPoints()
		if c.Scale.Kind == rubric.Levels {
			lo = hi
			for _, l := range c.Scale.Levels {
				lo = decimal.Min(lo, l.Points)
			}
		}
		maxU, err := units(hi, c.ID, "maximum")
		if err != nil {
			return nil, err
		}
		loU, err := units(lo, c.ID, "minimum")
		if err != nil {
			return nil, err
		}
		s.crits = append(s.crits, criterion{id: c.ID, levels: c.Scale.Kind == rubric.Levels, maxU: maxU, spanU: maxU - loU})
		s.critIdx[c.ID] = i
	}
	for _, res := range results {
		m := res.Meta()
		if _, ok := s.callIdx[m.CallID]; !ok {
			s.callIdx[m.CallID] = 0
			s.calls = append(s.calls, m.CallID)
		}
		if _, ok := s.evalIdx[m.EvaluatorID]; !ok {
			s.evalIdx[m.EvaluatorID] = 0
			s.evaluators = append(s.evaluators, m.EvaluatorID)
		}
	}
	slices.Sort(s.calls)
	slices.Sort(s.evaluators)
	for i, id := range s.calls {
		s.callIdx[id] = i
	}
	for i, id := range s.evaluators {
		s.evalIdx[id] = i
	}
	// Cells in the order of (call, evaluator), so that nothing depends on the input order.
	type place struct{ call, ev int }
	places := make([]place, len(results))
	order := make([]int, len(results))
	for i := range order {
		m := results[i].Meta()
		order[i] = i
		places[i] = place{s.callIdx[m.CallID], s.evalIdx[m.EvaluatorID]}
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(places[a].call, places[b].call); c != 0 {
			return c
		}
		return cmp.Compare(places[a].ev, places[b].ev)
	})
	s.cells = make([]cell, 0, len(results))
	s.results = make([]rubric.Result, 0, len(results))
	s.callStart = make([]int, len(s.calls)+1)
	all := make([]answer, len(results)*len(s.crits))
	for _, i := range order {
		res := results[i]
		c := cell{ev: places[i].ev, total: res.Total(), autoFail: res.AutoFail(), answers: all[:len(s.crits):len(s.crits)]}
		all = all[len(s.crits):]
		for j, cr := range crs[i] {
			a := answer{na: cr.NA, level: -1}
			if s.crits[j].levels && cr.Level != "" {
				a.level = slices.IndexFunc(defs[j].Scale.Levels, func(l rubric.Level) bool { return l.ID == cr.Level })
			}
			raw, err := units(cr.Raw, cr.ID, "points")
			if err != nil {
				return nil, err
			}
			a.raw = raw
			c.answers[j] = a
		}
		s.callStart[places[i].call+1]++
		s.cells = append(s.cells, c)
		s.results = append(s.results, res)
	}
	for ci := range s.calls {
		s.callStart[ci+1] += s.callStart[ci]
	}
	var errs errorList
	for ci, call := range s.calls {
		if who := s.callCells(ci); len(who) == 1 {
			errs.add(fail("call "+quote(call), "scored only by "+quote(s.evaluators[who[0].ev]),
				"at least two evaluations of every call", ErrSingleEvaluation))
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// callCells returns the cells of the call ci, in ascending order of evaluator.
func (s *Session) callCells(ci int) []cell {
	return s.cells[s.callStart[ci]:s.callStart[ci+1]]
}

// index returns the index in s.cells of the evaluator ei's cell on the call ci, or -1.
func (s *Session) index(ci, ei int) int {
	lo, hi := s.callStart[ci], s.callStart[ci+1]
	k, ok := slices.BinarySearchFunc(s.cells[lo:hi], ei, func(c cell, ev int) int { return cmp.Compare(c.ev, ev) })
	if !ok {
		return -1
	}
	return lo + k
}

// at returns the cell of the evaluator ei on the call ci, or nil.
func (s *Session) at(ci, ei int) *cell {
	if k := s.index(ci, ei); k >= 0 {
		return &s.cells[k]
	}
	return nil
}

// empty reports whether s is nil or the zero Session.
func (s *Session) empty() bool { return s == nil || len(s.cells) == 0 }

func errEmptySession() error {
	return fail("", "the zero Session", "a session built with New", ErrEmpty)
}

// Rubric returns the rubric the results were scored on (the first result's, when several equal rubrics were
// given); nil for the zero Session.
func (s *Session) Rubric() *rubric.Rubric {
	if s == nil {
		return nil
	}
	return s.rubric
}

// Config returns the settings given to New.
func (s *Session) Config() Config {
	if s == nil {
		return Config{}
	}
	return s.cfg
}

// Calls returns the IDs of the calls, sorted.
func (s *Session) Calls() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.calls)
}

// Evaluators returns the IDs of the evaluators, sorted.
func (s *Session) Evaluators() []string {
	if s == nil {
		return nil
	}
	return slices.Clone(s.evaluators)
}

// Criteria returns the IDs of the rubric's criteria, in the rubric's order; nil for the zero Session.
func (s *Session) Criteria() []string {
	if s == nil || len(s.crits) == 0 {
		return nil
	}
	out := make([]string, len(s.crits))
	for i, c := range s.crits {
		out[i] = c.id
	}
	return out
}

// Result returns the evaluator's result on the call, and false when there is none.
func (s *Session) Result(callID, evaluatorID string) (rubric.Result, bool) {
	if s.empty() {
		return rubric.Result{}, false
	}
	ci, ok1 := s.callIdx[callID]
	ei, ok2 := s.evalIdx[evaluatorID]
	if !ok1 || !ok2 {
		return rubric.Result{}, false
	}
	if k := s.index(ci, ei); k >= 0 {
		return s.results[k], true
	}
	return rubric.Result{}, false
}

// criterion returns the index of the criterion with the given ID.
func (s *Session) criterion(id string) (int, error) {
	if s.empty() {
		return 0, errEmptySession()
	}
	i, ok := s.critIdx[id]
	if !ok {
		return 0, fail("criterion", quote(id), "a criterion of rubric "+quote(s.rubric.ID()), ErrUnknownCriterion)
	}
	return i, nil
}

// evaluator returns the index of the evaluator with the given ID.
func (s *Session) evaluator(id string) (int, error) {
	if s.empty() {
		return 0, errEmptySession()
	}
	i, ok := s.evalIdx[id]
	if !ok {
		return 0, fail("evaluator", quote(id), "an evaluator of the session", ErrUnknownEvaluator)
	}
	return i, nil
}
