// Package tracecall records one call of a learner's code with the Go
// execution tracer, for the grader's "why is it not faster?" diagnosis. It
// runs inside the plain (non-race) test binary; the grader reads the file
// it writes with package diagnose.
//
// The grader asks for a trace through the environment
// (contract.TraceRequest); the file's content is specified by package
// contract ("The trace file").
//
// CPU profile samples are recorded into the same trace (at SampleRate Hz),
// so it shows where the running goroutines spent their time.
//
// Everything in the file is written by a process that runs learner code, so
// the grader treats it as untrusted: it explains a verdict, and can only
// ever turn a pass or a skip into a fail.
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
	"sync"
	"time"

	"parlab/grader/contract"
)

// SampleRate is the CPU profile's sampling rate during the trace, in Hz.
const SampleRate = 2000

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
	// ReferenceAllocated, where Reference is nil, is what the caller
	// measured the serial reference to allocate on an input of this size
	// (bytes); 0 means unknown.
	ReferenceAllocated uint64
}

// Goroutines is how many goroutines a capture adds while it traces (the
// tracer's writer and the CPU profile's): a caller that wants the traced
// call to see as many goroutines as the calls before it parks as many of
// its own during those, and ends them before Capture.
const Goroutines = 2

// Capture traces c.Run into r.Path, the window closing after r.Window at
// most. When the call is still running as the window closes, Capture
// writes what it has, lets the call run on and returns when it does. The
// file appears complete or not at all.
func Capture(r contract.TraceRequest, c Call) error {
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
	trace.Log(ctx, contract.LogCall, c.Describe)
	if c.Elements > 0 {
		trace.Log(ctx, contract.LogElements, strconv.Itoa(c.Elements))
	}
	if c.Reference != nil {
		trace.Log(ctx, contract.LogReference, strconv.FormatUint(reference, 10))
	}
	before := allocs()
	var once sync.Once
	var finished error
	finish := func() { once.Do(func() { finished = rec.finish(ctx, before) }) }
	window := time.AfterFunc(r.Window, finish)
	region := trace.StartRegion(ctx, contract.RegionCall)
	c.Run()
	region.End()
	window.Stop()
	finish() // or waits for the window's, already running
	return finished
}

// StartProfile starts the CPU profile whose samples a trace records (at
// SampleRate Hz), for a Recorder; stop ends it. Every call a measurement times
// runs under it, traced or not, so that the profile's interrupts cost all
// of them alike.
func StartProfile() (stop func(), err error) {
	runtime.SetCPUProfileRate(SampleRate) // see recorder.start
	if err := pprof.StartCPUProfile(io.Discard); err != nil {
		return nil, fmt.Errorf("starting the CPU profile: %w", err)
	}
	return pprof.StopCPUProfile, nil
}

// Allocated is the heap bytes allocated so far, for a caller that
// measures what a call allocates (ReferenceAllocated).
func Allocated() uint64 { return allocs()[0] }

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

// stop ends the trace and the CPU profile.
func (rec *recorder) stop() {
	trace.Stop()
	pprof.StopCPUProfile()
}

// finish logs what the call allocated, stops the trace and puts the file
// in place.
func (rec *recorder) finish(ctx context.Context, before [2]uint64) error {
	after := allocs()
	trace.Log(ctx, contract.LogAllocBytes, strconv.FormatUint(after[0]-before[0], 10))
	trace.Log(ctx, contract.LogAllocObjects, strconv.FormatUint(after[1]-before[1], 10))
	rec.stop()
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
