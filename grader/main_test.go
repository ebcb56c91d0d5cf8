package grader

import (
	"os"
	"path/filepath"
	"testing"

	"parlab/internal/racetest"
	"parlab/internal/testbuild"
)

// TestMain warms the build cache with the other grading test packages
// (one at a time), and removes the grade command the hostile tests built
// once.
func TestMain(m *testing.M) {
	racetest.Reexec()
	code := testbuild.Run(m, "..")
	if gradeBuilt != "" {
		os.RemoveAll(filepath.Dir(gradeBuilt))
	}
	os.Exit(code)
}
