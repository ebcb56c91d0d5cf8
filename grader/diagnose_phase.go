package grader

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"parlab/grader/contract"
	"parlab/grader/diagnose"
	"parlab/grader/verdict"
)

// Limits of the diagnosis: it comes after the verdict and costs about half
// a second on a slow machine (reading at most diagnose.DefaultMaxEvents
// events of the trace the timing run wrote).
const (
	// maxTraceSize caps the trace file read: a longer one was not written
	// by tracecall within its window.
	maxTraceSize = 64 << 20
	// narrowMargin: a pass below this many times a required speedup (or
	// self-speedup) is narrow enough to explain.
	narrowMargin = 1.15
	// traceWindow is the longest stretch of the call the timing run
	// traces: a slow call's trace would take long to read.
	traceWindow = 250 * time.Millisecond
)

// diagnose explains the faster check's verdict when it failed or passed
// narrowly: it reads the trace of one of the timed calls of the learner's
// code (chosen at random, after they ran), names the dominant cause and puts it in the result
// and the hint. With Options.Timeline it reads it whatever the verdict,
// for the picture.
//
// It changes chk's status in one case only: a pass or a skip (the
// machine too busy or unsteady to time) of code whose traced call never
// had two goroutines ready to run at once, had the goroutines it started
// do next to none of the work, or had them run far beyond their share of
// the work the suite counted, becomes a fail (see offeredNoParallelism). No timing can tell that apart: a faster serial
// algorithm that sandbags when it sees one core (runtime.GOMAXPROCS(0) is
// the learner's to read) passes the timings, and a busy machine skips
// them. Every other verdict stands as the timings gave it.
func (r *run) diagnose(chk *verdict.Check) {
	explain := r.explains(chk)
	settle := chk.Status == verdict.Skip || chk.Status == verdict.Pass
	if r.speedup == nil || r.speedup.Workers < 2 || !explain && !settle && r.opts.Timeline == nil {
		return
	}
	start := time.Now()
	defer r.phase("diagnosis", start)
	r.opts.Progress("reading the traced call")
	p, err := readTrace(r.traceRequest().Path, r.spec.Package())
	switch {
	case err != nil && r.opts.tape.tooLarge(r.traceRequest().Path):
		// The recorded grade had its trace; the tape did not keep it.
		r.notes = append(r.notes, "no diagnosis of the speed: the tape left the trace out for its size")
		return
	case err != nil && settle && (chk.Status == verdict.Pass || chk.Status == verdict.Skip):
		untraced(chk, err)
		return
	case err != nil && (explain || r.opts.Timeline != nil):
		r.notes = append(r.notes, "no diagnosis of the speed: "+err.Error())
		return
	case err != nil:
		r.notes = append(r.notes, "no diagnosis of the speed: "+err.Error())
		return
	}
	if r.opts.Timeline != nil {
		r.opts.Timeline(p)
	}
	f := diagnose.Measure(p, diagnose.Measured{
		Workers: r.speedup.Workers, Speedup: r.speedup.Speedup, CallTime: r.medianAtP()})
	if settle && settleByTrace(chk, f) {
		explain = true
	}
	if !explain {
		return
	}
	d := diagnose.Classify(f)
	r.speedup.Diagnosis = diagnosisVerdict(d, time.Since(start))
	if chk.Status == verdict.Fail && d.Cause != diagnose.Unclear {
		where := ""
		if d.Location != "" {
			where = " at " + d.Location
		}
		chk.Hint = fmt.Sprintf("%s%s: %s", d.Cause, where, d.Hint)
	}
}

