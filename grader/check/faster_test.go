package check

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/diagnose"
	"parlab/grader/verdict"
)

// Samples of a timing run at P = 2, as its report file hands them over.
const (
	goodSamples  = `{"workers":[1,2],"reference":[10],"learner":[[10],[6]],"one":[10],"calp":[6]}`
	shortSamples = `{"workers":[1,2],"reference":[10],"learner":[[10]],"one":[10],"calp":[6]}`
	wrongSamples = `{"workers":[1,2],"reference":[10],"learner":[[10],[6]],"one":[10],"calp":[6],"wrong":"Histogram(img, 2) on 4096 pixels: bin 3 = 7, want 8"}`
)

// reportOf is a timing run's report file holding the samples, complete
// or not.
func reportOf(complete bool, samples ...string) contract.Log {
	var b strings.Builder
	for _, s := range samples {
		fmt.Fprintf(&b, `{"kind":"sample","sample":%q,"value":%s}`+"\n", contract.SampleKind, s)
	}
	if complete {
		b.WriteString(`{"kind":"complete"}` + "\n")
	}
	return contract.ReadLog(strings.NewReader(b.String()), 1<<20)
}

// ran is a timing run at P = 2 that handed over the samples.
func ran(samples string) *TimingRun {
	return &TimingRun{P: 2, Report: reportOf(true, samples), Output: "=== RUN TestSpeedup", Timeout: time.Minute}
}

// judgement is a judgement at P = 2 against the bars 0.8x (reference)
// and 1.5x (self), at the given medians.
func judgement(o speedup.Outcome, sp, self float64) *speedup.Judgement {
	return &speedup.Judgement{Outcome: o, Reason: "what the timings said", P: 2, Reps: 7,
		Speedup: speedup.Estimate{Median: sp, Low: sp, High: sp}, SelfSpeedup: speedup.Estimate{Median: self, Low: self, High: self},
		Required: 0.8, SelfRequired: 1.5}
}

// traced is the trace of a call recorded in ../diagnose/testdata (on a
// busy 2-core machine), as Faster reads it.
func traced(t *testing.T, name string) Trace {
	t.Helper()
	pkg, _, _ := strings.Cut(name, "-")
	p := profile(t, name, pkg)
	f := diagnose.Account(p, diagnose.Measured{Workers: 2, Speedup: 1})
	return Trace{Figures: &f}
}

