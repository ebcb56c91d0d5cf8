package contract

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// twoWorkers builds well-formed samples for P=2 with reps repetitions.
func twoWorkers(reps int) *Samples {
	s := &Samples{Workers: []int{1, 2}, Learner: make([][]time.Duration, 2)}
	for range reps {
		s.Reference = append(s.Reference, 20*time.Millisecond)
		s.Learner[0] = append(s.Learner[0], 21*time.Millisecond)
		s.Learner[1] = append(s.Learner[1], 11*time.Millisecond)
		s.One = append(s.One, 20*time.Millisecond)
		s.CalP = append(s.CalP, 10*time.Millisecond)
	}
	return s
}

func TestWorkerCounts(t *testing.T) {
	for p, want := range map[int]string{1: "[1]", 2: "[1 2]", 6: "[1 2 4 6]", 8: "[1 2 4 8]", 16: "[1 2 4 8 16]"} {
		if got := fmt.Sprint(WorkerCounts(p)); got != want {
			t.Errorf("WorkerCounts(%d) = %s, want %s", p, got, want)
		}
	}
}

func TestDecodeRefusesImplausibleSamples(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(s *Samples)
		raw    string
		p      int
		fault  string
	}{
		{name: "good", change: func(*Samples) {}, p: 2},
		{name: "a wrong answer is a measurement", change: func(s *Samples) { s.Wrong = "Sum(xs, 2) = 3, want 4" }, p: 2},
		{name: "a learner row short", change: func(s *Samples) { s.Learner = s.Learner[:1] }, p: 2, fault: "1 rows"},
		{name: "no learner rows", change: func(s *Samples) { s.Learner = nil }, p: 2, fault: "0 rows"},
		{name: "workers not asked for", change: func(s *Samples) { s.Workers = []int{1, 8} }, p: 2, fault: "were asked for"},
		{name: "another P", change: func(*Samples) {}, p: 4, fault: "were asked for"},
		{name: "a zero timing", change: func(s *Samples) { s.CalP[1] = 0 }, p: 2, fault: "calp"},
		{name: "a negative timing", change: func(s *Samples) { s.Learner[1][0] = -time.Second }, p: 2, fault: "learner at 2 workers"},
		{name: "CPU times, a zero among them", change: func(s *Samples) {
			s.JudgedCPU, s.OneCPU = []time.Duration{0, time.Millisecond}, []time.Duration{time.Millisecond, time.Millisecond}
		}, p: 2},
		{name: "a negative CPU time", change: func(s *Samples) { s.OneCPU = []time.Duration{-time.Millisecond} }, p: 2, fault: "one-core call's CPU"},
		{name: "too many timings", change: func(s *Samples) { s.Reference = make([]time.Duration, maxSamples+1) }, p: 2, fault: "reference"},
		{name: "not JSON", raw: "PARLAB-SPEEDUP {", p: 2, fault: "do not decode"},
		{name: "an unknown field", raw: `{"workers":[1,2],"learner":[[1],[1]],"verdict":"pass"}`, p: 2, fault: "do not decode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.raw)
			if tc.change != nil {
				s := twoWorkers(12)
				tc.change(s)
				var err error
				if raw, err = json.Marshal(s); err != nil {
					t.Fatal(err)
				}
			}
			s, err := DecodeSamples(raw, tc.p)
			switch {
			case tc.fault == "" && err != nil:
				t.Fatalf("good samples refused: %v", err)
			case tc.fault != "" && err == nil:
				t.Fatalf("accepted: %+v", s)
			case tc.fault != "" && !strings.Contains(err.Error(), tc.fault):
				t.Errorf("error %q does not say %q", err, tc.fault)
			case err == nil:
				_ = s.Reps() // a judge reads it
			}
		})
	}
}
