package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/fatih/color"

	"parlab/grader/verdict"
)

// TextOptions configure the human report.
type TextOptions struct {
	// Color turns on ANSI colours; the caller decides (terminal, NO_COLOR).
	Color bool
	// Verbose adds the raw output behind each failing check.
	Verbose bool
}

// palette holds the colours of one report, switched off as a whole.
type palette struct {
	pass, fail, skip, errc, dim, bold *color.Color
}

func newPalette(on bool) palette {
	p := palette{
		pass: color.New(color.FgGreen, color.Bold),
		fail: color.New(color.FgRed, color.Bold),
		skip: color.New(color.FgYellow),
		errc: color.New(color.FgMagenta, color.Bold),
		dim:  color.New(color.Faint),
		bold: color.New(color.Bold),
	}
	for _, c := range []*color.Color{p.pass, p.fail, p.skip, p.errc, p.dim, p.bold} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p palette) status(s verdict.Status) (string, *color.Color) {
	switch s {
	case verdict.Pass:
		return "PASS", p.pass
	case verdict.Fail:
		return "FAIL", p.fail
	case verdict.Skip:
		return "SKIP", p.skip
	default:
		return "ERR ", p.errc
	}
}

// Text writes the human report of one result.
func Text(w io.Writer, r *verdict.Result, o TextOptions) error {
	p := newPalette(o.Color)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n\n", p.bold.Sprint("parlab · "+r.Exercise), p.dim.Sprint("("+r.Target+")"))
	for _, c := range r.Checks {
		word, col := p.status(c.Status)
		fmt.Fprintf(&b, "  %s  %-11s %s  %s\n", col.Sprint(word), c.Name, points(c), indent(c.Message, 23))
		if c.Hint != "" && c.Status != verdict.Pass {
			fmt.Fprintf(&b, "%s%s\n", strings.Repeat(" ", 23), p.dim.Sprint(indent("hint: "+c.Hint, 23)))
		}
		if o.Verbose && c.Details != "" {
			fmt.Fprintf(&b, "%s\n", indent(strings.TrimRight(c.Details, "\n"), 6))
		}
	}
	for i, n := range r.Notes {
		if i == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  %s\n", p.dim.Sprint(indent("note: "+n, 8)))
	}
	if r.Speedup != nil && len(r.Speedup.Rows) > 0 {
		b.WriteString("\n")
		speedupTable(&b, r.Speedup)
		if d := r.Speedup.Diagnosis; d != nil {
			diagnosisLines(&b, d, hintShown(r, verdict.Faster))
		}
	}
	if r.Study != nil {
		b.WriteString("\n")
		studyTables(&b, r.Study)
	}
	b.WriteString("\n")
	b.WriteString(summary(p, r))
	_, err := io.WriteString(w, b.String())
	return err
}

func points(c verdict.Check) string {
	return fmt.Sprintf("%2d/%-2d", c.Score, c.MaxScore)
}

// indent puts every line after the first n columns in.
func indent(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}

func summary(p palette, r *verdict.Result) string {
	pct := 0.0
	if r.MaxScore > 0 {
		pct = 100 * float64(r.Score) / float64(r.MaxScore)
	}
	score := fmt.Sprintf("score %d/%d (%.0f%%)", r.Score, r.MaxScore, pct)
	var state string
	switch first := r.FirstFailure(); {
	case first == nil && len(skipped(r)) > 0:
		state = p.pass.Sprint("no check failed") + p.dim.Sprint(" (not judged: "+strings.Join(skipped(r), ", ")+")")
	case first == nil:
		state = p.pass.Sprint("all checks passed")
	case first.Name == verdict.Started:
		state = p.fail.Sprint("not started yet")
	default:
		state = p.fail.Sprint("failing: " + string(first.Name))
	}
	return fmt.Sprintf("  %s  ·  %s  %s\n", p.bold.Sprint(score), state, p.dim.Sprintf("[%s]", r.Duration.Round(100*time.Millisecond)))
}

func speedupTable(b *strings.Builder, s *verdict.Speedup) {
	fmt.Fprintf(b, "  %-8s %12s %9s %11s\n", "workers", "median", "speedup", "efficiency")
	for _, row := range s.Rows {
		fmt.Fprintf(b, "  %-8d %12s %8.2fx %10.0f%%\n", row.Workers, row.Median.Round(10*time.Microsecond), row.Speedup, 100*row.Efficiency)
	}
	fmt.Fprintf(b, "  speedup vs the serial reference at %d workers: %.2fx (against your own 1-worker run: %.2fx)\n",
		s.Workers, s.Speedup, s.SelfSpeedup)
	fmt.Fprintf(b, "  required: %.2fx; this machine delivered %.2fx running the serial reference on every core at once\n", s.Required, s.Calibration)
	for _, w := range s.Warnings {
		fmt.Fprintf(b, "  note: %s\n", w)
	}
}

// studyTables prints the learner's strong and weak scaling tables with the
// laws' predictions beside each row.
func studyTables(b *strings.Builder, s *verdict.Study) {
	fmt.Fprintf(b, "  your scaling study of %s (serial fraction f = %.3f, the median Karp-Flatt value)\n", s.Workload, s.SerialFraction)
	studyTable(b, "strong scaling: fixed size", "Amdahl", s.Strong)
	studyTable(b, "weak scaling: size grows with the workers", "Gustafson", s.Weak)
}

func studyTable(b *strings.Builder, title, law string, rows []verdict.StudyRow) {
	fmt.Fprintf(b, "  %s\n", title)
	fmt.Fprintf(b, "  %-8s %10s %12s %9s %11s %10s %11s\n", "workers", "size", "time", "speedup", "efficiency", law, "Karp-Flatt")
	for _, r := range rows {
		kf := "-"
		if r.KarpFlatt != nil {
			kf = fmt.Sprintf("%.3f", *r.KarpFlatt)
		}
		fmt.Fprintf(b, "  %-8d %10d %12s %8.2fx %10.0f%% %9.2fx %11s\n", r.Workers, r.Size, r.Time.Round(10*time.Microsecond),
			r.Speedup, 100*r.Efficiency, r.Law, kf)
	}
}

// skipped names the checks with points that were not judged.
func skipped(r *verdict.Result) []string {
	var out []string
	for _, c := range r.Checks {
		if c.Status == verdict.Skip && c.MaxScore > 0 {
			out = append(out, string(c.Name))
		}
	}
	return out
}
