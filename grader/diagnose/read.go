package diagnose

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/exp/trace"

	"parlab/grader/contract"
)

// Config says whose code a trace shows.
type Config struct {
	// Package is the learner's import path, e.g. "parlab/exercises/histogram":
	// goroutines created from it are the workers, and its frames are the
	// learner's lines.
	Package string
	// MaxEvents stops reading a trace with more events than this (0:
	// DefaultMaxEvents); what was read so far is kept.
	MaxEvents int
	// MaxWorkers is how many workers' states are kept (0:
	// DefaultMaxWorkers).
	MaxWorkers int
}

// DefaultMaxEvents bounds the events read from one trace, and with it the
// time and memory a hostile or enormous trace can cost (about half a
// second on a slow machine).
const DefaultMaxEvents = 1_000_000

// DefaultMaxWorkers bounds the goroutines whose states are kept; those
// started beyond it are only counted (Profile.Untracked).
const DefaultMaxWorkers = 100_000

// State is what a worker goroutine was doing.
type State uint8

// The states of a worker goroutine.
const (
	Running State = iota
	// Runnable: ready, waiting for a core.
	Runnable
	// Blocked: waiting for a lock, a channel, a WaitGroup or a system call.
	Blocked
	// Assisting: running, but helping the garbage collector (a mark assist).
	Assisting
)

func (s State) String() string {
	return [...]string{"running", "runnable", "blocked", "GC assist"}[s]
}

// Wait says what a blocked goroutine waited for.
type Wait uint8

// The kinds of blocking.
const (
	// WaitOther: a system call, a sleep, the GC, anything else.
	WaitOther Wait = iota
	// WaitLock: a sync.Mutex, RWMutex or Cond.
	WaitLock
	// WaitSend: a channel send nobody was ready to receive.
	WaitSend
	// WaitJoin: waiting for other goroutines (WaitGroup.Wait, a channel
	// receive, a select): the learner's join, not contention.
	WaitJoin
)

func (w Wait) String() string {
	return [...]string{"other", "lock", "channel send", "join"}[w]
}

// Span is one stretch of a goroutine's life, as offsets from the call's
// start.
type Span struct {
	Start, End time.Duration
	State      State
	// Wait and Line say, for a Blocked span, what it waited for and the
	// learner's line that waited ("" when no learner frame was on the
	// stack).
	Wait Wait
	Line string
}

// Goroutine is one worker.
type Goroutine struct {
	ID int64
	// Caller marks the goroutine that made the call.
	Caller bool
	// Created is the learner's line with the go statement ("" for the
	// caller).
	Created string
	// Parent is the ID of the goroutine that created it.
	Parent int64
	// Spans are its states over the call, in order; it does not exist
	// outside them.
	Spans []Span
	// Ended is set when it exited during the call.
	Ended bool
	// Overflow marks the record shared by the goroutines started past
	// Config.MaxWorkers: its spans overlap and it has no lifetime of its
	// own.
	Overflow bool
	// Work is the exercise's countable work it did during the call (the
	// points it drew), from the suite's LogWork logs.
	Work uint64
	// Samples is how many CPU profile samples it got: its share of the
	// CPU time the workers really used (a thread the OS took the core
	// from gets none, where the trace still shows its goroutine running).
	Samples int
}

// Sample is where one CPU profile sample of a worker fell.
type Sample struct {
	Kind SampleKind
	// Line is the innermost learner frame ("" when none).
	Line string
	// G is the goroutine it fell in, and At when, from the call's start:
	// the timeline shows a goroutine spinning on a lock (running, in the
	// trace) as waiting.
	G  int64
	At time.Duration
}

// SampleKind sorts CPU samples by what the code was doing.
type SampleKind uint8

// The kinds of samples.
const (
	// InCode: the learner's own code (or library code it called).
	InCode SampleKind = iota
	// InAlloc: allocating memory.
	InAlloc
	// InLock: locking and unlocking (spinning included).
	InLock
	// InSched: creating, scheduling, parking and waking goroutines.
	InSched
	// InGC: garbage collection work (mark assists).
	InGC
	numSampleKinds
)

