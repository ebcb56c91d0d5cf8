package bench

import (
	"math"
	"time"
)

// Row is one line of a benchmark table: one variant at one worker count.
type Row struct {
	Variant string
	Workers int
	// Mean and Std are over the timed repetitions.
	Mean, Std time.Duration
	// Speedup is the variant's own 1-worker mean over this mean; VsSerial
	// is the serial reference's mean over this mean.
	Speedup, VsSerial float64
	// Efficiency is Speedup per worker.
	Efficiency float64
	// Result is what the run produced, where it teaches something (a
	// count with the increments lost, GFLOP/s).
	Result string
}

// Table is a benchmark's result.
type Table struct {
	Kernel, Setup string
	Cores         int
	Serial        Row
	Rows          []Row
}

// timeRuns runs f once to warm up, then reps times, and returns the mean
// and standard deviation of the timed runs.
func timeRuns(reps int, f func()) (mean, std time.Duration) {
	f()
	ds := make([]float64, reps)
	for i := range ds {
		start := time.Now()
		f()
		ds[i] = float64(time.Since(start))
	}
	return meanStd(ds)
}

func meanStd(ds []float64) (mean, std time.Duration) {
	if len(ds) == 0 {
		return 0, 0
	}
	sum := 0.0
	for _, d := range ds {
		sum += d
	}
	m := sum / float64(len(ds))
	if len(ds) == 1 {
		return time.Duration(m), 0
	}
	ss := 0.0
	for _, d := range ds {
		ss += (d - m) * (d - m)
	}
	return time.Duration(m), time.Duration(math.Sqrt(ss / float64(len(ds)-1)))
}

// fill computes the speedup columns from the means.
func (t *Table) fill() {
	base := map[string]time.Duration{}
	for _, r := range t.Rows {
		if r.Workers == 1 {
			base[r.Variant] = r.Mean
		}
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if b := base[r.Variant]; b > 0 && r.Mean > 0 {
			r.Speedup = float64(b) / float64(r.Mean)
			r.Efficiency = r.Speedup / float64(r.Workers)
		}
		if t.Serial.Mean > 0 && r.Mean > 0 {
			r.VsSerial = float64(t.Serial.Mean) / float64(r.Mean)
		}
	}
	t.Serial.Speedup, t.Serial.Efficiency, t.Serial.VsSerial = 1, 1, 1
}