// Offered parallelism below which a passed or skipped faster check
// fails: the share of the traced call's wall time with two of the
// learner's goroutines running or runnable at once, the least traced time
// that share must stand on (goroutines start late in a call of a few
// milliseconds), and the share of the work the goroutines the call
// started must have done, however short the call. Recorded on this 2-core
// machine while busy: a goroutine doing all the work while the caller
// waits 0.001 two ready, serial code 0; the model answers 0.66 and 1.0, a
// static split that gives one worker most of the work 0.51
// (grader/diagnose/testdata). The started goroutines of those that offered
// parallelism ran 0.56-1.0 of the work; serial code that starts a
// goroutine only to have it wait, runnable, beside it (on a busy machine a
// goroutine can wait milliseconds for a thread) reaches 0.05 two ready,
// with its goroutines doing nothing.
//
// Where the suite counts the work per goroutine (the points each drew),
// maxUnworked is the most of the workers' running time that may go beyond
// their share of it (diagnose.Figures.Unworked). Serial code with a
// goroutine spinning beside it until the work is done runs about half its
// time beyond (0.5 with two goroutines): it passed the timings, its
// spinner standing in for a second worker in the trace and sharing the
// one core of the one-core run. Correct code runs each goroutine about as
// long as its share needs; one on a core half as fast again as the
// other's stays under 0.1 (TestUnworked). The CPU samples must say so
// too, beyond chance (maxUnworkedP): on a busy machine the OS can stall
// one goroutine's thread while the trace still shows it running, which
// the samples do not count. The samples are few (this VM's kernel gives a
// thread about 250 a second, 18 in a spinner's traced call of 36 ms), but
// a goroutine that drew nothing should get none: 9 of 18 has a chance of
// 0.0005 with 15% allowed beyond its share, 5 of 10 one of 0.01.
const (
	minTwoReady     = 0.05
	minTracedForTwo = 10 * time.Millisecond
	minSpawned      = 0.1
	maxUnworked     = 0.3
	maxUnworkedP    = 0.01
)

// offeredNoParallelism reports whether a traced call never had two
// goroutines ready to run at once, had the goroutines it started do next
// to none of the work, or had them run far beyond their share of the
// counted work, and says so for the learner. The counts are
// of the Go scheduler's states, which a busy machine does not change (two
// goroutines with work are both runnable even while the OS runs neither),
// so it settles a check the timings could not.
func offeredNoParallelism(f diagnose.Figures) (string, bool) {
	if f.Workers < 2 {
		return "", false
	}
	const advice = "Start all the workers before waiting for any, give each a share of the work, and do not make one goroutine do everything while the others wait"
	switch {
	case f.Wall >= minTracedForTwo && f.TwoReady < minTwoReady:
		return fmt.Sprintf("in a traced call, %s never had two goroutines working at once (two were running or ready to run %.1f%% of the %v traced; it started %d): it does one piece of work at a time, so more cores cannot make it faster, however busy the machine. %s",
			callName(f), 100*f.TwoReady, f.Wall.Round(time.Millisecond), f.Goroutines, advice), true
	case f.Busy > 0 && f.Spawned < minSpawned:
		// A share of work needs no long trace to stand on: a serial
		// work-skipping pi ran 9-19 ms, and a skip under a CPU hog stood
		// when its trace fell under minTracedForTwo.
		return fmt.Sprintf("in a traced call, the goroutines %s started (%d) ran %.1f%% of its work and the caller the rest: the work is not shared, so more cores cannot make it faster. %s",
			callName(f), f.Goroutines, 100*f.Spawned, advice), true
	case f.Counted && f.Complete && f.Unworked >= maxUnworked && f.UnworkedCPU >= maxUnworked && f.UnworkedP < maxUnworkedP:
		return fmt.Sprintf("in a traced call, %s's goroutines spent %.0f%% of their running time (%.0f%% of their CPU time) beyond their share of the work it counted (the points drawn); the furthest beyond its share was %s: a goroutine that runs without doing its share, spinning until the others are done, only takes a core from them. Give every goroutine a share of the work, and wait for them with a sync.WaitGroup, never in a loop",
			callName(f), 100*f.Unworked, 100*f.UnworkedCPU, startedAt(f.UnworkedLine)), true
	}
	return "", false
}

// settleByTrace turns a passed or skipped check into a fail when the
// traced call offered no parallelism, and reports whether it did.
func settleByTrace(chk *verdict.Check, f diagnose.Figures) bool {
	why, none := offeredNoParallelism(f)
	if none {
		chk.Status, chk.Unjudged, chk.Hint = verdict.Fail, false, fasterHint
		chk.Message = why + " (the timings alone: " + chk.Message + ")"
	}
	return none
}

