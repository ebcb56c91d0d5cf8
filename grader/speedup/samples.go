package speedup

import (
	"encoding/json"
	"strings"
	"time"
)

// MarkerPrefix starts the line on which the measuring binary reports its
// samples; the grader only believes it when the run's completion line (with
// its nonce) follows.
const MarkerPrefix = "PARLAB-SPEEDUP "

// Samples are the raw timings of one measurement, repetition by
// repetition: index r of every slice belongs to repetition r. Every timing
// runs with GOMAXPROCS = P unless it says otherwise.
type Samples struct {
	// Workers lists the worker counts of the table: 1, 2, 4, ..., P.
	Workers []int `json:"workers"`
	// Reference holds the serial reference's times, under GOMAXPROCS = 1.
	Reference []time.Duration `json:"reference"`
	// Learner holds the learner's times per worker count (same order as
	// Workers); its last slice is the judged call, the learner's code with
	// P workers.
	Learner [][]time.Duration `json:"learner"`
	// One holds the times of that same call, with P workers, run under
	// GOMAXPROCS = 1: Learner[P]/One is the code's own speedup from the
	// cores alone, whatever it does with its worker count.
	One []time.Duration `json:"one"`
	// CalP is the wall time of P copies of the serial reference running at
	// once on P inputs, divided by P: Reference/CalP is S_cal, what this
	// machine delivers right now on this very workload.
	CalP []time.Duration `json:"calp"`
	// Wrong is set when the learner's code returned a wrong answer on a
	// timing input; it says what was wrong.
	Wrong string `json:"wrong,omitempty"`
	// Aborted is set when the learner's code was so slow that measuring
	// stopped early; it says why.
	Aborted string `json:"aborted,omitempty"`
	// Tampered is set when the learner's code changed what the measurement
	// stands on: GOMAXPROCS, or goroutines of its own running outside its
	// calls. It says what was found; measuring stopped there.
	Tampered string `json:"tampered,omitempty"`
}

// P is the largest worker count measured.
func (s *Samples) P() int {
	if len(s.Workers) == 0 {
		return 0
	}
	return s.Workers[len(s.Workers)-1]
}

// Reps is the number of complete repetitions.
func (s *Samples) Reps() int {
	n := min(len(s.Reference), len(s.One), len(s.CalP))
	for _, l := range s.Learner {
		n = min(n, len(l))
	}
	if len(s.Learner) == 0 {
		return 0
	}
	return n
}

// Marker is the line the measuring binary prints: the prefix, the run's
// nonce (so that learner code cannot print a fake one) and the samples.
func (s *Samples) Marker(nonce string) string {
	b, _ := json.Marshal(s)
	return MarkerPrefix + nonce + " " + string(b)
}

// ParseMarker finds the last samples line carrying nonce in a log.
func ParseMarker(log, nonce string) (*Samples, bool) {
	prefix := MarkerPrefix + nonce + " "
	i := strings.LastIndex(log, prefix)
	if i < 0 {
		return nil, false
	}
	var s Samples
	if err := json.NewDecoder(strings.NewReader(log[i+len(prefix):])).Decode(&s); err != nil {
		return nil, false
	}
	return &s, true
}

// WorkerCounts lists 1, 2, 4, ... up to p, and p itself.
func WorkerCounts(p int) []int {
	var ws []int
	for w := 1; w < p; w *= 2 {
		ws = append(ws, w)
	}
	return append(ws, max(p, 1))
}
