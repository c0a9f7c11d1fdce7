package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// dataset is everything the report is computed from, read and checked by load. The quality specialist's files
// (calls.json, reviews.json, facts.json) are optional: without one, its field is nil and its section left out.
type dataset struct {
	settings    settings
	loc         *time.Location
	employees   []employee // in file order
	byID        map[string]employee
	rubrics     map[string]*rubric.Rubric // rubric.json and the built-in templates, by ID
	evaluations []rubric.Evaluation
	responses   []survey.Response
	platforms   map[string][]rating.PlatformRating // by department
	policy      complaints.Policy
	complaints  []complaints.Complaint
	seed        []byte                   // calls.json: the sampling key
	calls       []sampling.Call          // calls.json
	reviews     map[string]review.Review // reviews.json, by evaluation ID
	facts       map[string]autoqa.Facts  // facts.json, by call ID
}

// employee is one row of employees.csv.
type employee struct {
	ID, NameRU, NameEN, Department string
	Hired                          sq.Date
	Clients                        int64 // distinct clients served; 0 when unknown
}

// name returns the employee's name in lang, falling back to the other one.
func (e employee) name(lang string) string {
	if lang == "ru" && e.NameRU != "" || e.NameEN == "" {
		return e.NameRU
	}
	return e.NameEN
}

// settings is settings.json. Every field is optional; see data/README.md for the defaults.
type settings struct {
	Organisation rubric.Text `json:"organisation"`
	Location     string      `json:"location"`
	Departments  []struct {
		ID    string      `json:"id"`
		Title rubric.Text `json:"title"`
	} `json:"departments"`
	// The rating settings in rating's own JSON form, every field given; the library's defaults when left out.
	Personal    rating.PersonalSettings   `json:"personal"`
	Department  rating.DepartmentSettings `json:"department"`
	Policy      json.RawMessage           `json:"complaint_policy"`
	PolicyTitle rubric.Text               `json:"complaint_policy_title"`
}

// departmentTitle returns the title of department id in lang, or the ID.
func (s settings) departmentTitle(id, lang string) string {
	for _, d := range s.Departments {
		if t := d.Title.Get(lang); d.ID == id && t != "" {
			return t
		}
	}
	return id
}

// maxProblems caps the problems reported from one load.
const maxProblems = 20

// problems gathers data errors, each naming its file and place (a line from 1; 0 for none).
type problems []error

func (p *problems) add(file string, line int, format string, args ...any) {
	if line > 0 {
		file = fmt.Sprintf("%s line %d", file, line)
	}
	*p = append(*p, fmt.Errorf("quickstart: %s: %s", file, fmt.Sprintf(format, args...)))
}

func (p problems) full() bool { return len(p) >= maxProblems }

func (p problems) err() error {
	if len(p) > maxProblems {
		p = append(p[:maxProblems], fmt.Errorf("quickstart: and %d more problems", len(p)-maxProblems))
	}
	return errors.Join(p...)
}

