// Package rating turns scored calls and survey indexes into the ratings of the service-quality methodology:
// personal ratings of employees, overall ratings of departments, cumulative accumulators, quarterly evaluation
// compliance and leaderboards. Every score, weight and rating is an exact decimal on the 5-point scale; nothing is
// a float and nothing is rounded before the end.
//
// The package takes plain inputs: a [CallScore] per evaluated call (its total on 0–5, IDs and time) and a
// [Survey] per employee or department (CSI and NPS already on 5 points, and the coverage counts).
//
// # Personal ratings (SPEC R5, R8, R14)
//
// [NewPersonalRater] validates [PersonalSettings] (start from [DefaultPersonalSettings]); [PersonalRater.Rate]
// weighs the call-quality rating — the mean of the evaluated call totals — against the survey index, which itself
// weighs CSI against NPS. [PersonalRater.RateEmployees] rates everyone from a flat list of calls.
//
// # Department ratings (SPEC R7)
//
// [NewDepartmentRater] and [DepartmentRater.Rate] weigh the ratings on public platforms ([PlatformRating],
// plain or review-weighted mean, [PlatformMean]), the mean of the employees' personal ratings (only sufficient
// ones by default) and the department's survey index.
//
// # Sufficiency
//
// A [Rating] carries a [Status] and the [Reason] values of every rule it breaks ([FewCalls] for fewer than 5
// evaluated calls, [LowCoverage] for fewer than 4% of the clients surveyed, [NoEvaluationInQuarter],
// [MissingComponent], [NoSufficientEmployees]). [Rating.Stored] gives the value whatever the status, for
// analytics; [Rating.Final] and [Rating.Display] give it only when the rating is sufficient, so a provisional
// number is not shown as final by accident.
//
// # Weighted means
//
// [NewAggregator] builds an [Aggregator] from a [Scheme] of named [Weight] values (non-negative, at least one
// positive, SPEC R9). [Aggregator.Mean] returns a [Weighted] that explains each component's [Contribution]. A
// missing component is never taken as zero: by [MissingPolicy] the mean fails ([MissingFail]) or is renormalized
// over the present weights ([MissingRenormalize]) when they reach [Scheme.MinCoverage]. [Shrinkage] is the
// Bayesian mean (m·C + Σx)/(m + n) for thin samples.
//
// # Exact values and rounding
//
// Means of means rarely have a finite decimal form (13/3), so results are a [sq.Fraction]: exact, divided once, at
// the end. [sq.Fraction.Decimal] and every Stored method give the stored value, [StoredPlaces] (10) digits after the
// point rounded half-even; [sq.Fraction.Display] and every Display method give one digit after the point rounded
// half-up, like the map platforms show, from the exact value (so 4.449999… shows 4.4, not 4.5 through a rounded
// intermediate). [sq.Fraction.Round] takes 0–[MaxPlaces] places and a [Rounding]. Nothing this package
// prints, encodes or stores depends on shopspring/decimal's package settings (TrimTrailingZeros,
// MarshalJSONWithoutQuotes, UseScientificNotation).
//
// # Cumulative ratings (SPEC R10)
//
// An [Accumulator] takes scores one at a time without allocating and keeps their exact sum and count; a [Grouped]
// keeps one per key, and [GroupCalls] fills one from calls within a [sq.Period] ([Since] a start date, or a quarter).
// Merging is associative and commutative and equals the batch result. Both encode to JSON and binary
// ([Accumulator.MarshalJSON], [Accumulator.MarshalBinary], [Grouped.MarshalJSON], [Grouped.MarshalBinary]) with
// strict decoders, so totals can be stored, resumed and combined across machines; [PersonalInput.Earlier] takes
// a restored accumulator. A stream fed from scored calls can skip decimals altogether:
// [Accumulator.AddUnits] and [Grouped.AddUnits] take the integer units that rubric.Result.TotalUnits gives.
// [CallScoreOf] and [SurveyOf] turn a rubric.Result and survey tallies into this package's inputs.
//
// # Storing values
//
// Every value that carries state reads back Equal from JSON, or refuses: ratings ([Rating], [Personal],
// [Department], [Weighted], [Entry], [Standing], [Leaderboard]) have snake_case JSON forms with exact values as
// "num/den" strings, read strictly (exact key case, no unknown, repeated or missing keys, no null). Stored values
// implement driver.Valuer and sql.Scanner: accumulators as bytea, [sq.Fraction] as text, a [Rating] as the NUMERIC
// stored value (write only), [Personal] and [Department] as jsonb, [Quarter] and [sq.Period] as text.
// [NewAccumulator] and [Grouped.AddAccumulator] build accumulators from SQL aggregates (COUNT and SUM).
//
// # Quarters and compliance (SPEC R6)
//
// A [Quarter] ([QuarterOf], [ParseQuarter]) has its bounds in an explicit location. [QuarterCheck.Shortfalls]
// lists the employees with fewer than the required evaluated calls in a quarter.
//
// # Leaderboards
//
// [NewLeaderboard] ranks sufficient ratings by exact value with competition ranks (1, 2, 2, 4) and dense ranks
// (1, 2, 2, 3), ties in ID order, and lists insufficient ratings apart.
//
// # Errors
//
// Errors start with "rating: ", say which field and value and what is allowed, and wrap a sentinel for
// errors.Is: [ErrInvalidWeight], [errUnknownComponent], [ErrDuplicate], [ErrOutOfRange], [ErrEmpty],
// [ErrMissingComponent], [errInvalidSetting], [errInvalidInput], [ErrInvalidQuarter], [errDecode], [ErrOverflow],
// [sq.ErrLimit], [ErrInvalidPrecision], [errScan], [errNotEncodable]. Errors about one component of a weighted
// mean are a [*ComponentError].
//
// # Concurrency
//
// Raters, aggregators, ratings, fractions and leaderboards are immutable once built and safe for concurrent use.
// Accumulators change as they take values: give each goroutine its own and merge them.
package rating
