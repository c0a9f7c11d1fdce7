package survey

import (
	"slices"
	"sort"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// Grouping says how Segments splits a stream of responses: by a key (employee, department, channel, or any
// function of a Response), by periods, and whether each period's tallies are cumulative (SPEC R10).
//
// The zero value puts every response into one segment with key "".
type Grouping struct {
	// Key returns the group of a response, such as func(r Response) string { return r.Employee }. Nil puts every
	// response in the group "".
	Key func(Response) string
	// Periods, when not empty, split each group by time: a response counts in every period that contains its At
	// (periods may overlap), and responses outside every period are not counted. Each period needs an end (To);
	// a zero From means since the beginning. With periods, every response needs a non-zero At.
	Periods []sq.Period
	// Cumulative makes the tallies of each period cover [Since, period.To) instead of the period itself: the
	// running total since Since, as the survey ratings of SPEC R10 are kept. It needs Periods.
	Cumulative bool
	// Since is where cumulative tallies start; the zero time means from the earliest response. A period ending at
	// or before Since gets empty tallies. It must be zero unless Cumulative is set.
	Since time.Time
	// Cuts sort classic NPS answers; the zero value means the standard cuts.
	Cuts ClassicCuts
}

// validate reports an error wrapping ErrInvalidSetting when the grouping is inconsistent.
func (g Grouping) validate() error {
	if err := g.Cuts.Validate(); err != nil {
		return err
	}
	for i, p := range g.Periods {
		if err := p.Validate(); err != nil {
			return at(sq.Index("periods", i), err)
		}
		if p.To.IsZero() {
			return problem(ErrInvalidSetting, sq.Index("periods", i), p.String(), "a period with an end (To)")
		}
	}
	if g.Cumulative && len(g.Periods) == 0 {
		return problem(ErrInvalidSetting, "cumulative", "true", "with periods, to say where each running total ends")
	}
	if !g.Cumulative && !g.Since.IsZero() {
		return problem(ErrInvalidSetting, "since", g.Since.Format(time.RFC3339), "zero unless cumulative: since only starts cumulative tallies")
	}
	return nil
}

// Segment is the tallies of one group in one period, made by Segments.
// The zero value is an empty segment of the group "" without a period.
type Segment struct {
	// Key is the group, as returned by Grouping.Key.
	Key string
	// Period is the time range the tallies cover: the grouping's period, or [Since, period.To) when cumulative.
	// It is the zero Period (all time) when the grouping has no periods.
	Period sq.Period
	// Tallies counts the group's answers in Period. Tallies of segments merge (Tallies.Merge) into the tallies of
	// their union.
	Tallies Tallies
	// Respondents is the number of distinct non-empty Clients who answered in the segment. Unlike Tallies it does
	// not add up across segments, since one client may answer in several; use it for coverage (SPEC R14):
	// NewShare(Respondents, clients).
	Respondents int64
}

// Equal reports whether both segments hold the same key, period, tallies and respondents.
func (s Segment) Equal(o Segment) bool {
	return s.Key == o.Key && s.Period.Equal(o.Period) && s.Tallies == o.Tallies && s.Respondents == o.Respondents
}

// Segments splits responses by g and tallies each part. It returns one Segment per group and period: groups sorted
// by key, and for each group one segment per period in the order of g.Periods (one segment when there are no
// periods). A group is listed when at least one of its responses is counted somewhere; it then gets all its
// periods, empty ones included, so series line up.
//
// The first invalid response is an error wrapping ErrInvalidAnswer with the path "responses[n]" (n counted from
// 1); an invalid grouping wraps ErrInvalidSetting (or sq.ErrInvalid for a period ending before it starts). The
// responses are only read.
func Segments(responses []Response, g Grouping) ([]Segment, error) {
	if err := g.validate(); err != nil {
		return nil, err
	}
	for i, r := range responses {
		err := at("answer", r.Answer.Validate())
		if err == nil && len(g.Periods) > 0 && r.At.IsZero() {
			err = problem(ErrInvalidAnswer, "at", "zero", "a time, as the grouping splits by period")
		}
		if err != nil {
			return nil, at(sq.Index("responses", i), err)
		}
	}
	s := newSplitter(g)
	for _, r := range responses {
		s.add(r)
	}
	return s.segments()
}

// splitter holds the state of one Segments call.
type splitter struct {
	g        Grouping
	cuts     ClassicCuts
	periods  []sq.Period
	slots    int   // segments per group: len(periods), or 1
	order    []int // period indices sorted by From (plain) or by To (cumulative)
	disjoint bool  // plain periods that do not overlap: binary search finds the only one

	index  map[string]int // key → group number
	keys   []string
	counts [][]Tallies    // [group][slot]; in cumulative mode indexed by position in order, as deltas
	ids    map[string]int // client → number, so that seen hashes integers
	seen   map[seenKey]int
	heads  [][]int64 // respondents: [group][slot] counts (plain) or deltas by position (cumulative)
}

// seenKey is a client of a group, in a slot (plain mode) or in any slot (cumulative mode, slot −1).
type seenKey struct {
	group, slot, client int
}

// client returns the number of a non-empty client ID.
func (s *splitter) client(id string) int {
	n, ok := s.ids[id]
	if !ok {
		n = len(s.ids)
		s.ids[id] = n
	}
	return n
}

func newSplitter(g Grouping) *splitter {
	s := &splitter{g: g, cuts: g.Cuts.effective(), periods: slices.Clone(g.Periods), slots: max(1, len(g.Periods)),
		index: map[string]int{}, ids: map[string]int{}, seen: map[seenKey]int{}}
	if len(s.periods) == 0 {
		return s
	}
	s.order = make([]int, len(s.periods))
	for i := range s.order {
		s.order[i] = i
	}
	if g.Cumulative {
		sort.SliceStable(s.order, func(a, b int) bool { return s.periods[s.order[a]].To.Before(s.periods[s.order[b]].To) })
		return s
	}
	sort.SliceStable(s.order, func(a, b int) bool {
		return s.periods[s.order[a]].From.Before(s.periods[s.order[b]].From)
	})
	s.disjoint = true
	for i := 1; i < len(s.order); i++ {
		if s.periods[s.order[i-1]].To.After(s.periods[s.order[i]].From) {
			s.disjoint = false
			break
		}
	}
	return s
}

// group returns the number of the response's group, creating it on first use.
func (s *splitter) group(r Response) int {
	key := ""
	if s.g.Key != nil {
		key = s.g.Key(r)
	}
	n, ok := s.index[key]
	if !ok {
		n = len(s.keys)
		s.index[key] = n
		s.keys = append(s.keys, key)
		s.counts = append(s.counts, make([]Tallies, s.slots))
		s.heads = append(s.heads, make([]int64, s.slots))
	}
	return n
}

func (s *splitter) add(r Response) {
	switch {
	case len(s.periods) == 0:
		s.count(r, s.group(r), 0)
	case s.g.Cumulative:
		if r.At.Before(s.g.Since) {
			return
		}
		// The response counts in every period ending after it: a suffix of order. Record it once, at the start of
		// the suffix; segments() adds the deltas up.
		pos := sort.Search(len(s.order), func(j int) bool { return s.periods[s.order[j]].To.After(r.At) })
		if pos == len(s.order) {
			return
		}
		g := s.group(r)
		s.counts[g][pos].add(r.Answer, s.cuts)
		if r.Client != "" {
			k := seenKey{group: g, slot: -1, client: s.client(r.Client)}
			if first, ok := s.seen[k]; !ok || pos < first {
				s.seen[k] = pos
			}
		}
	case s.disjoint:
		// The last period starting at or before At is the only one that can contain it.
		j := sort.Search(len(s.order), func(j int) bool { return s.periods[s.order[j]].From.After(r.At) }) - 1
		if j >= 0 && s.periods[s.order[j]].Contains(r.At) {
			s.count(r, s.group(r), s.order[j])
		}
	default:
		g := -1 // the group, looked up once the response is counted somewhere
		for i, p := range s.periods {
			if p.Contains(r.At) {
				if g < 0 {
					g = s.group(r)
				}
				s.count(r, g, i)
			}
		}
	}
}

// count adds a response to a slot of a group (plain mode).
func (s *splitter) count(r Response, g, slot int) {
	s.counts[g][slot].add(r.Answer, s.cuts)
	if r.Client == "" {
		return
	}
	k := seenKey{group: g, slot: slot, client: s.client(r.Client)}
	if _, ok := s.seen[k]; !ok {
		s.seen[k] = slot
		s.heads[g][slot]++
	}
}

func (s *splitter) segments() ([]Segment, error) {
	if s.g.Cumulative {
		// Respondent deltas: each client counts from the first position it appeared in.
		for k, pos := range s.seen {
			s.heads[k.group][pos]++
		}
	}
	groups := make([]int, len(s.keys))
	for i := range groups {
		groups[i] = i
	}
	sort.Slice(groups, func(a, b int) bool { return s.keys[groups[a]] < s.keys[groups[b]] })

	out := make([]Segment, 0, len(groups)*s.slots)
	for _, g := range groups {
		segs := make([]Segment, s.slots)
		for slot := range segs {
			segs[slot].Key = s.keys[g]
			if len(s.periods) > 0 {
				segs[slot].Period = s.periods[slot]
			}
		}
		if !s.g.Cumulative {
			for slot := range segs {
				segs[slot].Tallies = s.counts[g][slot]
				segs[slot].Respondents = s.heads[g][slot]
			}
		} else {
			var run Tallies
			var respondents int64
			for pos, slot := range s.order {
				var err error
				if run, err = run.Merge(s.counts[g][pos]); err != nil {
					return nil, at("cumulative tallies of "+clip(s.keys[g]), err)
				}
				respondents += s.heads[g][pos]
				segs[slot].Tallies = run
				segs[slot].Respondents = respondents
				segs[slot].Period.From = s.g.Since
			}
		}
		out = append(out, segs...)
	}
	return out, nil
}
