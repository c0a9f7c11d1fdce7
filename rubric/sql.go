package rubric

import (
	"database/sql/driver"
	"fmt"
	"github.com/servicequality/servicequality/sq"
)

// The types of this package that a service stores implement driver.Valuer and sql.Scanner with their JSON form
// as text: store them in a TEXT, JSON or JSONB column. Value writes a string, so that a text column gets text, not
// bytes; Scan reads a string or []byte (what drivers give for those columns) and refuses NULL and every other type
// with sq.ErrMalformed. A nullable column scans into a pointer-typed destination or sql.Null[T] instead.
//
//	CREATE TABLE evaluations (id TEXT PRIMARY KEY, evaluation JSONB NOT NULL, result JSONB NOT NULL);
//
// A Result has no Scan: scan its column into a []byte or string and read it against its rubric with ParseResult
// (ResultRubric says which rubric that is).

// Value writes the evaluation's JSON (see MarshalJSON).
func (e Evaluation) Value() (driver.Value, error) { return jsonValue(e.MarshalJSON()) }

// Scan reads an evaluation's JSON from a database value, as ParseEvaluation does. On error e is unchanged.
func (e *Evaluation) Scan(src any) error {
	b, err := scanText("Evaluation", src)
	if err != nil {
		return err
	}
	v, err := ParseEvaluation(b)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Value writes the definition's JSON (see MarshalJSON).
func (d Definition) Value() (driver.Value, error) { return jsonValue(d.MarshalJSON()) }

// Scan reads a definition's JSON from a database value, as ParseDefinition does (build it with New to use it). On
// error d is unchanged.
func (d *Definition) Scan(src any) error {
	b, err := scanText("Definition", src)
	if err != nil {
		return err
	}
	v, err := ParseDefinition(b)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value writes the result's stored form, its JSON (see MarshalJSON); the zero Result refuses with ErrNoRubric.
func (res Result) Value() (driver.Value, error) { return jsonValue(res.MarshalJSON()) }

func jsonValue(b []byte, err error) (driver.Value, error) {
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// scanText returns the bytes of a text database value: a string or []byte, anything else refused.
func scanText(typ string, src any) ([]byte, error) {
	switch v := src.(type) {
	case string:
		return []byte(v), nil
	case []byte:
		return v, nil
	case nil:
		return nil, fail(typ, "NULL", "JSON text; scan a nullable column into a pointer or sql.Null", sq.ErrMalformed)
	}
	return nil, fail(typ, fmt.Sprintf("%T", src), "JSON text (string or []byte)", sq.ErrMalformed)
}
