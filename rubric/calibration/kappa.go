package calibration

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strconv"

	"github.com/servicequality/servicequality/sq"
)

// Kappa is a chance-corrected agreement coefficient, Cohen's or Fleiss': κ = (Po − Pe) / (1 − Pe), where Po is
// the observed agreement and Pe the agreement expected by chance. κ = 1 is perfect agreement, 0 what chance
// alone gives, and negative values less than chance.
//
// Kappa is an estimate of reliability in the statistical sense, but it is computed here exactly, in rational
// arithmetic from the counts: Value, Observed and Expected are exact fractions, which a caller rounds once with
// sq.Fraction.Round (Rounded.Inexact says whether digits were dropped). The zero Kappa is the result of nothing.
type Kappa struct {
	Value    sq.Fraction // κ
	Observed sq.Fraction // Po: for Fleiss the mean pairwise agreement P̄, for Cohen the share of agreements
	Expected sq.Fraction // Pe: the agreement expected by chance from the category shares
	// Subjects is the number of calls (or rows, or items) counted, Raters the evaluations per subject (2 for
	// Cohen), Categories the number of categories of the table (those used, for a Session).
	Subjects, Raters, Categories int
}

// Equal reports whether two kappas hold the same values and counts.
func (k Kappa) Equal(o Kappa) bool {
	return k.Value.Equal(o.Value) && k.Observed.Equal(o.Observed) && k.Expected.Equal(o.Expected) &&
		k.Subjects == o.Subjects && k.Raters == o.Raters && k.Categories == o.Categories
}

// String returns κ rounded to 4 places half-up for people, for example
// "κ = 0.2099 (10 subjects, 14 raters, 5 categories)".
func (k Kappa) String() string {
	return fmt.Sprintf("κ = %s (%d subjects, %d raters, %d categories)", show(k.Value), k.Subjects, k.Raters, k.Categories)
}

// FleissKappaCounts computes Fleiss' kappa (Fleiss 1971) from a table of counts: counts[i][j] is the number of
// raters who put subject i in category j. Every row must have the same length (the categories, at least one) and
// the same sum n ≥ 2 (the raters per subject); counts are never negative. With N subjects and T = N·n ratings:
//
//	P̄  = (Σᵢⱼ nᵢⱼ² − T) / (T·(n − 1))   the mean agreement over pairs of raters
//	P̄e = Σⱼ (Σᵢ nᵢⱼ / T)²               the chance agreement
//	κ  = (P̄ − P̄e) / (1 − P̄e)
//
// An invalid table is an error wrapping ErrInvalidTable (ErrUnequalRaters for rows of different sums); when every
// rating falls in one category, P̄e = 1 and κ is 0/0, an error wrapping ErrUndefined.
func FleissKappaCounts(counts [][]int) (Kappa, error) {
	if len(counts) == 0 || len(counts[0]) == 0 {
		return Kappa{}, fail("counts", "", "at least one row of at least one count", ErrInvalidTable)
	}
	k := len(counts[0])
	var n int64
	cols := make([]*big.Int, k)
	for j := range cols {
		cols[j] = new(big.Int)
	}
	sumSq := new(big.Int)
	for i, row := range counts {
		if len(row) != k {
			return Kappa{}, fail(sq.Index("counts", i), fmt.Sprintf("%d categories", len(row)), fmt.Sprintf("%d categories, as counts[1]", k), ErrInvalidTable)
		}
		var sum int64
		for j, c := range row {
			if c < 0 {
				return Kappa{}, fail(sq.Index(sq.Index("counts", i), j), strconv.Itoa(c), "0 or more", ErrInvalidTable)
			}
			if sum > int64(^uint64(0)>>1)-int64(c) {
				return Kappa{}, fail(sq.Index("counts", i), "", "counts that add up to less than 2^63", sq.ErrLimit)
			}
			sum += int64(c)
			bc := big.NewInt(int64(c))
			cols[j].Add(cols[j], bc)
			sumSq.Add(sumSq, bc.Mul(bc, bc))
		}
		switch {
		case i == 0 && sum < 2:
			return Kappa{}, fail("counts[1]", fmt.Sprintf("%d ratings", sum), "at least 2 raters per subject", ErrInvalidTable)
		case i == 0:
			n = sum
		case sum != n:
			return Kappa{}, fail(sq.Index("counts", i), fmt.Sprintf("%d ratings", sum), fmt.Sprintf("%d ratings, as counts[1]: the same number of raters for every subject", n), ErrUnequalRaters)
		}
	}
	kappa, err := fleiss(len(counts), n, k, sumSq, cols)
	if err != nil {
		return Kappa{}, fail("counts", fmt.Sprintf("%d×%d ratings in one category", len(counts), n), "ratings in two categories or more; chance agreement is 1 and Fleiss' kappa is 0/0", err)
	}
	return kappa, nil
}

