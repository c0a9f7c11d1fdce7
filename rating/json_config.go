package rating

import "slices"

// JSON forms of settings and inputs, snake_case, decimals as strings, every field required on reading (see
// codec.go); null only for a CSI or NPS that was not measured:
//
//	Weight            {"name":"calls","weight":"1"}
//	Component         {"name":"calls","value":"4.5"}
//	Scheme            {"weights":[weight,...],"missing":"renormalize","min_coverage":"0"}
//	Shrinkage         {"prior":"4","strength":"5"}
//	PersonalSettings  {"weights":scheme,"survey":scheme,"min_calls":5,"min_surveyed":"0.04","call_shrinkage":shrinkage}
//	DepartmentSettings {"weights":scheme,"survey":scheme,"platforms":"plain","include_insufficient":false}
//	PlatformRating    {"name":"yandex","rating":"4.7","reviews":120}
//	CallScore         {"evaluation_id":"ev1","employee_id":"anna","department_id":"sales","at":"2024-02-01T10:00:00Z","total":"4.3"}
//	Survey            {"csi":"4.6","nps":null,"surveyed":10,"clients":200}
//	Reason            {"code":"few-calls","component":"","message":"..."}
//	Contribution      {"name":"calls","weight":"1","present":true,"value":"9/2","share":"1/2","points":"9/4"}
//	Shortfall         {"employee_id":"anna","evaluated":2,"required":5}
//
// Raters and aggregators, the inputs of Rate and QuarterCheck (its location) have no JSON form: their MarshalJSON
// and UnmarshalJSON return an error wrapping ErrNotEncodable that says what to store instead.

func (w *Weight) fields() []field {
	return []field{stringField("name", &w.Name), decimalField("weight", &w.Weight)}
}

