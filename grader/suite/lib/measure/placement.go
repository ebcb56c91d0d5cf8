package measure

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"parlab/grader/contract"
)

// Where a loop's data lands in memory can decide its speed: on an AMD EPYC
// (Zen 3) the serial histogram loop took 26 ms or 51 ms on the same 32 MiB
// depending only on the address of its 2 KiB stack-resident histogram
// relative to the input (4K aliasing between the stores to the histogram
// and the loads of the input stream; ../shared/experiments/histalias).
// The serial reference runs on the test goroutine's stack, the learner's
// chunks on their goroutines' own: compared at one fixed placement each,
// the comparison was a coin flip decided before the first repetition, and
// the model histogram failed 23 grades of 23 on that CPU.
//
// So no timed call runs at a placement of its own: every call of the
// reference, of the calibration's pieces and of the learner's code is made
// at a stack depth padded by a fresh random amount (up to a page, so the
// caller's frames, and the reference's histogram with them, land at every
// offset modulo 4096), and every timing input the suites allocate with
// Slice starts at a fresh random offset within a page. Each side's time is
// then a draw from the same distribution over placements, repetition
// after repetition, and the median of per-repetition ratios compares the
// code, not two addresses.

// pageSize is the span of offsets drawn: the 4 KiB over which address
// aliasing repeats (and a page on every system parlab runs on).
const pageSize = 4096

// placement draws where the next call's frames and the next input land.
// A fixed part (a perturbation, see PlacementEnv) is added to each draw,
// or replaces it when random is false.
type placement struct {
	mu     sync.Mutex
	rng    *rand.Rand
	random bool
	// stack and input are the fixed extra bytes of stack padding and of
	// input offset.
	stack, input int
}

// placer is the process's placement. Its random source is its own, not
// the measurement's: an input's bytes come from the measurement's seed
// and must be the same for the judged call and the timed reference, its
// address must not.
var placer = newPlacement(os.Getenv(contract.PlacementEnv))

// newPlacement reads a PlacementEnv value: comma-separated "stack=N",
// "input=N" (bytes added to every draw) and "fixed" (no random draw: the
// old, single placement, for comparison). A value it cannot read leaves
// the defaults (random, nothing added) and says so on stderr.
func newPlacement(spec string) *placement {
	pl := &placement{rng: rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2)), random: true}
	for _, f := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' }) {
		name, val, _ := strings.Cut(strings.TrimSpace(f), "=")
		n, err := strconv.Atoi(val)
		switch {
		case name == "fixed" && val == "":
			pl.random = false
		case name == "stack" && err == nil && n >= 0:
			pl.stack = n
		case name == "input" && err == nil && n >= 0:
			pl.input = n
		default:
			fmt.Fprintf(os.Stderr, "parlab: %s: ignoring %q (want stack=N, input=N or fixed)\n", contract.PlacementEnv, f)
		}
	}
	return pl
}

// draw is a fresh offset in [0, pageSize) in steps of align, plus extra.
func (pl *placement) draw(align, extra int) int {
	if !pl.random {
		return extra
	}
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return pl.rng.IntN(pageSize/align)*align + extra
}

// Slice returns a slice of n elements whose first element lies at a fresh
// random offset within a page (aligned for T): a suite's Kernel.NewInput
// makes its timing inputs with it, so no input has a placement of its own
// across repetitions (see placement). Outside a measurement its elements
// are zero; within one they may hold an earlier input's values (inputs),
// so NewInput must write every element.
func Slice[T any](n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if size == 0 {
		return make([]T, n)
	}
	want := placer.draw(max(size, 8), placer.input) % pageSize
	buf := takeInput[T](n + pageSize/size + 1)
	base := int(uintptr(unsafe.Pointer(&buf[0])) % pageSize)
	off := ((want-base)%pageSize + pageSize) % pageSize / size
	return buf[off : off+n : off+n]
}

// inputs keeps, during a measurement, the memory of the inputs Slice
// made, and hands it out again once the measurement recycles it. A fresh
// 32 MiB histogram input cost 11 ms to make on a 2-vCPU machine (the
// kernel faults in every page, the runtime zeroes it), 4 ms when its
// memory was an earlier input's, and the faster check makes one before
// each of its 30 to 70 timed calls: memory made fresh took more of the
// timing run than the calls it timed. Every input is still written
// afresh just before its call, at a fresh offset, and the serial
// reference and the learner's code draw their inputs from the same
// memory.
var inputs recycler

// recycler is the memory kept for inputs between a measurement's begin
// and end.
type recycler struct {
	mu   sync.Mutex
	on   bool
	kept []keptInput
}

// keptInput is one input's memory, a []T, and whether an input handed
// out since the last recycle lies in it.
type keptInput struct {
	buf   any
	taken bool
}

// takeInput returns a []T of length n: memory kept and free when there is
// some large enough, else new memory, kept when a measurement is on.
func takeInput[T any](n int) []T {
	inputs.mu.Lock()
	defer inputs.mu.Unlock()
	if !inputs.on {
		return make([]T, n)
	}
	for i := range inputs.kept {
		k := &inputs.kept[i]
		if buf, ok := k.buf.([]T); ok && !k.taken && cap(buf) >= n {
			k.taken = true
			return buf[:n]
		}
	}
	buf := make([]T, n)
	inputs.kept = append(inputs.kept, keptInput{buf: buf, taken: true})
	return buf
}

// begin starts keeping inputs' memory.
func (r *recycler) begin() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on, r.kept = true, nil
}

// recycle makes the memory of every input handed out so far free to be
// handed out again: the caller holds none of those inputs, nor any answer
// that may share their memory (a sort done in place).
func (r *recycler) recycle() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.kept {
		r.kept[i].taken = false
	}
}

// bytes is the memory of the inputs kept, in bytes.
func (r *recycler) bytes() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	total := uint64(0)
	for _, k := range r.kept {
		total += sizeOf(k.buf)
	}
	return total
}

// end stops keeping inputs' memory and lets it go.
func (r *recycler) end() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on, r.kept = false, nil
}

// atRandomDepth runs f with the caller's stack deepened by a fresh random
// number of bytes, up to a page, plus the fixed perturbation: the frames f
// and what it calls keep their locals (an inlined histogram's array, say)
// at an offset modulo 4096 drawn afresh for every call.
func atRandomDepth(f func()) {
	depth(placer.draw(frameBytes, placer.stack)/frameBytes, f)
}

// frameBytes is what one level of depth adds to the stack, as measured
// once (a compiler may lay the frame out differently across releases).
var frameBytes = measureFrame()

// depth calls f below levels frames of its own.
//
//go:noinline
func depth(levels int, f func()) {
	if levels <= 0 {
		f()
		return
	}
	depth(levels-1, f)
}

// measureFrame is the stack one level of depth takes, in bytes (at least 8).
func measureFrame() int {
	var a, b uintptr
	depth(0, func() { a = stackAddr() })
	depth(1, func() { b = stackAddr() })
	if a > b && a-b >= 8 && a-b < 1024 {
		return int(a - b)
	}
	return 8
}

// stackAddr is the address of a local of its own frame.
//
//go:noinline
func stackAddr() uintptr {
	var x byte
	return uintptr(unsafe.Pointer(&x))
}
