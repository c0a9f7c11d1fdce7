package rating

import (
	"fmt"
	"iter"
	"slices"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Grouped keeps one Accumulator per key (an employee ID, a department ID, ...), for streaming aggregation of many
// scores into per-group means. Memory grows with the number of groups, not with the number of values.
//
// Merging is exact, associative and commutative, group by group (see Accumulator). Keys are non-empty UTF-8
// strings.
//
// The zero Grouped is empty and ready to use. A nil *Grouped reads as empty (Len, Get, All, Equal);
// the methods that change it return an error wrapping sq.ErrInvalid. A Grouped must not be copied after first use
// (copies share storage); copy one by merging it into a new Grouped. It is not safe for concurrent use while it
// changes: give each goroutine its own and merge.
type Grouped struct {
	index map[string]int
	keys  []string
	accs  []Accumulator
}

// Add adds the score x to the group key, creating the group on first use. Errors wrap sq.ErrInvalid (an empty
// or invalid UTF-8 key) or those of Accumulator.Add; on error g is unchanged.
func (g *Grouped) Add(key string, x decimal.Decimal) error {
	if g == nil {
		return errNil("Grouped")
	}
	if i, ok := g.index[key]; ok {
		return g.accs[i].Add(x)
	}
	if err := checkKey(key); err != nil {
		return errorf("%w", err)
	}
	var a Accumulator
	if err := a.Add(x); err != nil {
		return err
	}
	g.insert(key, a)
	return nil
}

// AddUnits adds the score units·10^-scale (see Accumulator.AddUnits) to the group key, creating the group on
// first use. Errors as for Add; on error g is unchanged.
func (g *Grouped) AddUnits(key string, units int64, scale int32) error {
	if g == nil {
		return errNil("Grouped")
	}
	if i, ok := g.index[key]; ok {
		return g.accs[i].AddUnits(units, scale)
	}
	if err := checkKey(key); err != nil {
		return errorf("%w", err)
	}
	var a Accumulator
	if err := a.AddUnits(units, scale); err != nil {
		return err
	}
	g.insert(key, a)
	return nil
}

// checkKey reports an error (without the package prefix) unless key is non-empty UTF-8.
func checkKey(key string) error {
	if key == "" || !utf8.ValidString(key) {
		return fmt.Errorf("group key %q must be non-empty UTF-8: %w", clip(key), errInvalidInput)
	}
	return nil
}

// insert appends a new group; key must not be present yet.
func (g *Grouped) insert(key string, a Accumulator) {
	if g.index == nil {
		g.index = make(map[string]int)
	}
	g.index[key] = len(g.keys)
	g.keys = append(g.keys, key)
	g.accs = append(g.accs, a)
}

// Merge adds every group of o to g (o is not changed). Errors wrap ErrOverflow; on error g is unchanged.
func (g *Grouped) Merge(o *Grouped) error {
	if o == nil || len(o.keys) == 0 {
		return nil
	}
	if g == nil {
		return errNil("Grouped")
	}
	// Compute every merged group first, so that an overflow leaves g as it was.
	merged := make([]Accumulator, len(o.keys))
	for j, key := range o.keys {
		if i, ok := g.index[key]; ok {
			merged[j] = g.accs[i]
		}
		if err := merged[j].Merge(o.accs[j]); err != nil {
			return errorf("group %q: %w", key, err)
		}
	}
	for j, key := range o.keys {
		if i, ok := g.index[key]; ok {
			g.accs[i] = merged[j]
		} else {
			g.insert(key, merged[j])
		}
	}
	return nil
}

// Get returns the accumulator of key, and false when there is no such group.
func (g *Grouped) Get(key string) (Accumulator, bool) {
	if g == nil {
		return Accumulator{}, false
	}
	i, ok := g.index[key]
	if !ok {
		return Accumulator{}, false
	}
	return g.accs[i], true
}

// sortedKeys returns the keys in ascending byte order, in a new slice.
func (g *Grouped) sortedKeys() []string {
	if g == nil {
		return nil
	}
	keys := slices.Clone(g.keys)
	slices.Sort(keys)
	return keys
}

// All yields every group, keys in ascending byte order.
func (g *Grouped) All() iter.Seq2[string, Accumulator] {
	return func(yield func(string, Accumulator) bool) {
		for _, k := range g.sortedKeys() {
			if !yield(k, g.accs[g.index[k]]) {
				return
			}
		}
	}
}

// Equal reports whether g and o have the same keys with equal accumulators; a nil *Grouped is empty.
func (g *Grouped) Equal(o *Grouped) bool {
	if g.Len() != o.Len() {
		return false
	}
	if g == nil {
		return true
	}
	for i, k := range g.keys {
		b, ok := o.Get(k)
		if !ok || !g.accs[i].Equal(b) {
			return false
		}
	}
	return true
}

// Len returns the number of groups; 0 for a nil *Grouped.
func (g *Grouped) Len() int {
	if g == nil {
		return 0
	}
	return len(g.keys)
}
