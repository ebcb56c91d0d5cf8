// Package racefix: CountConcurrently sleeps a millisecond instead of waiting
// for its goroutines (a plausible wrong fix): where each call runs with a
// clock of its own, a sleep would last until every goroutine is done, so
// the grader reports the wait on the clock itself.
package racefix

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Counter counts events; it is meant to be shared by goroutines.
type Counter struct {
	n atomic.Int64
}

// Inc adds one to the counter.
func (c *Counter) Inc() { c.n.Add(1) }

// Value returns the count.
func (c *Counter) Value() int64 { return c.n.Load() }

// CountConcurrently has goroutines goroutines each call Inc n times on one
// Counter, waits for all of them and returns the final value.
func CountConcurrently(goroutines, n int) int64 {
	var c Counter
	for range goroutines {
		go func() {
			for range n {
				c.Inc()
			}
		}()
	}
	time.Sleep(time.Millisecond) // long enough for the goroutines, surely
	return c.Value()
}

// WordFreq counts whitespace-separated words across docs with workers goroutines.
func WordFreq(docs []string, workers int) map[string]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	partial := make([]map[string]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			freq := map[string]int{}
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					freq[word]++
				}
			}
			partial[w] = freq
		}()
	}
	wg.Wait()
	total := map[string]int{}
	for _, freq := range partial {
		for word, n := range freq {
			total[word] += n
		}
	}
	return total
}

// Bank holds accounts whose balances move by transfers.
type Bank struct {
	mu       sync.Mutex
	balances []int64
}

// NewBank opens one account per balance.
func NewBank(balances []int64) *Bank {
	return &Bank{balances: append([]int64(nil), balances...)}
}

// Transfer moves amount from account from to account to; it is safe to call
// from many goroutines. It returns an error for a bad index, from == to,
// amount <= 0 or insufficient funds, and then changes nothing.
func (b *Bank) Transfer(from, to int, amount int64) error {
	if from < 0 || from >= len(b.balances) || to < 0 || to >= len(b.balances) {
		return fmt.Errorf("no such account: transfer from %d to %d, the bank has %d accounts", from, to, len(b.balances))
	}
	if from == to {
		return errors.New("cannot transfer to the same account")
	}
	if amount <= 0 {
		return fmt.Errorf("amount %d is not positive", amount)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.balances[from] < amount {
		return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, b.balances[from], amount)
	}
	b.balances[from] -= amount
	b.balances[to] += amount
	return nil
}

// Balance returns the balance of account i.
func (b *Bank) Balance(i int) int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.balances[i]
}

// Total returns the sum of all balances. It holds every lock at once (taken
// in index order, like Transfer), so it sees no transfer half done.
func (b *Bank) Total() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	var sum int64
	for _, v := range b.balances {
		sum += v
	}
	return sum
}

// FindFirst returns the smallest index i with xs[i] == target, or -1,
// searching with workers goroutines.
func FindFirst(xs []int, target, workers int) int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	n := len(xs)
	workers = max(1, min(workers, n))
	// first[w] is the first hit in chunk w, or -1. Chunks are in index
	// order, so the answer is the first chunk's hit that exists.
	first := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			first[w] = -1
			for i := lo; i < hi; i++ {
				if xs[i] == target {
					first[w] = i
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, i := range first {
		if i >= 0 {
			return i
		}
	}
	return -1
}
