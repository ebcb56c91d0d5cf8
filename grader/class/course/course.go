// Package course proves the course consistent: every model answer earns
// full marks, every stub (and racefix's shipped code) earns less, and every
// stub exports exactly its model answer's API.
package course

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"parlab/grader"
	"parlab/grader/api"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
	"parlab/internal/textcut"
)

// Finding is what Verify found for one exercise.
type Finding struct {
	Exercise string
	// Solution and Stub are the grades of solutions/NAME and exercises/NAME.
	Solution, Stub *verdict.Result
	// Missing lists what the solution exports and the stub does not;
	// Extra what the stub exports and the solution does not.
	Missing, Extra []string
	// Problems says, one line each, what is inconsistent; empty when all is
	// well.
	Problems []string
	// Notes are remarks that are not problems (a speed check skipped on a
	// noisy machine).
	Notes []string
}

// OK reports whether the exercise is consistent.
func (f Finding) OK() bool { return len(f.Problems) == 0 }

// Verify grades the solution of every exercise in specs (every exercise
// when specs is empty) and its stub as shipped (the copy built into the
// grader, so a learner's work in exercises/ does not count) with opts (its
// Dir is ignored), and compares their APIs. progress, if not nil, hears
// what is being graded.
func Verify(ctx context.Context, opts grader.Options, specs []exercise.Spec, progress func(string)) ([]Finding, error) {
	if progress == nil {
		progress = func(string) {}
	}
	if len(specs) == 0 {
		specs = exercise.All()
	}
	var out []Finding
	for _, spec := range specs {
		progress(spec.Name + " solution and stub")
		f, err := verify(ctx, opts, spec)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// verify grades one exercise's solution and stub and compares them.
func verify(ctx context.Context, opts grader.Options, spec exercise.Spec) (Finding, error) {
	f := Finding{Exercise: spec.Name}
	stubDir, err := os.MkdirTemp("", "parlab-pristine-")
	if err != nil {
		return f, err
	}
	defer os.RemoveAll(stubDir)
	if err := spec.WritePristine(stubDir); err != nil {
		return f, err
	}
	// The solution and the stub are graded at once: most of a grade is a
	// build or a single-threaded test run, and the phase lock keeps any
	// timing apart.
	var stubErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f.Stub, stubErr = grade(ctx, spec, opts, stubDir)
	}()
	f.Solution, err = grade(ctx, spec, opts, spec.SolutionDir())
	wg.Wait()
	if err = errors.Join(err, stubErr); err != nil {
		return f, err
	}
	judge(&f, spec)
	if err := compareAPIs(&f, filepath.Join(opts.Root, spec.SolutionDir()), stubDir); err != nil {
		return f, err
	}
	if !samePristine(filepath.Join(opts.Root, spec.StubDir()), spec) {
		f.Notes = append(f.Notes, spec.StubDir()+" differs from the stub built into the grader (what `grade reset` restores): "+
			"fine in a learner's checkout; in the course repository run go generate ./... (which makes both from "+spec.SolutionDir()+")")
	}
	return f, nil
}

// grade grades dir, absolute or relative to the project root.
func grade(ctx context.Context, spec exercise.Spec, opts grader.Options, dir string) (*verdict.Result, error) {
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(opts.Root, dir)
	}
	opts.Dir = dir
	res, err := grader.Grade(ctx, spec, opts)
	if err != nil {
		return nil, fmt.Errorf("grading %s: %w", dir, err)
	}
	return res, nil
}

// judge holds the solution to full marks, allowing the speed check alone
// to be skipped (a busy machine, or --no-speedup), and the stub to less.
func judge(f *Finding, spec exercise.Spec) {
	for _, c := range f.Solution.Checks {
		switch {
		case c.Status == verdict.Pass:
		case c.Status == verdict.Skip && c.Name == verdict.Faster:
			f.Notes = append(f.Notes, "the solution's faster check was skipped: "+c.Message)
		default:
			f.Problems = append(f.Problems, fmt.Sprintf("the solution does not pass %s (%s): %s", c.Name, c.Status, textcut.FirstLine(c.Message)))
		}
	}
	if f.Stub.Score >= f.Stub.MaxScore {
		f.Problems = append(f.Problems, fmt.Sprintf("the stub scores full marks (%d/%d): the suite cannot tell it from a solution", f.Stub.Score, f.Stub.MaxScore))
	}
	if spec.Starter && f.Stub.Passed() {
		f.Problems = append(f.Problems, "the shipped starter code passes every check: its bugs are not caught")
	}
}

func compareAPIs(f *Finding, solutionDir, stubDir string) error {
	sol, err := api.Exported(solutionDir)
	if err != nil {
		return fmt.Errorf("reading the API of the solution: %w", err)
	}
	stub, err := api.Exported(stubDir)
	if err != nil {
		return fmt.Errorf("reading the API of the stub: %w", err)
	}
	f.Missing, f.Extra = api.Diff(stub, sol)
	for _, m := range f.Missing {
		f.Problems = append(f.Problems, "the stub lacks "+m)
	}
	for _, e := range f.Extra {
		f.Problems = append(f.Problems, "the stub exports "+e+", which the solution does not")
	}
	return nil
}

// samePristine reports whether dir holds exactly the built-in stub's .go
// files.
func samePristine(dir string, spec exercise.Spec) bool {
	files, err := spec.Pristine()
	if err != nil {
		return false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	n := 0
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".go" {
			continue
		}
		n++
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !bytes.Equal(data, files[e.Name()]) {
			return false
		}
	}
	return n == len(files)
}
