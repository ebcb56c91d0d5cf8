package grader

import (
	"fmt"
	"slices"
	"strings"

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/testjson"
)

// The race run checks the code under the race detector, and in an
// exercise whose calls run in bubbles, on a clock that stands still
// while code runs: code can see both, and behave one way there and
// another everywhere else. A racefix submission counted with an atomic
// when a timed loop said it was checked and with a plain increment
// otherwise, and passed every check. So the exercise's stories name
// tests (exercise.Story.Unraced) that the grader runs again, alone, in
// the plain binary and on the real clock, as the learner's own program
// runs; what they report counts with the race run's tests.

// unraced runs the stories' Unraced tests in the plain binary, once the
// race run has finished, and adds what they reported to tr: their
// results and markers. The tests run in the suite's order (the stories'
// order, the one that can crash the binary last); the first that did
// not report is failed for the correct check with what the run printed
// (the runtime's "concurrent map writes", a hang), and the ones after it
// did not run. It returns the tests whose results now count in tr: none
// when there are none, or the race run did not finish.
func (r *run) unraced(tr *check.TestRun, plainBuilt bool) ([]string, error) {
	tests := r.spec.UnracedTests()
	if len(tests) == 0 || !tr.Complete() {
		return nil, nil
	}
	if !plainBuilt {
		r.unracedFail(tr, tests, "the package did not build without the race detector")
		return tests, nil
	}
	r.opts.Progress("running the fixes again without the race detector")
	res, log, err := r.runPlainTests("unraced run", "unraced", "("+strings.Join(tests, "|")+")", max(speedup.UsableCores(), 2), nil, contract.UnracedEnv+"=1")
	if err != nil {
		return nil, err
	}
	tr.Report.Markers = append(tr.Report.Markers, log.Markers...)
	for i, t := range tests {
		switch status := log.Results[t]; status {
		case contract.StatusPass, contract.StatusFail:
			tr.Report.Results[t] = status
		default:
			ended := check.WhyEnded(check.TestRun{Report: log, Run: &testjson.Run{},
				Stderr: r.paths.Rewrite(string(res.Stdout) + string(res.Stderr)), ExitCode: res.ExitCode,
				TimedOut: res.TimedOut, Timeout: r.opts.Timeout.String(),
				OutOfMemory: res.OutOfMemory, MemoryLimit: fmt.Sprintf("%d MiB", r.opts.MemoryLimit>>20)})
			r.unracedFail(tr, tests[i:i+1], ended)
			return tests[:i+1], nil
		}
	}
	return tests, nil
}

// unracedFail fails each of tests in tr for the correct check, with why
// the unraced run did not say how it went.
func (r *run) unracedFail(tr *check.TestRun, tests []string, why string) {
	if why = strings.TrimSpace(why); !strings.HasSuffix(why, ".") {
		why += "."
	}
	for _, t := range tests {
		tr.Report.Results[t] = contract.StatusFail
		tr.Report.Markers = append(tr.Report.Markers, contract.Marker{Test: t, Check: contract.CheckCorrect,
			Message: fmt.Sprintf("the %s calls, run again in a build without the race detector, on the real clock, as your program runs outside the grader, did not finish: %s Under the race detector they passed: the code behaves differently when it is checked. Protect every shared update the same way in every build",
				r.storyOf(t), why)})
	}
}

// storyOf names the story whose Unraced tests hold test.
func (r *run) storyOf(test string) string {
	for _, st := range r.spec.Stories {
		if slices.Contains(st.Unraced, test) {
			return string(st.Name)
		}
	}
	return test
}
