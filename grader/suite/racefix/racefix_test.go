//go:build parlabsuite

// The tests are in one file, story by story (the registry's Stories say
// which tests make each story), in this order on purpose: WordFreq's bug
// can crash the whole test binary ("concurrent map writes"), so its story
// runs after every other story has had its chance to be reported. Each
// story ends with a check that its fix kept the work in the goroutines.
package racefix_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parlab/exercises/racefix"
	"parlab/grader/contract"
	"parlab/grader/suite/lib/kit"
	"parlab/grader/suite/lib/workshare"
	"parlab/reference"
)

// Every call runs in a bubble of its own: a timer it left pending is found
// when it returns, however long it was set for (see kit.UseBubbles).
// Nothing here measures time.
func init() { kit.UseBubbles() }

func TestCounter(t *testing.T) {
	kit.Begin(t)
	const goroutines, n = 16, 2000
	got, ok := kit.Try(t, "Inc from 16 goroutines", func() int64 {
		var c racefix.Counter
		var wg sync.WaitGroup
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range n {
					c.Inc()
				}
			}()
		}
		wg.Wait()
		return c.Value()
	})
	if !ok {
		return
	}
	if got != goroutines*n {
		kit.Fatal(t, contract.CheckCorrect, "%d goroutines each called Inc %d times on one Counter, then Value returned %d, want %d: increments were lost",
			goroutines, n, got, goroutines*n)
	}
}

// TestCounterValueWhileIncrementing reads Value while other goroutines
// call Inc, as a progress display would: the race detector sees an
// unprotected read, and the values read must never go down.
func TestCounterValueWhileIncrementing(t *testing.T) {
	kit.Begin(t)
	const goroutines, n = 8, 2000
	what := fmt.Sprintf("Value while %d goroutines each call Inc %d times", goroutines, n)
	problem, ok := kit.Try(t, what, func() string {
		var c racefix.Counter
		var wg sync.WaitGroup
		for range goroutines {
			wg.Go(func() {
				for range n {
					c.Inc()
				}
			})
		}
		stop := make(chan struct{})
		seen := make(chan string, 1)
		go func() {
			prev, problem := int64(0), ""
			for {
				// Read at least once before looking at stop, so that a
				// read always happens while the writers may still run.
				v := c.Value()
				if problem == "" && (v < prev || v > goroutines*n) {
					problem = fmt.Sprintf("Value returned %d after %d", v, prev)
				}
				prev = v
				select {
				case <-stop:
					seen <- problem
					return
				default:
				}
			}
		}()
		wg.Wait()
		close(stop)
		problem := <-seen
		if v := c.Value(); problem == "" && v != goroutines*n {
			problem = fmt.Sprintf("Value returned %d at the end, want %d", v, goroutines*n)
		}
		return problem
	})
	if ok && problem != "" {
		kit.Fatal(t, contract.CheckCorrect, "%s: %s: a count can only grow, and never past %d", what, problem, goroutines*n)
	}
}

func TestCountConcurrently(t *testing.T) {
	kit.Begin(t)
	for _, c := range []struct{ goroutines, n int }{{1, 1000}, {8, 5000}, {64, 200}, {200, 50}, {0, 100}, {4, 0}} {
		for range 3 {
			what := fmt.Sprintf("CountConcurrently(%d, %d)", c.goroutines, c.n)
			got, ok := kit.Try(t, what, func() int64 { return racefix.CountConcurrently(c.goroutines, c.n) })
			if !ok {
				return
			}
			if want := int64(c.goroutines * c.n); got != want {
				kit.Fatal(t, contract.CheckCorrect, "%s = %d, want %d", what, got, want)
			}
		}
	}
}

