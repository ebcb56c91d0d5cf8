package check

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
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
	chk := verdict.Check{Name: verdict.Started, Status: verdict.Pass, Message: noTODOLeft}
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
		chk.Hint = "Replace each panic(\"TODO: ...\") with your code. The assignment (go run ./cmd/grade show NAME) says what each function must do."
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
		// different score on every run (see docs/grading.md).
		chk.Status = verdict.Skip
		chk.Message = notJudgedRacy
		if len(msgs) > 0 {
			chk.Details = "wrong values seen in this run:\n" + strings.Join(firstN(dedupe(msgs), 3), "\n")
		}
	case len(msgs) > 0:
		chk.Status = verdict.Fail
		chk.Message = strings.Join(firstN(dedupe(msgs), 3), "\n")
		chk.Hint = hintFor(msgs[0])
	case o.crash != nil && o.crash.kind == crashSwarm:
		// Reported once, as terminates: the answers were never all given.
		chk.Status = verdict.Skip
		chk.Message = "not judged: the tests were stopped at a call that started too many goroutines (see terminates)"
	case o.crash != nil && (o.crash.kind == crashHang || o.crash.kind == crashDeadlock || o.crash.kind == crashCrowd):
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

// correctHint is how to chase a wrong answer whose kind has no hint of
// its own (correctHints).
const correctHint = "The message names the call, the input (sizes, workers, seed) and the first wrong values. " +
	"Reproduce it in a small test of your own with that input; the usual causes are off-by-one chunk bounds, " +
	"a forgotten remainder, and reading results before every goroutine is done."

// correctHints are the hints of the kinds of wrong answer the suites
// report, found by the words of their messages (the suites' own, see
// grader/suite): the first that matches a message gives its hint.
var correctHints = []struct {
	words []string // all of them in the message
	hint  string
}{
	{[]string{"shares memory with"}, "A slice made by slicing or appending to an input can share the input's array: writing to one changes the other. " +
		"Make the result a new slice (make([]int, 0, len(left)+len(right)), then append or copy into it) and return that."},
	{[]string{"modified"}, "Your function wrote to its input, which belongs to the caller. Only read it; sort or change a copy (slices.Clone) if you need to."},
	{[]string{"the median of the"}, "Time is the median of the reps durations: sort a copy of them and take the middle one, or the mean of the two middle ones for an even count. " +
		"A mean is pulled up by one slow run (a GC, another process), which is why scaling studies use the median."},
	{[]string{"Total must see every balance at one instant"}, "Total must read every balance at one instant: hold the locks of every account while it sums them, " +
		"taken in the same order Transfer takes them (by index), so that no transfer is half done as it reads and the two cannot deadlock."},
	{[]string{"increments were lost"}, "c.n++ is three steps (read, add, write): two goroutines can read the same value and one increment is lost. " +
		"Protect it with a sync.Mutex or use an atomic.Int64, and Wait for every goroutine before reading Value."},
	{[]string{"the smallest index holding the target"}, "Each worker finds the first match in its own chunk; the answer is the smallest of those. " +
		"A worker that returns the first match any goroutine happens to find gives whichever finished first, not the smallest index."},
	{[]string{"started", "want at least"}, "The assignment asks for concurrent code: start goroutines (one per worker) that each do a share of the work, and wait for them. " +
		"Code that runs serially gives the right answer but misses the point of the exercise."},
	{[]string{"call ", " of w was w("}, "Call w exactly reps times for every entry of workers, in the order given: all the runs for the first worker count, then the next."},
	{[]string{"before rejecting its input"}, "Check the arguments first, before calling w even once: an invalid input must cost nothing."},
	{[]string{"called w", "times"}, "Call w exactly reps times for every entry of workers, in the order given: all the runs for the first worker count, then the next."},
	{[]string{"input is invalid"}, "Check the arguments before running anything: the assignment lists the inputs that must return an error (empty workers, a first entry other than 1, a value < 1, reps < 1, size < 1)."},
	{[]string{"but its input is valid"}, "Return an error only for the invalid inputs the assignment lists; a valid input must give points, not an error."},
	{[]string{"but the call took"}, "Return the time the work took: take time.Now() just before starting the goroutines and time.Since(start) after every one is done, inside the function."},
	{[]string{"Speedup =", "Efficiency ="}, "T(1) is the time of the first entry (one worker); compute Speedup and Efficiency from the medians with the formulas in the assignment, for every point."},
	{[]string{"want NaN"}, "With one worker there is no parallel part to measure: the formula divides by zero, so return math.NaN() for workers <= 1."},
	{[]string{" = 1/(f+(1-f)/p)"}, "Compare your formula with Amdahl's law term by term: 1/(f + (1-f)/p), with f the serial fraction and p the workers, in floating point."},
	{[]string{" = p-f*(p-1)"}, "Compare your formula with Gustafson's law term by term: p - f*(p-1), in floating point."},
	{[]string{" = (1/s-1/p)/(1-1/p)"}, "Compare your formula with Karp-Flatt's term by term: (1/s - 1/p) / (1 - 1/p), in floating point (1/p with an int p is 0)."},
	{[]string{"panicked"}, "A panic in any goroutine ends the whole program. Check slice bounds at chunk edges (n < workers, the last chunk) and workers < 1, which means runtime.GOMAXPROCS(0)."},
}

