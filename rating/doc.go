// Package rating turns scored calls and survey indexes into the ratings of the service-quality methodology:
// personal ratings of employees, overall ratings of departments, cumulative accumulators, quarterly evaluation
// compliance and leaderboards. Every value is exact (sq.Fraction); nothing is a float and nothing is rounded
// before the caller rounds once, with Fraction.Round and sq.StoredPrecision or sq.DisplayPrecision.
//
// The inputs are plain: a [CallScore] per evaluated call ([CallScoreOf] makes one from a rubric.Result) and a
// [Survey] per employee or department ([SurveyOf] makes one from survey tallies).
//
// # Ratings (SPEC R5–R9, R14)
//
// [NewPersonalRater] validates [PersonalSettings] (start from [DefaultPersonalSettings]: equal weights, 5 calls,
// survey's 4% coverage rule); [PersonalRater.Rate] weighs the call-quality rating — the mean of the evaluated call
// totals — against the survey index, which weighs CSI against NPS. [PersonalRater.RateEmployees] rates everyone
// from a flat list of calls, by [RateOptions]. [NewDepartmentRater] and [DepartmentRater.Rate] weigh the
// [PlatformRating] values, the mean of the employees' personal ratings and the department's survey index. Weights
// are fields of the settings; a missing component is never taken as zero: it is renormalized away and reported,
// or refused (FailOnMissing).
//
// A [Rating] is sufficient or carries a [Reason] per broken rule ([FewCalls], [LowCoverage],
// [NoEvaluationInQuarter], [MissingComponent], [NoSufficientEmployees]). [Rating.Exact] gives the value whatever
// the status; [Rating.Final] only when it is sufficient, so a provisional number is not shown as final by
// accident. [Rating.Breakdown] explains each [Contribution]; [Rank] places ratings on a leaderboard.
//
// # Cumulative ratings (SPEC R10) and compliance (R6)
//
// An [Accumulator] keeps the exact sum and count of scores without allocating; a [Grouped] keeps one per key and
// [GroupCalls] fills one from calls within an sq.Period. Both merge associatively and encode to JSON, binary and
// database/sql, so totals can be stored, resumed and combined across machines; [PersonalInput.Earlier] takes a
// restored accumulator. [QuarterCheck.Shortfalls] lists the employees with too few evaluated calls in a quarter.
//
// # Encoding and limits
//
// Values that carry state read back Equal from JSON or refuse: ratings and settings have snake_case forms with
// exact values as strings ("4.5", "13/3"), read strictly (exact key case, no unknown, repeated or missing keys,
// null only for a survey value not measured). A reader takes at most 4 MiB, and a rating's breakdown at most 64
// components of 8000 characters of exact values together. Nothing printed or encoded depends on
// shopspring/decimal's package settings.
//
// # Errors
//
// Errors for bad input are *sq.Error values (package, field path with indexes from 1, value, rule) wrapping
// [ErrInvalidWeight], [ErrDuplicate], [ErrOutOfRange], [ErrEmpty], [ErrMissingComponent], [ErrOverflow] or one of
// sq.ErrMalformed, sq.ErrLimit and sq.ErrInvalid; each sentinel of this package matches its sq kind too.
//
// # Concurrency
//
// Raters, ratings and settings are immutable values once built and safe for concurrent use. Accumulators change
// as they take values: give each goroutine its own and merge them.
package rating
