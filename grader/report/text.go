package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	header(&b, p, r.Exercise, r.Target)
	for _, c := range r.Checks {
		checkLines(&b, p, c, o)
	}
	tail(&b, p, r, o)
	_, err := io.WriteString(w, b.String())
	return err
}

// header is the report's first line and the blank line after it.
func header(b *strings.Builder, p palette, exercise, target string) {
	fmt.Fprintf(b, "%s %s\n\n", p.bold.Sprint("parlab · "+exercise), p.dim.Sprint("("+Quote(target)+")"))
}

// checkLines is one check's line, with its hint and, verbose, its details.
func checkLines(b *strings.Builder, p palette, c verdict.Check, o TextOptions) {
	word, col := p.status(c.Status)
	fmt.Fprintf(b, "  %s  %-11s %s  %s\n", col.Sprint(word), c.Name, points(c), indent(Quote(c.Message), 23))
	if c.Hint != "" && c.Status != verdict.Pass {
		fmt.Fprintf(b, "%s%s\n", strings.Repeat(" ", 23), p.dim.Sprint(indent("hint: "+Quote(c.Hint), 23)))
	}
	if o.Verbose && c.Details != "" {
		fmt.Fprintf(b, "      %s\n", indent(Quote(strings.TrimRight(c.Details, "\n")), 6))
	}
}

// tail is what follows the check lines: notes, the speedup table and its
// diagnosis, the scaling study and the summary line.
func tail(b *strings.Builder, p palette, r *verdict.Result, o TextOptions) {
	for i, n := range r.Notes {
		if i == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "  %s\n", p.dim.Sprint(indent("note: "+Quote(n), 8)))
	}
	if r.Speedup != nil && len(r.Speedup.Rows) > 0 {
		b.WriteString("\n")
		fc := r.Check(verdict.Faster)
		speedLines(b, r.Speedup, fc)
		if o.Verbose {
			speedupTable(b, r.Speedup)
		}
		// A pass needs no excuse: "why it is not faster: no single
		// cause" under a PASS only puzzled.
		if d := r.Speedup.Diagnosis; d != nil && !(fc != nil && fc.Status == verdict.Pass && d.Cause == "unclear") {
			diagnosisLines(b, d, hintShown(r, verdict.Faster))
		}
	}
	if r.Study != nil {
		b.WriteString("\n")
		studyTables(b, r.Study)
	}
	b.WriteString("\n")
	b.WriteString(summary(p, r))
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
	unjudged := NotJudged(r)
	score := fmt.Sprintf("score %d/%d (%.0f%%)", r.Score, r.MaxScore, pct)
	if unjudged != "" {
		score = fmt.Sprintf("score %d/%d judged (%.0f%%)", r.Score, r.MaxScore, pct)
	}
	var state []string
	switch first := r.FirstFailure(); {
	case first == nil && unjudged != "":
		// What was judged passed; what was not is said next.
	case first == nil && len(skipped(r)) > 0:
		state = append(state, p.pass.Sprint("no check failed")+p.dim.Sprint(" (not judged: "+strings.Join(skipped(r), ", ")+")"))
	case first == nil:
		state = append(state, p.pass.Sprint("all checks passed"))
	case first.Name == verdict.Started:
		state = append(state, p.fail.Sprint("not started yet"))
	default:
		state = append(state, p.fail.Sprint("failing: "+failing(r, first)))
	}
	if unjudged != "" {
		state = append(state, p.skip.Sprint(unjudged))
	}
	return fmt.Sprintf("  %s  ·  %s  %s\n", p.bold.Sprint(score), strings.Join(state, "  ·  "), p.dim.Sprintf("[%s]", r.Duration.Round(100*time.Millisecond)))
}

// failing names what the headline says is failing: the first failing
// check, or, when that one is worth no points (racefix's correct,
// race-free and terminates, whose points are its stories'), every failing
// check that is worth some: where the points were lost.
func failing(r *verdict.Result, first *verdict.Check) string {
	if first.MaxScore > 0 {
		return string(first.Name)
	}
	var names []string
	for _, c := range r.Checks {
		if (c.Status == verdict.Fail || c.Status == verdict.Error) && c.MaxScore > 0 {
			names = append(names, string(c.Name))
		}
	}
	if len(names) == 0 {
		return string(first.Name)
	}
	return strings.Join(names, ", ")
}

// NotJudged says which checks the machine left unjudged, what they are
// worth and what to do, or "" when every check was judged: "faster not
// judged: 2 points pending, run again on a quieter machine".
func NotJudged(r *verdict.Result) string {
	var parts []string
	oneCore := false
	for _, c := range r.Unjudged() {
		worth := "scored 0 under the skip policy"
		switch {
		case c.Pending == 1:
			worth = "1 point pending"
		case c.Pending > 1:
			worth = fmt.Sprintf("%d points pending", c.Pending)
		case c.MaxScore == 0:
			worth = "worth no points"
		}
		parts = append(parts, fmt.Sprintf("%s not judged: %s", c.Name, worth))
		oneCore = oneCore || strings.Contains(c.Message, "only one core")
	}
	if len(parts) == 0 {
		return ""
	}
	if oneCore {
		return strings.Join(parts, "; ") + ", this machine has one usable core"
	}
	return strings.Join(parts, "; ") + ", run again on a quieter machine"
}