func (k SampleKind) String() string {
	return [...]string{"your code", "allocation", "locking", "goroutine scheduling", "garbage collection"}[k]
}

// Profile is what one traced call did.
type Profile struct {
	// Call is the call as the suite described it, e.g. "Parallel(pixels, 2)".
	Call string
	// Procs is GOMAXPROCS during the call.
	Procs int
	// Wall is the traced stretch of the call.
	Wall time.Duration
	// Complete is false when the trace window closed before the call
	// returned: the profile covers only its beginning.
	Complete bool
	// Elements is the input's size; 0 when unknown.
	Elements int
	// AllocBytes and AllocObjects are what the traced stretch allocated.
	AllocBytes, AllocObjects uint64
	// ReferenceBytes is what the serial reference allocated on the same
	// input, when HasReference.
	ReferenceBytes uint64
	HasReference   bool
	// Workers are the caller and the goroutines the learner's code started.
	Workers []*Goroutine
	// Untracked counts the goroutines the learner's code started beyond
	// Config.MaxWorkers, which share the one Overflow record in Workers.
	Untracked int
	// Others is, per span of time, how many other goroutines ran (the
	// garbage collector's workers, mostly): Spans with State Running whose
	// Wait field is unused; overlapping spans add up.
	Others []Span
	// StopTheWorld are the stretches when the runtime stopped every core.
	StopTheWorld []Span
	// Samples are the CPU samples of the workers.
	Samples []Sample
	// Truncated is set when the trace had more events than Config.MaxEvents.
	Truncated bool
	// Counted is set when the call's work was counted (LogWork): Work is
	// all of it, and each worker's Work how much of it that worker did.
	Counted bool
	Work    uint64
}

// Read parses a trace recorded by tracecall into a Profile. The trace
// must hold one call: one that holds more is refused.
func Read(r io.Reader, cfg Config) (p *Profile, err error) {
	defer func() {
		// The parser validates what it reads, but the trace comes from
		// learner code: whatever it trips on is a bad trace, not a crash.
		if v := recover(); v != nil {
			p, err = nil, fmt.Errorf("malformed trace: %v", v)
		}
	}()
	tr, err := trace.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("reading the trace: %w", err)
	}
	if cfg.MaxEvents <= 0 {
		cfg.MaxEvents = DefaultMaxEvents
	}
	if cfg.MaxWorkers <= 0 {
		cfg.MaxWorkers = DefaultMaxWorkers
	}
	b := newBuilder(cfg)
	for n := 0; ; n++ {
		if n == cfg.MaxEvents {
			b.p.Truncated = true
			break
		}
		ev, err := tr.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if b.started() {
				// A trace cut short (the process exited mid-write) still
				// says what happened until then.
				b.p.Truncated = true
				break
			}
			return nil, fmt.Errorf("reading the trace: %w", err)
		}
		b.event(ev)
	}
	return b.finish()
}

// builder follows the goroutines' state machines through the events.
type builder struct {
	cfg   Config
	p     *Profile
	start trace.Time
	last  trace.Time
	callG trace.GoID
	begun bool
	ended bool
	gs    map[trace.GoID]*gstate
	// overflow holds the goroutines past Config.MaxWorkers.
	overflow *Goroutine
	others   map[trace.GoID]trace.Time // running non-workers, since
	stw      trace.Time
	// again is set when a second call began in the trace: it is not the
	// trace of one call, and which call it shows is not known.
	again bool
}

// gstate is one goroutine's current state.
type gstate struct {
	g       *Goroutine // nil for non-workers
	state   State
	running bool
	since   trace.Time
	wait    Wait
	line    string
}

func newBuilder(cfg Config) *builder {
	return &builder{cfg: cfg, p: &Profile{}, callG: trace.NoGoroutine,
		gs: map[trace.GoID]*gstate{}, others: map[trace.GoID]trace.Time{}}
}

func (b *builder) started() bool { return b.begun }

// at is an event's offset from the call's start, never negative.
func (b *builder) at(t trace.Time) time.Duration {
	if !b.begun || t < b.start {
		return 0
	}
	return t.Sub(b.start)
}

