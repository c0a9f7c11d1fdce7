package rating_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// present is a measured survey value.
func present(s string) *sq.Fraction {
	f := sq.FractionOf(dec(s))
	return &f
}

// evaluated returns evaluated calls of one employee, one a day from March 4, 2024.
func evaluated(employee string, totals ...string) []rating.CallScore {
	var cs []rating.CallScore
	for i, t := range totals {
		cs = append(cs, rating.CallScore{
			EvaluationID: fmt.Sprintf("%s-%d", employee, i+1),
			EmployeeID:   employee,
			DepartmentID: "almaty-sales",
			At:           time.Date(2024, 3, 4+i, 11, 0, 0, 0, time.UTC),
			Total:        dec(t),
		})
	}
	return cs
}

// A personal rating (SPEC R8): the mean of five evaluated calls and the survey index of the employee's clients,
// weighted equally by default.
func ExamplePersonalRater_Rate() {
	rater, err := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	if err != nil {
		panic(err)
	}
	p, err := rater.Rate(rating.PersonalInput{
		EmployeeID: "anna",
		Calls:      evaluated("anna", "4.3", "4.5", "5", "3.9", "4.1"),
		Survey: rating.Survey{
			CSI:      present("4.6"),   // mean satisfaction, 1–5
			NPS:      present("4.5"),   // 90% "yes" = 4.5 points
			Surveyed: 10, Clients: 200, // 5% of the clients surveyed
		},
		RequireEvaluationIn: sq.Quarter{Year: 2024, Q: 1}.Period(time.UTC),
	})
	if err != nil {
		panic(err)
	}
	calls, _ := p.Component("calls")
	survey, _ := p.Component("survey")
	fmt.Println("calls:", calls, "survey:", survey)
	fmt.Println("exact:", p.Exact(), "shown:", p)

	// Two calls only, and 1% of the clients surveyed: the rating is provisional.
	q, err := rater.Rate(rating.PersonalInput{
		EmployeeID: "boris",
		Calls:      evaluated("boris", "3.5", "4"),
		Survey:     rating.Survey{CSI: present("4"), NPS: present("3.5"), Surveyed: 2, Clients: 200},
	})
	if err != nil {
		panic(err)
	}
	_, final := q.Final()
	fmt.Println(q, "final:", final)
	for _, r := range q.Reasons() {
		fmt.Println(" ", r)
	}
	// Output:
	// calls: 4.36 survey: 4.55
	// exact: 4.455 shown: 4.5
	// insufficient [3.8]: few-calls, low-coverage final: false
	//   few-calls: 2 evaluated calls, at least 5 needed
	//   low-coverage: 2 of 200 clients surveyed (1%), at least 4% needed
}