// TestCountConcurrentlyWorks checks that the fix kept the counting in
// the goroutines: returning goroutines*n, or counting on one goroutine,
// makes every race go away but is not a fix. It counts the goroutines a
// call starts, and reads from an execution trace how long each of them
// ran (see package workshare), neither of which depends on the machine's
// load.
func TestCountConcurrentlyWorks(t *testing.T) {
	kit.Begin(t)
	if !startsWorkers(t, "CountConcurrently(64, 10)", 64, func() { racefix.CountConcurrently(64, 10) }) {
		return
	}
	// One goroutine's share, 50000 Incs, timed alone: a count returned
	// without counting is fast on every goroutine. The least of a few
	// timings: a thread the system stalls makes one longer, never shorter.
	const n = 50_000
	var alone time.Duration
	for range workTries {
		share, err := workshare.Measure(func(mark func()) {
			kit.Do(t, fmt.Sprintf("Inc %d times on one goroutine", n), func() {
				mark()
				var c racefix.Counter
				for range n {
					c.Inc()
				}
			})
		})
		if t.Failed() {
			return
		}
		if err != nil {
			t.Logf("one share was not timed: %v", err)
			break
		}
		if alone == 0 || share.Caller < alone {
			alone = share.Caller
		}
	}
	worksConcurrently(t, fmt.Sprintf("CountConcurrently(4, %d)", n), 4, alone, func() { racefix.CountConcurrently(4, n) })
}

func TestFindFirst(t *testing.T) {
	kit.Begin(t)
	const n = 4096
	rng := rand.New(rand.NewPCG(7, 7))
	for _, workers := range []int{1, 2, 3, 4, 7, 16, 0, -1} {
		// Hits in every chunk, whatever the split: the last element of each
		// 1/64 of xs, and the first. A search that returns the first hit
		// any goroutine finds will often return a later chunk's.
		xs := make([]int, n)
		for i := range xs {
			xs[i] = rng.IntN(1000) + 1
		}
		for k := 1; k <= 64; k++ {
			xs[k*n/64-1] = -7
			if k < 64 {
				xs[k*n/64] = -7
			}
		}
		for rep := range 10 {
			hit := (rep*97 + 3) % (n / 64)
			xs[hit] = -7
			if !findMatches(t, xs, -7, workers, fmt.Sprintf("%d ints with the target in every chunk (first at %d)", n, reference.FindFirst(xs, -7))) {
				return
			}
			xs[hit] = 1
		}
		if !findMatches(t, xs, 123456, workers, fmt.Sprintf("%d ints without the target", n)) {
			return
		}
	}
	for _, c := range []struct {
		xs   []int
		desc string
	}{
		{nil, "no elements"},
		{[]int{5}, "the target alone"},
		{[]int{1, 2, 3}, "3 elements, target last"},
		{[]int{5, 5, 5, 5, 5}, "5 copies of the target"},
	} {
		for _, workers := range []int{1, 2, 8} {
			target := 5
			if c.desc == "3 elements, target last" {
				target = 3
			}
			if !findMatches(t, c.xs, target, workers, c.desc) {
				return
			}
		}
	}
}

func findMatches(t *testing.T, xs []int, target, workers int, desc string) bool {
	t.Helper()
	what := fmt.Sprintf("FindFirst(xs, %d, %d) on %s", target, workers, desc)
	got, ok := kit.Try(t, what, func() int { return racefix.FindFirst(xs, target, workers) })
	if !ok {
		return false
	}
	if want := reference.FindFirst(xs, target); got != want {
		kit.Fatal(t, contract.CheckCorrect, "%s = %d, want %d: the smallest index holding the target", what, got, want)
		return false
	}
	return true
}

