package plots

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"parlab/grader/diagnose"
)

// maxLanes is how many goroutines the timeline draws: the caller and the
// busiest of the others, in the order they started.
const maxLanes = 24

// Timeline states, in plots' colour order.
const (
	laneRunning = iota
	laneRunnable
	laneBlocked
	laneGC
	laneWaiting
)

var laneStates = []string{"running", "runnable (no core free)", "blocked on a lock or a send",
	"garbage collection", "waiting for others, a syscall"}

// CheckTimelineFile refuses a --timeline file it could not draw, before
// grading.
func CheckTimelineFile(file string) error {
	if ext := strings.ToLower(filepath.Ext(file)); ext != ".svg" && ext != ".png" {
		return fmt.Errorf("--timeline %s: name a .svg or .png file", file)
	}
	return nil
}

// DrawTimeline draws the traced call into file.
func DrawTimeline(file string, p *diagnose.Profile) error {
	if p == nil {
		return fmt.Errorf("--timeline: no call was traced: the faster check runs only on correct, race-free code that terminates, and not with --no-speedup")
	}
	return SaveTimeline(file, timeline(p))
}

// timeline turns a profile into lanes: the caller, the busiest goroutines
// the learner's code started, and the runtime's GC work.
func timeline(p *diagnose.Profile) Timeline {
	t := Timeline{States: laneStates}
	workers := slices.Clone(p.Workers)
	shown := workers
	if len(workers) > maxLanes {
		slices.SortStableFunc(workers[1:], func(a, b *diagnose.Goroutine) int { return cmp.Compare(busy(b), busy(a)) })
		shown = workers[:maxLanes]
		slices.SortStableFunc(shown[1:], func(a, b *diagnose.Goroutine) int { return cmp.Compare(a.ID, b.ID) })
	}
	for _, g := range shown {
		name := fmt.Sprintf("g%d %s", g.ID, g.Created)
		if g.Caller {
			name = fmt.Sprintf("g%d your call", g.ID)
		}
		// Slack for a viewer whose fallback font is wider than the one
		// gonum measured with (Liberation Serif).
		name += "        "
		t.Lanes = append(t.Lanes, Lane{Name: name, Segments: segments(g.Spans)})
	}
	gc := Lane{Name: "GC and runtime        "}
	for _, s := range append(slices.Clone(p.Others), p.StopTheWorld...) {
		gc.Segments = append(gc.Segments, Segment{Start: ms(s.Start), End: ms(s.End), State: laneGC})
	}
	t.Lanes = append(t.Lanes, gc)
	t.Title = fmt.Sprintf("%s on %d cores: %v", p.Call, p.Procs, p.Wall.Round(10*time.Microsecond))
	if !p.Complete {
		t.Title += " (only its beginning was traced)"
	}
	if len(workers) > maxLanes {
		t.Title += fmt.Sprintf(", %d of %d goroutines shown", maxLanes, len(workers))
	}
	return t
}

func busy(g *diagnose.Goroutine) time.Duration {
	var d time.Duration
	for _, s := range g.Spans {
		if s.State == diagnose.Running {
			d += s.End - s.Start
		}
	}
	return d
}

func segments(spans []diagnose.Span) []Segment {
	out := make([]Segment, 0, len(spans))
	for _, s := range spans {
		st := laneWaiting
		switch {
		case s.State == diagnose.Running:
			st = laneRunning
		case s.State == diagnose.Runnable:
			st = laneRunnable
		case s.State == diagnose.Assisting:
			st = laneGC
		case s.Wait == diagnose.WaitLock || s.Wait == diagnose.WaitSend:
			st = laneBlocked
		}
		out = append(out, Segment{Start: ms(s.Start), End: ms(s.End), State: st})
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
