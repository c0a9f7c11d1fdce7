package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// maxFile bounds every file read: the sample is well under 1 MiB.
const maxFile = 64 << 20

// employee is one row of employees.csv.
type employee struct {
	ID, Name, Department string
	Hired                sq.Date
	Clients              int64
}

// dataset is the quickstart sample in the formats of examples/quickstart/data/README.md.
type dataset struct {
	loc         *time.Location
	personal    rating.PersonalSettings
	policy      complaints.Policy
	employees   []employee
	byID        map[string]employee
	rubrics     map[string]*rubric.Rubric
	evaluations []rubric.Evaluation
	responses   []survey.Response
	complaints  []complaints.Complaint
}

func readFile(dir, name string, required bool) ([]byte, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) && !required {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err == nil && len(b) > maxFile {
		err = fmt.Errorf("%s: larger than %d bytes", name, maxFile)
	}
	return b, err
}

// decodeStrict decodes one JSON value, refusing unknown fields and trailing data.
func decodeStrict(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("data after the JSON value")
	}
	return nil
}

// settingsFile is the part of settings.json the demo uses; the rest is accepted and ignored (titles, department
// settings and platforms are the quickstart's report, not the store's).
type settingsFile struct {
	Organisation json.RawMessage `json:"organisation"`
	Location     string          `json:"location"`
	Departments  json.RawMessage `json:"departments"`
	// Personal is rating's own settings JSON; the library's defaults when left out.
	Personal    *rating.PersonalSettings `json:"personal"`
	Department  json.RawMessage          `json:"department"`
	Policy      json.RawMessage          `json:"complaint_policy"`
	PolicyTitle json.RawMessage          `json:"complaint_policy_title"`
}

func load(dir string) (*dataset, error) {
	ds := &dataset{byID: map[string]employee{}, rubrics: map[string]*rubric.Rubric{}}
	for _, step := range []func(string) error{ds.loadSettings, ds.loadEmployees, ds.loadRubrics, ds.loadEvaluations,
		ds.loadSurveys, ds.loadComplaints} {
		if err := step(dir); err != nil {
			return nil, fmt.Errorf("sqdemo: %s: %w", dir, err)
		}
	}
	return ds, nil
}

func (ds *dataset) loadSettings(dir string) error {
	var s settingsFile
	b, err := readFile(dir, "settings.json", false)
	if err != nil {
		return err
	}
	if b != nil {
		if err := decodeStrict(b, &s); err != nil {
			return fmt.Errorf("settings.json: %w", err)
		}
	}
	if s.Location == "" {
		s.Location = "Asia/Almaty"
	}
	if ds.loc, err = time.LoadLocation(s.Location); err != nil || s.Location == "Local" {
		return fmt.Errorf("settings.json: location %q: an IANA time zone is needed", s.Location)
	}
	ds.personal = rating.DefaultPersonalSettings()
	if s.Personal != nil {
		ds.personal = *s.Personal
	}
	if err := ds.personal.Validate(); err != nil {
		return fmt.Errorf("settings.json: %w", err)
	}
	if len(s.Policy) == 0 {
		ds.policy = complaints.DefaultPolicy(ds.loc)
		ds.policy.DueSoon = 3
		return nil
	}
	if ds.policy, err = complaints.ParsePolicy(s.Policy); err != nil {
		return fmt.Errorf("settings.json: complaint_policy: %w", err)
	}
	return nil
}