// TestFindFirstWorks checks that the fix kept the search in the workers'
// goroutines, as TestCountConcurrentlyWorks does for the counter.
func TestFindFirstWorks(t *testing.T) {
	kit.Begin(t)
	xs := make([]int, 1<<21)
	for i := range xs {
		xs[i] = i % 1000
	}
	procs := runtime.GOMAXPROCS(0)
	if !startsWorkers(t, "FindFirst(xs, 5000, 8) on 4096 ints without 5000", 8, func() { racefix.FindFirst(xs[:4096], 5000, 8) }) ||
		!startsWorkers(t, fmt.Sprintf("FindFirst(xs, 5000, -1) on 4096 ints without 5000 (GOMAXPROCS = %d)", procs), procs, func() { racefix.FindFirst(xs[:4096], 5000, -1) }) {
		return
	}
	worksConcurrently(t, fmt.Sprintf("FindFirst(xs, 5000, 4) on %d ints without 5000", len(xs)), 4, 0, func() { racefix.FindFirst(xs, 5000, 4) })
}

// bankLimit is how long the concurrent bank tests may take: they take
// well under a second under the race detector, so a bank still busy after
// this long is frozen.
const bankLimit = 5 * time.Second

func TestBankRejectsInvalidTransfers(t *testing.T) {
	kit.Begin(t)
	for _, c := range []struct {
		from, to int
		amount   int64
		why      string
	}{
		{-1, 0, 10, "a negative account"},
		{0, 3, 10, "an account past the end"},
		{0, 0, 10, "from == to"},
		{0, 1, 0, "a zero amount"},
		{0, 1, -5, "a negative amount"},
		{2, 0, 1, "an empty account"},
		{1, 0, 51, "more than the balance"},
	} {
		what := fmt.Sprintf("Transfer(%d, %d, %d) on balances [100 50 0]", c.from, c.to, c.amount)
		balances, ok := kit.CallWithin(t, what, bankLimit, func() [4]any {
			b := racefix.NewBank([]int64{100, 50, 0})
			err := b.Transfer(c.from, c.to, c.amount)
			return [4]any{err, b.Balance(0), b.Balance(1), b.Balance(2)}
		})
		if !ok {
			return
		}
		if balances[0] == nil {
			kit.Fatal(t, contract.CheckCorrect, "%s returned no error, but the transfer is invalid (%s)", what, c.why)
		}
		if got := fmt.Sprint(balances[1:]); got != "[100 50 0]" {
			kit.Fatal(t, contract.CheckCorrect, "%s returned an error (%s) but changed the balances to %s: an invalid transfer must change nothing", what, c.why, got)
		}
	}
	what := "Transfer(0, 1, 30) then Transfer(1, 2, 80) on balances [100 50 0]"
	got, ok := kit.CallWithin(t, what, bankLimit, func() string {
		b := racefix.NewBank([]int64{100, 50, 0})
		e1, e2 := b.Transfer(0, 1, 30), b.Transfer(1, 2, 80)
		return fmt.Sprint(e1, e2, b.Balance(0), b.Balance(1), b.Balance(2), b.Total())
	})
	if ok && got != "<nil> <nil> 70 0 80 150" {
		kit.Fatal(t, contract.CheckCorrect, "%s: got errors and balances, total %s, want <nil> <nil> 70 0 80 150", what, got)
	}
}

// TestBankConcurrentTransfers runs thousands of random transfers in both
// directions from many goroutines while others watch the balances.
func TestBankConcurrentTransfers(t *testing.T) {
	kit.Begin(t)
	kit.Interleave(t)
	const goroutines, transfers = 8, 3000
	what := fmt.Sprintf("%d goroutines making %d random transfers each between %d accounts", goroutines, transfers, bankAccounts)
	problems, ok := kit.CallWithin(t, what, bankLimit, func() []string { return transferAtOnce(goroutines, transfers, 99) })
	if ok && len(problems) > 0 {
		kit.Fatal(t, contract.CheckCorrect, "%s: %s", what, strings.Join(problems, "; "))
	}
}

// bankAccounts and bankStart are the bank newBank makes: so many
// accounts, each holding so much, bankTotal in all.
const (
	bankAccounts, bankStart = 8, 1000
	bankTotal               = bankAccounts * bankStart
)