// load reads and checks the data set in fsys, in stages: each reads what the next checks against.
func load(fsys fs.FS) (*dataset, error) {
	ds := &dataset{byID: map[string]employee{}, rubrics: map[string]*rubric.Rubric{},
		platforms: map[string][]rating.PlatformRating{}}
	var p problems
	for _, stage := range [][]func(fs.FS, *problems){{ds.loadSettings}, {ds.loadEmployees, ds.loadRubrics},
		{ds.loadEvaluations, ds.loadSurveys, ds.loadPlatforms, ds.loadComplaints, ds.loadCalls, ds.loadReviews,
			ds.loadFacts}} {
		for _, f := range stage {
			f(fsys, &p)
		}
		if err := p.err(); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// readFile reads name from fsys; a missing optional file gives nil and no problem.
func readFile(fsys fs.FS, name string, optional bool, p *problems) []byte {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) && optional {
		return nil
	}
	if err != nil {
		p.add(name, 0, "%v", err)
	}
	return b
}

// decodeStrict decodes file, one JSON document of at most 16 MiB, into v with the module's strict reader: exact
// keys, no unknown or repeated ones, no null, valid UTF-8, nothing after the value. It reports whether the file
// was there (a missing optional file is no problem).
func decodeStrict(fsys fs.FS, file string, optional bool, p *problems, v any) bool {
	b := readFile(fsys, file, optional, p)
	if err := strictjson.Decode(b, 16<<20, v); b != nil && err != nil {
		p.add(file, 0, "%v", err)
	}
	return b != nil
}

// eachJSON reads file, a JSON array, and calls f with each element and its number from 1. It reports whether
// the file was there.
func eachJSON(fsys fs.FS, file string, optional bool, p *problems, f func(n int, msg json.RawMessage)) bool {
	var raw []json.RawMessage
	ok := decodeStrict(fsys, file, optional, p, &raw)
	for i := 0; i < len(raw) && !p.full(); i++ {
		f(i+1, raw[i])
	}
	return ok
}

// readCSV reads a CSV file whose header must name exactly the given columns, in any order, and calls f with
// each row as a map from column to value and its line number.
func readCSV(fsys fs.FS, file string, columns []string, p *problems, f func(row map[string]string, line int)) {
	b := readFile(fsys, file, false, p)
	if b == nil {
		return
	}
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err != nil || !slices.Equal(slices.Sorted(slices.Values(header)), slices.Sorted(slices.Values(columns))) {
		p.add(file, 1, "header %q must name the columns %s", strings.Join(header, ","), strings.Join(columns, ","))
		return
	}
	for !p.full() {
		rec, err := r.Read()
		if err != nil {
			if err != io.EOF {
				p.add(file, 0, "%v", err) // a csv.ParseError names its line
			}
			return
		}
		line, _ := r.FieldPos(0)
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = rec[i]
		}
		f(row, line)
	}
}

func (ds *dataset) loadSettings(fsys fs.FS, p *problems) {
	const file = "settings.json"
	s := &ds.settings
	s.Personal, s.Department = rating.DefaultPersonalSettings(), rating.DefaultDepartmentSettings()
	decodeStrict(fsys, file, true, p, s)
	if len(*p) > 0 {
		return
	}
	s.Location = cmp.Or(s.Location, "Asia/Almaty")
	if s.Location == "Local" {
		p.add(file, 0, `location "Local" depends on the machine; name an IANA time zone such as "Asia/Almaty"`)
		return
	}
	loc, err := time.LoadLocation(s.Location)
	if err != nil {
		p.add(file, 0, "location %q: %v", s.Location, err)
		return
	}
	ds.loc = loc
	for _, err := range []error{s.Personal.Validate(), s.Department.Validate()} {
		if err != nil {
			p.add(file, 0, "%v", err)
		}
	}
	if len(s.Policy) > 0 {
		if ds.policy, err = complaints.ParsePolicy(s.Policy); err != nil {
			p.add(file, 0, "complaint_policy: %v", err)
		}
		return
	}
	ds.policy = complaints.DefaultPolicy(loc)
	ds.policy.DueSoon = 3
	if len(s.PolicyTitle) == 0 {
		s.PolicyTitle = rubric.Text{"en": "15 calendar days from the day after receipt",
			"ru": "15 календарных дней со дня, следующего за получением"}
	}
}

func (ds *dataset) loadEmployees(fsys fs.FS, p *problems) {
	const file = "employees.csv"
	readCSV(fsys, file, []string{"id", "name_ru", "name_en", "department", "hired", "clients"}, p,
		func(row map[string]string, line int) {
			e := employee{ID: row["id"], NameRU: row["name_ru"], NameEN: row["name_en"], Department: row["department"]}
			var err error
			if e.Hired, err = sq.ParseDate(row["hired"]); err != nil {
				p.add(file, line, "hired %q is not a date YYYY-MM-DD", row["hired"])
			}
			if e.Clients, err = strconv.ParseInt(row["clients"], 10, 64); err != nil || e.Clients < 0 ||
				e.Clients > survey.MaxCount {
				p.add(file, line, "clients %q is not a whole number from 0 to %d", row["clients"], survey.MaxCount)
			}
			switch _, dup := ds.byID[e.ID]; {
			case e.ID == "":
				p.add(file, line, "id is empty")
			case dup:
				p.add(file, line, "employee %q is listed twice", e.ID)
			case e.NameRU == "" && e.NameEN == "" || e.Department == "":
				p.add(file, line, "employee %q needs a name (name_ru or name_en) and a department", e.ID)
			}
			ds.employees = append(ds.employees, e)
			ds.byID[e.ID] = e
		})
	if len(ds.employees) == 0 && len(*p) == 0 {
		p.add(file, 0, "no employees")
	}
}

