package diagnose

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Measured is what the timed runs found, which the trace alone cannot say.
type Measured struct {
	// Workers is P, the worker count of the timed call.
	Workers int
	// Speedup is the measured speedup at P workers against the serial
	// reference; 0 when unknown.
	Speedup float64
	// CallTime is the timed call's median at P workers; 0 when unknown. It
	// scales what a trace of only the call's beginning allocated.
	CallTime time.Duration
}

// Figures are the numbers a diagnosis rests on. Shares of capacity are
// fractions of P × the traced wall time: the core time the call could have
// used.
type Figures struct {
	Call     string        `json:"call,omitempty"`
	Workers  int           `json:"workers"`
	Wall     time.Duration `json:"wall_ns"`
	Complete bool          `json:"complete"`
	// Busy is the share of capacity the workers spent running.
	Busy float64 `json:"busy"`
	// Lost is where the rest went: the share of capacity idle (or taken
	// by the runtime) for each reason, and Unexplained what the speedup
	// still misses once those are accounted for.
	Serial    float64 `json:"serial"`
	Imbalance float64 `json:"imbalance"`
	Lock      float64 `json:"lock"`
	Send      float64 `json:"channel_send"`
	Schedule  float64 `json:"schedule"`
	GC        float64 `json:"gc"`
	// OneRunning is the share of wall time with at most one worker
	// running.
	OneRunning float64 `json:"one_running"`
	// TwoReady is the share of wall time with at least two workers
	// running or ready to run (runnable). It is the parallelism the code
	// offered, counted in the Go scheduler's states, so a busy machine
	// does not lower it: two goroutines with work are both runnable even
	// when the OS gives their threads no core.
	TwoReady float64 `json:"two_ready"`
	// Spawned is the share of the workers' running time that goroutines
	// the call started ran (the rest is the caller's): near 0 when the
	// caller did the work and the goroutines it started did next to
	// nothing, whatever TwoReady says (a goroutine started only to wait
	// runnable beside the caller on a busy machine counts there).
	Spawned float64 `json:"spawned"`
	// Counted is set when the call's work was counted per goroutine (the
	// points each drew). Unworked is then how much of the workers'
	// running time went beyond their share of that work: half the
	// distance between how the running time and how the work were split
	// over the workers, near 0 when each ran as long as its share needed,
	// about one half when one goroutine did all the work while another
	// ran beside it doing none (busy-waiting). UnworkedLine is the go
	// statement of the goroutine that ran furthest beyond its share.
	// UnworkedCPU is the same split by CPU samples, which count only the
	// time a core really ran the goroutine (a busy machine's OS stalls a
	// thread while the trace still shows its goroutine running), -1 with
	// no samples; UnworkedP is the chance that the samples of the worker
	// furthest beyond its share would fall so far beyond it if its CPU
	// time were at most its share of the work plus CPUAllowance (a
	// binomial tail: a few samples of a goroutine that drew nothing are
	// already strong evidence, a few more of one that drew half are not).
	Counted      bool    `json:"counted,omitempty"`
	Unworked     float64 `json:"unworked,omitempty"`
	UnworkedCPU  float64 `json:"unworked_cpu,omitempty"`
	UnworkedP    float64 `json:"unworked_p,omitempty"`
	UnworkedLine string  `json:"unworked_line,omitempty"`
	// Samples is how many CPU samples the workers got, and SampleShare
	// their split by what the code was doing (your code, allocation,
	// locking, goroutine scheduling, garbage collection).
	Samples     int                `json:"samples"`
	SampleShare map[string]float64 `json:"sample_share,omitempty"`
	// HotLine is the learner's line with the most samples; LockLine the
	// one that blocked or spun on a lock the most; AllocLine the one that
	// allocated the most.
	HotLine   string `json:"hot_line,omitempty"`
	LockLine  string `json:"lock_line,omitempty"`
	AllocLine string `json:"alloc_line,omitempty"`
	SendLine  string `json:"send_line,omitempty"`
	// Goroutines is how many goroutines the learner's code started, and
	// MeanWork the mean time each ran.
	Goroutines int           `json:"goroutines"`
	MeanWork   time.Duration `json:"mean_work_ns"`
	// WorkerBusy is the share of wall time each of the busiest workers
	// ran, busiest first (the caller only when it did a part of the work).
	WorkerBusy []float64 `json:"worker_busy,omitempty"`
	// Elements is the input's size and BytesPerElement what the call
	// allocated per element (0 when unknown).
	Elements        int     `json:"elements,omitempty"`
	BytesPerElement float64 `json:"bytes_per_element"`
	// ReferenceBytesPerElement is what the serial reference allocated
	// per element on the same input, and ExtraAlloc the share of the
	// call's allocation beyond it (1 when the reference's is unknown):
	// allocation the problem needs anyway is not a cause.
	ReferenceBytesPerElement float64 `json:"reference_bytes_per_element"`
	ExtraAlloc               float64 `json:"extra_alloc"`
	// Speedup is the measured speedup and KarpFlatt the serial fraction
	// it implies, (1/S - 1/P)/(1 - 1/P); both 0 when unknown.
	Speedup   float64 `json:"speedup"`
	KarpFlatt float64 `json:"karp_flatt"`
}

