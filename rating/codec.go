package rating

import (
	"encoding"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/servicequality/servicequality/sq"
	"github.com/shopspring/decimal"
)

// field is one key of a JSON object form: how to write it and how to read it back. Every field of a form is
// written, and required on reading.
type field struct {
	name string
	enc  func(b []byte) ([]byte, error)
	dec  func(raw json.RawMessage) error
}

// marshalFields writes {"name":value,...} in the order of fs.
func marshalFields(fs ...field) ([]byte, error) {
	b := []byte{'{'}
	var err error
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, f.name)
		b = append(b, ':')
		if b, err = f.enc(b); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// unmarshalFields reads b strictly (see readObject) into fs; errors wrap sq.ErrMalformed and name what.
func unmarshalFields(what string, b []byte, fs ...field) error {
	return unmarshalFieldsOptional(what, b, nil, fs...)
}

// unmarshalFieldsOptional is unmarshalFields where the fields named in optional may be left out (they keep their
// zero value).
func unmarshalFieldsOptional(what string, b []byte, optional map[string]bool, fs ...field) error {
	return decodeJSON(what, b, func(b []byte) error {
		raws := make([]json.RawMessage, len(fs))
		m := make(map[string]*json.RawMessage, len(fs))
		for i, f := range fs {
			m[f.name] = &raws[i]
		}
		if err := readObjectOptional(b, m, optional); err != nil {
			return err
		}
		for i, f := range fs {
			if raws[i] == nil && optional[f.name] {
				continue
			}
			if err := f.dec(raws[i]); err != nil {
				return fmt.Errorf("field %q: %w", f.name, err)
			}
		}
		return nil
	})
}

func stringField(name string, p *string) field {
	return field{name,
		func(b []byte) ([]byte, error) { return appendString(b, *p), nil },
		func(raw json.RawMessage) (err error) { *p, err = decodeString(raw, "value"); return err }}
}

func decimalField(name string, p *decimal.Decimal) field {
	return field{name,
		func(b []byte) ([]byte, error) { return appendDecJSON(b, *p), nil },
		func(raw json.RawMessage) (err error) { *p, err = parseDecJSON(raw); return err }}
}

// nullFractionField writes a missing value (nil) as null, the one place null is read.
func nullFractionField(name string, p **sq.Fraction) field {
	return field{name,
		func(b []byte) ([]byte, error) {
			if *p == nil {
				return append(b, "null"...), nil
			}
			return appendFraction(b, **p)
		},
		func(raw json.RawMessage) error {
			if string(raw) == "null" {
				*p = nil
				return nil
			}
			f, err := fractionJSON(raw)
			if err == nil {
				*p = &f
			}
			return err
		}}
}

func int64Field(name string, p *int64) field {
	return field{name,
		func(b []byte) ([]byte, error) { return strconv.AppendInt(b, *p, 10), nil },
		func(raw json.RawMessage) error {
			n, err := strconv.ParseInt(string(raw), 10, 64)
			if err != nil {
				return fmt.Errorf("want a whole JSON number, got %.40s", raw)
			}
			*p = n
			return nil
		}}
}

func intField(name string, p *int) field {
	return field{name,
		func(b []byte) ([]byte, error) { return strconv.AppendInt(b, int64(*p), 10), nil },
		func(raw json.RawMessage) error {
			n, err := strconv.ParseInt(string(raw), 10, 32)
			if err != nil {
				return fmt.Errorf("want a whole JSON number within 32 bits, got %.40s", raw)
			}
			*p = int(n)
			return nil
		}}
}

func boolField(name string, p *bool) field {
	return field{name,
		func(b []byte) ([]byte, error) { return strconv.AppendBool(b, *p), nil },
		func(raw json.RawMessage) (err error) { *p, err = decodeBool(raw, "value"); return err }}
}

// textValue is a value with a text form, through a pointer.
type textValue interface {
	encoding.TextMarshaler
	encoding.TextUnmarshaler
}

func textField(name string, p textValue) field {
	return field{name,
		func(b []byte) ([]byte, error) {
			t, err := p.MarshalText()
			if err != nil {
				return nil, err
			}
			return appendString(b, string(t)), nil
		},
		func(raw json.RawMessage) error {
			s, err := decodeString(raw, "value")
			if err != nil {
				return err
			}
			return p.UnmarshalText([]byte(s))
		}}
}

// jsonValue is a value with its own JSON form, through a pointer.
type jsonCodec interface {
	json.Marshaler
	json.Unmarshaler
}

func objectField(name string, p jsonCodec) field {
	return field{name,
		func(b []byte) ([]byte, error) {
			v, err := p.MarshalJSON()
			return append(b, v...), err
		},
		func(raw json.RawMessage) error { return p.UnmarshalJSON(raw) }}
}

// listField writes a slice as a JSON array of its elements' forms (an empty array for nil) and reads it back;
// nil and empty slices read back as nil.
func listField[T any, PT interface {
	*T
	jsonCodec
}](name string, p *[]T) field {
	return field{name,
		func(b []byte) ([]byte, error) {
			b = append(b, '[')
			for i := range *p {
				if i > 0 {
					b = append(b, ',')
				}
				v, err := PT(&(*p)[i]).MarshalJSON()
				if err != nil {
					return nil, err
				}
				b = append(b, v...)
			}
			return append(b, ']'), nil
		},
		func(raw json.RawMessage) error {
			var out []T
			err := decodeArray(raw, "list", func(_ int, el json.RawMessage) error {
				var v T
				if err := PT(&v).UnmarshalJSON(el); err != nil {
					return err
				}
				out = append(out, v)
				return nil
			})
			*p = out
			return err
		}}
}

// timeField writes a time in RFC 3339 with nanoseconds as needed, and the zero time as "".
func timeField(name string, p *time.Time) field {
	return field{name,
		func(b []byte) ([]byte, error) {
			if p.IsZero() {
				return append(b, `""`...), nil
			}
			if p.Year() < 0 || p.Year() > 9999 {
				return nil, errorf("time %s is outside the years 0–9999: %w", p.Format(time.RFC3339), errInvalidInput)
			}
			return appendString(b, p.Format(time.RFC3339Nano)), nil
		},
		func(raw json.RawMessage) error {
			s, err := decodeString(raw, "time")
			if err != nil || s == "" {
				*p = time.Time{}
				return err
			}
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil || t.Format(time.RFC3339Nano) != s {
				return fmt.Errorf("time %q is not RFC 3339 as written by this package", clip(s))
			}
			*p = t
			return nil
		}}
}

// marshalTextJSON writes the text form of v as a JSON string.
func marshalTextJSON(v encoding.TextMarshaler) ([]byte, error) {
	t, err := v.MarshalText()
	if err != nil {
		return nil, err
	}
	return appendString(nil, string(t)), nil
}

// unmarshalTextJSON reads a JSON string (not null: encoding/json would leave the value unchanged without an error)
// into v's text form.
func unmarshalTextJSON(what string, b []byte, v encoding.TextUnmarshaler) error {
	s, err := decodeString(b, what)
	if err != nil {
		return errorf("%v: %w", err, errDecode)
	}
	return v.UnmarshalText([]byte(s))
}

// refuseJSON is the error of a type without a stored form.
func refuseJSON(typ, instead string) error {
	return errorf("%s has no JSON form; store %s instead: %w", typ, instead, errNotEncodable)
}
