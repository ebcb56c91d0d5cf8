package doctor

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Text writes the report for a person: one line per finding, what to do
// under each that is not OK, and the conclusion.
func Text(w io.Writer, r Report) error {
	fmt.Fprintln(w, "parlab doctor: can this machine grade?")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, l := range r.Lines {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", label(l.Status), l.Name, l.Detail)
		if l.Fix != "" {
			fmt.Fprintf(tw, "  \t\t-> %s\n", l.Fix)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	var err error
	if r.OK() {
		_, err = fmt.Fprintln(w, "Grading works here.")
	} else {
		_, err = fmt.Fprintln(w, "Grading cannot work here until the FAIL lines are fixed.")
	}
	return err
}

func label(s Status) string { return strings.ToUpper(string(s)) }

// JSON writes the report as {"ok": bool, "lines": [...]}.
func JSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		OK    bool   `json:"ok"`
		Lines []Line `json:"lines"`
	}{r.OK(), r.Lines})
}
