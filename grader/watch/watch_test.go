package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// startWatch watches a fresh folder holding a.go with run, and returns the
// file and a function that ends the watch and returns Run's error.
func startWatch(t *testing.T, run func(context.Context)) (file string, stop func() error) {
	t.Helper()
	return startWatchWith(t, Config{Debounce: DefaultDebounce, Run: run})
}

// startWatchWith is startWatch with cfg, whose Dir it fills in.
func startWatchWith(t *testing.T, cfg Config) (file string, stop func() error) {
	t.Helper()
	dir := t.TempDir()
	file = filepath.Join(dir, "a.go")
	if err := os.WriteFile(file, []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan error, 1)
	cfg.Dir = dir
	go func() { finished <- Run(ctx, cfg) }()
	return file, func() error { cancel(); return <-finished }
}

func save(t *testing.T, file string) {
	t.Helper()
	if err := os.WriteFile(file, []byte("package a // saved\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestABurstOfSavesRunsOnce: the first run, then one run for a burst of
// three saves (an editor's), and the watch ends with its context.
func TestABurstOfSavesRunsOnce(t *testing.T) {
	t.Parallel()
	runs := make(chan int, 10)
	n := 0
	file, stop := startWatch(t, func(context.Context) { n++; runs <- n })
	<-runs
	for range 3 {
		save(t, file)
	}
	if got := <-runs; got != 2 {
		t.Fatalf("run %d after the burst, want 2", got)
	}
	if err := stop(); err != nil {
		t.Fatalf("the watch ended with %v", err)
	}
	if len(runs) != 0 {
		t.Errorf("%d more runs for one burst of saves", len(runs))
	}
}

// TestANewerSaveCancelsTheRunningCall: a save while a call runs cancels
// it, and the next call starts only once it has returned.
func TestANewerSaveCancelsTheRunningCall(t *testing.T) {
	t.Parallel()
	started, cancelled := make(chan int, 10), make(chan int, 10)
	n := 0
	file, stop := startWatch(t, func(ctx context.Context) {
		n++
		me := n
		started <- me
		<-ctx.Done()
		cancelled <- me
	})
	if got := <-started; got != 1 {
		t.Fatalf("first call %d", got)
	}
	save(t, file)
	if got := <-cancelled; got != 1 {
		t.Fatalf("call %d cancelled, want the first", got)
	}
	if got := <-started; got != 2 {
		t.Fatalf("call %d started after the save, want 2", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got := <-cancelled; got != 2 {
		t.Errorf("the last call (%d) was not cancelled when the watch ended", got)
	}
}

// TestSettledStartsAtTheFirstSave: with Settled, a save starts a call at
// once, not when its burst is over (here an hour later), and a call that
// read the files as the burst left them is not started again.
func TestSettledStartsAtTheFirstSave(t *testing.T) {
	t.Parallel()
	runs := make(chan int, 10)
	n := 0
	file, stop := startWatchWith(t, Config{Debounce: time.Hour, Settled: func() bool { return true },
		Run: func(context.Context) { n++; runs <- n }})
	<-runs
	save(t, file)
	if got := <-runs; got != 2 {
		t.Fatalf("run %d after the save, want 2", got)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestSettledOrNotWhenTheBurstEnds: when a burst is over, Run asks
// Settled once; a call that read the files as they are now goes on, one
// that did not (a save caught half-written) is cancelled and started
// again.
func TestSettledOrNotWhenTheBurstEnds(t *testing.T) {
	t.Parallel()
	for _, settled := range []bool{true, false} {
		t.Run(fmt.Sprint("settled=", settled), func(t *testing.T) {
			t.Parallel()
			runs, asked := make(chan int, 10), make(chan bool, 10)
			var mu sync.Mutex
			n := 0
			// A second: three saves back to back are one burst even on a
			// busy machine.
			file, stop := startWatchWith(t, Config{Debounce: time.Second,
				Settled: func() bool { asked <- true; return settled },
				Run: func(context.Context) {
					mu.Lock()
					n++
					me := n
					mu.Unlock()
					runs <- me
				}})
			<-runs
			for range 3 {
				save(t, file)
			}
			if got := <-runs; got != 2 {
				t.Fatalf("run %d at the burst's first save, want 2", got)
			}
			<-asked
			want := 0
			if !settled {
				want = 3
				if got := <-runs; got != want {
					t.Fatalf("run %d after an unsettled burst, want %d", got, want)
				}
			}
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			if len(runs) != 0 || len(asked) != 0 {
				t.Errorf("%d more runs and %d more questions after one burst", len(runs), len(asked))
			}
		})
	}
}

func TestRelevant(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{"a.go": true, "a_test.go": false, ".a.go": false, "notes.txt": false} {
		if got := relevant(fsnotifyWrite(name)); got != want {
			t.Errorf("relevant(%s) = %v, want %v", name, got, want)
		}
	}
}

func fsnotifyWrite(name string) fsnotify.Event { return fsnotify.Event{Name: name, Op: fsnotify.Write} }
