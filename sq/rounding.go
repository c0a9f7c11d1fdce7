package sq

import (
	"fmt"
	"strconv"

	"github.com/servicequality/servicequality/internal/round"
	"github.com/servicequality/servicequality/internal/strictjson"
	"github.com/shopspring/decimal"
)

// Rounding is a rule for dropping digits. The zero value is HalfUp.
type Rounding uint8

const (
	// HalfUp rounds to the nearest value and ties away from zero: 4.45 → 4.5, −4.45 → −4.5. It is the rule people
	// expect on a report.
	HalfUp Rounding = iota
	// HalfEven rounds to the nearest value and ties to the even digit (banker's rounding): 4.45 → 4.4, 4.55 → 4.6.
	HalfEven
	// Down drops the digits (rounds toward zero): 4.49 → 4.4, −4.49 → −4.4.
	Down
)

var roundingNames = [...]string{HalfUp: "half-up", HalfEven: "half-even", Down: "down"}

// String returns "half-up", "half-even" or "down".
func (r Rounding) String() string {
	if r.Valid() {
		return roundingNames[r]
	}
	return "Rounding(" + strconv.Itoa(int(r)) + ")"
}

// Valid reports whether r is one of the defined rules.
func (r Rounding) Valid() bool { return int(r) < len(roundingNames) }

// MarshalText writes the name of the rule; an unknown rule is an error wrapping ErrInvalid.
func (r Rounding) MarshalText() ([]byte, error) {
	if !r.Valid() {
		return nil, errorf(ErrInvalid, "rounding", strconv.Itoa(int(r)), "one of half-up, half-even, down")
	}
	return []byte(roundingNames[r]), nil
}

// UnmarshalText reads "half-up", "half-even" or "down"; anything else is an error wrapping ErrMalformed and leaves
// r unchanged.
func (r *Rounding) UnmarshalText(b []byte) error {
	for i, n := range roundingNames {
		if string(b) == n {
			*r = Rounding(i)
			return nil
		}
	}
	return errorf(ErrMalformed, "rounding", Quote(string(b)), "one of half-up, half-even, down")
}

// MaxPlaces is the largest number of digits after the point a value is rounded to: no decimal taken from a
// caller has more (MaxScale).
const MaxPlaces int32 = MaxScale

// Precision says how a value is rounded: to Places digits after the point by Rounding. The zero Precision
// rounds to whole numbers, half-up.
type Precision struct {
	Places   int32    // 0–MaxPlaces
	Rounding Rounding // HalfUp, HalfEven or Down
}

// DisplayPrecision is what people see on a report or a map platform: one digit after the point, half-up (4.7).
func DisplayPrecision() Precision { return Precision{Places: 1, Rounding: HalfUp} }

// StoredPrecision is what is stored, sorted and compared when an exact value cannot be kept: ten digits after the
// point, half-even, so stored values carry no bias up or down on average.
func StoredPrecision() Precision { return Precision{Places: 10, Rounding: HalfEven} }

// Validate reports an *Error wrapping ErrInvalid unless Places is within 0–MaxPlaces and Rounding is a defined
// rule. A negative Places would round to tens or hundreds, and a huge one would cost time for digits no decimal
// of this module holds.
func (p Precision) Validate() error {
	if p.Places < 0 || p.Places > MaxPlaces {
		return errorf(ErrInvalid, "places", strconv.Itoa(int(p.Places)), "0–%d", MaxPlaces)
	}
	if !p.Rounding.Valid() {
		return errorf(ErrInvalid, "rounding", strconv.Itoa(int(p.Rounding)), "one of half-up, half-even, down")
	}
	return nil
}

// String returns "1 place half-up", "10 places half-even".
func (p Precision) String() string {
	unit := "places"
	if p.Places == 1 {
		unit = "place"
	}
	return fmt.Sprintf("%d %s %s", p.Places, unit, p.Rounding)
}

// Round returns d rounded to p. A d that has no more digits than p.Places is returned unchanged. The error is
// that of Validate.
func (p Precision) Round(d decimal.Decimal) (Rounded, error) {
	if err := p.Validate(); err != nil {
		return Rounded{}, err
	}
	v, exact := round.Decimal(d, p.Places, uint8(p.Rounding))
	return Rounded{Value: v, Inexact: !exact}, nil
}

// Rounded is a value rounded to a Precision, and whether rounding dropped digits that were not zero.
type Rounded struct {
	Value   decimal.Decimal
	Inexact bool // digits other than zero were dropped: Value differs from the exact value
}

// String returns Value in plain notation without trailing zeros ("4.5", "300"), whatever decimal's package
// settings say.
func (r Rounded) String() string { return round.Text(r.Value) }

// Fixed returns Value with exactly places digits after the point ("4.50"), the form a report prints. It does not
// round: places below Value's own digits is the same as Value's digits.
func (r Rounded) Fixed(places int32) string {
	if places < 0 {
		places = 0
	}
	if e := -r.Value.Exponent(); e > places {
		places = e
	}
	return r.Value.StringFixed(places)
}

// precisionJSON is the JSON form of a Precision.
type precisionJSON struct {
	Places   *int32    `json:"places"`
	Rounding *Rounding `json:"rounding"`
}

// MarshalJSON writes {"places":1,"rounding":"half-up"}; an invalid precision is an error.
func (p Precision) MarshalJSON() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return []byte(`{"places":` + strconv.Itoa(int(p.Places)) + `,"rounding":"` + p.Rounding.String() + `"}`), nil
}

// UnmarshalJSON reads the form MarshalJSON writes, strictly: both keys, exactly as written, once each, and nothing
// else. Errors wrap ErrMalformed or ErrInvalid; on error p is unchanged.
func (p *Precision) UnmarshalJSON(b []byte) error {
	var v precisionJSON
	if err := strictjson.DecodeValue(b, &v); err != nil {
		return errorf(ErrMalformed, "precision", "", "%v", err)
	}
	if v.Places == nil || v.Rounding == nil {
		return errorf(ErrMalformed, "precision", Quote(string(b)), `both "places" and "rounding"`)
	}
	q := Precision{Places: *v.Places, Rounding: *v.Rounding}
	if err := q.Validate(); err != nil {
		return err
	}
	*p = q
	return nil
}
