package diagnose

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/trace"
	"sync"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/suite/lib/tracecall"
	"parlab/reference/points"
)

// sink keeps the spinning loops' results alive.
var sink [2]int

// TestCaptureAndRead records a call with tracecall, as the test binary
// does, and reads it back: the wire format's two halves agree.
func TestCaptureAndRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "call.trace")
	// The window only ever closes on a call that hangs; this one returns.
	req := contract.TraceRequest{Path: path, Window: 10 * time.Minute}
	keep := make([][]byte, 0)
	err := tracecall.Capture(req, tracecall.Call{
		Describe:  "Spin(2)",
		Elements:  1000,
		Reference: func() { keep = append(keep, make([]byte, 1<<20)) },
		Run: func() {
			var wg sync.WaitGroup
			for i := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for j := range 2_000_000 {
						sink[i] += j
					}
					keep = append(keep[:0:0], make([]byte, 1<<20)) // large: counted at once
				}()
				wg.Wait() // one after the other
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".part"); !os.IsNotExist(err) {
		t.Errorf("the partial file is left behind: %v", err)
	}
	p := readCapture(t, path)
	if p.Call != "Spin(2)" || !p.Complete || p.Elements != 1000 || !p.HasReference || p.ReferenceBytes < 1<<20 {
		t.Errorf("call %q complete %v elements %d reference %v/%d", p.Call, p.Complete, p.Elements, p.HasReference, p.ReferenceBytes)
	}
	if p.AllocBytes < 2<<20 {
		t.Errorf("the call allocated %d bytes, want at least %d", p.AllocBytes, 2<<20)
	}
	if len(p.Workers) != 3 || !p.Workers[0].Caller || p.Workers[1].Created == "" {
		t.Fatalf("workers %+v, want the caller and the two goroutines it started", p.Workers)
	}
	for _, g := range p.Workers[1:] {
		if len(g.Spans) == 0 || g.time(Running) == 0 {
			t.Errorf("goroutine %d never ran: %+v", g.ID, g.Spans)
		}
	}
}

// TestCaptureCreditsCountedWork records a call whose first goroutine
// draws points and whose second draws none, and checks that the points
// are credited to the goroutine that drew them: the attribution behind
// Figures.Unworked.
func TestCaptureCreditsCountedWork(t *testing.T) {
	path := filepath.Join(t.TempDir(), "call.trace")
	req := contract.TraceRequest{Path: path, Window: 10 * time.Minute}
	err := tracecall.Capture(req, tracecall.Call{
		Describe:  "Draw(2)",
		Reference: func() {},
		Run: func() {
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				for x, y := range points.Stream(1, 0, 1000) {
					sink[0] += int(x + y)
				}
				for range points.Stream(1, 1, 234) {
				}
			}()
			go func() {
				defer wg.Done()
				for j := range 1000 {
					sink[1] += j
				}
			}()
			wg.Wait()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := readCapture(t, path)
	if !p.Counted || p.Work != 1234 || len(p.Workers) != 3 {
		t.Fatalf("counted %v, work %d, %d workers; want 1234 points over the caller and two goroutines", p.Counted, p.Work, len(p.Workers))
	}
	var got []uint64
	for _, g := range p.Workers {
		got = append(got, g.Work)
	}
	if got[0] != 0 || got[1]+got[2] != 1234 || got[1]*got[2] != 0 {
		t.Errorf("work per worker (caller first) %v, want 0 for the caller and 1234 for the goroutine that drew", got)
	}
}

// readCapture reads the trace tracecall wrote to path, with this package
// standing in for the learner's.
func readCapture(t *testing.T, path string) *Profile {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Read(f, Config{Package: "parlab/grader/diagnose"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadTheChosenCallOfARecorder: the timing run's tracer runs
// throughout (tracecall.Recorder), and the snapshot of the chosen call
// reads as that call alone: not the calls before it, whose goroutines
// and allocation are no part of it, and a goroutine of the learner's
// package started before the call and running during it is no worker of
// the call (a spinner left by init or by an earlier call would otherwise
// stand in for a second worker).
func TestReadTheChosenCallOfARecorder(t *testing.T) {
	rec, err := tracecall.StartRecorder(10*time.Minute, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Stop()
	sums := make([]int, 3)
	spin := func(i int) {
		for j := range 2_000_000 {
			sums[i] += j
		}
	}
	keep := make([][]byte, 0)
	call := func(describe string, workers int) {
		rec.Mark()
		rec.Call(tracecall.Call{Describe: describe, Elements: 1000 * workers, Run: func() {
			var wg sync.WaitGroup
			for i := range workers {
				wg.Go(func() { spin(i) })
			}
			wg.Wait()
			keep = append(keep[:0:0], make([]byte, workers<<20))
		}})
	}
	call("Spin(3)", 3)
	stop := make(chan struct{})
	spinning := make(chan struct{})
	var alive sync.WaitGroup
	alive.Go(func() { // alive before the last call and during it
		close(spinning)
		for {
			select {
			case <-stop:
				return
			default:
				sink[1]++
			}
		}
	})
	<-spinning
	call("Spin(2)", 2)
	var buf bytes.Buffer
	err = rec.Snapshot(&buf)
	close(stop)
	alive.Wait()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(bytes.NewReader(buf.Bytes()), Config{Package: "parlab/grader/diagnose"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Call != "Spin(2)" || !p.Complete || p.Elements != 2000 {
		t.Errorf("call %q complete %v elements %d, want the last call, Spin(2), whole", p.Call, p.Complete, p.Elements)
	}
	if p.AllocBytes < 2<<20 || p.AllocBytes >= 3<<20 {
		t.Errorf("the call allocated %d bytes, want the last call's 2 MiB", p.AllocBytes)
	}
	if len(p.Workers) != 3 || !p.Workers[0].Caller {
		t.Fatalf("%d workers %+v, want the caller and the two goroutines the last call started", len(p.Workers), p.Workers)
	}
	for _, g := range p.Workers[1:] {
		if g.Created == "" || !g.Ended || g.time(Running) == 0 {
			t.Errorf("worker %d (created at %q, ended %v) is not one the call started and ran", g.ID, g.Created, g.Ended)
		}
	}
}

// TestReadRefusesTwoCalls: a trace that holds two calls is not the trace
// of the chosen call, and no figures are read from it.
func TestReadRefusesTwoCalls(t *testing.T) {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 {
		trace.WithRegion(ctx, contract.RegionCall, func() { sink[0]++ })
	}
	trace.Stop()
	if p, err := Read(&buf, Config{Package: "parlab/grader/diagnose"}); err == nil {
		t.Errorf("read a trace of two calls as %+v", p)
	}
}
