package main

import (
	"os/exec"
	"strings"
	"testing"
)

// testBinaryOnly are the packages only a hidden suite's test binary may
// link: the test framework and the libraries the suites are written with,
// and parlab's test-binary side. The grader shares nothing with the test
// binary but package contract.
var testBinaryOnly = []string{
	"testing", "go.uber.org/goleak", "github.com/google/go-cmp",
	"parlab/grader/suitekit", "parlab/grader/measure", "parlab/grader/study", "parlab/grader/tracecall",
}

// TestTheCommandLinksNoTestCode: grade links none of testBinaryOnly, as
// `go list -deps ./cmd/grade` shows.
func TestTheCommandLinksNoTestCode(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range testBinaryOnly {
			if pkg == banned || strings.HasPrefix(pkg, banned+"/") {
				t.Errorf("grade links %s, which belongs to the test binary: a grader package imports it (find which with `go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./cmd/grade`)", pkg)
			}
		}
	}
}
