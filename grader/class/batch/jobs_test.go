package batch

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// overlapGrades makes gradeFn wait, in every call, until jobs calls are
// in flight at once (or every call of the run has started): a batch that
// graded one student at a time would never get there, and the test would
// end at go test's -timeout. The faster check it returns is pending
// (unjudged) until unjudged is false.
func overlapGrades(t *testing.T, jobs, calls int, unjudged *bool) {
	t.Helper()
	saved := gradeFn
	t.Cleanup(func() { gradeFn = saved })
	started, cond := 0, sync.NewCond(&sync.Mutex{})
	gradeFn = func(_ context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		cond.L.Lock()
		started++
		cond.Broadcast()
		for started%calls != 0 && started%calls < jobs {
			cond.Wait()
		}
		cond.L.Unlock()
		pending := *unjudged // written between runs only
		r := &verdict.Result{Exercise: spec.Name, Target: filepath.Base(opts.Dir), Checks: []verdict.Check{
			{Name: verdict.Builds, Status: verdict.Pass, MaxScore: 1},
			{Name: verdict.Faster, Status: verdict.Pass, MaxScore: 2},
		}}
		if pending {
			r.Checks[1].Status, r.Checks[1].Unjudged = verdict.Skip, true
		}
		r.Tally()
		return r, nil
	}
}

// TestStudentsAndRemeasuresOverlap: --jobs students are graded at once,
// and so are the pending faster checks measured again at the end (the
// phase lock, not the batch, keeps timing runs alone).
func TestStudentsAndRemeasuresOverlap(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	students := []string{"ann", "bob", "cid", "dee"}
	unjudged := true
	overlapGrades(t, 2, len(students), &unjudged)
	class, out := fakeClass(t, students...), t.TempDir()
	if _, err := Run(context.Background(), Config{Root: class, Out: out, Exercises: []exercise.Spec{spec}, Jobs: 2}); err != nil {
		t.Fatal(err)
	}
	unjudged = false
	recs, err := Remeasure(context.Background(), Config{Out: out, Exercises: []exercise.Spec{spec}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if len(r.Pending()) != 0 {
			t.Errorf("%s still pending after the remeasure", r.Student)
		}
	}
}
