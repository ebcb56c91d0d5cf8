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
	// Window is the longest stretch of the call traced.
	Window time.Duration
	// Warmup asks for one untraced call first (a fresh process's first
	// call pays for page faults and heap growth the timed calls did not).
	Warmup bool
}

// Env is the environment that makes a test binary write a trace of r.
func (r TraceRequest) Env() []string {
	env := []string{TracePathEnv + "=" + r.Path, TraceWindowEnv + "=" + r.Window.String()}
	if r.Warmup {
		env = append(env, TraceWarmupEnv+"=1")
	}
	return env
}

// TraceRequested reports whether the environment asks for a trace.
func TraceRequested() bool { return os.Getenv(TracePathEnv) != "" }

// TraceRequestFromEnv reads the request from the environment.
func TraceRequestFromEnv() TraceRequest {
	r := TraceRequest{Path: os.Getenv(TracePathEnv), Window: DefaultTraceWindow, Warmup: os.Getenv(TraceWarmupEnv) == "1"}
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
)
