// Package racefix: a plausible wrong fix of the word count: each goroutine
// declares its own mutex, so none waits for another and the map still races.
package racefix

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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
}

// WordFreq counts whitespace-separated words across docs with workers goroutines.
func WordFreq(docs []string, workers int) map[string]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	total := map[string]int{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mu sync.Mutex
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					mu.Lock()
					total[word]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return total
}

// Bank holds accounts whose balances move by transfers.
type Bank struct {
	locks    []sync.Mutex
	balances []int64
}

// NewBank opens one account per balance.
func NewBank(balances []int64) *Bank {
	return &Bank{locks: make([]sync.Mutex, len(balances)), balances: append([]int64(nil), balances...)}
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
	// Every transfer takes the lower-numbered lock first, so no two
	// transfers can each hold the lock the other waits for.
	first, second := min(from, to), max(from, to)
	b.locks[first].Lock()
	defer b.locks[first].Unlock()
	b.locks[second].Lock()
	defer b.locks[second].Unlock()
	if b.balances[from] < amount {
		return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, b.balances[from], amount)
	}
	b.balances[from] -= amount
	b.balances[to] += amount
	return nil
}

// Balance returns the balance of account i.
func (b *Bank) Balance(i int) int64 {
	b.locks[i].Lock()
	defer b.locks[i].Unlock()
	return b.balances[i]
}

// Total returns the sum of all balances. It holds every lock at once (taken
// in index order, like Transfer), so it sees no transfer half done.
func (b *Bank) Total() int64 {
	for i := range b.locks {
		b.locks[i].Lock()
	}
	var sum int64
	for _, v := range b.balances {
		sum += v
	}
	for i := range b.locks {
		b.locks[i].Unlock()
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
