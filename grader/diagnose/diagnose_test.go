package diagnose

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The traces under testdata were recorded once from the scenarios of
// grader/testdata (and the model answers) with tracecall, on the 2-core
// machine the grader is developed on, while it was busy.
var recorded = []struct {
	trace    string
	pkg      string
	speedup  float64 // what the timed runs would have measured
	callTime time.Duration
	want     Cause
	location string
}{
	{"histogram-static-split", "histogram", 1.1, 0, Imbalance, ""},
	{"histogram-lock-per-pixel", "histogram", 0.05, 0, Contention, "histogram.go:29"},
	{"histogram-atomic-bins", "histogram", 0.1, 0, MemoryBound, "histogram.go:31"},
	{"histogram-alloc-per-pixel", "histogram", 0.05, 0, Allocation, "histogram.go:40"},
	{"histogram-one-goroutine", "histogram", 1.0, 0, Serial, ""},
	{"histogram-serial", "histogram", 1.0, 0, Serial, ""},
	{"mergesort-serial-merge", "mergesort", 0.7, 0, Serial, ""},
	{"mergesort-goroutine-per-split", "mergesort", 0.1, 0, Goroutines, ""},
	{"mergesort-serial", "mergesort", 1.0, 0, Serial, ""},
	// The model answers, recorded on a busy machine: their noise must not
	// be blamed on a cause.
	{"histogram-good", "histogram", 1.9, 0, Unclear, ""},
	{"mergesort-good", "mergesort", 1.5, 0, Unclear, ""},
}

func readRecorded(t *testing.T, name, pkg string) *Profile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".trace"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Read(bytes.NewReader(data), Config{Package: "parlab/exercises/" + pkg})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return p
}

func TestRecordedTraces(t *testing.T) {
	for _, tc := range recorded {
		t.Run(tc.trace, func(t *testing.T) {
			p := readRecorded(t, tc.trace, tc.pkg)
			d := Classify(Account(p, Measured{Workers: 2, Speedup: tc.speedup, CallTime: tc.callTime}))
			if d.Cause != tc.want {
				t.Errorf("cause %s (cost %.2f: %s), want %s\nfigures: %+v", d.Cause, d.Cost, d.Summary, tc.want, d.Figures)
			}
			if d.Location != tc.location && tc.location != "" {
				t.Errorf("location %q, want %q", d.Location, tc.location)
			}
			if d.Inference != (tc.want == MemoryBound) {
				t.Errorf("inference %v for %s", d.Inference, d.Cause)
			}
			if d.Summary == "" || d.Hint == "" {
				t.Errorf("no summary or hint: %+v", d)
			}
		})
	}
}

// TestReadProfile checks what Read finds in two recorded traces.
func TestReadProfile(t *testing.T) {
	p := readRecorded(t, "histogram-static-split", "histogram")
	if p.Call != "Parallel(pixels, 2)" || p.Procs != 2 || !p.Complete || p.Elements != 32<<20 {
		t.Errorf("call %q procs %d complete %v elements %d", p.Call, p.Procs, p.Complete, p.Elements)
	}
	if len(p.Workers) != 3 || !p.Workers[0].Caller || p.Workers[1].Created != "histogram.go:32" {
		t.Fatalf("workers: %+v", p.Workers)
	}
	p = readRecorded(t, "mergesort-goroutine-per-split", "mergesort")
	if p.Complete {
		t.Error("a call cut off by the window reads as complete")
	}
	if f := Account(p, Measured{Workers: 2}); f.Goroutines < 1000 || f.MeanWork > 50*time.Microsecond {
		t.Errorf("goroutines %d, mean work %v", f.Goroutines, f.MeanWork)
	}
}

// TestReadHostile: whatever a learner's process writes into the trace
// file, Read returns an error or a profile, never panics.
func TestReadHostile(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "histogram-static-split.trace"))
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(good)
	for i := 40; i < len(flipped); i += 97 {
		flipped[i] ^= 0x5a
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"garbage":   []byte(strings.Repeat("not a trace ", 100)),
		"header":    good[:16],
		"truncated": good[:len(good)/2],
		"flipped":   flipped,
	} {
		t.Run(name, func(t *testing.T) {
			p, err := Read(bytes.NewReader(data), Config{Package: "parlab/exercises/histogram"})
			if err == nil && p == nil {
				t.Error("no profile and no error")
			}
		})
	}
}

