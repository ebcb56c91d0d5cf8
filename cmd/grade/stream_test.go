package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/verdict"
)

// fakeResult is a passing grade of spec's model answer, as a fake grader
// returns it.
func fakeResult(spec exercise.Spec) *verdict.Result {
	r := &verdict.Result{Exercise: spec.Name, Target: filepath.Join("solutions", spec.Name)}
	for _, name := range spec.Checks() {
		r.Checks = append(r.Checks, verdict.Check{Name: name, Status: verdict.Pass, MaxScore: spec.Points[name], Message: "fine: " + string(name)})
	}
	r.Tally()
	return r
}

// pausedGrader is a fake grader that decides the builds check, tells
// paused, and decides the rest once resume is closed: the test looks at
// the output in between, with no clock involved.
func pausedGrader(t *testing.T, paused, resume chan struct{}) {
	t.Helper()
	saved := gradeFn
	t.Cleanup(func() { gradeFn = saved })
	gradeFn = func(ctx context.Context, spec exercise.Spec, opts grader.Options) (*verdict.Result, error) {
		r := fakeResult(spec)
		if opts.Decided != nil {
			opts.Decided(r.Checks[0])
		}
		close(paused)
		<-resume
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if opts.Decided != nil {
			for _, c := range r.Checks[1:] {
				opts.Decided(c)
			}
		}
		return r, nil
	}
}

// TestExerciseStreamsTheHumanReport: the builds line is on stdout while
// the grade still runs, and the whole stream is the report of the result.
func TestExerciseStreamsTheHumanReport(t *testing.T) {
	paused, resume := make(chan struct{}), make(chan struct{})
	pausedGrader(t, paused, resume)
	var out syncBuffer
	var errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), &out, &errb, []string{"grade", "exercise", "histogram", "--solution"})
	}()
	<-paused
	if got := out.String(); !strings.Contains(got, "PASS  builds") || strings.Contains(got, "started") || strings.Contains(got, "score") {
		t.Fatalf("while the grade runs, stdout holds:\n%s", got)
	}
	close(resume)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	spec, _ := exercise.Lookup("histogram")
	var whole bytes.Buffer
	if err := report.Text(&whole, fakeResult(spec), report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if out.String() != whole.String() {
		t.Errorf("streamed:\n%s\nwhole report:\n%s", out.String(), whole.String())
	}
}

// TestExerciseJSONIsOneDocument: the machine formats are written whole,
// once the grade is done, never line by line.
func TestExerciseJSONIsOneDocument(t *testing.T) {
	paused, resume := make(chan struct{}), make(chan struct{})
	pausedGrader(t, paused, resume)
	var out syncBuffer
	var errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), &out, &errb, []string{"grade", "exercise", "histogram", "--solution", "--format", "json"})
	}()
	<-paused
	if got := out.String(); got != "" {
		t.Fatalf("JSON written while the grade runs: %q", got)
	}
	close(resume)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasPrefix(got, "{") || !strings.Contains(got, `"builds"`) {
		t.Errorf("JSON report: %s", got)
	}
}

// TestWatchStreamsAndSaysWhenStopped: in watch mode the report streams
// too, and a grade stopped by a newer save says so after its lines.
func TestWatchStreamsAndSaysWhenStopped(t *testing.T) {
	spec, _ := exercise.Lookup("histogram")
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	req := request{spec: spec, root: root, format: report.FormatHuman,
		opts: grader.Options{Root: root, Dir: filepath.Join(root, spec.SolutionDir())}}

	paused, resume := make(chan struct{}), make(chan struct{})
	pausedGrader(t, paused, resume)
	var out, errb syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { gradeOnce(ctx, req, false, &out, &errb); close(done) }()
	<-paused
	if !strings.Contains(out.String(), "PASS  builds") {
		t.Fatalf("no builds line while the grade runs:\n%s", out.String())
	}
	cancel()
	close(resume)
	<-done
	if got := out.String(); !strings.Contains(got, "stopped before the end") || strings.Contains(got, "score") {
		t.Errorf("a stopped grade's report:\n%s", got)
	}

	paused, resume = make(chan struct{}), make(chan struct{})
	pausedGrader(t, paused, resume)
	out = syncBuffer{}
	close(resume)
	gradeOnce(context.Background(), req, false, &out, &errb)
	if got := out.String(); !strings.Contains(got, "PASS  terminates") || !strings.Contains(got, "all checks passed") || !strings.Contains(got, "watching") {
		t.Errorf("a finished grade's report:\n%s\nstderr: %s", got, errb.String())
	}
}