// readCSV reads a CSV file with a header into rows of named columns.
func readCSV(dir, name string, columns ...string) ([]map[string]string, error) {
	b, err := readFile(dir, name, true)
	if err != nil {
		return nil, err
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: no header row", name)
	}
	index := map[string]int{}
	for i, h := range records[0] {
		index[h] = i
	}
	for _, c := range columns {
		if _, ok := index[c]; !ok {
			return nil, fmt.Errorf("%s: column %q missing", name, c)
		}
	}
	rows := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := map[string]string{}
		for _, c := range columns {
			row[c] = rec[index[c]]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func (ds *dataset) loadEmployees(dir string) error {
	rows, err := readCSV(dir, "employees.csv", "id", "name_en", "name_ru", "department", "hired", "clients")
	if err != nil {
		return err
	}
	for i, r := range rows {
		e := employee{ID: r["id"], Name: r["name_en"], Department: r["department"]}
		if e.Name == "" {
			e.Name = r["name_ru"]
		}
		if e.Hired, err = sq.ParseDate(r["hired"]); err != nil {
			return fmt.Errorf("employees.csv: line %d: hired: %w", i+2, err)
		}
		if e.Clients, err = strconv.ParseInt(r["clients"], 10, 64); err != nil || e.Clients < 0 {
			return fmt.Errorf("employees.csv: line %d: clients %q: a count is needed", i+2, r["clients"])
		}
		if _, dup := ds.byID[e.ID]; dup || e.ID == "" {
			return fmt.Errorf("employees.csv: line %d: id %q empty or repeated", i+2, e.ID)
		}
		ds.employees = append(ds.employees, e)
		ds.byID[e.ID] = e
	}
	return nil
}

func (ds *dataset) loadRubrics(dir string) error {
	for _, id := range rubric.Templates() {
		r, err := rubric.Template(id)
		if err != nil {
			return err
		}
		ds.rubrics[id] = r
	}
	b, err := readFile(dir, "rubric.json", false)
	if err != nil || b == nil {
		return err
	}
	r, err := rubric.Parse(b)
	if err != nil {
		return fmt.Errorf("rubric.json: %w", err)
	}
	ds.rubrics[r.ID()] = r
	return nil
}

func (ds *dataset) loadEvaluations(dir string) error {
	b, err := readFile(dir, "evaluations.json", true)
	if err != nil {
		return err
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("evaluations.json: %w", err)
	}
	for i, r := range raw {
		e, err := rubric.ParseEvaluation(r)
		if err != nil {
			return fmt.Errorf("evaluations.json: record %d: %w", i+1, err)
		}
		if ds.rubrics[e.Rubric] == nil {
			return fmt.Errorf("evaluations.json: record %d: rubric %q unknown", i+1, e.Rubric)
		}
		if _, ok := ds.byID[e.EmployeeID]; !ok {
			return fmt.Errorf("evaluations.json: record %d: employee %q not in employees.csv", i+1, e.EmployeeID)
		}
		ds.evaluations = append(ds.evaluations, e)
	}
	return nil
}

// surveyKinds maps the kind column of surveys.csv to the library's kinds; yes/no kinds take "yes" and "no".
var surveyKinds = map[string]survey.Kind{"csi": survey.KindCSI, "recommend": survey.KindRecommend,
	"classic": survey.KindClassic, "csat": survey.KindCSAT, "ces": survey.KindCES, "fcr": survey.KindFCR}

func (ds *dataset) loadSurveys(dir string) error {
	rows, err := readCSV(dir, "surveys.csv", "client", "employee", "time", "kind", "value")
	if err != nil {
		return err
	}
	for i, r := range rows {
		k, ok := surveyKinds[r["kind"]]
		if !ok {
			return fmt.Errorf("surveys.csv: line %d: kind %q unknown", i+2, r["kind"])
		}
		var v int
		switch {
		case k == survey.KindRecommend || k == survey.KindFCR:
			switch r["value"] {
			case "yes":
				v = 1
			case "no":
			default:
				return fmt.Errorf("surveys.csv: line %d: value %q: yes or no", i+2, r["value"])
			}
		default:
			if v, err = strconv.Atoi(r["value"]); err != nil {
				return fmt.Errorf("surveys.csv: line %d: value %q: a whole number", i+2, r["value"])
			}
		}
		at, err := time.Parse(time.RFC3339, r["time"])
		if err != nil {
			return fmt.Errorf("surveys.csv: line %d: time: %w", i+2, err)
		}
		e, ok := ds.byID[r["employee"]]
		if !ok {
			return fmt.Errorf("surveys.csv: line %d: employee %q not in employees.csv", i+2, r["employee"])
		}
		resp := survey.Response{Client: r["client"], Employee: e.ID, Department: e.Department, At: at,
			Answer: survey.Answer{Kind: k, Value: v}}
		if err := resp.Answer.Validate(); err != nil {
			return fmt.Errorf("surveys.csv: line %d: %w", i+2, err)
		}
		ds.responses = append(ds.responses, resp)
	}
	return nil
}

func (ds *dataset) loadComplaints(dir string) error {
	b, err := readFile(dir, "complaints.json", false)
	if err != nil || b == nil {
		return err
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("complaints.json: %w", err)
	}
	for i, r := range raw {
		c, err := complaints.ParseComplaint(r, ds.policy)
		if err != nil {
			return fmt.Errorf("complaints.json: record %d: %w", i+1, err)
		}
		ds.complaints = append(ds.complaints, c)
	}
	return nil
}
