package gradescope

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"

	"parlab/grader"
	"parlab/grader/class/batch"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/atomicfile"
)

// RunConfig says what run_autograder grades.
type RunConfig struct {
	// Exercises are the assignment's exercises.
	Exercises []exercise.Spec
	// Root is the parlab checkout the grader runs from.
	Root string
	// Autograder is Gradescope's folder, with submission/ and results/
	// (DefaultAutograder).
	Autograder string
	// SkipPolicy is what a faster check the machine could not judge is
	// worth.
	SkipPolicy verdict.SkipPolicy
}

// Run grades Autograder/submission into Autograder/results/results.json,
// refusing to write one that Gradescope's specification does not allow.
// It returns the file written and the results.
func Run(ctx context.Context, cfg RunConfig) (string, []*verdict.Result, error) {
	results, err := GradeSubmission(ctx, cfg.Exercises, cfg.Root, filepath.Join(cfg.Autograder, "submission"), cfg.SkipPolicy)
	if err != nil {
		return "", nil, err
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, results, report.Options{Format: report.FormatGradescope, Set: true}); err != nil {
		return "", nil, err
	}
	if err := report.CheckGradescope(buf.Bytes()); err != nil {
		return "", nil, fmt.Errorf("parlab wrote a results.json that Gradescope's specification does not allow (a bug in parlab): %w", err)
	}
	out := filepath.Join(cfg.Autograder, "results", "results.json")
	return out, results, atomicfile.WriteFile(out, buf.Bytes())
}

// GradeSubmission grades a Gradescope submission folder: each exercise's
// folder in it (NAME/ or exercises/NAME/), or, for a one-exercise
// assignment, the .go files uploaded loose. An exercise the submission
// lacks scores nothing, with a message that says what to upload. This is
// the one place the Gradescope results are built.
func GradeSubmission(ctx context.Context, specs []exercise.Spec, root, submission string, policy verdict.SkipPolicy) ([]*verdict.Result, error) {
	var results []*verdict.Result
	for _, spec := range specs {
		dir, ok := batch.ExerciseDir(submission, spec.Name)
		if !ok && len(specs) == 1 {
			// Files uploaded loose, without their folder.
			dir, ok = submission, true
		}
		if !ok {
			results = append(results, missingExercise(spec))
			continue
		}
		// Messages name the files as the learner uploaded them.
		display, err := filepath.Rel(submission, dir)
		if err != nil {
			display = "."
		}
		res, err := grader.Grade(ctx, spec, grader.Options{Root: root, Dir: dir, Within: submission, Display: filepath.ToSlash(display), SkipPolicy: policy})
		if err != nil {
			return nil, fmt.Errorf("grading %s: %w", spec.Name, err)
		}
		results = append(results, res)
	}
	return results, nil
}

// missingExercise is the result of an exercise the submission lacks: it
// does not build, and nothing else is judged.
func missingExercise(spec exercise.Spec) *verdict.Result {
	res := &verdict.Result{Exercise: spec.Name}
	for _, name := range spec.Checks() {
		c := verdict.Check{Name: name, Status: verdict.Skip, MaxScore: spec.Points[name], Message: "not judged: nothing to grade"}
		if name == verdict.Builds {
			c.Status = verdict.Fail
			c.Message = fmt.Sprintf("the submission has no %s folder: upload your exercises/%s folder (or, for this exercise alone, its .go files)", spec.Name, spec.Name)
		}
		res.Checks = append(res.Checks, c)
	}
	res.Tally()
	return res
}