func (b *builder) event(ev trace.Event) {
	if ev.Kind() == trace.EventLog { // the allocation logs follow the call
		if l := ev.Log(); l.Category == contract.LogWork {
			b.work(ev.Goroutine(), l.Message)
		} else {
			b.log(l)
		}
		return
	}
	if ev.Kind() == trace.EventRegionBegin && ev.Region().Type == contract.RegionCall && b.begun {
		b.again = true
	}
	if b.ended {
		return
	}
	b.last = max(b.last, ev.Time())
	switch ev.Kind() {
	case trace.EventRegionBegin:
		if ev.Region().Type == contract.RegionCall && !b.begun {
			b.begin(ev)
		}
	case trace.EventRegionEnd:
		if ev.Region().Type == contract.RegionCall && b.begun && ev.Goroutine() == b.callG {
			b.end(ev.Time())
		}
	case trace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind == trace.ResourceGoroutine {
			b.transition(ev, st)
		}
	case trace.EventRangeBegin, trace.EventRangeEnd:
		b.rangeEvent(ev)
	case trace.EventStackSample:
		b.sample(ev)
	case trace.EventMetric:
		if m := ev.Metric(); m.Name == "/sched/gomaxprocs:threads" && m.Value.Kind() == trace.ValueUint64 {
			b.p.Procs = int(min(m.Value.Uint64(), 1<<16))
		}
	}
}

func (b *builder) log(l trace.Log) {
	n, _ := strconv.ParseUint(l.Message, 10, 64)
	switch l.Category {
	case contract.LogCall:
		b.p.Call = clip(l.Message, 80)
	case contract.LogElements:
		b.p.Elements = int(min(n, 1<<48))
	case contract.LogAllocBytes:
		b.p.AllocBytes = n
	case contract.LogAllocObjects:
		b.p.AllocObjects = n
	case contract.LogReference:
		b.p.ReferenceBytes, b.p.HasReference = n, true
	}
}

// work adds some of the counted work to the call's, and credits it to the
// worker that did it; work done outside the call is no part of it, and
// work done by a goroutine that is no worker (one a timer started) is
// credited to none of them.
func (b *builder) work(id trace.GoID, message string) {
	n, err := strconv.ParseUint(message, 10, 64)
	if err != nil || !b.begun || b.ended {
		return
	}
	n = min(n, 1<<48)
	b.p.Counted, b.p.Work = true, b.p.Work+n
	if gs := b.gs[id]; gs != nil && gs.g != nil {
		gs.g.Work += n
	}
}

// begin starts the call: the caller becomes the first worker.
func (b *builder) begin(ev trace.Event) {
	b.begun, b.start, b.callG = true, ev.Time(), ev.Goroutine()
	g := &Goroutine{ID: int64(b.callG), Caller: true}
	b.p.Workers = append(b.p.Workers, g)
	gs := b.gs[b.callG]
	if gs == nil {
		gs = &gstate{}
		b.gs[b.callG] = gs
	}
	delete(b.others, b.callG)
	gs.g, gs.state, gs.running, gs.since = g, Running, true, ev.Time()
}

// end closes every open span at t.
func (b *builder) end(t trace.Time) {
	for id, gs := range b.gs {
		if gs.g != nil && gs.running {
			b.close(gs, t)
			gs.running = false
		}
		if since, ok := b.others[id]; ok {
			b.other(since, t)
		}
	}
	if b.stw != 0 {
		b.p.StopTheWorld = append(b.p.StopTheWorld, Span{Start: b.at(b.stw), End: b.at(t)})
	}
	b.p.Wall = b.at(t)
	b.ended = true
}

func (b *builder) finish() (*Profile, error) {
	if !b.begun {
		return nil, errors.New("the trace has no traced call in it (was it written by tracecall?)")
	}
	if b.again {
		// The timing run writes the trace of the one call it chose
		// (tracecall.Recorder.Snapshot keeps nothing before it): a
		// second call is another call's, which the choice did not fall on.
		return nil, errors.New("the trace holds more than one traced call")
	}
	if !b.ended {
		b.end(b.last)
	} else {
		b.p.Complete = true
	}
	return b.p, nil
}

