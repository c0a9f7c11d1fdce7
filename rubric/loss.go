package rubric

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// Loss is a share of the points an evaluation lost, on the scale of its total (0 to Max): what one criterion's
// shortfall cost the total, or what an auto-fail cost it.
//
// The zero Loss names nothing and lost nothing.
type Loss struct {
	// Criterion names the criterion whose shortfall this is; empty for the loss of an auto-fail.
	Criterion string
	// Cause is, for the loss of an auto-fail, the first override that zeroed the whole evaluation (a level or a
	// violation with EffectEvaluation, in the order of Reasons); the zero Reason for a criterion's loss.
	Cause Reason
	// Points is what was lost on the total's scale: at least 0, at most Max.
	Points decimal.Decimal
}

// String explains the loss in English, for example `criterion "needs" lost 0.2` or
// `violation "profanity" zeroes the whole evaluation: lost 4.6`.
func (l Loss) String() string {
	if l.Criterion == "" {
		return fmt.Sprintf("%s: lost %s", l.Cause, l.Points)
	}
	return fmt.Sprintf("criterion %q lost %s", l.Criterion, l.Points)
}

// Losses returns the points lost on the total's scale, one Loss per criterion in the rubric's order, then, when an
// override zeroed the whole evaluation, one Loss for that auto-fail naming its cause. They always add up exactly to
// Max − Total.
//
// A criterion's share is its shortfall (its counted maximum less the points that counted after overrides)
// rescaled as the total is:
//
//   - unweighted: Max · (maxᵢ − pointsᵢ) / Σ counted maxima;
//   - weighted: Max · wₛ/Σw · (maxᵢ − pointsᵢ) / maxₛ, over the sections that count (as for the total);
//
// so a criterion excluded as N/A, one of a section that does not count, a bonus criterion, and one that scored its
// maximum lose 0, a
// criterion zeroed by an override loses its whole share, and N/A counted as zero loses its whole share too. When
// an auto-fail zeroed the evaluation, the criteria's shares are computed as if only that last step had not
// happened (every other override applied), and the auto-fail's loss is what was left: Max less their sum, which
// is the total the evaluation would otherwise have had.
//
// Shares that terminate within the rubric's places (Rubric.Precision) are exact. Otherwise each is cut to those
// places and the units still missing to make them add up to Max − Total go one each to the shares with the
// largest digits cut (the earlier in order on a tie): the largest-remainder rule, so nothing is rounded twice and
// the sum is exact.
//
// Losses replays the overrides and costs some work and allocation on each call; the zero Result has none.
func (res Result) Losses() []Loss {
	if res.rubric == nil {
		return nil
	}
	r := res.rubric
	rows := slices.Clone(res.rows())
	for i := range rows {
		rows[i].clear(fZeroed)
	}
	var why []Reason
	autoFail := r.applyOverrides(rows, &res.seen, &why)
	shares := r.shares(rows)
	out := make([]Loss, 0, len(shares)+1)
	for i := range shares {
		out = append(out, Loss{Criterion: r.crits[i].id})
	}
	if autoFail {
		left := r.def.Max.Rat()
		for _, x := range shares {
			left.Sub(left, x)
		}
		shares = append(shares, left)
		l := Loss{}
		for _, w := range why {
			if w.Effect == EffectEvaluation {
				l.Cause = w
				break
			}
		}
		out = append(out, l)
	}
	target := r.def.Max.Sub(res.Total())
	for i, p := range apportion(shares, target, r.places) {
		out[i].Points = p
	}
	return out
}

// shares returns each criterion's exact share of Max − total for rows (see Losses).
func (r *Rubric) shares(rows []row) []*big.Rat {
	out := make([]*big.Rat, len(rows))
	for i := range out {
		out[i] = new(big.Rat)
	}
	short := func(i int) int64 {
		if r.crits[i].bonus {
			return 0
		}
		return rows[i].max(&r.crits[i]) - rows[i].pts()
	}
	maxR := r.def.Max.Rat()
	if !r.weighted {
		var m int64
		for i := range rows {
			if !r.crits[i].bonus {
				m += rows[i].max(&r.crits[i])
			}
		}
		if m == 0 {
			return out
		}
		for i := range rows {
			out[i].SetFrac64(short(i), m)
			out[i].Mul(out[i], maxR)
		}
		return out
	}
	wsum := new(big.Rat)
	for _, s := range r.sects {
		var m int64
		for _, ci := range s.crits {
			m += rows[ci].max(&r.crits[ci])
		}
		if m == 0 || s.weight.Sign() == 0 {
			continue
		}
		wsum.Add(wsum, s.weight.Rat())
		for _, ci := range s.crits {
			out[ci].SetFrac64(short(ci), m)
			out[ci].Mul(out[ci], s.weight.Rat())
		}
	}
	if wsum.Sign() == 0 {
		return out
	}
	k := new(big.Rat).Quo(maxR, wsum)
	for _, x := range out {
		x.Mul(x, k)
	}
	return out
}

// apportion writes the non-negative shares, which add up to within one unit of 10^-places per share of target, as
// decimals of at most places digits adding up exactly to target: each cut to places digits, and the missing units
// one each to the largest remainders, the earlier first on a tie.
func apportion(shares []*big.Rat, target decimal.Decimal, places int32) []decimal.Decimal {
	unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	floors := make([]*big.Int, len(shares))
	rems := make([]*big.Rat, len(shares))
	sum := new(big.Int)
	for i, x := range shares {
		scaled := new(big.Rat).Mul(x, new(big.Rat).SetInt(unit))
		q, m := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
		floors[i] = q
		rems[i] = new(big.Rat).SetFrac(m, scaled.Denom())
		sum.Add(sum, q)
	}
	t, _ := dec.Units(target, places) // target has at most places digits: Max and Total do
	missing := t - sum.Int64()
	order := make([]int, len(shares))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for _, i := range order {
		if missing <= 0 {
			break
		}
		if rems[i].Sign() == 0 {
			break // unreachable while the shares add up to target within the cut digits
		}
		floors[i].Add(floors[i], big.NewInt(1))
		missing--
	}
	out := make([]decimal.Decimal, len(shares))
	for i, f := range floors {
		out[i] = decimal.NewFromBigInt(f, -places)
	}
	return out
}
