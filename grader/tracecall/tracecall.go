// Package tracecall records one call of a learner's code with the Go
// execution tracer, for the grader's "why is it not faster?" diagnosis. It
// runs inside the plain (non-race) test binary; the grader reads the file
// it writes with package diagnose.
//
// # The wire format
//
// The grader starts the test binary with EnvPath set to a file in the
// workspace, EnvWindow to the longest stretch of the call worth tracing and
// EnvWarmup to "1" when one untraced call should come first (a fresh
// process's first call pays for page faults and heap growth the timed
// calls did not). The file is a runtime/trace trace in which, on the
// calling goroutine:
//
//   - a region of type RegionCall spans the learner's call (its end is
//     missing when the window closed first: the trace then stops there and
//     the process exits without waiting for the call);
//   - a log of category LogCall holds the call as Describe words it,
//     e.g. "Parallel(pixels, 2)";
//   - a log of category LogElements holds the input's element count in
//     decimal (absent when the input is not a slice);
//   - logs of categories LogAllocBytes and LogAllocObjects, written after
//     the call or when the window closes, hold the heap bytes and objects
//     the call allocated (runtime/metrics /gc/heap/allocs:*) in decimal;
//   - a log of category LogReferenceBytes holds the heap bytes the serial
//     reference allocated on a copy of the same input (run untraced just
//     before), so that allocation the problem needs anyway is not blamed.
//
// CPU profile samples are recorded into the same trace (at SampleRate Hz),
// so it shows where the running goroutines spent their time.
//
// Everything in the file is written by a process that runs learner code, so
// the grader treats it as untrusted: it only ever explains a verdict,
// never changes one.
package tracecall

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"time"
)

// Environment variables through which the grader asks for a trace.
const (
	// EnvPath is the file the trace is written to; unset means no trace.
	EnvPath = "PARLAB_TRACE"
	// EnvWindow is the longest stretch of the call to trace, as a Go
	// duration (DefaultWindow when unset).
	EnvWindow = "PARLAB_TRACE_WINDOW"
	// EnvWarmup set to "1" makes one untraced call come first.
	EnvWarmup = "PARLAB_TRACE_WARMUP"
)

// Names in the trace (see the package comment).
const (
	RegionCall      = "parlab.call"
	LogCall         = "parlab.call"
	LogElements     = "parlab.elements"
	LogAllocBytes   = "parlab.alloc.bytes"
	LogAllocObjects = "parlab.alloc.objects"
	LogReference    = "parlab.reference.bytes"
)

// DefaultWindow is the window when EnvWindow is unset: enough for the
// suites' timed inputs, short enough that a slow call's trace stays small.
const DefaultWindow = 400 * time.Millisecond

// SampleRate is the CPU profile's sampling rate during the trace, in Hz.
const SampleRate = 2000

// Requested reports whether the grader asked for a trace.
func Requested() bool { return os.Getenv(EnvPath) != "" }

// Request is the grader's request, read from the environment.
type Request struct {
	// Path is where the trace goes.
	Path string
	// Window is the longest stretch of the call traced.
	Window time.Duration
	// Warmup asks for one untraced call first.
	Warmup bool
}

// FromEnv reads the request from the environment.
func FromEnv() Request {
	r := Request{Path: os.Getenv(EnvPath), Window: DefaultWindow, Warmup: os.Getenv(EnvWarmup) == "1"}
	if d, err := time.ParseDuration(os.Getenv(EnvWindow)); err == nil && d > 0 {
		r.Window = d
	}
	return r
}

// Env is the environment that makes a test binary write a trace of r.
func (r Request) Env() []string {
	env := []string{EnvPath + "=" + r.Path, EnvWindow + "=" + r.Window.String()}
	if r.Warmup {
		env = append(env, EnvWarmup+"=1")
	}
	return env
}

// Call is one traced call of learner code.
type Call struct {
	// Describe words the call, e.g. "Parallel(pixels, 2)".
	Describe string
	// Elements is the input's element count; 0 when unknown.
	Elements int
	// Run makes the call; it runs on the goroutine that called Capture.
	Run func()
	// Reference, when set, runs the serial reference on a copy of the
	// same input; it is run (untraced) first, to measure its allocation.
	Reference func()
}

// Capture traces c.Run into r.Path. When the call is still running as
// the window closes, Capture writes what it has and exits the process with
// status 0: the call's goroutines cannot be stopped, and the trace has
// what the diagnosis needs. The file appears complete or not at all.
func Capture(r Request, c Call) error {
	tmp := r.Path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("creating the trace file: %w", err)
	}
	defer f.Close()
	rec := &recorder{f: f, tmp: tmp, final: r.Path}
	var reference uint64
	if c.Reference != nil {
		before := allocs()
		c.Reference()
		reference = allocs()[0] - before[0]
	}
	runtime.GC()
	if err := rec.start(); err != nil {
		return err
	}
	ctx := context.Background()
	trace.Log(ctx, LogCall, c.Describe)
	if c.Elements > 0 {
		trace.Log(ctx, LogElements, strconv.Itoa(c.Elements))
	}
	if c.Reference != nil {
		trace.Log(ctx, LogReference, strconv.FormatUint(reference, 10))
	}
	before := allocs()
	window := time.AfterFunc(r.Window, func() {
		rec.finish(ctx, before)
		os.Exit(0)
	})
	region := trace.StartRegion(ctx, RegionCall)
	c.Run()
	region.End()
	if !window.Stop() {
		select {} // the window closed first: the process is exiting
	}
	return rec.finish(ctx, before)
}

// recorder owns the trace and the CPU profile that feeds its samples.
type recorder struct {
	f          *os.File
	tmp, final string
}

func (rec *recorder) start() error {
	// A rate set before StartCPUProfile stays in force (StartCPUProfile
	// prints that it cannot set its own 100 Hz); 100 Hz gives too few
	// samples for a call of tens of milliseconds.
	runtime.SetCPUProfileRate(SampleRate)
	if err := pprof.StartCPUProfile(io.Discard); err != nil {
		return fmt.Errorf("starting the CPU profile: %w", err)
	}
	if err := trace.Start(rec.f); err != nil {
		pprof.StopCPUProfile()
		return fmt.Errorf("starting the trace: %w", err)
	}
	return nil
}

// finish logs what the call allocated, stops the trace and puts the file
// in place.
func (rec *recorder) finish(ctx context.Context, before [2]uint64) error {
	after := allocs()
	trace.Log(ctx, LogAllocBytes, strconv.FormatUint(after[0]-before[0], 10))
	trace.Log(ctx, LogAllocObjects, strconv.FormatUint(after[1]-before[1], 10))
	trace.Stop()
	pprof.StopCPUProfile()
	if err := rec.f.Close(); err != nil {
		return fmt.Errorf("writing the trace: %w", err)
	}
	if err := os.Rename(rec.tmp, rec.final); err != nil {
		return fmt.Errorf("writing the trace: %w", err)
	}
	return nil
}

// allocs is the heap bytes and objects allocated so far.
func allocs() [2]uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/allocs:objects"}}
	metrics.Read(s)
	var out [2]uint64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			out[i] = s[i].Value.Uint64()
		}
	}
	return out
}
