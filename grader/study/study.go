// Package study carries a scaling study from a hidden suite to the grader:
// the suite measures the learner's Strong and Weak on a real workload and
// hands it over with suitekit.Emit, and the grader reads it back from the
// run's report file.
package study

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"parlab/grader/verdict"
	"parlab/reference"
)

// Env set to "1" makes a suite's study test run; otherwise it skips.
const Env = "PARLAB_STUDY"

// SampleKind is the kind under which a suite hands its study to the
// grader (suitekit.Emit); the grader reads it from the run's report file.
const SampleKind = "study"

// maxRows bounds each table of a study a suite hands over.
const maxRows = 64

// Point is what a learner's Strong or Weak returns for one worker count.
type Point struct {
	Workers, Size       int
	Time                int64 // nanoseconds
	Speedup, Efficiency float64
}

// Build turns the learner's two tables into a Study, adding Amdahl's bound
// and Gustafson's law for the serial fraction that the strong table's
// Karp-Flatt values imply.
func Build(workload string, strong, weak []Point) verdict.Study {
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
	s := verdict.Study{Workload: workload, SerialFraction: f}
	for _, p := range strong {
		s.Strong = append(s.Strong, row(p, reference.Amdahl(f, p.Workers)))
	}
	for _, p := range weak {
		s.Weak = append(s.Weak, row(p, reference.Gustafson(f, p.Workers)))
	}
	return s
}

func row(p Point, law float64) verdict.StudyRow {
	r := verdict.StudyRow{Workers: p.Workers, Size: p.Size, Time: timeOf(p.Time), Speedup: finite(p.Speedup),
		Efficiency: finite(p.Efficiency), Law: finite(law)}
	if kf := reference.KarpFlatt(p.Speedup, p.Workers); !math.IsNaN(kf) && !math.IsInf(kf, 0) {
		r.KarpFlatt = &kf
	}
	return r
}

// Decode reads a study a suite handed over and checks its shape: a study
// is shown, not graded, but the report must not print whatever arrives.
func Decode(raw []byte) (*verdict.Study, error) {
	var s verdict.Study
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("the study does not decode: %v", err)
	}
	if len(s.Strong) > maxRows || len(s.Weak) > maxRows || len(s.Workload) > 100 {
		return nil, fmt.Errorf("the study is larger than any the suite builds (%d and %d rows)", len(s.Strong), len(s.Weak))
	}
	return &s, nil
}

func timeOf(ns int64) time.Duration { return time.Duration(ns) }

// finite maps NaN and the infinities, which JSON cannot carry, to 0.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
