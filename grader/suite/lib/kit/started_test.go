package kit

import (
	"strings"
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

func TestStartsAtLeast(t *testing.T) {
	if _, ok := Started(func() {}); !ok {
		t.Skip("this Go runtime cannot count goroutines")
	}
	for _, tc := range []struct {
		name        string
		start, want uint64
		report      string // a substring of the report; "" for none
	}{
		{"serial code where goroutines are asked for", 0, 1, "[correct] f() started 0 goroutines, want at least 1: why"},
		{"one goroutine too few", 2, 3, "f() started 2 goroutines, want at least 3"},
		{"as many as asked for", 3, 3, ""},
		{"more than asked for", 8, 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			late = lateCalls{}
			r := &recorder{TB: t}
			ok := StartsAtLeast(r, "f()", tc.want, "why", func() {
				var wg sync.WaitGroup
				for range tc.start {
					wg.Go(func() {})
				}
				wg.Wait()
			})
			switch {
			case tc.report == "" && (!ok || len(r.errors) > 0):
				t.Errorf("StartsAtLeast = %v, reported %q; want true and no report", ok, r.errors)
			case tc.report != "" && (ok || len(r.errors) != 1 || !strings.Contains(r.errors[0], tc.report)):
				t.Errorf("StartsAtLeast = %v, reported %q; want false and a report holding %q", ok, r.errors, tc.report)
			}
		})
	}
}
