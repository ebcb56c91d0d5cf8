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
	n int64
}

// Inc adds one to the counter.
func (c *Counter) Inc() { atomic.AddInt64(&c.n, 1) }

// Value returns the count.
func (c *Counter) Value() int64 { return atomic.LoadInt64(&c.n) }

// CountConcurrently has goroutines goroutines each call Inc n times on one
// Counter, waits for all of them and returns the final value.
func CountConcurrently(goroutines, n int) int64 {
	var c Counter
	var wg sync.WaitGroup
	wg.Add(goroutines)
	for g := goroutines; g > 0; g-- {
		go func() {
			defer wg.Done()
			for k := n; k > 0; k-- {
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
	maps := make([]map[string]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make(map[string]int)
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					local[word]++
				}
			}
			maps[w] = local
		}()
	}
	wg.Wait()
	freq := map[string]int{}
	for _, m := range maps {
		for word, c := range m {
			freq[word] += c
		}
	}
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
	bankMu.Lock()
	defer bankMu.Unlock()
	if b.balances[from] < amount {
		return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, b.balances[from], amount)
	}
	b.balances[from] -= amount
	b.balances[to] += amount
	return nil
}

// bankMu guards every bank's balances: one lock, so no lock order can
// deadlock.
var bankMu sync.Mutex

// Balance returns the balance of account i.
func (b *Bank) Balance(i int) int64 {
	bankMu.Lock()
	defer bankMu.Unlock()
	return b.balances[i]
}

// Total returns the sum of all balances.
func (b *Bank) Total() int64 {
	bankMu.Lock()
	defer bankMu.Unlock()
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
