package sqbeam

import (
	"fmt"
	"io"
	"reflect"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/runtime/graphx/schema"
	"github.com/servicequality/servicequality/rating"
	"github.com/servicequality/servicequality/sq"
	"github.com/servicequality/servicequality/survey"
)

// Beam's schema coder encodes a struct field by the field type's schema, not by a coder registered with
// beam.RegisterCoder: a user's struct with a rating.Accumulator field would lose the accumulator's state. Schema
// providers fix that for fields: they make the schema coder store these library types as their encoded bytes,
// as Beam itself does for time.Time.

// storage is the schema type the library types are stored as (the same as Beam uses for time.Time).
var storage = reflect.TypeOf((*struct{ EncodedBeamData string })(nil)).Elem()

// schemaSafe are the types with unexported state that Beam's schema coder encodes whole through a schema
// provider: those this package registers and time.Time, which Beam registers.
var schemaSafe = map[reflect.Type]bool{
	reflect.TypeOf(time.Time{}):          true,
	reflect.TypeOf(rating.Accumulator{}): true,
	reflect.TypeOf(survey.Tallies{}):     true,
	reflect.TypeOf(survey.Share{}):       true,
	reflect.TypeOf(sq.Fraction{}):        true,
	reflect.TypeOf(sq.Period{}):          true,
}

func init() {
	registerField("servicequality.rating.Accumulator", encodeAccumulator, decodeAccumulator)
	registerField("servicequality.survey.Tallies", encodeTallies, decodeTallies)
	registerField("servicequality.survey.Share", encodeShare, decodeShare)
	registerField("servicequality.sq.Fraction", encodeFraction, decodeFraction)
	registerField("servicequality.sq.Period", encodePeriod, decodePeriod)
}

// registerField registers T as a schema logical type stored as its encoded bytes.
func registerField[T any](name string, enc func(T) ([]byte, error), dec func([]byte) (T, error)) {
	t := reflect.TypeOf((*T)(nil)).Elem()
	schema.RegisterLogicalType(schema.ToLogicalType(name, t, storage))
	coder.RegisterSchemaProviders(t,
		func(reflect.Type) (func(any, io.Writer) error, error) {
			return func(v any, w io.Writer) error {
				if err := coder.WriteSimpleRowHeader(1, w); err != nil {
					return err
				}
				b, err := enc(v.(T))
				if err != nil {
					return err
				}
				return coder.EncodeBytes(b, w)
			}, nil
		},
		func(reflect.Type) (func(io.Reader) (any, error), error) {
			return func(r io.Reader) (any, error) {
				if err := coder.ReadSimpleRowHeader(1, r); err != nil {
					return nil, fmt.Errorf("sqbeam: decoding a %v field: %w", t, err)
				}
				b, err := coder.DecodeBytes(r)
				if err != nil {
					return nil, fmt.Errorf("sqbeam: decoding a %v field: %w", t, err)
				}
				return dec(b)
			}, nil
		})
}
