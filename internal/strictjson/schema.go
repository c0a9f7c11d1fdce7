package strictjson

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// Schema says which keys the objects of a document may have. An object read against a Schema with Fields may have
// only those keys, spelled exactly, each value read against its own schema; an object read against a Schema with
// AnyKeys (a Go map) may have any keys, each value read against Elem; array elements are read against Elem. A nil
// *Schema allows any keys at any depth below it. Whatever the schema, Check refuses repeated keys, null, invalid
// UTF-8 and excess depth everywhere, except null for the keys listed in Null.
//
// The zero Schema, like a nil one, allows any keys. A Schema is plain data; SchemaOf builds one from a Go type. Once in use it must not change; it is then safe to
// share between goroutines.
type Schema struct {
	Fields  map[string]*Schema // the exact keys of an object, each with the schema of its value
	AnyKeys bool               // an object with any keys (a Go map), values read against Elem
	Elem    *Schema            // the elements of an array, or the values of an AnyKeys object
	Null    map[string]bool    // the keys of Fields whose value may be null, as their documentation says
}

// fixed reports whether an object read against s is limited to the keys of Fields.
func (s *Schema) fixed() bool { return s != nil && !s.AnyKeys && s.Fields != nil }

var schemas sync.Map // reflect.Type → *Schema

// SchemaOf returns the schema encoding/json decodes v with, by exact name: for a struct the JSON names of its
// exported fields (the tag's name, else the field's name; fields of embedded structs included; "-" left out), for
// a map any keys, for a slice or array its elements. A field tagged `strictjson:"null"` may be null (document
// what null means for it); no other may. Types that implement json.Unmarshaler or
// encoding.TextUnmarshaler, interfaces and json.RawMessage get nil: their contents are their own business. v is
// usually a pointer to the value Decode fills.
func SchemaOf(v any) *Schema {
	if v == nil {
		return nil
	}
	return schemaOfType(reflect.TypeOf(v), map[reflect.Type]*Schema{})
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func schemaOfType(t reflect.Type, building map[reflect.Type]*Schema) *Schema {
	for t.Kind() == reflect.Pointer {
		if t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler) {
			return nil
		}
		t = t.Elem()
	}
	if s, ok := schemas.Load(t); ok {
		return s.(*Schema)
	}
	if s, ok := building[t]; ok {
		return s // a recursive type: the schema being built
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonUnmarshaler) || pt.Implements(textUnmarshaler) {
		return nil
	}
	var s *Schema
	switch t.Kind() {
	case reflect.Struct:
		s = &Schema{Fields: map[string]*Schema{}}
		building[t] = s
		addFields(s, t, building)
	case reflect.Map:
		s = &Schema{AnyKeys: true}
		building[t] = s
		s.Elem = schemaOfType(t.Elem(), building)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // []byte is a base64 string
		}
		s = &Schema{}
		building[t] = s
		s.Elem = schemaOfType(t.Elem(), building)
	default:
		return nil
	}
	schemas.Store(t, s)
	return s
}

// addFields adds the JSON fields of struct type t to s, following the naming rules of encoding/json.
func addFields(s *Schema, t reflect.Type, building map[reflect.Type]*Schema) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(s, ft, building)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, taken := s.Fields[name]; !taken {
			s.Fields[name] = schemaOfType(f.Type, building)
			if f.Tag.Get("strictjson") == "null" {
				if s.Null == nil {
					s.Null = map[string]bool{}
				}
				s.Null[name] = true
			}
		}
	}
}
