// Package starter writes what an instructor publishes to learners (`grade
// starter`): the parlab checkout without its model answers, with every
// exercise's stub as shipped and a README written for learners.
//
// Left out: solutions/ (the model answers), grader/testdata/ (the
// scenarios hold working answers too), the instructor's CI workflow (it
// runs tests that need both) and reset's _backups/. Kept: the grader, so
// that a learner grades their own work with `go run ./cmd/grade`, the
// reference kernels, the worked examples, and the pinned grading workflow
// (.github/workflows/grade.yml), which grades a learner's push with the
// instructor's grader, never the learner's copy.
package starter

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"parlab/grader/exercise"
	"parlab/internal/checkout"
)

// left are the paths (slash-separated, relative to the checkout) that a
// learner's repository does not get, with why.
var left = []struct{ prefix, why string }{
	{"solutions/", "the model answers"},
	{"grader/testdata/", "grading scenarios, working answers among them"},
	{".github/workflows/ci.yml", "the instructor's CI, which needs the model answers"},
	{".ci/", "the instructor's CI"},
	{"_backups/", "grade reset's backups"},
	{"README.md", "replaced by the learner's README"},
	{"docs/instructors.md", "the instructors' guide: model answers, class grading"},
	{"docs/authoring.md", "adding an exercise, which starts from a model answer"},
	{"CONTRIBUTING.md", "working on parlab, which needs the scenarios"},
}

// Summary is what Write wrote.
type Summary struct {
	// Files is how many files it wrote.
	Files int
	// Left names what it left out, with why.
	Left []string
	// Workflow is set when the pinned grading workflow is among the files.
	Workflow bool
}

// Write writes the learner's repository for specs into out, a folder
// that must not exist yet or be empty, from the git checkout at root
// (the files git tracks, so that nothing built or ignored goes along).
func Write(root, out string, specs []exercise.Spec) (Summary, error) {
	var sum Summary
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return sum, fmt.Errorf("%s is not empty: give a new folder", out)
	}
	files, err := tracked(root)
	if err != nil {
		return sum, err
	}
	stubs := map[string]bool{}
	for _, s := range specs {
		stubs[s.StubDir()+"/"] = true
	}
	seen := map[string]bool{}
	for _, f := range files {
		if why := leftOut(f, stubs); why != "" {
			if !seen[why] {
				seen[why] = true
				sum.Left = append(sum.Left, why)
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted, not yet committed
		}
		if err != nil {
			return sum, err
		}
		if err := writeFile(out, f, data); err != nil {
			return sum, err
		}
		sum.Files++
		sum.Workflow = sum.Workflow || f == ".github/workflows/grade.yml"
	}
	for _, s := range specs {
		dir := filepath.Join(out, filepath.FromSlash(s.StubDir()))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return sum, err
		}
		pristine, err := s.Pristine()
		if err != nil {
			return sum, err
		}
		if err := s.WritePristine(dir); err != nil {
			return sum, err
		}
		sum.Files += len(pristine)
	}
	if err := writeFile(out, "README.md", Readme(specs, sum.Workflow)); err != nil {
		return sum, err
	}
	sum.Files++
	return sum, nil
}

// leftOut says why a tracked file stays out of the learner's
// repository, or "" when it goes in. The exercises' own folders are
// written from their stubs as shipped, not from the instructor's copy.
func leftOut(f string, stubs map[string]bool) string {
	for _, l := range left {
		if f == l.prefix || strings.HasPrefix(f, l.prefix) {
			return l.why
		}
	}
	for dir := range stubs {
		if strings.HasPrefix(f, dir) && strings.HasSuffix(f, ".go") {
			return "the exercises as the instructor's copy has them (the stubs as shipped go instead)"
		}
	}
	return ""
}

// tracked lists the files git tracks under root.
func tracked(root string) ([]string, error) {
	files, err := checkout.GitFiles(root, false)
	if err != nil {
		return nil, fmt.Errorf("grade starter copies the files git tracks in the parlab checkout %s: %w", root, err)
	}
	return files, nil
}

func writeFile(out, name string, data []byte) error {
	p := filepath.Join(out, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	mode := os.FileMode(0o644)
	if path.Base(name) == "run" || strings.HasSuffix(name, ".sh") {
		mode = 0o755
	}
	return os.WriteFile(p, data, mode)
}
