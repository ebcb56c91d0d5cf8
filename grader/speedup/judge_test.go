package speedup

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// synth builds samples for P=2 with the given per-repetition times in
// milliseconds (reference, learner at 1 and 2 workers, calibration at 1
// and 2), repeated reps times with a little deterministic jitter.
func synth(reps int, ref, l1, l2, c1, c2 float64) *Samples {
	s := &Samples{Workers: []int{1, 2}, Learner: make([][]time.Duration, 2), Rounds: 1}
	ms := func(x float64, r int) time.Duration {
		jitter := 1 + 0.01*float64(r%3-1)
		return time.Duration(x * jitter * float64(time.Millisecond))
	}
	for r := range reps {
		s.Reference = append(s.Reference, ms(ref, r))
		s.Learner[0] = append(s.Learner[0], ms(l1, r))
		s.Learner[1] = append(s.Learner[1], ms(l2, r))
		s.Cal1 = append(s.Cal1, ms(c1, r))
		s.CalP = append(s.CalP, ms(c2, r))
	}
	return s
}

// noisy slows the learner's P-worker run by 40% in 6 of 10 repetitions, as
// a competing process that the calibration runs happened to miss does.
func noisy(s *Samples) *Samples {
	for r := range s.Reference {
		if r%5 < 3 {
			s.Learner[1][r] = s.Learner[1][r] * 14 / 10
		}
	}
	return s
}

// lastRound marks samples as the measurement's last round.
func lastRound(s *Samples) *Samples {
	s.Rounds = maxRounds
	return s
}

func TestJudge(t *testing.T) {
	th := DefaultThresholds
	for _, tc := range []struct {
		name    string
		s       *Samples
		alpha   float64
		want    Outcome
		because string
	}{
		{"good parallel code on a quiet machine", synth(10, 20, 21, 11, 20, 10), 0.5, Pass, "faster than the serial reference"},
		{"serial code on a quiet machine", synth(10, 20, 20, 20, 20, 10), 0.5, Fail, "1.00x as fast"},
		{"good code on a saturated machine", synth(10, 20, 21, 20, 20, 20), 0.5, Skip, "too busy"},
		{"serial code on a saturated machine", synth(10, 20, 20, 20, 20, 19.6), 0.5, Skip, "too busy"},
		{"a faster serial algorithm in goroutines", synth(10, 20, 10, 10, 20, 10), 0.5, Fail, "not from parallelism"},
		{"a near miss is measured again", synth(10, 20, 20, 14.5, 20, 10), 0.5, Again, "near miss"},
		{"too few repetitions to pass", synth(4, 20, 21, 11, 20, 10), 0.5, Again, "too few"},
		{"far slower code needs no more repetitions", synth(1, 20, 30, 60, 20, 10), 0.5, Fail, "0.33x"},
		{"partly busy machine lowers the bar", synth(10, 20, 21, 15, 20, 14), 0.5, Pass, "1.21x was required"},
		{"scaling code under noise is not failed", noisy(synth(10, 20, 21, 11, 20, 10)), 0.6, Again, "inconclusive"},
		{"serial code under noise still fails", noisy(synth(10, 20, 20, 18, 20, 10)), 0.6, Fail, "as fast as the serial reference"},
		{"barely scaling code under noise is measured again", noisy(synth(10, 20, 20, 14, 20, 10)), 0.6, Again, "noisy timings"},
		{"a noisy near miss of scaling code may end inconclusive", noisy(synth(10, 20, 21, 10.5, 20, 10)), 0.6, Again, "near miss"},
		{"and fails after the last round", lastRound(noisy(synth(10, 20, 20, 14, 20, 10))), 0.6, Fail, "as fast as the serial reference"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := th.Judge(tc.s, tc.alpha)
			if j.Outcome != tc.want || !strings.Contains(j.Reason, tc.because) {
				t.Errorf("outcome %s (%q), want %s containing %q; S=%.2f Sself=%.2f Scal=%.2f req=%.2f",
					j.Outcome, j.Reason, tc.want, tc.because, j.Speedup, j.SelfSpeedup, j.Calibration, j.Required)
			}
		})
	}
}

func TestJudgeOneCoreSkips(t *testing.T) {
	s := &Samples{Workers: []int{1}, Learner: [][]time.Duration{{10, 10}}, Reference: []time.Duration{10, 10},
		Cal1: []time.Duration{10, 10}, CalP: []time.Duration{10, 10}}
	if j := DefaultThresholds.Judge(s, 0.5); j.Outcome != Skip || !strings.Contains(j.Reason, "one core") {
		t.Fatalf("got %s: %s", j.Outcome, j.Reason)
	}
}

