package grader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parlab/grader/diagnose"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

func TestExplains(t *testing.T) {
	for _, tc := range []struct {
		status            verdict.Status
		speedup, required float64
		self              float64
		want              bool
	}{
		{verdict.Fail, 1.02, 1.3, 1.0, true},
		{verdict.Pass, 1.4, 1.3, 1.9, true},  // narrow
		{verdict.Pass, 1.9, 1.3, 1.9, false}, // clear
		{verdict.Pass, 1.9, 1.3, 1.6, true},  // narrow on its own cores (self bar 1.5)
		{verdict.Skip, 1.0, 1.3, 1.0, false}, // traced only to settle it (settleSkip)
		{verdict.Error, 0, 1.3, 0, false},
	} {
		r := &run{speedup: &verdict.Speedup{Workers: 2, Speedup: tc.speedup, Required: tc.required, SelfSpeedup: tc.self, SelfRequired: 1.5}}
		if got := r.explains(&verdict.Check{Status: tc.status}); got != tc.want {
			t.Errorf("%s at %.2fx of %.2fx: explains %v, want %v", tc.status, tc.speedup, tc.required, got, tc.want)
		}
	}
}

// TestReadTrace: the trace file comes from the learner's process, which
// may have put something else in its place.
func TestReadTrace(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("diagnose", "testdata", "histogram-serial.trace"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]func(path string) error{
		"good":    func(p string) error { return os.WriteFile(p, good, 0o600) },
		"symlink": func(p string) error { return os.Symlink(filepath.Join(dir, "good"), p) },
		"folder":  func(p string) error { return os.Mkdir(p, 0o700) },
		"huge":    func(p string) error { return os.Truncate(p, maxTraceSize+1) },
		"garbage": func(p string) error { return os.WriteFile(p, []byte("not a trace"), 0o600) },
	}
	for _, name := range []string{"good", "symlink", "folder", "huge", "garbage", "missing"} {
		path := filepath.Join(dir, name)
		if mk := files[name]; mk != nil {
			if name == "huge" {
				os.WriteFile(path, nil, 0o600)
			}
			if err := mk(path); err != nil {
				t.Fatal(err)
			}
		}
		p, err := readTrace(path, "parlab/exercises/histogram")
		if name == "good" {
			if err != nil || p == nil || p.Call == "" {
				t.Errorf("good: %v", err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: read without an error", name)
		} else if strings.Contains(err.Error(), "panic") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestOfferedNoParallelism: a skipped faster check becomes a fail only for
// a traced call that never had two goroutines ready at once, on the
// recorded traces of grader/diagnose/testdata (recorded on a busy
// machine, where the timings would have skipped).
func TestOfferedNoParallelism(t *testing.T) {
	for _, tc := range []struct {
		trace, pkg string
		want       bool
	}{
		{"histogram-one-goroutine", "histogram", true},
		{"histogram-serial", "histogram", true},
		{"mergesort-serial", "mergesort", true},
		{"histogram-good", "histogram", false},
		{"mergesort-good", "mergesort", false},
		{"histogram-static-split", "histogram", false},
		{"mergesort-serial-merge", "mergesort", false},
		{"histogram-lock-per-pixel", "histogram", false},
		{"mergesort-goroutine-per-split", "mergesort", false},
	} {
		t.Run(tc.trace, func(t *testing.T) {
			p, err := readTrace(filepath.Join("diagnose", "testdata", tc.trace+".trace"), "parlab/exercises/"+tc.pkg)
			if err != nil {
				t.Fatal(err)
			}
			f := diagnose.Measure(p, diagnose.Measured{Workers: 2})
			why, got := offeredNoParallelism(f)
			t.Logf("two ready %.3f, spawned %.3f of %v", f.TwoReady, f.Spawned, f.Wall)
			if got != tc.want {
				t.Fatalf("offered no parallelism = %v, want %v (two ready %.3f, spawned %.3f of %v)", got, tc.want, f.TwoReady, f.Spawned, f.Wall)
			}
			if got && !strings.Contains(why, "never had two goroutines working at once") {
				t.Errorf("message %q does not say what was found", why)
			}
			f.Workers = 1 // one core: nothing to offer parallelism to
			if _, got := offeredNoParallelism(f); got {
				t.Error("judged on one core")
			}
		})
	}
}

// TestOfferedNoParallelismShortCalls: under minTracedForTwo the share of
// two ready goroutines decides nothing (goroutines start late in a call
// of a few milliseconds), but the share of the work the started
// goroutines did still does: a serial work-skipping pi's traced call,
// 9-19 ms under a CPU hog, kept its skip when the trace was under 10 ms.
// So does running beyond the counted work, on a whole trace.
func TestOfferedNoParallelismShortCalls(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    diagnose.Figures
		want bool
	}{
		{"serial, 9 ms", diagnose.Figures{Workers: 2, Wall: 9 * time.Millisecond, Busy: 0.5, TwoReady: 0.01, Spawned: 0, Goroutines: 1}, true},
		{"parallel, late start, 3 ms", diagnose.Figures{Workers: 2, Wall: 3 * time.Millisecond, Busy: 0.6, TwoReady: 0.02, Spawned: 0.9, Goroutines: 2}, false},
		{"nothing traced", diagnose.Figures{Workers: 2, Wall: 3 * time.Millisecond}, false},
		// Where the work is counted (the points drawn), running beside
		// it without a share of it is no parallel work.
		{"a spinner beside the work", diagnose.Figures{Workers: 2, Wall: 20 * time.Millisecond, Complete: true, Busy: 0.9, TwoReady: 1, Spawned: 1, Goroutines: 2, Counted: true, Unworked: 0.5, UnworkedCPU: 0.48, UnworkedP: 0.0005}, true},
		{"a spinner, the trace cut short", diagnose.Figures{Workers: 2, Wall: 20 * time.Millisecond, Busy: 0.9, TwoReady: 1, Spawned: 1, Goroutines: 2, Counted: true, Unworked: 0.5, UnworkedCPU: 0.48, UnworkedP: 0.0005}, false},
		{"shares run unevenly", diagnose.Figures{Workers: 2, Wall: 20 * time.Millisecond, Complete: true, Busy: 0.9, TwoReady: 1, Spawned: 1, Goroutines: 2, Counted: true, Unworked: 0.12, UnworkedCPU: 0.05, UnworkedP: 0.6}, false},
		// A busy machine's OS stalled one thread: the trace shows its
		// goroutine running, the CPU samples do not.
		{"a stalled thread", diagnose.Figures{Workers: 2, Wall: 20 * time.Millisecond, Complete: true, Busy: 0.9, TwoReady: 1, Spawned: 1, Goroutines: 2, Counted: true, Unworked: 0.35, UnworkedCPU: 0.06, UnworkedP: 0.5}, false},
		{"no samples", diagnose.Figures{Workers: 2, Wall: 20 * time.Millisecond, Complete: true, Busy: 0.9, TwoReady: 1, Spawned: 1, Goroutines: 2, Counted: true, Unworked: 0.5, UnworkedCPU: -1, UnworkedP: 1}, false},
		{"too few samples to say", diagnose.Figures{Workers: 2, Wall: 20 * time.Millisecond, Complete: true, Busy: 0.9, TwoReady: 1, Spawned: 1, Goroutines: 2, Counted: true, Unworked: 0.5, UnworkedCPU: 0.5, UnworkedP: 0.02}, false},
	} {
		if _, got := offeredNoParallelism(tc.f); got != tc.want {
			t.Errorf("%s: offered no parallelism = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSettleByTrace: the rule reaches the check: a pass or a skip of code
// that offered no parallelism is a fail with the fail's hint, and counts
// as judged (the skip policy no longer applies to it); code that offered
// parallelism keeps its verdict.
func TestSettleByTrace(t *testing.T) {
	for _, tc := range []struct {
		trace  string
		status verdict.Status
		want   verdict.Status
	}{
		{"histogram-one-goroutine", verdict.Skip, verdict.Fail},
		{"histogram-one-goroutine", verdict.Pass, verdict.Fail},
		{"histogram-good", verdict.Skip, verdict.Skip},
		{"histogram-good", verdict.Pass, verdict.Pass},
	} {
		chk := verdict.Check{Status: tc.status, Unjudged: tc.status == verdict.Skip, Message: "what the timings said"}
		p, err := readTrace(filepath.Join("diagnose", "testdata", tc.trace+".trace"), "parlab/exercises/histogram")
		if err != nil {
			t.Fatal(err)
		}
		changed := settleByTrace(&chk, diagnose.Measure(p, diagnose.Measured{Workers: 2}))
		if chk.Status != tc.want || changed != (tc.want != tc.status) {
			t.Errorf("%s, %s: became %s (changed %v), want %s", tc.trace, tc.status, chk.Status, changed, tc.want)
		}
		if changed && (chk.Unjudged || chk.Hint == "" || !strings.Contains(chk.Message, "what the timings said")) {
			t.Errorf("%s, %s: check after settling: %+v", tc.trace, tc.status, chk)
		}
	}
}

// TestAPassNeedsItsTrace: a pass, clear or narrow, or a skip, with no
// traced call to check is a skip that scores nothing whatever the skip
// policy (a serial sort that sandbagged on one core and took the
// runtime's tracer passed on its timings alone); a fail stays a fail. A
// replayed tape that left the trace out for its size keeps the verdict
// the timings gave: the recorded grade had the trace.
func TestAPassNeedsItsTrace(t *testing.T) {
	for _, tc := range []struct {
		status   verdict.Status
		self     float64
		leftOut  bool
		want     verdict.Status
		wantMax  int
		wantPass bool
	}{
		{verdict.Pass, 1.9, false, verdict.Skip, 2, false},
		{verdict.Pass, 1.55, false, verdict.Skip, 2, false},
		{verdict.Skip, 1.0, false, verdict.Skip, 2, false},
		{verdict.Fail, 1.0, false, verdict.Fail, 2, false},
		{verdict.Pass, 1.9, true, verdict.Pass, 2, true},
		{verdict.Skip, 1.0, true, verdict.Skip, 0, false},
	} {
		ws := &workspace{dir: t.TempDir()} // no trace in it
		r := &run{ws: ws, spec: mustSpec(t, "mergesort"),
			speedup: &verdict.Speedup{Workers: 2, Speedup: tc.self, Required: 1.1, SelfSpeedup: tc.self, SelfRequired: 1.5}}
		r.opts = withDefaults(Options{})
		if tc.leftOut {
			r.opts.tape = &tape{replay: true, leftOut: map[string]bool{r.traceRequest().Path: true}}
		}
		chk := verdict.Check{Name: verdict.Faster, Status: tc.status, Unjudged: tc.status == verdict.Skip, Message: "what the timings said", MaxScore: 2}
		r.diagnose(&chk)
		if chk.Status != tc.want {
			t.Errorf("%s at %.2fx without a trace (left out by a tape: %v): became %s (%s)", tc.status, tc.self, tc.leftOut, chk.Status, chk.Message)
		}
		if !tc.leftOut && tc.status != verdict.Fail && (chk.Unjudged || !strings.Contains(chk.Message, "the timings alone do not make a pass") || !strings.Contains(chk.Message, "what the timings said")) {
			t.Errorf("a %s without a trace: %+v", tc.status, chk)
		}
		res := &verdict.Result{Checks: []verdict.Check{chk}}
		res.ApplySkipPolicy(verdict.DefaultSkipPolicy)
		if want := map[bool]int{true: 2}[tc.wantPass]; res.Score != want || res.MaxScore != tc.wantMax {
			t.Errorf("a %s without a trace (left out by a tape: %v) scores %d/%d, want %d/%d", tc.status, tc.leftOut, res.Score, res.MaxScore, want, tc.wantMax)
		}
	}
}

func mustSpec(t *testing.T, name string) exercise.Spec {
	t.Helper()
	spec, err := exercise.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}
