package tracecall

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime/trace"
	"strconv"
	"time"

	"parlab/grader/contract"
)

// Recorder is the execution tracer kept running for a whole measurement,
// as a flight recorder: the runtime keeps the recent trace in memory, in
// generations (stretches of the trace that each read alone), and nothing
// starts or stops the tracer around a call (starting it stops the world:
// 18.7 ms a call here, outside its timing). Every call a measurement times
// runs under the same tracer, already running, so no call can tell
// whether its trace is kept: that is chosen after it returned.
//
// Before every timed run, the measurement marks the trace (Mark): the
// runtime ends the current generation, and the run's events fall in the
// ones after it. Snapshot writes only those: the trace of the call since
// the last mark and nothing before it (not the calls and timings before,
// which a snapshot of the whole window would hold, 0.3-3 MiB of them),
// read by package diagnose as a trace started just before the call.
type Recorder struct {
	fr *trace.FlightRecorder
	// mark is the last generation that ended at the last Mark; marked is
	// false when that could not be read (nothing is kept then).
	mark   uint64
	marked bool
}

// StartRecorder starts the tracer for a measurement. reach is how far
// back the runtime keeps the trace at least: a call that lasted under it
// is whole in its Snapshot even when the runtime began a generation of its
// own during it (it does so about every second). maxBytes is what it keeps
// at most (a hint to the runtime, which drops the oldest generations
// first); a call whose trace needs more loses its beginning, and Snapshot
// says so. It fails when another flight recorder runs.
func StartRecorder(reach time.Duration, maxBytes int) (*Recorder, error) {
	fr := trace.NewFlightRecorder(trace.FlightRecorderConfig{MinAge: reach, MaxBytes: uint64(maxBytes)})
	if err := fr.Start(); err != nil {
		return nil, fmt.Errorf("starting the trace: %w", err)
	}
	return &Recorder{fr: fr}, nil
}

// Stop ends the recording.
func (r *Recorder) Stop() { r.fr.Stop() }

// Mark ends the trace's current generation (the runtime flushes its
// buffers; nothing is stopped) and remembers it: a Snapshot after the next
// call holds what followed the mark, that call whole from its start. A
// measurement marks before every timed run, its own and the learner's
// alike, outside the timing.
func (r *Recorder) Mark() {
	var last generations
	_, err := r.fr.WriteTo(&last)
	r.mark, r.marked = last.newest, err == nil && last.err == nil && last.batches > 0
}

// Call runs c.Run under the running tracer with the logs and the region
// Capture writes, and what it allocated logged after it (c.Reference is
// not run; c.ReferenceAllocated is logged when known).
func (r *Recorder) Call(c Call) {
	ctx := context.Background()
	trace.Log(ctx, contract.LogCall, c.Describe)
	if c.Elements > 0 {
		trace.Log(ctx, contract.LogElements, strconv.Itoa(c.Elements))
	}
	if c.ReferenceAllocated > 0 {
		trace.Log(ctx, contract.LogReference, strconv.FormatUint(c.ReferenceAllocated, 10))
	}
	before := allocs()
	region := trace.StartRegion(ctx, contract.RegionCall)
	c.Run()
	region.End()
	after := allocs()
	trace.Log(ctx, contract.LogAllocBytes, strconv.FormatUint(after[0]-before[0], 10))
	trace.Log(ctx, contract.LogAllocObjects, strconv.FormatUint(after[1]-before[1], 10))
}

// Snapshot writes the trace since the last Mark to w: the generations
// after the marked one, the last call's whole, and nothing before it.
// It fails, having written part of it or nothing, when there was no mark,
// when the runtime no longer keeps the call's first generation (the call
// outlasted the reach, or its trace the size, StartRecorder was given),
// or when the trace is not in the format this reads (a Go release that
// changed it: the package's tests say so).
func (r *Recorder) Snapshot(w io.Writer) error {
	if !r.marked {
		return errors.New("the trace was not marked before the call")
	}
	since := &generations{after: r.mark, w: w}
	if _, err := r.fr.WriteTo(since); err != nil {
		return fmt.Errorf("writing the trace: %w", err)
	}
	switch {
	case since.err != nil:
		return fmt.Errorf("writing the trace: %w", since.err)
	case since.kept == 0:
		return errors.New("the trace holds nothing after the call's start")
	case since.oldest != r.mark+1:
		return fmt.Errorf("the trace kept no longer reaches back to the call's start (generation %d, the call began in %d)", since.oldest, r.mark+1)
	}
	return nil
}

// The batch types of the trace's wire format (internal/trace/tracev2)
// that a flight recorder's snapshot is made of, one Write each: the
// runtime's event batches, which begin with their generation, and the
// one-byte end of a generation, after its batches.
const (
	evEventBatch        = 1
	evExperimentalBatch = 49
	evEndOfGeneration   = 52
)

// traceHeader begins every trace, e.g. "go 1.26 trace\x00\x00\x00".
var traceHeader = []byte("go 1.")

// generations reads a snapshot as runtime/trace's FlightRecorder writes
// it, the header and then one batch a Write: it notes the newest
// generation and, with w set, writes on the header and every batch of a
// generation after after (the ends of those generations included).
type generations struct {
	after uint64
	w     io.Writer
	// header is set once the header was seen.
	header bool
	// batches counts the event batches, kept those written on to w, and
	// newest and oldest are the generations seen and kept.
	batches, kept  int
	newest, oldest uint64
	// keeping is whether the last batch was kept (a generation's end
	// goes with its batches).
	keeping bool
	err     error
}

func (g *generations) Write(p []byte) (int, error) {
	if g.err != nil {
		return len(p), nil
	}
	if !g.header {
		if len(p) != 16 || !bytes.HasPrefix(p, traceHeader) {
			g.err = fmt.Errorf("the trace begins with %q, not a Go trace's header", p[:min(len(p), 16)])
			return len(p), nil
		}
		g.header = true
		return g.write(p)
	}
	if len(p) == 1 && p[0] == evEndOfGeneration {
		if g.keeping {
			return g.write(p)
		}
		return len(p), nil
	}
	gen, ok := batchGeneration(p)
	if !ok {
		g.err = fmt.Errorf("a batch of the trace is not one this reads (type %d, %d bytes)", p[0], len(p))
		return len(p), nil
	}
	g.batches++
	g.newest = max(g.newest, gen)
	g.keeping = gen > g.after
	if !g.keeping {
		return len(p), nil
	}
	if g.kept == 0 || gen < g.oldest {
		g.oldest = gen
	}
	g.kept++
	return g.write(p)
}

// write passes p on to w, when there is one.
func (g *generations) write(p []byte) (int, error) {
	if g.w == nil {
		return len(p), nil
	}
	if _, err := g.w.Write(p); err != nil {
		g.err = err
	}
	return len(p), nil
}

// batchGeneration is the generation of an event batch, from its header.
func batchGeneration(p []byte) (uint64, bool) {
	var rest []byte
	switch {
	case len(p) > 1 && p[0] == evEventBatch:
		rest = p[1:]
	case len(p) > 2 && p[0] == evExperimentalBatch: // after the experiment's byte
		rest = p[2:]
	default:
		return 0, false
	}
	gen, n := binary.Uvarint(rest)
	return gen, n > 0
}
