package grader

import (
	"testing"

	"parlab/grader/verdict"
)

func TestExplains(t *testing.T) {
	for _, tc := range []struct {
		status            verdict.Status
		speedup, required float64
		want              bool
	}{
		{verdict.Fail, 1.02, 1.3, true},
		{verdict.Pass, 1.4, 1.3, true},  // narrow
		{verdict.Pass, 1.9, 1.3, false}, // clear
		{verdict.Skip, 1.0, 1.3, false}, // too busy to judge: too busy to trace
		{verdict.Error, 0, 1.3, false},
	} {
		r := &run{speedup: &verdict.Speedup{Workers: 2, Speedup: tc.speedup, Required: tc.required}}
		if got := r.explains(&verdict.Check{Status: tc.status}); got != tc.want {
			t.Errorf("%s at %.2fx of %.2fx: explains %v, want %v", tc.status, tc.speedup, tc.required, got, tc.want)
		}
	}
}
