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
	lock sync.RWMutex
	n    int64
}

// Inc adds one to the counter.
func (c *Counter) Inc() {
	c.lock.Lock()
	defer c.lock.Unlock()
	c.n++
}

// Value returns the count.
func (c *Counter) Value() int64 {
	c.lock.RLock()
	v := c.n
	c.lock.RUnlock()
	return v
}

// CountConcurrently has goroutines goroutines each call Inc n times on one
// Counter, waits for all of them and returns the final value.
func CountConcurrently(goroutines, n int) int64 {
	c := &Counter{}
	var all sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		all.Go(func() {
			for i := 0; i < n; i++ {
				c.Inc()
			}
		})
	}
	all.Wait()
	return c.Value()
}

// WordFreq counts whitespace-separated words across docs with workers goroutines.
func WordFreq(docs []string, workers int) map[string]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	freq := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					mu.Lock()
					freq[word]++
					mu.Unlock()
				}
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
	first, second := from, to
	if second < first {
		first, second = second, first
	}
	b.locks[first].Lock()
	b.locks[second].Lock()
	defer b.locks[first].Unlock()
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

// Total returns the sum of all balances.
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
	if len(xs) == 0 {
		return -1
	}
	chunk := (len(xs) + workers - 1) / workers
	var results []chan int
	for lo := 0; lo < len(xs); lo += chunk {
		hi := min(lo+chunk, len(xs))
		res := make(chan int, 1)
		results = append(results, res)
		go func() {
			for i := lo; i < hi; i++ {
				if xs[i] == target {
					res <- i
					return
				}
			}
			res <- -1
		}()
	}
	first := -1
	for _, res := range results {
		if i := <-res; i >= 0 && first < 0 {
			first = i
		}
	}
	return first
}
