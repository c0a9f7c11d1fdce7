// Package rubric scores service interactions — calls, chats, branch visits — on a rubric: the scorecard a
// quality specialist fills in. A rubric lists criteria with point ranges or levels, optional weighted sections,
// overrides that zero a criterion, a section or the whole evaluation, N/A rules, and pass bands; scoring an
// evaluation gives an exact total with its explanation.
//
// # Building and loading
//
// A [Definition] is plain data; [New] validates it and returns an immutable [*Rubric]. [Parse] does the same from
// JSON (strict: unknown fields, repeated keys, null, duplicate IDs and bad steps are errors), and
// [Rubric.MarshalJSON] writes the canonical JSON back. Three templates are built in ([CallQuality],
// [PhoneEtiquette], [BranchAudit]; [TemplateJSON] gives their JSON to copy).
//
// # Scale kinds
//
//   - [Points]: Min to Max in steps of Step (the source's call rubric: 0–0.5 step 0.1, SPEC R1);
//   - [Binary]: levels "pass" (Max) and "fail" (0), or the rubric's own labels such as "yes"/"no", "met"/"not_met";
//   - [Rating]: an N-point rating (N = 3, 4 or 5), levels "1" … "N" worth Max·(k−1)/(N−1);
//   - [Levels]: named levels each with its points and an optional override, such as tonality (SPEC R3).
//
// # How a total is computed
//
//  1. Each criterion is worth the points of its answer. N/A follows the criterion's [NAPolicy]: forbidden (the
//     default), excluded from both points and maximum, counted as 0, or counted as full. A conditional criterion
//     ([Criterion.When], a [Condition]) whose condition does not hold counts as N/A by its policy, and an answer
//     given for it is refused ([ErrInapplicable]).
//  2. Overrides fire: a chosen level with an [Effect], then each observed [Violation] with one, in the rubric's
//     order. [EffectCriterion] zeroes one criterion, [EffectSection] every criterion of a section, and
//     [EffectEvaluation] the whole evaluation (auto-fail: the total is 0 whatever the rest).
//  3. Unweighted rubrics: total = Max · Σ points / Σ counted maxima. When the counted maxima add up to Max (the
//     source's call rubric: 10 × 0.5 = 5) the total is the plain sum. Weighted sections: total =
//     Max · Σ wₛ·(pointsₛ/maxₛ) / Σ wₛ over the sections that still count.
//  4. A total that terminates within the rubric's places is exact; otherwise it is rounded by the rubric's
//     [Rubric.Precision] (4 places half-up unless the definition says otherwise), and [Result.Exact] says so.
//     Nothing is rounded before this last step. The raw total is computed the same way without overrides.
//
// [Result] holds the total, the raw total before overrides, the breakdown per criterion and section, the
// [Reason] list and the [Band]; [Result.Losses] says what each shortfall cost, [Result.Rescaled] gives the exact
// total on another maximum, and [CriterionStats] sums criteria across a team's results. An [Evaluation] carries
// comments, the department and a bounded map of CRM attributes, and scoring keeps them.
//
// # Storing
//
// Every stored value reads back Equal or refuses to be written, and JSON readers are strict (exact keys, no
// repeats, no unknown fields, no null). [ParseEvaluation], [ParseDefinition] and [ParseResult] read what the
// MarshalJSON methods write; ParseResult re-scores a stored result against its rubric ([ResultRubric] names it)
// and refuses another rubric or other numbers.
//
// # The source's call rubric (SPEC R1–R4)
//
// Ten criteria of 0–0.5 points in steps of 0.1, maximum 5. Tonality green is worth 0.5, yellow 0 for the tonality
// criterion only, red 0 for the whole call; the violations "promise_not_kept" and "profanity" zero the whole call.
// All 0.5 with green gives 5, yellow 4.5, red or profanity 0.
//
// # Errors
//
// Nothing panics on bad input (only [MustNew], by its contract). Every problem is an *sq.Error naming the field
// path ("answers[8].criterion", counted from 1), the value and what is allowed, wrapping a sentinel of this package
// (which matches sq.ErrInvalid), sq.ErrMalformed or sq.ErrLimit; New and Score report all problems at once.
// Decimals are bounded (package sq), so hostile input cannot cost time or memory. Zero values and a nil *Rubric
// are safe: what needs a built rubric reports [ErrNoRubric].
//
// # Concurrency
//
// A *Rubric never changes after it is built and is safe for concurrent use; Results are immutable values. Scoring
// never changes or keeps the caller's Evaluation. Package rubric/rubrictest has generators and checkers.
package rubric
