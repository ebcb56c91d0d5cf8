package grader

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"parlab/grader/contract"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

var reliabilityExercise = flag.String("reliability-exercise", "histogram", "the exercise TestFasterReliability grades")

// cheats are each timed exercise's submissions that must never pass the
// faster check nor skip it: correct but serial, or cheating the timing.
var cheats = map[string][]string{
	"histogram":   {"serial", "one-goroutine", "gomaxprocs", "init-spinners", "timer-burners", "burners-skip"},
	"mergesort":   {"serial", "sandbagging", "reads-gomaxprocs", "timer-burners"},
	"scalability": {"serial-pi", "skips-at-timing-size", "less-work-when-timed", "sandbagging", "spinner"},
}

var reliabilityOnly = flag.String("reliability-only", "", "grade only the submissions whose name (solution, or a cheat's) matches this regular expression")

var reliabilityPerturb = flag.Bool("reliability-perturb", false, "perturb every grade at random: a stack padding and an input offset added to every timed call's, and filler code before the learner's (see TestPlacementSweep)")

var reliability = flag.Int("reliability", 0, "grade the model solution and each cheat this many times and print the faster check's statistics")

// TestFasterReliability is the faster check's reliability script. It runs
// only when asked:
//
//	go test ./grader -run TestFasterReliability -reliability 20 -v [-reliability-exercise mergesort] [-reliability-only solution]
//
// and, to see the verdicts on a busy machine, with one CPU hog beside it:
//
//	yes >/dev/null & go test ./grader -run TestFasterReliability -reliability 20 -v; kill %1
//
// It prints the load average before and after, and per submission the
// pass/fail/skip counts, the distribution of S, of the self-speedup, of
// S_cal, of the margin over the bar
// (the smaller of S/required and self/self-required, less 1: the
// binding bar), of the repetitions used, of the timing phase's
// time and of the whole grade's. It fails if the model solution ever fails the faster check, or if
// a cheat ever passes or skips it.
func TestFasterReliability(t *testing.T) {
	if *reliability <= 0 {
		t.Skip("pass -reliability N to run")
	}
	root, _ := filepath.Abs("..")
	spec, err := exercise.Lookup(*reliabilityExercise)
	if err != nil {
		t.Fatal(err)
	}
	type submission struct {
		name, dir string
		model     bool
	}
	subs := []submission{{"solution", filepath.Join(root, spec.SolutionDir()), true}}
	for _, c := range cheats[spec.Name] {
		subs = append(subs, submission{c, filepath.Join("testdata", spec.Name, c), false})
	}
	only, err := regexp.Compile(*reliabilityOnly)
	if err != nil {
		t.Fatalf("-reliability-only: %v", err)
	}
	t.Logf("load average before: %s", loadAverage())
	for _, sub := range subs {
		if !only.MatchString(sub.name) {
			continue
		}
		dir, _ := filepath.Abs(sub.dir)
		counts := map[verdict.Status]int{}
		var s, self, scal, margin, reps, timing, total []float64
		for range *reliability {
			start := time.Now()
			opts := Options{Root: root, Dir: dir}
			if *reliabilityPerturb {
				opts.Dir = withFiller(t, dir, rand.IntN(100))
				opts.timingEnv = []string{fmt.Sprintf("%s=stack=%d,input=%d", contract.PlacementEnv, rand.IntN(4096), rand.IntN(4096))}
			}
			res, err := Grade(context.Background(), spec, opts)
			if err != nil {
				t.Fatal(err)
			}
			total = append(total, time.Since(start).Seconds())
			c := res.Check(verdict.Faster)
			counts[c.Status]++
			if sp := res.Speedup; sp != nil && sp.Required > 0 {
				s = append(s, sp.Speedup)
				self = append(self, sp.SelfSpeedup)
				scal = append(scal, sp.Calibration)
				margin = append(margin, sp.Margin())
				reps = append(reps, float64(sp.Reps))
			}
			for _, p := range res.Phases {
				if p.Name == "timing" {
					timing = append(timing, p.Duration.Seconds())
				}
			}
			if (sub.model && c.Status == verdict.Fail) || (!sub.model && c.Status != verdict.Fail) {
				t.Errorf("%s: faster %s: %s", sub.name, c.Status, c.Message)
			}
		}
		t.Logf("%-16s pass %2d  fail %2d  skip %2d   S %s   self %s   S_cal %s   margin %s   reps %s   timing %ss   grade %ss", sub.name,
			counts[verdict.Pass], counts[verdict.Fail], counts[verdict.Skip], dist(s), dist(self), dist(scal), dist(margin), dist(reps), dist(timing), dist(total))
	}
	t.Logf("load average after: %s", loadAverage())
}

// dist is "median m (min-max)" of xs.
func dist(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	sort.Float64s(xs)
	return fmt.Sprintf("%.2f (%.2f-%.2f)", xs[len(xs)/2], xs[0], xs[len(xs)-1])
}

// loadAverage is /proc/loadavg's 1, 5 and 15 minute figures, with the
// time, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ") + " at " + time.Now().UTC().Format("15:04:05")
}
