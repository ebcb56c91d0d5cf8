package course

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/verdict"
	"parlab/internal/cpuinfo"
	"parlab/internal/textcut"
)

// SpeedProof is one timed exercise's model answer graded several times on
// this machine, for its faster check alone: what an instructor runs on the
// grading hardware before a course (`grade verify --speed N`), since the
// same code's speed differs between CPUs.
type SpeedProof struct {
	Exercise string
	CPU      cpuinfo.CPU
	Grades   []SpeedGrade
}

// SpeedGrade is the faster check of one grade.
type SpeedGrade struct {
	Status verdict.Status
	// Margin is the binding margin (verdict.Speedup.Margin), NaN-free: 0
	// when nothing was measured.
	Margin  float64
	Message string
}

// Count is how many grades had status st.
func (p SpeedProof) Count(st verdict.Status) int {
	n := 0
	for _, g := range p.Grades {
		if g.Status == st {
			n++
		}
	}
	return n
}

// OK reports whether the machine proved the check: no grade of the model
// answer failed or erred, and at least one passed (skips alone prove
// nothing: the machine was too busy to judge).
func (p SpeedProof) OK() bool {
	return p.Count(verdict.Pass) > 0 && p.Count(verdict.Fail) == 0 && p.Count(verdict.Error) == 0
}

// ProveSpeed grades the model answer of every timed exercise in specs
// (every one when specs is empty) n times with opts (its Dir is ignored)
// and keeps each grade's faster check. progress, if not nil, hears what is
// being graded.
func ProveSpeed(ctx context.Context, opts grader.Options, specs []exercise.Spec, n int, progress func(string)) ([]SpeedProof, error) {
	if progress == nil {
		progress = func(string) {}
	}
	if len(specs) == 0 {
		specs = exercise.All()
	}
	var out []SpeedProof
	for _, spec := range specs {
		if !spec.Timed() {
			continue
		}
		p := SpeedProof{Exercise: spec.Name, CPU: cpuinfo.This()}
		for i := range n {
			progress(fmt.Sprintf("%s model answer, speed %d of %d", spec.Name, i+1, n))
			res, err := grade(ctx, spec, opts, spec.SolutionDir())
			if err != nil {
				return nil, err
			}
			p.Grades = append(p.Grades, fasterOf(res))
		}
		out = append(out, p)
	}
	return out, nil
}

// fasterOf is a result's faster check as a SpeedGrade.
func fasterOf(res *verdict.Result) SpeedGrade {
	c := res.Check(verdict.Faster)
	if c == nil {
		return SpeedGrade{Status: verdict.Error, Message: "the grade has no faster check"}
	}
	g := SpeedGrade{Status: c.Status, Message: textcut.FirstLine(c.Message)}
	if c.Status == verdict.Pass || c.Status == verdict.Fail {
		g.Margin = res.Speedup.Margin()
	}
	return g
}

// SpeedTable prints `grade verify --speed`'s proofs: the CPU, then a row
// per exercise with its counts and the binding margin of each grade, then
// why any grade that did not pass did not.
func SpeedTable(w io.Writer, proofs []SpeedProof) error {
	if len(proofs) > 0 {
		fmt.Fprintf(w, "CPU: %s\n", proofs[0].CPU)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tPASS\tSKIP\tFAIL\tBINDING MARGINS\tVERDICT")
	for _, p := range proofs {
		var margins []string
		for _, g := range p.Grades {
			if g.Status == verdict.Pass || g.Status == verdict.Fail {
				margins = append(margins, fmt.Sprintf("%+.0f%%", 100*g.Margin))
			} else {
				margins = append(margins, string(g.Status))
			}
		}
		state := "proven on this machine"
		if !p.OK() {
			state = "NOT PROVEN"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\n", p.Exercise, p.Count(verdict.Pass), p.Count(verdict.Skip),
			p.Count(verdict.Fail)+p.Count(verdict.Error), strings.Join(margins, " "), state)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range proofs {
		for i, g := range p.Grades {
			if g.Status != verdict.Pass {
				fmt.Fprintf(w, "%s, grade %d: %s: %s\n", p.Exercise, i+1, g.Status, g.Message)
			}
		}
		if p.Count(verdict.Pass) == 0 && p.Count(verdict.Fail) == 0 {
			fmt.Fprintf(w, "%s: no grade was judged (the machine was too busy): run again on a quiet machine\n", p.Exercise)
		}
	}
	return nil
}
