package suitekit

import (
	"sync"
	"testing"
)

func TestStarted(t *testing.T) {
	for _, tc := range []struct {
		name       string
		goroutines int
	}{
		{"none", 0},
		{"one", 1},
		{"many", 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, ok := Started(func() {
				var wg sync.WaitGroup
				for range tc.goroutines {
					wg.Go(func() {})
				}
				wg.Wait()
			})
			if !ok {
				t.Skip("this Go runtime cannot count goroutines")
			}
			// Nothing else in this test binary starts goroutines meanwhile.
			if n != uint64(tc.goroutines) {
				t.Errorf("Started counted %d goroutines, want %d", n, tc.goroutines)
			}
		})
	}
}
