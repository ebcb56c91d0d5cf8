package kit

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"parlab/grader/contract"
)

// useReport points the reporter at a fresh file for one test.
func useReport(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(contract.ReportEnv, path)
	openReport()
	if os.Getenv(contract.ReportEnv) != "" {
		t.Errorf("%s is still set after the report file was opened", contract.ReportEnv)
	}
	t.Cleanup(func() {
		reporter.mu.Lock()
		defer reporter.mu.Unlock()
		reporter.f.Close()
		reporter.f = nil
	})
	return path
}

func readBack(t *testing.T, path string) contract.Log {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return contract.ReadLog(f, 1<<20)
}

func TestReportRoundTrip(t *testing.T) {
	path := useReport(t)
	t.Run("Passes", func(t *testing.T) { Begin(t) })
	t.Run("Skips", func(t *testing.T) { Begin(t); t.Skip("not this time") })
	write(contract.Record{Kind: contract.KindMarker, Test: "TestX", Check: contract.CheckCorrect, Message: "Parallel(x, 2) = 3, want 4"})
	Emit("speedup", map[string]int{"rounds": 2})
	write(contract.Complete(1))
	log := readBack(t, path)
	if len(log.Problems) > 0 {
		t.Fatalf("problems: %q", log.Problems)
	}
	// Subtests report under their own names, which the grader files under
	// their parent; here the parent is this test itself.
	if len(log.Results) != 0 {
		t.Errorf("subtest results were filed as top-level tests: %v", log.Results)
	}
	if !log.Complete || log.Code != 1 {
		t.Errorf("complete %v code %d, want true 1", log.Complete, log.Code)
	}
	if len(log.Markers) != 1 || log.Markers[0].Check != contract.CheckCorrect || log.Markers[0].Test != "TestX" {
		t.Errorf("markers: %+v", log.Markers)
	}
	if got := string(log.Samples["speedup"][0]); got != `{"rounds":2}` {
		t.Errorf("sample: %s", got)
	}
}

// fakeT records what a suite helper reports, without failing the real test.
type fakeT struct {
	testing.TB
	errors []string
	failed bool
}

func (f *fakeT) Helper()      {}
func (f *fakeT) Name() string { return "TestFake" }
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
	f.failed = true
}
func (f *fakeT) FailNow() { runtime.Goexit() }

// TestGoexitIsNoReturn: learner code that calls runtime.Goexit ends the
// call without a result; Call must not hand the suite a zero value as if
// the call had returned it.
func TestGoexitIsNoReturn(t *testing.T) {
	path := useReport(t)
	ft := &fakeT{}
	done := make(chan bool)
	go func() {
		defer close(done)
		v, ok := Try(ft, "Parallel(pixels, 2)", func() int { runtime.Goexit(); return 1 })
		done <- ok && v == 0
	}()
	if <-done {
		t.Fatal("a call that ran runtime.Goexit counted as returning 0")
	}
	log := readBack(t, path)
	if len(log.Markers) != 1 || log.Markers[0].Check != contract.CheckCorrect || !strings.Contains(log.Markers[0].Message, "Goexit") {
		t.Errorf("markers %+v, want one correct marker naming Goexit", log.Markers)
	}
}
