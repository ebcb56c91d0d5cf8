package reference

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMergeSortAgreesWithSlicesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 101, 1000} {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = rng.IntN(50) - 25
		}
		orig := slices.Clone(xs)
		want := slices.Clone(xs)
		slices.Sort(want)
		if got := MergeSort(xs); !slices.Equal(got, want) {
			t.Errorf("n=%d: got %v, want %v", n, got, want)
		}
		if !slices.Equal(xs, orig) {
			t.Errorf("n=%d: MergeSort modified its input", n)
		}
	}
}

func TestMerge(t *testing.T) {
	for _, tc := range []struct{ l, r, want []int }{
		{nil, nil, []int{}},
		{[]int{1}, nil, []int{1}},
		{nil, []int{2}, []int{2}},
		{[]int{1, 3, 5}, []int{2, 3, 4}, []int{1, 2, 3, 3, 4, 5}},
		{[]int{5, 5}, []int{5}, []int{5, 5, 5}},
	} {
		if got := Merge(tc.l, tc.r); !slices.Equal(got, tc.want) {
			t.Errorf("Merge(%v, %v) = %v, want %v", tc.l, tc.r, got, tc.want)
		}
	}
}
