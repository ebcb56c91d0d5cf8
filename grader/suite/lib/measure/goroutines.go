package measure

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"parlab/internal/stack"
)

// LearnerPackages prefixes the import path of every package a learner
// writes: a goroutine with a frame (or a creator) there is the learner's.
const LearnerPackages = "parlab/exercises/"

// learnerPrefix is LearnerPackages; a seam for the package's own tests,
// which have no learner package to start goroutines from.
var learnerPrefix = LearnerPackages

// learnerGoroutines lists the learner's goroutines (one line each: state
// and the learner's first function) in the current stacks, blocked ones
// too: a goroutine waiting on a channel or in a select may be woken by a
// timer (time.After, a Ticker) and take the cores from the reference and
// the calibration while no call of the learner's code is running (a
// submission doing exactly that passed the faster check with serial
// code), and nothing in its stack tells such a wait from one that never
// ends.
func learnerGoroutines() []string {
	var found []string
	for _, text := range strings.Split(stack.All(), "\n\n") {
		if learnerFrame(text) == "" {
			continue
		}
		header, _, _ := strings.Cut(text, "\n")
		state := ""
		if i, k := strings.Index(header, "["), strings.Index(header, "]"); i >= 0 && k > i {
			state = header[i+1 : k]
		}
		found = append(found, fmt.Sprintf("a goroutine [%s] in %s", state, learnerFrame(text)))
	}
	return found
}

// learnerFrame is the first function in a goroutine's trace (or its
// "created by" line) that is the learner's, with its file:line, e.g.
// "histogram.init.0.func1 at /path/histogram.go:12", or "" when the
// goroutine is not the learner's.
func learnerFrame(trace string) string {
	lines := strings.Split(trace, "\n")
	for i, line := range lines {
		fn := strings.TrimPrefix(strings.TrimSpace(line), "created by ")
		if !isLearners(fn) {
			continue
		}
		fn, _, _ = strings.Cut(fn, " in goroutine")
		fn = fn[strings.LastIndex(fn, "/")+1:]
		if k := strings.LastIndex(fn, "("); k > 0 && strings.HasSuffix(fn, ")") {
			fn = fn[:k]
		}
		if i+1 < len(lines) {
			at, _, _ := strings.Cut(strings.TrimSpace(lines[i+1]), " +0x")
			fn += " at " + at
		}
		return fn
	}
	return ""
}

// isLearners reports whether a function of a trace (a line starting with
// its import path) is in the learner's package: under LearnerPackages, but
// not the hidden suite's external test package (NAME_test), which is
// compiled into the same folder.
func isLearners(fn string) bool {
	rest, ok := strings.CutPrefix(fn, learnerPrefix)
	if !ok {
		return false
	}
	pkg, _, _ := strings.Cut(rest, ".")
	return !strings.HasSuffix(pkg, "_test")
}

// settle waits, up to limit, for the learner's goroutines to end (a
// worker that called wg.Done may not have returned yet) and returns those
// that did not, blocked or not. It returns at once when the goroutine
// count is back at baseline.
func settle(baseline int, limit time.Duration) []string {
	deadline := time.Now().Add(limit)
	for {
		if runtime.NumGoroutine() <= baseline {
			return nil
		}
		active := learnerGoroutines()
		if len(active) == 0 || time.Now().After(deadline) {
			return active
		}
		time.Sleep(5 * time.Millisecond)
	}
}