// Account accounts for where the P cores' time went during the call.
func Account(p *Profile, m Measured) Figures {
	P := max(m.Workers, 1)
	f := Figures{Call: p.Call, Workers: P, Wall: p.Wall, Complete: p.Complete, Elements: p.Elements, Speedup: m.Speedup}
	if m.Speedup > 0 && P > 1 {
		f.KarpFlatt = (1/m.Speedup - 1/float64(P)) / (1 - 1/float64(P))
	}
	if p.Wall <= 0 {
		return f
	}
	capacity := float64(P) * float64(p.Wall)
	acc := account(p, P)
	f.Busy = acc.running / capacity
	f.Serial, f.Imbalance = acc.serial/capacity, acc.imbalance/capacity
	f.Lock, f.Send, f.Schedule, f.GC = acc.lock/capacity, acc.send/capacity, acc.schedule/capacity, acc.gc/capacity
	f.OneRunning = acc.oneRunning / float64(p.Wall)
	f.TwoReady = acc.twoReady / float64(p.Wall)
	f.Goroutines = len(p.Workers) - 1 + p.Untracked
	if p.Untracked > 0 {
		f.Goroutines-- // the overflow record
	}
	busy := workShares(p, &f)
	if p.Counted {
		f.Counted = true
		running := func(g *Goroutine) float64 { return float64(g.time(Running) + g.time(Assisting)) }
		f.Unworked, f.UnworkedLine, _ = unworked(p.Workers, p.Work, running)
		cpu, _, furthest := unworked(p.Workers, p.Work, func(g *Goroutine) float64 { return float64(g.Samples) })
		f.UnworkedCPU, f.UnworkedP = cpu, 1
		if len(p.Samples) == 0 {
			f.UnworkedCPU = -1
		}
		if furthest != nil {
			share := float64(furthest.Work) / float64(p.Work)
			f.UnworkedP = binomialTail(len(p.Samples), furthest.Samples, min(1, share+CPUAllowance))
		}
	}
	slices.SortFunc(busy, func(a, b float64) int { return cmp.Compare(b, a) })
	f.WorkerBusy = busy[:min(len(busy), 8)]
	f.LockLine, f.SendLine = blockLine(p, WaitLock), blockLine(p, WaitSend)
	samples(p, &f)
	allocated(p, m, &f)
	return f
}

// workShares sets the goroutines' mean work and the share the started
// ones ran (Spawned), and returns each worker's share of the wall time
// it ran (the caller's only when it did a part of the work).
func workShares(p *Profile, f *Figures) []float64 {
	var work, all time.Duration
	var busy []float64
	for _, g := range p.Workers {
		run := g.time(Running) + g.time(Assisting)
		share := float64(run) / float64(p.Wall)
		all += run
		if !g.Caller {
			work += run
		}
		if !g.Overflow && (!g.Caller || share >= 0.05 || len(p.Workers) == 1) {
			busy = append(busy, share)
		}
	}
	if f.Goroutines > 0 {
		f.MeanWork = work / time.Duration(f.Goroutines)
	}
	if all > 0 {
		f.Spawned = float64(work) / float64(all)
	}
	return busy
}

