package check

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"parlab/grader/contract"
	"parlab/grader/testjson"
	"parlab/internal/stack"
	"parlab/internal/textcut"
)

// maxPanicText is how much of a panic's message, the learner's text, a
// check's message keeps (in runes).
const maxPanicText = 300

// TestRun is what running the hidden suite under the race detector left.
//
// Verdicts rest on Report, which only the suite's own code can write (see
// package contract): which tests ran and how they ended, the markers,
// completion.
// Run and Stderr are what the process printed, which learner code can
// write too: they are shown to people, and read only for what the Go
// runtime writes (race reports, panics, goroutine dumps), which can make a
// check fail but never pass.
type TestRun struct {
	// Report is what the suite wrote to the run's report file.
	Report contract.Log
	// Run is the parsed event stream, its output already path-rewritten.
	Run *testjson.Run
	// Stderr is what went to stderr outside the event stream.
	Stderr string
	// RaceLog is what the race detector reported, from its own log files
	// (already path-rewritten).
	RaceLog string
	// Required lists the suite's top-level tests, which must all pass.
	Required []string
	// ExitCode is the test binary's exit status (-1 when killed).
	ExitCode int
	// TimedOut is set when the grader killed the run at its time limit.
	TimedOut bool
	// Timeout is that limit, for messages.
	Timeout string
	// OutOfMemory is set when the grader killed the run for its memory.
	OutOfMemory bool
	// MemoryLimit is that limit, for messages.
	MemoryLimit string
	// CannotPanic is set when the learner's files name no panic
	// (CannotPanic): a "panic: TODO" in the output is then text the code
	// printed, not a TODO panic, and started passes whatever it says.
	CannotPanic bool
}

// Complete reports whether the suite's report says that every test ran
// and the binary was not cut short.
func (tr TestRun) Complete() bool { return tr.Report.Complete }

// observations is everything the checks need from a test run, worked out
// once.
type observations struct {
	markers map[string][]string // check -> messages, in order
	races   []string
	// dataRaces are the races of races, with who made the accesses.
	dataRaces []DataRace
	// unexplained are tests that failed without a marker or a race.
	unexplained []string
	// missing are required tests that never reported an outcome.
	missing []string
	// raced is set when the race detector reported a race.
	raced bool
	crash *crash
	// crowd is how many of the learner's goroutines a hang's dump
	// showed, and where most of them were: a crowd is a goroutine per
	// element, too slow rather than stuck.
	crowd        int
	crowdWhere   string
	crowdStarted int
}

// crash is how a run that did not complete ended.
type crash struct {
	kind    crashKind
	message string
}

type crashKind int

const (
	crashPanic crashKind = iota
	crashTODO
	crashHang
	crashDeadlock
	crashMapWrites
	crashMemory
	crashExit
	// crashCrowd: more goroutines alive at once than the race detector
	// can follow.
	crashCrowd
	// crashSwarm: the suite stopped a call that had started more
	// goroutines than any answer needs (contract.TooManyGoroutines).
	crashSwarm
)

var panicRE = regexp.MustCompile(`(?m)^panic: (.*)$`)

func observe(tr TestRun) observations {
	o := observations{markers: map[string][]string{}}
	all := tr.Run.AllOutput() + tr.Stderr
	explained := map[string]bool{}
	for _, m := range tr.Report.Markers {
		o.markers[m.Check] = append(o.markers[m.Check], m.Message)
		explained[m.Test] = true
	}
	o.dataRaces = DataRaces(tr.RaceLog + all)
	o.races = summaries(o.dataRaces)
	o.raced = len(o.races) > 0
	for _, name := range slices.Sorted(maps.Keys(tr.Report.Results)) {
		if tr.Report.Results[name] != contract.StatusFail || explained[name] {
			continue
		}
		if o.raced {
			continue // a test the race detector failed; race-free reports it
		}
		o.unexplained = append(o.unexplained, name)
	}
	for _, name := range tr.Required {
		switch status := tr.Report.Results[name]; {
		case status == contract.StatusPass || status == contract.StatusFail:
		case status == contract.StatusSkip && name == contract.TimedSizeTest:
			// It gave up on a call too slow under the race detector:
			// the faster check judges that. A slow but right answer
			// (a mutex per pixel on a busy machine) read "did not run
			// to the end" under correct.
		default:
			o.missing = append(o.missing, name)
		}
	}
	if !tr.Complete() {
		o.crash = whyIncomplete(tr, all, o)
		if o.crash.kind == crashHang {
			o.crowd, o.crowdWhere, o.crowdStarted = crowd(all)
		}
	}
	return o
}

