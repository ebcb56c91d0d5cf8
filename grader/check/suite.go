package check

import (
	"fmt"
	"strings"

	"parlab/grader/contract"
	"parlab/grader/verdict"
)

// Suite judges the checks that come from running the hidden suite under
// the race detector: started, correct, race-free, leak-free and
// terminates, in that order. starter is set for exercises that ship
// working-but-buggy code, which cannot be "not started".
func Suite(tr TestRun, starter bool) []verdict.Check {
	o := observe(tr)
	started := Started(tr, o, starter)
	if started.Status == verdict.Fail {
		out := []verdict.Check{started}
		for _, name := range []verdict.CheckName{verdict.Correct, verdict.RaceFree, verdict.LeakFree, verdict.Terminates} {
			out = append(out, verdict.Check{Name: name, Status: verdict.Skip, Message: "not judged: the exercise is not started yet"})
		}
		return out
	}
	return []verdict.Check{started, Correct(tr, o), Race(tr, o), Leak(tr, o), Terminates(tr, o)}
}

// Started judges whether the stub's TODO panics are gone.
func Started(tr TestRun, o observations, starter bool) verdict.Check {
	chk := verdict.Check{Name: verdict.Started, Status: verdict.Pass, Message: "no TODO left"}
	if starter {
		chk.Message = "the exercise ships as working code to fix"
		return chk
	}
	var todo []string
	todo = append(todo, o.markers[contract.CheckStarted]...)
	if o.crash != nil && o.crash.kind == crashTODO {
		todo = append(todo, o.crash.message)
	}
	if len(todo) > 0 {
		chk.Status = verdict.Fail
		chk.Message = "not started yet: " + dedupe(todo)[0]
		chk.Hint = "Replace each panic(\"TODO: ...\") with your code. The assignment (grade show NAME) says what each function must do."
	}
	return chk
}

// Correct judges whether every test of the suite passed, setting aside
// failures that belong to the race-free and leak-free checks.
func Correct(tr TestRun, o observations) verdict.Check {
	chk := verdict.Check{Name: verdict.Correct}
	msgs := o.markers[contract.CheckCorrect]
	switch {
	case o.raced || (o.crash != nil && o.crash.kind == crashMapWrites):
		// Whether lost updates show up depends on how this run happened
		// to be scheduled; judging them would give the same code a
		// different score on every run (see README, "How grading works").
		chk.Status = verdict.Skip
		chk.Message = notJudgedRacy
		if len(msgs) > 0 {
			chk.Details = "wrong values seen in this run:\n" + strings.Join(firstN(dedupe(msgs), 3), "\n")
		}
	case len(msgs) > 0:
		chk.Status = verdict.Fail
		chk.Message = strings.Join(firstN(dedupe(msgs), 3), "\n")
		chk.Hint = correctHint
	case o.crash != nil && (o.crash.kind == crashHang || o.crash.kind == crashDeadlock):
		// Reported once, as terminates: the answers were never all given.
		chk.Status = verdict.Skip
		chk.Message = "not judged: a call never returned (see terminates)"
	case o.crash != nil:
		chk.Status = verdict.Fail
		chk.Message = o.crash.message
		chk.Hint = crashHint(o.crash.kind)
	case len(o.unexplained) > 0:
		chk.Status, chk.Hint = verdict.Fail, correctHint
		chk.Message = fmt.Sprintf("%s failed: %s", o.unexplained[0], firstLines(failureText(tr, o.unexplained[0]), 6))
	case len(o.missing) > 0:
		chk.Status, chk.Hint = verdict.Fail, correctHint
		chk.Message = fmt.Sprintf("the grader's test %s did not run to the end", o.missing[0])
	default:
		chk.Status = verdict.Pass
		chk.Message = fmt.Sprintf("agrees with the serial reference on every case (%d tests)", len(tr.Required))
	}
	return chk
}

// notJudgedRacy is the correct check's message when the race detector
// reported a race: its points are withheld whatever the answers were.
const notJudgedRacy = "not judged: a data race makes results depend on timing (see race-free); fix the race and the answers are checked"

// correctHint is how to chase a wrong answer.
const correctHint = "The message names the call, the input (sizes, workers, seed) and the first wrong values. " +
	"Reproduce it in a small test of your own with that input; the usual causes are off-by-one chunk bounds, " +
	"a forgotten remainder, and reading results before every goroutine is done."

func crashHint(k crashKind) string {
	switch k {
	case crashMemory:
		return "Something allocates without bound: a slice that keeps growing, or a goroutine per element that never ends."
	case crashHang, crashDeadlock:
		return "A goroutine waits for something that never happens: a channel nobody sends on, a WaitGroup whose Add and Done do not match, a lock taken twice, " +
			"or two goroutines taking the same two locks in opposite orders (each holds one and waits for the other)."
	case crashExit:
		return "Return results to the caller; never call os.Exit, log.Fatal or panic in library code."
	default:
		return "A panic in any goroutine ends the whole program. Check slice bounds at chunk edges (n < workers, the last chunk)."
	}
}

// Leak judges whether goroutines were left running after calls returned.
func Leak(tr TestRun, o observations) verdict.Check {
	chk := verdict.Check{Name: verdict.LeakFree}
	switch msgs := o.markers[contract.CheckLeakFree]; {
	case len(msgs) > 0:
		chk.Status = verdict.Fail
		chk.Message = dedupe(msgs)[0]
		chk.Hint = "A goroutine that can never finish (blocked on a channel nobody reads, waiting for a result nobody needs) " +
			"is a leak: it holds memory forever. Make sure every goroutine can exit: buffered channels, closing channels, or a done channel / context to cancel."
	case !tr.Complete():
		chk.Status, chk.Message = verdict.Skip, "not judged: the tests did not all run"
	default:
		chk.Status, chk.Message = verdict.Pass, "no goroutine outlives the call that started it"
	}
	return chk
}

// Terminates judges whether everything finished in time.
func Terminates(tr TestRun, o observations) verdict.Check {
	chk := verdict.Check{Name: verdict.Terminates, Status: verdict.Pass, Message: "every call returned"}
	switch msgs := o.markers[contract.CheckTerminates]; {
	case o.crash != nil && (o.crash.kind == crashHang || o.crash.kind == crashDeadlock):
		chk.Status = verdict.Fail
		chk.Message = o.crash.message
		chk.Hint = crashHint(o.crash.kind)
	case len(msgs) > 0:
		// A call the suite gave up on and abandoned; the run went on.
		chk.Status = verdict.Fail
		chk.Message = dedupe(msgs)[0]
		chk.Hint = crashHint(crashDeadlock)
	}
	return chk
}

func failureText(tr TestRun, name string) string {
	if t := tr.Run.Test(name); t != nil {
		return t.Output
	}
	return ""
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func firstN(xs []string, n int) []string {
	if len(xs) > n {
		return append(xs[:n:n], fmt.Sprintf("(and %d more)", len(xs)-n))
	}
	return xs
}
