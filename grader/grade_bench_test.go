package grader

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"parlab/grader/contract/speedup"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// BenchmarkGradeModelAnswer grades each exercise's model answer live, as
// `grade exercise NAME --solution` does, and reports where a grade's time
// goes: the whole grade (ns/op and s/grade), the first check decided
// (first-s: when a streamed report shows its first line), and each phase
// of the result (build-s, race-s, timing-s; build and race run overlap),
// as means, and the median of the whole grade and of the first line
// (median-s, median-first-s), which the goals are stated in.
// Issue 30's goal is a passing grade in 4 s and a first verdict in 2 s on
// a quiet 2-core machine with warm caches:
//
//	go test ./grader -run '^$' -bench GradeModelAnswer -benchtime 5x
//
// A grade whose faster check the machine could not judge is counted too
// (its timing phase ran); a failing grade of a model answer fails the
// benchmark. Its grades keep their test binaries on a shelf of their own,
// as the grade command's do (NewRecentShelf): the benchmark's first grade
// of an exercise links them, and the next find them up to date.
func BenchmarkGradeModelAnswer(b *testing.B) {
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	shelf := NewRecentShelf(filepath.Join(b.TempDir(), "shelf"), 2*len(exercise.All()))
	for _, spec := range exercise.All() {
		b.Run(spec.Name, func(b *testing.B) {
			var first, whole time.Duration
			var wholes, firsts []time.Duration
			phases := map[string]time.Duration{}
			for range b.N {
				start := time.Now()
				var firstAt time.Duration
				opts := Options{Root: root, Dir: filepath.Join(root, spec.SolutionDir()), Shelf: shelf, Decided: func(verdict.Check) {
					if firstAt == 0 {
						firstAt = time.Since(start)
					}
				}}
				res, err := Grade(context.Background(), spec, opts)
				if err != nil {
					b.Fatal(err)
				}
				if f := res.FirstFailure(); f != nil {
					b.Fatalf("the model answer failed %s: %s", f.Name, f.Message)
				}
				whole += time.Since(start)
				first += firstAt
				wholes, firsts = append(wholes, time.Since(start)), append(firsts, firstAt)
				for _, p := range res.Phases {
					phases[p.Name] += p.Duration
				}
			}
			n := float64(b.N)
			b.ReportMetric(whole.Seconds()/n, "s/grade")
			b.ReportMetric(first.Seconds()/n, "first-s")
			b.ReportMetric(speedup.Median(wholes).Seconds(), "median-s")
			b.ReportMetric(speedup.Median(firsts).Seconds(), "median-first-s")
			for name, unit := range map[string]string{verdict.PhaseBuild: "build-s", verdict.PhaseRace: "race-s", verdict.PhaseTiming: "timing-s"} {
				b.ReportMetric(phases[name].Seconds()/n, unit)
			}
		})
	}
}
