package sqbeam

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

func init() {
	register.Function1x2[ScoredCall, string, ScoredCall](keyCallByEmployee)
	register.Function1x2[SurveyAnswer, string, SurveyAnswer](keyAnswerByEmployee)
	register.DoFn2x0[SurveyAnswer, func(string)](&clientPairFn{})
	register.Emitter1[string]()
	register.Function1x1[string, string](employeeOfPair)
	register.DoFn5x0[string, func(*rating.Accumulator) bool, func(*survey.Tallies) bool, func(*int) bool, func(EmployeeTotals)](&totalsFn{})
	register.Iter1[rating.Accumulator]()
	register.Iter1[survey.Tallies]()
	register.Iter1[int]()
	register.Emitter1[EmployeeTotals]()
	register.DoFn4x1[int, func(*EmployeeTotals) bool, func(RatingRow), func(DeadLetter), error](&RateFn{})
	register.Iter1[EmployeeTotals]()
	register.Emitter1[RatingRow]()
}

// EmployeeTotals is everything an employee's personal rating is computed from, combined over all the input: the
// call accumulator (CallsFn), the survey tallies (TalliesFn) and the number of distinct clients surveyed. It has
// a registered coder of its own (Beam's schema coder would drop the state of the library types inside).
type EmployeeTotals struct {
	EmployeeID string
	Calls      rating.Accumulator
	Survey     survey.Tallies
	Surveyed   int64
}

// RateConfig is what the rating step needs besides the data: the roster (each employee's department and number
// of clients) and each department's ratings on public platforms. Ratings use rating.DefaultPersonalSettings and
// rating.DefaultDepartmentSettings.
type RateConfig struct {
	Roster    map[string]Employee
	Platforms map[string][]rating.PlatformRating
	// AssumeUniqueIDs makes Aggregate skip Unique, the shuffle of every call by evaluation ID, which costs about
	// as much as the rest of the pipeline on prism. Set it only when evaluation IDs are unique by construction
	// (a database key): an ID given twice is then counted twice by the pipeline, while RateLocal refuses the
	// employee (rating.ErrDuplicate).
	AssumeUniqueIDs bool
}

func keyCallByEmployee(c ScoredCall) (string, ScoredCall) { return c.EmployeeID, c }

func keyAnswerByEmployee(a SurveyAnswer) (string, SurveyAnswer) { return a.Employee, a }

// clientPairFn emits "employee\x00client" for every answer with a client.
type clientPairFn struct{}

func (clientPairFn) ProcessElement(a SurveyAnswer, emit func(string)) {
	if a.Client != "" {
		emit(a.Employee + "\x00" + a.Client)
	}
}

func employeeOfPair(pair string) string {
	emp, _, _ := strings.Cut(pair, "\x00")
	return emp
}

// totalsFn joins an employee's accumulator, tallies and surveyed count.
type totalsFn struct{}

func (totalsFn) ProcessElement(emp string, accs func(*rating.Accumulator) bool, tallies func(*survey.Tallies) bool,
	surveyed func(*int) bool, emit func(EmployeeTotals)) {
	t := EmployeeTotals{EmployeeID: emp}
	var a rating.Accumulator
	for accs(&a) {
		t.Calls = a // one per key: CombinePerKey
	}
	var tl survey.Tallies
	for tallies(&tl) {
		t.Survey = tl
	}
	var n int
	for surveyed(&n) {
		t.Surveyed = int64(n)
	}
	emit(t)
}

// Totals combines scored calls and survey answers into one EmployeeTotals per employee: CallsFn and TalliesFn per
// employee, and the distinct clients surveyed (answers without a client are not counted).
func Totals(s beam.Scope, calls, answers beam.PCollection) beam.PCollection {
	s = s.Scope("sqbeam.Totals")
	accs := beam.CombinePerKey(s, &CallsFn{}, beam.ParDo(s, keyCallByEmployee, calls))
	tallies := beam.CombinePerKey(s, &TalliesFn{}, beam.ParDo(s, keyAnswerByEmployee, answers))
	pairs := filter.Distinct(s, beam.ParDo(s, &clientPairFn{}, answers))
	surveyed := stats.Count(s, beam.ParDo(s, employeeOfPair, pairs))
	return beam.ParDo(s, &totalsFn{}, beam.CoGroupByKey(s, accs, tallies, surveyed))
}

