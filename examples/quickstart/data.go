package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/servicequality/servicequality/internal/strictjson"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/servicequality/servicequality/autoqa"
	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/review"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sampling"
	"github.com/servicequality/servicequality/survey"
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

// maxProblems caps the problems reported from one load.
const maxProblems = 20

// problems gathers data errors, each naming its file and place.
type problems struct{ errs []error }

func (p *problems) add(file string, line int, format string, args ...any) {
	where := file
	if line > 0 {
		where = fmt.Sprintf("%s line %d", file, line)
	}
	p.errs = append(p.errs, fmt.Errorf("quickstart: %s: %s", where, fmt.Sprintf(format, args...)))
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
	ds.loadSettings(fsys, &p)
	if err := p.err(); err != nil {
		return nil, err
	}
	ds.loadEmployees(fsys, &p)
	ds.loadRubrics(fsys, &p)
	if err := p.err(); err != nil {
		return nil, err
	}
	ds.loadEvaluations(fsys, &p)
	ds.loadSurveys(fsys, &p)
	ds.loadPlatforms(fsys, &p)
	ds.loadComplaints(fsys, &p)
	ds.loadCalls(fsys, &p)
	ds.loadReviews(fsys, &p)
	ds.loadFacts(fsys, &p)
	if err := p.err(); err != nil {
		return nil, err
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
		return nil
	}
	return b
}

// maxDataJSON bounds one JSON document of the data set, in bytes.
const maxDataJSON = 16 << 20

// decodeStrict decodes one JSON value into v with the module's strict reader: exact keys, no unknown or repeated
// ones, no null, valid UTF-8, nothing after the value.
func decodeStrict(b []byte, v any) error {
	return strictjson.Decode(b, maxDataJSON, v)
}

// readCSV reads a CSV file whose header must name exactly the given columns, in any order. It returns the rows as
// maps from column to value, with their line numbers.
func readCSV(fsys fs.FS, file string, columns []string, p *problems) (rows []map[string]string, lines []int) {
	b := readFile(fsys, file, false, p)
	if b == nil {
		return nil, nil
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		p.add(file, 1, "header: %v", err)
		return nil, nil
	}
	if strings.Join(slices.Sorted(slices.Values(header)), ",") != strings.Join(slices.Sorted(slices.Values(columns)), ",") {
		p.add(file, 1, "header %q must name the columns %s", strings.Join(header, ","), strings.Join(columns, ","))
		return nil, nil
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, lines
		}
		if err != nil {
			p.add(file, 0, "%v", err) // a csv.ParseError names its line
			return nil, nil
		}
		line, _ := r.FieldPos(0)
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = rec[i]
		}
		rows = append(rows, row)
		lines = append(lines, line)
	}
}

func (ds *dataset) loadEmployees(fsys fs.FS, p *problems) {
	const file = "employees.csv"
	rows, lines := readCSV(fsys, file, []string{"id", "name_ru", "name_en", "department", "hired", "clients"}, p)
	for i, row := range rows {
		e := employee{ID: row["id"], NameRU: row["name_ru"], NameEN: row["name_en"], Department: row["department"]}
		switch {
		case e.ID == "":
			p.add(file, lines[i], "id is empty")
			continue
		case e.NameRU == "" && e.NameEN == "":
			p.add(file, lines[i], "employee %q has neither name_ru nor name_en", e.ID)
		case e.Department == "":
			p.add(file, lines[i], "employee %q has no department", e.ID)
		}
		if _, dup := ds.byID[e.ID]; dup {
			p.add(file, lines[i], "employee %q is listed twice", e.ID)
			continue
		}
		hired, err := complaints.ParseDate(row["hired"])
		if err != nil {
			p.add(file, lines[i], "hired %q is not a date YYYY-MM-DD", row["hired"])
		}
		e.Hired = hired
		n, err := strconv.ParseInt(row["clients"], 10, 64)
		if err != nil || n < 0 || n > survey.MaxCount {
			p.add(file, lines[i], "clients %q is not a whole number from 0 to %d", row["clients"], survey.MaxCount)
		}
		e.Clients = n
		ds.employees = append(ds.employees, e)
		ds.byID[e.ID] = e
	}
	if len(ds.employees) == 0 && len(p.errs) == 0 {
		p.add(file, 0, "no employees")
	}
}

func (ds *dataset) loadRubrics(fsys fs.FS, p *problems) {
	for _, id := range rubric.Templates() {
		r, err := rubric.Template(id)
		if err != nil {
			p.add("built-in templates", 0, "%v", err)
			continue
		}
		ds.rubrics[id] = r
	}
	const file = "rubric.json"
	if b := readFile(fsys, file, true, p); b != nil {
		r, err := rubric.Parse(b)
		if err != nil {
			p.add(file, 0, "%v", err)
			return
		}
		ds.rubrics[r.ID()] = r // the department's own rubric wins over a template of the same ID
	}
}

