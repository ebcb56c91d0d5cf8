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
	done := make(chan struct{})
	for range goroutines {
		go func() {
			for range n {
				c.Inc()
			}
			done <- struct{}{}
		}()
	}
	for range goroutines {
		<-done
	}
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
	b.lockPair(from, to)
	defer b.unlockPair(from, to)
	if b.balances[from] < amount {
		return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, b.balances[from], amount)
	}
	b.balances[from] -= amount
	b.balances[to] += amount
	return nil
}

// lockPair locks two accounts, the lower index first, so that two
// opposite transfers never wait on each other.
func (b *Bank) lockPair(i, j int) {
	b.locks[min(i, j)].Lock()
	b.locks[max(i, j)].Lock()
}

func (b *Bank) unlockPair(i, j int) {
	b.locks[max(i, j)].Unlock()
	b.locks[min(i, j)].Unlock()
}

// Balance returns the balance of account i.
func (b *Bank) Balance(i int) int64 {
	b.locks[i].Lock()
	v := b.balances[i]
	b.locks[i].Unlock()
	return v
}

// Total returns the sum of all balances.
func (b *Bank) Total() int64 {
	var sum int64
	for i := range b.balances {
		b.locks[i].Lock()
		defer b.locks[i].Unlock()
	}
	for i := range b.balances {
		sum += b.balances[i]
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
	best := atomic.Int64{}
	best.Store(int64(len(xs)))
	var wg sync.WaitGroup
	for lo := 0; lo < len(xs); lo += chunk {
		hi := min(lo+chunk, len(xs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi && int64(i) < best.Load(); i++ {
				if xs[i] == target {
					for {
						cur := best.Load()
						if int64(i) >= cur || best.CompareAndSwap(cur, int64(i)) {
							return
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	if r := int(best.Load()); r < len(xs) {
		return r
	}
	return -1
}
