package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/suite"
)

// The tree keeps the boundary between the two programs parlab builds: the
// grade command, and a hidden suite's test binary, which links learner code.
// Folders say which side a package is on:
//
//   - grader/suite/... is linked only into test binaries: the suites, one
//     folder per exercise, and grader/suite/lib/..., the packages they are
//     written with (kit, measure, tracecall, study, workshare);
//   - grader/contract/... (the wire format and the speedup rule both apply)
//     and internal/... (small helpers) are shared by both sides;
//   - everything else under grader/ is the grader's engine and tools.
const (
	testBinaryPrefix = "parlab/grader/suite/"
	exercisesPrefix  = "parlab/exercises/"
)

// testBinaryMayLink are the prefixes of the parlab packages a suite's test
// binary may link.
var testBinaryMayLink = []string{testBinaryPrefix, "parlab/grader/contract", "parlab/internal/", "parlab/reference", exercisesPrefix}

// testBinaryOnlyLibraries are the libraries only a test binary may link:
// the test framework and what the suites are written with.
var testBinaryOnlyLibraries = []string{"testing", "go.uber.org/goleak", "github.com/google/go-cmp"}

// deps lists the packages `go list -deps` finds for args, run in the module
// root.
func deps(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-deps"}, args...)...)
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", strings.Join(args, " "), err)
	}
	return strings.Fields(string(out))
}

// under reports whether pkg is prefix itself or below it (a prefix ending
// in "/" matches only below it).
func under(pkg, prefix string) bool {
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(pkg, prefix)
	}
	return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
}

// TestTheCommandLinksNoTestCode: grade links nothing under grader/suite/
// and none of the test-only libraries, as `go list -deps ./cmd/grade` shows.
func TestTheCommandLinksNoTestCode(t *testing.T) {
	for _, pkg := range deps(t, "./cmd/grade") {
		banned := under(pkg, testBinaryPrefix)
		for _, lib := range testBinaryOnlyLibraries {
			banned = banned || under(pkg, lib)
		}
		if banned {
			t.Errorf("grade links %s, which belongs to the test binary: a grader package imports it (find which with `go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./cmd/grade`); move what both sides need to grader/contract/ or internal/", pkg)
		}
	}
}

// TestTestBinariesLinkOnlyTheirSide: every suite's test binary links, of
// parlab, only grader/suite/..., grader/contract/..., internal/...,
// reference/... and the exercise, so that nothing of the grader's engine is
// in the process that runs learner code.
func TestTestBinariesLinkOnlyTheirSide(t *testing.T) {
	for _, spec := range exercise.All() {
		for _, pkg := range deps(t, "-test", "-tags", suite.BuildTag, "./grader/suite/"+spec.Name) {
			if !under(pkg, "parlab") || strings.HasSuffix(pkg, ".test") || strings.HasSuffix(pkg, ".test]") {
				continue
			}
			pkg, _, _ = strings.Cut(pkg, " ") // "P [P.test]" is P built for the test
			ok := false
			for _, prefix := range testBinaryMayLink {
				ok = ok || under(pkg, prefix)
			}
			if !ok {
				t.Errorf("the %s suite's test binary links %s: only %s may be linked into a test binary", spec.Name, pkg, strings.Join(testBinaryMayLink, ", "))
			}
		}
	}
}
