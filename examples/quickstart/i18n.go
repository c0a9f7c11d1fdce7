package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// texts holds every word of the report in one language. Formats take their arguments in the order given in
// the comment.
type texts struct {
	code           string
	decimalComma   bool   // 4,5 rather than 4.5
	dateLayout     string // for dates shown to people
	embeddedSample string

	title        string
	reportDate   string // organisation, date, time zone
	dataSource   string // source
	scaleNote    string
	weightsNote  string // personal calls, survey; CSI, NPS; department platforms, employees, survey
	platformMean map[string]string
	leftOut      string // evaluations, answers, complaints

	// Section 1.
	secPersonal, chartPersonal                         string
	hRank, hEmployee, hRating, hCalls, hCallRating     string
	hSurvey, hCSI, hNPS, hSurveyed                     string
	rankNote                                           string
	provisional, hProvisional, hWhy, noRanked          string
	whyLine                                            string // reasons
	noData                                             string // names
	reasonFewCalls, reasonLowCoverage, reasonNoClients string // calls, min; surveyed, clients, percent, min
	reasonNoEval, reasonMissing, reasonNoSufficient    string // quarter; components
	components                                         map[string]string

	// Section 2.
	secDepartment, chartDepartment      string
	hDepartment, hPlatforms, hEmployees string
	hCounted                            string
	countedCell                         string // counted, skipped
	platformsLine                       string // mean kind, list
	reviews                             string // rating, reviews
	hComponent, hValue, hWeight, hShare string
	hPoints, total, missing             string

	// Section 3.
	secCompliance, chartCompliance string // min; quarter, min
	legendShort, legendNotEmployed string // min
	legendInProgress               string // last day
	shortLine, shortNone           string // quarter, count, of, list; quarter
	shortItem                      string // name, evaluated, required

	// Section 4.
	secCriteria, chartCriteria string
	rubricCaption              string // rubric title, ID, version, calls
	hCriterion, hMean, hMax    string
	hPercent, hAnswered, hNA   string
	levelsLine                 string // criterion, list
	autoFailLine, firedIntro   string // calls, total
	firedLevel, firedViolation string // level, criterion / violation; calls
	effectWords                map[string]string

	// Section 5.
	secSurveys, chartSurveys               string
	hPeriod, hRespondents, hNPSPercent     string
	hNPSPoints, hCSAT                      string
	totalPeriod                            string
	coverageLine, coverageUnknown          string // department, surveyed, clients, percent, min; department, surveyed
	classicLine, cesLine, fcrLine, npsNote string
	noAnswers                              string

	// Section 6.
	secComplaints, chartComplaints          string
	policyLine                              string // name, due soon
	policyNoDueSoon                         string // name
	summaryLine                             string // total, open, overdue, due soon, paused, answered, on time, late, rate
	resolutionLine                          string // mean, p90
	noComplaints                            string
	overdueTitle, dueSoonTitle, pausedTitle string
	unitDays, unitWorkingDays               string
	byChannelTitle                          string
	hID, hReceived, hChannel, hCategory     string
	hLastDay, hDaysLate, hDaysLeft          string // unit; unit
	hTotal, hOpen, hOverdue, hAnsweredC     string
	hOnTime, hLate, hPausedSince            string
	channels, categories                    map[string]string
	nobody                                  string

	// Section "sampling".
	secSampling, chartSampling      string // quarter, quota
	samplingLine                    string // calls, quarter
	hEvaluatedQ, hSelected, hStrata string
	hNote                           string
	noteShort                       string // quota
	noteUncovered                   string // kinds
	strata                          map[string]string
	selectedLine, selectedNone      string // list
	auditLine                       string // seed
	noCalls                         string // quarter

	// Section "disputes".
	secDisputes, chartDisputes        string
	disputeLine                       string // disputes, evaluations, percent, accepted, partly, rejected, open
	inForceNote, openTitle            string
	hEvaluation, hEvaluator, hFiledBy string
	hFiled, hAge, hCriteriaD          string
	roles                             map[string]string
	byEvaluatorTitle                  string
	hDisputed, hDisputeRate, hDecided string
	hAccepted, hAcceptRate            string
	mostDisputed                      string // list
	criterionItem                     string // criterion, disputed, accepted

	// Section "autoqa".
	secAuto, chartAuto        string
	autoLine                  string // calls, violation
	autoCounts                string // manual answers, automatic, overridden; violations automatic, also manual, manual only
	autoFailedTitle           string // violation
	hCall, hPromises, hMarked string
	promiseOpen, promiseDone  string // ID, due; ID, due, completed
	yesNo                     map[bool]string
	autoBars                  [3]string
	noFacts                   string

	// nouns gives the forms of each counted noun: singular and plural in English; in Russian the forms for
	// 1 (21, 31, ...), for 2–4 (22–24, ...) and for the rest. "client-of" is the form after "of" ("из").
	nouns map[string][3]string
}

// count writes n and the noun key in the form that agrees with n: "1 call", "3 calls"; "1 звонок", "3 звонка",
// "5 звонков".
func (t *texts) count(n any, key string) string {
	var v int64
	switch x := n.(type) {
	case int:
		v = int64(x)
	case int64:
		v = x
	}
	forms, ok := t.nouns[key]
	if !ok {
		return fmt.Sprintf("%d %s", v, key)
	}
	form := forms[2]
	switch m10, m100 := v%10, v%100; {
	case t.code != "ru" && v == 1, t.code == "ru" && m10 == 1 && m100 != 11:
		form = forms[0]
	case t.code == "ru" && m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
		form = forms[1]
	}
	return fmt.Sprintf("%d %s", v, form)
}

// languages are the report languages of -lang.
var languages = map[string]*texts{"en": &english, "ru": &russian}

// num formats d, already rounded, with places digits after the point in the language's convention.
func (t *texts) num(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	if t.decimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// plain formats d as it is, in the language's convention.
func (t *texts) plain(d decimal.Decimal) string {
	s := d.String()
	if t.decimalComma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// date formats the calendar date of tm in loc.
func (t *texts) date(tm time.Time, loc *time.Location) string { return tm.In(loc).Format(t.dateLayout) }

// lookup returns m[key], or key when m has no entry.
func lookup(m map[string]string, key string) string {
	if v, ok := m[key]; ok {
		return v
	}
	return key
}
