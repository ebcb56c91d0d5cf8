package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"parlab/grader/verdict"
)

// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test
// reporters): one testsuite per exercise, one testcase per check; a failed
// or errored check carries a <failure> or <error> with its message, a
// skipped one <skipped>.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Name    string       `xml:"name,attr"`
	Tests   int          `xml:"tests,attr"`
	Fail    int          `xml:"failures,attr"`
	Errors  int          `xml:"errors,attr"`
	Skipped int          `xml:"skipped,attr"`
	Time    string       `xml:"time,attr"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name    string      `xml:"name,attr"`
	Tests   int         `xml:"tests,attr"`
	Fail    int         `xml:"failures,attr"`
	Errors  int         `xml:"errors,attr"`
	Skipped int         `xml:"skipped,attr"`
	Time    string      `xml:"time,attr"`
	Cases   []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes the results as one JUnit XML document.
func JUnit(w io.Writer, results ...*verdict.Result) error {
	doc := junitSuites{Name: "parlab"}
	total := 0.0
	for _, r := range results {
		s := junitSuite{Name: "parlab/" + r.Exercise, Time: seconds(r.Duration.Seconds())}
		for _, c := range r.Checks {
			jc := junitCase{Name: string(c.Name), ClassName: "parlab." + r.Exercise, Time: "0",
				SystemOut: fmt.Sprintf("%d/%d points: %s", c.Score, c.MaxScore, c.Message)}
			text := c.Message
			if c.Hint != "" {
				text += "\n\nhint: " + c.Hint
			}
			switch c.Status {
			case verdict.Fail:
				jc.Failure = &junitProblem{Message: firstLine(c.Message), Type: string(c.Name), Text: text}
				s.Fail++
			case verdict.Error:
				jc.Error = &junitProblem{Message: firstLine(c.Message), Type: "grader", Text: text}
				s.Errors++
			case verdict.Skip:
				jc.Skipped = &junitSkipped{Message: c.Message}
				s.Skipped++
			}
			s.Cases = append(s.Cases, jc)
			s.Tests++
		}
		doc.Tests += s.Tests
		doc.Fail += s.Fail
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		total += r.Duration.Seconds()
		doc.Suites = append(doc.Suites, s)
	}
	doc.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
