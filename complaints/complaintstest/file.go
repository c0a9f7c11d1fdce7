package complaintstest

import (
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/servicequality/servicequality/complaints"
)

// CheckPolicyFile reads the policy JSON file at path (as complaints.ParsePolicy reads it, at most
// 1 MiB, the limit of ParsePolicy) and checks it with CheckPolicy: one line per policy file kept in a
// repository. A file that cannot be read or parsed fails t with the file's name and the parser's message.
func CheckPolicyFile(t testing.TB, path string, opts ...Option) {
	t.Helper()
	p, err := readPolicy(path)
	if err != nil {
		t.Errorf("complaintstest: %v", err)
		return
	}
	CheckPolicy(t, p, opts...)
}

// maxPolicyFile is the limit of complaints.ParsePolicy: a larger file is refused before it is read whole.
const maxPolicyFile = 1 << 20

func readPolicy(path string) (complaints.Policy, error) {
	f, err := os.Open(path)
	if err != nil {
		return complaints.Policy{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPolicyFile+1))
	if err != nil {
		return complaints.Policy{}, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxPolicyFile {
		return complaints.Policy{}, fmt.Errorf("%s: larger than %d bytes", path, maxPolicyFile)
	}
	p, err := complaints.ParsePolicy(data)
	if err != nil {
		return complaints.Policy{}, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}
