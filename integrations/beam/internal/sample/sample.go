// Package sample generates deterministic input for the pipeline's tests, benchmarks and example: a roster, JSON
// lines of evaluations on the built-in call-quality rubric, and survey answers. The same arguments always give
// the same data.
package sample

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/servicequality/servicequality/integrations/beam/sqbeam"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/rubric"
	"github.com/servicequality/servicequality/rubric/rubrictest"
	"github.com/shopspring/decimal"
)

// Rubric returns the JSON of the built-in call-quality rubric (0–5).
func Rubric() []byte {
	b, err := rubric.TemplateJSON(rubric.CallQualityID)
	if err != nil {
		panic(err) // a built-in template
	}
	return b
}

// EmployeeID returns the ID of employee i.
func EmployeeID(i int) string { return fmt.Sprintf("emp-%04d", i) }

// Roster returns employees employees spread over departments departments; every 13th has an unknown number of
// clients, and a handful serve so many clients that their survey coverage stays below 4%.
func Roster(employees, departments int) map[string]sqbeam.Employee {
	r := make(map[string]sqbeam.Employee, employees)
	for i := range employees {
		clients := int64(20 + i%40)
		switch {
		case i%13 == 12:
			clients = 0
		case i%17 == 16:
			clients = 5000
		}
		r[EmployeeID(i)] = sqbeam.Employee{Department: fmt.Sprintf("dept-%02d", i%departments), Clients: clients}
	}
	return r
}

// Platforms returns the platform ratings of the first of departments departments, the others having none.
func Platforms(departments int) map[string][]rating.PlatformRating {
	if departments == 0 {
		return nil
	}
	return map[string][]rating.PlatformRating{"dept-00": {
		{Name: "2gis", Rating: decimal.RequireFromString("4.6"), Reviews: 120},
		{Name: "google", Rating: decimal.RequireFromString("4.3"), Reviews: 80},
	}}
}

// pool is the number of distinct evaluations Lines draws from.
const pool = 400

// Lines returns n JSON lines of evaluations of employees employees on Rubric. Every evaluation is valid except,
// when bad is set, a few lines on purpose: line 100 and every 997th after it is not JSON, every 991st names an
// employee missing from the roster, every 983rd answers a criterion the rubric does not have, and line 50 repeats
// the evaluation ID of line 49. Employees get about n/employees calls each, the last ones fewer.
func Lines(n, employees int, bad bool) []string {
	r := rubric.CallQuality()
	gen := rubrictest.Evaluation(r)
	base := make([]rubric.Evaluation, pool)
	for i := range base {
		base[i] = gen.Example(i)
	}
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.FixedZone("+05", 5*3600))
	out := make([]string, n)
	for i := range n {
		e := base[i%pool]
		e.ID = fmt.Sprintf("ev-%07d", i)
		e.CallID = fmt.Sprintf("call-%07d", i)
		// A quadratic spread gives the employees uneven numbers of calls.
		k := i % (employees + employees/4)
		if k >= employees {
			k = k % (employees / 2)
		}
		e.EmployeeID = EmployeeID(k)
		e.At = start.Add(time.Duration(i) * 7 * time.Minute)
		switch {
		case bad && i == 50:
			e.ID = fmt.Sprintf("ev-%07d", 49)
		case bad && i%991 == 990:
			e.EmployeeID = "ghost"
		case bad && i%983 == 982:
			e.Answers = append(e.Answers[:len(e.Answers):len(e.Answers)], rubric.NAAnswer("no-such-criterion"))
		}
		b, err := json.Marshal(e)
		if err != nil {
			panic(err) // a valid evaluation always encodes
		}
		out[i] = string(b)
		if bad && i%997 == 100 {
			out[i] = out[i][:len(out[i])/2]
		}
	}
	return out
}

// Answers returns n survey answers about employees employees from clients clients: surveys of four answers (CSI,
// recommend, CSAT, FCR) by one client about one employee, a few without a client (anonymous).
func Answers(n, employees, clients int) []sqbeam.SurveyAnswer {
	out := make([]sqbeam.SurveyAnswer, n)
	for i := range n {
		// Four answers in a row are one client's survey about one employee.
		q := i / 4
		a := sqbeam.SurveyAnswer{Employee: EmployeeID((q * 7) % employees)}
		if q%29 != 28 {
			a.Client = fmt.Sprintf("c-%05d", (q*31)%clients)
		}
		switch i % 4 {
		case 0:
			a.Kind, a.Value = "csi", 1+(i*i)%5
		case 1:
			a.Kind, a.Value = "recommend", (i/4)%3%2
		case 2:
			a.Kind, a.Value = "csat", 1+(i/3)%5
		case 3:
			a.Kind, a.Value = "fcr", (i/5)%2
		}
		out[i] = a
	}
	return out
}
