package sq_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/servicequality/servicequality/sq"
)

// A mean of the call totals 4, 4.5 and 4.5 is 13/3 exactly; it is rounded once, for display, and says that
// rounding lost digits.
func ExampleFraction_Round() {
	mean, _ := sq.ParseFraction("13/3")
	shown, _ := mean.Round(sq.DisplayPrecision())
	stored, _ := mean.Round(sq.StoredPrecision())
	fmt.Println(mean, shown, shown.Inexact, stored)
	// Output: 13/3 4.3 true 4.3333333333
}

// Errors of every package match the module's three kinds.
func ExampleError() {
	_, err := sq.ParseDecimal("4,5")
	err = sq.At(err, "rubric", sq.Index("criteria", 2)+".weight")
	fmt.Println(err)
	fmt.Println(errors.Is(err, sq.ErrMalformed))
	// Output:
	// rubric: criteria[3].weight "4,5": a decimal such as 4.5, -3 or 1e-2: malformed input
	// true
}

func ExampleQuarters() {
	loc := time.UTC
	p := sq.Period{From: time.Date(2026, 2, 15, 0, 0, 0, 0, loc), To: time.Date(2026, 7, 1, 0, 0, 0, 0, loc)}
	qs, _ := sq.Quarters(p, loc)
	fmt.Println(qs)
	// Output: [2026-Q1 2026-Q2]
}
