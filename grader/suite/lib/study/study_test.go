package study

import (
	"encoding/json"
	"math"
	"testing"

	"parlab/grader/contract"
)

func TestBuildAddsTheLaws(t *testing.T) {
	strong := []Point{{1, 1000, 100, 1, 1}, {2, 1000, 55, 100.0 / 55, 100.0 / 110}, {4, 1000, 40, 2.5, 0.625}}
	weak := []Point{{1, 500, 50, 1, 1}, {2, 1000, 52, 2 * 50.0 / 52, 50.0 / 52}}
	s := Build("Work", strong, weak)
	// Karp-Flatt at 2 workers: (1/1.818-1/2)/(1/2) = 0.1; at 4: (0.4-0.25)/0.75 = 0.2.
	// The median of the two (the upper one) is 0.2.
	if math.Abs(s.SerialFraction-0.2) > 1e-9 {
		t.Errorf("serial fraction = %v, want 0.2", s.SerialFraction)
	}
	if s.Strong[0].KarpFlatt != nil {
		t.Errorf("Karp-Flatt at one worker = %v, want none", *s.Strong[0].KarpFlatt)
	}
	if kf := s.Strong[1].KarpFlatt; kf == nil || math.Abs(*kf-0.1) > 1e-9 {
		t.Errorf("Karp-Flatt at 2 workers = %v, want 0.1", kf)
	}
	if want := 1 / (0.2 + 0.8/4); math.Abs(s.Strong[2].Law-want) > 1e-9 {
		t.Errorf("Amdahl at 4 = %v, want %v", s.Strong[2].Law, want)
	}
	if want := 2 - 0.2; math.Abs(s.Weak[1].Law-want) > 1e-9 {
		t.Errorf("Gustafson at 2 = %v, want %v", s.Weak[1].Law, want)
	}
}

// TestBuildEncodes: a study with non-finite values still goes over the
// wire, as zeros, and the grader's decoding takes it.
func TestBuildEncodes(t *testing.T) {
	s := Build("Work", []Point{{1, 10, 100, 1, 1}, {2, 10, 0, math.Inf(1), math.NaN()}}, nil)
	raw, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("a study with non-finite values does not encode: %v", err)
	}
	got, err := contract.DecodeStudy(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got.Workload != "Work" || len(got.Strong) != 2 || got.Strong[1].Speedup != 0 {
		t.Errorf("round trip gave %+v: non-finite values should become 0", got)
	}
}
