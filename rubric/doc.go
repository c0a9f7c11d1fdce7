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
// [Result] holds the total, [Result.RawTotal] (before overrides, for analytics), the breakdown per criterion and
// section, the [Reason] list in order, and the [Band]. [Result.Losses] explains the total in the total's own
// points: what each criterion's shortfall cost on 0–Max, and what an auto-fail cost, adding up exactly to
// Max − Total. A [Band] is bounded in points or as a percent of Max, inclusive or exclusive, so that "below 70%",
// "70–90%" and "above 90%" are expressed exactly on a rubric of any maximum. [Result.Rescaled] gives the total on
// another maximum (a 0–100 rubric on the 5-point scale of the ratings) from the exact total, rounded once. Bonus
// criteria ([Criterion.Bonus]) reward exceptional work apart from the total: [Result.Bonus], capped by
// [Definition.BonusCap], zero on an auto-fail.
//
// An [Evaluation] carries the evaluator's comments (on the evaluation and on each [Answer]), the employee's
// department and a bounded map of attributes a CRM attaches (ticket, queue, language); scoring carries them to the
// [Result] ([Result.Meta], [CriterionResult]) and every JSON form keeps them. Unknown JSON fields are still
// refused: attributes are the place for extras.
//
// # Storing
//
// Every stored value reads back Equal or refuses to be written. JSON readers are strict: keys exactly as
// documented (a key differing only in case or by Unicode folding is unknown), none repeated, no unknown fields,
// no null, valid UTF-8, bounded size. [Evaluation.MarshalJSON] and [ParseEvaluation], [Definition.MarshalJSON] and
// [ParseDefinition] round-trip; [Result.MarshalJSON] writes the stored form of a result, with the rubric's ID and
// version, the answers and the computed values, and [ParseResult] reads it back against its rubric, re-scoring it
// and refusing a result of another rubric or version ([ErrRubricMismatch]) or whose numbers disagree
// ([ErrResultMismatch]); [ResultRubric] says which rubric a stored result needs. [Evaluation] and [Definition] are
// database/sql values stored as JSON text (TEXT, JSON or JSONB columns); a Result writes its column with Value and
// is read back with ParseResult.
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
// path ("criteria[3].scale.step", "answers[8].criterion", counted from 1), the value given and what is allowed,
// and wrapping one of the exported sentinels ([ErrInvalidScore], [ErrUnknownCriterion], ...; errors.Is matches
// each to sq.ErrInvalid), sq.ErrMalformed for JSON that cannot be read or sq.ErrLimit for a limit passed. New and
// Score report all problems at once. Decimals are bounded (at most
// 30 digits, 18 places, exponent 18, 30 digits written out; definitions at most 10^6 with 6 places) so
// hostile input cannot cost time or memory.
//
// The zero values of the exported types and a nil *Rubric are safe: accessors return zero values, and what needs
// a built rubric reports [ErrNoRubric] or [ErrInvalidDefinition].
//
// # Concurrency
//
// A *Rubric never changes after it is built and is safe for concurrent use; Results are immutable values. Scoring
// never changes or keeps the caller's Evaluation, and allocates nothing for rubrics of up to 16 criteria (answers'
// comments and attributes, when given, take one copy each).
//
// Generators of valid rubrics and evaluations for property tests live in package rubric/rubrictest.
package rubric
