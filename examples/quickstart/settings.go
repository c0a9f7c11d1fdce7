package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/shopspring/decimal"
)

// settings is settings.json. Every field is optional; see data/README.md for the defaults.
type settings struct {
	Organisation rubric.Text `json:"organisation"`
	Location     string      `json:"location"`
	Departments  []struct {
		ID    string      `json:"id"`
		Title rubric.Text `json:"title"`
	} `json:"departments"`
	Weights struct {
		Personal struct {
			Calls  string `json:"calls"`
			Survey string `json:"survey"`
		} `json:"personal"`
		Survey struct {
			CSI string `json:"csi"`
			NPS string `json:"nps"`
		} `json:"survey"`
		Department struct {
			Platforms string `json:"platforms"`
			Employees string `json:"employees"`
			Survey    string `json:"survey"`
		} `json:"department"`
	} `json:"weights"`
	PlatformMean string          `json:"platform_mean"`
	Policy       json.RawMessage `json:"complaint_policy"`
	PolicyTitle  rubric.Text     `json:"complaint_policy_title"`

	personal   rating.PersonalSettings
	department rating.DepartmentSettings
}

// departmentTitle returns the title of department id in lang, or the ID.
func (s settings) departmentTitle(id, lang string) string {
	for _, d := range s.Departments {
		if d.ID == id {
			if t := d.Title.Get(lang); t != "" {
				return t
			}
		}
	}
	return id
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

	s.personal = rating.DefaultPersonalSettings()
	s.department = rating.DefaultDepartmentSettings()
	w := s.Weights
	for _, set := range []struct {
		weight *decimal.Decimal
		field  string
		value  string
	}{
		{&s.personal.CallWeight, "weights.personal.calls", w.Personal.Calls},
		{&s.personal.SurveyWeight, "weights.personal.survey", w.Personal.Survey},
		{&s.personal.CSIWeight, "weights.survey.csi", w.Survey.CSI},
		{&s.personal.NPSWeight, "weights.survey.nps", w.Survey.NPS},
		{&s.department.CSIWeight, "weights.survey.csi", w.Survey.CSI},
		{&s.department.NPSWeight, "weights.survey.nps", w.Survey.NPS},
		{&s.department.PlatformWeight, "weights.department.platforms", w.Department.Platforms},
		{&s.department.EmployeeWeight, "weights.department.employees", w.Department.Employees},
		{&s.department.SurveyWeight, "weights.department.survey", w.Department.Survey},
	} {
		if set.value == "" {
			continue // the library's default weight
		}
		d, err := parseDecimal(set.value)
		if err != nil {
			p.add(file, 0, "%s: %v", set.field, err)
			continue
		}
		*set.weight = d
	}
	switch s.PlatformMean {
	case "", "plain":
		s.department.ReviewWeighted = false
	case "review-weighted":
		s.department.ReviewWeighted = true
	default:
		p.add(file, 0, "platform_mean %q is not one of plain, review-weighted", s.PlatformMean)
	}
	if err := s.personal.Validate(); err != nil {
		p.add(file, 0, "weights: %v", err)
	}
	if err := s.department.Validate(); err != nil {
		p.add(file, 0, "weights: %v", err)
	}

	if len(s.Policy) == 0 {
		ds.policy = complaints.DefaultPolicy(loc)
		ds.policy.DueSoon = 3
		if len(s.PolicyTitle) == 0 {
			s.PolicyTitle = rubric.Text{"en": "15 calendar days from the day after receipt",
				"ru": "15 календарных дней со дня, следующего за получением"}
		}
		return
	}
	pol, err := complaints.ParsePolicy(s.Policy)
	if err != nil {
		p.add(file, 0, "complaint_policy: %v", err)
		return
	}
	ds.policy = pol
}

// decimalText is what parseDecimal accepts: a plain decimal of at most 20 digits before and 18 after the point.
var decimalText = regexp.MustCompile(`^[0-9]{1,20}(\.[0-9]{1,18})?$`)

// parseDecimal reads a non-negative decimal written plainly ("4.6", "0.25"); exponents and signs are refused,
// and the length is checked before the text is parsed.
func parseDecimal(s string) (decimal.Decimal, error) {
	if len(s) > 40 || !decimalText.MatchString(s) {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		return decimal.Decimal{}, fmt.Errorf("%q is not a plain non-negative decimal such as 4.6", s)
	}
	return decimal.NewFromString(s)
}
