package kit

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/internal/stack"
)

// A call whose goroutines all wait on each other is a deadlock the watchdog
// would otherwise wait out (10 s for Call, 5 s for racefix's banks, 12-17
// s of a frozen bank's race run): a synctest bubble sees a deadlock on
// channels and WaitGroups at once, but not one on a sync.Mutex, whose
// waits are not durable. Such a wait ends only when another goroutine
// unlocks, never by a timer (lockWaits); so when every goroutine the call
// started (its own included) waits so, or is the kit's own goroutine
// waiting for the call, and they have stayed so, the same goroutines in
// the same waits, for stallFor, nothing is left to release them: the
// call is stopped as the watchdog would stop it. A goroutine that runs,
// sleeps or receives from a channel or waits in a select (which a timer
// can wake) keeps the call waiting for its watchdog, and so does one left
// by an earlier call that does.
//
// A look is a stop-the-world snapshot of every goroutine's state, and
// code that is not deadlocked has, in every snapshot, a goroutine that is
// not waiting so (the lock's holder runs, is runnable, sleeps or is in a
// system call). Only a timer could start one later (time.AfterFunc), and
// none can here: the timed exercises' honest check refuses such timers,
// and a bubble's clock stands still while a goroutine waits on a lock. So
// stallFor needs only a few looks in a row, not a long wait: at 1 s (4
// looks 250 ms apart) each of racefix's three bank tests of a frozen bank
// took 1.3-1.55 s, most of the race run of every such submission, a core
// left idle in a class's batch.
const (
	stallPoll = 100 * time.Millisecond
	stallFor  = 400 * time.Millisecond
)

// lockWaits are the goroutine states of a wait that only another
// goroutine can end, never a timer: a lock, a WaitGroup, a Cond, a send
// on a channel (a timer's channel is only ever received from), a nil
// channel, an empty select.
var lockWaits = map[string]bool{
	"sync.Mutex.Lock": true, "sync.RWMutex.Lock": true, "sync.RWMutex.RLock": true,
	"sync.WaitGroup.Wait": true, "sync.Cond.Wait": true, "semacquire": true,
	"chan send": true, "chan send (nil chan)": true, "chan receive (nil chan)": true, "select (no cases)": true,
}

// stallWatch looks, every stallPoll, for a call stuck on locks.
type stallWatch struct {
	tick     *time.Ticker
	existing map[int]bool // the goroutines that were there before the call
	last     string       // what the last look saw, "" when not stuck
	since    time.Time    // since when it looked so
}

func watchStall(existing map[int]bool) *stallWatch {
	return &stallWatch{tick: time.NewTicker(stallPoll), existing: existing}
}

func (w *stallWatch) stop() { w.tick.Stop() }

// stuck looks once, and reports whether the call's goroutines have all
// waited on each other (lockWaits), unchanged, for stallFor.
func (w *stallWatch) stuck(now time.Time) bool {
	seen := lockedOn(stack.Parse(stack.All()), w.existing)
	if seen == "" || seen != w.last {
		w.last, w.since = seen, now
		return false
	}
	return now.Sub(w.since) >= stallFor
}

// stopIfStuck looks once (stuck) and, when the call described by what
// is stuck on locks, reports it (lockDeadlock: abandoned or the binary
// ended) and returns true.
func (w *stallWatch) stopIfStuck(t testing.TB, what string, now time.Time, abandon bool) bool {
	t.Helper()
	if !w.stuck(now) {
		return false
	}
	lockDeadlock(t, what, w.existing, abandon)
	return true
}

// lockedOn describes the goroutines of gs not in existing (their ids and
// states) when every one of them waits as lockWaits says, or is the kit's
// own goroutine waiting for the call (blocked, with a frame of the kit's
// or of synctest and none of the learner's), one at least the first way,
// and every goroutine from before the call that is in the learner's code
// waits as lockWaits says too; else it is "".
func lockedOn(gs []stack.Goroutine, existing map[int]bool) string {
	var parts []string
	locks := 0
	for _, g := range gs {
		_, learner := g.FirstLearnerFrame()
		switch {
		case existing[g.ID]:
			// One left by an earlier call (abandoned in a deadlock of its
			// own, or leaked) releases nothing while it waits so too;
			// running, sleeping or receiving, it might.
			if learner && !lockWaits[g.State] {
				return ""
			}
			continue
		case lockWaits[g.State]:
			locks++
		case !learner && harness(g) && g.State != "running" && g.State != "runnable":
		default:
			return ""
		}
		parts = append(parts, strconv.Itoa(g.ID)+" "+g.State)
	}
	if locks == 0 {
		return ""
	}
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

// harness reports whether g is the kit's own goroutine that runs a call
// (startCall, startBubble) or synctest's that runs a bubble: by its
// frames, or the go statement that started it.
func harness(g stack.Goroutine) bool {
	for _, f := range append(slices.Clone(g.Frames), g.CreatedAt) {
		for _, p := range harnessFuncs {
			if strings.HasPrefix(f.Func, p) {
				return true
			}
		}
	}
	return false
}

// harnessFuncs are the functions, by prefix, of the goroutines that run
// or wait for a call.
var harnessFuncs = []string{
	"parlab/grader/suite/lib/kit.startCall", "parlab/grader/suite/lib/kit.startBubble",
	"testing/synctest.", "internal/synctest.",
}

// lockDeadlock reports, for the terminates check, the call described by
// what stuck on locks (stallWatch), with where the learner's goroutines
// wait; then it ends the test binary, as the watchdog does for Call, or
// returns (abandon: CallWithin, GiveUpAfter), the goroutines left blocked.
// A call that GiveUpAfter would only give up on is reported too: this is
// no slowness of the race detector's.
func lockDeadlock(t testing.TB, what string, existing map[int]bool, abandon bool) {
	t.Helper()
	dump, where := whereBlocked(existing)
	Report(t, contract.CheckTerminates, "%s never returned: a deadlock, every goroutine of the call waited for another (on a lock, a WaitGroup, a channel send) for %v, and none could go on. Where your goroutines were blocked: %s", what, stallFor, where)
	late.reported()
	if abandon {
		t.Logf("goroutine dump:\n%s", dump)
		return
	}
	fmt.Fprintf(os.Stderr, "goroutine dump:\n%s\n", dump)
	os.Exit(contract.ExitDeadlock)
}
