package grader

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/verdict"
)

var scenarioFilter = flag.String("scenario", "", "grade only the testdata scenarios whose name matches this regexp")

// expectation is a scenario's expected.json: the status of each named
// check ("fail|skip" allows either) and a substring its message must hold.
type expectation struct {
	// Source, when set, grades that folder of the project (relative to its
	// root) instead of the scenario's own files: the model answer is graded
	// where it lives, so it cannot drift from a copy. "pristine" grades the
	// stub as shipped (built into the grader), which a learner's edits to
	// exercises/NAME do not change.
	Source   string                           `json:"source"`
	Checks   map[verdict.CheckName]string     `json:"checks"`
	Messages map[verdict.CheckName]substrings `json:"messages"`
	// Notes is a substring one of the result's notes must hold.
	Notes string `json:"notes"`
	// NoProcess is a command line (its arguments) that no process may
	// have after grading: what the submission started must be gone.
	NoProcess []string `json:"no_process"`
	// Diagnosis is the cause ("a|b" allows either) the faster check's
	// diagnosis must name when the check fails (diagnosis_test.go).
	Diagnosis string `json:"diagnosis"`
}

// substrings is one substring or a list of them, all of which a message
// must hold.
type substrings []string

func (s *substrings) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*s = substrings{one}
		return nil
	}
	return json.Unmarshal(data, (*[]string)(s))
}

// TestScenarios grades every submission under testdata/EXERCISE/ and
// compares the verdicts with the expected.json beside it. It also proves
// that the learner's folder is never written to.
//
// The faster check is timing-based: a good solution may "skip" when the
// machine is busy, and a bad one may too, but a good one never fails and a
// bad one never passes; the expected files say exactly that.
func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs real submissions")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "expected.json"))
	if len(dirs) == 0 {
		t.Fatal("no scenarios found under testdata")
	}
	for _, expPath := range dirs {
		dir := filepath.Dir(expPath)
		exName := filepath.Base(filepath.Dir(dir))
		name := exName + "/" + filepath.Base(dir)
		if ok, _ := regexp.MatchString(*scenarioFilter, name); !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			var want expectation
			data, err := os.ReadFile(expPath)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatalf("%s: %v", expPath, err)
			}
			spec, err := exercise.Lookup(exName)
			if err != nil {
				t.Fatal(err)
			}
			abs, _ := filepath.Abs(dir)
			switch want.Source {
			case "":
			case "pristine":
				abs = t.TempDir()
				if err := spec.WritePristine(abs); err != nil {
					t.Fatal(err)
				}
			default:
				abs = filepath.Join(root, want.Source)
			}
			before := hashTree(t, abs)
			res, err := Grade(context.Background(), spec, Options{Root: root, Dir: abs})
			if err != nil {
				t.Fatalf("Grade: %v", err)
			}
			if after := hashTree(t, abs); after != before {
				t.Errorf("grading changed the learner's folder %s", dir)
			}
			for name, allowed := range want.Checks {
				c := res.Check(name)
				if c == nil {
					t.Errorf("%s: no such check in the result", name)
					continue
				}
				if !slices.Contains(strings.Split(allowed, "|"), string(c.Status)) {
					t.Errorf("%s: status %s, want %s; message: %s", name, c.Status, allowed, c.Message)
				}
			}
			for name, subs := range want.Messages {
				for _, sub := range subs {
					if c := res.Check(name); c == nil || !strings.Contains(c.Message, sub) {
						t.Errorf("%s: message %q does not contain %q", name, msg(c), sub)
					}
				}
			}
			checkDiagnosis(t, want.Diagnosis, res)
			if want.Notes != "" && !strings.Contains(strings.Join(res.Notes, "\n"), want.Notes) {
				t.Errorf("no note contains %q: %q", want.Notes, res.Notes)
			}
			if len(want.NoProcess) > 0 {
				if pids := gotest.FindProcesses(want.NoProcess...); len(pids) > 0 {
					for _, pid := range pids {
						syscall.Kill(pid, syscall.SIGKILL)
					}
					t.Errorf("processes %v (%q) outlived the grading", pids, want.NoProcess)
				}
			}
			// Every phase has its timeout; a grade that takes longer than
			// all of them together plus the builds has hung somewhere.
			if limit := 5*DefaultTimeout + time.Minute; res.Duration > limit {
				t.Errorf("grading took %v, more than every phase's limit together (%v)", res.Duration, limit)
			}
			if t.Failed() || testing.Verbose() {
				for _, c := range res.Checks {
					t.Logf("%-10s %-4s %s", c.Name, c.Status, c.Message)
				}
				if sp := res.Speedup; sp != nil {
					t.Logf("speedup: S %.2f, self %.2f, S_cal %.2f, rounds %d, rows %+v, warnings %q",
						sp.Speedup, sp.SelfSpeedup, sp.Calibration, sp.Rounds, sp.Rows, sp.Warnings)
				}
			}
		})
	}
}

func msg(c *verdict.Check) string {
	if c == nil {
		return ""
	}
	return c.Message
}

// hashTree hashes every file's name, mode and content under dir.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %v %d\n", p, info.Mode(), info.Size())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
