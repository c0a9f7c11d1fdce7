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
	"maps"
	"regexp"
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
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

// dataset is everything the report is computed from, read and checked by load.
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

	seed    []byte                   // calls.json: the sampling key
	calls   []sampling.Call          // calls.json: nil when the file is absent
	reviews map[string]review.Review // reviews.json by evaluation ID: nil when absent
	facts   map[string]autoqa.Facts  // facts.json by call ID: nil when absent
}

// employee is one row of employees.csv.
type employee struct {
	ID, NameRU, NameEN, Department string
	Hired                          complaints.Date
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
	// Weights by scheme (personal, survey, department) and component name (rating.ComponentCalls, ...).
	Weights      map[string]map[string]string `json:"weights"`
	PlatformMean string                       `json:"platform_mean"` // "plain" (default) or "review-weighted"
	Policy       json.RawMessage              `json:"complaint_policy"`
	PolicyTitle  rubric.Text                  `json:"complaint_policy_title"`

	personal   rating.PersonalSettings
	department rating.DepartmentSettings
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

// problems gathers data errors, each naming its file and place.
type problems struct{ errs []error }

func (p *problems) add(file string, line int, format string, args ...any) {
	if line > 0 {
		file = fmt.Sprintf("%s line %d", file, line)
	}
	p.errs = append(p.errs, fmt.Errorf("quickstart: %s: %s", file, fmt.Sprintf(format, args...)))
}

func (p *problems) full() bool { return len(p.errs) >= maxProblems }

func (p *problems) err() error {
	if len(p.errs) > maxProblems {
		p.errs = append(p.errs[:maxProblems], fmt.Errorf("quickstart: and %d more problems", len(p.errs)-maxProblems))
	}
	return errors.Join(p.errs...)
}

// load reads and checks the data set in fsys. Every problem names the file and the line or record.
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

// maxDataJSON bounds one JSON document of the data set, in bytes.
const maxDataJSON = 16 << 20

// decodeStrict decodes one JSON value into v with the module's strict reader: exact keys, no unknown or repeated
// ones, no null, valid UTF-8, nothing after the value.
func decodeStrict(b []byte, v any) error { return strictjson.Decode(b, maxDataJSON, v) }

// eachJSON reads file, a JSON array of what, and calls f with each element and its number from 1. It reports
// whether the file was there.
func eachJSON(fsys fs.FS, file, what string, optional bool, p *problems, f func(n int, msg json.RawMessage)) bool {
	b := readFile(fsys, file, optional, p)
	if b == nil {
		return false
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		p.add(file, 0, "not a JSON array of %s: %v", what, err)
		return true
	}
	for i, msg := range raw {
		if p.full() {
			break
		}
		f(i+1, msg)
	}
	return true
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
	if err != nil {
		p.add(file, 1, "header: %v", err)
		return
	}
	if !slices.Equal(slices.Sorted(slices.Values(header)), slices.Sorted(slices.Values(columns))) {
		p.add(file, 1, "header %q must name the columns %s", strings.Join(header, ","), strings.Join(columns, ","))
		return
	}
	for !p.full() {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			p.add(file, 0, "%v", err) // a csv.ParseError names its line
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
	if b := readFile(fsys, file, true, p); b != nil {
		if err := decodeStrict(b, s); err != nil {
			p.add(file, 0, "%v", err)
			return
		}
	}
	if s.Location == "" {
		s.Location = "Asia/Almaty"
	}
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
	s.personal, s.department = rating.DefaultPersonalSettings(), rating.DefaultDepartmentSettings()
	switch s.PlatformMean {
	case "", "plain":
	case "review-weighted":
		s.department.ReviewWeighted = true
	default:
		p.add(file, 0, "platform_mean %q: one of plain, review-weighted", s.PlatformMean)
	}
	sp, sd := &s.personal, &s.department
	schemes := map[string]map[string][]*decimal.Decimal{
		"personal":   {"calls": {&sp.CallWeight}, "survey": {&sp.SurveyWeight}},
		"survey":     {"csi": {&sp.CSIWeight, &sd.CSIWeight}, "nps": {&sp.NPSWeight, &sd.NPSWeight}},
		"department": {"platforms": {&sd.PlatformWeight}, "employees": {&sd.EmployeeWeight}, "survey": {&sd.SurveyWeight}},
	}
	for _, scheme := range slices.Sorted(maps.Keys(s.Weights)) {
		for _, name := range slices.Sorted(maps.Keys(s.Weights[scheme])) {
			field := "weights." + scheme + "." + name
			d, err := parseDecimal(s.Weights[scheme][name])
			if err != nil || schemes[scheme] == nil {
				p.add(file, 0, "%s: %v", field, cmp.Or(err, errors.New("not one of personal, survey, department")))
				continue
			}
			ws, ok := schemes[scheme][name]
			if !ok {
				p.add(file, 0, "%s: no such component", field)
			}
			for _, w := range ws {
				*w = d
			}
		}
	}
	for _, err := range []error{s.personal.Validate(), s.department.Validate()} {
		if err != nil {
			p.add(file, 0, "weights: %v", err)
		}
	}
	if len(s.Policy) == 0 {
		ds.policy = complaints.DefaultPolicy(loc)
		ds.policy.DueSoon = 3
		if len(s.PolicyTitle) == 0 {
			s.PolicyTitle = rubric.Text{"en": "15 calendar days from the day after receipt",
				"ru": "15 календарных дней со дня, следующего за получением"}
		}
	} else if ds.policy, err = complaints.ParsePolicy(s.Policy); err != nil {
		p.add(file, 0, "complaint_policy: %v", err)
	}
}

// decimalText is what parseDecimal accepts: a plain decimal of at most 20 digits before and 18 after the point.
var decimalText = regexp.MustCompile(`^[0-9]{1,20}(\.[0-9]{1,18})?$`)

// parseDecimal reads a non-negative decimal written plainly ("4.6", "0.25"); exponents and signs are refused,
// and the length is checked before the text is parsed.
func parseDecimal(s string) (decimal.Decimal, error) {
	if len(s) > 40 || !decimalText.MatchString(s) {
		return decimal.Decimal{}, fmt.Errorf("%q is not a plain non-negative decimal such as 4.6", truncate(s, 41))
	}
	return decimal.NewFromString(s)
}

func (ds *dataset) loadEmployees(fsys fs.FS, p *problems) {
	const file = "employees.csv"
	readCSV(fsys, file, []string{"id", "name_ru", "name_en", "department", "hired", "clients"}, p,
		func(row map[string]string, line int) {
			e := employee{ID: row["id"], NameRU: row["name_ru"], NameEN: row["name_en"], Department: row["department"]}
			switch _, dup := ds.byID[e.ID]; {
			case e.ID == "":
				p.add(file, line, "id is empty")
				return
			case dup:
				p.add(file, line, "employee %q is listed twice", e.ID)
				return
			case e.NameRU == "" && e.NameEN == "":
				p.add(file, line, "employee %q has neither name_ru nor name_en", e.ID)
			case e.Department == "":
				p.add(file, line, "employee %q has no department", e.ID)
			}
			var err error
			if e.Hired, err = complaints.ParseDate(row["hired"]); err != nil {
				p.add(file, line, "hired %q is not a date YYYY-MM-DD", row["hired"])
			}
			if e.Clients, err = strconv.ParseInt(row["clients"], 10, 64); err != nil || e.Clients < 0 ||
				e.Clients > survey.MaxCount {
				p.add(file, line, "clients %q is not a whole number from 0 to %d", row["clients"], survey.MaxCount)
			}
			ds.employees = append(ds.employees, e)
			ds.byID[e.ID] = e
		})
	if len(ds.employees) == 0 && len(p.errs) == 0 {
		p.add(file, 0, "no employees")
	}
}

func (ds *dataset) loadRubrics(fsys fs.FS, p *problems) {
	for _, id := range rubric.Templates() {
		r, err := rubric.Template(id)
		if err != nil {
			p.add("built-in templates", 0, "%v", err)
		}
		ds.rubrics[id] = r
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

func (ds *dataset) loadEvaluations(fsys fs.FS, p *problems) {
	const file = "evaluations.json"
	seen := map[string]int{}
	eachJSON(fsys, file, "evaluations", false, p, func(n int, msg json.RawMessage) {
		e, err := rubric.ParseEvaluation(msg)
		if err != nil {
			p.add(file, 0, "evaluation %d: %v", n, err)
			return
		}
		where := fmt.Sprintf("evaluation %d (%q)", n, e.ID)
		switch first, dup := seen[e.ID]; {
		case e.ID == "":
			p.add(file, 0, "evaluation %d has no id", n)
		case dup:
			p.add(file, 0, "%s repeats the id of evaluation %d", where, first)
		case e.Rubric == "":
			p.add(file, 0, "%s names no rubric", where)
		case ds.rubrics[e.Rubric] == nil:
			p.add(file, 0, "%s: rubric %q is neither in rubric.json nor a built-in template (%s)", where, e.Rubric,
				strings.Join(rubric.Templates(), ", "))
		case e.At.IsZero():
			p.add(file, 0, "%s has no time (\"at\")", where)
		case ds.byID[e.EmployeeID].ID == "":
			p.add(file, 0, "%s: employee %q is not in employees.csv", where, e.EmployeeID)
		}
		seen[e.ID] = n
		ds.evaluations = append(ds.evaluations, e)
	})
}

// surveyKinds maps the kind column of surveys.csv to the answer it holds: a whole number or yes/no.
var surveyKinds = map[string]struct {
	number func(int) survey.Answer
	yesNo  func(bool) survey.Answer
}{
	"csi": {number: survey.CSIAnswer}, "csat": {number: survey.CSATAnswer}, "classic": {number: survey.ClassicAnswer},
	"ces": {number: survey.CESAnswer}, "recommend": {yesNo: survey.RecommendAnswer}, "fcr": {yesNo: survey.FCRAnswer},
}

func (ds *dataset) loadSurveys(fsys fs.FS, p *problems) {
	const file = "surveys.csv"
	readCSV(fsys, file, []string{"client", "employee", "time", "kind", "value"}, p, func(row map[string]string, line int) {
		e, ok := ds.byID[row["employee"]]
		if !ok {
			p.add(file, line, "employee %q is not in employees.csv", row["employee"])
			return
		}
		at, err := time.Parse(time.RFC3339, row["time"])
		if err != nil {
			p.add(file, line, "time %q is not an RFC 3339 time such as 2026-03-02T10:00:00+05:00", row["time"])
			return
		}
		kind, ok := surveyKinds[row["kind"]]
		if !ok {
			p.add(file, line, "kind %q is not one of csi, recommend, csat, classic, ces, fcr", row["kind"])
			return
		}
		var ans survey.Answer
		n, err := strconv.Atoi(row["value"])
		switch v := row["value"]; {
		case kind.number != nil && err == nil:
			ans = kind.number(n)
		case kind.yesNo != nil && (v == "yes" || v == "no"):
			ans = kind.yesNo(v == "yes")
		default:
			p.add(file, line, "value %q is not an answer of kind %s (a whole number, or yes/no)", v, row["kind"])
			return
		}
		if err := ans.Validate(); err != nil {
			p.add(file, line, "%v", err)
			return
		}
		ds.responses = append(ds.responses, survey.Response{Client: row["client"], Employee: e.ID,
			Department: e.Department, Channel: "survey", At: at, Answer: ans})
	})
}

func (ds *dataset) loadPlatforms(fsys fs.FS, p *problems) {
	const file = "platforms.json"
	var rows []struct {
		Department string `json:"department"`
		Platform   string `json:"platform"`
		Rating     string `json:"rating"`
		Reviews    int64  `json:"reviews"`
	}
	if b := readFile(fsys, file, true, p); b == nil {
		return
	} else if err := decodeStrict(b, &rows); err != nil {
		p.add(file, 0, "%v", err)
		return
	}
	for i, r := range rows {
		d, err := parseDecimal(r.Rating)
		switch {
		case err != nil:
			p.add(file, 0, "entry %d: rating: %v", i+1, err)
		case r.Department == "" || r.Platform == "":
			p.add(file, 0, "entry %d: department and platform are required", i+1)
		default:
			ds.platforms[r.Department] = append(ds.platforms[r.Department],
				rating.PlatformRating{Name: r.Platform, Rating: d, Reviews: r.Reviews})
		}
	}
}

func (ds *dataset) loadComplaints(fsys fs.FS, p *problems) {
	eachJSON(fsys, "complaints.json", "complaints", true, p, func(n int, msg json.RawMessage) {
		c, err := complaints.DecodeComplaint(msg, ds.policy)
		if err != nil {
			p.add("complaints.json", 0, "complaint %d: %v", n, err)
			return
		}
		ds.complaints = append(ds.complaints, c)
	})
}
