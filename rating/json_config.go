package rating

// JSON forms of settings and inputs, snake_case, decimals as strings, every field required on reading (see
// codec.go); null only for a CSI or NPS that was not measured:
//
//	PersonalSettings  {"call_weight":"1","survey_weight":"1","csi_weight":"1","nps_weight":"1","fail_on_missing":false,
//	                   "min_coverage":"0","min_calls":5,"min_surveyed_percent":"0","shrink_prior":"0","shrink_strength":"0"}
//	DepartmentSettings {"platform_weight":"1","employee_weight":"1","survey_weight":"1","csi_weight":"1","nps_weight":"1",
//	                   "fail_on_missing":false,"min_coverage":"0","review_weighted":false,"include_insufficient":false}
//	PlatformRating    {"name":"yandex","rating":"4.7","reviews":120}
//	CallScore         {"evaluation_id":"ev1","employee_id":"anna","department_id":"sales","at":"2024-02-01T10:00:00Z","total":"4.3"}
//	Survey            {"csi":"23/5","nps":null,"surveyed":10,"clients":200}
//
// Raters have no JSON form: their MarshalJSON
// and UnmarshalJSON return an error wrapping errNotEncodable that says what to store instead.

func (s *PersonalSettings) fields() []field {
	return []field{decimalField("call_weight", &s.CallWeight), decimalField("survey_weight", &s.SurveyWeight),
		decimalField("csi_weight", &s.CSIWeight), decimalField("nps_weight", &s.NPSWeight),
		boolField("fail_on_missing", &s.FailOnMissing), decimalField("min_coverage", &s.MinCoverage),
		intField("min_calls", &s.MinCalls), decimalField("min_surveyed_percent", &s.MinSurveyedPercent),
		decimalField("shrink_prior", &s.ShrinkPrior), decimalField("shrink_strength", &s.ShrinkStrength)}
}

