package rubric

// Hooks for the external tests: the two readers of ParseEvaluation, to check that they agree.
var (
	FastEvaluation        = fastEvaluation
	ParseEvaluationStrict = parseEvaluationStrict
)
