package kit

import (
	"strings"
	"sync"
	"testing"
	"time"

	"parlab/internal/stack"
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
	dump := stack.All()
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

// TestGiveUpAfter: a call that has not returned within the limit is given
// up on without a verdict (no report, ok false); one that returns is
// checked as Call checks it.
func TestGiveUpAfter(t *testing.T) {
	late = lateCalls{}
	r := &recorder{TB: t}
	release := make(chan struct{})
	ended := make(chan struct{})
	_, ok := GiveUpAfter(r, "slow()", 50*time.Millisecond, func() int {
		defer close(ended)
		<-release
		return 1
	})
	if ok || len(r.errors) > 0 {
		t.Errorf("a call past its limit: ok %v, reports %q; want not ok and no report", ok, r.errors)
	}
	close(release)
	<-ended

	r = &recorder{TB: t}
	stop := make(chan struct{})
	defer close(stop)
	v, ok := GiveUpAfter(r, "leaky()", time.Minute, func() int {
		go func() { <-stop }()
		return 2
	})
	if !ok || v != 2 || len(r.errors) != 1 || !strings.Contains(r.errors[0], "[leak-free] leaky() returned but left goroutines running") {
		t.Errorf("a call that returned and leaked: %d, ok %v, reports %q; want 2, ok and a leak report", v, ok, r.errors)
	}
}
