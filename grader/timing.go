package grader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"parlab/grader/check"
	"parlab/grader/exercise"
	"parlab/grader/phaselock"
	"parlab/grader/suite"
	"parlab/grader/verdict"
	"parlab/internal/cpuinfo"
)

// ErrChanged is Time's error when the files are not those the earlier
// grade judged (Options.Digest): they must be graded again, whole.
var ErrChanged = errors.New("the submission is not what was graded: grade it again")

// Time measures the faster check of a timed exercise that an earlier
// grade with Options.DeferTiming left pending: the files must be those
// it judged (opts.Digest, else ErrChanged), and since they passed its
// other checks there is no race run: Time builds the timing binary,
// times it alone (the phase lock, exclusive), as often as the skip
// policy asks, and runs the scaling study. The Result holds the faster
// check alone, with the speedup, the study and the phases; an error
// means it measured nothing.
func Time(ctx context.Context, spec exercise.Spec, opts Options) (*verdict.Result, error) {
	opts = resolve(spec, opts)
	if !spec.Timed() || opts.NoSpeedup {
		return nil, fmt.Errorf("%s has no timing to measure", spec.Name)
	}
	start := time.Now()
	opts = withDefaults(opts)
	sub, err := readSubmission(opts.Within, opts.Dir, spec.Name)
	var notGradable *errNotGradable
	switch {
	case errors.As(err, &notGradable):
		return nil, fmt.Errorf("%w (%s)", ErrChanged, notGradable.msg)
	case err != nil:
		return nil, err
	case opts.Digest == "" || sub.digest() != opts.Digest:
		return nil, ErrChanged
	}
	// The honest check again, though these files passed it: nothing of
	// a submission is compiled before it does.
	if h := check.Honest(sub.files, check.Rules{Imports: spec.Imports, Timed: true, Bubbled: spec.Bubbled, OtherFiles: sub.others}); h.Status != verdict.Pass {
		return nil, fmt.Errorf("%w (the honest check: %s)", ErrChanged, h.Message)
	}
	ws, err := newWorkspace(opts.Root, spec, sub)
	if err != nil {
		return nil, err
	}
	defer ws.remove()
	r := newRun(ctx, spec, opts, ws, sub)
	built, err := r.buildPlain()
	if err != nil {
		return nil, err
	}
	r.opts.DeferTiming = false
	f, err := r.timed(nil, built)
	if err != nil {
		return nil, err
	}
	nameCommand(&f, spec.Name)
	r.locate.Check(&f)
	cpu := cpuinfo.This()
	res := &verdict.Result{Exercise: spec.Name, Target: opts.Display, CPU: &cpu, Checks: []verdict.Check{f},
		Speedup: r.speedup, Study: r.studied, Phases: r.phases, Notes: r.notes, Digest: opts.Digest,
		Duration: time.Since(start)}
	return res, nil
}

// buildPlain builds the timing binary alone, under the shared phase
// lock, and reports whether it built.
func (r *run) buildPlain() (bool, error) {
	release, err := r.lock(phaselock.Shared)
	if err != nil {
		return false, err
	}
	defer release()
	start := time.Now()
	defer r.phase(verdict.PhaseBuild, start)
	r.opts.Progress("building")
	pkg := "./" + r.spec.StubDir()
	bin := r.binary("plain")
	cmd, err := r.buildCommand(suite.CompileCommand(pkg, bin, r.ws.overlay, false, false), false)
	if err != nil {
		return false, err
	}
	taken := r.opts.Shelf.take(r.spec, r.sub, "plain", bin)
	res, err := r.exec("build plain", cmd)
	if err != nil {
		return false, err
	}
	r.ws.forgetSources()
	built := res.ExitCode == 0 && !res.TimedOut && !res.OutOfMemory
	if built {
		r.opts.Shelf.put(r.spec, r.sub, "plain", bin, taken)
	}
	return built, nil
}

// digest is a SHA-256 of the submission's file names and contents, and
// of the names of the other files the go command would build.
func (s *submission) digest() string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(s.files)) {
		fmt.Fprintf(h, "%q %d\n", name, len(s.files[name]))
		h.Write(s.files[name])
	}
	for _, name := range slices.Sorted(slices.Values(s.others)) {
		fmt.Fprintf(h, "other %q\n", name)
	}
	return hex.EncodeToString(h.Sum(nil))
}
