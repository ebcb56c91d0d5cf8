package measure

import (
	"fmt"
	"runtime"
	"runtime/metrics"
)

// Code can reach the grader's timings through the garbage collector:
// whatever a call leaves reachable (a package-level variable) the
// collector marks again in every cycle, and the serial merge sort, which
// allocates at every level, runs several cycles in each timed call. A
// submission that kept a linked list of 0 to 2 million nodes, its size
// drawn anew every call, made the reference's time vary by 38-42% and
// the calibration by 21-30%: the machine looked unsteady, and barely
// parallel code was skipped (its points out of the maximum) instead of
// failed; with the list built beside its serial work, it pulled the
// calibration down and passed at 1.74-2.10x against a bar lowered to
// 1.16-1.25x. Memory of pointers is what the collector marks, so that is
// what is watched: the scannable heap, right after the collection that
// begins every timed call, against what it was before the learner's code
// was first called. The timing inputs, the answers and the tracer's
// buffers hold no pointers, and no exercise needs memory kept between
// calls.

// retainLimit is how much more scannable heap than at the start of the
// measurement may be reachable between calls: the harness's own
// bookkeeping grows by kilobytes, and a list that shifts the reference's
// time by a few percent takes tens of megabytes.
const retainLimit = 2 << 20

// scanMetric is the runtime's count of scannable heap bytes as of the
// last completed collection.
const scanMetric = "/gc/scan/heap:bytes"

// scannableHeap is the scannable heap after the last collection, and
// whether the runtime reports it.
func scannableHeap() (uint64, bool) {
	sample := []metrics.Sample{{Name: scanMetric}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return sample[0].Value.Uint64(), true
}

// collect runs a garbage collection before a timed item (which gets one
// more of its own, just before its timing) and sets Tampered when the
// learner's code has left more than retainLimit of scannable memory
// reachable. before names the item about to be timed, for the message.
func (m *measurer[In, Out]) collect(before string) {
	runtime.GC()
	if m.s.Tampered != "" || !m.scanKnown {
		return
	}
	now, ok := scannableHeap()
	if !ok || now <= m.scanStart+retainLimit {
		return
	}
	m.s.Tampered = fmt.Sprintf("before the grader timed %s, your code had left %.1f MiB of memory holding pointers reachable between calls (%.1f MiB when it was first called): the garbage collector marks it again in every collection, the serial reference's included, which moves the timings, so no speed can be judged. Keep what a call allocates inside the call: nothing in a package-level variable",
		before, mib(now), mib(m.scanStart))
}

// startScan notes the scannable heap before the learner's code is first
// called, after a collection.
func (m *measurer[In, Out]) startScan() {
	runtime.GC()
	m.scanStart, m.scanKnown = scannableHeap()
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