func profile(t *testing.T, name, pkg string) *diagnose.Profile {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "diagnose", "testdata", name+".trace"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := diagnose.Read(f, diagnose.Config{Package: "parlab/exercises/" + pkg})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFaster: each way the faster check can end, from the evidence the
// grade gathered, with its points under the skip policy.
func TestFaster(t *testing.T) {
	parallel, serial := traced(t, "histogram-good"), traced(t, "histogram-one-goroutine")
	noTrace := Trace{Err: errors.New("the timing run wrote no trace")}
	exclude, zero, retry := verdict.SkipPolicy{Mode: verdict.SkipExclude}, verdict.SkipPolicy{Mode: verdict.SkipZero}, verdict.SkipPolicy{Mode: verdict.SkipExclude, Retries: 2}
	for _, tc := range []struct {
		name string
		in   FasterInput
		// want is the check's status, message (a part of it) and hint
		// (a part; "" for none); max and pending its points.
		want           verdict.Status
		message, hint  string
		max, pending   int
		unjudged       bool
		diagnosed      bool
		note           string
		again, details bool
	}{
		{name: "a suite check failed", in: FasterInput{Blocked: verdict.Correct, Built: true},
			want: verdict.Skip, message: "not judged: correct must pass first", max: 2},
		{name: "--no-speedup", in: FasterInput{NoSpeedup: true, Built: true},
			want: verdict.Skip, message: "not measured (--no-speedup)", max: 2},
		{name: "left for later", in: FasterInput{Deferred: true, Policy: retry},
			want: verdict.Skip, message: "not measured yet", pending: 2, unjudged: true},
		{name: "left for later, a suite check failed", in: FasterInput{Deferred: true, Blocked: verdict.Correct},
			want: verdict.Skip, message: "not judged: correct must pass first", max: 2},
		{name: "the timing binary did not build", in: FasterInput{},
			want: verdict.Error, message: "the timing binary did not build", max: 2},
		{name: "not run", in: FasterInput{Built: true},
			want: verdict.Error, message: "was not run", max: 2},
		{name: "could not run", in: FasterInput{Built: true, Timing: &TimingRun{Err: errors.New("no such file")}},
			want: verdict.Error, message: "could not run the timing binary: no such file", max: 2},
		{name: "timed out", in: FasterInput{Built: true, Timing: &TimingRun{P: 2, TimedOut: true, Timeout: time.Minute, Output: "out"}},
			want: verdict.Fail, message: "did not finish in 1m0s", max: 2, details: true},
		{name: "out of memory", in: FasterInput{Built: true, Timing: &TimingRun{P: 2, OutOfMemory: true, Output: "out"}},
			want: verdict.Fail, message: "exceeded the memory limit", max: 2, details: true},
		{name: "no measurement", in: FasterInput{Built: true, Timing: &TimingRun{P: 2, ExitCode: 2, Report: reportOf(false, goodSamples), Output: "out"}},
			want: verdict.Fail, message: "without a measurement (exit status 2)", max: 2, details: true},
		{name: "two measurements", in: FasterInput{Built: true, Timing: &TimingRun{P: 2, Report: reportOf(true, goodSamples, goodSamples), Output: "out"}},
			want: verdict.Fail, message: "2 measurements instead of one", max: 2, details: true},
		{name: "a malformed measurement", in: FasterInput{Built: true, Timing: ran(shortSamples)},
			want: verdict.Fail, message: "cannot be judged", max: 2, details: true},
		{name: "not judged", in: FasterInput{Built: true, Timing: ran(goodSamples)},
			want: verdict.Error, message: "was not judged", max: 2, details: true},
		{name: "a wrong answer", in: FasterInput{Built: true, Timing: ran(wrongSamples), Judgement: judgement(speedup.Fail, 0, 0), Trace: serial},
			want: verdict.Fail, message: "what the timings said", hint: "checks every call it times", max: 2, details: true},
		{name: "a clear pass", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Pass, 1.9, 1.95), Trace: parallel},
			want: verdict.Pass, message: "what the timings said", max: 2, details: true},
		{name: "a narrow pass is explained", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Pass, 1.9, 1.6), Trace: parallel},
			want: verdict.Pass, message: "what the timings said", max: 2, diagnosed: true, details: true},
		{name: "a pass of serial code", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Pass, 1.9, 1.95), Trace: serial},
			want: verdict.Fail, message: "never had two goroutines working at once", hint: "serial", max: 2, diagnosed: true, details: true},
		{name: "a pass without a trace", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Pass, 1.9, 1.95), Trace: noTrace, Policy: exclude},
			want: verdict.Skip, message: "the timings alone do not make a pass (they said: what the timings said)", hint: "execution tracer", max: 2, details: true},
		{name: "a pass whose trace a tape left out", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Pass, 1.9, 1.95), Trace: Trace{LeftOut: true}},
			want: verdict.Pass, message: "what the timings said", max: 2, note: "the tape left the trace out", details: true},
		{name: "a busy machine, excluded", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Skip, 1, 1), Trace: parallel, Policy: exclude},
			want: verdict.Skip, message: "its 2 points leave the maximum under the skip policy \"exclude\"", pending: 2, unjudged: true, details: true},
		{name: "a busy machine, scored zero", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Skip, 1, 1), Trace: parallel, Policy: zero},
			want: verdict.Skip, message: "what the timings said", max: 2, unjudged: true, details: true},
		{name: "a busy machine, measured again", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Skip, 1, 1), Trace: parallel, Policy: retry, Try: 1},
			want: verdict.Skip, message: "what the timings said", max: 2, unjudged: true, again: true, details: true},
		{name: "a busy machine, the last try", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Skip, 1, 1), Trace: parallel, Policy: retry, Try: 2},
			want: verdict.Skip, message: "under the skip policy \"retry 2\"", pending: 2, unjudged: true, details: true},
		{name: "a busy machine, serial code", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Skip, 1, 1), Trace: serial, Policy: retry},
			want: verdict.Fail, message: "(the timings alone: what the timings said)", hint: "serial", max: 2, diagnosed: true, details: true},
		{name: "a busy machine, no trace", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Skip, 1, 1), Trace: noTrace, Policy: retry},
			want: verdict.Skip, message: "no traced call shows", hint: "execution tracer", max: 2, details: true},
		{name: "a fail is explained", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Fail, 1, 1), Trace: serial},
			want: verdict.Fail, message: "what the timings said", hint: "serial", max: 2, diagnosed: true, details: true},
		{name: "a fail without a trace", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Fail, 1, 1), Trace: noTrace},
			want: verdict.Fail, message: "what the timings said", hint: "Why parallel code is not faster", max: 2, note: "no diagnosis of the speed: the timing run wrote no trace", details: true},
		{name: "stopped before the evidence settled", in: FasterInput{Built: true, Timing: ran(goodSamples), Judgement: judgement(speedup.Again, 1, 1), Trace: noTrace},
			want: verdict.Fail, message: "stopped after 7 repetitions, before the evidence settled (what the timings said)", hint: "Why parallel code is not faster", max: 2, note: "no diagnosis of the speed", details: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Points = 2 // and the zero Rules: DefaultTraceThresholds
			out := Faster(tc.in)
			c := out.Check
			if c.Name != verdict.Faster || c.Status != tc.want || !strings.Contains(c.Message, tc.message) {
				t.Errorf("%s %s %q, want %s with %q", c.Name, c.Status, c.Message, tc.want, tc.message)
			}
			if tc.hint == "" && c.Hint != "" || !strings.Contains(c.Hint, tc.hint) {
				t.Errorf("hint %q, want %q", c.Hint, tc.hint)
			}
			if c.MaxScore != tc.max || c.Pending != tc.pending || c.Unjudged != tc.unjudged || out.Again != tc.again {
				t.Errorf("max %d pending %d unjudged %v again %v, want %d %d %v %v", c.MaxScore, c.Pending, c.Unjudged, out.Again, tc.max, tc.pending, tc.unjudged, tc.again)
			}
			if (out.Diagnosis != nil) != tc.diagnosed {
				t.Errorf("diagnosis %+v, want one: %v", out.Diagnosis, tc.diagnosed)
			}
			if got := strings.Join(out.Notes, "; "); !strings.Contains(got, tc.note) || tc.note == "" && got != "" {
				t.Errorf("notes %q, want %q", got, tc.note)
			}
			if (c.Details != "") != tc.details {
				t.Errorf("details %q, want some: %v", c.Details, tc.details)
			}
		})
	}
}

