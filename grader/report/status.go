package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/history"
	"parlab/internal/textcut"
)

// StatusTable prints each exercise's latest grade (`grade status`),
// with its age relative to now.
func StatusTable(w io.Writer, specs []exercise.Spec, entries map[string]history.Entry, now time.Time) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tSTATUS\tSCORE\tGRADED\tFIRST FAILING CHECK")
	for _, s := range specs {
		e, ok := entries[s.Name]
		switch {
		case !ok:
			fmt.Fprintf(tw, "%s\tnot graded yet\t-\t-\t(go run ./cmd/grade exercise %s)\n", s.Name, s.Name)
		case !e.Started:
			fmt.Fprintf(tw, "%s\tnot started\t%d/%d\t%s\t\n", s.Name, e.Score, e.MaxScore, ago(now.Sub(e.When)))
		case e.Passed && len(e.NotJudged) > 0:
			fmt.Fprintf(tw, "%s\tpassing so far\t%d/%d judged\t%s\t%s not judged: %s, run again on a quieter machine\n", s.Name, e.Score, e.MaxScore,
				ago(now.Sub(e.When)), strings.Join(e.NotJudged, ", "), pendingPoints(e.Pending))
		case e.Passed:
			fmt.Fprintf(tw, "%s\tpassing\t%d/%d\t%s\t\n", s.Name, e.Score, e.MaxScore, ago(now.Sub(e.When)))
		default:
			fmt.Fprintf(tw, "%s\tfailing\t%d/%d\t%s\t%s\n", s.Name, e.Score, e.MaxScore, ago(now.Sub(e.When)), textcut.Truncate(e.First, 60))
		}
	}
	return tw.Flush()
}

// pendingPoints says how many points wait for a judgement.
func pendingPoints(n int) string {
	switch n {
	case 0:
		return "scored 0 under the skip policy"
	case 1:
		return "1 point pending"
	}
	return fmt.Sprintf("%d points pending", n)
}

// ago says how long ago, roughly.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
}
