// Command readme runs the Go snippets of the repository's README.md, so that each of them compiles and prints what
// the README says it prints; its test checks that every Go block of the README appears here or in the test.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
	"github.com/shopspring/decimal"
)

func main() {
	scoreCall()
	personalRating()
	surveyMetrics()
	complaintDeadline()
	if err := calendarUpdate(); err != nil {
		fmt.Println(err)
	}
	errorKinds()
}

// scoreCall is the README's worked example.
func scoreCall() {
	r := rubric.CallQuality()
	p := decimal.RequireFromString
	res, err := r.Score(rubric.Evaluation{
		ID: "ev-1", CallID: "call-77", EmployeeID: "aigerim", EvaluatorID: "qa-1",
		Answers: []rubric.Answer{
			rubric.PointsAnswer("greeting", p("0.5")),
			rubric.PointsAnswer("identification", p("0.4")),
			rubric.PointsAnswer("needs", p("0.3")),
			rubric.PointsAnswer("client_focus", p("0.5")),
			rubric.PointsAnswer("current_info", p("0.5")),
			rubric.PointsAnswer("objections", p("0.4")),
			rubric.PointsAnswer("recording", p("0.5")),
			rubric.PointsAnswer("inappropriate_info", p("0.5")),
			rubric.PointsAnswer("business_style", p("0.5")),
			rubric.LevelAnswer("tonality", "yellow"),
		},
	})
	if err != nil {
		fmt.Println(err) // names the answer, the value and the rule
		return
	}
	fmt.Println(res.Total(), "of", res.Max()) // 4.1 of 5
	for _, why := range res.Reasons() {
		fmt.Println(why) // level "yellow" of criterion "tonality" zeroes criterion "tonality"
	}
}

func personalRating() {
	d := decimal.RequireFromString
	var calls []rating.CallScore
	for i, total := range []string{"4.3", "4.5", "5", "3.9", "4.1"} {
		calls = append(calls, rating.CallScore{EvaluationID: fmt.Sprint("ev-", i), EmployeeID: "anna",
			At: time.Date(2026, 3, 2+i, 10, 0, 0, 0, time.UTC), Total: d(total)})
	}
	csi, nps := sq.FractionOf(d("4.6")), sq.FractionOf(d("4.5"))

	rater, _ := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	p, _ := rater.Rate(rating.PersonalInput{
		EmployeeID: "anna",
		Calls:      calls, // five evaluated calls: 4.3, 4.5, 5, 3.9, 4.1 → mean 4.36
		Survey: rating.Survey{
			CSI: &csi, NPS: &nps, // index 4.55
			Surveyed: 10, Clients: 200, // 5% of the clients surveyed, at least 4% needed
		},
	})
	shown, _ := p.Exact().Round(sq.DisplayPrecision())
	fmt.Println(p.Exact(), shown) // 4.455 4.5   (exact, shown half-up to one decimal)
}

func surveyMetrics() {
	nps, _ := survey.NewShare(9, 10) // 9 of 10 clients would recommend us
	points, _ := nps.Points()        // 90% = 4.5 points, exact
	classic, _ := survey.NewClassicNPS(291, 476, 395)
	score, _ := classic.Score() // -5200/581 exactly
	margin, _ := classic.Margin(decimal.RequireFromString("0.95"), sq.Precision{Places: 2})
	shown, _ := score.Round(sq.Precision{Places: 2})
	fmt.Println(points, score, shown, margin) // 4.5 -5200/581 -8.95 4.39
}

func complaintDeadline() {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	c, _ := complaints.New(complaints.KazakhstanMicrofinance(almaty), complaints.Info{ID: "C-42",
		Channel: "email", ReceivedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, almaty)})
	c, _ = c.Append(complaints.Event{Kind: complaints.Paused, At: time.Date(2026, 3, 5, 16, 0, 0, 0, almaty),
		Reason: "asked the client for the loan agreement"})
	c, _ = c.Append(complaints.Event{Kind: complaints.Resumed, At: time.Date(2026, 3, 9, 10, 0, 0, 0, almaty)})
	s, _ := c.Status(time.Date(2026, 3, 10, 9, 0, 0, 0, almaty))
	fmt.Println(s.Due.LastDay, s.RemainingUnits) // 2026-03-31 12
}

func errorKinds() {
	_, err := rubric.CallQuality().Score(rubric.Evaluation{ID: "ev-2", CallID: "call-78", EmployeeID: "aigerim",
		Answers: []rubric.Answer{rubric.PointsAnswer("greeting", decimal.RequireFromString("0.55"))}})
	var e *sq.Error
	if errors.As(err, &e) {
		fmt.Println(e.Path, e.Value, errors.Is(err, rubric.ErrInvalidScore), errors.Is(err, sq.ErrInvalid))
		// answers[1].points 0.55 true true
	}
}

// calendarUpdate loads a newer year file and recounts a complaint on it.
func calendarUpdate() error {
	almaty, _ := time.LoadLocation("Asia/Almaty")
	c, err := complaints.New(complaints.KazakhstanMicrofinance(almaty), complaints.Info{ID: "C-43",
		Channel: "email", ReceivedAt: time.Date(2027, 5, 3, 10, 0, 0, 0, almaty)})
	if err != nil {
		return err
	}
	fileBytes, err := announcedYear()
	if err != nil {
		return err
	}

	y, err := complaints.ParseYear(fileBytes) // a year file, in the format of complaints/calendars/*.json
	if err != nil {
		return err
	}
	kz, err := complaints.Kazakhstan().Overlay(y) // a new calendar: the official year replaces the provisional one
	if err != nil {
		return err
	}
	_, change, err := c.Recompute(kz) // the complaint counted on the new data
	if err != nil {
		return err
	}
	fmt.Println(change) // C-43: last day 2027-05-26 → 2027-05-27; …; 2027-05-17: day off "Kurban Ait" (official 2027 data)
	return nil
}

// announcedYear is an illustration, not an official calendar: Kazakhstan's provisional 2027 estimates Kurban Ait
// on Sunday 16 May; this is that year as if the announced date were Monday 17 May, written as a year file.
func announcedYear() ([]byte, error) {
	y, err := complaints.Kazakhstan().ProvisionalYear(2027)
	if err != nil {
		return nil, err
	}
	y.Provisional, y.Rule = false, ""
	y.Source = "illustration only, not an official calendar: the provisional year with Kurban Ait on 17 May"
	y.Holidays = append(y.Holidays, complaints.Day{Date: sq.NewDate(2027, 5, 17), Name: "Kurban Ait"})
	return json.Marshal(y)
}