// A department rating (SPEC R7): platform ratings, the sufficient personal ratings of its employees and the
// department's survey index.
func ExampleDepartmentRater_Rate() {
	personal, _ := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	survey := rating.Survey{CSI: present("4.6"), NPS: present("4.5"), Surveyed: 10, Clients: 200}
	var staff []rating.Personal
	for _, in := range []rating.PersonalInput{
		{EmployeeID: "anna", Calls: evaluated("anna", "4.3", "4.5", "5", "3.9", "4.1"), Survey: survey},
		{EmployeeID: "boris", Calls: evaluated("boris", "4", "4", "4", "4", "4"), Survey: survey},
		{EmployeeID: "carol", Calls: evaluated("carol", "3", "3"), Survey: survey}, // insufficient: left out
	} {
		p, err := personal.Rate(in)
		if err != nil {
			panic(err)
		}
		staff = append(staff, p)
	}

	settings := rating.DefaultDepartmentSettings()
	settings.ReviewWeighted = true
	rater, err := rating.NewDepartmentRater(settings)
	if err != nil {
		panic(err)
	}
	dep, err := rater.Rate(rating.DepartmentInput{
		DepartmentID: "almaty-sales",
		Platforms: []rating.PlatformRating{
			{Name: "Yandex", Rating: dec("4.8"), Reviews: 120},
			{Name: "Google", Rating: dec("4.6"), Reviews: 80},
			{Name: "2GIS", Rating: dec("4.4"), Reviews: 0},
		},
		Employees: staff,
		Survey:    rating.Survey{CSI: present("4.4"), NPS: present("4"), Surveyed: 40, Clients: 900},
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s (%d employees counted, %d left out)\n", dep.DepartmentID, dep, dep.Counted, dep.Skipped)
	for _, c := range dep.Breakdown() {
		fmt.Printf("%s: %s × share %s = %s\n", c.Name, c.Value, c.Share.Rat().RatString(), c.Points.Rat().RatString())
	}
	fmt.Println("exact:", dep.Exact().Rat().RatString())
	// Output:
	// almaty-sales: 4.4 (2 employees counted, 1 left out)
	// platforms: 4.72 × share 1/3 = 118/75
	// employees: 4.365 × share 1/3 = 291/200
	// survey: 4.2 × share 1/3 = 7/5
	// exact: 2657/600
}

// A leaderboard: competition and dense ranks, ties by exact value broken by ID, insufficient ratings last.
func ExampleRank() {
	rater, _ := rating.NewPersonalRater(rating.DefaultPersonalSettings())
	survey := rating.Survey{CSI: present("4.5"), NPS: present("4.5"), Surveyed: 10, Clients: 100}
	ratings := map[string]rating.Rating{}
	for _, e := range []struct {
		id     string
		totals []string
	}{
		{"dina", []string{"4", "4", "4", "4", "4"}},
		{"boris", []string{"5", "5", "5", "5", "4.5"}},
		{"anna", []string{"4", "4", "4", "4", "4"}},
		{"erik", []string{"5", "5"}},
		{"carl", []string{"3.5", "3.5", "3.5", "3.5", "3.5"}},
	} {
		p, err := rater.Rate(rating.PersonalInput{EmployeeID: e.id, Calls: evaluated(e.id, e.totals...), Survey: survey})
		if err != nil {
			panic(err)
		}
		ratings[p.EmployeeID] = p.Rating
	}
	board, err := rating.Rank(ratings)
	if err != nil {
		panic(err)
	}
	for _, s := range board {
		fmt.Printf("%d (dense %d) %-5s %s\n", s.Rank, s.DenseRank, s.ID, s.Rating)
	}
	// Output:
	// 1 (dense 1) boris 4.7
	// 2 (dense 2) anna  4.3
	// 2 (dense 2) dina  4.3
	// 4 (dense 3) carl  4.0
	// 0 (dense 0) erik  insufficient [4.8]: few-calls
}

// Weights are settings (SPEC R9): here calls weigh 3 to the survey's 1, and CSI alone makes the survey index. A
// missing component is renormalized away and reported, unless the present ones carry less than MinCoverage.
func ExamplePersonalSettings() {
	s := rating.DefaultPersonalSettings()
	s.CallWeight, s.SurveyWeight = dec("3"), dec("1")
	s.NPSWeight = dec("0")
	s.MinCoverage = dec("0.7") // at least 70% of the weight must be present
	rater, err := rating.NewPersonalRater(s)
	if err != nil {
		panic(err)
	}
	p, err := rater.Rate(rating.PersonalInput{EmployeeID: "anna", Calls: evaluated("anna", "4.2", "4.2", "4.2", "4.2", "4.2")})
	if err != nil {
		panic(err)
	}
	fmt.Println(p)
	_, err = rater.Rate(rating.PersonalInput{EmployeeID: "boris", Survey: rating.Survey{CSI: present("4.9"), Surveyed: 10, Clients: 100}})
	fmt.Println(err)
	// Output:
	// insufficient [4.2]: low-coverage, missing-component
	// rating: employee "boris": present components carry 0.25 of the weight, below the minimum coverage 0.7 (missing: calls): missing component
}

// Cumulative call-quality means (SPEC R10): accumulate per employee, store, resume and merge.
func ExampleGrouped() {
	var monday, tuesday rating.Grouped
	_ = monday.Add("anna", dec("4.5"))
	_ = monday.Add("boris", dec("3.9"))
	_ = tuesday.Add("anna", dec("4.25"))

	// Store Monday's totals and restore them, then merge Tuesday's.
	stored, _ := json.Marshal(&monday)
	fmt.Println(string(stored))
	var total rating.Grouped
	if err := json.Unmarshal(stored, &total); err != nil {
		panic(err)
	}
	if err := total.Merge(&tuesday); err != nil {
		panic(err)
	}
	for id, acc := range total.All() {
		mean, _ := acc.Mean()
		fmt.Println(id, acc.Count(), mean)
	}
	// Output:
	// {"groups":[{"key":"anna","count":1,"sum":"4.5"},{"key":"boris","count":1,"sum":"3.9"}]}
	// anna 2 4.375
	// boris 1 3.9
}

// Quarterly compliance (SPEC R6): who has fewer than 5 evaluated calls in the quarter.
func ExampleQuarterCheck_Shortfalls() {
	calls := append(evaluated("anna", "4", "4", "4", "4", "4"), evaluated("boris", "4", "4")...)
	q := sq.QuarterOf(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), time.UTC)
	check := rating.QuarterCheck{Quarter: q.Period(time.UTC), Required: 5}
	short, err := check.Shortfalls(calls, []string{"anna", "boris", "carol"})
	if err != nil {
		panic(err)
	}
	fmt.Println(q)
	for _, s := range short {
		fmt.Printf("%s: %d of %d\n", s.EmployeeID, s.Evaluated, s.Required)
	}
	// Output:
	// 2024-Q1
	// boris: 2 of 5
	// carol: 0 of 5
}