// fleiss computes κ from N subjects of n ratings, k categories, Σ nᵢⱼ² and the column sums; the error is
// ErrUndefined itself, for the caller to explain.
func fleiss(subjects int, n int64, k int, sumSq *big.Int, cols []*big.Int) (Kappa, error) {
	t := new(big.Int).Mul(big.NewInt(int64(subjects)), big.NewInt(n)) // T = N·n
	// P̄ = (Σ nᵢⱼ² − T) / (T·(n − 1))
	po := new(big.Rat).SetFrac(new(big.Int).Sub(sumSq, t), new(big.Int).Mul(t, big.NewInt(n-1)))
	// P̄e = Σ cⱼ² / T²
	csq := new(big.Int)
	for _, c := range cols {
		csq.Add(csq, new(big.Int).Mul(c, c))
	}
	pe := new(big.Rat).SetFrac(csq, new(big.Int).Mul(t, t))
	kappa, err := chanceCorrected(po, pe)
	if err != nil {
		return Kappa{}, err
	}
	return Kappa{Value: exact(kappa), Observed: exact(po), Expected: exact(pe), Subjects: subjects, Raters: int(n), Categories: k}, nil
}

// chanceCorrected returns (po − pe) / (1 − pe), or ErrUndefined when pe = 1.
func chanceCorrected(po, pe *big.Rat) (*big.Rat, error) {
	one := big.NewRat(1, 1)
	d := new(big.Rat).Sub(one, pe)
	if d.Sign() == 0 {
		return nil, ErrUndefined
	}
	return new(big.Rat).Quo(new(big.Rat).Sub(po, pe), d), nil
}

// CohenKappaCounts computes Cohen's kappa (Cohen 1960) for two raters from their square contingency table:
// table[i][j] is the number of items the first rater put in category i and the second in category j. With T
// items:
//
//	Po = Σᵢ tableᵢᵢ / T                  the share of agreements
//	Pe = Σᵢ (rowᵢ / T)·(columnᵢ / T)      the chance agreement
//	κ  = (Po − Pe) / (1 − Pe)
//
// A table that is not square, is empty, has a negative count or no items is an error wrapping ErrInvalidTable;
// when both raters put every item in the same single category, Pe = 1 and κ is 0/0, an error wrapping
// ErrUndefined.
func CohenKappaCounts(table [][]int) (Kappa, error) {
	k := len(table)
	if k == 0 {
		return Kappa{}, fail("table", "", "at least one category", ErrInvalidTable)
	}
	rows, cols := make([]*big.Int, k), make([]*big.Int, k)
	for i := range rows {
		rows[i], cols[i] = new(big.Int), new(big.Int)
	}
	diag, t := new(big.Int), new(big.Int)
	for i, row := range table {
		if len(row) != k {
			return Kappa{}, fail(sq.Index("table", i), fmt.Sprintf("%d columns", len(row)), fmt.Sprintf("%d columns: the table is square", k), ErrInvalidTable)
		}
		for j, c := range row {
			if c < 0 {
				return Kappa{}, fail(sq.Index(sq.Index("table", i), j), strconv.Itoa(c), "0 or more", ErrInvalidTable)
			}
			bc := big.NewInt(int64(c))
			rows[i].Add(rows[i], bc)
			cols[j].Add(cols[j], bc)
			t.Add(t, bc)
			if i == j {
				diag.Add(diag, bc)
			}
		}
	}
	if t.Sign() == 0 {
		return Kappa{}, fail("table", "0 items", "at least one item", ErrInvalidTable)
	}
	if !t.IsInt64() || t.Int64() > int64(^uint(0)>>1) {
		return Kappa{}, fail("table", t.String()+" items", "at most as many as an int holds", sq.ErrLimit)
	}
	kappa, err := cohen(int(t.Int64()), k, diag, rows, cols)
	if err != nil {
		return Kappa{}, fail("table", t.String()+" items in one category", "items in two categories or more; chance agreement is 1 and Cohen's kappa is 0/0", err)
	}
	return kappa, nil
}

