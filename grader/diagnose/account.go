package diagnose

import (
	"slices"
	"time"
)

// accounting is where the capacity P × wall went, in nanoseconds of core
// time.
type accounting struct {
	running                  float64
	gc, lock, send, schedule float64
	serial, imbalance        float64
	oneRunning               float64 // wall time, not core time
	// twoReady is the wall time with at least two workers running or
	// runnable: parallelism the code offered, whether or not the machine
	// had the cores to take it.
	twoReady float64
}

// change is one worker entering or leaving a state at a moment.
type change struct {
	at    time.Duration
	delta int
	what  slot
}

// slot is a count the sweep keeps.
type slot uint8

const (
	slotRunning slot = iota
	slotAssisting
	slotStopped
	slotRunnable
	slotLock
	slotSend
	slotOthers
	slotSpawnedAlive
	slotSpawnedDone
	slotSpawnedRunning
	numSlots
)

// account sweeps over the call and, at every moment, splits the cores
// that no worker ran on by why: the runtime (the GC's workers, a
// stop-the-world pause), a worker blocked on a lock or on a channel send,
// a runnable worker not yet scheduled (the cost of many goroutines), and
// otherwise nobody had work: serial code when no goroutine the learner
// started was alive, or fewer than P of them ever ran together;
// imbalance when some had already finished their share while others
// still ran.
func account(p *Profile, P int) accounting {
	var cs []change
	add := func(s Span, what slot) {
		cs = append(cs, change{s.Start, 1, what}, change{s.End, -1, what})
	}
	for _, g := range p.Workers {
		for _, s := range g.Spans {
			switch {
			case s.State == Running || s.State == Assisting:
				add(s, slotRunning)
				if s.State == Assisting {
					add(s, slotAssisting)
				}
				if !g.Caller {
					add(s, slotSpawnedRunning)
				}
			case s.State == Runnable:
				add(s, slotRunnable)
			case s.Wait == WaitLock:
				add(s, slotLock)
			case s.Wait == WaitSend:
				add(s, slotSend)
			}
		}
		if !g.Caller && !g.Overflow && len(g.Spans) > 0 {
			life := Span{Start: g.Spans[0].Start, End: g.Spans[len(g.Spans)-1].End}
			add(life, slotSpawnedAlive)
			if g.Ended {
				cs = append(cs, change{life.End, 1, slotSpawnedDone})
			}
		}
	}
	for _, s := range p.Others {
		add(s, slotOthers)
	}
	for _, s := range p.StopTheWorld {
		add(s, slotStopped)
	}
	slices.SortFunc(cs, func(a, b change) int { return int(a.at - b.at) })
	var acc accounting
	var n [numSlots]int
	prev := time.Duration(0)
	for i := 0; i < len(cs); {
		at := cs[i].at
		if d := float64(at - prev); d > 0 {
			acc.interval(n, P, d)
		}
		for ; i < len(cs) && cs[i].at == at; i++ {
			n[cs[i].what] += cs[i].delta
		}
		prev = at
	}
	if d := float64(p.Wall - prev); d > 0 {
		acc.interval(n, P, d)
	}
	return acc
}

// interval accounts for d nanoseconds with the counts n. The runtime is
// blamed for a core only when it kept a worker from running: an idle
// core that the GC's idle workers borrow was idle anyway.
func (acc *accounting) interval(n [numSlots]int, P int, d float64) {
	running := min(n[slotRunning], P)
	acc.running += float64(running) * d
	if running <= 1 {
		acc.oneRunning += d
	}
	if n[slotRunning]+n[slotRunnable] >= 2 {
		acc.twoReady += d
	}
	if n[slotStopped] > 0 { // stop-the-world: no worker can run
		acc.gc += float64(P) * d
		acc.running -= float64(running) * d
		return
	}
	assisting := min(n[slotAssisting], running)
	acc.running -= float64(assisting) * d
	acc.gc += float64(assisting) * d
	idle := P - running
	take := func(k int) float64 {
		t := min(idle, max(k, 0))
		idle -= t
		return float64(t) * d
	}
	acc.lock += take(n[slotLock])
	acc.send += take(n[slotSend])
	displaced := min(n[slotRunnable], n[slotOthers])
	acc.gc += take(displaced)
	acc.schedule += take(n[slotRunnable] - displaced)
	if idle == 0 {
		return
	}
	rest := float64(idle) * d
	// Nobody had work for the idle cores: was it serial code, or did
	// some workers finish their share before others?
	if n[slotSpawnedAlive] > 0 && n[slotSpawnedDone] > 0 && n[slotSpawnedRunning] > 0 {
		acc.imbalance += rest
	} else {
		acc.serial += rest
	}
}
