package measure

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"unsafe"
)

// TestPlacementDrawsEveryOffset: over many calls, the stack depth and the
// input's offset each land at many different offsets modulo a page, so no
// side of a comparison keeps one placement; "fixed" keeps exactly one.
func TestPlacementDrawsEveryOffset(t *testing.T) {
	saved := placer
	defer func() { placer = saved }()
	for _, tc := range []struct {
		spec     string
		distinct func(n int) bool
	}{
		{"", func(n int) bool { return n >= 32 }},
		{"stack=72,input=2048", func(n int) bool { return n >= 32 }},
		{"fixed", func(n int) bool { return n == 1 }},
		{"fixed,stack=1032,input=64", func(n int) bool { return n == 1 }},
	} {
		placer = newPlacement(tc.spec)
		stacks, inputs := map[uintptr]bool{}, map[uintptr]bool{}
		for range 200 {
			atRandomDepth(func() { stacks[stackAddr()%pageSize] = true })
			xs := Slice[int](10)
			inputs[uintptr(unsafe.Pointer(&xs[0]))%pageSize] = true
			if uintptr(unsafe.Pointer(&xs[0]))%8 != 0 || len(xs) != 10 || cap(xs) != 10 {
				t.Fatalf("%q: Slice gave a misaligned or wrongly sized slice", tc.spec)
			}
		}
		if !tc.distinct(len(stacks)) || !tc.distinct(len(inputs)) {
			t.Errorf("placement %q: %d distinct stack offsets and %d input offsets in 200 calls", tc.spec, len(stacks), len(inputs))
		}
	}
}

// TestPlacementFixedOffsetsMove: a perturbation moves the fixed placement
// by the bytes it names (the stack by whole frames).
func TestPlacementFixedOffsetsMove(t *testing.T) {
	saved := placer
	defer func() { placer = saved }()
	placer = newPlacement("fixed")
	var base uintptr
	atRandomDepth(func() { base = stackAddr() })
	placer = newPlacement("fixed,stack=1024")
	var moved uintptr
	atRandomDepth(func() { moved = stackAddr() })
	if d := int(base - moved); d < 1024-frameBytes || d > 1024+frameBytes {
		t.Errorf("stack=1024 moved the callee's frame by %d bytes (one level is %d)", d, frameBytes)
	}
	placer = newPlacement("fixed,input=64")
	xs := Slice[uint8](1)
	if off := uintptr(unsafe.Pointer(&xs[0])) % pageSize; off != 64 {
		t.Errorf("input=64 placed the input at offset %d of its page", off)
	}
}

func TestPlacementIgnoresWhatItCannotRead(t *testing.T) {
	pl := newPlacement("stack=-1,input=x,bogus")
	if !pl.random || pl.stack != 0 || pl.input != 0 {
		t.Errorf("newPlacement read junk as %+v", pl)
	}
}

// TestMeasureCallsAtRandomPlacements: in a measurement, the reference
// (timed and in the calibration's pieces) and the learner's code are each
// called at many stack offsets, and every input Slice makes lands at many
// offsets: no side keeps one placement for the whole measurement.
func TestMeasureCallsAtRandomPlacements(t *testing.T) {
	withProcs(t, 2, func() {
		k := sumKernel()
		refs, learners, inputs := map[uintptr]bool{}, map[uintptr]bool{}, map[uintptr]bool{}
		k.NewInput = func(rng *rand.Rand) []int {
			xs := Slice[int](2)
			xs[0], xs[1] = rng.IntN(1000), rng.IntN(1000)
			inputs[uintptr(unsafe.Pointer(&xs[0]))%pageSize] = true
			return xs
		}
		var mu sync.Mutex
		k.Reference = func(xs []int) int {
			mu.Lock()
			refs[stackAddr()%pageSize] = true
			mu.Unlock()
			return sum(xs)
		}
		learner := k.Learner
		k.Learner = func(xs []int, w int) int {
			learners[stackAddr()%pageSize] = true
			return learner(xs, w)
		}
		th := threeReps
		th.MinReps, th.MaxReps = 8, 8
		measure(k, 2, 0.5, quickPlan, th)
		// 8 repetitions: over 8 timed references, 16 calibration pieces,
		// 32 learner calls and 64 inputs, each with 4096/frame offsets.
		if len(refs) < 8 || len(learners) < 8 || len(inputs) < 16 {
			t.Errorf("distinct offsets modulo a page: %d of the reference's frames, %d of the learner's, %d of the inputs; each side must be called at many (atRandomDepth, Slice)",
				len(refs), len(learners), len(inputs))
		}
	})
}

// TestMeasureRecyclesInputsMemory: within a measurement, the inputs Slice
// makes come from memory kept since earlier repetitions (a fresh 32 MiB
// input cost more than the call it fed), never from the memory of an
// input of the same repetition, so an answer that shares its input's
// memory (a sort done in place) still holds at the comparison; outside a
// measurement, Slice makes new zeroed memory.
func TestMeasureRecyclesInputsMemory(t *testing.T) {
	withProcs(t, 2, func() {
		k := sortKernel(4096)
		// In place, answering with the input's own memory.
		k.Learner = func(xs []int, w int) []int {
			done := make(chan bool)
			go func() { slices.Sort(xs); done <- true }()
			<-done
			return xs
		}
		made, most := 0, 0
		newInput := k.NewInput
		k.NewInput = func(rng *rand.Rand) []int {
			xs := newInput(rng)
			inputs.mu.Lock()
			made, most = made+1, max(most, len(inputs.kept))
			inputs.mu.Unlock()
			return xs
		}
		th := threeReps
		th.MinReps, th.MaxReps = 6, 6
		s := measure(k, 2, 0.5, quickPlan, th)
		if s.Wrong != "" || s.Tampered != "" || s.Reps() != 6 {
			t.Fatalf("an in-place sort was judged: wrong %q, tampered %q, %d repetitions", s.Wrong, s.Tampered, s.Reps())
		}
		// Five inputs a repetition (two worker counts, one core, the
		// reference, the calibration), over six repetitions and the
		// warm-up: memory kept for five inputs, each used many times.
		if most < 1 || most > 5 || made < 30 {
			t.Errorf("%d inputs made in %d pieces of memory kept: want 30 or more in 1 to 5", made, most)
		}
	})
	for range 3 {
		xs := Slice[uint8](1 << 16)
		if slices.ContainsFunc(xs, func(b uint8) bool { return b != 0 }) {
			t.Fatal("outside a measurement, Slice gave memory that was not zero")
		}
		for i := range xs {
			xs[i] = 0xff
		}
	}
}