// cohen computes κ from the diagonal, row and column sums of a k×k table of items; the error is ErrUndefined
// itself, for the caller to explain.
func cohen(items, k int, diag *big.Int, rows, cols []*big.Int) (Kappa, error) {
	t := big.NewInt(int64(items))
	po := new(big.Rat).SetFrac(diag, t)
	sum := new(big.Int)
	for i := range rows {
		sum.Add(sum, new(big.Int).Mul(rows[i], cols[i]))
	}
	pe := new(big.Rat).SetFrac(sum, new(big.Int).Mul(t, t))
	kappa, err := chanceCorrected(po, pe)
	if err != nil {
		return Kappa{}, err
	}
	return Kappa{Value: exact(kappa), Observed: exact(po), Expected: exact(pe), Subjects: items, Raters: 2, Categories: k}, nil
}

// nominalKey is a category of an answer on a criterion: N/A, a level (by its index in a Levels scale) or a
// number of points (the other scales, whose levels have distinct points).
type nominalKey struct {
	kind uint8 // 0 N/A, 1 level, 2 points
	v    int64
}

func (s *Session) nominal(j int, a answer) nominalKey {
	switch {
	case a.na:
		return nominalKey{}
	case s.crits[j].levels:
		return nominalKey{1, int64(a.level)}
	}
	return nominalKey{2, a.raw}
}

// nominalCodes numbers the categories used on criterion j, in a fixed order.
func (s *Session) nominalCodes(j int) map[nominalKey]int {
	var keys []nominalKey
	seen := map[nominalKey]bool{}
	for i := range s.cells {
		k := s.nominal(j, s.cells[i].answers[j])
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b nominalKey) int {
		if a.kind != b.kind {
			return int(a.kind) - int(b.kind)
		}
		return cmp.Compare(a.v, b.v)
	})
	codes := make(map[nominalKey]int, len(keys))
	for i, k := range keys {
		codes[k] = i
	}
	return codes
}

