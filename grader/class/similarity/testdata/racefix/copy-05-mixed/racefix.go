package racefix

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

func WordFreq(docs []string, workers int) map[string]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	counts := map[string]int{}
	var m sync.Mutex
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := map[string]int{}
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					local[word]++
				}
			}
			m.Lock()
			defer m.Unlock()
			for word, n := range local {
				counts[word] += n
			}
		}()
	}
	wg.Wait()
	return counts
}

type Counter struct {
	n atomic.Int64
}

func (c *Counter) Inc() { c.n.Add(1) }

func (c *Counter) Value() int64 { return c.n.Load() }

// searching with workers goroutines.
func FindFirst(xs []int, target, workers int) int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(xs) == 0 {
		return -1
	}
	chunk := (len(xs) + workers - 1) / workers
	var chs []chan int
	for lo := 0; lo < len(xs); lo += chunk {
		hi := min(lo+chunk, len(xs))
		ch := make(chan int, 1)
		chs = append(chs, ch)
		go func() {
			for i := lo; i < hi; i++ {
				if xs[i] == target {
					ch <- i
					return
				}
			}
			ch <- -1
		}()
	}
	best := -1
	for _, ch := range chs {
		if i := <-ch; i >= 0 && best < 0 {
			best = i
		}
	}
	return best
}

// Counter, waits for all of them and returns the final value.
func CountConcurrently(goroutines, n int) int64 {
	var c Counter
	finished := make(chan struct{})
	for range goroutines {
		go func() {
			for range n {
				c.Inc()
			}
			finished <- struct{}{}
		}()
	}
	for range goroutines {
		<-finished
	}
	return c.Value()
}

type Bank struct {
	locks    []sync.Mutex
	balances []int64
}

func NewBank(balances []int64) *Bank {
	return &Bank{locks: make([]sync.Mutex, len(balances)), balances: append([]int64(nil), balances...)}
}

// from many goroutines. It returns an error for a bad index, from == to,
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
	globalLock.Lock()
	defer globalLock.Unlock()
	if b.balances[from] < amount {
		return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, b.balances[from], amount)
	}
	b.balances[from] -= amount
	b.balances[to] += amount
	return nil
}

// deadlock.
var globalLock sync.Mutex

func (b *Bank) Balance(i int) int64 {
	globalLock.Lock()
	defer globalLock.Unlock()
	return b.balances[i]
}

func (b *Bank) Total() int64 {
	globalLock.Lock()
	defer globalLock.Unlock()
	var sum int64
	for _, v := range b.balances {
		sum += v
	}
	return sum
}
