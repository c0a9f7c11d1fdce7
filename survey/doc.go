// Package survey computes client-survey metrics: the CSI and the yes/no NPS of the source methodology with its
// 5-point form (SPEC R11–R13), the classic 0–10 NPS with its error margins, CSAT, CES, FCR and retention (SPEC R15),
// survey coverage (SPEC R14) and targets (SPEC R15), per employee, department, channel and period, and cumulatively
// (SPEC R10).
//
// # Tallies
//
// Every metric is a tally of counts, a small immutable value:
//
//   - [CSI]: satisfaction answers on 1–5 and their mean (SPEC R11). [NewCSI], [CSIFromAnswers].
//   - [Share]: hits out of a total, the one shape of every yes/no metric — the NPS of the source methodology, the
//     percentage of "yes" answers to "would you recommend us?" (SPEC R12) with its 5-point form (SPEC R13); CSAT,
//     the share of 4–5 answers; FCR; coverage, surveyed clients out of all clients, against the 4% minimum
//     ([Share.Meets], [DefaultMinCoveragePercent], SPEC R14); retention of complainants ([RetentionFromOutcomes]).
//   - [ClassicNPS]: the usual 0–10 NPS, promoters minus detractors, −100 to +100, with its variance, standard error,
//     margin of error and [CompareClassic] for two periods. It shares no method with Share, so one cannot be passed
//     for the other, and it has no 5-point form of its own.
//   - [CES]: mean effort on 1–7.
//
// Answers off their scale, negative counts and parts larger than their whole are errors, never clamped. Tallies
// merge with Merge, which is associative and commutative with the zero value (the empty sample) as identity.
// Asking a metric of an empty tally is an error wrapping [ErrEmpty].
//
// # Exact values, estimates
//
// Means, shares, scores and variances are exact: they are [sq.Fraction] values computed from the counts, and the
// caller rounds them once, where they are shown, with Fraction.Round (2 of 3 is 200/3 %, shown as 66.67 at two
// places, and Round says digits were dropped). The statistics that are estimates — standard errors, margins of
// error, z statistics, p-values and Wilson intervals — are computed in float64 (the inverse normal distribution by
// Acklam's approximation refined by a Halley step, accurate to about 1e-15) and rounded to the [sq.Precision] of the
// call; Wilson bounds are rounded outward to the places of the call, so the interval always contains the observed
// proportion. Confidence levels are decimals strictly between 0 and 1, such as 0.95.
//
// # Responses, groups and periods
//
// A stream of [Response] values (client, employee, department, channel, time and one [Answer]) is tallied by
// [Tally] into [Tallies], one tally per metric, or split by [Segments] according to a [Grouping]: by a key function
// of the response, by [sq.Period] values (calendar ones from sq.Months and sq.Quarters), and cumulatively since a
// start (SPEC R10). Each [Segment] also counts its distinct respondents, for coverage.
//
// # Targets
//
// A [Target] states a goal for any metric — "response time ≤ 5 minutes", "NPS up 20% on a baseline", "keep ≥ 90% of
// clients who complained" — and [Target.Assess] reports an [Attainment]. Percent changes need a positive baseline;
// [Offset] targets express changes in points from any baseline. Weighted samples are not supported.
//
// # Errors, JSON, storage and concurrency
//
// Every error for bad input is an *sq.Error naming the field ("responses[3].answer.value", indexes counted from 1),
// the value and what is allowed, wrapping a sentinel of this package or sq.ErrMalformed and sq.ErrLimit. The values
// have snake_case JSON forms read strictly by one reader (see json.go); nothing printed or encoded depends on
// shopspring/decimal's package settings. [Tallies] also has a versioned binary form, stored in a bytea column through
// driver.Valuer and sql.Scanner; [Tallies.Add] counts one answer in place without allocating.
//
// Package [github.com/servicequality/servicequality/survey/surveytest] has rapid generators of these values and
// Check, which proves the invariants of every tally in a user's test suite.
//
// All values are immutable once built and safe for concurrent use; no function reads the clock.
package survey
