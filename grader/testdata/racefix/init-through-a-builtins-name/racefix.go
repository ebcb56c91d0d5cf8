// Package racefix is the model answer to exercise 4: an atomic counter and
// a WaitGroup, private word counts merged after the workers finish, a bank
// whose transfers take the two accounts' locks in index order, and a search
// whose workers each report their chunk's first hit into a slot of their
// own.
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
	n atomic.Int64 //parlab:stub n int64
}

// Inc adds one to the counter.
func (c *Counter) Inc() { c.n.Add(1) } //parlab:stub func (c *Counter) Inc() { c.n++ }

// Value returns the count.
func (c *Counter) Value() int64 { return c.n.Load() } //parlab:stub func (c *Counter) Value() int64 { return c.n }

// CountConcurrently has goroutines goroutines each call Inc n times on one
// Counter, waits for all of them and returns the final value.
func CountConcurrently(goroutines, n int) int64 {
	var c Counter
	var wg sync.WaitGroup //parlab:stub
	for range goroutines {
		wg.Add(1) //parlab:stub
		go func() {
			defer wg.Done() //parlab:stub
			for range n {
				c.Inc()
			}
		}()
	}
	wg.Wait() //parlab:stub
	return c.Value()
}

// WordFreq counts whitespace-separated words across docs with workers goroutines.
func WordFreq(docs []string, workers int) map[string]int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	partial := make([]map[string]int, workers) //parlab:stub freq := map[string]int{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			freq := map[string]int{} //parlab:stub
			for i := w; i < len(docs); i += workers {
				for _, word := range strings.Fields(docs[i]) {
					freq[word]++
				}
			}
			partial[w] = freq //parlab:stub
		}()
	}
	wg.Wait()
	//parlab:begin-solution
	total := map[string]int{}
	for _, freq := range partial {
		for word, n := range freq {
			total[word] += n
		}
	}
	//parlab:end-solution
	return total //parlab:stub return freq
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
	//parlab:begin-stub
	// if b.balances[from] < amount {
	// 	return fmt.Errorf("insufficient funds: account %d holds %d, not %d", from, b.balances[from], amount)
	// }
	// b.locks[from].Lock()
	// b.locks[to].Lock()
	//parlab:end-stub
	//parlab:begin-solution
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
	//parlab:end-solution
	b.balances[from] -= amount
	b.balances[to] += amount
	//parlab:begin-stub
	// b.locks[to].Unlock()
	// b.locks[from].Unlock()
	//parlab:end-stub
	return nil
}

// Balance returns the balance of account i.
func (b *Bank) Balance(i int) int64 {
	b.locks[i].Lock()         //parlab:stub
	defer b.locks[i].Unlock() //parlab:stub
	return b.balances[i]
}

// Total returns the sum of all balances.
func (b *Bank) Total() int64 {
	//parlab:begin-solution
	// Total holds every lock at once (taken in index order, like
	// Transfer), so it sees no transfer half done.
	for i := range b.locks {
		b.locks[i].Lock()
	}
	//parlab:end-solution
	var sum int64
	for _, v := range b.balances {
		sum += v
	}
	//parlab:begin-solution
	for i := range b.locks {
		b.locks[i].Unlock()
	}
	//parlab:end-solution
	return sum
}

// FindFirst returns the smallest index i with xs[i] == target, or -1,
// searching with workers goroutines.
func FindFirst(xs []int, target, workers int) int {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	//parlab:begin-stub
	// if len(xs) == 0 {
	// 	return -1
	// }
	// chunk := (len(xs) + workers - 1) / workers
	// found := make(chan int)
	// var wg sync.WaitGroup
	// for lo := 0; lo < len(xs); lo += chunk {
	// 	hi := min(lo+chunk, len(xs))
	// 	wg.Add(1)
	// 	go func() {
	// 		defer wg.Done()
	// 		for i := lo; i < hi; i++ {
	// 			if xs[i] == target {
	// 				found <- i
	// 				return
	// 			}
	// 		}
	// 	}()
	// }
	// go func() {
	// 	wg.Wait()
	// 	close(found)
	// }()
	// for i := range found {
	// 	return i
	// }
	//parlab:end-stub
	//parlab:begin-solution
	// Chunks are in index order, so the answer is the first chunk's hit
	// that exists.
	for _, i := range chunkHits(xs, target, workers) {
		if i >= 0 {
			return i
		}
	}
	//parlab:end-solution
	return -1
}

//parlab:begin-solution

// chunkHits splits xs into workers chunks in index order and returns, per
// chunk, the index of its first element equal to target, or -1. Each
// chunk's goroutine writes only its own slot, so none waits for a reader
// that has stopped reading.
func chunkHits(xs []int, target, workers int) []int {
	n := len(xs)
	workers = max(1, min(workers, n))
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
	return first
}

//parlab:end-solution
