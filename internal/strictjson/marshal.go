package strictjson

import (
	"bytes"
	"encoding/json"
)

// Marshal is json.Marshal refusing what Decode would not read back the same: encoding/json writes a string
// holding invalid UTF-8 with each bad byte replaced by U+FFFD (written as the escape \ufffd, which a valid
// U+FFFD never is), a silent change; Marshal reports it as an error wrapping ErrSyntax and ErrUTF8 instead. Other
// errors are json.Marshal's.
func Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if coerced(b) {
		return nil, fail(ErrUTF8, "a string holds invalid UTF-8, which JSON cannot hold")
	}
	return b, nil
}

// coerced reports whether encoding/json's output holds the escape \ufffd, its mark of an invalid byte: a
// backslash-u that is not itself preceded by an escaping backslash.
func coerced(b []byte) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(`\ufffd`))
		if j < 0 {
			return false
		}
		j += i
		n := 0
		for k := j - 1; k >= 0 && b[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return true
		}
		i = j + 1
	}
}