// TestFasterOnOneCore: one core measures no speedup; nothing is traced
// and the machine, not the code, left it unjudged.
func TestFasterOnOneCore(t *testing.T) {
	j := judgement(speedup.Skip, 0, 0)
	j.P = 1
	in := FasterInput{Built: true, Timing: &TimingRun{P: 1, Report: reportOf(true, `{"workers":[1],"reference":[10],"learner":[[10]],"one":[10],"calp":[10]}`)},
		Judgement: j, Trace: Trace{Err: errors.New("not read")}, Points: 2}
	if in.NeedsTrace() {
		t.Error("a trace is read on one core")
	}
	out := Faster(in)
	if c := out.Check; c.Status != verdict.Skip || !c.Unjudged || c.Pending != 2 || strings.Contains(c.Message, "traced") {
		t.Errorf("%+v", c)
	}
}

// TestNeedsTrace: the grade reads the trace for a judgement at two
// workers or more of a measurement timed to its end, and only then.
func TestNeedsTrace(t *testing.T) {
	pass := judgement(speedup.Pass, 1.9, 1.9)
	for _, tc := range []struct {
		name string
		in   FasterInput
		want bool
	}{
		{"judged", FasterInput{Built: true, Timing: ran(goodSamples), Judgement: pass}, true},
		{"a wrong answer", FasterInput{Built: true, Timing: ran(wrongSamples), Judgement: pass}, false},
		{"not judged", FasterInput{Built: true, Timing: ran(goodSamples)}, false},
		{"malformed", FasterInput{Built: true, Timing: ran(shortSamples), Judgement: pass}, false},
		{"not run", FasterInput{Built: true, Judgement: pass}, false},
		{"blocked", FasterInput{Blocked: verdict.RaceFree, Built: true, Timing: ran(goodSamples), Judgement: pass}, false},
		{"not measured", FasterInput{NoSpeedup: true, Built: true, Timing: ran(goodSamples), Judgement: pass}, false},
		{"could not run", FasterInput{Built: true, Timing: &TimingRun{P: 2, Err: errors.New("no such file")}, Judgement: pass}, false},
	} {
		if got := tc.in.NeedsTrace(); got != tc.want {
			t.Errorf("%s: NeedsTrace = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestNeedsTiming: the timing binary runs only for code that passed the
// suite's checks, when measuring is on and the binary built.
func TestNeedsTiming(t *testing.T) {
	for _, tc := range []struct {
		in   FasterInput
		want bool
	}{
		{FasterInput{Built: true}, true},
		{FasterInput{Built: true, Blocked: verdict.Correct}, false},
		{FasterInput{Built: true, NoSpeedup: true}, false},
		{FasterInput{Built: true, Deferred: true}, false},
		{FasterInput{}, false},
	} {
		if got := tc.in.NeedsTiming(); got != tc.want {
			t.Errorf("%+v: NeedsTiming = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestTimingSamples: the faster check judges samples only from a
// complete report, one measurement, well formed; anything else is a
// fail with a message, never a panic in the judge.
func TestTimingSamples(t *testing.T) {
	for _, tc := range []struct {
		name    string
		run     TimingRun
		problem string
	}{
		{"good", TimingRun{Report: reportOf(true, goodSamples)}, ""},
		{"a short learner list", TimingRun{Report: reportOf(true, shortSamples)}, "1 rows of learner timings for 2 worker counts"},
		{"no completion", TimingRun{ExitCode: 2, Report: reportOf(false, goodSamples)}, "without a measurement (exit status 2)"},
		{"no samples", TimingRun{Report: reportOf(true)}, "without a measurement"},
		{"two measurements", TimingRun{Report: reportOf(true, goodSamples, goodSamples)}, "2 measurements"},
		{"timed out", TimingRun{TimedOut: true, Timeout: time.Minute}, "did not finish in 1m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.run.P = 2
			s, problem := tc.run.Samples()
			if tc.problem == "" {
				if problem != "" || s == nil {
					t.Fatalf("good samples refused: %q", problem)
				}
				return
			}
			if s != nil || !strings.Contains(problem, tc.problem) {
				t.Errorf("samples %v, problem %q; want a problem saying %q", s, problem, tc.problem)
			}
		})
	}
}

// TestJudged: a judgement becomes the check's status; a measurement that
// stopped undecided fails (a learner cannot stop the timing early to
// escape a verdict).
func TestJudged(t *testing.T) {
	for _, tc := range []struct {
		outcome speedup.Outcome
		want    verdict.Status
		message string
	}{
		{speedup.Pass, verdict.Pass, "reason"},
		{speedup.Fail, verdict.Fail, "reason"},
		{speedup.Skip, verdict.Skip, "reason"},
		{speedup.Again, verdict.Fail, "stopped after 3 repetitions, before the evidence settled (reason)"},
	} {
		status, msg := judged(speedup.Judgement{Outcome: tc.outcome, Reason: "reason", Reps: 3})
		if status != tc.want || !strings.Contains(msg, tc.message) {
			t.Errorf("%s: %s %q, want %s with %q", tc.outcome, status, msg, tc.want, tc.message)
		}
	}
}

// TestNarrow: a pass is narrow, and explained, below NarrowMargin times
// either bar, on the judgement's own figures (not the report's rounded
// ones: 1.149 is narrow against 1.0 though it prints as 1.15).
func TestNarrow(t *testing.T) {
	for _, tc := range []struct {
		speedup, required, self float64
		want                    bool
	}{
		{1.4, 1.3, 1.9, true},  // narrow against the reference
		{1.9, 1.3, 1.9, false}, // clear
		{1.9, 1.3, 1.6, true},  // narrow on its own cores (self bar 1.5)
		{1.149, 1.0, 1.9, true},
		{1.151, 1.0, 1.9, false},
	} {
		j := speedup.Judgement{Speedup: speedup.Estimate{Median: tc.speedup}, Required: tc.required,
			SelfSpeedup: speedup.Estimate{Median: tc.self}, SelfRequired: 1.5}
		if got := DefaultTraceThresholds.narrow(j); got != tc.want {
			t.Errorf("%.3fx of %.2fx, self %.2fx: narrow %v, want %v", tc.speedup, tc.required, tc.self, got, tc.want)
		}
	}
}

// TestFirstBlocking: speed counts only for code that passed the suite's
// checks; a leak does not make an answer wrong, and started is implied.
func TestFirstBlocking(t *testing.T) {
	suite := []verdict.Check{{Name: verdict.Started, Status: verdict.Fail}, {Name: verdict.Correct, Status: verdict.Pass},
		{Name: verdict.LeakFree, Status: verdict.Fail}, {Name: verdict.RaceFree, Status: verdict.Pass}}
	if got := FirstBlocking(suite); got != "" {
		t.Errorf("blocked by %s", got)
	}
	suite = append(suite, verdict.Check{Name: verdict.Terminates, Status: verdict.Fail})
	if got := FirstBlocking(suite); got != verdict.Terminates {
		t.Errorf("blocked by %q, want terminates", got)
	}
}

// TestOfferedNoParallelism: a skipped faster check becomes a fail only for
// a traced call that never had two goroutines ready at once, on the
// recorded traces of grader/diagnose/testdata (recorded on a busy
// machine, where the timings would have skipped).
func TestOfferedNoParallelism(t *testing.T) {
	for _, tc := range []struct {
		trace string
		want  bool
	}{
		{"histogram-one-goroutine", true},
		{"histogram-serial", true},
		{"mergesort-serial", true},
		{"histogram-good", false},
		{"mergesort-good", false},
		{"histogram-static-split", false},
		{"mergesort-serial-merge", false},
		{"histogram-lock-per-pixel", false},
		{"mergesort-goroutine-per-split", false},
	} {
		t.Run(tc.trace, func(t *testing.T) {
			f := *traced(t, tc.trace).Figures
			why, got := DefaultTraceThresholds.offeredNoParallelism(f)
			t.Logf("two ready %.3f, spawned %.3f of %v", f.TwoReady, f.Spawned, f.Wall)
			if got != tc.want {
				t.Fatalf("offered no parallelism = %v, want %v (two ready %.3f, spawned %.3f of %v)", got, tc.want, f.TwoReady, f.Spawned, f.Wall)
			}
			if got && !strings.Contains(why, "never had two goroutines working at once") {
				t.Errorf("message %q does not say what was found", why)
			}
			f.Workers = 1 // one core: nothing to offer parallelism to
			if _, got := DefaultTraceThresholds.offeredNoParallelism(f); got {
				t.Error("judged on one core")
			}
		})
	}
}

// TestOfferedNoParallelismShortCalls: under MinTracedForTwo the share of
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
		if _, got := DefaultTraceThresholds.offeredNoParallelism(tc.f); got != tc.want {
			t.Errorf("%s: offered no parallelism = %v, want %v", tc.name, got, tc.want)
		}
	}
}