// allocated sets what the call allocated per element, scaled up to the
// whole call when only its beginning was traced, against the serial
// reference's.
func allocated(p *Profile, m Measured, f *Figures) {
	traced := 1.0
	if !p.Complete && m.CallTime > p.Wall {
		traced = float64(p.Wall) / float64(m.CallTime)
	}
	whole := float64(p.AllocBytes) / traced // the whole call's allocation
	f.ExtraAlloc = 1
	if p.HasReference && whole > 0 {
		f.ExtraAlloc = max(0, 1-float64(p.ReferenceBytes)/whole)
	}
	if p.Elements > 0 {
		f.BytesPerElement = round3(whole / float64(p.Elements))
		if p.HasReference {
			f.ReferenceBytesPerElement = round3(float64(p.ReferenceBytes) / float64(p.Elements))
		}
	}
}

// time is how long g spent in state s.
func (g *Goroutine) time(s State) time.Duration {
	var d time.Duration
	for _, sp := range g.Spans {
		if sp.State == s {
			d += sp.End - sp.Start
		}
	}
	return d
}

// CallerLine stands for the calling goroutine where a worker is named by
// the line of its go statement.
const CallerLine = "the caller"

// CPUAllowance is how far beyond its share of the work a worker's share
// of the CPU time may honestly go: one core half as fast again as the
// other (a busy sibling hyperthread) gives 0.1.
const CPUAllowance = 0.15

// unworked is the share of the workers' time, as spent measures it,
// beyond their share of the call's counted work (total), the go statement
// of the worker furthest beyond its share (CallerLine when that is the
// caller), and that worker (nil when none is beyond, or nothing counted).
func unworked(workers []*Goroutine, total uint64, spent func(*Goroutine) float64) (float64, string, *Goroutine) {
	all := 0.0
	for _, g := range workers {
		all += spent(g)
	}
	if all <= 0 || total == 0 {
		return 0, "", nil
	}
	var beyond, most float64
	var furthest *Goroutine
	for _, g := range workers {
		over := spent(g)/all - float64(g.Work)/float64(total)
		if over <= 0 {
			continue
		}
		beyond += over
		if over > most {
			most, furthest = over, g
		}
	}
	line := ""
	switch {
	case furthest == nil:
	case furthest.Caller:
		line = CallerLine
	default:
		line = furthest.Created
	}
	return round3(beyond), line, furthest
}

// binomialTail is P(X >= k) for X ~ Binomial(n, p).
func binomialTail(n, k int, p float64) float64 {
	switch {
	case k <= 0:
		return 1
	case k > n || p <= 0:
		return 0
	case p >= 1:
		return 1
	}
	lgN, _ := math.Lgamma(float64(n + 1))
	sum := 0.0
	for i := k; i <= n; i++ {
		lgI, _ := math.Lgamma(float64(i + 1))
		lgR, _ := math.Lgamma(float64(n - i + 1))
		sum += math.Exp(lgN - lgI - lgR + float64(i)*math.Log(p) + float64(n-i)*math.Log1p(-p))
	}
	return min(1, sum)
}

// samples fills in the sample shares and the hottest lines.
func samples(p *Profile, f *Figures) {
	f.Samples = len(p.Samples)
	if f.Samples == 0 {
		return
	}
	var kinds [numSampleKinds]int
	lines := map[string]int{}
	byKind := map[SampleKind]map[string]int{InLock: {}, InAlloc: {}}
	for _, s := range p.Samples {
		kinds[s.Kind]++
		if s.Line != "" {
			lines[s.Line]++
			if m := byKind[s.Kind]; m != nil {
				m[s.Line]++
			}
		}
	}
	f.SampleShare = map[string]float64{}
	for k, n := range kinds {
		if n > 0 {
			f.SampleShare[SampleKind(k).String()] = round3(float64(n) / float64(f.Samples))
		}
	}
	f.HotLine = top(lines)
	f.AllocLine = top(byKind[InAlloc])
	if f.LockLine == "" {
		f.LockLine = top(byKind[InLock])
	}
}

// share is the fraction of samples of kind k.
func (f Figures) share(k SampleKind) float64 { return f.SampleShare[k.String()] }

// blockLine is the learner's line that spent longest blocked on w.
func blockLine(p *Profile, w Wait) string {
	lines := map[string]int{}
	for _, g := range p.Workers {
		for _, s := range g.Spans {
			if s.State == Blocked && s.Wait == w && s.Line != "" {
				lines[s.Line] += int((s.End - s.Start) / time.Microsecond)
			}
		}
	}
	return top(lines)
}

// top is the key with the largest count (the first in order on a tie).
func top(m map[string]int) string {
	best, n := "", 0
	for k, c := range m {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
