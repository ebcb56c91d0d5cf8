// Package study carries a scaling study from a hidden suite to the grader:
// the suite measures the learner's Strong and Weak on a real workload and
// prints one marker line, which the grader reads back.
package study

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"

	"parlab/grader/verdict"
	"parlab/reference"
)

// Env set to "1" makes a suite's study test run; otherwise it skips.
const Env = "PARLAB_STUDY"

// MarkerPrefix starts the marker line; the run's nonce follows it.
const MarkerPrefix = "PARLAB-STUDY "

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

// Marker is the line a suite prints to hand s to the grader.
func Marker(nonce string, s verdict.Study) string {
	b, err := json.Marshal(s)
	if err != nil {
		// A study holds only finite numbers (NaN and Inf are left out
		// above), so this cannot happen; say so rather than lose it.
		return MarkerPrefix + nonce + ` {"workload":"error: ` + err.Error() + `"}`
	}
	return MarkerPrefix + nonce + " " + string(b)
}

// Parse finds the marker of the run with nonce in log.
func Parse(log, nonce string) (*verdict.Study, bool) {
	prefix := MarkerPrefix + nonce + " "
	i := strings.LastIndex(log, prefix)
	if i < 0 {
		return nil, false
	}
	var s verdict.Study
	if err := json.NewDecoder(strings.NewReader(log[i+len(prefix):])).Decode(&s); err != nil {
		return nil, false
	}
	return &s, true
}

func timeOf(ns int64) time.Duration { return time.Duration(ns) }

// finite maps NaN and the infinities, which JSON cannot carry, to 0.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
