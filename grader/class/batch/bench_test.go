package batch

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"parlab/grader"
	"parlab/grader/exercise"
)

var classSize = flag.Int("class", 10, "BenchmarkClass: how many students")

var classJobs = flag.Int("jobs", 0, "BenchmarkClass: students graded at once (grade batch --jobs); 0 is DefaultJobs, the cores")

// classVariants are, per exercise, what the students of BenchmarkClass
// hand in, in turn: the model answer ("") most often, else a scenario
// of grader/testdata (a race, a serial answer, a leak, a wrong answer,
// the stub as shipped, ...), the first attempts the scenarios stand for.
var classVariants = map[string][]string{
	"histogram":   {"", "racy", "", "serial", "leaky", "", "static-split", "compile-error", "", "stub", "atomic-bins", "", "remainder", "one-goroutine"},
	"mergesort":   {"", "serial", "", "no-wait", "merge-drops-tail", "", "goroutine-per-split", "", "stub", "serial-merge"},
	"scalability": {"", "serial-pi", "", "shared-counter", "mean", "", "locked-counter", "", "stub", "even-median"},
	"racefix":     {"", "shared-map", "", "unlocked-total", "counter-fixed", "", "global-lock", "", "stub", "lock-order", "check-then-lock"},
}

// BenchmarkClass grades a class of -class students (default 10) with
// every exercise, live, as grade batch does on this machine (--jobs its
// cores), from the model answers and the scenarios' submissions, and
// reports the time per student (s/student) besides the whole batch's, and
// the timing runs' part of it (timing-s, for timed faster checks):
//
//	go test ./grader/class/batch -run '^$' -bench Class -benchtime 1x [-class 30] [-jobs 1]
func BenchmarkClass(b *testing.B) {
	if *classSize < 1 {
		b.Skip("-class gives no student")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	class := b.TempDir()
	for i := range *classSize {
		student := filepath.Join(class, fmt.Sprintf("student%02d", i+1), "exercises")
		for name, variants := range classVariants {
			src := filepath.Join(root, "solutions", name)
			switch v := variants[i%len(variants)]; v {
			case "":
			case "stub":
				src = filepath.Join(root, "exercises", name)
			default:
				src = filepath.Join(root, "grader", "testdata", name, v)
			}
			copyGoFiles(b, src, filepath.Join(student, name))
		}
	}
	var total, timing time.Duration
	timed := 0
	for b.Loop() {
		start := time.Now()
		var timingFrom time.Time
		_, err := Run(context.Background(), Config{Root: class, Out: b.TempDir(), Exercises: exercise.All(),
			Grade: grader.Options{Root: root}, Similarity: SimilarityConfig{Off: true}, Jobs: *classJobs,
			Timing: func(n int) { timingFrom, timed = time.Now(), timed+n }})
		if err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		if !timingFrom.IsZero() {
			timing += time.Since(timingFrom)
		}
	}
	n := float64(b.N)
	b.ReportMetric(total.Seconds()/n/float64(*classSize), "s/student")
	// The timing runs, at the end, one at a time: how many, and how long
	// they took together.
	b.ReportMetric(timing.Seconds()/n, "timing-s")
	b.ReportMetric(float64(timed)/n, "timed")
}

// copyGoFiles copies the .go files of src into a new folder dst.
func copyGoFiles(b *testing.B, src, dst string) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join(src, "*.go"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no Go files in %s (%v)", src, err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(f)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
