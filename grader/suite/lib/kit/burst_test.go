package kit

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"parlab/internal/stack"
)

// burstWork stands for the learner's code in TestCheckBurst: after
// wg.Done it works until reported is closed, for at most burst.
func burstWork(wg *sync.WaitGroup, burst time.Duration, reported <-chan struct{}, spins *atomic.Int64) {
	wg.Done()
	for start := time.Now(); time.Since(start) < burst; {
		select {
		case <-reported:
			return
		default:
		}
		spins.Add(1)
	}
}

// burstRecorder is a recorder that closes reported at its first error.
type burstRecorder struct {
	recorder
	once     sync.Once
	reported chan struct{}
}

func (r *burstRecorder) Errorf(format string, args ...any) {
	r.recorder.Errorf(format, args...)
	r.once.Do(func() { close(r.reported) })
}

// TestCheckBurst: a goroutine that goes on working after wg.Done for
// longer than BurstSpan is reported though it ends within goleak's wait;
// one that returns right after wg.Done is not.
func TestCheckBurst(t *testing.T) {
	defer func(f func(stack.Goroutine) (stack.Frame, bool)) { learnerFrame = f }(learnerFrame)
	learnerFrame = func(g stack.Goroutine) (stack.Frame, bool) {
		for _, f := range g.Frames {
			if strings.HasSuffix(f.Func, "kit.burstWork") {
				return f, true
			}
		}
		return stack.Frame{}, false
	}
	const works = "[leak-free] f() returned, but a goroutine it started was still running your code at burst_test.go:"
	for _, tc := range []struct {
		name  string
		burst time.Duration
		// olderEnds: a goroutine from before the call ends during it, so
		// that no more goroutines are alive when it returns than before.
		olderEnds bool
		want      string
	}{
		{"done, then returns", 0, false, ""},
		// It works on until it is reported (at most 10 s, when it is
		// not): a burst of a fixed length ended before the check's second
		// look on a busy machine.
		{"done, then works on", 50 * BurstSpan, false, works},
		{"done, then works on, while an older goroutine ends", 50 * BurstSpan, true, works},
	} {
		t.Run(tc.name, func(t *testing.T) {
			late = lateCalls{}
			r := &burstRecorder{recorder: recorder{TB: t}, reported: make(chan struct{})}
			var spins atomic.Int64
			var ended sync.WaitGroup
			// Three, so that fewer goroutines are alive after the call
			// than before it even while the kit's own are ending.
			const olders = 3
			older := make(chan struct{})
			var olderEnded sync.WaitGroup
			if tc.olderEnds {
				for range olders {
					olderEnded.Go(func() { <-older })
				}
			}
			ended.Add(1)
			Call(r, "f()", func() int {
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					defer ended.Done()
					burstWork(&wg, tc.burst, r.reported, &spins)
				}()
				wg.Wait()
				if tc.olderEnds {
					alive := runtime.NumGoroutine()
					close(older)
					olderEnded.Wait()
					for runtime.NumGoroutine() > alive-olders {
						runtime.Gosched()
					}
				}
				return 0
			})
			ended.Wait()
			switch {
			case tc.want == "" && len(r.errors) > 0:
				t.Errorf("reported: %q", r.errors)
			case tc.want != "" && (len(r.errors) == 0 || !strings.Contains(r.errors[0], tc.want)):
				t.Errorf("reports %q, want the first to hold %q", r.errors, tc.want)
			}
		})
	}
}
