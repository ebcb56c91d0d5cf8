package exercise

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/api"
)

var updatePristine = flag.Bool("update-pristine", false, "copy exercises/*/*.go into pristine/ (after changing a stub)")

// TestPristineStubs checks the embedded stubs: each has the exported API of
// its model answer and an assignment. In a learner's checkout exercises/
// differs from them, which is the point, so they are not compared with it.
func TestPristineStubs(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			if *updatePristine {
				copyStub(t, filepath.Join(root, s.StubDir()), filepath.Join("pristine", s.Name))
			}
			dir := t.TempDir()
			if err := s.WritePristine(dir); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, "doc.go")); err != nil {
				t.Error("the pristine stub has no doc.go")
			}
			got, err := api.Exported(dir)
			if err != nil {
				t.Fatalf("the pristine stub does not type-check: %v", err)
			}
			want, err := api.Exported(filepath.Join(root, s.SolutionDir()))
			if err != nil {
				t.Fatal(err)
			}
			if missing, extra := api.Diff(got, want); len(missing)+len(extra) > 0 {
				t.Errorf("the pristine stub's API differs from the solution's: lacks %q, adds %q", missing, extra)
			}
		})
	}
}

func copyStub(t *testing.T, from, to string) {
	t.Helper()
	if err := os.RemoveAll(to); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()+PristineSuffix), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
