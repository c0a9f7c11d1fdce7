// Package zerotest checks in tests that a type's zero value, and a nil pointer to it, answer every method without
// a panic: each package of the module lists its exported types and calls CallAll on each.
package zerotest

import (
	"fmt"
	"reflect"
	"testing"
)

// CallAll calls every method of *T on a pointer to the zero T, and every method declared on *T (not on T) on a
// nil *T, each with zero arguments, and reports the calls that panic. zero is a value of T.
func CallAll(t testing.TB, zero any) {
	t.Helper()
	typ := reflect.TypeOf(zero)
	ptr := reflect.PointerTo(typ)
	call := func(recv reflect.Value, m reflect.Method, what string) {
		t.Helper()
		args := []reflect.Value{recv}
		for i := 1; i < m.Type.NumIn(); i++ {
			args = append(args, reflect.Zero(m.Type.In(i)))
		}
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("%s.%s panics: %v", what, m.Name, p)
			}
		}()
		if m.Type.IsVariadic() {
			m.Func.CallSlice(args)
		} else {
			m.Func.Call(args)
		}
	}
	for i := range ptr.NumMethod() {
		m := ptr.Method(i)
		call(reflect.New(typ), m, fmt.Sprintf("(&%s{})", typ))
		if _, onValue := typ.MethodByName(m.Name); !onValue {
			call(reflect.Zero(ptr), m, fmt.Sprintf("(*%s)(nil)", typ))
		}
	}
}