// FleissKappa computes Fleiss' kappa on one criterion over all calls, with the evaluators as raters (they need
// not be the same people on every call, but every call needs the same number of evaluations: otherwise an error
// wraps ErrUnequalRaters; Session.KrippendorffAlpha takes calls with missing evaluations).
//
// Categories are nominal: the level chosen on a level scale (so yellow and red tonality differ even though both
// are worth 0 points), the points given on a Points scale, and N/A as a category of its own (agreeing that a
// criterion does not apply is agreement). Answers are compared before overrides, as in Session.Alignment.
// Categories counts the categories used. When every evaluation gives the same answer, κ is undefined: an error
// wrapping ErrUndefined.
func (s *Session) FleissKappa(criterionID string) (Kappa, error) {
	j, err := s.criterion(criterionID)
	if err != nil {
		return Kappa{}, err
	}
	codes := s.nominalCodes(j)
	cols := make([]*big.Int, len(codes))
	for c := range cols {
		cols[c] = new(big.Int)
	}
	sumSq := new(big.Int)
	n, first := -1, ""
	counts := make([]int64, len(codes))
	for ci, call := range s.calls {
		clear(counts)
		cells := s.callCells(ci)
		m := len(cells)
		for k := range cells {
			counts[codes[s.nominal(j, cells[k].answers[j])]]++
		}
		switch {
		case n < 0:
			n, first = m, call
		case m != n:
			return Kappa{}, fail("call "+quote(call), fmt.Sprintf("%d evaluations", m), fmt.Sprintf("%d evaluations, as call %s: the same number for every call (Krippendorff's alpha allows missing ones)",
				n, quote(first)), ErrUnequalRaters)
		}
		for c, v := range counts {
			b := big.NewInt(v)
			cols[c].Add(cols[c], b)
			sumSq.Add(sumSq, b.Mul(b, b))
		}
	}
	k, err := fleiss(len(s.calls), int64(n), len(codes), sumSq, cols)
	if err != nil {
		return Kappa{}, fail("criterion "+quote(criterionID), fmt.Sprintf("%d evaluations with the same answer", len(s.calls)*n),
			"two answers or more; chance agreement is 1 and Fleiss' kappa is 0/0", err)
	}
	return k, nil
}

// CohenKappa computes Cohen's kappa between evaluators a and b on one criterion, over the calls both scored.
// Categories are nominal, as for FleissKappa; Categories counts those either of the two used. Errors wrap
// ErrUnknownEvaluator, ErrUnknownCriterion, ErrInvalidConfig (a and b the same), ErrNoOverlap (no common call)
// or ErrUndefined (both gave one and the same answer on every call).
func (s *Session) CohenKappa(a, b, criterionID string) (Kappa, error) {
	j, err := s.criterion(criterionID)
	if err != nil {
		return Kappa{}, err
	}
	ai, err := s.evaluator(a)
	if err != nil {
		return Kappa{}, err
	}
	bi, err := s.evaluator(b)
	if err != nil {
		return Kappa{}, err
	}
	if ai == bi {
		return Kappa{}, fail("evaluators", quote(a)+" and "+quote(a), "two different evaluators", ErrInvalidConfig)
	}
	type pair struct{ x, y nominalKey }
	var pairs []pair
	cats := map[nominalKey]int{}
	for ci := range s.calls {
		x, y := s.at(ci, ai), s.at(ci, bi)
		if x == nil || y == nil {
			continue
		}
		p := pair{s.nominal(j, x.answers[j]), s.nominal(j, y.answers[j])}
		pairs = append(pairs, p)
		for _, k := range []nominalKey{p.x, p.y} {
			if _, ok := cats[k]; !ok {
				cats[k] = len(cats)
			}
		}
	}
	if len(pairs) == 0 {
		return Kappa{}, fail("evaluators", quote(a)+" and "+quote(b), "evaluators who scored a call in common", ErrNoOverlap)
	}
	k := len(cats)
	rows, cols := make([]*big.Int, k), make([]*big.Int, k)
	for i := range rows {
		rows[i], cols[i] = new(big.Int), new(big.Int)
	}
	diag := new(big.Int)
	one := big.NewInt(1)
	for _, p := range pairs {
		x, y := cats[p.x], cats[p.y]
		rows[x].Add(rows[x], one)
		cols[y].Add(cols[y], one)
		if x == y {
			diag.Add(diag, one)
		}
	}
	kappa, err := cohen(len(pairs), k, diag, rows, cols)
	if err != nil {
		return Kappa{}, fail("criterion "+quote(criterionID), fmt.Sprintf("evaluators %s and %s: one answer on all %d calls they share", quote(a), quote(b), len(pairs)),
			"two answers or more; chance agreement is 1 and Cohen's kappa is 0/0", err)
	}
	return kappa, nil
}
