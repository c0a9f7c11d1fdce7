package rubric

import (
	"bytes"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/servicequality/servicequality/internal/dec"
	"github.com/shopspring/decimal"
)

// fastEvaluation reads the common evaluation document in one pass without reflection: exact keys, each at most
// once, strings without escapes, points as plain decimals within the limits. It reports ok = false on anything
// else, valid or not (escapes, null, unknown keys, syntax errors, decimals near a limit, ...), and the caller then
// reads the document with the general strict decoder, which accepts exactly what the fast reader accepts and
// explains every refusal. Every string of the evaluation is a slice of one copy of data.
func fastEvaluation(data []byte) (e Evaluation, ok bool) {
	if len(data) > MaxEvaluationJSON {
		return Evaluation{}, false
	}
	p := fastReader{data: data, text: string(data)}
	if !p.evaluation(&e) {
		return Evaluation{}, false
	}
	p.space()
	if p.i != len(data) || checkTime(e.At) != nil {
		return Evaluation{}, false
	}
	return e, true
}

type fastReader struct {
	data []byte
	text string // data as a string; the strings read are slices of it
	i    int
}

func (p *fastReader) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c, consuming it.
func (p *fastReader) next(c byte) bool {
	p.space()
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a string without escapes or control characters, in valid UTF-8, and returns it as a slice of text.
func (p *fastReader) str() (string, bool) {
	if !p.next('"') {
		return "", false
	}
	start := p.i
	ascii := true
	for p.i < len(p.data) {
		switch c := p.data[p.i]; {
		case c == '"':
			s := p.text[start:p.i]
			p.i++
			return s, ascii || utf8.ValidString(s)
		case c == '\\' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return "", false
}

// object reads the members of an object, calling member for each key; member reads the value. Keys are exact and
// each may come once: member returns the key's bit in seen, or 0 for an unknown key.
func (p *fastReader) object(member func(key string) (bit uint16, ok bool)) bool {
	if !p.next('{') {
		return false
	}
	if p.next('}') {
		return true
	}
	var seen uint16
	for {
		key, ok := p.str()
		if !ok || !p.next(':') {
			return false
		}
		p.space()
		bit, ok := member(key)
		if !ok || bit == 0 || seen&bit != 0 {
			return false
		}
		seen |= bit
		if p.next(',') {
			continue
		}
		return p.next('}')
	}
}

func (p *fastReader) evaluation(e *Evaluation) bool {
	return p.object(func(key string) (uint16, bool) {
		var ok bool
		switch key {
		case "id":
			e.ID, ok = p.str()
			return 1 << 0, ok
		case "rubric":
			e.Rubric, ok = p.str()
			return 1 << 1, ok
		case "version":
			e.Version, ok = p.str()
			return 1 << 2, ok
		case "call":
			e.CallID, ok = p.str()
			return 1 << 3, ok
		case "employee":
			e.EmployeeID, ok = p.str()
			return 1 << 4, ok
		case "evaluator":
			e.EvaluatorID, ok = p.str()
			return 1 << 5, ok
		case "at":
			return 1 << 6, p.time(&e.At)
		case "answers":
			return 1 << 7, p.answers(e)
		case "violations":
			return 1 << 8, p.violations(e)
		}
		return 0, false
	})
}

func (p *fastReader) time(t *time.Time) bool {
	start := p.i
	if _, ok := p.str(); !ok {
		return false
	}
	return t.UnmarshalJSON(p.data[start:p.i]) == nil
}

func (p *fastReader) answers(e *Evaluation) bool {
	if !p.next('[') {
		return false
	}
	if p.next(']') {
		return true
	}
	// One allocation for the answers of a valid evaluation: at most one per '{' left in the document, and at most
	// maxCriteria, so that braces inside strings cannot make it large; more answers grow the slice as usual.
	e.Answers = make([]Answer, 0, min(bytes.Count(p.data[p.i:], []byte{'{'}), maxCriteria))
	for {
		var a Answer
		given := 0
		ok := p.object(func(key string) (uint16, bool) {
			var ok bool
			switch key {
			case "criterion":
				a.Criterion, ok = p.str()
				return 1 << 0, ok
			case "points":
				a.Points, ok = p.points()
				given++
				return 1 << 1, ok
			case "level":
				a.Level, ok = p.str()
				if a.Level != "" {
					given++
				}
				return 1 << 2, ok
			case "na":
				a.NA, ok = p.boolean()
				if a.NA {
					given++
				}
				return 1 << 3, ok
			}
			return 0, false
		})
		if !ok || given != 1 {
			return false
		}
		e.Answers = append(e.Answers, a)
		if p.next(',') {
			continue
		}
		return p.next(']')
	}
}

func (p *fastReader) violations(e *Evaluation) bool {
	if !p.next('[') {
		return false
	}
	if p.next(']') {
		return true
	}
	var buf [8]string
	ids := buf[:0]
	for {
		s, ok := p.str()
		if !ok {
			return false
		}
		ids = append(ids, s)
		if p.next(',') {
			continue
		}
		if !p.next(']') {
			return false
		}
		e.Violations = append(make([]string, 0, len(ids)), ids...)
		return true
	}
}

func (p *fastReader) boolean() (bool, bool) {
	switch {
	case bytes.HasPrefix(p.data[p.i:], []byte("true")):
		p.i += 4
		return true, true
	case bytes.HasPrefix(p.data[p.i:], []byte("false")):
		p.i += 5
		return false, true
	}
	return false, false
}

// points reads points written as a JSON string or number in the plain form -?digits[.digits][(e|E)[+-]digits],
// as a JSON number without leading zeros, with at most 18 significant digits, an exponent within ±18 and at most
// maxDecimalDigits digits written out: well inside every limit of readNum, which gives the same decimal (the same
// coefficient and exponent as decimal.NewFromString) for every text it reads here.
func (p *fastReader) points() (decimal.Decimal, bool) {
	d, i := p.data, p.i
	quoted := i < len(d) && d[i] == '"'
	if quoted {
		i++
	}
	neg := i < len(d) && d[i] == '-'
	if neg {
		i++
	}
	var coef int64
	digits, frac, exp := 0, 0, 0
	intStart := i
	for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
		if coef != 0 || d[i] != '0' {
			digits++
		}
		coef = coef*10 + int64(d[i]-'0')
		if digits > 18 {
			return decimal.Decimal{}, false
		}
	}
	if i == intStart || (!quoted && d[intStart] == '0' && i-intStart > 1) {
		return decimal.Decimal{}, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		fracStart := i
		for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
			if coef != 0 || d[i] != '0' {
				digits++
			}
			coef = coef*10 + int64(d[i]-'0')
			frac++
			if digits > 18 || frac > 18 {
				return decimal.Decimal{}, false
			}
		}
		if i == fracStart {
			return decimal.Decimal{}, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		eneg := i < len(d) && d[i] == '-'
		if i < len(d) && (d[i] == '-' || d[i] == '+') {
			i++
		}
		expStart := i
		for ; i < len(d) && d[i] >= '0' && d[i] <= '9'; i++ {
			exp = exp*10 + int(d[i]-'0')
			if i-expStart > 3 {
				return decimal.Decimal{}, false
			}
		}
		if i == expStart {
			return decimal.Decimal{}, false
		}
		if eneg {
			exp = -exp
		}
	}
	if quoted {
		if i >= len(d) || d[i] != '"' {
			return decimal.Decimal{}, false
		}
		i++
	} else if i < len(d) && !isJSONDelim(d[i]) {
		return decimal.Decimal{}, false
	}
	e := exp - frac
	if i-p.i > dec.MaxText || e < -18 || e > 18 || (e > 0 && max(digits, 1)+e > maxDecimalDigits) {
		return decimal.Decimal{}, false
	}
	p.i = i
	if neg {
		coef = -coef
	}
	return smallDecimal(coef, int32(e)), true
}

func isJSONDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', '}', ']':
		return true
	}
	return false
}

// smallDecimals caches the decimals c·10^-p for 0 ≤ c < 1024 and 0 ≤ p ≤ 6, the points evaluations give, so that
// reading them allocates nothing after the first time. Entries are set once and never change; a Decimal is an
// immutable value, so its copies may share one.
var smallDecimals [7][1024]atomic.Pointer[decimal.Decimal]

// smallDecimal returns coef·10^exp, from the cache when it is there.
func smallDecimal(coef int64, exp int32) decimal.Decimal {
	if coef < 0 || coef >= 1024 || exp > 0 || exp < -6 {
		return decimal.New(coef, exp)
	}
	slot := &smallDecimals[-exp][coef]
	if d := slot.Load(); d != nil {
		return *d
	}
	d := decimal.New(coef, exp)
	slot.Store(&d)
	return d
}
