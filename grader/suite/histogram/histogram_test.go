//go:build parlabsuite

package histogram_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"parlab/exercises/histogram"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/reference"
)

// seeds make the random inputs reproducible: a failure names its seed.
var seeds = []uint64{1, 2, 3, 42, 2026}

func randomPixels(n int, seed uint64) []uint8 {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := make([]uint8, n)
	for i := range p {
		p[i] = uint8(rng.UintN(256))
	}
	return p
}

func filled(n int, v uint8) []uint8 {
	p := make([]uint8, n)
	for i := range p {
		p[i] = v
	}
	return p
}

// input is one named test input.
type input struct {
	desc   string
	pixels []uint8
}

func edgeInputs() []input {
	return []input{
		{"no pixels", []uint8{}},
		{"a nil slice", nil},
		{"1 pixel", []uint8{200}},
		{"3 pixels", []uint8{0, 255, 0}},
		{"1000 pixels all 255", filled(1000, 255)},
		{"1000 pixels all 0", filled(1000, 0)},
		{"the notebook's 97x131 test image", reference.TestImage(131, 97, 42).Pix},
	}
}

func randomInputs(sizes ...int) []input {
	var in []input
	for _, n := range sizes {
		for _, s := range seeds {
			in = append(in, input{fmt.Sprintf("%d random pixels (seed %d)", n, s), randomPixels(n, s)})
		}
	}
	return in
}

func TestChunk(t *testing.T) {
	kit.Begin(t)
	for _, in := range append(edgeInputs(), randomInputs(10_000)...) {
		orig := slices.Clone(in.pixels)
		got := kit.CallOn(t, "Chunk(pixels)", len(in.pixels), func() [histogram.Bins]int { return histogram.Chunk(in.pixels) })
		if t.Failed() {
			return
		}
		if !kit.EqualAt(t, "Chunk on "+in.desc, "the count of grey level", got, reference.Histogram(orig)) {
			return
		}
		if !slices.Equal(in.pixels, orig) {
			kit.Fatal(t, contract.CheckCorrect, "Chunk on %s modified its input: it must only read pixels", in.desc)
		}
	}
}

func TestParallel(t *testing.T) {
	kit.Begin(t)
	cases := edgeInputs()
	cases = append(cases, randomInputs(7, 1001, 100_003)...)
	workers := []int{1, 2, 3, 4, 7, 8, 16}
	for _, in := range cases {
		want := reference.Histogram(in.pixels)
		for _, w := range workers {
			if !parallelMatches(t, in, w, want) {
				return
			}
		}
	}
}

// TestParallelMoreWorkersThanPixels covers n < workers, where a naive
// split makes empty or negative chunks.
func TestParallelMoreWorkersThanPixels(t *testing.T) {
	kit.Begin(t)
	for _, n := range []int{0, 1, 2, 5} {
		in := input{fmt.Sprintf("%d random pixels (seed 9)", n), randomPixels(n, 9)}
		want := reference.Histogram(in.pixels)
		for _, w := range []int{n + 1, 8, 33} {
			if !parallelMatches(t, in, w, want) {
				return
			}
		}
	}
}

// TestParallelRemainder covers lengths that do not divide by workers: the
// last pixels must be counted too.
func TestParallelRemainder(t *testing.T) {
	kit.Begin(t)
	for _, n := range []int{10, 99, 1023, 65_537} {
		in := input{fmt.Sprintf("%d random pixels (seed 5)", n), randomPixels(n, 5)}
		want := reference.Histogram(in.pixels)
		for _, w := range []int{3, 4, 6, 9} {
			if !parallelMatches(t, in, w, want) {
				return
			}
		}
	}
}

// TestParallelDefaultWorkers covers workers < 1, which means GOMAXPROCS.
func TestParallelDefaultWorkers(t *testing.T) {
	kit.Begin(t)
	for _, in := range append(edgeInputs(), randomInputs(50_001)...) {
		want := reference.Histogram(in.pixels)
		for _, w := range []int{0, -1, -8} {
			if !parallelMatches(t, in, w, want) {
				return
			}
		}
	}
}

// parallelMatches checks Parallel(in.pixels, workers) against want, the
// reference's histogram of in.pixels (worked out once per input, not once
// per worker count).
func parallelMatches(t *testing.T, in input, workers int, want [histogram.Bins]int) bool {
	t.Helper()
	orig := slices.Clone(in.pixels)
	what := fmt.Sprintf("Parallel(pixels, %d)", workers)
	got := kit.CallOn(t, what, len(in.pixels), func() [histogram.Bins]int { return histogram.Parallel(in.pixels, workers) })
	if t.Failed() {
		return false
	}
	if !kit.EqualAt(t, what+" on "+in.desc, "the count of grey level", got, want) {
		return false
	}
	if !slices.Equal(in.pixels, orig) {
		kit.Fatal(t, contract.CheckCorrect, "%s on %s modified its input: it must only read pixels", what, in.desc)
	}
	return true
}

// TestNothingStartsLater runs after the tests of small inputs (and
// TestTimedSize, which runs last, ends with the same check): a goroutine
// that a timer starts after the call that set it has returned is a leak
// the check after each call cannot see.
func TestNothingStartsLater(t *testing.T) {
	kit.Begin(t)
	kit.NoLateGoroutines(t)
}
