// Package survey computes client-survey metrics: the CSI and the NPS of the source methodology with its 5-point
// conversion (SPEC R11–R13), the classic 0–10 NPS with its error margins, CSAT, CES and FCR (SPEC R15), survey
// coverage (SPEC R14) and targets (SPEC R15), per employee, department, channel and period, and cumulatively
// (SPEC R10).
//
// # Tallies and results
//
// Every metric is a tally of counts, a small immutable value:
//
//   - [CSI]: satisfaction answers on 1–5 and their mean (SPEC R11). [NewCSI], [CSIFromAnswers].
//   - [Share]: hits out of a total, the one shape of every yes/no metric: the NPS as the source defines it, the
//     percentage of "yes" answers to "would you recommend us?" (SPEC R12), with its 5-point form percent / 20
//     (SPEC R13); CSAT, the share of 4–5 answers on 1–5; FCR, contacts resolved at the first contact; coverage,
//     surveyed clients out of all clients, against the 4% minimum (SPEC R14); retention of complainants.
//     [NewShare], [ShareOf], [CSATFromAnswers], [RetentionFromOutcomes]; Wilson intervals.
//   - [ClassicNPS]: the usual 0–10 NPS, promoters minus detractors, −100 to +100, with variance, standard error,
//     margin of error and [CompareClassic] for two periods. [NewClassicNPS], [ClassicNPSFromAnswers], [ClassicCuts].
//   - [CES]: mean effort on 1–7. [NewCES], [CESFromAnswers].
//
// Each tally has a count-based constructor and one that reads answers; answers off the scale, negative counts and
// parts larger than their whole are errors, never clamped. Tallies merge with Merge, which is associative and
// commutative with the zero value (the empty sample) as identity, so the tallies of groups merge into the tally of
// the whole. Asking a metric of an empty tally is an error wrapping [ErrEmpty].
//
// # Two kinds of NPS
//
// [Share] (yes/no, SPEC R12) and [ClassicNPS] (0–10) are distinct types with no shared method set or conversion,
// so one cannot be passed where the other is meant. Only Share has the 5-point conversion of SPEC R13
// (Share.Points). A classic NPS reaches the 5-point scale only through the explicit, documented
// mapping [MapClassicToFivePoints], (score + 100) / 40.
//
// # Exact decimals, precision and rounding
//
// Means, shares, scores and the 5-point indexes are exact arithmetic on the counts. When a quotient does not
// terminate (2 of 3 is 66.666…%), the number of places (0–[MaxPlaces]) and the [Rounding] rule ([HalfUp],
// [HalfEven], [Down]) are arguments of the call, and the call reports whether the result is exact. A result is
// rounded once, from the counts: Share.Points is 5 × hits / total rounded, not a rounded percent divided
// by 20. The 5-point indexes (CSI.Mean, Share.Points) are plain decimal.Decimal values on the scale the
// ratings of SPEC R7–R9 take.
//
// # Estimates
//
// The statistics that are estimates — standard errors, margins of error, z statistics, p-values and Wilson
// intervals — are computed in float64 (the normal distribution through math.Erfc and an inverse computed by
// Acklam's approximation refined by a Halley step, accurate to about 1e-15), then returned as decimals rounded
// to the places of the call: standard errors, margins, z and p-values by the call's rule; Wilson bounds outward
// (the low bound down, the high bound up), so a rounded interval still contains the computed one and always the
// observed proportion. Digits beyond about 15 significant ones carry no information. Confidence levels are
// decimals strictly between 0 and 1, such as 0.95.
//
// # Responses, groups and periods
//
// A stream of [Response] values (client, employee, department, channel, time and one [Answer]) is tallied by
// [Tally] into [Tallies], one tally per metric, or split by [Segments] according to a [Grouping]: by a key function
// such as [ByEmployee], [ByDepartment] or [ByChannel], by periods ([Period], [Month], [Quarter], [Months],
// [Quarters], or any [From, To) ranges; calendar boundaries in an explicit location), and cumulatively since a start
// (SPEC R10: a survey rating is the running total over the whole time an employee has worked). Each [Segment]
// also counts its distinct respondents, for coverage (SPEC R14).
//
// # Targets
//
// A [Target] states a goal for any metric — "response time ≤ 5 minutes", "NPS up 20% on a baseline", "keep ≥ 90% of
// clients who complained" — and [Target.Assess] reports an [Attainment]: the value, the threshold, whether it is met
// and the distance. Percent changes need a positive baseline (a classic NPS can be negative); [Offset] targets
// express changes in points from any baseline.
//
// # Not supported
//
// Coverage and all metrics count every answer alike: weighted samples are not supported.
//
// # Errors, JSON and concurrency
//
// Errors start with "survey:", say which field or answer and what is allowed, and wrap the sentinels of this
// package ([ErrInvalidAnswer], [ErrInvalidCount], [ErrDecode], [ErrScan], ...) for errors.Is; [AnswerError] and
// [ResponseError] give the details to errors.As. The values have snake_case JSON forms (listed in json.go), read
// strictly by one reader; tallies, [Tallies], [Segment], [Answer], [Response], [ClassicCuts], [Target] and [Period]
// read back Equal. Nothing printed or encoded depends on shopspring/decimal's package settings. [Tallies] also has
// a versioned binary form (MarshalBinary, [Tallies.AppendBinary]), decoded as strictly, and is stored in a bytea
// column through driver.Valuer and sql.Scanner; a [Period] is stored as TEXT ("From/To" in RFC 3339).
// [Tallies.Add] counts one answer in place: read the binary form, Add, write it back, without allocating.
//
// Package [github.com/servicequality/servicequality/survey/surveytest] has rapid generators of these values and
// Check, which proves the invariants of every tally in a user's test suite.
//
// All values of this package are immutable once built and safe for concurrent use; no function reads the clock
// or keeps state between calls.
package survey