// WhyEnded says why a run that did not complete ended, as the suite's
// checks say it (a crash, a deadlock, the time or memory limit), and ""
// for a run that completed.
func WhyEnded(tr TestRun) string {
	if tr.Complete() {
		return ""
	}
	return observe(tr).crash.message
}

// whyIncomplete says why a run did not complete.
func whyIncomplete(tr TestRun, all string, o observations) *crash {
	blocked := func() string {
		where := stack.Describe(stack.LearnerGoroutines(stack.Parse(all)), 5)
		if where == "" {
			return ""
		}
		return " Where your goroutines were: " + where + "."
	}
	switch {
	case tr.OutOfMemory:
		return &crash{crashMemory, fmt.Sprintf("the tests exceeded the memory limit (%s) and were stopped", tr.MemoryLimit)}
	case strings.Contains(all, "race: limit on 8128 simultaneously alive goroutines is exceeded"):
		return &crash{crashCrowd, "the race detector stopped the tests: your code had more than 8128 goroutines alive at once, the most it can follow." + at(all)}
	case strings.Contains(all, "concurrent map writes") || strings.Contains(all, "concurrent map read and map write"):
		return &crash{crashMapWrites, "the program crashed with \"fatal error: concurrent map writes\": goroutines wrote to one map at the same time." + at(all)}
	case len(o.markers[contract.CheckTerminates]) > 0:
		msg := o.markers[contract.CheckTerminates][0]
		if strings.HasPrefix(msg, contract.TooManyGoroutines) {
			return &crash{crashSwarm, msg}
		}
		return &crash{crashHang, msg}
	case strings.Contains(all, "all goroutines are asleep - deadlock!"):
		return &crash{crashDeadlock, "deadlock: every goroutine was blocked, waiting for the others." + blocked()}
	case tr.TimedOut || strings.Contains(all, "panic: test timed out after"):
		return &crash{crashHang, fmt.Sprintf("did not finish in %s: likely a deadlock or an endless loop.", tr.Timeout) + blocked()}
	}
	if m := panicRE.FindStringSubmatch(all); m != nil {
		// The learner's text: one line already, cut short here (the
		// runtime printed all of it, up to the output's cap).
		msg := textcut.Truncate(strings.TrimSpace(strings.TrimSuffix(m[1], " [recovered]")), maxPanicText)
		if (strings.HasPrefix(msg, "TODO") || strings.HasPrefix(msg, `"TODO`)) && !tr.CannotPanic {
			return &crash{crashTODO, "still panics with " + msg + ": the exercise is not started yet"}
		}
		return &crash{crashPanic, "a goroutine panicked: " + msg + "." + at(all)}
	}
	return &crash{crashExit, fmt.Sprintf("the test run ended before every test had run (exit status %d). Does your code call os.Exit or log.Fatal? Library code must return, never end the program.", tr.ExitCode)}
}

// crowd reads a crowd of goroutines in a dump: how many of the
// learner's were alive, where most of them were ("histogram.go:25
// (Parallel.func1)"), and the highest goroutine number, which is about
// how many goroutines the process had started (the runtime numbers them
// in order): a goroutine per element shows in one or the other.
func crowd(dump string) (alive int, where string, started int) {
	all := stack.Parse(dump)
	for _, g := range all {
		started = max(started, g.ID)
	}
	gs := stack.LearnerGoroutines(all)
	count := map[string]int{}
	for _, g := range gs {
		at := g.At.Location() + " (" + g.At.ShortFunc() + ")"
		count[at]++
		if count[at] > count[where] {
			where = at
		}
	}
	return len(gs), where, started
}

// at names the first learner frame of the first goroutine in a dump.
func at(dump string) string {
	for _, g := range stack.Parse(dump) {
		if f, ok := g.FirstLearnerFrame(); ok {
			return fmt.Sprintf(" At %s (%s).", f.Location(), f.ShortFunc())
		}
	}
	return ""
}
