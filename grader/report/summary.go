package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"parlab/grader/verdict"
)

// SummaryTable writes one line per exercise: score, status and the first
// failing check with its message, then the total (`grade all`).
func SummaryTable(w io.Writer, results []*verdict.Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tSCORE\tSTATUS\tFIRST FAILING CHECK")
	total, maxTotal := 0, 0
	for _, r := range results {
		status, first := "passing", ""
		if f := r.FirstFailure(); f != nil {
			status, first = "failing", string(f.Name)+": "+Quote(headline(f.Message))
			if f.Name == verdict.Started {
				status = "not started"
			}
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%s\n", r.Exercise, r.Score, r.MaxScore, status, first)
		total += r.Score
		maxTotal += r.MaxScore
	}
	fmt.Fprintf(tw, "total\t%d/%d\t\t\n", total, maxTotal)
	return tw.Flush()
}

// headline is a message's first line (with the next when the first
// only announces it), or the message cut to 90 bytes when it is one line.
func headline(s string) string {
	if line := headlineOf(s); line != s {
		return line
	}
	if len(s) > 90 {
		return s[:87] + "..."
	}
	return s
}
