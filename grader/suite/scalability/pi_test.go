//go:build parlabsuite

package scalability_test

import (
	"os"
	"runtime"
	"testing"

	"parlab/exercises/scalability"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/scalabilitytests"
	"parlab/grader/suite/lib/study"
)

func TestPiWorkload(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.PiWorkload(t, funcs)
}

func TestPiWorkloadTimesItsWork(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.PiWorkloadTimesItsWork(t, funcs)
}

func TestSpeedup(t *testing.T) {
	kit.Begin(t)
	scalabilitytests.Speedup(t, funcs)
}

// TestStudy runs the learner's Strong and Weak on PiWorkload and hands the
// tables to the grader, which prints them. It runs only when asked, after
// everything else has passed.
func TestStudy(t *testing.T) {
	kit.Begin(t)
	if os.Getenv(contract.StudyEnv) != "1" {
		t.Skip("the scaling study runs only in the grader's study run")
	}
	workers := contract.WorkerCounts(runtime.GOMAXPROCS(0))
	strong, err := scalability.Strong(scalability.PiWorkload, scalabilitytests.TimingPoints, workers, 5)
	if err != nil {
		t.Fatalf("Strong: %v", err)
	}
	weak, err := scalability.Weak(scalability.PiWorkload, scalabilitytests.TimingPoints/2, workers, 5)
	if err != nil {
		t.Fatalf("Weak: %v", err)
	}
	kit.Emit(contract.StudyKind, study.Build("PiWorkload", points(strong), points(weak)))
}

func points(ps []scalability.Point) []study.Point {
	var out []study.Point
	for _, p := range ps {
		out = append(out, study.Point{Workers: p.Workers, Size: p.Size, Time: int64(p.Time), Speedup: p.Speedup, Efficiency: p.Efficiency})
	}
	return out
}
