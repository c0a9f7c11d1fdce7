package survey

import (
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Kind says which question an Answer answers, and so its scale. The zero value is invalid.
type Kind uint8

// The answer kinds.
const (
	KindCSI       Kind = iota + 1 // satisfaction on 1–5, averaged into the CSI (SPEC R11)
	KindRecommend                 // "would you recommend us?": 1 yes, 0 no (SPEC R12)
	KindClassic                   // likelihood to recommend on 0–10 (classic NPS, SPEC R15)
	KindCSAT                      // satisfaction with one case on 1–5 (CSAT)
	KindCES                       // effort on 1–7 (CES)
	KindFCR                       // resolved at the first contact: 1 yes, 0 no (FCR)
)

var kinds = [...]struct {
	name     string
	min, max int
}{
	KindCSI:       {"CSI", 1, 5},
	KindRecommend: {"recommend (1 yes, 0 no)", 0, 1},
	KindClassic:   {"classic NPS", 0, 10},
	KindCSAT:      {"CSAT", 1, 5},
	KindCES:       {"CES", 1, 7},
	KindFCR:       {"FCR (1 resolved, 0 not)", 0, 1},
}

func (k Kind) valid() bool { return k >= KindCSI && int(k) < len(kinds) }

// String returns the kind's name, such as "CSI" or "classic NPS".
func (k Kind) String() string {
	if k.valid() {
		return kinds[k].name
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Answer is one answer to one survey question: its Kind and its Value on that kind's scale, such as
// Answer{Kind: KindCSI, Value: 4}. Yes/no answers (KindRecommend, KindFCR) are 1 (yes, resolved) and 0 (no).
// The zero value is invalid (no kind). Answers compare with ==.
type Answer struct {
	Kind  Kind
	Value int
}

// Validate reports an error wrapping ErrInvalidAnswer for an unknown kind or a value off the kind's scale.
func (a Answer) Validate() error {
	if !a.Kind.valid() {
		return problem(ErrInvalidAnswer, "kind", fmt.Sprint(uint8(a.Kind)), "one of the Kind constants")
	}
	k := kinds[a.Kind]
	if a.Value < k.min || a.Value > k.max {
		return problem(ErrInvalidAnswer, "value", fmt.Sprint(a.Value), fmt.Sprintf("%s answers are %d–%d", k.name, k.min, k.max))
	}
	return nil
}

// Response is one answer of one client, with who served them, through which channel, and when. A survey that asks
// several questions gives several Responses with the same Client and time.
//
// Client identifies the respondent; Segment.Respondents counts distinct non-empty Clients, so leave it empty for
// anonymous answers. Employee, Department and Channel are free-form labels for grouping.
type Response struct {
	Client     string
	Employee   string
	Department string
	Channel    string
	At         time.Time
	Answer     Answer
}

// Tallies holds one tally of each metric, built from a stream of responses: every metric of a group can be
// computed from it. Each field is a valid tally by construction. The zero value holds no answers and is the identity
// of Merge. Values are immutable and safe for concurrent use.
type Tallies struct {
	CSI       CSI
	Recommend Share // "yes" of all answers to "would you recommend us?" (SPEC R12)
	Classic   ClassicNPS
	CSAT      Share // answers of 4 or 5 of all CSAT answers
	CES       CES
	FCR       Share // contacts resolved at the first contact of all contacts
}

// add counts one valid answer; classic answers are sorted with effective cuts.
func (t *Tallies) add(a Answer, cuts ClassicCuts) {
	switch a.Kind {
	case KindCSI:
		t.CSI.counts[a.Value-1]++
	case KindRecommend:
		t.Recommend.total++
		t.Recommend.hits += int64(a.Value)
	case KindClassic:
		t.Classic.add(a.Value, cuts)
	case KindCSAT:
		t.CSAT.total++
		if a.Value >= 4 {
			t.CSAT.hits++
		}
	case KindCES:
		t.CES.counts[a.Value-1]++
	case KindFCR:
		t.FCR.total++
		t.FCR.hits += int64(a.Value)
	}
}

// Equal reports whether every tally is equal.
func (t Tallies) Equal(o Tallies) bool { return t == o }

// Merge merges each tally with its counterpart: associative, commutative, with the zero value as identity.
// A merged total above MaxCount is an error wrapping sq.ErrLimit.
func (t Tallies) Merge(o Tallies) (Tallies, error) {
	var m Tallies
	var err error
	if m.CSI, err = t.CSI.Merge(o.CSI); err != nil {
		return Tallies{}, err
	}
	if m.Recommend, err = t.Recommend.Merge(o.Recommend); err != nil {
		return Tallies{}, err
	}
	if m.Classic, err = t.Classic.Merge(o.Classic); err != nil {
		return Tallies{}, err
	}
	if m.CSAT, err = t.CSAT.Merge(o.CSAT); err != nil {
		return Tallies{}, err
	}
	if m.CES, err = t.CES.Merge(o.CES); err != nil {
		return Tallies{}, err
	}
	if m.FCR, err = t.FCR.Merge(o.FCR); err != nil {
		return Tallies{}, err
	}
	return m, nil
}

// Tally counts every response into one Tallies, sorting classic NPS answers by cuts (the zero value means
// the standard cuts). The first invalid response is an error wrapping ErrInvalidAnswer with the path
// "responses[n].answer.value" (n counted from 1); invalid cuts wrap ErrInvalidSetting. Times are not looked at: use
// Segments for periods.
func Tally(responses []Response, cuts ClassicCuts) (Tallies, error) {
	if err := cuts.Validate(); err != nil {
		return Tallies{}, err
	}
	cuts = cuts.effective()
	var t Tallies
	for i, r := range responses {
		if err := r.Answer.Validate(); err != nil {
			return Tallies{}, at(sq.Index("responses", i)+".answer", err)
		}
		t.add(r.Answer, cuts)
	}
	return t, nil
}
