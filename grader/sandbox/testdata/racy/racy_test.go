// Package racy has a data race for the race detector to find: the test
// that proves the race runtime works inside the sandbox.
package racy

import (
	"sync"
	"testing"
)

func TestRace(t *testing.T) {
	n := 0
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++
		}()
	}
	wg.Wait()
	t.Log(n)
}