// untraced turns a pass or a skip that has no traced call to check into a
// skip that scores nothing, whatever the skip policy: timings alone cannot
// tell parallel code from serial code that sandbags when it sees one core,
// and code that took the runtime's only tracer (runtime.StartTrace, before
// the honest check refused it) switched the grader's trace off to keep
// such a pass; a skip the trace cannot settle would keep serial code's
// points out of the maximum. The trace of honest code goes missing for no
// reason the grader knows of; the code's does when the call chosen made
// one too large to keep (measure's maxKeptTrace: a flood of events).
func untraced(chk *verdict.Check, err error) {
	was := "they said: " + chk.Message
	chk.Status, chk.Unjudged = verdict.Skip, false
	chk.Message = "not judged: no traced call shows that the code works in parallel (" + err.Error() + "), and the timings alone do not make a pass (" + was + ")"
	chk.Hint = "The grader traces a call of your code with Go's execution tracer, to see its goroutines work at once; leave the runtime's tracer and profiler alone, and let every call return, so that the trace can be written."
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

func callName(f diagnose.Figures) string {
	if f.Call != "" {
		return f.Call
	}
	return "your code"
}

// explains: a fail or a narrow pass is worth explaining.
func (r *run) explains(chk *verdict.Check) bool {
	switch chk.Status {
	case verdict.Fail:
		return true
	case verdict.Pass:
		sp := r.speedup
		return sp != nil && (sp.Speedup < narrowMargin*sp.Required || sp.SelfSpeedup < narrowMargin*sp.SelfRequired)
	}
	return false
}

// medianAtP is the timed call's median at P workers, or 0.
func (r *run) medianAtP() time.Duration {
	for _, row := range r.speedup.Rows {
		if row.Workers == r.speedup.Workers {
			return row.Median
		}
	}
	return 0
}

// traceRequest is the timing run's request for the trace of one of its
// timed calls.
func (r *run) traceRequest() contract.TraceRequest {
	return contract.TraceRequest{Path: filepath.Join(r.ws.work(), "call.trace"), Window: traceWindow}
}

// readTrace reads the trace the learner's process wrote: a regular file
// (not a link planted in its place) of at most maxTraceSize bytes.
func readTrace(path, pkg string) (*diagnose.Profile, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return nil, errors.New("the timing run wrote no trace")
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() > maxTraceSize {
		return nil, errors.New("the trace is not a regular file of a sensible size")
	}
	return diagnose.Read(io.LimitReader(f, maxTraceSize), diagnose.Config{Package: pkg})
}

// diagnosisVerdict is the diagnosis as the result carries it.
func diagnosisVerdict(d diagnose.Diagnosis, took time.Duration) *verdict.Diagnosis {
	f := d.Figures
	figures := map[string]float64{
		"busy": f.Busy, "serial": f.Serial, "imbalance": f.Imbalance, "lock": f.Lock,
		"channel_send": f.Send, "schedule": f.Schedule, "gc": f.GC, "one_running": f.OneRunning,
		"goroutines": float64(f.Goroutines), "mean_work_ns": float64(f.MeanWork),
		"bytes_per_element": f.BytesPerElement, "reference_bytes_per_element": f.ReferenceBytesPerElement,
		"karp_flatt": f.KarpFlatt, "samples": float64(f.Samples),
	}
	if f.Counted {
		figures["unworked"], figures["unworked_cpu"], figures["unworked_p"] = f.Unworked, f.UnworkedCPU, f.UnworkedP
	}
	return &verdict.Diagnosis{
		Cause: string(d.Cause), Inference: d.Inference, Cost: d.Cost, Summary: d.Summary,
		Location: d.Location, Hint: d.Hint, WorkerBusy: round3s(f.WorkerBusy),
		Traced: f.Wall, Partial: !f.Complete, Took: took,
		Figures: rounded(figures),
	}
}

// rounded keeps three decimals of every figure but the durations.
func rounded(m map[string]float64) map[string]float64 {
	for k, v := range m {
		if !strings.HasSuffix(k, "_ns") {
			m[k] = float64(int64(v*1000+0.5)) / 1000
		}
	}
	return m
}

func round3s(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(int(x*1000+0.5)) / 1000
	}
	return out
}
