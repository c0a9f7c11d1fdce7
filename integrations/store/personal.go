package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// PersonalRatings rates every employee with a stored call total or survey answer within p (SPEC R8) from SQL
// aggregates: the COUNT and SUM of the call totals (CallTotals), the survey tallies and distinct respondents
// (SurveySegments, standard classic cuts) and, when check is not zero, the number of evaluations in check (SPEC
// R6, usually the quarter of the report). clients gives the number of clients of each employee for the coverage
// rule (SPEC R14); an employee absent from it, or with 0, has an unknown number of clients and the rating
// reports low coverage. The ratings, in ascending order of employee ID, equal those of
// rating.PersonalRater.RateEmployees over the same calls and the survey index of the same answers.
//
// rating.PersonalInput checks the evaluation in check against its Calls, which the SQL path does not load; so
// an employee with an evaluation in check is rated with no check, and one without is rated with the check and
// no individual calls, which gives the same rating (the check then finds no call, as RateEmployees does).
func (s *Store) PersonalRatings(ctx context.Context, r *rating.PersonalRater, p, check sq.Period, clients map[string]int64) ([]rating.Personal, error) {
	if r == nil {
		return nil, fmt.Errorf("store: personal ratings: nil rater: %w", ErrInvalid)
	}
	totals, err := s.CallTotals(ctx, rating.ByEmployee, p)
	if err != nil {
		return nil, err
	}
	var inCheck map[string]int64
	if !check.IsZero() {
		if inCheck, err = s.EvaluationCounts(ctx, check); err != nil {
			return nil, err
		}
	}
	segs, err := s.SurveySegments(ctx, p, survey.ClassicCuts{})
	if err != nil {
		return nil, err
	}
	surveys := map[string]rating.Survey{}
	for _, seg := range segs {
		if seg.Key == "" {
			continue
		}
		sv, err := SurveyIndex(seg, clients[seg.Key])
		if err != nil {
			return nil, err
		}
		surveys[seg.Key] = sv
	}
	var ids []string
	for id := range totals.All() {
		ids = append(ids, id)
	}
	for id := range surveys {
		if _, ok := totals.Get(id); !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	out := make([]rating.Personal, 0, len(ids))
	for _, id := range ids {
		in := rating.PersonalInput{EmployeeID: id, Survey: surveys[id]}
		if _, ok := surveys[id]; !ok {
			in.Survey = rating.Survey{Clients: clients[id]}
		}
		in.Earlier, _ = totals.Get(id)
		if !check.IsZero() && inCheck[id] == 0 {
			in.RequireEvaluationIn = check
		}
		pr, err := r.Rate(in)
		if err != nil {
			return nil, fmt.Errorf("store: personal rating of %q: %w", id, err)
		}
		out = append(out, pr)
	}
	return out, nil
}

// SurveyIndex returns the survey index of one employee's segment against their number of clients (SPEC R11–R14):
// rating.SurveyOf of the tallies with the coverage of the distinct respondents. When clients is 0 (unknown) the
// index is kept, coverage is not computed and Surveyed is the number of respondents.
func SurveyIndex(seg survey.Segment, clients int64) (rating.Survey, error) {
	var cov survey.Share
	if clients > 0 {
		c, err := survey.NewShare(seg.Respondents, clients)
		if err != nil {
			return rating.Survey{}, fmt.Errorf("store: survey of %q: %w", seg.Key, err)
		}
		cov = c
	}
	sv, err := rating.SurveyOf(seg.Tallies, cov)
	if err != nil {
		return rating.Survey{}, fmt.Errorf("store: survey of %q: %w", seg.Key, err)
	}
	if clients == 0 {
		sv.Surveyed = seg.Respondents
	}
	return sv, nil
}
