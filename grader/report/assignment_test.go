package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"parlab/grader/contract/speedup"
	"parlab/grader/exercise"
	"parlab/internal/golden"
)

// TestAssignmentGolden renders each exercise's assignment with a fixed machine
// speedup, so the page is the same on every machine.
func TestAssignmentGolden(t *testing.T) {
	t.Parallel()
	for _, spec := range exercise.All() {
		t.Run(spec.Name, func(t *testing.T) {
			t.Parallel()
			text, err := ReadAssignment(filepath.Join("..", "..", spec.StubDir()), spec.Package())
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Assignment(&buf, spec, text, &SpeedTarget{Cores: 2, Calibration: 1.98, Bar: speedup.Bar(spec.Alpha, 1.98)}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "assignment-"+spec.Name+".golden", buf.Bytes())
		})
	}
}

func TestWrapIndented(t *testing.T) {
	t.Parallel()
	got := wrapIndented("one two three four five six", 12, "  ")
	want := "  one two\n  three four\n  five six\n"
	if got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}