func TestJudgeWrongAnswerFails(t *testing.T) {
	s := synth(10, 20, 21, 11, 20, 10)
	s.Wrong = "Parallel(pixels, 2) returned a different answer"
	if j := DefaultThresholds.Judge(s, 0.5); j.Outcome != Fail || !strings.Contains(j.Reason, "wrong answer") {
		t.Fatalf("got %s: %s", j.Outcome, j.Reason)
	}
}

// TestJudgeUsesPairedRatios shows why ratios are taken per repetition: a
// load that comes and goes slows every item of a repetition alike, so the
// paired ratio stays true while the times swing.
func TestJudgeUsesPairedRatios(t *testing.T) {
	s := synth(10, 20, 21, 11, 20, 10)
	for r := 0; r < 10; r += 2 { // every other repetition twice as slow
		s.Reference[r] *= 2
		s.Learner[0][r] *= 2
		s.Learner[1][r] *= 2
		s.Cal1[r] *= 2
		s.CalP[r] *= 2
	}
	j := DefaultThresholds.Judge(s, 0.5)
	if j.Outcome != Pass || j.Speedup < 1.7 {
		t.Fatalf("got %s, S=%.2f: %s", j.Outcome, j.Speedup, j.Reason)
	}
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
		{name: "too many rounds", change: func(s *Samples) { s.Rounds = 99 }, p: 2, fault: "rounds"},
		{name: "too many timings", change: func(s *Samples) { s.Reference = make([]time.Duration, maxSamples+1) }, p: 2, fault: "reference"},
		{name: "not JSON", raw: "PARLAB-SPEEDUP {", p: 2, fault: "do not decode"},
		{name: "an unknown field", raw: `{"workers":[1,2],"learner":[[1],[1]],"verdict":"pass"}`, p: 2, fault: "do not decode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.raw)
			if tc.change != nil {
				s := synth(12, 20, 21, 11, 20, 10)
				tc.change(s)
				var err error
				if raw, err = json.Marshal(s); err != nil {
					t.Fatal(err)
				}
			}
			s, err := Decode(raw, tc.p)
			switch {
			case tc.fault == "" && err != nil:
				t.Fatalf("good samples refused: %v", err)
			case tc.fault != "" && err == nil:
				t.Fatalf("accepted: %+v", s)
			case tc.fault != "" && !strings.Contains(err.Error(), tc.fault):
				t.Errorf("error %q does not say %q", err, tc.fault)
			case err == nil:
				DefaultThresholds.Judge(s, 0.5) // must not panic
			}
		})
	}
}

func TestCgroupQuota(t *testing.T) {
	dir := t.TempDir()
	for content, want := range map[string]int{"max 100000\n": 0, "200000 100000\n": 2, "150000 100000": 1, "50000 100000": 1, "junk": 0} {
		p := dir + "/cpu.max"
		if err := writeFile(p, content); err != nil {
			t.Fatal(err)
		}
		if got := cgroupQuota(p); got != want {
			t.Errorf("cgroupQuota(%q) = %d, want %d", content, got, want)
		}
	}
	if cgroupQuota(dir+"/missing") != 0 {
		t.Error("a missing file must mean no quota")
	}
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o600) }

func TestMeasureShapesAndCatchesWrongAnswers(t *testing.T) {
	k := Kernel[[]int, int]{
		NewInput:  func(rng *rand.Rand) []int { return []int{rng.IntN(1000), rng.IntN(1000)} },
		Clone:     slices.Clone[[]int],
		Reference: func(xs []int) int { return xs[0] + xs[1] },
		Learner:   func(xs []int, w int) int { return xs[0] + xs[1] },
		Equal:     func(a, b int) bool { return a == b },
		Describe:  func(w int) string { return fmt.Sprintf("Sum(xs, %d)", w) },
	}
	plan := Plan{Warmups: 1, RepsPerRound: 3, MaxRounds: 1, SlowFactor: 1e9}
	s := measure(k, 2, 0.5, plan, DefaultThresholds)
	if s.Reps() != 3 || fmt.Sprint(s.Workers) != "[1 2]" || s.Wrong != "" {
		t.Fatalf("samples: reps %d, workers %v, wrong %q", s.Reps(), s.Workers, s.Wrong)
	}
	calls := 0
	k.Learner = func(xs []int, w int) int { // a cache: the first answer forever
		calls++
		return 42
	}
	s = measure(k, 2, 0.5, plan, DefaultThresholds)
	if !strings.Contains(s.Wrong, "Sum(xs, 2)") {
		t.Fatalf("a wrong answer went unnoticed: %+v", s)
	}
}
