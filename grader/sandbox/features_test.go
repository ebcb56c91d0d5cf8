package sandbox_test

import (
	"runtime"
	"strings"
	"testing"

	"parlab/grader/sandbox"
)

// TestFeaturesSayWhatIsMissing: every restriction is listed with a detail
// line (how it is provided, or why not and what to do), and Missing, which
// goes to a grade's notes, names each one that is not available.
func TestFeaturesSayWhatIsMissing(t *testing.T) {
	features := sandbox.Features()
	if len(features) == 0 {
		t.Fatal("no features listed")
	}
	missing := strings.Join(sandbox.Missing(), "\n")
	for _, f := range features {
		if f.Name == "" || f.Detail == "" {
			t.Errorf("feature %+v lacks a name or a detail", f)
		}
		if !f.Available && runtime.GOOS == "linux" && !strings.Contains(missing, f.Name) {
			t.Errorf("%s is unavailable but Missing does not say so: %q", f.Name, missing)
		}
		if f.Available && strings.Contains(missing, "no "+f.Name+" ") {
			t.Errorf("%s is available but Missing lists it", f.Name)
		}
		t.Log(f)
	}
	if runtime.GOOS != "linux" && missing == "" {
		t.Error("outside Linux the notes must say that the test binaries run unconfined")
	}
}
