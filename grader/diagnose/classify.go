package diagnose

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Cause is the dominant reason a call did not speed up, serialised
// verbatim.
type Cause string

// The causes a diagnosis names.
const (
	// Imbalance: some workers finished their share long before others.
	Imbalance Cause = "load-imbalance"
	// Contention: workers waited for (or spun on) a lock or a channel.
	Contention Cause = "lock-contention"
	// Goroutines: too many goroutines for the work, each doing too little.
	Goroutines Cause = "too-many-goroutines"
	// Allocation: allocating and collecting garbage took the cores.
	Allocation Cause = "allocation"
	// Serial: long stretches with one worker running.
	Serial Cause = "serial"
	// BusyWait: goroutines ran beyond their share of the work the suite
	// counted (waiting in a loop for the others instead of working).
	BusyWait Cause = "busy-waiting"
	// MemoryBound: the workers were busy but the speedup stayed low: the
	// cores slowed each other down (shared counters, false sharing,
	// memory bandwidth). Always an inference.
	MemoryBound Cause = "memory-bound"
	// Unclear: nothing stands out.
	Unclear Cause = "unclear"
)

// Diagnosis names the dominant cause of a speed miss.
type Diagnosis struct {
	Cause Cause `json:"cause"`
	// Inference is set when the trace cannot show the cause directly and
	// the diagnosis is the likely explanation of what it does show.
	Inference bool `json:"inference,omitempty"`
	// Cost is the share of the cores' time the cause took (0..1).
	Cost float64 `json:"cost"`
	// Summary says what the trace showed, with figures, in a sentence or
	// two.
	Summary string `json:"summary"`
	// Location is the learner's file:line the cause points at, if any.
	Location string `json:"location,omitempty"`
	// Hint is what to change.
	Hint string `json:"hint"`
	// Figures are the numbers behind it.
	Figures Figures `json:"figures"`
}

// Thresholds decide when a cause is worth naming.
type Thresholds struct {
	// MinCost is the least share of capacity a cause must take.
	MinCost float64
	// Spread is how far below the busiest worker the least busy one must
	// fall, as a share of the busiest's time, for an imbalance.
	Spread float64
	// AllocMinCost is MinCost for allocation, which costs serial code
	// too: it is named only when it takes a large share.
	AllocMinCost float64
	// ManyGoroutines is how many goroutines per core count as too many
	// when each ran less than TinyWork on average.
	ManyGoroutines int
	TinyWork       time.Duration
	// LowEfficiency is the speedup per core below which workers busy for
	// at least MinBusy of the capacity are explained as memory-bound.
	LowEfficiency, MinBusy float64
}

// DefaultThresholds are parlab's.
var DefaultThresholds = Thresholds{MinCost: 0.15, Spread: 0.4, AllocMinCost: 0.3, ManyGoroutines: 64, TinyWork: 50 * time.Microsecond, LowEfficiency: 0.75, MinBusy: 0.75}

// Classify names the dominant cause behind f.
func (th Thresholds) Classify(f Figures) Diagnosis {
	cands := th.candidates(f)
	best := Diagnosis{Cause: Unclear}
	for _, c := range cands {
		if c.Cost > best.Cost {
			best = c
		}
	}
	if best.Cause == Unclear {
		best = unclear(f)
	}
	best.Cost = round3(best.Cost)
	best.Figures = f
	return best
}

// Classify is DefaultThresholds.Classify.
func Classify(f Figures) Diagnosis { return DefaultThresholds.Classify(f) }

// candidates are the causes whose cost clears their threshold. What the
// measured causes do not explain of a low speedup is the memory-bound
// inference's.
func (th Thresholds) candidates(f Figures) []Diagnosis {
	measured := []struct {
		d   Diagnosis
		min float64
	}{
		{th.imbalance(f), th.MinCost},
		{contention(f), th.MinCost},
		{th.goroutines(f), th.MinCost},
		{allocation(f), th.AllocMinCost},
		{serial(f), th.MinCost},
		{busyWait(f), th.MinCost},
	}
	var out []Diagnosis
	explained := 0.0
	for _, m := range measured {
		explained += m.d.Cost
		if m.d.Cost >= m.min {
			out = append(out, m.d)
		}
	}
	if d := th.memoryBound(f, explained); d.Cost >= th.MinCost {
		out = append(out, d)
	}
	return out
}

