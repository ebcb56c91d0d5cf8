package suitekit

import (
	"runtime/metrics"
)

// createdMetric counts every goroutine the program has started; the Go
// runtime has it from Go 1.26 on.
const createdMetric = "/sched/goroutines-created:goroutines"

// Started runs f and returns how many goroutines were started while it
// ran, which tells code that really works concurrently from code that
// only claims to, whatever the machine's load. Goroutines that anything
// else in the process started meanwhile are counted too, so the count is
// never below f's own. ok is false when the Go runtime cannot count
// goroutines (before Go 1.26); f has run all the same.
func Started(f func()) (n uint64, ok bool) {
	sample := []metrics.Sample{{Name: createdMetric}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		f()
		return 0, false
	}
	before := sample[0].Value.Uint64()
	f()
	metrics.Read(sample)
	return sample[0].Value.Uint64() - before, true
}