// newBank makes a bank of bankAccounts accounts holding bankStart each.
func newBank() *racefix.Bank {
	initial := make([]int64, bankAccounts)
	for i := range initial {
		initial[i] = bankStart
	}
	return racefix.NewBank(initial)
}

// transferAtOnce has goroutines goroutines make transfers random
// transfers each (seeded with seed) on a new bank while its balances are
// read, and lists up to three problems seen: a balance below zero, money
// made or destroyed.
func transferAtOnce(goroutines, transfers int, seed uint64) []string {
	b := newBank()
	var found notes
	made := newProgress()
	wait := startTransfers(b, bankAccounts, goroutines, transfers, seed, made)
	stop := watchBalances(b, bankAccounts, &found, made)
	wait()
	stop()
	var total int64
	for i := range bankAccounts {
		v := b.Balance(i)
		total += v
		if v < 0 {
			found.note("Balance(%d) = %d at the end: a transfer took money the account did not have", i, v)
		}
	}
	if want := int64(bankTotal); total != want || b.Total() != want {
		found.note("the balances sum to %d and Total() = %d after the transfers, want %d: money was created or destroyed", total, b.Total(), want)
	}
	return found.list
}

// notes keeps the first three problems that goroutines noted.
type notes struct {
	mu   sync.Mutex
	list []string
}

func (p *notes) note(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.list) < 3 {
		p.list = append(p.list, fmt.Sprintf(format, args...))
	}
}

// progress counts the transfers made, for the goroutines that read the
// bank over and over while transfers run (watchBalances, the auditors of
// TestBankTotalWhileTransferring): each waits for a transfer between two
// reads instead of spinning. Spinning on a Balance or a Total that takes
// no lock, such a reader kept a bank whose transfers had all frozen from
// ever looking stuck to the kit, and the bank's 5 s watchdog decided: a
// race run of 13 s for racefix's stub with Counter fixed. Waiting, the
// reader is one more goroutine waiting on another (a sync.Cond), and the
// freeze is reported after a second. A transfer pays one atomic add and
// one load; it signals only when a reader waits.
type progress struct {
	made    atomic.Int64
	waiters atomic.Int32
	mu      sync.Mutex
	cond    *sync.Cond // on mu
	stopped bool
}

func newProgress() *progress {
	p := &progress{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// transferred counts one transfer made and wakes the readers waiting.
func (p *progress) transferred() {
	p.made.Add(1)
	if p.waiters.Load() > 0 {
		p.mu.Lock()
		p.cond.Broadcast()
		p.mu.Unlock()
	}
}

// after waits until more than seen transfers are made, and returns how
// many, or until stop, and then returns false.
func (p *progress) after(seen int64) (int64, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.stopped {
		if n := p.made.Load(); n != seen {
			return n, true
		}
		p.waiters.Add(1)
		p.cond.Wait()
		p.waiters.Add(-1)
	}
	return seen, false
}

// stop ends every wait of after, now and later.
func (p *progress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	p.cond.Broadcast()
}

// startTransfers starts goroutines that each make transfers random
// transfers between accounts accounts (goroutine g's from the generator
// seeded g, seed), counting them in made; wait waits for them.
func startTransfers(b *racefix.Bank, accounts, goroutines, transfers int, seed uint64, made *progress) (wait func()) {
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), seed))
			for range transfers {
				from := rng.IntN(accounts)
				to := (from + 1 + rng.IntN(accounts-1)) % accounts
				_ = b.Transfer(from, to, int64(rng.IntN(300)+1))
				made.transferred()
			}
		}()
	}
	return wg.Wait
}

// watchBalances reads every balance, again after each transfer made
// (made), until stop, noting one that is negative while transfers run.
func watchBalances(b *racefix.Bank, accounts int, found *notes, made *progress) (stop func()) {
	var watcher sync.WaitGroup
	watcher.Go(func() {
		for seen, more := int64(0), true; more; seen, more = made.after(seen) {
			for i := range accounts {
				if v := b.Balance(i); v < 0 {
					found.note("Balance(%d) was %d while transfers ran: a transfer took money the account did not have", i, v)
				}
			}
		}
	})
	return func() {
		made.stop()
		watcher.Wait()
	}
}

