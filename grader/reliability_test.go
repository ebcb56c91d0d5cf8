package grader

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

var reliabilityExercise = flag.String("reliability-exercise", "histogram", "the exercise TestFasterReliability grades")

// serialFixture is each timed exercise's correct-but-serial submission.
var serialFixture = map[string]string{"histogram": "serial", "mergesort": "serial", "scalability": "serial-pi"}

var reliability = flag.Int("reliability", 0, "grade the model solution and the serial fixture this many times each and print the faster check's statistics")

// TestFasterReliability is the faster check's reliability script. It runs
// only when asked:
//
//	go test ./grader -run TestFasterReliability -reliability 20 -v [-reliability-exercise mergesort]
//
// and, to see the verdicts on a busy machine, with one CPU hog beside it:
//
//	yes >/dev/null & go test ./grader -run TestFasterReliability -reliability 20 -v; kill %1
//
// It prints the pass/fail/skip counts and the distribution of S and S_cal
// for each submission, and fails if the model solution ever fails the
// faster check or the serial one ever passes it.
func TestFasterReliability(t *testing.T) {
	if *reliability <= 0 {
		t.Skip("pass -reliability N to run")
	}
	root, _ := filepath.Abs("..")
	spec, err := exercise.Lookup(*reliabilityExercise)
	if err != nil {
		t.Fatal(err)
	}
	serial, ok := serialFixture[spec.Name]
	if !ok {
		t.Fatalf("no serial fixture known for %s", spec.Name)
	}
	for _, sub := range []struct {
		name, dir string
		mayPass   bool
	}{
		{"solution", filepath.Join(root, spec.SolutionDir()), true},
		{"serial", filepath.Join("testdata", spec.Name, serial), false},
	} {
		dir, _ := filepath.Abs(sub.dir)
		counts := map[verdict.Status]int{}
		var s, scal []float64
		for range *reliability {
			res, err := Grade(context.Background(), spec, Options{Root: root, Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			c := res.Check(verdict.Faster)
			counts[c.Status]++
			if res.Speedup != nil {
				s = append(s, res.Speedup.Speedup)
				scal = append(scal, res.Speedup.Calibration)
			}
			if (c.Status == verdict.Pass && !sub.mayPass) || (c.Status == verdict.Fail && sub.mayPass) {
				t.Errorf("%s: faster %s: %s", sub.name, c.Status, c.Message)
			}
		}
		t.Logf("%-8s pass %d  fail %d  skip %d   S %s   S_cal %s", sub.name,
			counts[verdict.Pass], counts[verdict.Fail], counts[verdict.Skip], dist(s), dist(scal))
	}
}

// dist is "median m (min-max)" of xs.
func dist(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	sort.Float64s(xs)
	return fmt.Sprintf("median %.2f (%.2f-%.2f)", xs[len(xs)/2], xs[0], xs[len(xs)-1])
}
