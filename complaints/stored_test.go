package complaints

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/servicequality/servicequality/sq"
	"pgregory.net/rapid"
)

// A complaint's JSON carries its policy and calendar version, so json.Unmarshal reads it back whole.
func TestComplaintJSONCarriesItsPolicy(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	c, err := New(KazakhstanMicrofinance(alm), Info{ID: "C-1", Channel: "email", ReceivedAt: at(alm, 2026, 12, 10, 10, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = c.Append(Event{Kind: Paused, At: at(alm, 2026, 12, 11, 10, 0), Reason: "documents"}); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"calendar":"KZ"`) || !strings.Contains(string(b), `"calendar_version":"`+Kazakhstan().Version()+`"`) {
		t.Errorf("the JSON lacks the policy's calendar or its version: %s", b)
	}
	var back Complaint
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !back.Equal(c) {
		t.Error("json.Unmarshal did not give back an equal complaint")
	}
	again, err := json.Marshal(back)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("encode → decode → encode changed the bytes (%v):\n%s\n%s", err, b, again)
	}

	// The calendar data changed since: refused by name, and readable under the policy in force.
	old := bytes.Replace(b, []byte(Kazakhstan().Version()), []byte("sha256:0000000000000000"), 1)
	if _, err := ParseComplaint(old); !errors.Is(err, ErrStoredPolicy) || !strings.Contains(err.Error(), "sha256:0000000000000000") {
		t.Errorf("a complaint stored on other calendar data = %v, want ErrStoredPolicy naming it", err)
	}
	if d, err := ParseComplaint(old, KazakhstanMicrofinance(alm)); err != nil || !d.Equal(c) {
		t.Errorf("ParseComplaint under the policy in force = %v", err)
	}
	// Another policy than the stored one is refused.
	if _, err := ParseComplaint(b, RussiaFinancialOrganisations(alm)); !errors.Is(err, ErrStoredPolicy) {
		t.Errorf("decoding under another policy = %v, want ErrStoredPolicy", err)
	}
	// The format of earlier versions (no policy) reads as before with ParseComplaint under a policy, and is refused alone.
	legacy := []byte(`{"id":"C-2","received_at":"2026-03-02T10:00:00+05:00","events":[]}`)
	if _, err := ParseComplaint(legacy, DefaultPolicy(alm)); err != nil {
		t.Errorf("a complaint of the earlier format: %v", err)
	}
	if err := json.Unmarshal(legacy, &back); !errors.Is(err, sq.ErrMalformed) || !back.Equal(c) {
		t.Errorf("json.Unmarshal of a complaint without its policy = %v (the target must be unchanged)", err)
	}
	// A policy that could not be read back is not written.
	fixed := DefaultPolicy(time.FixedZone("+05", 5*3600))
	if fc, err := New(fixed, Info{ID: "F", ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	} else if _, err := json.Marshal(fc); !errors.Is(err, ErrInvalidPolicy) {
		t.Errorf("a complaint under a time.FixedZone policy was written: %v", err)
	}
}

// Policies round-trip through JSON exactly, or refuse to be written.
func TestPolicyJSONEdges(t *testing.T) {
	tests := []struct {
		p      Policy
		ok     bool
		reason string
	}{
		{Policy{Name: "sub-second", Length: 3, Location: time.UTC, ReceiptCutoff: 18*time.Hour + 1500*time.Millisecond,
			DueBy: 20*time.Hour + time.Nanosecond}, true, "sub-second cut-off and due-by are kept to the nanosecond"},
		{Policy{Name: "nil calendar", Length: 3, Unit: WorkingDays, Location: time.UTC, Calendar: (*WorkCalendar)(nil)},
			true, "a nil *WorkCalendar is the Monday-to-Friday week, written as Mon-Fri"},
		{Policy{Name: "fixed zone", Length: 3, Location: time.FixedZone("+05", 5*3600)}, false,
			"a time.FixedZone has no IANA name to read back"},
		{Policy{Name: "official only", Length: 3, Unit: WorkingDays, Location: time.UTC, Calendar: Russia(),
			OfficialDataOnly: true}, true, "official_data_only is kept"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.p)
		if !tt.ok {
			if !errors.Is(err, ErrInvalidPolicy) {
				t.Errorf("%s: Marshal = %s, %v; want ErrInvalidPolicy", tt.reason, b, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.reason, err)
			continue
		}
		back, err := ParsePolicy(b)
		if err != nil || !back.Equal(tt.p) {
			t.Errorf("%s: %s read back as %+v (%v)", tt.reason, b, back, err)
		}
	}
	for _, bad := range []string{"18:00:00.", "18:00.5", "18:00:00.1234567890", "18:00:00.-1", "1:00"} {
		if _, err := parseClock("due_by", bad); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("parseClock(%q) = %v, want sq.ErrMalformed", bad, err)
		}
	}
}

// Random histories: encode → decode → encode is byte-identical and decoding gives an equal complaint.
func TestPropComplaintJSONRoundTrip(t *testing.T) {
	alm := mustLoc(t, "Asia/Almaty")
	policies := []Policy{DefaultPolicy(alm), KazakhstanMicrofinance(alm), RussiaFinancialOrganisations(alm), FCA(alm)}
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom(policies).Draw(t, "policy")
		received := time.Date(2026, 1, 1, 0, 0, 0, 0, alm).Add(time.Duration(rapid.Int64Range(0, 3*365*24*3600).Draw(t, "received")) * time.Second)
		c, err := New(p, Info{ID: rapid.StringMatching(`[A-Z]-[0-9]{1,4}`).Draw(t, "id"), ReceivedAt: received})
		if err != nil {
			t.Fatal(err)
		}
		now := received
		for i := rapid.IntRange(0, 8).Draw(t, "events"); i > 0; i-- {
			now = now.Add(time.Duration(rapid.Int64Range(1, 10*24*3600).Draw(t, "gap")) * time.Second)
			kind := rapid.SampledFrom([]EventKind{Acknowledged, Paused, Resumed, Extended, Resolved, Closed}).Draw(t, "kind")
			e := Event{Kind: kind, At: now, Reason: "r"}
			if kind == Extended {
				e.Length, e.NoticeAt = 1, now
			}
			if n, err := c.Append(e); err == nil {
				c = n
			}
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseComplaint(b)
		if err != nil {
			t.Fatal(err)
		}
		if !back.Equal(c) {
			t.Fatalf("decoded complaint differs: %s", b)
		}
		again, _ := json.Marshal(back)
		if diff := cmp.Diff(string(b), string(again)); diff != "" {
			t.Fatalf("re-encoding changed the bytes (-first +second):\n%s", diff)
		}
	})
}

// The complaints decoders refuse repeated keys, case variants, look-alike keys and null instead of picking one
// silently (each row was a silent change before: a 1,000-day term, calendar days, another calendar, a lost
// resolution).
func TestDecodersAreStrict(t *testing.T) {
	policy := func(extra string) string {
		return `{"name":"p","length":15,"unit":"working-days","location":"Asia/Almaty","calendar":"KZ","start":"next-day"` + extra + `}`
	}
	policies := []struct {
		json   string
		reason string
	}{
		{policy(`,"length":1000`), "a second length"},
		{policy(`,"UNIT":"calendar-days"`), "a key in another case"},
		{policy(`,"calendar":"Mon-Fri"`), "a second calendar"},
		{policy(`,"unit\u017f":"calendar-days"`), "a look-alike key (ſ folds to s)"},
		{`{"name":"p","length":15,"unit":null,"location":"Asia/Almaty","start":"next-day"}`, "unit null"},
		{policy(`,"due_soon":null`), "null for a number"},
		{policy(`} {`), "data after the value"},
		{"{\"name\":\"\xff\",\"length\":15,\"unit\":\"calendar-days\",\"location\":\"UTC\",\"start\":\"next-day\"}", "invalid UTF-8"},
	}
	for _, tt := range policies {
		if _, err := ParsePolicy([]byte(tt.json)); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("%s: ParsePolicy = %v, want sq.ErrMalformed", tt.reason, err)
		}
	}
	alm := mustLoc(t, "Asia/Almaty")
	complaintsJSON := []struct {
		json   string
		reason string
	}{
		{`{"id":"C","received_at":"2026-03-02T10:00:00+05:00","events":[{"kind":"resolved","at":"2026-03-03T10:00:00+05:00"}],"Events":[]}`,
			"events and Events: a resolution would be lost"},
		{`{"id":"C","id":"D","received_at":"2026-03-02T10:00:00+05:00","events":[]}`, "a repeated id"},
		{`{"id":"C","received_at":"2026-03-02T10:00:00+05:00","events":null}`, "events null"},
	}
	for _, tt := range complaintsJSON {
		if _, err := ParseComplaint([]byte(tt.json), DefaultPolicy(alm)); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("%s: ParseComplaint under a policy = %v, want sq.ErrMalformed", tt.reason, err)
		}
	}
	if _, err := ParseCalendar([]byte(`{"name":"x","week":["Mon"],"Week":["Sat"],"years":[]}`)); !errors.Is(err, sq.ErrMalformed) {
		t.Errorf("calendar with week and Week = %v, want sq.ErrMalformed", err)
	}
}

// A complaint goes into a JSONB or TEXT column as its JSON and comes back equal.
func TestComplaintSQL(t *testing.T) {
	c, err := New(DefaultPolicy(time.UTC), Info{ID: "C-9", ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = c.Append(Event{Kind: Responded, At: time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC), Reason: "we are looking into it"}); err != nil {
		t.Fatal(err)
	}
	v, err := c.Value()
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []any{v, []byte(v.(string))} {
		var back Complaint
		if err := back.Scan(src); err != nil || !back.Equal(c) {
			t.Errorf("Scan(%T) = %v; equal %v", src, err, back.Equal(c))
		}
	}
	var back Complaint
	for _, src := range []any{nil, int64(3), 1.5} {
		if err := back.Scan(src); !errors.Is(err, sq.ErrMalformed) {
			t.Errorf("Scan(%v) = %v, want sq.ErrMalformed", src, err)
		}
	}
	if _, err := (Complaint{}).Value(); !errors.Is(err, ErrInvalidComplaint) {
		t.Errorf("the zero Complaint's Value = %v", err)
	}
}
