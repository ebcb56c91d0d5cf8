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

// Limits of the diagnosis: it comes after the verdict, never changes it,
// and costs at most 2 s: the tracing run at most diagnoseBudget, reading
// the trace (diagnose.DefaultMaxEvents events at most) about half a
// second on a slow machine.
const (
	diagnoseBudget = 1500 * time.Millisecond
	// maxTraceSize caps the trace file read: a longer one was not written
	// by tracecall within its window.
	maxTraceSize = 64 << 20
	// narrowMargin: a pass below this many times the required speedup is
	// narrow enough to explain.
	narrowMargin = 1.15
	// The trace window: the call's median with room to spare, but never
	// so long that a slow call's trace takes long to read.
	minWindow, maxWindow = 50 * time.Millisecond, 250 * time.Millisecond
	// warmupBelow: a call faster than this is made once untraced first.
	warmupBelow = 150 * time.Millisecond
)

// diagnose explains the faster check's verdict when it failed or passed
// narrowly: it traces one more call of the learner's code, names the
// dominant cause and puts it in the result and the hint. With
// Options.Timeline it traces whatever the verdict, for the picture.
//
// It changes chk's status in one case only: a pass or a skip (the
// machine too busy or unsteady to time) of code whose traced call never
// had two goroutines ready to run at once becomes a fail (see
// offeredNoParallelism). No timing can tell that apart: a faster serial
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
	r.opts.Progress("tracing one call")
	p, err := r.traceCall()
	switch {
	case err != nil && (explain || r.opts.Timeline != nil):
		r.notes = append(r.notes, "no diagnosis of the speed: "+err.Error())
		return
	case err != nil:
		// Only to settle a pass or a skip: they stand as timed.
		r.notes = append(r.notes, "the traced call that checks the code works in parallel did not run ("+err.Error()+"): the speed verdict rests on the timings alone")
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

// Offered parallelism below which a skipped faster check fails: the share
// of the traced call's wall time with two of the learner's goroutines
// running or runnable at once, and the least traced time that share must
// stand on. Recorded on this 2-core machine while busy: a goroutine doing
// all the work while the caller waits 0.001, serial code 0; the model
// answers 0.66 and 1.0, a static split that gives one worker most of the
// work 0.51 (grader/diagnose/testdata).
const (
	minTwoReady     = 0.05
	minTracedForTwo = 10 * time.Millisecond
)

// offeredNoParallelism reports whether a traced call never had two
// goroutines ready to run at once, and says so for the learner. The count
// is of the Go scheduler's states, which a busy machine does not change
// (two goroutines with work are both runnable even while the OS runs
// neither), so it settles a check the timings could not.
func offeredNoParallelism(f diagnose.Figures) (string, bool) {
	if f.Workers < 2 || f.Wall < minTracedForTwo || f.TwoReady >= minTwoReady {
		return "", false
	}
	return fmt.Sprintf("in a traced call, %s never had two goroutines working at once (two were running or ready to run %.1f%% of the %v traced; it started %d): it does one piece of work at a time, so more cores cannot make it faster, however busy the machine. Start all the workers before waiting for any, and do not make one goroutine do everything while the caller waits",
		callName(f), 100*f.TwoReady, f.Wall.Round(time.Millisecond), f.Goroutines), true
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
		return r.speedup != nil && r.speedup.Speedup < narrowMargin*r.speedup.Required
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

// traceCall runs the plain test binary once more to trace one call, and
// reads the trace.
func (r *run) traceCall() (*diagnose.Profile, error) {
	work := filepath.Join(r.ws.dir, "work")
	req := contract.TraceRequest{Path: filepath.Join(work, "call.trace"), Window: maxWindow}
	if m := r.medianAtP(); m > 0 {
		req.Window = min(max(m*3/2+20*time.Millisecond, minWindow), maxWindow)
		req.Warmup = m < warmupBelow
	}
	_ = os.Remove(req.Path)
	// The plain binary runs as the timing run does (the same sandbox and
	// environment), under the diagnosis's own time limit.
	limited := *r
	limited.opts.Timeout = diagnoseBudget
	// A tape keeps the trace (up to tapeBinaryLimit), since it can decide
	// the verdict: a replay diagnoses and settles as the live grade did.
	limited.tapeFiles = []string{req.Path}
	res, _, err := limited.runPlain("trace", contract.SpeedupTest, r.speedup.Workers, req.Env()...)
	switch {
	case err != nil:
		return nil, err
	case res.TimedOut:
		return nil, fmt.Errorf("the tracing run took longer than %v", diagnoseBudget)
	}
	return readTrace(req.Path, r.spec.Package())
}

// readTrace reads the trace the learner's process wrote: a regular file
// (not a link planted in its place) of at most maxTraceSize bytes.
func readTrace(path, pkg string) (*diagnose.Profile, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return nil, errors.New("the tracing run wrote no trace")
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
	return &verdict.Diagnosis{
		Cause: string(d.Cause), Inference: d.Inference, Cost: d.Cost, Summary: d.Summary,
		Location: d.Location, Hint: d.Hint, WorkerBusy: round3s(f.WorkerBusy),
		Traced: f.Wall, Partial: !f.Complete, Took: took,
		Figures: rounded(map[string]float64{
			"busy": f.Busy, "serial": f.Serial, "imbalance": f.Imbalance, "lock": f.Lock,
			"channel_send": f.Send, "schedule": f.Schedule, "gc": f.GC, "one_running": f.OneRunning,
			"goroutines": float64(f.Goroutines), "mean_work_ns": float64(f.MeanWork),
			"bytes_per_element": f.BytesPerElement, "reference_bytes_per_element": f.ReferenceBytesPerElement,
			"karp_flatt": f.KarpFlatt, "samples": float64(f.Samples),
		}),
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