func TestReadWithoutCall(t *testing.T) {
	// A trace cut before the call began has no region: not a diagnosis.
	good, err := os.ReadFile(filepath.Join("testdata", "histogram-static-split.trace"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bytes.NewReader(good), Config{Package: "parlab/exercises/histogram", MaxEvents: 3}); err == nil {
		t.Error("a trace read only up to before the call gave no error")
	}
}

func TestClassifyFigures(t *testing.T) {
	base := Figures{Workers: 2, Wall: 100 * time.Millisecond, Complete: true, Samples: 100, ExtraAlloc: 1}
	with := func(f func(*Figures)) Figures {
		g := base
		g.SampleShare = map[string]float64{}
		f(&g)
		return g
	}
	for _, tc := range []struct {
		name string
		f    Figures
		want Cause
	}{
		{"even busy workers", with(func(f *Figures) { f.Busy, f.Speedup = 0.95, 1.9 }), Unclear},
		{"imbalance", with(func(f *Figures) { f.Busy, f.Imbalance, f.WorkerBusy, f.Speedup = 0.55, 0.4, []float64{1, 0.1}, 1.1 }), Imbalance},
		{"imbalance too even to tell", with(func(f *Figures) { f.Busy, f.Imbalance, f.WorkerBusy, f.Speedup = 0.8, 0.2, []float64{0.9, 0.7}, 1.6 }), Unclear},
		{"lock spinning", with(func(f *Figures) {
			f.Busy, f.Speedup, f.SampleShare["locking"] = 0.95, 0.1, 0.9
		}), Contention},
		{"lock blocking", with(func(f *Figures) { f.Busy, f.Lock, f.Speedup = 0.5, 0.45, 0.5 }), Contention},
		{"allocation", with(func(f *Figures) { f.Busy, f.GC, f.Speedup, f.SampleShare["allocation"] = 0.9, 0.1, 0.3, 0.6 }), Allocation},
		{"allocation the reference needs too", with(func(f *Figures) {
			f.Busy, f.GC, f.Speedup, f.ExtraAlloc, f.SampleShare["allocation"] = 0.9, 0.1, 1.3, 0, 0.6
		}), Unclear},
		{"many tiny goroutines", with(func(f *Figures) {
			f.Busy, f.Goroutines, f.MeanWork, f.Speedup = 0.9, 100000, 2*time.Microsecond, 0.2
		}), Goroutines},
		{"many big goroutines", with(func(f *Figures) {
			f.Busy, f.Goroutines, f.MeanWork, f.Speedup = 0.95, 1000, time.Millisecond, 1.9
		}), Unclear},
		{"serial", with(func(f *Figures) { f.Busy, f.Serial, f.OneRunning, f.Speedup = 0.5, 0.5, 1, 1 }), Serial},
		{"busy but slow", with(func(f *Figures) { f.Busy, f.Speedup = 0.95, 0.5 }), MemoryBound},
		{"busy but slow, speedup unknown", with(func(f *Figures) { f.Busy = 0.95 }), Unclear},
		{"too few samples to blame locks", with(func(f *Figures) {
			f.Busy, f.Speedup, f.Samples, f.SampleShare["locking"] = 0.95, 1.8, 5, 0.9
		}), Unclear},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := Classify(tc.f); d.Cause != tc.want {
				t.Errorf("cause %s (%.2f: %s), want %s", d.Cause, d.Cost, d.Summary, tc.want)
			}
		})
	}
}

func TestKarpFlatt(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		p    int
		want float64
	}{{2, 2, 0}, {1, 2, 1}, {1.5, 2, 1.0 / 3}, {3, 4, 1.0 / 9}} {
		f := Account(&Profile{}, Measured{Workers: tc.p, Speedup: tc.s})
		if d := f.KarpFlatt - tc.want; d > 1e-9 || d < -1e-9 {
			t.Errorf("S=%v P=%d: e=%v, want %v", tc.s, tc.p, f.KarpFlatt, tc.want)
		}
	}
}

// TestReadCapsWorkers: a trace that starts goroutines without end keeps
// the states of only so many, and counts the rest.
func TestReadCapsWorkers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "mergesort-goroutine-per-split.trace"))
	if err != nil {
		t.Fatal(err)
	}
	all := readRecorded(t, "mergesort-goroutine-per-split", "mergesort")
	p, err := Read(bytes.NewReader(data), Config{Package: "parlab/exercises/mergesort", MaxWorkers: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Workers) != 101 || len(p.Workers)-2+p.Untracked != len(all.Workers)-1 {
		t.Errorf("%d workers kept, %d untracked; want 100 kept and an overflow record, of %d", len(p.Workers), p.Untracked, len(all.Workers))
	}
	if d := Classify(Account(p, Measured{Workers: 2, Speedup: 0.1})); d.Cause != Goroutines {
		t.Errorf("with the cap: %s, want %s", d.Cause, Goroutines)
	}
}

