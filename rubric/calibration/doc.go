// Package calibration measures how consistently quality specialists score the same calls on a rubric — the
// calibration sessions of a QA team. From several evaluators' scored results of the same calls it computes
// alignment with a benchmark evaluator (who and what drifts), agreement between evaluators without a benchmark
// (Cohen's kappa, Fleiss' kappa, Krippendorff's alpha with nominal, ordinal and interval metrics, tolerating
// missing evaluations), and the spread of each call's totals with the evaluators outside a tolerance.
//
// # Sessions
//
// [New] builds a [Session] from []rubric.Result (scored by package rubric) and a [Config], checking everything
// once: one rubric (the same *rubric.Rubric, or the same ID, version and canonical JSON; otherwise
// [ErrMixedRubrics]), a call ID and an evaluator ID on every result ([ErrMissingID]), one evaluation per evaluator
// and call ([ErrDuplicate]), and at least two evaluations of every call ([ErrSingleEvaluation]). Calls and
// evaluators are ordered by ID, so every report is independent of the order of the results.
//
//   - [Session.Alignment], [Session.AlignmentByCall]: 1 − |x − b| / span per criterion, rolled up per call
//     weighted by the criteria's maximum points, 0 for a call where only one of the two failed the whole call
//     (red tonality, a fatal violation, SPEC R3–R4); reported per evaluator, per criterion and per call in an
//     [AlignmentReport].
//   - [Session.CohenKappa], [Session.FleissKappa]: chance-corrected agreement on one criterion, a [Kappa].
//   - [Session.KrippendorffAlpha], [Session.KrippendorffAlphaTotals]: an [Alpha] on one criterion or on the
//     totals, by [Metric]: [Nominal], [Ordinal] (the rubric's order of levels, such as green < yellow < red) or
//     [Interval] (points).
//   - [Session.Spread], [Session.SpreadFrom]: range, mean, median and standard deviation of each call's totals,
//     and the evaluators further than a tolerance from the median or the benchmark, in a [SpreadReport].
//
// Answers are compared as the evaluators gave them, before overrides (rubric.CriterionResult.Raw): agreement is
// about the answers; whole-call failures are compared on their own. The categories of a criterion are the level
// chosen on a level scale, the points on a Points scale, and N/A, which is a category of its own for nominal
// statistics and a missing value for ordinal and interval ones. Alignment counts N/A against N/A as 1 and N/A
// against a score as 0. Each method's documentation gives its exact rules.
//
// # Count tables and reliability matrices
//
// The statistics also work on plain data, which is how the published worked examples are checked:
// [FleissKappaCounts] on a subjects × categories count table (Fleiss 1971; the Wikipedia example gives
// κ ≈ 0.210), [CohenKappaCounts] on a square contingency table, and [KrippendorffAlphaMatrix] on an observers ×
// units matrix of decimal.NullDecimal with missing values (Krippendorff 2011: α ≈ 0.743 nominal, 0.815 ordinal,
// 0.849 interval). The Session methods build these from the results.
//
// # Exact values, rounding and undefined cases
//
// Nothing here uses floating point. Alignments, kappa, alpha and means are exact sq.Fraction values (kappa and
// alpha are computed in rational arithmetic from the counts); totals, ranges, medians and deviations are exact
// decimals. The caller rounds once, at the edge: k.Value.Round(sq.Precision{Places: 3}). Only a standard deviation,
// a square root, is rounded here, once, by [Config.Precision] (4 places half-up by default).
//
// A coefficient that is 0/0 — every rating in one category, so that chance agreement is 1 or expected
// disagreement is 0 — is an error wrapping [ErrUndefined], never NaN and never a made-up value: perfect
// agreement on a single category says nothing about reliability.
//
// # Errors
//
// Nothing panics on bad input. Every error is an *sq.Error (New joins one per bad result) whose Path names the
// result ("results[3]", counted from 1), call, evaluator, criterion or table cell, whose Value is what was given
// and whose Rule says what is allowed; it wraps one of the exported sentinels ([ErrEmpty], [ErrInvalidResult],
// [ErrMixedRubrics], [ErrNoOverlap], [ErrUnequalRaters], [ErrUndefined], [ErrInvalidTable], ...), each of which
// errors.Is also matches to sq.ErrInvalid; decimals beyond the module's limits wrap sq.ErrLimit.
//
// # Cost
//
// A Session keeps each result's answers once, grouped by call: memory grows with results × criteria, not with
// calls × evaluators, so a sparse session (thousands of evaluators, each scoring a few calls) stays small. Every
// statistic walks each call's evaluations once (Session.CohenKappa and Session.Alignment find an evaluator's
// evaluation of a call by binary search).
//
// # Concurrency
//
// A Session never changes after New and is safe for concurrent use by multiple goroutines; reports, Kappa and
// Alpha are plain values that share nothing with the session.
package calibration