func (b *builder) close(gs *gstate, t trace.Time) {
	if !b.begun || t <= b.start && gs.since <= b.start {
		return
	}
	s := Span{Start: b.at(gs.since), End: b.at(t), State: gs.state, Wait: gs.wait, Line: gs.line}
	if s.End <= s.Start {
		return
	}
	spans := &gs.g.Spans
	if n := len(*spans); n > 0 && !gs.g.Overflow && (*spans)[n-1].State == s.State && (*spans)[n-1].Wait == s.Wait &&
		(*spans)[n-1].Line == s.Line && (*spans)[n-1].End == s.Start {
		(*spans)[n-1].End = s.End
		return
	}
	*spans = append(*spans, s)
}

func (b *builder) other(since, t trace.Time) {
	if b.begun && t > b.start {
		b.p.Others = append(b.p.Others, Span{Start: b.at(max(since, b.start)), End: b.at(t), State: Running})
	}
}

// transition follows one goroutine state change.
func (b *builder) transition(ev trace.Event, st trace.StateTransition) {
	id := st.Resource.Goroutine()
	from, to := st.Goroutine()
	t := ev.Time()
	gs := b.gs[id]
	if from == trace.GoNotExist && to == trace.GoRunnable && b.begun {
		gs = b.created(ev, id)
	}
	if gs == nil {
		gs = &gstate{}
		b.gs[id] = gs
	}
	if gs.g == nil { // not a worker: only its running time matters
		// Only running counts: a goroutine in a system call (the
		// tracer's own writer) holds no core's work.
		if since, ok := b.others[id]; ok && to != trace.GoRunning {
			b.other(since, t)
			delete(b.others, id)
		} else if !ok && to == trace.GoRunning {
			b.others[id] = t
		}
		return
	}
	if gs.running {
		b.close(gs, t)
	}
	gs.since, gs.running, gs.wait, gs.line = t, true, WaitOther, ""
	switch to {
	case trace.GoRunning, trace.GoSyscall:
		gs.state = Running
	case trace.GoRunnable:
		gs.state = Runnable
	case trace.GoWaiting:
		gs.state = Blocked
		gs.wait, gs.line = b.blocked(st.Reason, ev.Stack())
	default: // exited
		gs.running = false
		gs.g.Ended = true
	}
}

// created registers a goroutine created during the call; it is a worker
// when the creating stack passes through the learner's package.
func (b *builder) created(ev trace.Event, id trace.GoID) *gstate {
	gs := &gstate{}
	b.gs[id] = gs
	line := b.learnerLine(ev.Stack())
	switch {
	case line == "":
	case len(b.p.Workers) >= b.cfg.MaxWorkers:
		// Past the cap, goroutines share one record: their states still
		// count, their lanes are not kept apart.
		if b.overflow == nil {
			b.overflow = &Goroutine{ID: -1, Created: line, Overflow: true}
			b.p.Workers = append(b.p.Workers, b.overflow)
		}
		b.p.Untracked++
		gs.g = b.overflow
	default:
		gs.g = &Goroutine{ID: int64(id), Created: line, Parent: int64(ev.Goroutine())}
		b.p.Workers = append(b.p.Workers, gs.g)
	}
	return gs
}

// blocked says what a goroutine blocking with this reason and stack waits
// for, and the learner's line.
func (b *builder) blocked(reason string, stk trace.Stack) (Wait, string) {
	w := WaitOther
	switch reason {
	case "chan send":
		w = WaitSend
	case "chan receive", "select":
		w = WaitJoin
	case "sync.(*Cond).Wait":
		w = WaitLock
	case "sync":
		w = WaitJoin
		for f := range stk.Frames() {
			if strings.Contains(f.Func, "Mutex).") {
				w = WaitLock
				break
			}
		}
	}
	return w, b.learnerLine(stk)
}

// learnerLine is "file.go:LINE" of the innermost frame in the learner's
// package, or "".
func (b *builder) learnerLine(stk trace.Stack) string {
	for f := range stk.Frames() {
		if b.isLearner(f.Func) {
			return fileLine(f.File, f.Line)
		}
	}
	return ""
}

