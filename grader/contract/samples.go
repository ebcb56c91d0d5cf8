package contract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Samples are the value of a SampleKind sample: the raw timings of one
// measurement, repetition by repetition (index r of every slice belongs to
// repetition r), as integer nanoseconds. Every timing runs with GOMAXPROCS
// = P unless it says otherwise.
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
	// CalP is the wall time of the serial reference on one input cut into
	// P pieces, run at once: Reference/CalP is S_cal, what this machine
	// delivers right now on this very workload.
	CalP []time.Duration `json:"calp"`
	// Started holds, per repetition, how many goroutines the process
	// started during the judged call (the runtime's count, Go 1.26 on):
	// never fewer than the learner's code started. Empty where the runtime
	// cannot count.
	Started []uint64 `json:"started,omitempty"`
	// JudgedCPU, OneCPU and ReferenceCPU hold, per repetition, the CPU
	// time the process used (all its threads) during the judged call,
	// during the same call under GOMAXPROCS = 1, and during the timed
	// reference. The same work costs about the same CPU time on any
	// number of cores, and on one core a call's time is its CPU time at
	// the pace the machine gives one core (the reference's time over its
	// CPU time): a one-core call that took longer than its work on P
	// cores explains (a goroutine spinning or waiting in a loop, a sleep,
	// extra work) is padded, and its one-core time is no measure of its
	// speedup. Empty where the system cannot count CPU time finely.
	JudgedCPU    []time.Duration `json:"judged_cpu,omitempty"`
	OneCPU       []time.Duration `json:"one_cpu,omitempty"`
	ReferenceCPU []time.Duration `json:"reference_cpu,omitempty"`
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

// Limits on what a plausible measurement holds.
const (
	// maxSamples bounds every list of timings: no plan takes more.
	maxSamples = 10000
	// maxSample bounds a single timing; the grader's phase limit is far
	// shorter.
	maxSample = time.Hour
	// maxText bounds the Wrong and Aborted messages.
	maxText = 4096
)

// DecodeSamples reads the samples of a measurement the grader asked for at
// p workers and checks their shape and plausibility, so that the judge
// only ever sees well-formed samples: the workers are exactly WorkerCounts(p),
// one learner row per worker count, every list within bounds and every
// timing positive. Anything else is an error that says what is wrong.
func DecodeSamples(raw []byte, p int) (*Samples, error) {
	var s Samples
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("the samples do not decode: %v", err)
	}
	if err := s.validate(p); err != nil {
		return nil, err
	}
	return &s, nil
}

func (s *Samples) validate(p int) error {
	if want := WorkerCounts(p); !slices.Equal(s.Workers, want) {
		return fmt.Errorf("the samples are for workers %v, but %v were asked for", s.Workers, want)
	}
	if len(s.Learner) != len(s.Workers) {
		return fmt.Errorf("the samples hold %d rows of learner timings for %d worker counts", len(s.Learner), len(s.Workers))
	}
	if len(s.Started) > maxSamples {
		return fmt.Errorf("the samples hold %d goroutine counts; at most %d are taken", len(s.Started), maxSamples)
	}
	if len(s.Wrong) > maxText || len(s.Aborted) > maxText || len(s.Tampered) > maxText {
		return errors.New("the samples carry a message longer than any the measurement writes")
	}
	// A timing is positive; a CPU time may be zero (a call that ran
	// under the kernel's count).
	least := map[string]time.Duration{}
	lists := map[string][]time.Duration{"reference": s.Reference, "one": s.One, "calp": s.CalP}
	for i, l := range s.Learner {
		lists[fmt.Sprintf("learner at %d workers", s.Workers[i])] = l
	}
	for name, l := range map[string][]time.Duration{"judged call's CPU": s.JudgedCPU, "one-core call's CPU": s.OneCPU, "reference's CPU": s.ReferenceCPU} {
		lists[name], least[name] = l, -1
	}
	for name, l := range lists {
		if len(l) > maxSamples {
			return fmt.Errorf("the samples hold %d %s timings; at most %d are taken", len(l), name, maxSamples)
		}
		for _, d := range l {
			if d <= least[name] || d > maxSample {
				return fmt.Errorf("a %s timing of %v is not a plausible duration", name, d)
			}
		}
	}
	return nil
}

// WorkerCounts lists 1, 2, 4, ... up to p, and p itself.
func WorkerCounts(p int) []int {
	var ws []int
	for w := 1; w < p; w *= 2 {
		ws = append(ws, w)
	}
	return append(ws, max(p, 1))
}
