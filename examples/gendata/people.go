package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/servicequality/servicequality/complaints"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// department is the one department of the sample.
const department = "sales-almaty"

// employee is a member of the fictional sales department and the traits that drive their generated records.
type employee struct {
	id, nameRU, nameEN string
	hired              sq.Date
	clients            int     // distinct clients served in 2026 (SPEC R14 coverage)
	skill              float64 // chance of each tenth of a point on a criterion
	weak               []string
	yellow, red, fatal float64 // chances per call of yellow and red tonality and of a fatal violation
	calls              [4]int  // evaluated calls per quarter of 2026
	surveyed           int     // distinct clients who answered a survey
}

// staff is the department. Two employees are set up to show the sufficiency rules: Omarov joined in October and
// has three evaluated calls (SPEC R5), Kassymova was on leave in the fourth quarter and has no evaluation in it
// (R6). Orlov and Bekenov each miss the quarterly minimum once; Orlov and Bekenov have too few clients surveyed
// (R14); Zhaksylykov loses his temper now and then (R3, R4).
var staff = []employee{
	{id: "seitkali", nameRU: "Айгерим Сейткали", nameEN: "Aigerim Seitkali", hired: sq.NewDate(2021, 3, 1),
		clients: 210, skill: 0.93, yellow: 0.03, red: 0, fatal: 0.01, calls: [4]int{9, 9, 10, 9}, surveyed: 14},
	{id: "orlov", nameRU: "Дмитрий Орлов", nameEN: "Dmitry Orlov", hired: sq.NewDate(2019, 9, 16),
		clients: 240, skill: 0.8, weak: []string{"objections", "needs"}, yellow: 0.1, red: 0.01, fatal: 0.04,
		calls: [4]int{8, 4, 9, 8}, surveyed: 7},
	{id: "abenov", nameRU: "Ержан Абенов", nameEN: "Yerzhan Abenov", hired: sq.NewDate(2022, 2, 7),
		clients: 180, skill: 0.86, weak: []string{"recording"}, yellow: 0.06, red: 0.01, fatal: 0.04,
		calls: [4]int{9, 8, 8, 9}, surveyed: 9},
	{id: "kim", nameRU: "Мария Ким", nameEN: "Maria Kim", hired: sq.NewDate(2020, 5, 12),
		clients: 160, skill: 0.89, yellow: 0.04, red: 0, fatal: 0.02, calls: [4]int{8, 9, 8, 8}, surveyed: 8},
	{id: "zhaksylykov", nameRU: "Нурлан Жаксылыков", nameEN: "Nurlan Zhaksylykov", hired: sq.NewDate(2023, 6, 1),
		clients: 200, skill: 0.78, weak: []string{"business_style"}, yellow: 0.18, red: 0.08, fatal: 0.08,
		calls: [4]int{9, 9, 8, 9}, surveyed: 10},
	{id: "sokolova", nameRU: "Ольга Соколова", nameEN: "Olga Sokolova", hired: sq.NewDate(2018, 11, 1),
		clients: 230, skill: 0.91, yellow: 0.03, red: 0, fatal: 0.02, calls: [4]int{9, 8, 9, 9}, surveyed: 12},
	{id: "nurpeisova", nameRU: "Асель Нурпеисова", nameEN: "Assel Nurpeisova", hired: sq.NewDate(2024, 1, 15),
		clients: 150, skill: 0.84, weak: []string{"needs"}, yellow: 0.07, red: 0.01, fatal: 0.04,
		calls: [4]int{8, 8, 9, 8}, surveyed: 7},
	{id: "bekenov", nameRU: "Тимур Бекенов", nameEN: "Timur Bekenov", hired: sq.NewDate(2025, 4, 1),
		clients: 170, skill: 0.79, weak: []string{"recording", "current_info"}, yellow: 0.09, red: 0.02,
		fatal: 0.05, calls: [4]int{8, 9, 4, 8}, surveyed: 6},
	{id: "volkova", nameRU: "Екатерина Волкова", nameEN: "Ekaterina Volkova", hired: sq.NewDate(2021, 8, 23),
		clients: 190, skill: 0.87, yellow: 0.05, red: 0, fatal: 0.03, calls: [4]int{9, 8, 9, 8}, surveyed: 9},
	{id: "omarov", nameRU: "Санжар Омаров", nameEN: "Sanzhar Omarov", hired: sq.NewDate(2026, 10, 19),
		clients: 45, skill: 0.82, weak: []string{"current_info"}, yellow: 0.08, red: 0, fatal: 0.03,
		calls: [4]int{0, 0, 0, 3}, surveyed: 2},
	{id: "kassymova", nameRU: "Динара Касымова", nameEN: "Dinara Kassymova", hired: sq.NewDate(2022, 9, 5),
		clients: 175, skill: 0.88, yellow: 0.04, red: 0.01, fatal: 0.02, calls: [4]int{9, 8, 9, 0}, surveyed: 8},
}