// TestUnworked checks the share of running time beyond the counted work,
// on made-up workers.
func TestUnworked(t *testing.T) {
	ms := time.Millisecond
	ran := func(d time.Duration) []Span { return []Span{{Start: 0, End: d, State: Running}} }
	for _, tc := range []struct {
		name      string
		workers   []*Goroutine
		want, cpu float64 // by running time, by CPU samples
		p         float64 // the chance of the samples, rounded
		line      string
	}{
		{"an even split", []*Goroutine{
			{Caller: true, Spans: ran(ms / 10)},
			{Created: "pi.go:10", Spans: ran(20 * ms), Work: 500, Samples: 40},
			{Created: "pi.go:10", Spans: ran(20 * ms), Work: 500, Samples: 40},
		}, 0.002, 0, 1, "the caller"},
		{"a spinner beside the work", []*Goroutine{
			{Caller: true, Spans: ran(ms / 10)},
			{Created: "pi.go:10", Spans: ran(20 * ms), Work: 1000, Samples: 40},
			{Created: "pi.go:20", Spans: ran(20 * ms), Samples: 40},
		}, 0.501, 0.5, 0, "pi.go:20"},
		{"a spinner that drew one point", []*Goroutine{
			{Created: "pi.go:10", Spans: ran(30 * ms), Work: 999, Samples: 60},
			{Created: "pi.go:20", Spans: ran(30 * ms), Work: 1, Samples: 60},
		}, 0.499, 0.499, 0, "pi.go:20"},
		{"a slower core", []*Goroutine{
			{Created: "pi.go:10", Spans: ran(30 * ms), Work: 500, Samples: 60},
			{Created: "pi.go:10", Spans: ran(20 * ms), Work: 500, Samples: 40},
		}, 0.1, 0.1, 0.875, "pi.go:10"},
		{"a thread the OS stalled", []*Goroutine{
			{Created: "pi.go:10", Spans: ran(36 * ms), Work: 500, Samples: 40},
			{Created: "pi.go:10", Spans: ran(12 * ms), Work: 500, Samples: 40},
		}, 0.25, 0, 1, "pi.go:10"},
		// This VM's kernel gives a thread about 250 samples a second: a
		// spinner's traced call of 36 ms got 18.
		{"a spinner, 18 samples", []*Goroutine{
			{Created: "pi.go:10", Spans: ran(36 * ms), Work: 1000, Samples: 9},
			{Created: "pi.go:20", Spans: ran(36 * ms), Samples: 9},
		}, 0.5, 0.5, 0.001, "pi.go:20"},
		{"a spinner, too few samples to say", []*Goroutine{
			{Created: "pi.go:10", Spans: ran(16 * ms), Work: 1000, Samples: 4},
			{Created: "pi.go:20", Spans: ran(16 * ms), Samples: 4},
		}, 0.5, 0.5, 0.021, "pi.go:20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Profile{Wall: 40 * ms, Workers: tc.workers, Counted: true}
			for _, g := range tc.workers {
				p.Work += g.Work
				p.Samples = append(p.Samples, make([]Sample, g.Samples)...)
			}
			f := Account(p, Measured{Workers: 2})
			if !f.Counted || f.Unworked != tc.want || f.UnworkedCPU != tc.cpu || round3(f.UnworkedP) != tc.p || f.UnworkedLine != tc.line {
				t.Errorf("counted %v, unworked %v (CPU %v, chance %v) at %q; want %v (CPU %v, chance %v) at %q",
					f.Counted, f.Unworked, f.UnworkedCPU, f.UnworkedP, f.UnworkedLine, tc.want, tc.cpu, tc.p, tc.line)
			}
		})
	}
	f := Account(&Profile{Wall: 40 * ms, Workers: []*Goroutine{{Caller: true, Spans: ran(ms)}}}, Measured{Workers: 2})
	if f.Counted || f.Unworked != 0 {
		t.Errorf("uncounted work: counted %v, unworked %v", f.Counted, f.Unworked)
	}
}

func TestBinomialTail(t *testing.T) {
	for _, tc := range []struct {
		n, k int
		p    float64
		want float64
	}{
		{18, 9, 0.15, 0.000511488}, {10, 5, 0.15, 0.009874091}, {18, 17, 0.65, 0.004586822},
		{10, 0, 0.3, 1}, {10, 11, 0.3, 0}, {10, 3, 0, 0}, {10, 3, 1, 1}, {40, 40, 0.15, 1.1057e-33},
	} {
		if got := binomialTail(tc.n, tc.k, tc.p); math.Abs(got-tc.want) > 1e-6*max(tc.want, 1e-30) && math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("P(Binomial(%d, %v) >= %d) = %v, want %v", tc.n, tc.p, tc.k, got, tc.want)
		}
	}
}
