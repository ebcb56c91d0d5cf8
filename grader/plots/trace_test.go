package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"parlab/grader/diagnose"
)

func recordedProfile(t *testing.T, name, pkg string) *diagnose.Profile {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "diagnose", "testdata", name+".trace"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := diagnose.Read(f, diagnose.Config{Package: "parlab/exercises/" + pkg})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTimelineLanes(t *testing.T) {
	for _, tc := range []struct {
		trace, pkg string
		lanes      int
		title      string
	}{
		// The caller, two workers, the GC.
		{"histogram-static-split", "histogram", 4, "Parallel(pixels, 2) on 2 cores"},
		// Only the busiest goroutines get a lane.
		{"mergesort-goroutine-per-split", "mergesort", maxLanes + 1, "24 of 47428 goroutines shown"},
	} {
		t.Run(tc.trace, func(t *testing.T) {
			tl := timeline(recordedProfile(t, tc.trace, tc.pkg))
			if len(tl.Lanes) != tc.lanes || !strings.Contains(tl.Title, tc.title) {
				t.Errorf("%d lanes, title %q; want %d lanes and %q in the title", len(tl.Lanes), tl.Title, tc.lanes, tc.title)
			}
			if !strings.Contains(tl.Lanes[0].Name, "your call") {
				t.Errorf("first lane %q is not the caller", tl.Lanes[0].Name)
			}
			var b bytes.Buffer
			if err := WriteTimeline(&b, "svg", tl); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"<svg", "your call", "garbage collection", "runnable"} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("the SVG has no %q", want)
				}
			}
		})
	}
}

func TestTimelineFile(t *testing.T) {
	if err := CheckTimelineFile("t.pdf"); err == nil {
		t.Error("a .pdf timeline was accepted")
	}
	if err := DrawTimeline(filepath.Join(t.TempDir(), "t.svg"), nil); err == nil || !strings.Contains(err.Error(), "no call was traced") {
		t.Errorf("no trace: err %v", err)
	}
	out := filepath.Join(t.TempDir(), "t.png")
	if err := DrawTimeline(out, recordedProfile(t, "histogram-lock-per-pixel", "histogram")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Errorf("no PNG written: %v", err)
	}
}

// TestTimelineShowsSpinningAsWaiting: a mutex per pixel's workers spin
// on the lock, which the trace calls running; the timeline shows the
// time their CPU samples fell in the lock code as waiting on a lock
// (issue 29: both lanes were solid green under a diagnosis of lock
// contention). The goroutines of a split without locks keep running.
func TestTimelineShowsSpinningAsWaiting(t *testing.T) {
	share := func(trace string) float64 {
		tl := timeline(recordedProfile(t, trace, "histogram"))
		var waiting, all float64
		for _, l := range tl.Lanes[1 : len(tl.Lanes)-1] { // the workers
			for _, s := range l.Segments {
				if s.State == laneBlocked {
					waiting += s.End - s.Start
				}
				if s.State == laneBlocked || s.State == laneRunning {
					all += s.End - s.Start
				}
			}
		}
		return waiting / max(all, 1e-9)
	}
	locked, split := share("histogram-lock-per-pixel"), share("histogram-static-split")
	t.Logf("share of the workers' time shown waiting on a lock: lock per pixel %.0f%%, static split %.0f%%", 100*locked, 100*split)
	if locked < 0.2 || split > 0.02 {
		t.Errorf("lock per pixel %.0f%% waiting, static split %.0f%%: want at least 20%% and at most 2%%", 100*locked, 100*split)
	}
}

// TestWithSpinning: samples in the lock code cut running segments, a
// sample's time around it, and leave other states alone.
func TestWithSpinning(t *testing.T) {
	segs := []Segment{{Start: 0, End: 10, State: laneRunning}, {Start: 10, End: 12, State: laneRunnable}}
	got := withSpinning(segs, []time.Duration{2 * time.Millisecond, 11 * time.Millisecond, 2100 * time.Microsecond}, 500*time.Microsecond)
	want := []Segment{{0, 1.75, laneRunning}, {1.75, 2.25, laneBlocked}, {2.25, 2.35, laneBlocked}, {2.35, 10, laneRunning}, {10, 12, laneRunnable}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if d := got[i].Start - want[i].Start + got[i].End - want[i].End; d > 1e-9 || d < -1e-9 || got[i].State != want[i].State {
			t.Errorf("segment %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
