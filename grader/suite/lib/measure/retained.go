package measure

import (
	"fmt"
	"reflect"
	"runtime"
	"runtime/metrics"
)

// Code can reach the grader's timings through the garbage collector:
// whatever a call leaves reachable (a package-level variable) the
// collector marks again in every cycle, and the heap it leaves sets how
// often the collector runs and how much fresh memory the next
// allocations touch. The serial merge sort allocates at every level and
// runs several cycles in each timed call. A submission that kept a
// linked list of 0 to 2 million nodes, its size drawn anew every call,
// made the reference's time vary by 38-42% and the calibration by
// 21-30%: the machine looked unsteady, and barely parallel code was
// skipped (its points out of the maximum) instead of failed; with the
// list built beside its serial work, it pulled the calibration down and
// passed at 1.74-2.10x against a bar lowered to 1.16-1.25x. Another kept
// a slice of ints, no pointers, of 0, 128 or 256 MiB, and was skipped
// the same way. No exercise needs memory kept between calls, so before
// every timed item, right after a collection, the heap is held to what
// it was before the learner's code was first called plus what the
// harness itself holds then (the inputs it keeps for reuse, the answers
// of the repetition so far, the trace of the call it chose): memory
// holding pointers, which the collector marks, to retainLimit beyond
// it, and all memory to liveLimit beyond it (the tracer's own buffers,
// up to maxKeptTrace, grow and shrink within that).

const (
	// retainLimit is how much more scannable heap than at the start may
	// be reachable between calls: the harness's own bookkeeping grows by
	// kilobytes, and a list that moves the reference's time by a few
	// percent takes tens of megabytes.
	retainLimit = 2 << 20
	// liveLimit is how much more live heap than at the start, beyond the
	// inputs, answers and kept trace the harness holds, may be reachable
	// between calls: the flight recorder's buffers (up to maxKeptTrace,
	// 16 MiB, and the generation being written, as large again for a
	// call whose trace is that large; at most 16.7 MB measured under the
	// model merge sort) and room for as much again. A slice of 128 MiB,
	// there every other call, had barely parallel code skipped.
	liveLimit = 64 << 20
)

// The runtime's counts, as of the last completed collection.
const (
	scanMetric = "/gc/scan/heap:bytes"
	liveMetric = "/gc/heap/live:bytes"
)

// heap is the scannable and the live heap after the last collection, and
// whether the runtime reports both.
func heap() (scan, live uint64, ok bool) {
	samples := []metrics.Sample{{Name: scanMetric}, {Name: liveMetric}}
	metrics.Read(samples)
	for _, s := range samples {
		if s.Value.Kind() != metrics.KindUint64 {
			return 0, 0, false
		}
	}
	return samples[0].Value.Uint64(), samples[1].Value.Uint64(), true
}

// collect runs a garbage collection before a timed item (which gets one
// more of its own, just before its timing) and sets Tampered when the
// learner's code has left more memory reachable than the limits allow;
// held is what the harness holds beyond its kept inputs (answers), and
// before names the item about to be timed, for the message.
func (m *measurer[In, Out]) collect(before string, held uint64) {
	runtime.GC()
	if m.s.Tampered != "" || !m.heapKnown {
		return
	}
	scan, live, ok := heap()
	if !ok {
		return
	}
	harness := m.liveStart + inputs.bytes() + uint64(cap(m.kept)) + held
	switch {
	case scan > m.scanStart+retainLimit:
		m.s.Tampered = fmt.Sprintf("before the grader timed %s, your code had left %.1f MiB of memory holding pointers reachable between calls (%.1f MiB when it was first called): the garbage collector marks it again in every collection, the serial reference's included, which moves the timings, so no speed can be judged. Keep what a call allocates inside the call: nothing in a package-level variable",
			before, mib(scan), mib(m.scanStart))
	case live > harness+liveLimit:
		m.s.Tampered = fmt.Sprintf("before the grader timed %s, your code had left %.1f MiB of memory reachable between calls: the heap it leaves sets how often the garbage collector runs and how much fresh memory the next calls touch, the serial reference's included, which moves the timings, so no speed can be judged. Keep what a call allocates inside the call: nothing in a package-level variable",
			before, mib(live-harness))
	}
}

// startHeap notes the heap before the learner's code is first called,
// after a collection.
func (m *measurer[In, Out]) startHeap() {
	runtime.GC()
	m.scanStart, m.liveStart, m.heapKnown = heap()
}

// sizeOf is the memory v holds: a slice's elements, or v itself.
func sizeOf(v any) uint64 {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice:
		return uint64(rv.Cap()) * uint64(rv.Type().Elem().Size())
	case reflect.Invalid:
		return 0
	}
	return uint64(rv.Type().Size())
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
