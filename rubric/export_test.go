package rubric

// Hooks for the external tests: the two readers of ParseEvaluation, to check that they agree.
var (
	FastEvaluation        = fastEvaluation
	ParseEvaluationStrict = parseEvaluationStrict
)

// Limits, for the tests at the edges.
const (
	MaxCommentLen        = maxCommentLen
	MaxAttributes        = maxAttributes
	MaxAttributeKeyLen   = maxAttributeKeyLen
	MaxAttributeValueLen = maxAttributeValueLen
	MaxStartedByLen      = maxStartedByLen
	MaxResultJSON        = maxResultJSON
)