// hintFor is the hint of a correct check's message.
func hintFor(msg string) string {
	for _, h := range correctHints {
		all := true
		for _, w := range h.words {
			all = all && strings.Contains(msg, w)
		}
		if all {
			return h.hint
		}
	}
	return correctHint
}

// crowdSize is how many live goroutines of the learner's at a hang make
// it a crowd: a goroutine per element, not a deadlock.
const crowdSize = 500

// crowdStarted is how many goroutines started in a test run make a hang
// a crowd: the suites' own tests start a few thousand at most.
const crowdStarted = 100_000

// crowdHint is the hint of a hang among a crowd of goroutines.
const crowdHint = "Starting a goroutine costs far more than the work of one element, and the race detector makes each one dearer still. " +
	"Start one goroutine per worker (workers of them), each over its own chunk of the input, and combine their partial results at the end; " +
	"a recursion starts goroutines only while it has workers to give them, and runs serially below that (or below a few thousand elements)."

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
	case o.crash != nil && o.crash.kind == crashSwarm:
		// Not stuck: stopped before a goroutine per element made the
		// tests run for minutes (kit.CrowdLimit).
		chk.Status = verdict.Fail
		chk.Message = o.crash.message
		chk.Hint = crowdHint
	case o.crash != nil && o.crash.kind == crashCrowd:
		chk.Status = verdict.Fail
		chk.Message = o.crash.message + " Too many goroutines: a goroutine per element."
		chk.Hint = crowdHint
	case o.crash != nil && o.crash.kind == crashHang && (o.crowd >= crowdSize || o.crowdStarted >= crowdStarted):
		// Not stuck: a goroutine per element under the race detector.
		chk.Status = verdict.Fail
		what, _, _ := strings.Cut(o.crash.message, ": likely a deadlock")
		chk.Message = what + fmt.Sprintf(": far too slow rather than stuck, by the look of it. Too many goroutines: the tests had started about %d goroutines by then "+
			"(the highest goroutine number), %d of yours were alive, most at %s. A goroutine per element?", o.crowdStarted, o.crowd, o.crowdWhere)
		chk.Hint = crowdHint
	case o.crash != nil && (o.crash.kind == crashHang || o.crash.kind == crashDeadlock):
		chk.Status = verdict.Fail
		chk.Message = o.crash.message
		chk.Hint = deadlockHint(chk.Message, crashHint(o.crash.kind))
	case len(msgs) > 0:
		// A call the suite gave up on and abandoned; the run went on.
		chk.Status = verdict.Fail
		chk.Message = dedupe(msgs)[0]
		chk.Hint = deadlockHint(chk.Message, crashHint(crashDeadlock))
	}
	return chk
}

// lockWaitRE finds, in a deadlock's message, goroutines waiting to take a
// lock: "in sync.Mutex.Lock at racefix.go:99 ((*Bank).Transfer)".
var lockWaitRE = regexp.MustCompile(`in sync\.(?:RW)?Mutex\.R?Lock at (\S+:\d+) \((.+?)\)(?:;|$)`)

// lockOrderHint is the hint of a deadlock where goroutines wait to take
// locks at two or more lines; %s names the functions.
const lockOrderHint = "Your goroutines hold locks and wait for each other's: they are blocked taking locks in %s. " +
	"Two of them took the same two locks in opposite orders, so each holds the lock the other waits for. " +
	"Take locks in one order everywhere, in every function (the account with the lower index first, whichever way the money goes), " +
	"and release them on every path out of the function (defer)."

// deadlockHint is the hint of a deadlock's message: lockOrderHint where
// goroutines wait to take locks at two or more lines, else general.
func deadlockHint(msg, general string) string {
	lines := map[string]bool{}
	funcs := map[string]bool{}
	for _, m := range lockWaitRE.FindAllStringSubmatch(msg, -1) {
		lines[m[1]], funcs[m[2]] = true, true
	}
	if len(lines) < 2 {
		return general
	}
	return fmt.Sprintf(lockOrderHint, strings.Join(slices.Sorted(maps.Keys(funcs)), " and "))
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
