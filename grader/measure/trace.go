package measure

import (
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

	"parlab/grader/contract"
	"parlab/grader/tracecall"
)

// traceOnce runs the learner's call once more under the execution tracer
// with GOMAXPROCS = P workers, for the grader's diagnosis of a speed miss
// (see package tracecall). It times nothing and judges nothing.
func traceOnce[In, Out any](t *testing.T, k Kernel[In, Out]) {
	req := contract.TraceRequestFromEnv()
	p, _ := strconv.Atoi(os.Getenv(contract.WorkersEnv))
	if p < 1 {
		p = runtime.GOMAXPROCS(0)
	}
	rng := newRand()
	if req.Warmup {
		k.Learner(k.NewInput(rng), p)
	}
	// The reference gets the same input made again from the same seed:
	// fresh memory, so neither call warms the other's caches.
	seed := rng.Uint64()
	in := k.NewInput(rand.New(rand.NewPCG(seed, 0)))
	ref := k.NewInput(rand.New(rand.NewPCG(seed, 0)))
	err := tracecall.Capture(req, tracecall.Call{
		Describe:  k.Describe(p),
		Elements:  elements(in),
		Run:       func() { k.Learner(in, p) },
		Reference: func() { k.Reference(ref) },
	})
	if err != nil {
		t.Fatal(err)
	}
}

// elements is the length of a slice input, or 0.
func elements(in any) int {
	v := reflect.ValueOf(in)
	if v.Kind() == reflect.Slice || v.Kind() == reflect.Array {
		return v.Len()
	}
	return 0
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2)) }
