package starter

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/internal/testbuild"
)

// TestWriteLeavesOutTheModelAnswers: the learner's repository has the
// stubs as shipped, the grader, a learner README and the pinned grading
// workflow, and no model answer: no solutions/, no scenario, no
// --solution in the README (issue 29), and none of the documents for
// instructors and contributors, which name them. Outside -short it builds.
func TestWriteLeavesOutTheModelAnswers(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skip("not a git checkout")
	}
	// The same folder every run, so that its go build finds the grader
	// compiled by the last run instead of compiling it all again.
	out := testbuild.EmptyFolder(t, "starter-test", root)
	sum, err := Write(root, out, exercise.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"solutions", "grader/testdata", ".github/workflows/ci.yml", "docs/instructors.md", "docs/authoring.md", "CONTRIBUTING.md"} {
		if _, err := os.Stat(filepath.Join(out, gone)); !os.IsNotExist(err) {
			t.Errorf("%s is in the learner's repository", gone)
		}
	}
	for _, spec := range exercise.All() {
		pristine, _ := spec.Pristine()
		for name, want := range pristine {
			got, err := os.ReadFile(filepath.Join(out, spec.StubDir(), name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s/%s is not the stub as shipped: %v", spec.StubDir(), name, err)
			}
		}
	}
	for _, kept := range []string{"cmd/grade/main.go", "go.mod", "reference", ".github/workflows/grade.yml"} {
		if _, err := os.Stat(filepath.Join(out, kept)); err != nil {
			t.Errorf("%s is missing: %v", kept, err)
		}
	}
	readme, _ := os.ReadFile(filepath.Join(out, "README.md"))
	if !strings.Contains(string(readme), "go run ./cmd/grade exercise histogram") || strings.Contains(string(readme), "--solution") ||
		strings.Contains(string(readme), "verify") || !sum.Workflow {
		t.Errorf("the learner README (workflow %v):\n%s", sum.Workflow, readme)
	}
	if _, err := Write(root, out, exercise.All()); err == nil {
		t.Error("wrote into a folder that is not empty")
	}
	if testing.Short() {
		return
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = out
	if b, err := build.CombinedOutput(); err != nil {
		t.Errorf("the learner's repository does not build: %v\n%s", err, b)
	}
}
