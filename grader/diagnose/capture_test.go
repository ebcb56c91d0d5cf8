package diagnose

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/tracecall"
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
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Read(f, Config{Package: "parlab/grader/diagnose"})
	if err != nil {
		t.Fatal(err)
	}
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