// TestBankOppositeTransfers sends money back and forth between two accounts
// from many goroutines at once: the pattern that freezes a bank whose
// transfers take their locks in argument order.
func TestBankOppositeTransfers(t *testing.T) {
	kit.Begin(t)
	kit.Interleave(t)
	const goroutines, transfers = 8, 5000
	what := fmt.Sprintf("%d goroutines transferring between accounts 0 and 1 in opposite directions, %d times each", goroutines, transfers)
	total, ok := kit.CallWithin(t, what, bankLimit, func() int64 {
		b := racefix.NewBank([]int64{1_000_000, 1_000_000})
		var wg sync.WaitGroup
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range transfers {
					_ = b.Transfer(g%2, 1-g%2, 1)
				}
			}()
		}
		wg.Wait()
		return b.Total()
	})
	if ok && total != 2_000_000 {
		kit.Fatal(t, contract.CheckCorrect, "%s: Total() = %d afterwards, want 2000000", what, total)
	}
}

// TestBankTotalWhileTransferring calls Total while transfers run, as an
// auditor would: every Total must be the bank's money at one instant (no
// transfer seen half done), the race detector sees an unprotected read,
// and a Total that takes the accounts' locks in another order than
// Transfer freezes the bank.
func TestBankTotalWhileTransferring(t *testing.T) {
	kit.Begin(t)
	kit.Interleave(t)
	const accounts, start, goroutines, transfers, auditors = 4, 1000, 6, 2000, 2
	initial := make([]int64, accounts)
	for i := range initial {
		initial[i] = start
	}
	what := fmt.Sprintf("Total from %d goroutines while %d goroutines make %d random transfers each between %d accounts", auditors, goroutines, transfers, accounts)
	wrong, ok := kit.CallWithin(t, what, bankLimit, func() []int64 {
		b := racefix.NewBank(initial)
		made := newProgress()
		wait := startTransfers(b, accounts, goroutines, transfers, 5, made)
		var audits sync.WaitGroup
		var mu sync.Mutex
		var wrong []int64
		for range auditors {
			audits.Go(func() {
				for seen, more := int64(0), true; more; seen, more = made.after(seen) {
					if v := b.Total(); v != accounts*start {
						mu.Lock()
						wrong = append(wrong, v)
						mu.Unlock()
					}
				}
			})
		}
		wait()
		made.stop()
		audits.Wait()
		return wrong
	})
	if ok && len(wrong) > 0 {
		kit.Fatal(t, contract.CheckCorrect, "%s: Total returned %v (%d times in all), but the bank always holds %d: Total must see every balance at one instant, not some before a transfer and some after it (hold every account's lock while you add up)",
			what, wrong[:min(3, len(wrong))], len(wrong), accounts*start)
	}
}

func TestWordFreq(t *testing.T) {
	kit.Begin(t)
	words := strings.Fields("the a of to and in is it that go goroutine channel lock race atomic wait group map parallel core")
	rng := rand.New(rand.NewPCG(3, 3))
	doc := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString([]string{" ", "  ", "\n", "\t"}[i%4])
		}
		return b.String()
	}
	var many []string
	for i := range 200 {
		many = append(many, doc(50+i%37))
	}
	for _, c := range []struct {
		docs []string
		desc string
	}{
		{nil, "no documents"},
		{[]string{""}, "one empty document"},
		{[]string{"  the\tcat \n sat on the mat  "}, "one document with mixed whitespace"},
		{many[:3], "3 documents"},
		{many, "200 documents (seed 3)"},
	} {
		for _, workers := range []int{1, 2, 3, 8, 0} {
			what := fmt.Sprintf("WordFreq(docs, %d) on %s", workers, c.desc)
			got := kit.Call(t, what, func() map[string]int { return racefix.WordFreq(c.docs, workers) })
			if t.Failed() {
				return
			}
			want := reference.WordFreq(c.docs)
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !maps.Equal(got, want) && !kit.Equal(t, what, got, want) {
				return
			}
		}
	}
}

