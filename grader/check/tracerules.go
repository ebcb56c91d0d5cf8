package check

import (
	"fmt"
	"time"

	"parlab/grader/contract/speedup"
	"parlab/grader/diagnose"
)

// TraceThresholds are the rules by which the trace of one timed call
// settles or explains the faster check, as speedup.Thresholds are the
// rules of the timings. They live here, not in package speedup, because
// speedup is linked into the learner's test binary (which stops a
// measurement by its rules) and the trace rules are the grader's alone.
//
// The offered parallelism below which a passed or skipped check fails:
// the share of the traced call's wall time with two of the learner's
// goroutines running or runnable at once (MinTwoReady), the least traced
// time that share must stand on (MinTracedForTwo: goroutines start late
// in a call of a few milliseconds), and the share of the work the
// goroutines the call started must have done, however short the call
// (MinSpawned). Recorded on this project's 2-core machine while busy: a
// goroutine doing all the work while the caller waits 0.001 two ready,
// serial code 0; the model answers 0.66 and 1.0, a static split that
// gives one worker most of the work 0.51 (grader/diagnose/testdata). The
// started goroutines of those that offered parallelism ran 0.56-1.0 of
// the work; serial code that starts a goroutine only to have it wait,
// runnable, beside it (on a busy machine a goroutine can wait
// milliseconds for a thread) reaches 0.05 two ready, with its goroutines
// doing nothing.
//
// Where the suite counts the work per goroutine (the points each drew),
// MaxUnworked is the most of the workers' running time that may go
// beyond their share of it (diagnose.Figures.Unworked). Serial code with
// a goroutine spinning beside it until the work is done runs about half
// its time beyond (0.5 with two goroutines): it passed the timings, its
// spinner standing in for a second worker in the trace and sharing the
// one core of the one-core run. Correct code runs each goroutine about
// as long as its share needs; one on a core half as fast again as the
// other's stays under 0.1 (diagnose's TestUnworked). The CPU samples must
// say so too, beyond chance (MaxUnworkedP): on a busy machine the OS can
// stall one goroutine's thread while the trace still shows it running,
// which the samples do not count. The samples are few (this VM's kernel
// gives a thread about 250 a second, 18 in a spinner's traced call of 36
// ms), but a goroutine that drew nothing should get none: 9 of 18 has a
// chance of 0.0005 with 15% allowed beyond its share, 5 of 10 one of
// 0.01.
type TraceThresholds struct {
	// MinTwoReady is the least share of the traced wall time with two
	// goroutines running or ready, on a trace of at least
	// MinTracedForTwo.
	MinTwoReady     float64
	MinTracedForTwo time.Duration
	// MinSpawned is the least share of the work the started goroutines
	// must run.
	MinSpawned float64
	// MaxUnworked is the most running time (and CPU time) beyond the
	// workers' share of the counted work, when the samples' chance of it
	// is under MaxUnworkedP.
	MaxUnworked  float64
	MaxUnworkedP float64
	// NarrowMargin: a pass below this many times a required speedup (or
	// self-speedup) is narrow enough to explain.
	NarrowMargin float64
}

// DefaultTraceThresholds are parlab's trace rules.
var DefaultTraceThresholds = TraceThresholds{MinTwoReady: 0.05, MinTracedForTwo: 10 * time.Millisecond, MinSpawned: 0.1,
	MaxUnworked: 0.3, MaxUnworkedP: 0.01, NarrowMargin: 1.15}

// narrow reports whether a pass cleared a bar by less than NarrowMargin,
// on the judgement's own figures.
func (th TraceThresholds) narrow(j speedup.Judgement) bool {
	return j.Speedup.Median < th.NarrowMargin*j.Required || j.SelfSpeedup.Median < th.NarrowMargin*j.SelfRequired
}

// offeredNoParallelism reports whether a traced call never had two
// goroutines ready to run at once, had the goroutines it started do next
// to none of the work, or had them run far beyond their share of the
// counted work, and says so for the learner. The counts are of the Go
// scheduler's states, which a busy machine does not change (two
// goroutines with work are both runnable even while the OS runs
// neither), so it settles a check the timings could not.
func (th TraceThresholds) offeredNoParallelism(f diagnose.Figures) (string, bool) {
	if f.Workers < 2 {
		return "", false
	}
	const advice = "Start all the workers before waiting for any, give each a share of the work, and do not make one goroutine do everything while the others wait"
	switch {
	case f.Wall >= th.MinTracedForTwo && f.TwoReady < th.MinTwoReady:
		return fmt.Sprintf("in a traced call, %s never had two goroutines working at once (two were running or ready to run %.1f%% of the %v traced; it started %d): it does one piece of work at a time, so more cores cannot make it faster, however busy the machine. %s",
			callName(f), 100*f.TwoReady, f.Wall.Round(time.Millisecond), f.Goroutines, advice), true
	case f.Busy > 0 && f.Spawned < th.MinSpawned:
		// A share of work needs no long trace to stand on: a serial
		// work-skipping pi ran 9-19 ms, and a skip under a CPU hog stood
		// when its trace fell under MinTracedForTwo.
		return fmt.Sprintf("in a traced call, the goroutines %s started (%d) ran %.1f%% of its work and the caller the rest: the work is not shared, so more cores cannot make it faster. %s",
			callName(f), f.Goroutines, 100*f.Spawned, advice), true
	case f.Counted && f.Complete && f.Unworked >= th.MaxUnworked && f.UnworkedCPU >= th.MaxUnworked && f.UnworkedP < th.MaxUnworkedP:
		return fmt.Sprintf("in a traced call, %s's goroutines spent %.0f%% of their running time (%.0f%% of their CPU time) beyond their share of the work it counted (the points drawn); the furthest beyond its share was %s: a goroutine that runs without doing its share, spinning until the others are done, only takes a core from them. Give every goroutine a share of the work, and wait for them with a sync.WaitGroup, never in a loop",
			callName(f), 100*f.Unworked, 100*f.UnworkedCPU, startedAt(f.UnworkedLine)), true
	}
	return "", false
}

// startedAt names a worker by its go statement.
func startedAt(line string) string {
	switch line {
	case diagnose.CallerLine:
		return line
	case "":
		return "a goroutine it started"
	}
	return "the goroutine started at " + line
}

// callName names the traced call for messages.
func callName(f diagnose.Figures) string {
	if f.Call != "" {
		return f.Call
	}
	return "your code"
}