// onCores is how much of the capacity sample share s stands for.
func (f Figures) onCores(k SampleKind) float64 {
	if f.Samples < 10 { // too few samples to say
		return 0
	}
	return f.share(k) * f.Busy
}

func (th Thresholds) imbalance(f Figures) Diagnosis {
	cost := f.Imbalance
	if n := len(f.WorkerBusy); n < 2 || f.WorkerBusy[n-1] > (1-th.Spread)*f.WorkerBusy[0] {
		cost = 0 // the workers' busy times are too close to tell from noise
	}
	return Diagnosis{Cause: Imbalance, Cost: cost,
		Summary: fmt.Sprintf("the workers' busy time was uneven (%s of the call's wall time each): "+
			"%s of the cores' time was lost waiting for the slowest", busyList(f.WorkerBusy), pct(f.Imbalance)),
		Hint: "split the work into equal shares (n*i/workers to n*(i+1)/workers), or hand out many small " +
			"chunks from a shared counter or channel so that a worker that finishes early takes more"}
}

func contention(f Figures) Diagnosis {
	cost := f.Lock + f.Send + f.onCores(InLock)
	d := Diagnosis{Cause: Contention, Cost: cost, Location: f.LockLine}
	what := "a lock"
	if f.Send > f.Lock+f.onCores(InLock) {
		what, d.Location = "a channel send", f.SendLine
	}
	d.Summary = fmt.Sprintf("the workers spent %s of the cores' time waiting for or spinning on %s", pct(cost), what)
	if d.Location != "" {
		d.Summary += ", most of it at " + d.Location
	}
	d.Hint = "give every worker private state (its own partial result) and combine once at the end: " +
		"a lock or channel operation per element makes the cores take turns"
	return d
}

func (th Thresholds) goroutines(f Figures) Diagnosis {
	d := Diagnosis{Cause: Goroutines, Cost: f.Schedule + f.onCores(InSched)}
	many := f.Goroutines >= th.ManyGoroutines*f.Workers && f.MeanWork < th.TinyWork
	if !many {
		d.Cost = 0
		return d
	}
	// Starting, scheduling and joining a goroutine costs about a
	// microsecond of some core's time, whatever the samples caught.
	d.Cost = math.Max(d.Cost, math.Min(1, float64(f.Goroutines)*1e-6/(float64(f.Workers)*f.Wall.Seconds())))
	d.Summary = fmt.Sprintf("your code started %d goroutines for %d cores, each running %v on average: "+
		"starting, scheduling and waiting for them took %s of the cores' time", f.Goroutines, f.Workers,
		f.MeanWork.Round(100), pct(d.Cost))
	d.Hint = "start about one goroutine per worker (or stop splitting below a few thousand elements) and give " +
		"each a big chunk: a goroutine costs about a microsecond to start and wait for"
	return d
}

func allocation(f Figures) Diagnosis {
	cost := (f.GC + f.onCores(InAlloc) + f.onCores(InGC)) * f.ExtraAlloc
	d := Diagnosis{Cause: Allocation, Cost: cost, Location: f.AllocLine}
	d.Summary = fmt.Sprintf("allocating memory and collecting it took %s of the cores' time (the garbage collector alone %s)",
		pct(cost), pct(f.GC))
	if f.BytesPerElement > 0 {
		d.Summary += fmt.Sprintf("; the call allocated %.1f bytes per element (the serial reference %.1f)",
			f.BytesPerElement, f.ReferenceBytesPerElement)
	}
	if d.Location != "" {
		d.Summary += ", most of it at " + d.Location
	}
	d.Hint = "allocate once per worker, not once per element: reuse a buffer, keep values on the stack, " +
		"and preallocate slices with make(..., 0, n); the allocator and the GC are shared by all cores"
	return d
}