// TestWordFreqWorks checks that the fix kept the counting in the workers'
// goroutines, as TestCountConcurrentlyWorks does for the counter. It runs
// last: WordFreq's bug can crash the test binary.
func TestWordFreqWorks(t *testing.T) {
	kit.Begin(t)
	docs := make([]string, 64)
	for i := range docs {
		docs[i] = strings.Repeat("go race lock ", 20+i)
	}
	procs := runtime.GOMAXPROCS(0)
	if !startsWorkers(t, "WordFreq(docs, 4) on 64 documents", 4, func() { racefix.WordFreq(docs, 4) }) ||
		!startsWorkers(t, fmt.Sprintf("WordFreq(docs, 0) on 64 documents (GOMAXPROCS = %d)", procs), procs, func() { racefix.WordFreq(docs, 0) }) {
		return
	}
	big := make([]string, 128)
	for i := range big {
		big[i] = strings.Repeat("go race lock map ", 200)
	}
	worksConcurrently(t, "WordFreq(docs, 4) on 128 documents of 800 words", 4, 0, func() { racefix.WordFreq(big, 4) })
}

// startsWorkers checks that a call the assignment asks to spread over
// workers goroutines starts at least workers-1 (the caller may be one of
// them); one worker may well be the caller itself.
func startsWorkers(t *testing.T, what string, workers int, run func()) bool {
	t.Helper()
	if workers < 2 {
		return true
	}
	why := fmt.Sprintf("the assignment asks for %d workers, each on its own goroutine (the caller may be one of them). Removing the concurrency makes the races go away but is not a fix: keep the goroutines and make what they share safe", workers)
	return kit.StartsAtLeast(t, what, uint64(workers-1), why, run)
}

// workTries is how many times worksConcurrently measures a call before it
// fails it: a thread the operating system stalls inflates a measure, and a
// call whose goroutines do nothing fails every one.
const workTries = 3

// worksConcurrently makes a call that the assignment asks to spread over
// workers goroutines and checks, from an execution trace of it, that the
// goroutines it started did the work, not the calling goroutine: code that
// starts empty goroutines and does the work itself passes a count of
// starts. floor is how long one worker's share takes one goroutine alone,
// where the suite measured it (see workshare.Share.Working). It returns
// whether t may go on.
func worksConcurrently(t *testing.T, what string, workers int, floor time.Duration, run func()) bool {
	t.Helper()
	var last workshare.Share
	for range workTries {
		share, err := workshare.Measure(func(mark func()) {
			kit.Do(t, what, func() { mark(); run() })
		})
		switch {
		case t.Failed():
			return false
		case err != nil:
			t.Logf("%s: who did the work was not checked: %v", what, err)
			return true
		case share.Working(workers, floor) >= workers-1:
			t.Logf("%s: %s (each: %v)", what, share, share.Workers)
			return true
		}
		last = share
	}
	alone := ""
	if floor > 0 {
		alone = fmt.Sprintf(", where one worker's share takes %v on one goroutine alone", floor.Round(10*time.Microsecond))
	}
	kit.Fatal(t, contract.CheckCorrect, "%s: the goroutines it started did not do the work: %s%s (measured %d times with the execution tracer, as time on a CPU). The assignment asks for %d workers, each on its own goroutine doing a share of the work (the caller may be one of them). Goroutines that do nothing while the caller works make the races go away but are not a fix: keep the work in the goroutines and make what they share safe",
		what, last, alone, workTries, workers)
	return false
}