func (b *builder) isLearner(fn string) bool {
	return b.cfg.Package != "" && strings.HasPrefix(fn, b.cfg.Package+".")
}

// fileLine keeps the file's base name: the learner knows which folder.
func fileLine(file string, line uint64) string {
	if i := strings.LastIndexByte(file, '/'); i >= 0 {
		file = file[i+1:]
	}
	return clip(file, 60) + ":" + strconv.FormatUint(line, 10)
}

// rangeEvent follows stop-the-world pauses and mark assists.
func (b *builder) rangeEvent(ev trace.Event) {
	name := ev.Range().Name
	begin := ev.Kind() == trace.EventRangeBegin
	switch {
	case strings.HasPrefix(name, "stop-the-world"):
		if begin {
			b.stw = ev.Time()
		} else if b.stw != 0 {
			if b.begun && ev.Time() > b.start {
				b.p.StopTheWorld = append(b.p.StopTheWorld, Span{Start: b.at(max(b.stw, b.start)), End: b.at(ev.Time())})
			}
			b.stw = 0
		}
	case name == "GC mark assist":
		gs := b.gs[ev.Goroutine()]
		if gs == nil || gs.g == nil || !gs.running || (gs.state != Running && gs.state != Assisting) {
			return
		}
		b.close(gs, ev.Time())
		gs.since = ev.Time()
		gs.state = Running
		if begin {
			gs.state = Assisting
		}
	}
}

// sample files one CPU sample of a worker.
func (b *builder) sample(ev trace.Event) {
	if !b.begun {
		return
	}
	gs := b.gs[ev.Goroutine()]
	if gs == nil || gs.g == nil {
		return
	}
	gs.g.Samples++
	s := Sample{Kind: InCode, G: gs.g.ID, At: b.at(ev.Time())}
	for f := range ev.Stack().Frames() {
		if s.Kind == InCode {
			s.Kind = sampleKind(f.Func)
		}
		if s.Line == "" && b.isLearner(f.Func) {
			s.Line = fileLine(f.File, f.Line)
		}
	}
	b.p.Samples = append(b.p.Samples, s)
}

// sampleKind sorts a frame's function; InCode when it says nothing.
func sampleKind(fn string) SampleKind {
	switch {
	case strings.Contains(fn, "Mutex)."), strings.HasPrefix(fn, "runtime.semacquire"),
		strings.HasPrefix(fn, "runtime.semrelease"), strings.HasPrefix(fn, "sync.runtime_Sem"),
		strings.HasPrefix(fn, "internal/sync.runtime_"):
		return InLock
	case strings.HasPrefix(fn, "runtime.gcAssist"), strings.HasPrefix(fn, "runtime.gcDrain"),
		strings.HasPrefix(fn, "runtime.scanobject"), strings.HasPrefix(fn, "runtime.markroot"):
		return InGC
	case strings.HasPrefix(fn, "runtime.mallocgc"), fn == "runtime.newobject", strings.HasPrefix(fn, "runtime.makeslice"),
		strings.HasPrefix(fn, "runtime.growslice"), strings.HasPrefix(fn, "runtime.makemap"),
		strings.HasPrefix(fn, "runtime.mapassign"), strings.HasPrefix(fn, "runtime.concatstring"):
		return InAlloc
	case fn == "runtime.newproc", fn == "runtime.newproc1", fn == "runtime.goexit0", fn == "runtime.goexit1",
		fn == "runtime.schedule", fn == "runtime.findRunnable", fn == "runtime.gopark", fn == "runtime.park_m",
		fn == "runtime.mcall", fn == "runtime.ready", fn == "runtime.wakep", fn == "runtime.runqput",
		fn == "runtime.gfget", fn == "runtime.gfput", fn == "runtime.malg", fn == "runtime.goready",
		fn == "runtime.casgstatus", fn == "runtime.execute", fn == "runtime.gogo":
		return InSched
	}
	return InCode
}

// clip cuts s to n bytes and keeps it to printable ASCII: it came from
// learner code and ends up in a report.
func clip(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return '?'
		}
		return r
	}, s)
	if len(s) > n {
		s = s[:n] + "..."
	}
	return s
}
