package racefix

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// Counter counts events; it is meant to be shared by goroutines.
type Counter struct {
	mu sync.Mutex
	n  int64
}

// Inc adds one to the counter.
func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Value returns the count.
func (c *Counter) Value() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

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
	var wg sync.WaitGroup
	var lock sync.Mutex
	freq := map[string]int{}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := map[string]int{}
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					mine[word]++
				}
			}
			lock.Lock()
			defer lock.Unlock()
			for word, n := range mine {
				freq[word] += n
			}
		}()
	}
	wg.Wait()
	return freq
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
	low, high := min(from, to), max(from, to)
	b.locks[low].Lock()
	defer b.locks[low].Unlock()
	b.locks[high].Lock()
	defer b.locks[high].Unlock()
	if got := b.balances[from]; got < amount {
		return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, got, amount)
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

// Total returns the sum of all balances.
func (b *Bank) Total() int64 {
	for i := 0; i < len(b.locks); i++ {
		b.locks[i].Lock()
	}
	defer func() {
		for i := len(b.locks) - 1; i >= 0; i-- {
			b.locks[i].Unlock()
		}
	}()
	s := int64(0)
	for i := 0; i < len(b.balances); i++ {
		s += b.balances[i]
	}
	return s
}

// FindFirst returns the smallest index i with xs[i] == target, or -1,
// searching with workers goroutines.
func FindFirst(xs []int, target, workers int) int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(xs) == 0 {
		return -1
	}
	chunk := (len(xs) + workers - 1) / workers
	var outs []chan int
	for low := 0; low < len(xs); low += chunk {
		high := min(low+chunk, len(xs))
		out := make(chan int, 1)
		outs = append(outs, out)
		go func() {
			for i := low; i < high; i++ {
				if xs[i] == target {
					out <- i
					return
				}
			}
			out <- -1
		}()
	}
	first := -1
	for _, out := range outs {
		if i := <-out; i >= 0 && first < 0 {
			first = i
		}
	}
	return first
}
