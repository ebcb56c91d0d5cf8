package exercise

import (
	"os"
	"path/filepath"
	"testing"

	"parlab/grader/api"
)

// TestPristineStubs checks the embedded stubs: each has the exported API of
// its model answer and an assignment. (stubgen's TestStubsAreCurrent checks
// that they are what `go generate` makes.)
func TestPristineStubs(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
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