func (ds *dataset) loadRubrics(fsys fs.FS, p *problems) {
	for _, id := range rubric.Templates() {
		ds.rubrics[id], _ = rubric.Template(id) // the IDs Templates lists
	}
	if b := readFile(fsys, "rubric.json", true, p); b != nil {
		r, err := rubric.Parse(b)
		if err != nil {
			p.add("rubric.json", 0, "%v", err)
			return
		}
		ds.rubrics[r.ID()] = r // the department's own rubric wins over a template of the same ID
	}
}

// unknownRubric says that an evaluation or review names a rubric the data set does not have.
func unknownRubric(id string) string {
	return fmt.Sprintf("rubric %q is neither in rubric.json nor a built-in template (%s)", id,
		strings.Join(rubric.Templates(), ", "))
}

func (ds *dataset) loadEvaluations(fsys fs.FS, p *problems) {
	const file = "evaluations.json"
	seen := map[string]bool{}
	eachJSON(fsys, file, false, p, func(n int, msg json.RawMessage) {
		e, err := rubric.ParseEvaluation(msg)
		switch {
		case err != nil:
			p.add(file, 0, "evaluation %d: %v", n, err)
		case e.ID == "" || seen[e.ID]:
			p.add(file, 0, "evaluation %d: id %q is empty or used by an earlier evaluation", n, e.ID)
		case ds.rubrics[e.Rubric] == nil:
			p.add(file, 0, "evaluation %d: %s", n, unknownRubric(e.Rubric))
		case ds.byID[e.EmployeeID].ID == "":
			p.add(file, 0, "evaluation %d: employee %q is not in employees.csv", n, e.EmployeeID)
		}
		seen[e.ID] = true
		ds.evaluations = append(ds.evaluations, e)
	})
}

func (ds *dataset) loadSurveys(fsys fs.FS, p *problems) {
	const file = "surveys.csv"
	readCSV(fsys, file, []string{"client", "employee", "time", "kind", "value"}, p, func(row map[string]string, line int) {
		e, ok := ds.byID[row["employee"]]
		at, err := time.Parse(time.RFC3339, row["time"])
		var ans survey.Answer
		kindErr := ans.Kind.UnmarshalText([]byte(row["kind"])) // the kind column holds survey's own kind names
		n, numErr := strconv.Atoi(row["value"])
		valid := numErr == nil
		if ans.Kind == survey.KindRecommend || ans.Kind == survey.KindFCR {
			n, valid = map[string]int{"yes": 1, "no": 0}[row["value"]]
		}
		switch ans.Value = n; {
		case !ok:
			p.add(file, line, "employee %q is not in employees.csv", row["employee"])
		case err != nil:
			p.add(file, line, "time %q is not an RFC 3339 time such as 2026-03-02T10:00:00+05:00", row["time"])
		case kindErr != nil || !valid:
			p.add(file, line, "value %q is not an answer of kind %s (csi, csat, classic and ces take a whole "+
				"number; recommend and fcr yes or no)", row["value"], row["kind"])
		case ans.Validate() != nil:
			p.add(file, line, "%v", ans.Validate())
		default:
			ds.responses = append(ds.responses, survey.Response{Client: row["client"], Employee: e.ID,
				Department: e.Department, Channel: "survey", At: at, Answer: ans})
		}
	})
}

