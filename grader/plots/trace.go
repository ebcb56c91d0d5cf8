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

var laneStates = []string{"running", "runnable (no core free)", "waiting on a lock or a send",
	"garbage collection", "waiting for others, a syscall"}

// The runtime spins on a contended sync.Mutex before it parks the
// goroutine, and the trace calls the spinning "running": a mutex per
// pixel showed solid green lanes under a diagnosis of lock contention
// (issue 29). Each CPU sample of a goroutine stands for its share of the
// goroutine's running time (its running time over its samples: the
// profile asks for 2000 a second, and a busy VM delivered about 250), so
// the samples that fell in the lock code mark that much time around them
// as waiting on a lock.

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
	spinning := map[int64][]time.Duration{}
	for _, smp := range p.Samples {
		if smp.Kind == diagnose.InLock {
			spinning[smp.G] = append(spinning[smp.G], smp.At)
		}
	}
	for _, g := range shown {
		name := fmt.Sprintf("g%d %s", g.ID, g.Created)
		if g.Caller {
			name = fmt.Sprintf("g%d your call", g.ID)
		}
		// Slack for a viewer whose fallback font is wider than the one
		// gonum measured with (Liberation Serif).
		name += "        "
		var each time.Duration
		if g.Samples > 0 {
			each = busy(g) / time.Duration(g.Samples)
		}
		t.Lanes = append(t.Lanes, Lane{Name: name, Segments: withSpinning(segments(g.Spans), spinning[g.ID], each)})
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

// withSpinning marks, in the running segments of a lane, the time its
// goroutine spent spinning on a lock (at, the times of its CPU samples in
// the lock code; each stands for each around it) as waiting on a lock.
func withSpinning(segs []Segment, at []time.Duration, each time.Duration) []Segment {
	if len(at) == 0 || each <= 0 {
		return segs
	}
	slices.Sort(at)
	var out []Segment
	for _, sg := range segs {
		if sg.State != laneRunning {
			out = append(out, sg)
			continue
		}
		cur := sg.Start
		for _, t := range at {
			lo, hi := max(ms(t-each/2), cur), min(ms(t+each/2), sg.End)
			if lo >= hi {
				continue
			}
			if lo > cur {
				out = append(out, Segment{Start: cur, End: lo, State: laneRunning})
			}
			out = append(out, Segment{Start: lo, End: hi, State: laneBlocked})
			cur = hi
		}
		if cur < sg.End {
			out = append(out, Segment{Start: cur, End: sg.End, State: laneRunning})
		}
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
