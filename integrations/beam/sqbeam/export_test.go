package sqbeam

// Counters for the tests of the external package: how many accumulators this package's coders decoded and how
// many merges its CombineFns made, in this process (prism runs the workers in process, in loopback mode).
var (
	Decodes = &decodes
	Merges  = &merges
)