func (ds *dataset) loadPlatforms(fsys fs.FS, p *problems) {
	var rows []struct {
		Department string `json:"department"`
		Platform   string `json:"platform"`
		Rating     string `json:"rating"`
		Reviews    int64  `json:"reviews"`
	}
	decodeStrict(fsys, "platforms.json", true, p, &rows)
	for i, r := range rows {
		d, err := sq.ParseDecimal(r.Rating) // the rater checks the rest: 1–5, a name, the reviews
		if err != nil || r.Department == "" {
			p.add("platforms.json", 0, "entry %d: a department and a rating are required: %v", i+1, err)
		}
		ds.platforms[r.Department] = append(ds.platforms[r.Department],
			rating.PlatformRating{Name: r.Platform, Rating: d, Reviews: r.Reviews})
	}
}

func (ds *dataset) loadComplaints(fsys fs.FS, p *problems) {
	eachJSON(fsys, "complaints.json", true, p, func(n int, msg json.RawMessage) {
		c, err := complaints.ParseComplaint(msg, ds.policy)
		if err != nil {
			p.add("complaints.json", 0, "complaint %d: %v", n, err)
		}
		ds.complaints = append(ds.complaints, c)
	})
}

func (ds *dataset) loadCalls(fsys fs.FS, p *problems) {
	var cl struct {
		Seed  string          `json:"seed"` // the key the calls are ranked by; sampling checks its length
		Calls []sampling.Call `json:"calls"`
	}
	if !decodeStrict(fsys, "calls.json", true, p, &cl) {
		return
	}
	for i, c := range cl.Calls {
		if _, ok := ds.byID[c.Employee]; !ok && !p.full() {
			p.add("calls.json", 0, "call %d (%q): employee %q is not in employees.csv", i+1, c.ID, c.Employee)
		}
	}
	ds.seed, ds.calls = []byte(cl.Seed), append([]sampling.Call{}, cl.Calls...) // present but empty: no calls
}

func (ds *dataset) loadReviews(fsys fs.FS, p *problems) {
	const file = "reviews.json"
	reviews := map[string]review.Review{}
	if eachJSON(fsys, file, true, p, func(n int, msg json.RawMessage) {
		var head struct{ Rubric string }
		_ = json.Unmarshal(msg, &head) // ParseReview reports what is wrong with the document
		if ds.rubrics[head.Rubric] == nil {
			p.add(file, 0, "review %d: %s", n, unknownRubric(head.Rubric))
			return
		}
		v, err := review.ParseReview(ds.rubrics[head.Rubric], msg)
		if err != nil {
			p.add(file, 0, "review %d: %v", n, err)
			return
		}
		id := v.Original().ID
		i := slices.IndexFunc(ds.evaluations, func(e rubric.Evaluation) bool { return e.ID == id })
		_, dup := reviews[id]
		switch {
		case i < 0:
			p.add(file, 0, "review %d: evaluation %q is not in evaluations.json", n, id)
		case !ds.evaluations[i].Equal(v.Original()):
			p.add(file, 0, "review %d: evaluation %q differs from the one in evaluations.json", n, id)
		case dup:
			p.add(file, 0, "review %d: evaluation %q has another review", n, id)
		}
		reviews[id] = v
	}) {
		ds.reviews = reviews
	}
}

func (ds *dataset) loadFacts(fsys fs.FS, p *problems) {
	const file = "facts.json"
	var all []autoqa.Facts
	if !decodeStrict(fsys, file, true, p, &all) {
		return
	}
	ds.facts = map[string]autoqa.Facts{}
	for n, f := range all {
		i := slices.IndexFunc(ds.evaluations, func(e rubric.Evaluation) bool { return e.CallID == f.CallID })
		_, dup := ds.facts[f.CallID]
		if err := f.Validate(); err != nil {
			p.add(file, 0, "facts %d: %v", n+1, err)
		} else if i < 0 || f.CallID == "" {
			p.add(file, 0, "facts %d: call %q is not an evaluated call of evaluations.json", n+1, f.CallID)
		} else if dup {
			p.add(file, 0, "facts %d: call %q has facts twice", n+1, f.CallID)
		} else if err := autoqa.CallQualityRules().Validate(ds.rubrics[ds.evaluations[i].Rubric]); err != nil {
			p.add(file, 0, "facts %d: call %q: %v", n+1, f.CallID, err)
		}
		ds.facts[f.CallID] = f
	}
}