// RateFn is a DoFn that rates every employee and department from all EmployeeTotals at once (they arrive under
// one key) and emits their RatingRows, or a DeadLetter (stage "rate") for an employee or department the rating
// package refuses. It holds one EmployeeTotals per employee in memory, not the calls.
type RateFn struct {
	Config RateConfig
}

// ProcessElement rates everyone.
func (f *RateFn) ProcessElement(_ int, totals func(*EmployeeTotals) bool, emit func(RatingRow), dead func(DeadLetter)) error {
	var all []EmployeeTotals
	var t EmployeeTotals
	for totals(&t) {
		all = append(all, t)
	}
	rows, letters, err := RateTotals(f.Config, all)
	if err != nil {
		return err
	}
	for _, r := range rows {
		emit(r)
	}
	for _, d := range letters {
		dead(d)
	}
	return nil
}

// Ratings rates the employees and departments from scored calls and survey answers: Totals, then RateFn over all
// totals gathered under one key. It returns the rating rows and the dead letters of the rating step.
func Ratings(s beam.Scope, cfg RateConfig, calls, answers beam.PCollection) (rows, dead beam.PCollection) {
	totals := Totals(s, calls, answers)
	s = s.Scope("sqbeam.Ratings")
	all := beam.GroupByKey(s, beam.AddFixedKey(s, totals))
	return beam.ParDo2(s, &RateFn{Config: cfg}, all)
}

// SurveyIndex returns the rating.Survey of survey tallies with surveyed of clients clients surveyed (0 clients:
// unknown). Tallies with no CSI or recommend answer give a survey without that component.
func SurveyIndex(t survey.Tallies, surveyed, clients int64) (rating.Survey, error) {
	s, err := rating.SurveyOf(t, survey.Share{})
	if err != nil {
		return rating.Survey{}, err
	}
	s.Surveyed, s.Clients = surveyed, clients
	return s, nil
}

// RateTotals rates the employees of totals (personal ratings from the accumulated calls and the survey tallies)
// and their departments (from the personal ratings, the department's merged survey tallies and its platforms),
// and ranks both on leaderboards. A department's surveyed count is the sum of its employees' (a client of two
// employees counts twice); its number of clients is the sum of the roster's, or unknown when one is unknown.
// An employee or department the rating package refuses becomes a DeadLetter; the error is only for an internal
// inconsistency (two totals for one employee).
func RateTotals(cfg RateConfig, totals []EmployeeTotals) ([]RatingRow, []DeadLetter, error) {
	personal, err := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	if err != nil {
		return nil, nil, err
	}
	totals = slices.Clone(totals)
	slices.SortFunc(totals, func(a, b EmployeeTotals) int { return cmp.Compare(a.EmployeeID, b.EmployeeID) })
	var dead []DeadLetter
	var personals []rating.Personal
	type dept struct {
		tallies           survey.Tallies
		surveyed, clients int64
		unknown           bool
		err               error // the tallies could not be merged: the department is not rated
	}
	depts := make(map[string]*dept)
	for i, t := range totals {
		if i > 0 && totals[i-1].EmployeeID == t.EmployeeID {
			return nil, nil, fmt.Errorf("sqbeam: two totals for employee %q", t.EmployeeID)
		}
		emp := cfg.Roster[t.EmployeeID]
		if emp.Department != "" {
			d := depts[emp.Department]
			if d == nil {
				d = new(dept)
				depts[emp.Department] = d
			}
			if merged, err := d.tallies.Merge(t.Survey); err != nil {
				d.err = cmp.Or(d.err, err)
			} else {
				d.tallies = merged
			}
			d.surveyed += t.Surveyed
			d.clients += emp.Clients
			d.unknown = d.unknown || emp.Clients == 0
		}
		sv, err := SurveyIndex(t.Survey, t.Surveyed, emp.Clients)
		if err == nil {
			var p rating.Personal
			if p, err = personal.Rate(rating.PersonalInput{EmployeeID: t.EmployeeID, Earlier: t.Calls, Survey: sv}); err == nil {
				personals = append(personals, p)
				continue
			}
		}
		dead = append(dead, DeadLetter{Stage: "rate", Key: t.EmployeeID, Error: err.Error()})
	}
	for name := range cfg.Platforms {
		if depts[name] == nil {
			depts[name] = new(dept)
		}
	}
	deptRater, err := rating.NewDepartmentRater(rating.DefaultDepartmentSettings())
	if err != nil {
		return nil, nil, err
	}
	var departments []rating.Department
	for _, name := range slices.Sorted(maps.Keys(depts)) {
		d := depts[name]
		clients := d.clients
		if d.unknown {
			clients = 0
		}
		sv, err := SurveyIndex(d.tallies, d.surveyed, clients)
		err = cmp.Or(d.err, err)
		if err == nil {
			var members []rating.Personal
			for _, p := range personals {
				if cfg.Roster[p.EmployeeID].Department == name {
					members = append(members, p)
				}
			}
			var dr rating.Department
			if dr, err = deptRater.Rate(rating.DepartmentInput{DepartmentID: name, Platforms: cfg.Platforms[name],
				Employees: members, Survey: sv}); err == nil {
				departments = append(departments, dr)
				continue
			}
		}
		dead = append(dead, DeadLetter{Stage: "rate", Key: name, Error: err.Error()})
	}
	rows, err := Rows(cfg.Roster, personals, departments)
	return rows, dead, err
}