// speedLines is the speed section a learner reads: one line per bar,
// with the numbers that decided it, and what the bars come from. Code
// failed on its goroutine count was never held to a bar: its lines say
// so instead of quoting bars it was not judged by.
func speedLines(b *strings.Builder, s *verdict.Speedup, fc *verdict.Check) {
	head := fmt.Sprintf("speed, %s on %s (%s)", plural(s.Workers, "worker"), plural(s.Workers, "core"), plural(s.Reps, "repetition"))
	switch {
	case fc != nil && fc.Status == verdict.Fail && strings.Contains(fc.Message, "started no goroutine"):
		fmt.Fprintf(b, "  %s: not held to the bars, since your code started no goroutine;\n", head)
		fmt.Fprintf(b, "    it ran %s as fast as the serial reference\n", Range(s.Speedup, s.SpeedupLow, s.SpeedupHigh))
		return
	case fc != nil && fc.Status == verdict.Skip:
		fmt.Fprintf(b, "  %s: not judged (see faster), so held to no bar;\n", head)
		fmt.Fprintf(b, "    it ran %s as fast as the serial reference, %s on %s against one\n",
			Range(s.Speedup, s.SpeedupLow, s.SpeedupHigh), Range(s.SelfSpeedup, s.SelfSpeedupLow, s.SelfSpeedupHigh), plural(s.Workers, "core"))
		return
	}
	fmt.Fprintf(b, "  %s:\n", head)
	fmt.Fprintf(b, "    against the serial reference:    %-18s needs %.2fx: %s\n", Range(s.Speedup, s.SpeedupLow, s.SpeedupHigh), s.Required, met(s.Speedup, s.SpeedupLow, s.SpeedupHigh, s.Required))
	fmt.Fprintf(b, "    the same call on %d cores vs one: %-18s needs %.2fx: %s\n", s.Workers, Range(s.SelfSpeedup, s.SelfSpeedupLow, s.SelfSpeedupHigh), s.SelfRequired, met(s.SelfSpeedup, s.SelfSpeedupLow, s.SelfSpeedupHigh, s.SelfRequired))
	fmt.Fprintf(b, "    (the bars come from this machine: it ran the serial reference split over its cores %.2fx faster)\n", s.Calibration)
	for _, w := range s.Warnings {
		fmt.Fprintf(b, "  note: %s\n", Quote(w))
	}
}

// met says where a speedup's 90% range lies against its bar.
func met(median, low, high, bar float64) string {
	switch {
	case low >= bar:
		return "met"
	case high < bar:
		return "missed"
	case median >= bar:
		return "met narrowly"
	default:
		return "missed narrowly"
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// speedupTable is the full table behind --verbose, each column explained
// once beneath it.
func speedupTable(b *strings.Builder, s *verdict.Speedup) {
	fmt.Fprintf(b, "\n  %-8s %12s %20s %11s %12s\n", "workers", "median", "speedup (90% range)", "efficiency", "serial frac")
	for _, row := range s.Rows {
		kf := "-"
		if row.KarpFlatt != nil {
			kf = fmt.Sprintf("%.2f", *row.KarpFlatt)
		}
		fmt.Fprintf(b, "  %-8d %12s %20s %10.0f%% %12s\n", row.Workers, row.Median.Round(10*time.Microsecond),
			Range(row.Speedup, row.SpeedupLow, row.SpeedupHigh), 100*row.Efficiency, kf)
	}
	b.WriteString("  workers: the worker count your code was given (GOMAXPROCS is the cores, " + fmt.Sprint(s.Workers) + ", in every row);\n" +
		"  median: its median time per call; speedup: the serial reference's time over yours, the median of the\n" +
		"  per-repetition ratios and the range that holds it with 90% confidence; efficiency: speedup / workers;\n" +
		"  serial frac: the share of the work that behaves as serial, from the speedup (Karp-Flatt: (1/S - 1/p)/(1 - 1/p))\n")
}

// Range is a speedup estimate as a learner reads it: "1.52x (1.44-1.61)",
// the median of the paired ratios and its 90% confidence interval.
func Range(median, low, high float64) string {
	return fmt.Sprintf("%.2fx (%.2f-%.2f)", median, low, high)
}

// studyTables prints the learner's strong and weak scaling tables with the
// laws' predictions beside each row.
func studyTables(b *strings.Builder, s *verdict.Study) {
	fmt.Fprintf(b, "  your scaling study of %s (serial fraction f = %.3f, the median Karp-Flatt value)\n", Quote(s.Workload), s.SerialFraction)
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

// skipped names the checks with points that were not judged for a reason
// other than the machine (--no-speedup).
func skipped(r *verdict.Result) []string {
	var out []string
	for _, c := range r.Checks {
		if c.Status == verdict.Skip && c.MaxScore > 0 && !c.Unjudged {
			out = append(out, string(c.Name))
		}
	}
	return out
}

// Quote makes text that came from a learner's code or files safe to print
// on a terminal: control characters (escape sequences that clear the screen
// or move the cursor, \r that overwrites a line, ...), Unicode's
// invisible direction overrides and invalid UTF-8 are shown as Go escapes
// (\x1b, \r, \u202e, \xff); newlines and tabs are kept. Only the human
// report quotes: JSON and the other machine formats keep the exact text.
func Quote(s string) string {
	if !needsQuote(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unsafeRune(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsQuote(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			return true
		}
	}
	return false
}

// unsafeRune is a control character or a character that changes how the
// text around it is displayed without showing itself.
func unsafeRune(r rune) bool {
	// U+2028 and U+2029 end a line on some terminals and editors, as \n
	// does, where the report would not indent what follows.
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u200b' || r == '\ufeff' ||
		r == '\u2028' || r == '\u2029'
}

func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}
