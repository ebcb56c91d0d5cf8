// Package racefix is exercise 4: find and fix the concurrency bugs.
//
// Unlike the other exercises, this package is not a stub: it compiles, it
// runs, and on a quick try it even seems to work. It has real bugs of the
// kinds that make parallel programs fail once in a thousand runs. Your job
// is to find them (the race detector is your friend: go test -race) and fix
// them without changing any name or signature.
//
// # The stories
//
// The counter. CountConcurrently starts goroutines goroutines, each calling
// Inc n times on one Counter, and should return goroutines*n. It usually
// returns less, and sometimes 0. There are two separate reasons: one is
// about what Inc does when two goroutines run it at once, the other about
// when CountConcurrently reads the value.
//
// The word count. WordFreq splits the documents among its workers, and the
// workers count words into one map. Most of the time the counts are right.
// Sometimes the program dies with "fatal error: concurrent map writes", and
// a crash like that cannot be recovered from.
//
// The bank. Transfer moves money between accounts and may be called from
// many goroutines at once. A colleague noticed that balances went wrong
// under load and added a lock per account. Since then the totals look
// better, but a busy bank sometimes freezes for good, and now and then an
// account still ends up below zero. Look at the order in which two
// transfers going opposite ways take their locks, and at what Transfer
// reads before it takes any lock. Balance and Total are called while
// transfers run, too.
//
// The search. FindFirst splits xs into one chunk per worker and returns the
// smallest index holding target. It is fast, but when several chunks hold
// target it sometimes returns a larger index, and every such call leaves
// goroutines behind that never finish: in a long-running server, they pile
// up until memory runs out.
//
// # The API (keep every name and signature)
//
//	type Counter struct{ /* unexported */ }
//	func (c *Counter) Inc()
//	func (c *Counter) Value() int64
//	func CountConcurrently(goroutines, n int) int64
//	func WordFreq(docs []string, workers int) map[string]int
//	type Bank struct{ /* unexported */ }
//	func NewBank(balances []int64) *Bank
//	func (b *Bank) Transfer(from, to int, amount int64) error
//	func (b *Bank) Balance(i int) int64
//	func (b *Bank) Total() int64
//	func FindFirst(xs []int, target, workers int) int
//
// Transfer returns an error, and changes nothing, for an index out of
// range, from == to, amount <= 0, or a balance below amount. workers < 1
// means runtime.GOMAXPROCS(0).
//
// Value, Balance and Total may be called while other goroutines call Inc
// or Transfer. Value never goes down. Total is the bank's money at one
// instant: while transfers run it still equals the sum of the opening
// balances, never counting a transfer half done.
//
// Keep the concurrency: CountConcurrently runs its goroutines, and
// WordFreq and FindFirst split their work over workers goroutines (the
// caller may be one of them). Removing the goroutines removes the races
// too, but it is not a fix. And when a function returns, nothing it
// started may still run or be due to run later: no goroutine, no pending
// timer that will start one.
//
// # What the grader checks
//
//	go run ./cmd/grade exercise racefix
//
// runs these checks:
//
//   - builds, honest: as for every exercise, honest refuses code that
//     runs before the first call (an init function, a package-level
//     variable made by calling your own functions or time's or
//     context's); here a timer made then would also run outside the
//     clocks the grader gives each call (see leak-free). errors.New, make
//     and the like are fine.
//   - correct: exact counts with many goroutines, word counts equal to a
//     serial count, the smallest index for hits in every chunk, money
//     neither created nor destroyed by thousands of concurrent transfers in
//     both directions, no balance ever below zero, Total right whenever it
//     is called, invalid transfers rejected with nothing changed; each
//     function starts the goroutines it promises (counted), and those
//     goroutines do the work (an execution trace shows how long each ran:
//     goroutines that do nothing while the caller works are no fix). No
//     call waits on the clock: a time.Sleep in place of waiting for the
//     goroutines fails, since with a call's own clock (see leak-free) a
//     sleep would last exactly until they are done, as no real clock
//     promises.
//   - race-free: the race detector sees no data race in any of it, with
//     Value, Balance and Total called while the counts and transfers run;
//     the report lists every distinct race, the two lines of each. While
//     a story races, its answers are not judged: racy answers depend on
//     timing, and your score must not.
//   - leak-free: no call leaves a goroutine running, nor a timer that
//     starts one later, however far off: each call runs with a clock of
//     its own (testing/synctest), which the grader runs forward to the end
//     of time once the call has returned, so a pending time.AfterFunc or
//     context deadline fires at once.
//   - terminates: no call blocks forever; a frozen bank is reported within
//     seconds, with where its goroutines were waiting.
//
// The points are per story (grade show racefix lists them): the counter 2,
// the search 2, the bank 3, the word count 2, and 1 each for builds and
// honest. A story earns its points once every check passes on its tests,
// whatever state the other stories are in, so each fix shows in the
// score; the check rows say what is still wrong.
//
// There is no speed check here: a fix with one lock for the whole bank is
// correct, and passes. Locks per account are the better design (transfers
// between different accounts need not wait for each other), if you can
// make them safe.
//
// # Hints
//
//   - Run the tests of your own with -race, many times (-count=20).
//   - A sync.WaitGroup (or a channel) is how one goroutine waits for others.
//   - Deadlocks need a cycle: goroutine A holds lock 1 and wants lock 2
//     while B holds lock 2 and wants lock 1. Break every possible cycle.
//   - Checking a condition and acting on it must happen under the same
//     lock, or the condition may no longer hold when you act.
//   - A goroutine blocked forever on a channel send is a leak: give it a
//     buffer, or a way to learn that nobody is listening any more.
package racefix
