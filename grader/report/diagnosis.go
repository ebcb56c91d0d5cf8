package report

import (
	"fmt"
	"strings"
	"time"

	"parlab/grader/verdict"
)

// causeTitle words a diagnosis cause for a person.
var causeTitle = map[string]string{
	"load-imbalance":      "load imbalance",
	"lock-contention":     "contention on a lock or channel",
	"too-many-goroutines": "too many goroutines for the work",
	"allocation":          "allocation and garbage collection",
	"serial":              "serial sections",
	"busy-waiting":        "goroutines waiting in a loop instead of working",
	"memory-bound":        "the cores slowing each other down (memory-bound or shared counters)",
	"unclear":             "no single cause",
}

// diagnosisLines writes why the code is not faster, under the speedup
// table; what to do is left out when the check's hint already says it.
func diagnosisLines(b *strings.Builder, d *verdict.Diagnosis, hinted bool) {
	title := causeTitle[d.Cause]
	if title == "" {
		title = d.Cause
	}
	if d.Cause != "unclear" {
		title += fmt.Sprintf(" (%.0f%% of the cores' time)", 100*d.Cost)
	}
	if d.Inference {
		title += ", an inference"
	}
	fmt.Fprintf(b, "  why it is not faster: %s\n", title)
	fmt.Fprintf(b, "    %s\n", indent(wrap(d.Summary, 76), 4))
	if d.Location != "" {
		fmt.Fprintf(b, "    at %s\n", d.Location)
	}
	if !hinted {
		fmt.Fprintf(b, "    what to do: %s\n", indent(wrap(d.Hint, 64), 16))
	}
	traced := "the whole call"
	if d.Partial {
		traced = "its first " + d.Traced.Round(time.Millisecond).String()
	}
	fmt.Fprintf(b, "    (from a trace of one of the timed calls, %s; the diagnosis took %v)\n", traced, d.Took.Round(10*time.Microsecond))
}

// hintShown reports whether the named check's hint is in the report.
func hintShown(r *verdict.Result, name verdict.CheckName) bool {
	c := r.Check(name)
	return c != nil && c.Hint != "" && c.Status != verdict.Pass
}

// wrap breaks s into lines of at most width bytes at spaces.
func wrap(s string, width int) string {
	var out, line strings.Builder
	for _, w := range strings.Fields(s) {
		if line.Len() > 0 && line.Len()+1+len(w) > width {
			out.WriteString(line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(w)
	}
	out.WriteString(line.String())
	return out.String()
}
