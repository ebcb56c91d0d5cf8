package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/verdict"
)

// Pending lists the exercises whose faster check the machine could not
// judge (busy, noisy, one core): neither a pass nor a fail, they wait to
// be measured again (Remeasure) and cost no points meanwhile under the
// default skip policy.
func (r *Record) Pending() []string {
	var out []string
	for name, res := range r.Exercises {
		if c := res.Check(verdict.Faster); c != nil && c.Status == verdict.Skip && c.Unjudged {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Remeasure measures again the pending faster checks of every record in
// cfg.Out (each from its submission, Record.Source), at a time the
// machine is quieter: the end of a batch, or later with
// `grade batch --remeasure OUT`. Only the faster check (and the speedup
// it measured) of a pending exercise changes; a check still unjudged
// stays pending. It rewrites the records it changed and grades.csv.
//
// The exercises are the gradebook's (BookExercises): cfg.Exercises may
// be nil, and must be the gradebook's if not.
func Remeasure(ctx context.Context, cfg Config) ([]*Record, error) {
	specs, err := BookExercises(cfg.Out, cfg.Exercises)
	if err != nil {
		return nil, err
	}
	cfg.Exercises = specs
	if err := remeasureAll(ctx, cfg); err != nil {
		return nil, err
	}
	if _, err := WriteGradebook(cfg.Out, cfg.Exercises); err != nil {
		return nil, err
	}
	return LoadRecords(cfg.Out)
}

// remeasureAll measures again the pending faster checks of the records
// in cfg.Out and rewrites the records it changed.
func remeasureAll(ctx context.Context, cfg Config) error {
	recs, err := LoadRecords(cfg.Out)
	if err != nil {
		return err
	}
	specs := map[string]exercise.Spec{}
	for _, s := range cfg.Exercises {
		specs[s.Name] = s
	}
	var todo []*Record
	for _, rec := range recs {
		if len(rec.Pending()) == 0 || rec.Source == "" || !cfg.Shard.Holds(rec.Student) {
			continue
		}
		todo = append(todo, rec)
	}
	if cfg.Timing != nil && len(todo) > 0 {
		n := 0
		for _, rec := range todo {
			n += len(rec.Pending())
		}
		cfg.Timing(n)
	}
	// Up to cfg.Jobs records at once, as in the first pass: their builds
	// and race runs share the machine, and the phase lock still lets one
	// timing run at a time, alone.
	return eachJob(ctx, cfg.Jobs, todo, func(rec *Record) error {
		changed, err := remeasureRecord(ctx, cfg, rec, specs)
		if err != nil || !changed {
			return err
		}
		return writeRecord(cfg.Out, rec)
	})
}

// remeasureRecord grades the record's pending exercises again and takes
// their new faster check.
func remeasureRecord(ctx context.Context, cfg Config, rec *Record, specs map[string]exercise.Spec) (bool, error) {
	dir := rec.Source
	if rec.Archive {
		tmp, err := os.MkdirTemp("", "parlab-batch-")
		if err != nil {
			return false, err
		}
		defer os.RemoveAll(tmp)
		if err := Unpack(rec.Source, tmp); err != nil {
			return false, nil // graded as a problem the first time
		}
		dir = tmp
	}
	changed := false
	for _, name := range rec.Pending() {
		spec, ok := specs[name]
		if !ok {
			continue
		}
		exDir, ok := ExerciseDir(dir, name)
		if !ok {
			continue
		}
		opts := cfg.Grade
		opts.Dir, opts.Within, opts.Display = exDir, dir, displayPath(dir, exDir)
		res, err := measureAgain(ctx, spec, opts, rec.Exercises[name])
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if errors.Is(err, gotest.ErrNotFound) {
			return false, err
		}
		if err != nil {
			continue // still pending; the first grade stands
		}
		old := rec.Exercises[name]
		if takeFaster(old, res, spec, opts.SkipPolicy) {
			changed = true
		}
	}
	return changed, nil
}

// measureAgain measures the pending faster check of one exercise: the
// timing alone (grader.Time) when the earlier grade left a digest of the
// files it judged and they are still those, else a whole grade.
func measureAgain(ctx context.Context, spec exercise.Spec, opts grader.Options, old *verdict.Result) (*verdict.Result, error) {
	if old != nil && old.Digest != "" {
		opts.Digest = old.Digest
		res, err := timeExercise(ctx, spec, opts)
		if !errors.Is(err, grader.ErrChanged) {
			return res, err
		}
		opts.Digest = ""
	}
	return gradeExercise(ctx, spec, opts)
}

// takeFaster puts the new faster check and speedup into old, if the new
// one was judged, or if old was never measured (a grade that left its
// timing for later: then the check says why the machine could not judge
// it), and tallies old again under the policy.
func takeFaster(old, fresh *verdict.Result, spec exercise.Spec, policy verdict.SkipPolicy) bool {
	c, f := old.Check(verdict.Faster), fresh.Check(verdict.Faster)
	if c == nil || f == nil || f.Unjudged && old.Speedup != nil {
		return false
	}
	*c = *f
	if !f.Unjudged { // an unjudged check is scored by the policy already
		c.MaxScore = spec.Points[verdict.Faster]
	}
	old.Speedup = fresh.Speedup
	if fresh.Study != nil {
		old.Study = fresh.Study
	}
	old.Phases = append(old.Phases, fresh.Phases...)
	old.ApplySkipPolicy(policy)
	return true
}

// pendingNote is the record's note on its pending checks.
func pendingNote(pending []string) string {
	if len(pending) == 0 {
		return ""
	}
	return fmt.Sprintf("pending: faster of %v not judged (machine busy), its points left out of max; finish with grade batch --remeasure OUT", pending)
}