func serial(f Figures) Diagnosis {
	d := Diagnosis{Cause: Serial, Cost: f.Serial}
	d.Summary = fmt.Sprintf("for %s of the call's wall time at most one worker was running", pct(f.OneRunning))
	if f.Goroutines == 0 {
		d.Summary += " (your code started no goroutine)"
	} else if f.Goroutines < f.Workers {
		d.Summary += fmt.Sprintf(" (your code started %d goroutine(s) for %d cores)", f.Goroutines, f.Workers)
	}
	if f.Speedup >= 1 && f.KarpFlatt > 0 {
		d.Summary += fmt.Sprintf("; the measured speedup %.2fx implies a serial fraction of %.2f (Karp-Flatt): "+
			"by Amdahl's law no number of cores takes it past %.1fx", f.Speedup, f.KarpFlatt, 1/f.KarpFlatt)
	}
	d.Hint = "keep every core busy for the whole call: start the workers at once, let them each do an equal " +
		"share of all the work (merging included), and keep what runs alone before and after them short"
	return d
}

// busyWait is the cores' time the workers ran beyond their share of the
// counted work: spinning, not working.
func busyWait(f Figures) Diagnosis {
	d := Diagnosis{Cause: BusyWait, Cost: f.Unworked * f.Busy, Location: f.UnworkedLine}
	if d.Location == CallerLine {
		d.Location = ""
	}
	d.Summary = fmt.Sprintf("%s of the goroutines' running time went beyond their share of the work the grader counted (the points each drew)", pct(f.Unworked))
	d.Hint = "a goroutine that waits in a loop (for a flag, a counter, a channel polled with select default) holds a core " +
		"while doing none of the work: give every goroutine a share of the work, and wait with sync.WaitGroup or a channel receive, which gives the core back"
	return d
}

// memoryBound is the share of the cores' time that the speedup misses and
// nothing the trace shows accounts for, when the workers were busy: the
// cores most likely slowed each other down.
func (th Thresholds) memoryBound(f Figures, explained float64) Diagnosis {
	d := Diagnosis{Cause: MemoryBound, Inference: true, Location: f.HotLine}
	eff := f.Speedup / float64(max(f.Workers, 1))
	if f.Speedup <= 0 || f.Workers < 2 || f.Busy < th.MinBusy || eff >= th.LowEfficiency {
		return d
	}
	explained += f.Schedule + f.GC + f.onCores(InAlloc) + f.onCores(InGC) + f.onCores(InSched)
	d.Cost = max(0, 1-eff-explained)
	d.Summary = fmt.Sprintf("the workers were running %s of the cores' time, yet the speedup was only %.2fx on %d cores: "+
		"the trace shows no waiting that explains it, so the cores most likely slowed each other down", pct(f.Busy), f.Speedup, f.Workers)
	if d.Location != "" {
		d.Summary += fmt.Sprintf(" (the busiest line: %s)", d.Location)
	}
	d.Hint = "this is an inference from the trace: cores that update shared memory (an atomic or a counter per element, " +
		"neighbouring slots of one array) pass its cache line back and forth, and work that only streams " +
		"memory is bounded by its bandwidth; count into per-worker private state and combine once at the end"
	return d
}

// unclear is the diagnosis when no cause clears its threshold.
func unclear(f Figures) Diagnosis {
	return Diagnosis{Cause: Unclear,
		Summary: fmt.Sprintf("the workers were running %s of the cores' time and no single cause stands out", pct(f.Busy)),
		Hint:    "grade again when the machine is quiet, and look at the timeline (grade exercise NAME --timeline t.svg)"}
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func busyList(b []float64) string {
	var parts []string
	for i, x := range b {
		if i == 4 {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, pct(x))
	}
	return strings.Join(parts, ", ")
}
