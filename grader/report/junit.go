package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"parlab/grader/verdict"
	"parlab/internal/textcut"
)

// JUnit XML as CI systems read it (Jenkins, GitLab, GitHub test
// reporters), valid against junit-10.xsd, the schema Jenkins' xunit plugin
// ships (testdata/junit-10.xsd says what it requires): one testsuite per
// exercise, one testcase per check; a failed or errored check carries a
// <failure> or <error> with its message, a skipped one <skipped>. The root
// <testsuites> has no skipped count: the schema rejects one there.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Name    string       `xml:"name,attr"`
	Tests   int          `xml:"tests,attr"`
	Fail    int          `xml:"failures,attr"`
	Errors  int          `xml:"errors,attr"`
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

// JUnit writes the results as one JUnit XML document. A testcase's time
// is its share of the phase that judged it (see checkPhase); a suite's is
// the exercise's whole grading run.
func JUnit(w io.Writer, results ...*verdict.Result) error {
	doc := junitSuites{Name: "parlab"}
	total := 0.0
	for _, r := range results {
		s := junitSuite{Name: "parlab/" + r.Exercise, Time: seconds(r.Duration.Seconds())}
		times := checkTimes(r)
		for _, c := range r.Checks {
			jc := junitCase{Name: string(c.Name), ClassName: "parlab." + r.Exercise, Time: seconds(times[c.Name].Seconds()),
				SystemOut: fmt.Sprintf("%d/%d points: %s", c.Score, c.MaxScore, c.Message)}
			text := c.Message
			if c.Hint != "" {
				text += "\n\nhint: " + c.Hint
			}
			switch c.Status {
			case verdict.Fail:
				jc.Failure = &junitProblem{Message: textcut.FirstLine(c.Message), Type: string(c.Name), Text: text}
				s.Fail++
			case verdict.Error:
				jc.Error = &junitProblem{Message: textcut.FirstLine(c.Message), Type: "grader", Text: text}
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

// checkPhase is the phase whose run judges each check.
var checkPhase = map[verdict.CheckName]string{
	verdict.Builds:     verdict.PhaseBuild,
	verdict.Honest:     verdict.PhaseBuild,
	verdict.Started:    verdict.PhaseRace,
	verdict.Correct:    verdict.PhaseRace,
	verdict.RaceFree:   verdict.PhaseRace,
	verdict.LeakFree:   verdict.PhaseRace,
	verdict.Terminates: verdict.PhaseRace,
	verdict.Faster:     verdict.PhaseTiming,
}

// checkTimes shares each phase's wall time evenly among the checks it
// judged, so that the testcases of a suite add up to the time its phases
// took (a consumer that sums testcases sees the real cost). A check whose
// phase did not run (it was skipped) takes no time.
func checkTimes(r *verdict.Result) map[verdict.CheckName]time.Duration {
	perPhase := map[string]time.Duration{}
	for _, p := range r.Phases {
		perPhase[p.Name] += p.Duration
	}
	sharing := map[string]int{}
	for _, c := range r.Checks {
		sharing[checkPhase[c.Name]]++
	}
	out := map[verdict.CheckName]time.Duration{}
	for _, c := range r.Checks {
		if ph, ok := checkPhase[c.Name]; ok {
			out[c.Name] = perPhase[ph] / time.Duration(sharing[ph])
		}
	}
	return out
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }
