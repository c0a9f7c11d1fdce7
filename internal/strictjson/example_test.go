package strictjson_test

import (
	"errors"
	"fmt"

	"github.com/servicequality/servicequality/internal/strictjson"
)

// A package adopts the strict reader by decoding its wire struct with Decode and mapping the sentinels to its own.
func ExampleDecode() {
	type answer struct {
		Criterion string `json:"criterion"`
		Points    string `json:"points"`
	}
	type evaluation struct {
		Answers    []answer `json:"answers"`
		Violations []string `json:"violations"`
	}
	for _, doc := range []string{
		`{"answers": [{"criterion": "greeting", "points": "0.5"}], "violations": ["profanity"]}`,
		`{"violations": ["profanity"], "VIOLATIONS": []}`,
		`{"answers": [{"criterion": "greeting", "Points": "0"}]}`,
		`{"violations": ["profanity"], "violations": []}`,
	} {
		var e evaluation
		err := strictjson.Decode([]byte(doc), 1<<20, &e)
		var se *strictjson.Error
		if errors.As(err, &se) {
			fmt.Printf("%s (at %q, unknown field: %v)\n", err, se.Path, errors.Is(err, strictjson.ErrUnknownField))
			continue
		}
		fmt.Println(e.Answers, e.Violations)
	}
	// Output:
	// [{greeting 0.5}] [profanity]
	// unknown field "VIOLATIONS"; field names are exact, did you mean "violations"? (at "VIOLATIONS", unknown field: true)
	// unknown field "Points" in answers[1]; field names are exact, did you mean "points"? (at "answers[1].Points", unknown field: true)
	// key "violations" appears twice in one object in the document (at "violations", unknown field: false)
}

// Check reads a document against an explicit schema, for a reader written by hand.
func ExampleCheck() {
	schema := &strictjson.Schema{Fields: map[string]*strictjson.Schema{
		"counts": nil, // any value
		"labels": {AnyKeys: true},
	}}
	for _, doc := range []string{`{"counts": [1, 2], "labels": {"a": "x"}}`, `{"Counts": [1, 2]}`, `{"counts": null}`} {
		fmt.Println(strictjson.Check([]byte(doc), 1<<10, schema))
	}
	// Output:
	// <nil>
	// unknown field "Counts"; field names are exact, did you mean "counts"?
	// field "counts" is null; leave it out instead
}
