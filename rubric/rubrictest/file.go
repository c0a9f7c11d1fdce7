package rubrictest

import (
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/servicequality/servicequality/rubric"
)

// CheckFile reads the rubric JSON file at path (as rubric.Parse reads it, at most rubric.MaxDefinitionJSON bytes)
// and checks it with Check: one line per rubric file kept in a repository. A file that cannot be read or parsed
// fails t with the file's name and the parser's message.
func CheckFile(t testing.TB, path string, opts ...Option) {
	t.Helper()
	r, err := readRubric(path)
	if err != nil {
		t.Errorf("rubrictest: %v", err)
		return
	}
	Check(t, r, opts...)
}

func readRubric(path string) (*rubric.Rubric, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, rubric.MaxDefinitionJSON+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > rubric.MaxDefinitionJSON {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, rubric.MaxDefinitionJSON)
	}
	r, err := rubric.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}