// gen holds the random source and the location of the generated records.
type gen struct {
	rng *rand.Rand
	loc *time.Location
}

// newGen returns a generator with a fixed seed: the same files on every run.
func newGen(loc *time.Location) *gen {
	return &gen{rng: rand.New(rand.NewPCG(2026, 1215)), loc: loc}
}

// employeesCSV writes employees.csv.
func (g *gen) employeesCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"id", "name_ru", "name_en", "department", "hired", "clients"})
	for _, e := range staff {
		_ = w.Write([]string{e.id, e.nameRU, e.nameEN, department, e.hired.String(), strconv.Itoa(e.clients)})
	}
	w.Flush()
	return b.Bytes()
}

// workdays is the calendar of the department: the five-day week with the holidays and transfers of Kazakhstan.
var workdays = complaints.Kazakhstan()

// workTime returns a random working moment (a working day of Kazakhstan, 09:00–17:59) on a date from first to last
// inclusive, or false when there is no weekday in the range.
func (g *gen) workTime(first, last sq.Date) (time.Time, bool) {
	n := first.DaysUntil(last) + 1
	if n <= 0 {
		return time.Time{}, false
	}
	for range 50 {
		d := first.AddDays(g.rng.IntN(n))
		if !workdays.IsWorkday(d.At(12*time.Hour, g.loc)) {
			continue
		}
		return d.At(time.Duration(9*60+g.rng.IntN(9*60))*time.Minute, g.loc), true
	}
	return time.Time{}, false
}

// later returns the later of two dates.
func later(a, b sq.Date) sq.Date {
	if a.After(b) {
		return a
	}
	return b
}

// platformsJSON writes platforms.json: the department's ratings on the map platforms (SPEC R7).
func platformsJSON() []byte {
	type platform struct {
		Department string `json:"department"`
		Platform   string `json:"platform"`
		Rating     string `json:"rating"`
		Reviews    int64  `json:"reviews"`
	}
	ps := []platform{
		{department, "Yandex", "4.6", 312},
		{department, "Google", "4.3", 128},
		{department, "2GIS", "4.8", 57},
	}
	b, _ := json.MarshalIndent(ps, "", "  ")
	return append(b, '\n')
}

// settingsJSON writes settings.json: titles, time zone, the rating settings and the complaint policy.
func settingsJSON(policy complaints.Policy) ([]byte, error) {
	type text map[string]string
	type dept struct {
		ID    string `json:"id"`
		Title text   `json:"title"`
	}
	personal, deptSet := rating.DefaultPersonalSettings(), rating.DefaultDepartmentSettings()
	personal.CallWeight, personal.SurveyWeight = decimal.RequireFromString("0.6"), decimal.RequireFromString("0.4")
	personal.CSIWeight, personal.NPSWeight = decimal.RequireFromString("0.5"), decimal.RequireFromString("0.5")
	deptSet.PlatformWeight, deptSet.EmployeeWeight = decimal.RequireFromString("0.3"), decimal.RequireFromString("0.4")
	deptSet.SurveyWeight, deptSet.ReviewWeighted = decimal.RequireFromString("0.3"), true
	deptSet.CSIWeight, deptSet.NPSWeight = personal.CSIWeight, personal.NPSWeight
	s := struct {
		Organisation text                      `json:"organisation"`
		Location     string                    `json:"location"`
		Departments  []dept                    `json:"departments"`
		Personal     rating.PersonalSettings   `json:"personal"`
		Department   rating.DepartmentSettings `json:"department"`
		Policy       complaints.Policy         `json:"complaint_policy"`
		PolicyTitle  text                      `json:"complaint_policy_title"`
	}{
		Organisation: text{"en": "Dala Trade LLP", "ru": "ТОО «Дала Трейд»"},
		Location:     "Asia/Almaty",
		Departments: []dept{{ID: department,
			Title: text{"en": "Sales department, Almaty", "ru": "Отдел продаж, Алматы"}}},
		Personal:   personal,
		Department: deptSet,
		Policy:     policy,
		PolicyTitle: text{"en": "15 calendar days from the day after receipt (complaint mechanism, principle 7)",
			"ru": "15 календарных дней со дня, следующего за получением (механизм рассмотрения жалоб, принцип 7)"},
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
