package report

import (
	"fmt"
	"io"
	"strings"

	"parlab/grader/verdict"
)

// Format is an output format of a grading result: the --format of `grade
// exercise`, `grade all` and `grade report`.
type Format string

// The formats. Human is what a person reads on a terminal (also called
// "text"); the others are for programs.
const (
	FormatHuman      Format = "human"
	FormatJSON       Format = "json"
	FormatJUnit      Format = "junit"
	FormatGradescope Format = "gradescope"
)

// Formats lists every format, in the order help texts name them.
var Formats = []Format{FormatHuman, FormatJSON, FormatJUnit, FormatGradescope}

// ParseFormat reads a --format value; "text" is another name for human.
// An unknown name is an error that lists the valid ones.
func ParseFormat(s string) (Format, error) {
	if s == "text" {
		return FormatHuman, nil
	}
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown --format %q: use %s (human is also called text)", s, strings.Join(names, ", "))
}

// Options say how Write renders results.
type Options struct {
	// Format is the output format.
	Format Format
	// Set is true when the results are a set (`grade all`) rather than one
	// exercise: human is then one summary table and json an array, and a
	// saved set is read back as one.
	Set bool
	// Text configures the human format of a single result.
	Text TextOptions
}

// Write renders results in o.Format: the one place a format is chosen.
// Without o.Set there must be exactly one result.
func Write(w io.Writer, results []*verdict.Result, o Options) error {
	if !o.Set && len(results) != 1 {
		return fmt.Errorf("report.Write: %d results for a single exercise's report (a bug in parlab)", len(results))
	}
	switch o.Format {
	case FormatJSON:
		if o.Set {
			return JSONAll(w, results)
		}
		return JSON(w, results[0])
	case FormatJUnit:
		return JUnit(w, results...)
	case FormatGradescope:
		return GradescopeAll(w, results)
	case FormatHuman, "":
		if o.Set {
			return SummaryTable(w, results)
		}
		return Text(w, results[0], o.Text)
	}
	_, err := ParseFormat(string(o.Format))
	return err
}
