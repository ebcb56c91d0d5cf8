package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"parlab/grader/verdict"
	"parlab/internal/golden"
)

// junitDoc is the part of junit-10.xsd (testdata/junit-10.xsd) that
// parlab's report uses, read back for the structural checks that run
// whether or not xmllint is installed.
type junitDoc struct {
	XMLName xml.Name   `xml:"testsuites"`
	Attrs   []xml.Attr `xml:",any,attr"`
	Suites  []struct {
		Attrs []xml.Attr `xml:",any,attr"`
		Cases []struct {
			Attrs   []xml.Attr `xml:",any,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error   *struct{} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func attr(attrs []xml.Attr, name string) (string, bool) {
	for _, a := range attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// surefireTime is junit-10.xsd's pattern for the time of a suite.
var surefireTime = regexp.MustCompile(`^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$`)

// checkJUnitStructure checks what the schema requires of the elements and
// attributes parlab writes: only the attributes junit-10.xsd allows on
// <testsuites>, the required ones on <testsuite> and <testcase>, times in
// the schema's form, and counts that agree with the testcases.
func checkJUnitStructure(t *testing.T, data []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, data)
	}
	allowed := map[string]bool{"name": true, "time": true, "tests": true, "failures": true, "errors": true}
	for _, a := range doc.Attrs {
		if !allowed[a.Name.Local] {
			t.Errorf("<testsuites %s=...>: junit-10.xsd allows only name, time, tests, failures, errors there", a.Name.Local)
		}
	}
	total, failures := 0, 0
	for _, s := range doc.Suites {
		for _, req := range []string{"name", "tests", "failures", "errors"} {
			if _, ok := attr(s.Attrs, req); !ok {
				t.Errorf("<testsuite> lacks %s, which junit-10.xsd requires", req)
			}
		}
		if tm, _ := attr(s.Attrs, "time"); !surefireTime.MatchString(tm) {
			t.Errorf("<testsuite time=%q> does not match the schema's time pattern", tm)
		}
		n, _ := attr(s.Attrs, "tests")
		if want := strconv.Itoa(len(s.Cases)); n != want {
			t.Errorf("<testsuite tests=%q> holds %s testcases", n, want)
		}
		for _, c := range s.Cases {
			if _, ok := attr(c.Attrs, "name"); !ok {
				t.Error("a <testcase> lacks its name")
			}
			if c.Failure != nil {
				failures++
			}
		}
		total += len(s.Cases)
	}
	if n, _ := attr(doc.Attrs, "tests"); n != strconv.Itoa(total) {
		t.Errorf("<testsuites tests=%q>, but %d testcases", n, total)
	}
	if n, _ := attr(doc.Attrs, "failures"); n != strconv.Itoa(failures) {
		t.Errorf("<testsuites failures=%q>, but %d failures", n, failures)
	}
	return doc
}

// validateXSD validates data against testdata/junit-10.xsd with xmllint,
// when it is installed (apt-get install libxml2-utils).
func validateXSD(t *testing.T, data []byte) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed (libxml2-utils), and CI must validate the JUnit schema: .ci/run installs it")
		}
		t.Log("xmllint is not installed (libxml2-utils): schema validation skipped, structure checked")
		return
	}
	cmd := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit-10.xsd"), "-")
	cmd.Stdin = bytes.NewReader(data)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the report does not validate against junit-10.xsd: %v\n%s", err, out)
	}
}

func TestJUnitGolden(t *testing.T) {
	var b bytes.Buffer
	if err := JUnit(&b, sample()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "junit.xml.golden", b.Bytes())
	validateXSD(t, b.Bytes())
	doc := checkJUnitStructure(t, b.Bytes())
	if len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 8 {
		t.Fatalf("want one suite of 8 testcases: %s", b.Bytes())
	}
	if skipped, _ := attr(doc.Suites[0].Attrs, "skipped"); skipped != "1" {
		t.Errorf("<testsuite skipped=%q>, want 1", skipped)
	}
}

// TestJUnitTimes: each testcase carries its share of the phase that judged
// it, and the testcases add up to the phases, not to zero.
func TestJUnitTimes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		phases []verdict.Phase
		want   map[string]string
	}{
		{"every phase ran", sample().Phases, map[string]string{
			"builds": "0.900", "honest": "0.900", "started": "0.250", "correct": "0.250", "race-free": "0.250",
			"leak-free": "0.250", "terminates": "0.250", "faster": "0.004"}},
		{"only the build ran", []verdict.Phase{{Name: verdict.PhaseBuild, Duration: 2 * time.Second}}, map[string]string{
			"builds": "1.000", "honest": "1.000", "correct": "0.000", "faster": "0.000"}},
		{"no phase recorded", nil, map[string]string{"builds": "0.000", "faster": "0.000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sample()
			r.Phases = tc.phases
			var b bytes.Buffer
			if err := JUnit(&b, r); err != nil {
				t.Fatal(err)
			}
			validateXSD(t, b.Bytes())
			doc := checkJUnitStructure(t, b.Bytes())
			got := map[string]string{}
			for _, c := range doc.Suites[0].Cases {
				name, _ := attr(c.Attrs, "name")
				got[name], _ = attr(c.Attrs, "time")
			}
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s: time %q, want %q", name, got[name], want)
				}
			}
		})
	}
}

// TestJUnitHostileText: a learner's panic message or output can hold any
// byte; the report stays well-formed and valid.
func TestJUnitHostileText(t *testing.T) {
	r := sample()
	c := r.Check(verdict.Correct)
	c.Status, c.Message = verdict.Fail, "panic: \x00\x1b[31m]]></failure><x a=\"b\">&amp;\xff\ufffe\nline two"
	r.Tally()
	var b bytes.Buffer
	if err := JUnit(&b, r, sample()); err != nil {
		t.Fatal(err)
	}
	validateXSD(t, b.Bytes())
	doc := checkJUnitStructure(t, b.Bytes())
	f := doc.Suites[0].Cases[3].Failure
	if f == nil || !strings.Contains(f.Text, "]]></failure>") || !strings.Contains(f.Text, "line two") {
		t.Errorf("the failure's text did not survive: %+v", f)
	}
	if len(doc.Suites) != 2 {
		t.Errorf("%d suites, want one per result (2)", len(doc.Suites))
	}
}
