package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// TestTimingRunsAtTheEnd: a batch grades every student with the timing
// left for later, then measures each pending faster check by its digest
// alone (grader.Time), after the last student's grade; a submission whose
// files changed in between (grader.ErrChanged) is graded again, whole.
func TestTimingRunsAtTheEnd(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	students := []string{"ann", "bob", "cid"}
	var mu sync.Mutex
	var log []string
	savedGrade, savedTime := gradeFn, timeFn
	t.Cleanup(func() { gradeFn, timeFn = savedGrade, savedTime })
	gradeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		student := filepath.Base(filepath.Dir(opts.Dir))
		mu.Lock()
		log = append(log, fmt.Sprintf("grade %s defer=%v", student, opts.DeferTiming))
		mu.Unlock()
		r := &verdict.Result{Exercise: spec.Name, Checks: []verdict.Check{
			{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1},
			{Name: verdict.Faster, Status: verdict.Pass, MaxScore: 2},
		}}
		if opts.DeferTiming {
			r.Checks[1] = verdict.Check{Name: verdict.Faster, Status: verdict.Skip, Unjudged: true, Pending: 2}
			r.Digest = "digest-" + student
		}
		r.Tally()
		return r, nil
	}
	timeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		student := filepath.Base(filepath.Dir(opts.Dir))
		mu.Lock()
		log = append(log, "time "+student+" "+opts.Digest)
		mu.Unlock()
		if student == "bob" {
			return nil, grader.ErrChanged
		}
		return &verdict.Result{Exercise: spec.Name, Checks: []verdict.Check{{Name: verdict.Faster, Status: verdict.Pass, MaxScore: 2}},
			Speedup: &verdict.Speedup{Workers: 2, Speedup: 1.8}}, nil
	}
	heard := 0
	timing := func(n int) {
		heard = n
		log = append(log, "timing") // no grade runs now: only the timings follow
	}
	recs, err := Run(context.Background(), Config{Root: fakeClass(t, students...), Out: t.TempDir(), Exercises: []exercise.Spec{spec}, Jobs: 2, Similarity: SimilarityConfig{Off: true}, Timing: timing})
	if err != nil {
		t.Fatal(err)
	}
	if heard != len(students) || log[len(students)] != "timing" {
		t.Errorf("Timing heard %d pending checks, at step %d of %q; want %d, once every student was graded", heard, slices.Index(log, "timing"), log, len(students))
	}
	for _, r := range recs {
		if res := r.Exercises["histogram"]; len(r.Pending()) != 0 || res.Score != 3 {
			t.Errorf("%s: pending %v, score %d; want every faster check measured, full marks", r.Student, r.Pending(), res.Score)
		}
	}
	for i, s := range log {
		if deferred := strings.HasSuffix(s, "defer=true"); deferred != (i < len(students)) {
			t.Errorf("step %d: %s; want every student graded first, with the timing deferred, then the timings: %q", i, s, log)
		}
	}
	for _, want := range []string{"time ann digest-ann", "time bob digest-bob", "grade bob defer=false", "time cid digest-cid"} {
		if !slices.Contains(log, want) {
			t.Errorf("no %q in %q", want, log)
		}
	}
	if n := len(log); n != 8 {
		t.Errorf("%d steps, want 8 (3 grades, the timing line, 3 timings, bob graded again): %q", n, log)
	}
}

// TestRepeatedFiles: the digests of an exercise's files that more than
// one student's folder holds, and no others.
func TestRepeatedFiles(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	class := fakeClass(t, "ann", "bob", "cid")
	for student, text := range map[string]string{"ann": "package histogram\n", "bob": "package histogram\n", "cid": "package histogram // cid\n"} {
		if err := os.WriteFile(filepath.Join(class, student, "histogram", "histogram.go"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	subs, err := Discover(class)
	if err != nil {
		t.Fatal(err)
	}
	got := repeated(subs, []exercise.Spec{spec})
	ann, err := grader.Digest(spec, subs[0].Path, filepath.Join(subs[0].Path, "histogram"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{ann}; len(got) != 1 || !slices.Equal(got["histogram"], want) {
		t.Errorf("repeated = %v, want ann's and bob's digest alone, %v", got, want)
	}
}