// MarshalJSON writes {"name":…,"weight":"…"}.
func (w Weight) MarshalJSON() ([]byte, error) { return marshalFields(w.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly; errors wrap ErrDecode or ErrLimit.
func (w *Weight) UnmarshalJSON(b []byte) error {
	var v Weight
	if err := unmarshalFields("weight", b, v.fields()...); err != nil {
		return err
	}
	*w = v
	return nil
}

// Equal reports whether w and o have the same name and numerically equal weights.
func (w Weight) Equal(o Weight) bool { return w.Name == o.Name && w.Weight.Equal(o.Weight) }

func (c *Component) fields() []field {
	return []field{stringField("name", &c.Name), decimalField("value", &c.Value)}
}

// MarshalJSON writes {"name":…,"value":"…"}.
func (c Component) MarshalJSON() ([]byte, error) { return marshalFields(c.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly; errors wrap ErrDecode or ErrLimit.
func (c *Component) UnmarshalJSON(b []byte) error {
	var v Component
	if err := unmarshalFields("component", b, v.fields()...); err != nil {
		return err
	}
	*c = v
	return nil
}

// Equal reports whether c and o have the same name and numerically equal values.
func (c Component) Equal(o Component) bool { return c.Name == o.Name && c.Value.Equal(o.Value) }

// MarshalText writes "fail" or "renormalize"; another value is an error wrapping ErrInvalidSetting.
func (p MissingPolicy) MarshalText() ([]byte, error) {
	if p > MissingRenormalize {
		return nil, errorf("missing-component policy %d is not one of fail, renormalize: %w", uint8(p), ErrInvalidSetting)
	}
	return []byte(p.String()), nil
}

// UnmarshalText reads "fail" or "renormalize"; other text is an error wrapping ErrDecode.
func (p *MissingPolicy) UnmarshalText(b []byte) error {
	switch string(b) {
	case "fail":
		*p = MissingFail
	case "renormalize":
		*p = MissingRenormalize
	default:
		return errorf("missing-component policy %q is not one of fail, renormalize: %w", clip(string(b)), ErrDecode)
	}
	return nil
}

// MarshalJSON writes the text form as a JSON string.
func (p MissingPolicy) MarshalJSON() ([]byte, error) { return marshalTextJSON(p) }

// UnmarshalJSON reads a JSON string holding the text form; null is an error wrapping ErrDecode.
func (p *MissingPolicy) UnmarshalJSON(b []byte) error {
	return unmarshalTextJSON("missing-component policy", b, p)
}

func (s *Scheme) fields() []field {
	return []field{listField("weights", &s.Weights), textField("missing", &s.Missing),
		decimalField("min_coverage", &s.MinCoverage)}
}

// MarshalJSON writes {"weights":[…],"missing":"…","min_coverage":"…"}; it does not validate s.
func (s Scheme) MarshalJSON() ([]byte, error) { return marshalFields(s.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly; it does not validate the scheme (NewAggregator does).
func (s *Scheme) UnmarshalJSON(b []byte) error {
	var v Scheme
	if err := unmarshalFields("scheme", b, v.fields()...); err != nil {
		return err
	}
	*s = v
	return nil
}

// Equal reports whether s and o have equal weights in the same order, the same policy and minimum coverage.
func (s Scheme) Equal(o Scheme) bool {
	return slices.EqualFunc(s.Weights, o.Weights, Weight.Equal) && s.Missing == o.Missing &&
		s.MinCoverage.Equal(o.MinCoverage)
}

func (s *Shrinkage) fields() []field {
	return []field{decimalField("prior", &s.Prior), decimalField("strength", &s.Strength)}
}

// MarshalJSON writes {"prior":"…","strength":"…"}.
func (s Shrinkage) MarshalJSON() ([]byte, error) { return marshalFields(s.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (s *Shrinkage) UnmarshalJSON(b []byte) error {
	var v Shrinkage
	if err := unmarshalFields("shrinkage", b, v.fields()...); err != nil {
		return err
	}
	*s = v
	return nil
}

// Equal reports whether s and o have numerically equal prior and strength.
func (s Shrinkage) Equal(o Shrinkage) bool {
	return s.Prior.Equal(o.Prior) && s.Strength.Equal(o.Strength)
}

func (s *PersonalSettings) fields() []field {
	return []field{objectField("weights", &s.Weights), objectField("survey", &s.Survey),
		intField("min_calls", &s.MinCalls), decimalField("min_surveyed", &s.MinSurveyed),
		objectField("call_shrinkage", &s.CallShrinkage)}
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
	return s.Weights.Equal(o.Weights) && s.Survey.Equal(o.Survey) && s.MinCalls == o.MinCalls &&
		s.MinSurveyed.Equal(o.MinSurveyed) && s.CallShrinkage.Equal(o.CallShrinkage)
}

// MarshalText writes "plain" or "review-weighted"; another value is an error wrapping ErrInvalidSetting.
func (m PlatformMean) MarshalText() ([]byte, error) {
	if m > ReviewWeighted {
		return nil, errorf("platform mean %d is not one of plain, review-weighted: %w", uint8(m), ErrInvalidSetting)
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads "plain" or "review-weighted"; other text is an error wrapping ErrDecode.
func (m *PlatformMean) UnmarshalText(b []byte) error {
	switch string(b) {
	case "plain":
		*m = PlainMean
	case "review-weighted":
		*m = ReviewWeighted
	default:
		return errorf("platform mean %q is not one of plain, review-weighted: %w", clip(string(b)), ErrDecode)
	}
	return nil
}

// MarshalJSON writes the text form as a JSON string.
func (m PlatformMean) MarshalJSON() ([]byte, error) { return marshalTextJSON(m) }

// UnmarshalJSON reads a JSON string holding the text form; null is an error wrapping ErrDecode.
func (m *PlatformMean) UnmarshalJSON(b []byte) error { return unmarshalTextJSON("platform mean", b, m) }

func (s *DepartmentSettings) fields() []field {
	return []field{objectField("weights", &s.Weights), objectField("survey", &s.Survey),
		textField("platforms", &s.Platforms), boolField("include_insufficient", &s.IncludeInsufficient)}
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
	return s.Weights.Equal(o.Weights) && s.Survey.Equal(o.Survey) && s.Platforms == o.Platforms &&
		s.IncludeInsufficient == o.IncludeInsufficient
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

// Equal reports whether c and o are the same evaluation: IDs, instant, numerically equal totals and scales, and
// whether it was scheduled.
func (c CallScore) Equal(o CallScore) bool {
	return c.EvaluationID == o.EvaluationID && c.EmployeeID == o.EmployeeID && c.DepartmentID == o.DepartmentID &&
		c.At.Equal(o.At) && c.Total.Equal(o.Total) && c.Unscheduled == o.Unscheduled && c.Scale.Equal(o.Scale)
}

func (s *Survey) fields() []field {
	return []field{nullDecimalField("csi", &s.CSI), nullDecimalField("nps", &s.NPS),
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

// Equal reports whether s and o hold the same index and counts.
func (s Survey) Equal(o Survey) bool {
	return s.CSI.Valid == o.CSI.Valid && (!s.CSI.Valid || s.CSI.Decimal.Equal(o.CSI.Decimal)) &&
		s.NPS.Valid == o.NPS.Valid && (!s.NPS.Valid || s.NPS.Decimal.Equal(o.NPS.Decimal)) &&
		s.Surveyed == o.Surveyed && s.Clients == o.Clients
}

// MarshalJSON writes the text form as a JSON string.
func (s Status) MarshalJSON() ([]byte, error) { return marshalTextJSON(s) }

// UnmarshalJSON reads a JSON string holding the text form; null is an error wrapping ErrDecode.
func (s *Status) UnmarshalJSON(b []byte) error { return unmarshalTextJSON("status", b, s) }

// MarshalJSON writes the text form as a JSON string.
func (c ReasonCode) MarshalJSON() ([]byte, error) { return marshalTextJSON(c) }

// UnmarshalJSON reads a JSON string holding the text form; null is an error wrapping ErrDecode.
func (c *ReasonCode) UnmarshalJSON(b []byte) error { return unmarshalTextJSON("reason code", b, c) }

func (r *Reason) fields() []field {
	return []field{textField("code", &r.Code), stringField("component", &r.Component),
		stringField("message", &r.Message)}
}

// MarshalJSON writes {"code":…,"component":…,"message":…}.
func (r Reason) MarshalJSON() ([]byte, error) { return marshalFields(r.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (r *Reason) UnmarshalJSON(b []byte) error {
	var v Reason
	if err := unmarshalFields("reason", b, v.fields()...); err != nil {
		return err
	}
	*r = v
	return nil
}

// Equal reports whether r and o are the same reason.
func (r Reason) Equal(o Reason) bool { return r == o }

func (c *Contribution) fields() []field {
	return []field{stringField("name", &c.Name), decimalField("weight", &c.Weight), boolField("present", &c.Present),
		textField("value", &c.Value), textField("share", &c.Share), textField("points", &c.Points)}
}

// MarshalJSON writes the contribution with exact values (see the JSON notes of json_config.go).
func (c Contribution) MarshalJSON() ([]byte, error) { return marshalFields(c.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (c *Contribution) UnmarshalJSON(b []byte) error {
	var v Contribution
	if err := unmarshalFields("contribution", b, v.fields()...); err != nil {
		return err
	}
	*c = v
	return nil
}

// Equal reports whether c and o are the same contribution.
func (c Contribution) Equal(o Contribution) bool {
	return c.Name == o.Name && c.Weight.Equal(o.Weight) && c.Present == o.Present && c.Value.Equal(o.Value) &&
		c.Share.Equal(o.Share) && c.Points.Equal(o.Points)
}

func (s *Shortfall) fields() []field {
	return []field{stringField("employee_id", &s.EmployeeID), intField("evaluated", &s.Evaluated),
		intField("required", &s.Required)}
}

// MarshalJSON writes {"employee_id":…,"evaluated":…,"required":…}.
func (s Shortfall) MarshalJSON() ([]byte, error) { return marshalFields(s.fields()...) }

// UnmarshalJSON reads the form MarshalJSON writes, strictly.
func (s *Shortfall) UnmarshalJSON(b []byte) error {
	var v Shortfall
	if err := unmarshalFields("shortfall", b, v.fields()...); err != nil {
		return err
	}
	*s = v
	return nil
}

// Equal reports whether s and o are the same shortfall.
func (s Shortfall) Equal(o Shortfall) bool { return s == o }

// MarshalText writes "employee" or "department"; another value is an error wrapping ErrInvalidSetting.
func (g GroupBy) MarshalText() ([]byte, error) {
	switch g {
	case ByEmployee:
		return []byte("employee"), nil
	case ByDepartment:
		return []byte("department"), nil
	}
	return nil, errorf("group-by %d is not one of employee, department: %w", uint8(g), ErrInvalidSetting)
}

// UnmarshalText reads "employee" or "department"; other text is an error wrapping ErrDecode.
func (g *GroupBy) UnmarshalText(b []byte) error {
	switch string(b) {
	case "employee":
		*g = ByEmployee
	case "department":
		*g = ByDepartment
	default:
		return errorf("group-by %q is not one of employee, department: %w", clip(string(b)), ErrDecode)
	}
	return nil
}

// MarshalJSON writes the text form as a JSON string.
func (g GroupBy) MarshalJSON() ([]byte, error) { return marshalTextJSON(g) }

// UnmarshalJSON reads a JSON string holding the text form; null is an error wrapping ErrDecode.
func (g *GroupBy) UnmarshalJSON(b []byte) error { return unmarshalTextJSON("group-by", b, g) }

// MarshalJSON refuses: an Aggregator is built from a Scheme; store the Scheme.
func (a Aggregator) MarshalJSON() ([]byte, error) { return nil, refuseJSON("Aggregator", "its Scheme") }

// UnmarshalJSON refuses: build the Aggregator with NewAggregator from a stored Scheme.
func (a *Aggregator) UnmarshalJSON([]byte) error {
	return refuseJSON("Aggregator", "its Scheme and build it with NewAggregator")
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

// MarshalJSON refuses: an input is what Rate reads; store its parts (CallScore, Survey, Accumulator, Period).
func (in PersonalInput) MarshalJSON() ([]byte, error) {
	return nil, refuseJSON("PersonalInput", "its calls (CallScore), survey (Survey), earlier totals (Accumulator) and period")
}

// UnmarshalJSON refuses, as MarshalJSON does.
func (in *PersonalInput) UnmarshalJSON([]byte) error {
	return refuseJSON("PersonalInput", "its calls (CallScore), survey (Survey), earlier totals (Accumulator) and period")
}

// MarshalJSON refuses: an input is what Rate reads; store its parts (PlatformRating, Personal, Survey).
func (in DepartmentInput) MarshalJSON() ([]byte, error) {
	return nil, refuseJSON("DepartmentInput", "its platforms (PlatformRating), personal ratings (Personal) and survey (Survey)")
}

// UnmarshalJSON refuses, as MarshalJSON does.
func (in *DepartmentInput) UnmarshalJSON([]byte) error {
	return refuseJSON("DepartmentInput", "its platforms (PlatformRating), personal ratings (Personal) and survey (Survey)")
}

// MarshalJSON refuses: a *time.Location has no exact text form; store the quarter, the location name and the
// required count.
func (c QuarterCheck) MarshalJSON() ([]byte, error) {
	return nil, refuseJSON("QuarterCheck", "its Quarter, the name of its Location and Required")
}

// UnmarshalJSON refuses, as MarshalJSON does.
func (c *QuarterCheck) UnmarshalJSON([]byte) error {
	return refuseJSON("QuarterCheck", "its Quarter, the name of its Location and Required")
}
