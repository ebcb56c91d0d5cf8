package contract

import (
	"os"
	"time"
)

// DefaultTraceWindow is the window when TraceWindowEnv is unset: enough
// for the suites' timed inputs, short enough that a slow call's trace
// stays small.
const DefaultTraceWindow = 400 * time.Millisecond

// TraceRequest is the grader's request for a trace of one call.
type TraceRequest struct {
	// Path is where the trace goes.
	Path string
	// Window is the longest stretch of the call traced; the timing run
	// traces less for a quick call (measure picks from its timings).
	Window time.Duration
}

// Env is the environment that makes a timing run write a trace of r.
func (r TraceRequest) Env() []string {
	return []string{TracePathEnv + "=" + r.Path, TraceWindowEnv + "=" + r.Window.String()}
}

// TraceRequested reports whether the environment asks for a trace.
func TraceRequested() bool { return os.Getenv(TracePathEnv) != "" }

// TraceRequestFromEnv reads the request from the environment.
func TraceRequestFromEnv() TraceRequest {
	r := TraceRequest{Path: os.Getenv(TracePathEnv), Window: DefaultTraceWindow}
	if d, err := time.ParseDuration(os.Getenv(TraceWindowEnv)); err == nil && d > 0 {
		r.Window = d
	}
	return r
}

// Names in the trace file (see the package comment, "The trace file").
const (
	RegionCall      = "parlab.call"
	LogCall         = "parlab.call"
	LogElements     = "parlab.elements"
	LogAllocBytes   = "parlab.alloc.bytes"
	LogAllocObjects = "parlab.alloc.objects"
	LogReference    = "parlab.reference.bytes"
	// LogWork is logged by a goroutine that did a countable amount of
	// the exercise's work (points drawn with reference/points), with the
	// amount as its message.
	LogWork = "parlab.work"
)
