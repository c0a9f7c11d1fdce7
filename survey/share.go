package survey

import "github.com/shopspring/decimal"

// kOfN is the core of the "k of n" metrics (CSAT, FCR, Retention): k hits out of n, with the checks and arithmetic they
// share. The zero value is the empty sample.
type kOfN struct {
	k, n int64
}

// newKOfN checks k of n for metric: kName and nName name the counts in errors.
func newKOfN(metric, kName string, k int64, nName string, n int64) (kOfN, error) {
	if err := checkPart(metric+": "+kName, k, nName, n); err != nil {
		return kOfN{}, err
	}
	return kOfN{k, n}, nil
}

func (s kOfN) merge(metric string, o kOfN) (kOfN, error) {
	n, err := addCounts(metric, s.n, o.n)
	if err != nil {
		return kOfN{}, err
	}
	return kOfN{s.k + o.k, n}, nil
}

func (s kOfN) percent(metric string, places int32, r Rounding) (decimal.Decimal, bool, error) {
	if err := checkPrecision(places, r); err != nil {
		return decimal.Decimal{}, false, err
	}
	if s.n == 0 {
		return decimal.Decimal{}, false, errEmpty(metric)
	}
	d, exact := ratio(100*s.k, s.n, places, r)
	return d, exact, nil
}

func (s kOfN) wilson(metric string, level decimal.Decimal, places int32) (Interval, error) {
	return wilson(metric, s.k, s.n, level, places)
}

// decodeKOfN reads {"<kName>": k, "<nName>": n} with the checks of newKOfN.
func decodeKOfN(metric string, b []byte, kName, nName string) (kOfN, error) {
	var k, n int64
	if err := decodeObject(metric, b, jsonField{name: kName, set: count(&k)}, jsonField{name: nName, set: count(&n)}); err != nil {
		return kOfN{}, err
	}
	return newKOfN(metric, kName, k, nName, n)
}