// Rows ranks personal and department ratings on standings each (rating.Rank) and returns their rows:
// employees first, then departments, each in the order of the standings (ranked, then insufficient by ID).
func Rows(roster map[string]Employee, personals []rating.Personal, departments []rating.Department) ([]RatingRow, error) {
	var rows []RatingRow
	calls := make(map[string]rating.Accumulator, len(personals))
	pe := make(map[string]rating.Rating, len(personals))
	for _, p := range personals {
		if _, dup := pe[p.EmployeeID]; dup {
			return nil, fmt.Errorf("sqbeam: employee leaderboard: employee %q appears twice", p.EmployeeID)
		}
		pe[p.EmployeeID] = p.Rating
		calls[p.EmployeeID] = p.Calls
	}
	de := make(map[string]rating.Rating, len(departments))
	for _, d := range departments {
		if _, dup := de[d.DepartmentID]; dup {
			return nil, fmt.Errorf("sqbeam: department leaderboard: department %q appears twice", d.DepartmentID)
		}
		de[d.DepartmentID] = d.Rating
	}
	for _, part := range []struct {
		kind    string
		entries map[string]rating.Rating
	}{{"employee", pe}, {"department", de}} {
		board, err := rating.Rank(part.entries)
		if err != nil {
			return nil, fmt.Errorf("sqbeam: %s leaderboard: %w", part.kind, err)
		}
		for _, st := range board {
			status := "insufficient"
			if st.Rating.Sufficient() {
				status = "sufficient"
			}
			row := RatingRow{Kind: part.kind, ID: st.ID, Status: status,
				Value: roundText(st.Rating.Exact(), sq.StoredPrecision()), Rank: st.Rank, DenseRank: st.DenseRank}
			if v, ok := st.Rating.Final(); ok {
				row.Display = roundText(v, sq.DisplayPrecision())
			}
			for _, r := range st.Rating.Reasons() {
				row.Reasons = append(row.Reasons, r.String())
			}
			if part.kind == "employee" {
				row.Department = roster[st.ID].Department
				acc := calls[st.ID]
				row.Calls, row.CallSum = acc.Count(), acc.Sum().String()
			}
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// Aggregate is the whole aggregation: Score the JSON lines of evaluations on the rubric, keep Unique evaluation
// IDs (unless cfg.AssumeUniqueIDs), and rate employees and departments (Ratings) with the survey answers. It returns the rating rows and every
// dead letter of every step in one PCollection. RateLocal computes the same without Beam.
func Aggregate(s beam.Scope, rubricJSON []byte, cfg RateConfig, lines, answers beam.PCollection) (rows, dead beam.PCollection) {
	calls, badLines := Score(s, rubricJSON, cfg.Roster, lines)
	if cfg.AssumeUniqueIDs {
		rows, badRatings := Ratings(s, cfg, calls, answers)
		return rows, beam.Flatten(s, badLines, badRatings)
	}
	unique, dups := Unique(s, calls)
	rows, badRatings := Ratings(s, cfg, unique, answers)
	return rows, beam.Flatten(s, badLines, dups, badRatings)
}

// roundText writes f rounded once by p, with p's places.
func roundText(f sq.Fraction, p sq.Precision) string {
	r, _ := f.Round(p)
	if p == sq.DisplayPrecision() {
		return r.Value.StringFixed(p.Places)
	}
	return r.String()
}
