// Package sqbeam runs the servicequality ratings on Apache Beam: coders, CombineFns and transforms that score
// millions of evaluated calls on a distributed runner and give the same ratings, digit for digit, as the library
// gives in a plain loop.
//
// It lives in its own module (github.com/servicequality/servicequality/integrations/beam), so that the library
// itself keeps its three dependencies; this module brings the Beam Go SDK (about 320 modules, a cold build of
// several minutes).
//
// # Coders, registered automatically
//
// Beam's default schema coder encodes exported fields only. rating.Accumulator keeps its state in unexported
// fields, so without a coder of its own every accumulator that crosses a bundle boundary arrives empty, and a
// runner that encodes accumulators (prism, Dataflow, Flink) reports a count of 0 for every key and exits
// successfully; the direct runner, which never encodes them, hides the problem. Importing this package registers
// (in init) a coder for every library type it lets reach Beam: rating.Accumulator, *rating.Grouped and
// survey.Tallies in their binary forms, sq.Fraction and sq.Period in their text forms, survey.Share (CSAT, FCR,
// the recommend share, coverage) in its strict JSON form, and EmployeeTotals. Beam's schema coder ignores those
// coders for the fields of a struct, so all of them but *rating.Grouped and EmployeeTotals are also registered
// as schema logical types: a struct of your own may hold them in exported fields. CheckCoders inspects a built pipeline and refuses any type in a PCollection or a
// combine's accumulator, or any field inside one, that has unexported state and nothing that encodes it: call it
// before running a pipeline of your own.
//
// # Transforms
//
//   - Score (ScoreFn): JSON lines of evaluations (rubric.ParseEvaluation), scored on a rubric (rubric.Score,
//     rating.CallScoreOf) into ScoredCalls, the department taken from the roster.
//   - Unique: evaluation IDs seen more than once go to the dead letters, as rating.PersonalRater refuses them.
//   - ParseAnswers (ParseAnswerFn): JSON lines of SurveyAnswers.
//   - Totals: per employee, the call accumulator (CallsFn), the survey tallies (TalliesFn) and the distinct
//     clients surveyed, as EmployeeTotals.
//   - Ratings (RateFn, RateTotals): personal ratings (rating.PersonalRater, SPEC R5, R8, R14), department ratings
//     (rating.DepartmentRater, SPEC R7) and both standings (rating.Rank), as RatingRows. All
//     EmployeeTotals meet under one key: that step holds one small value per employee, never the calls.
//   - Aggregate: all of the above in one call; RateLocal computes the same without Beam.
//
// The CombineFns can be used on their own: CallsFn (rating.Accumulator per key), GroupedFn (a rating.Grouped per
// employee or department within a period, as rating.GroupCalls), TalliesFn (survey.Tallies per key) and CountsFn
// (complaint register counts from ComplaintStatus, as complaints.NewReport counts them, without resolution times).
//
// # Dead letters
//
// An input that cannot be used is never dropped: it goes, with the error text, to a second PCollection of
// DeadLetter (stage "parse", "score", "roster", "duplicate" or "rate"). Write it out and look at it; the ratings
// leave out exactly those inputs. A CombineFn that meets an invalid value (which the transforms above never pass
// it) fails the bundle with an error rather than skipping the value.
//
// # Runners
//
// Tests and the example command (cmd/sqaggregate) run on prism, Beam's portable runner, in process:
//
//	prism.Execute(ctx, p)
//
// The same pipeline runs on Flink or Spark through their portable job servers (universal.Execute with
// --endpoint), and on Dataflow through the dataflow runner (beamx.Run with --runner=dataflow and its options);
// the module does not import the Dataflow runner itself, to keep its build smaller. Every function and type
// the pipeline uses is registered in init, so remote workers find them.
//
// # Limits
//
// Ratings use rating.DefaultPersonalSettings and rating.DefaultDepartmentSettings. The quarterly-evaluation rule
// (SPEC R6) is not checked: filter the calls by period first, or use GroupedFn with a Period. A department's
// surveyed count is the sum of its employees', so a client of two employees counts twice.
package sqbeam