// MarshalJSON writes the settings (see the JSON notes of json_config.go); it does not validate them.
func (s PersonalSettings) MarshalJSON() ([]byte, error) { return marshalFields(s.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly; NewPersonalRater validates the settings.
func (s *PersonalSettings) UnmarshalJSON(b []byte) error {
	var v PersonalSettings
	if err := unmarshalFields("personal settings", b, v.fields()...); err != nil {
		return err
	}
	*s = v
	return nil
}

// Equal reports whether s and o are the same settings.
func (s PersonalSettings) Equal(o PersonalSettings) bool {
	return s.CallWeight.Equal(o.CallWeight) && s.SurveyWeight.Equal(o.SurveyWeight) && s.CSIWeight.Equal(o.CSIWeight) &&
		s.NPSWeight.Equal(o.NPSWeight) && s.FailOnMissing == o.FailOnMissing && s.MinCoverage.Equal(o.MinCoverage) &&
		s.MinCalls == o.MinCalls && s.MinSurveyedPercent.Equal(o.MinSurveyedPercent) && s.ShrinkPrior.Equal(o.ShrinkPrior) &&
		s.ShrinkStrength.Equal(o.ShrinkStrength)
}

func (s *DepartmentSettings) fields() []field {
	return []field{decimalField("platform_weight", &s.PlatformWeight), decimalField("employee_weight", &s.EmployeeWeight),
		decimalField("survey_weight", &s.SurveyWeight), decimalField("csi_weight", &s.CSIWeight),
		decimalField("nps_weight", &s.NPSWeight), boolField("fail_on_missing", &s.FailOnMissing),
		decimalField("min_coverage", &s.MinCoverage), boolField("review_weighted", &s.ReviewWeighted),
		boolField("include_insufficient", &s.IncludeInsufficient)}
}

// MarshalJSON writes the settings (see the JSON notes of json_config.go); it does not validate them.
func (s DepartmentSettings) MarshalJSON() ([]byte, error) { return marshalFields(s.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly; NewDepartmentRater validates the settings.
func (s *DepartmentSettings) UnmarshalJSON(b []byte) error {
	var v DepartmentSettings
	if err := unmarshalFields("department settings", b, v.fields()...); err != nil {
		return err
	}
	*s = v
	return nil
}

// Equal reports whether s and o are the same settings.
func (s DepartmentSettings) Equal(o DepartmentSettings) bool {
	return s.PlatformWeight.Equal(o.PlatformWeight) && s.EmployeeWeight.Equal(o.EmployeeWeight) &&
		s.SurveyWeight.Equal(o.SurveyWeight) && s.CSIWeight.Equal(o.CSIWeight) && s.NPSWeight.Equal(o.NPSWeight) &&
		s.FailOnMissing == o.FailOnMissing && s.MinCoverage.Equal(o.MinCoverage) &&
		s.ReviewWeighted == o.ReviewWeighted && s.IncludeInsufficient == o.IncludeInsufficient
}

func (p *PlatformRating) fields() []field {
	return []field{stringField("name", &p.Name), decimalField("rating", &p.Rating), int64Field("reviews", &p.Reviews)}
}

// MarshalJSON writes {"name":…,"rating":"…","reviews":…}.
func (p PlatformRating) MarshalJSON() ([]byte, error) { return marshalFields(p.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (p *PlatformRating) UnmarshalJSON(b []byte) error {
	var v PlatformRating
	if err := unmarshalFields("platform rating", b, v.fields()...); err != nil {
		return err
	}
	*p = v
	return nil
}

// Equal reports whether p and o are the same platform rating.
func (p PlatformRating) Equal(o PlatformRating) bool {
	return p.Name == o.Name && p.Rating.Equal(o.Rating) && p.Reviews == o.Reviews
}

func (c *CallScore) fields() []field {
	return []field{stringField("evaluation_id", &c.EvaluationID), stringField("employee_id", &c.EmployeeID),
		stringField("department_id", &c.DepartmentID), timeField("at", &c.At), decimalField("total", &c.Total),
		boolField("unscheduled", &c.Unscheduled), decimalField("scale", &c.Scale)}
}

// callScoreOptional are the fields a call score written before they existed leaves out.
var callScoreOptional = map[string]bool{"unscheduled": true, "scale": true}

// MarshalJSON writes the call score (see the JSON notes of json_config.go); the time in RFC 3339. "unscheduled"
// and "scale" are written only when set, so a call score without them reads and writes as before they existed.
func (c CallScore) MarshalJSON() ([]byte, error) {
	fs := c.fields() // the two optional fields last: "unscheduled", then "scale"
	switch {
	case !c.Scale.IsZero():
		return marshalFields(fs...)
	case c.Unscheduled:
		return marshalFields(fs[:6]...)
	}
	return marshalFields(fs[:5]...)
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly; "unscheduled" and "scale" may be left out.
func (c *CallScore) UnmarshalJSON(b []byte) error {
	var v CallScore
	if err := unmarshalFieldsOptional("call score", b, callScoreOptional, v.fields()...); err != nil {
		return err
	}
	*c = v
	return nil
}

func (s *Survey) fields() []field {
	return []field{nullFractionField("csi", &s.CSI), nullFractionField("nps", &s.NPS),
		int64Field("surveyed", &s.Surveyed), int64Field("clients", &s.Clients)}
}

// MarshalJSON writes {"csi":…,"nps":…,"surveyed":…,"clients":…}; a CSI or NPS not measured is null.
func (s Survey) MarshalJSON() ([]byte, error) { return marshalFields(s.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly (null only for "csi" and "nps").
func (s *Survey) UnmarshalJSON(b []byte) error {
	var v Survey
	if err := unmarshalFields("survey", b, v.fields()...); err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalJSON refuses: a PersonalRater is built from PersonalSettings; store the settings.
func (r PersonalRater) MarshalJSON() ([]byte, error) {
	return nil, refuseJSON("PersonalRater", "its PersonalSettings")
}

// UnmarshalJSON refuses: build the rater with NewPersonalRater from stored settings.
func (r *PersonalRater) UnmarshalJSON([]byte) error {
	return refuseJSON("PersonalRater", "its PersonalSettings and build it with NewPersonalRater")
}

// MarshalJSON refuses: a DepartmentRater is built from DepartmentSettings; store the settings.
func (r DepartmentRater) MarshalJSON() ([]byte, error) {
	return nil, refuseJSON("DepartmentRater", "its DepartmentSettings")
}

// UnmarshalJSON refuses: build the rater with NewDepartmentRater from stored settings.
func (r *DepartmentRater) UnmarshalJSON([]byte) error {
	return refuseJSON("DepartmentRater", "its DepartmentSettings and build it with NewDepartmentRater")
}
