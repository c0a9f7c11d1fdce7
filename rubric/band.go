package rubric

import (
	"fmt"
	"github.com/servicequality/servicequality/sq"
	"strconv"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// bands checks the bands: IDs, titles, bounds in points or percent, increasing without overlap (see Band).
func (b *builder) bands() {
	d := &b.def
	if len(d.Bands) > maxBands {
		b.fail("bands", strconv.Itoa(len(d.Bands)), fmt.Sprintf("bands; at most %d allowed", maxBands))
		return
	}
	seen := map[string]int{}
	var prev *Band // the last band with a usable bound
	var prevMin decimal.Decimal
	for i, band := range d.Bands {
		f := sq.Index("bands", i)
		b.uniqueID(f+".id", band.ID, "band", seen, i)
		b.text(f+".title", band.Title, true)
		if !b.value(f+".min", band.Min, false) {
			continue
		}
		m := band.Min
		if band.Percent {
			switch {
			case band.Min.GreaterThan(decimal.New(100, 0)):
				b.fail(f+".min", band.Min.String()+"%", "exceeds 100%")
				continue
			case dec.Places(band.Min) > maxPctPlaces:
				b.fail(f+".min", band.Min.String()+"%", fmt.Sprintf("has more than %d digits after the point", maxPctPlaces))
				continue
			}
			m = bandPoints(band, d.Max)
		}
		switch {
		case m.GreaterThan(d.Max):
			b.fail(f+".min", band.Min.String(), "exceeds the rubric's max "+d.Max.String())
			continue
		case band.Above && m.Equal(d.Max):
			b.fail(f+".above", "true", "with min at the rubric's max "+d.Max.String()+" leaves the band empty")
		}
		if prev != nil {
			c := m.Cmp(prevMin)
			if c < 0 || (c == 0 && (prev.Above || !band.Above)) {
				b.fail(f+".min", describeBound(band, m), "must be above the previous band's min "+describeBound(*prev, prevMin))
			}
		}
		prev, prevMin = &d.Bands[i], m
	}
}

// bandPoints returns the lower bound of a band in points of a rubric on 0–max: Min, or Min percent of max. The
// percent is exact: Min has at most 4 places and max at most 6, so the bound has at most 12.
func bandPoints(band Band, max decimal.Decimal) decimal.Decimal {
	if !band.Percent {
		return band.Min
	}
	return band.Min.Mul(max).Shift(-2)
}

// describeBound renders a band's bound for a message: "3", "above 3", "90% (4.5)".
func describeBound(band Band, points decimal.Decimal) string {
	s := band.Min.String()
	if band.Percent {
		s += "% (" + points.String() + ")"
	}
	if band.Above {
		s = "above " + s
	}
	return s
}

// bandOf returns the index of the highest band whose bound the total reaches (passes, for an exclusive bound), or
// -1.
func (r *Rubric) bandOf(t fixed) int {
	band := -1
	for i, b := range r.bands {
		if c := cmpFixed(t, b.min); c > 0 || (c == 0 && !b.above) {
			band = i
		}
	}
	return band
}
