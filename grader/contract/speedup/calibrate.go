package speedup

import (
	"sync"
	"time"
)

// calibration is a perfectly parallel, compute-bound kernel: each worker
// runs its share of a fixed number of xorshift steps on its own state, in
// registers, with no shared memory but the one result slot per worker
// (padded against false sharing). Its speedup at P workers is what this
// machine can deliver right now.
type calibration struct {
	p     int
	steps int // total steps, split over workers
}

func newCalibration(p int) *calibration { return &calibration{p: p, steps: 1 << 22} }

// size scales the kernel so that one serial run takes about as long as the
// reference, so both see the machine over the same stretch of time.
func (c *calibration) size(target time.Duration) {
	target = max(target, 5*time.Millisecond)
	for range 8 {
		d := c.run(1)
		if d <= 0 {
			c.steps *= 4
			continue
		}
		c.steps = int(float64(c.steps) * float64(target) / float64(d))
		if d > target/2 && d < target*2 {
			return
		}
	}
}

// sink keeps the compiler from discarding the kernel's work.
var sink uint64

type paddedSlot struct {
	v uint64
	_ [56]byte
}

// run executes the kernel with w workers and returns the wall time.
func (c *calibration) run(w int) time.Duration {
	slots := make([]paddedSlot, w)
	per := c.steps / w
	var wg sync.WaitGroup
	start := time.Now()
	for i := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := uint64(i)*0x9e3779b97f4a7c15 + 1
			for range per {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
			}
			slots[i].v = x
		}()
	}
	wg.Wait()
	d := time.Since(start)
	for _, s := range slots {
		sink += s.v
	}
	return d
}

// MachineSpeedup measures, over reps paired runs of about 10 ms each, the
// speedup this machine delivers right now on p workers for a perfectly
// parallel kernel: S_cal, the figure the faster check scales its bar by.
// It runs in the calling process, so set GOMAXPROCS to at least p.
func MachineSpeedup(p, reps int) float64 {
	c := newCalibration(p)
	c.size(10 * time.Millisecond)
	var one, many []time.Duration
	for range max(reps, 1) {
		one = append(one, c.run(1))
		many = append(many, c.run(p))
	}
	return Ratio(one, many, len(one)).Median
}

// Bar is the self-speedup the faster check requires for an exercise with
// alpha on a machine that delivers calibration: 1 + alpha*(calibration-1).
func Bar(alpha, calibration float64) float64 { return 1 + alpha*(calibration-1) }
