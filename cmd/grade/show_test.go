package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/golden"
)

// TestShowGolden renders each exercise's assignment with a fixed machine
// speedup, so the page is the same on every machine.
func TestShowGolden(t *testing.T) {
	for _, spec := range exercise.All() {
		t.Run(spec.Name, func(t *testing.T) {
			text, err := assignment(filepath.Join("..", "..", spec.StubDir()), spec.Package())
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := showText(&buf, spec, text, &speedTarget{cores: 2, calibration: 1.98}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "show-"+spec.Name+".golden", buf.Bytes())
		})
	}
}

func TestShowCommand(t *testing.T) {
	out, _, err := runGrade(t, "show", "mergesort", "--no-measure")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Package mergesort is exercise 2", "Points (11 in all)", "Speed target", "Why 0.40"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Here, just now") {
		t.Error("--no-measure still measured the machine")
	}
	if _, _, err := runGrade(t, "show"); err == nil {
		t.Error("show without a name did not fail")
	}
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four five six", 12, "  ")
	want := "  one two\n  three four\n  five six\n"
	if got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}
