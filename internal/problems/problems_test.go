package problems

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestList(t *testing.T) {
	var l List
	if l.Err("x") != nil {
		t.Fatal("an empty list reports an error")
	}
	one := errors.New("one")
	l.Add(one)
	if l.Err("x") != one {
		t.Fatal("a single problem is not returned as it is")
	}
	sentinel := errors.New("sentinel")
	for i := 0; i < Max+5; i++ {
		l.Add(fmt.Errorf("problem %d: %w", i, sentinel))
	}
	err := l.Err("pkg")
	if !errors.Is(err, one) || !errors.Is(err, sentinel) {
		t.Errorf("joined error hides its parts: %v", err)
	}
	if !strings.HasSuffix(err.Error(), "pkg: and 6 more problems") || strings.Count(err.Error(), "\n") != Max {
		t.Errorf("joined error = %q", err)
	}
}

func TestQuote(t *testing.T) {
	if got := Quote(`a"b`); got != `"a\"b"` {
		t.Errorf("Quote = %s", got)
	}
	if got := Quote(strings.Repeat("x", 100)); got != `"`+strings.Repeat("x", 64)+`"...` {
		t.Errorf("Quote(long) = %s", got)
	}
}
