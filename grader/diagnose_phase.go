package grader

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/diagnose"
	"parlab/grader/verdict"
)

// Limits of the trace read for the faster check: it comes after the
// timings and costs about half a second on a slow machine (reading at
// most diagnose.DefaultMaxEvents events of the trace the timing run
// wrote). The rules it is judged by are check.TraceThresholds.
const (
	// maxTraceSize caps the trace file read: a longer one was not written
	// by tracecall within its window.
	maxTraceSize = 64 << 20
	// traceWindow is the longest stretch of the call the timing run
	// traces: a slow call's trace would take long to read.
	traceWindow = 250 * time.Millisecond
)

// tracedCall reads the trace of one of the timed calls of the learner's
// code (chosen at random, after they ran) and measures its figures, for
// check.Faster to settle and explain the verdict by. With
// Options.Timeline the profile goes there too, whatever the verdict.
func (r *run) tracedCall(j speedup.Judgement) check.Trace {
	path := r.traceRequest().Path
	p, err := readTrace(path, r.spec.Package())
	switch {
	case err != nil && r.runner().leftOut(path):
		// The recorded grade had its trace; the tape did not keep it.
		return check.Trace{LeftOut: true}
	case err != nil:
		return check.Trace{Err: err}
	}
	if r.opts.Timeline != nil {
		r.opts.Timeline(p)
	}
	f := diagnose.Account(p, diagnose.Measured{Workers: j.P, Speedup: j.Speedup.Median, CallTime: medianAtP(j)})
	return check.Trace{Figures: &f}
}

// medianAtP is the timed call's median at P workers, or 0.
func medianAtP(j speedup.Judgement) time.Duration {
	for _, row := range j.Rows {
		if row.Workers == j.P {
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
