package course

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// VerifyTable prints `grade verify`'s findings: one row per exercise,
// then every problem and note.
func VerifyTable(w io.Writer, findings []Finding) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tSOLUTION\tSTUB\tAPI\tVERDICT")
	for _, f := range findings {
		apiState, verdict := "identical", "consistent"
		if len(f.Missing)+len(f.Extra) > 0 {
			apiState = "differs"
		}
		if !f.OK() {
			verdict = "INCONSISTENT"
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%d/%d\t%s\t%s\n", f.Exercise, f.Solution.Score, f.Solution.MaxScore,
			f.Stub.Score, f.Stub.MaxScore, apiState, verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range findings {
		for _, p := range f.Problems {
			fmt.Fprintf(w, "%s: %s\n", f.Exercise, p)
		}
		for _, n := range f.Notes {
			fmt.Fprintf(w, "%s: note: %s\n", f.Exercise, n)
		}
	}
	return nil
}
