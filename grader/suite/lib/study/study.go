// Package study builds the scaling study a hidden suite hands to the
// grader: the suite measures the learner's Strong and Weak on a real
// workload, Build adds the laws' predictions, and the suite hands the
// result over with kit.Emit as a contract.StudyKind sample, which the
// grader reads back (contract.DecodeStudy) from the run's report file.
package study

import (
	"math"
	"slices"
	"time"

	"parlab/grader/contract"
	"parlab/reference"
)

// Point is what a learner's Strong or Weak returns for one worker count.
type Point struct {
	Workers, Size       int
	Time                int64 // nanoseconds
	Speedup, Efficiency float64
}

// Build turns the learner's two tables into a Study, adding Amdahl's bound
// and Gustafson's law for the serial fraction that the strong table's
// Karp-Flatt values imply.
func Build(workload string, strong, weak []Point) contract.Study {
	var fs []float64
	for _, p := range strong {
		if kf := reference.KarpFlatt(p.Speedup, p.Workers); !math.IsNaN(kf) && !math.IsInf(kf, 0) {
			fs = append(fs, kf)
		}
	}
	f := 0.0
	if len(fs) > 0 {
		slices.Sort(fs)
		f = max(0, fs[len(fs)/2])
	}
	s := contract.Study{Workload: workload, SerialFraction: f}
	for _, p := range strong {
		s.Strong = append(s.Strong, row(p, reference.Amdahl(f, p.Workers)))
	}
	for _, p := range weak {
		s.Weak = append(s.Weak, row(p, reference.Gustafson(f, p.Workers)))
	}
	return s
}

func row(p Point, law float64) contract.StudyRow {
	r := contract.StudyRow{Workers: p.Workers, Size: p.Size, Time: timeOf(p.Time), Speedup: finite(p.Speedup),
		Efficiency: finite(p.Efficiency), Law: finite(law)}
	if kf := reference.KarpFlatt(p.Speedup, p.Workers); !math.IsNaN(kf) && !math.IsInf(kf, 0) {
		r.KarpFlatt = &kf
	}
	return r
}

func timeOf(ns int64) time.Duration { return time.Duration(ns) }

// finite maps NaN and the infinities, which JSON cannot carry, to 0.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