func (ds *dataset) loadEvaluations(fsys fs.FS, p *problems) {
	const file = "evaluations.json"
	b := readFile(fsys, file, false, p)
	if b == nil {
		return
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		p.add(file, 0, "not a JSON array of evaluations: %v", err)
		return
	}
	seen := map[string]int{}
	for i, msg := range raw {
		if p.full() {
			return
		}
		e, err := rubric.ParseEvaluation(msg)
		if err != nil {
			p.add(file, 0, "evaluation %d: %v", i+1, err)
			continue
		}
		where := fmt.Sprintf("evaluation %d (%q)", i+1, e.ID)
		switch first, dup := seen[e.ID]; {
		case e.ID == "":
			p.add(file, 0, "evaluation %d has no id", i+1)
		case dup:
			p.add(file, 0, "%s repeats the id of evaluation %d", where, first)
		case e.Rubric == "":
			p.add(file, 0, "%s names no rubric", where)
		case ds.rubrics[e.Rubric] == nil:
			p.add(file, 0, "%s: rubric %q is neither in rubric.json nor a built-in template (%s)", where, e.Rubric,
				strings.Join(rubric.Templates(), ", "))
		case e.At.IsZero():
			p.add(file, 0, "%s has no time (\"at\")", where)
		default:
			if _, ok := ds.byID[e.EmployeeID]; !ok {
				p.add(file, 0, "%s: employee %q is not in employees.csv", where, e.EmployeeID)
			}
		}
		seen[e.ID] = i + 1
		ds.evaluations = append(ds.evaluations, e)
	}
}

// surveyKinds maps the kind column of surveys.csv to the answer it holds.
var surveyKinds = map[string]func(v string) (survey.Answer, bool){
	"csi":       intAnswer(survey.KindCSI),
	"csat":      intAnswer(survey.KindCSAT),
	"classic":   intAnswer(survey.KindClassic),
	"ces":       intAnswer(survey.KindCES),
	"recommend": yesNoAnswer(survey.KindRecommend),
	"fcr":       yesNoAnswer(survey.KindFCR),
}

func intAnswer(k survey.Kind) func(string) (survey.Answer, bool) {
	return func(v string) (survey.Answer, bool) {
		n, err := strconv.Atoi(v)
		return survey.Answer{Kind: k, Value: n}, err == nil
	}
}

func yesNoAnswer(k survey.Kind) func(string) (survey.Answer, bool) {
	return func(v string) (survey.Answer, bool) {
		switch v {
		case "yes":
			return survey.Answer{Kind: k, Value: 1}, true
		case "no":
			return survey.Answer{Kind: k, Value: 0}, true
		}
		return survey.Answer{}, false
	}
}

func (ds *dataset) loadSurveys(fsys fs.FS, p *problems) {
	const file = "surveys.csv"
	rows, lines := readCSV(fsys, file, []string{"client", "employee", "time", "kind", "value"}, p)
	for i, row := range rows {
		if p.full() {
			return
		}
		e, ok := ds.byID[row["employee"]]
		if !ok {
			p.add(file, lines[i], "employee %q is not in employees.csv", row["employee"])
			continue
		}
		at, err := time.Parse(time.RFC3339, row["time"])
		if err != nil {
			p.add(file, lines[i], "time %q is not an RFC 3339 time such as 2026-03-02T10:00:00+05:00", row["time"])
			continue
		}
		parse, ok := surveyKinds[row["kind"]]
		if !ok {
			p.add(file, lines[i], "kind %q is not one of csi, recommend, csat, classic, ces, fcr", row["kind"])
			continue
		}
		ans, ok := parse(row["value"])
		if ok {
			if err := ans.Validate(); err != nil {
				p.add(file, lines[i], "%v", err)
				continue
			}
		} else {
			p.add(file, lines[i], "value %q is not an answer of kind %s (a whole number, or yes/no)", row["value"], row["kind"])
			continue
		}
		ds.responses = append(ds.responses, survey.Response{Client: row["client"], Employee: e.ID,
			Department: e.Department, Channel: "survey", At: at, Answer: ans})
	}
}

func (ds *dataset) loadPlatforms(fsys fs.FS, p *problems) {
	const file = "platforms.json"
	b := readFile(fsys, file, true, p)
	if b == nil {
		return
	}
	var rows []struct {
		Department string `json:"department"`
		Platform   string `json:"platform"`
		Rating     string `json:"rating"`
		Reviews    int64  `json:"reviews"`
	}
	if err := decodeStrict(b, &rows); err != nil {
		p.add(file, 0, "%v", err)
		return
	}
	for i, r := range rows {
		d, err := parseDecimal(r.Rating)
		if err != nil {
			p.add(file, 0, "entry %d: rating: %v", i+1, err)
			continue
		}
		if r.Department == "" || r.Platform == "" {
			p.add(file, 0, "entry %d: department and platform are required", i+1)
			continue
		}
		ds.platforms[r.Department] = append(ds.platforms[r.Department],
			rating.PlatformRating{Name: r.Platform, Rating: d, Reviews: r.Reviews})
	}
}

func (ds *dataset) loadComplaints(fsys fs.FS, p *problems) {
	const file = "complaints.json"
	b := readFile(fsys, file, true, p)
	if b == nil {
		return
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		p.add(file, 0, "not a JSON array of complaints: %v", err)
		return
	}
	for i, msg := range raw {
		if p.full() {
			return
		}
		c, err := complaints.DecodeComplaint(msg, ds.policy)
		if err != nil {
			p.add(file, 0, "complaint %d: %v", i+1, err)
			continue
		}
		ds.complaints = append(ds.complaints, c)
	}
}
