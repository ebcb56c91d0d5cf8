package tracecall

import (
	"bytes"
	"context"
	"io"
	"runtime/trace"
	"strings"
	"testing"
	"time"

	"parlab/grader/contract"
)

// call makes one call of describe under rec, marked first as a
// measurement marks every timed run; during runs inside it.
func call(rec *Recorder, describe string, during func()) {
	rec.Mark()
	rec.Call(Call{Describe: describe, Run: func() {
		trace.Log(context.Background(), "test", describe+" ran")
		if during != nil {
			during()
		}
	}})
}

// TestSnapshotHoldsTheLastCallOnly: a snapshot after a call holds that
// call, from its start, and nothing of the calls before it, which the
// runtime's window still held: the grader reads one call, the chosen
// one, and a trace a tape can keep (0.3-3 MiB with the whole window).
func TestSnapshotHoldsTheLastCallOnly(t *testing.T) {
	rec, err := StartRecorder(10*time.Minute, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Stop()
	for _, d := range []string{"first()", "second()", "third()"} {
		call(rec, d, nil)
	}
	var whole, last bytes.Buffer
	if _, err := rec.fr.WriteTo(&whole); err != nil {
		t.Fatal(err)
	}
	call(rec, "fourth()", nil)
	if err := rec.Snapshot(&last); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"first()", "second()", "third()"} {
		if !bytes.Contains(whole.Bytes(), []byte(d+" ran")) {
			t.Fatalf("the runtime's window lost %s: the test shows nothing", d)
		}
		if bytes.Contains(last.Bytes(), []byte(d+" ran")) {
			t.Errorf("the snapshot after fourth() holds %s", d)
		}
	}
	if !bytes.Contains(last.Bytes(), []byte("fourth() ran")) || !bytes.Contains(last.Bytes(), []byte(contract.RegionCall)) {
		t.Error("the snapshot does not hold the last call and its region")
	}
	if !bytes.HasPrefix(last.Bytes(), traceHeader) {
		t.Errorf("the snapshot begins with %q, not a trace's header", last.Bytes()[:16])
	}
}

// TestSnapshotKeepsACallAcrossGenerations: the runtime begins a new
// generation of its own during a long call (about every second); the
// snapshot still holds the call from its mark on.
func TestSnapshotKeepsACallAcrossGenerations(t *testing.T) {
	rec, err := StartRecorder(10*time.Minute, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Stop()
	call(rec, "before()", nil)
	call(rec, "long()", func() {
		ctx := context.Background()
		trace.Log(ctx, "test", "first half")
		for range 2 { // as the runtime's own periodic advance does
			if _, err := rec.fr.WriteTo(io.Discard); err != nil {
				t.Error(err)
			}
		}
		trace.Log(ctx, "test", "second half")
	})
	var buf bytes.Buffer
	if err := rec.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"long() ran", "first half", "second half"} {
		if !bytes.Contains(buf.Bytes(), []byte(s)) {
			t.Errorf("the snapshot lost %q", s)
		}
	}
	if bytes.Contains(buf.Bytes(), []byte("before() ran")) {
		t.Error("the snapshot holds the call before the last")
	}
}

// TestSnapshotRefusesACutCall: a snapshot that no longer reaches back to
// the last mark (the runtime dropped the call's first generations: the
// call outlasted the reach) is refused, and so is one with no mark: the
// trace of part of a call, or of more than one, is no trace of the call.
func TestSnapshotRefusesACutCall(t *testing.T) {
	rec, err := StartRecorder(time.Nanosecond, 64<<20) // keeps the newest generation only
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Stop()
	if err := rec.Snapshot(io.Discard); err == nil || !strings.Contains(err.Error(), "not marked") {
		t.Errorf("a snapshot without a mark: %v", err)
	}
	call(rec, "cut()", func() {
		for range 3 {
			time.Sleep(time.Millisecond)
			if _, err := rec.fr.WriteTo(io.Discard); err != nil {
				t.Error(err)
			}
		}
	})
	if err := rec.Snapshot(io.Discard); err == nil || !strings.Contains(err.Error(), "call's start") {
		t.Errorf("a snapshot that lost the call's start: %v", err)
	}
}

// TestGenerationsRefusesAnUnknownFormat: what is not a trace in the wire
// format this knows (a Go release that changed it) is refused, not cut
// at a guess.
func TestGenerationsRefusesAnUnknownFormat(t *testing.T) {
	header := []byte("go 1.26 trace\x00\x00\x00")
	for name, writes := range map[string][][]byte{
		"no header":     {[]byte("not a trace at all")},
		"unknown batch": {header, {7, 1, 2, 3}},
		"empty batch":   {header, {evEventBatch}},
	} {
		g := &generations{w: io.Discard}
		for _, p := range writes {
			if n, err := g.Write(p); n != len(p) || err != nil {
				t.Errorf("%s: Write %d, %v", name, n, err)
			}
		}
		if g.err == nil {
			t.Errorf("%s: read as a trace", name)
		}
	}
	g := &generations{after: 4, w: &bytes.Buffer{}}
	for _, p := range [][]byte{header, {evEventBatch, 4, 9}, {evEndOfGeneration}, {evEventBatch, 5, 9}, {evExperimentalBatch, 1, 5, 9}, {evEndOfGeneration}} {
		g.Write(p)
	}
	got := g.w.(*bytes.Buffer).Bytes()
	want := append(append([]byte{}, header...), evEventBatch, 5, 9, evExperimentalBatch, 1, 5, 9, evEndOfGeneration)
	if g.err != nil || !bytes.Equal(got, want) || g.oldest != 5 || g.newest != 5 {
		t.Errorf("kept % x (oldest %d, newest %d, %v), want % x", got, g.oldest, g.newest, g.err, want)
	}
}
