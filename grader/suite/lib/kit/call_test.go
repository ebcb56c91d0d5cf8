package kit

import (
	"strings"
	"sync"
	"testing"
)

// TestAllStacksGrows: a dump larger than allStacks's first buffer still
// holds every goroutine, so a deadlock report and the goroutines known
// before a call miss none.
func TestAllStacksGrows(t *testing.T) {
	const n = 2000 // well over 64 KiB of stacks
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { <-release })
	}
	defer func() { close(release); wg.Wait() }()
	dump := allStacks()
	if len(dump) <= 64<<10 {
		t.Fatalf("the dump of %d goroutines is only %d bytes: the test does not exercise the growth", n, len(dump))
	}
	if got := strings.Count(dump, "\ngoroutine ") + 1; got < n {
		t.Fatalf("allStacks holds %d goroutines, want at least %d", got, n)
	}
	if got := len(goroutineIDs()); got < n {
		t.Fatalf("goroutineIDs found %d goroutines, want at least %d", got, n)
	}
}
