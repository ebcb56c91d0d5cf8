package stubgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"parlab/grader/exercise"
)

// Assignment is the one hand-written file of a stub: its package comment,
// which the learner reads with go doc and `grade show`.
const Assignment = "doc.go"

// PristineDir is where, under the project root, the stubs as shipped are
// kept for embedding.
const PristineDir = "grader/exercise/pristine"

// Files returns the stub of spec as it should be, keyed by file name: each
// of the model answer's files made into a stub, and the assignment.
func Files(root string, spec exercise.Spec) (map[string][]byte, error) {
	paths, err := filepath.Glob(filepath.Join(root, spec.SolutionDir(), "*.go"))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, p := range paths {
		name := filepath.Base(p)
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		if name == Assignment {
			return nil, fmt.Errorf("%s: the assignment lives in %s/%s; give the model answer's package comment in another file", p, spec.StubDir(), Assignment)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if out[name], err = Make(name, src); err != nil {
			return nil, fmt.Errorf("%s: %w", spec.SolutionDir(), err)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no .go file to make the stub from", spec.SolutionDir())
	}
	doc, err := os.ReadFile(filepath.Join(root, spec.StubDir(), Assignment))
	if err != nil {
		return nil, fmt.Errorf("the assignment of %s is missing: write %s/%s (%w)", spec.Name, spec.StubDir(), Assignment, err)
	}
	out[Assignment] = doc
	return out, nil
}

// A target is one copy of the stub: its folder under the root and the
// suffix its files' names carry there.
type target struct{ dir, suffix string }

func targets(spec exercise.Spec) []target {
	return []target{
		{spec.StubDir(), ""},
		{filepath.Join(PristineDir, spec.Name), exercise.PristineSuffix},
	}
}

// Stale lists, one line each, the copies of spec's stub (exercises/NAME
// and its pristine copy) that differ from what Generate would write.
func Stale(root string, spec exercise.Spec) ([]string, error) {
	want, err := Files(root, spec)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range targets(spec) {
		for _, name := range names(want) {
			got, err := os.ReadFile(filepath.Join(root, t.dir, name+t.suffix))
			if err != nil || !bytes.Equal(got, want[name]) {
				out = append(out, filepath.ToSlash(filepath.Join(t.dir, name+t.suffix))+" is not what the model answer makes")
			}
		}
		for _, extra := range extras(filepath.Join(root, t.dir), t.suffix, want) {
			out = append(out, filepath.ToSlash(filepath.Join(t.dir, extra))+" is not made from the model answer")
		}
	}
	return out, nil
}

// extras lists the .go files in dir (named with suffix) that the stub does
// not have.
func extras(dir, suffix string, want map[string][]byte) []string {
	var out []string
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"+suffix))
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), suffix)
		if _, ok := want[name]; !ok && !strings.HasSuffix(name, "_test.go") {
			out = append(out, filepath.Base(p))
		}
	}
	return out
}

func names(files map[string][]byte) []string {
	out := make([]string, 0, len(files))
	for n := range files {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
