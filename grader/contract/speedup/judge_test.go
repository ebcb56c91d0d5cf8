package speedup

import (
	"os"
	"strings"
	"testing"
	"time"
)

// synth builds samples for P=2 with the given per-repetition times in
// milliseconds (reference, learner at 1 and 2 workers, the 2-worker call
// under GOMAXPROCS=1, and the calibration: 2 references at once, over 2),
// repeated reps times with a little deterministic jitter.
func synth(reps int, ref, l1, l2, one, cal float64) *Samples {
	s := &Samples{Workers: []int{1, 2}, Learner: make([][]time.Duration, 2)}
	ms := func(x float64, r int) time.Duration {
		jitter := 1 + 0.01*float64(r%3-1)
		return time.Duration(x * jitter * float64(time.Millisecond))
	}
	for r := range reps {
		s.Reference = append(s.Reference, ms(ref, r))
		s.Learner[0] = append(s.Learner[0], ms(l1, r))
		s.Learner[1] = append(s.Learner[1], ms(l2, r))
		s.One = append(s.One, ms(one, r))
		s.CalP = append(s.CalP, ms(cal, r))
	}
	return s
}

// noisy slows the calibration by 40% in 6 of 10 repetitions, as a
// competing process does, and the learner's P-worker run likewise in
// others.
func noisy(s *Samples) *Samples {
	for r := range s.Reference {
		if r%5 < 3 {
			s.CalP[r] = s.CalP[r] * 14 / 10
		} else {
			s.Learner[1][r] = s.Learner[1][r] * 13 / 10
		}
	}
	return s
}

// chaotic slows the one-core runs 1.5-6x and the calibration up to 3x,
// differently in every repetition, as a load average of 20 did.
func chaotic(s *Samples) *Samples {
	one := []float64{1.5, 3, 6, 2.5, 4}
	cal := []float64{1, 3, 1.5, 2.5, 1.2}
	for r := range s.One {
		s.One[r] = time.Duration(float64(s.One[r]) * one[r%5])
		s.CalP[r] = time.Duration(float64(s.CalP[r]) * cal[r%5])
	}
	return s
}

// slightlyNoisy slows the calibration by 15% in every other repetition.
func slightlyNoisy(s *Samples) *Samples {
	for r := range s.CalP {
		if r%2 == 0 {
			s.CalP[r] = s.CalP[r] * 115 / 100
		}
	}
	return s
}

// jumpy slows the calibration by 20% in every other repetition: noisy
// (a spread over Noisy) but not unsteady.
func jumpy(s *Samples) *Samples {
	for r := range s.CalP {
		if r%2 == 0 {
			s.CalP[r] = s.CalP[r] * 12 / 10
		}
	}
	return s
}

// busyAtTimes makes the calibration see a saturated machine in all but
// every third repetition.
func busyAtTimes(s *Samples) *Samples {
	for r := range s.CalP {
		if r%3 != 0 {
			s.CalP[r] = s.Reference[r]
		}
	}
	return s
}

// swing scales whole repetitions by up to 3x, as a machine whose load
// comes and goes in bursts does: every time of a repetition alike.
func swing(s *Samples) *Samples {
	for r := range s.Reference {
		f := time.Duration(1 + r%3)
		s.Reference[r] *= f
		s.Learner[0][r] *= f
		s.Learner[1][r] *= f
		s.One[r] *= f
		s.CalP[r] *= f
	}
	return s
}

// straddle makes the learner's P-worker times alternate around t, so that
// the interval of the speedup contains the bar however many repetitions.
func straddle(s *Samples, lo, hi float64) *Samples {
	for r := range s.Learner[1] {
		x := lo
		if r%2 == 1 {
			x = hi
		}
		s.Learner[1][r] = time.Duration(x * float64(time.Millisecond))
	}
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
		{"good parallel code on a quiet machine", synth(5, 20, 21, 11, 21, 10), 0.5, Pass, "faster than the serial reference"},
		{"a pass says how many repetitions", synth(5, 20, 21, 11, 21, 10), 0.5, Pass, "(5 repetitions)"},
		{"serial code on a quiet machine", synth(5, 20, 20, 20, 20, 10), 0.5, Fail, "1.00x (1.00-1.00) as fast"},
		{"good code on a saturated machine", synth(5, 20, 21, 20, 20, 20), 0.5, Skip, "too busy"},
		{"serial code on a saturated machine", synth(5, 20, 20, 20, 20, 19.6), 0.5, Skip, "too busy"},
		{"a machine busy now and then is measured on", busyAtTimes(synth(6, 20, 20, 20, 20, 10)), 0.5, Again, "looks busy"},
		{"and skipped when it stays so", busyAtTimes(synth(10, 20, 20, 20, 20, 10)), 0.5, Skip, "too busy"},
		{"a faster serial algorithm in goroutines", synth(5, 20, 10, 10, 10, 10), 0.5, Fail, "not from parallelism"},
		{"a different algorithm at one worker fails on the same call", synth(5, 20, 24, 10, 10.5, 10), 0.5, Fail, "not from parallelism"},
		{"and one far slower at one worker fails on the worker counts", synth(5, 20, 40, 10, 10.5, 10), 0.5, Fail, "different work at different worker counts"},
		{"less work with more workers fails on a busy machine", synth(5, 24, 30, 10, 10, 24), 0.5, Fail, "different work at different worker counts"},
		{"work skipped at two workers is faster than two cores can be", synth(5, 20, 20, 1.25, 20, 10), 0.5, Fail, "more than 2 cores can give"},
		{"work skipped on a machine too busy to judge speed still fails", straddle(synth(5, 20, 20, 6, 20, 20), 6, 9), 0.5, Fail, "more than 2 cores can give"},
		{"a busy machine skips code whose speedup is implausible only at its interval's high end", straddle(synth(5, 20, 20, 9, 20, 20), 9, 6), 0.5, Skip, "too busy"},
		{"implausible speed is decided after 3 repetitions", synth(3, 20, 20, 1.25, 20, 10), 0.5, Fail, "more than 2 cores can give"},
		// A better serial algorithm inside correctly parallel code: 3.8x the
		// reference with 2 workers, 1.9x on 2 cores against one.
		{"a faster serial algorithm that scales passes however far it beats the reference", synth(5, 40, 20, 10.5, 20, 20), 0.5, Pass, ""},
		// Placement luck halved the loop's speed per core against the
		// reference's (an honest channel-of-partials histogram, measured):
		// the bar is on its 2 cores against one, the reference only bounds.
		{"code that scales but whose loop landed badly passes", synth(5, 20, 40, 20, 39, 10), 0.5, Pass, ""},
		{"but parallel code slower than 0.8x of the serial reference fails", synth(5, 20, 50, 26, 50, 10), 0.5, Fail, "as fast as the serial reference"},
		{"slower on one core than one core can explain", synth(5, 20, 20, 10, 60, 10), 0.5, Fail, "different work when it has one core"},
		{"too few repetitions to pass", synth(4, 20, 21, 11, 21, 10), 0.5, Again, "too few"},
		{"an interval across the bar is measured again", straddle(synth(10, 20, 20, 14, 20, 10), 12, 16), 0.5, Again, "straddles the bar"},
		{"at the cap a straddle of code that does not scale fails", straddle(synth(20, 20, 20, 14, 20, 10), 14, 15.5), 0.5, Fail, "as fast as the serial reference"},
		{"at the cap a straddle with the median above passes", straddle(synth(20, 20, 20, 14, 20, 10), 12, 14.5), 0.5, Pass, "(20 repetitions)"},
		{"partly busy machine lowers the bar", synth(5, 20, 21, 15, 21, 14), 0.5, Pass, "1.21x was required"},
		{"scaling code on a noisy machine at the cap is not failed", straddle(noisy(synth(20, 20, 21, 11, 21, 10)), 15, 17.5), 0.6, Pass, "(20 repetitions)"},
		{"serial code on a very noisy machine is skipped, never passed", noisy(synth(20, 20, 20, 18, 20, 10)), 0.6, Skip, "speed changed too much"},
		{"scaling code under the bar on a noisy machine is measured on, not failed", jumpy(synth(8, 20, 21, 17, 24, 10)), 0.5, Again, "straddles"},
		{"and skipped at the cap", jumpy(synth(20, 20, 21, 17, 24, 10)), 0.5, Skip, "inconclusive: your code scales"},
		{"code that scales but is slower than the serial reference on a noisy machine fails", jumpy(synth(8, 20, 40, 30, 60, 10)), 0.5, Fail, "as fast as the serial reference"},
		{"code that does not scale on a noisy machine still fails", jumpy(synth(8, 20, 20, 19, 20, 10)), 0.5, Fail, "as fast as the serial reference"},
		{"serial code on a slightly noisy machine fails", slightlyNoisy(synth(5, 20, 20, 20, 20, 10)), 0.5, Fail, "as fast as the serial reference"},
		{"a machine whose speed swings does not fail code early", swing(synth(5, 20, 21, 25, 21, 10)), 0.5, Again, "straddles"},
		{"nor at the cap: it skips", swing(synth(20, 20, 21, 25, 21, 10)), 0.5, Skip, "speed changed too much"},
		// The machine's own timings swing: a self-speedup no 2 cores can
		// give is the machine's or the code's; never a pass, never a fail.
		{"but a ratio no cores can give neither passes nor fails on it", swing(synth(5, 20, 20, 1.25, 20, 10)), 0.5, Skip, "more than 2 cores can give"},
		{"while on a steady machine it fails", synth(5, 20, 20, 1.25, 20, 10), 0.5, Fail, "more than 2 cores can give"},
		// Measured at a load average of 20 on 2 cores: an honest worker-pool
		// histogram's one-core runs slowed 1.5-6x while the calibration
		// swung; it failed as "does different work" before.
		{"correct code whose one-core runs a chaotic machine slowed is not failed", chaotic(synth(5, 20, 20, 10, 20, 10)), 0.5, Skip, ""},
		{"and a pass still passes on it", swing(synth(5, 20, 21, 10, 21, 10)), 0.5, Pass, "faster than the serial reference"},
		{"far slower code needs no more repetitions", synth(5, 20, 30, 60, 60, 10), 0.5, Fail, "0.33x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := th.Judge(tc.s, tc.alpha)
			if j.Outcome != tc.want || !strings.Contains(j.Reason, tc.because) {
				t.Errorf("outcome %s (%q), want %s containing %q; S=%v Sself=%v Scal=%v req=%.2f",
					j.Outcome, j.Reason, tc.want, tc.because, j.Speedup, j.SelfSpeedup, j.Calibration, j.Required)
			}
			// Only a fail that is the timings against the bars may be
			// measured again to confirm it: never one on the work.
			if onTimings := j.Outcome == Fail && !strings.Contains(j.Reason, "can give"); j.Outcome == Fail && j.OnTimings != onTimings {
				t.Errorf("a fail %q has OnTimings %v, want %v", j.Reason, j.OnTimings, onTimings)
			}
		})
	}
}

// TestJudgeOnTimings: a fail on the timings against the bars is marked
// as one (the grader confirms it in a fresh process); what the
// measurement itself found is not.
func TestJudgeOnTimings(t *testing.T) {
	th := DefaultThresholds
	tampered := synth(5, 20, 21, 11, 21, 10)
	tampered.Tampered = "changed GOMAXPROCS"
	serialByCount := synth(5, 20, 20, 20, 20, 10)
	serialByCount.Started = make([]uint64, 5)
	for _, tc := range []struct {
		name string
		s    *Samples
		want bool
	}{
		{"serial code by its timings", synth(5, 20, 20, 20, 20, 10), true},
		{"a faster serial algorithm by its timings", synth(5, 20, 10, 10, 10, 10), true},
		{"code slower than the reference", synth(5, 20, 50, 26, 50, 10), true},
		{"tampering", tampered, false},
		{"serial code by its goroutine count", serialByCount, false},
		{"a ratio no 2 cores can give", synth(5, 20, 20, 1.25, 20, 10), false},
		{"the same on a machine too busy to judge speed", straddle(synth(5, 20, 20, 6, 20, 20), 6, 9), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := th.Judge(tc.s, 0.5)
			if j.Outcome != Fail || j.OnTimings != tc.want {
				t.Errorf("outcome %s (%q), OnTimings %v; want a fail with OnTimings %v", j.Outcome, j.Reason, j.OnTimings, tc.want)
			}
		})
	}
}

// TestJudgeNeverAgainAtTheCap: the sequential decision ends at MaxReps.
func TestJudgeNeverAgainAtTheCap(t *testing.T) {
	for _, l2 := range []float64{10, 12, 13, 13.5, 14, 14.5, 15, 17, 20} {
		s := straddle(synth(DefaultThresholds.MaxReps, 20, 20, l2, 20, 10), l2-1, l2+1)
		if j := DefaultThresholds.Judge(s, 0.5); j.Outcome == Again {
			t.Errorf("learner at %vms: Again after %d repetitions: %s", l2, j.Reps, j.Reason)
		}
	}
}

// TestJudgeOneEstimator: the table's row at P workers and the verdict use
// the same estimate, so they can never disagree.
func TestJudgeOneEstimator(t *testing.T) {
	s := noisy(synth(12, 20, 21, 11, 21, 10))
	j := DefaultThresholds.Judge(s, 0.5)
	if last := j.Rows[len(j.Rows)-1]; last.Speedup != j.Speedup {
		t.Fatalf("table says %v, verdict %v", last.Speedup, j.Speedup)
	}
	if !strings.Contains(j.Reason, j.Speedup.String()) {
		t.Fatalf("the reason %q does not show the estimate %v", j.Reason, j.Speedup)
	}
}

func TestJudgeTamperingFails(t *testing.T) {
	s := synth(5, 20, 21, 20, 20, 20) // looks like a busy machine
	s.Tampered = "Parallel(pixels, 2) changed GOMAXPROCS from 2 to 1"
	if j := DefaultThresholds.Judge(s, 0.5); j.Outcome != Fail || !strings.Contains(j.Reason, "GOMAXPROCS") {
		t.Fatalf("got %s: %s", j.Outcome, j.Reason)
	}
}

func TestJudgeOneCoreSkips(t *testing.T) {
	s := &Samples{Workers: []int{1}, Learner: [][]time.Duration{{10, 10}}, Reference: []time.Duration{10, 10},
		One: []time.Duration{10, 10}, CalP: []time.Duration{10, 10}}
	if j := DefaultThresholds.Judge(s, 0.5); j.Outcome != Skip || !strings.Contains(j.Reason, "one core") {
		t.Fatalf("got %s: %s", j.Outcome, j.Reason)
	}
}

func TestJudgeWrongAnswerFails(t *testing.T) {
	s := synth(10, 20, 21, 11, 21, 10)
	s.Wrong = "Parallel(pixels, 2) returned a different answer"
	if j := DefaultThresholds.Judge(s, 0.5); j.Outcome != Fail || !strings.Contains(j.Reason, "wrong answer") {
		t.Fatalf("got %s: %s", j.Outcome, j.Reason)
	}
}

// TestJudgeUsesPairedRatios shows why ratios are taken per repetition: a
// load that comes and goes slows every item of a repetition alike, so the
// paired ratio stays true while the times swing.
func TestJudgeUsesPairedRatios(t *testing.T) {
	s := synth(10, 20, 21, 11, 21, 10)
	for r := 0; r < 10; r += 2 { // every other repetition twice as slow
		s.Reference[r] *= 2
		s.Learner[0][r] *= 2
		s.Learner[1][r] *= 2
		s.One[r] *= 2
		s.CalP[r] *= 2
	}
	j := DefaultThresholds.Judge(s, 0.5)
	if j.Outcome != Pass || j.Speedup.Median < 1.7 {
		t.Fatalf("got %s, S=%.2f: %s", j.Outcome, j.Speedup, j.Reason)
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

func TestEstimate(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want string
	}{
		{[]float64{1.5}, "1.50x (1.50-1.50)"},
		{[]float64{1.9, 1.5, 1.6, 1.7, 1.4}, "1.60x (1.40-1.90)"},                        // n=5: the extremes (93.8%)
		{[]float64{1, 1.2, 1.3, 1.4, 1.45, 1.5, 1.55, 1.6, 1.8, 3}, "1.48x (1.20-1.80)"}, // n=10: 2nd from each end (97.9%)
	} {
		if got := estimate(tc.xs).String(); got != tc.want {
			t.Errorf("estimate(%v) = %s, want %s", tc.xs, got, tc.want)
		}
	}
}

// TestRankBound pins the sign test's interval against the binomial
// distribution: the interval [x_k, x_(n-1-k)] covers the median with
// probability 1 - 2*P(Bin(n, 1/2) <= k).
func TestRankBound(t *testing.T) {
	for n, want := range map[int]int{1: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 1, 10: 1, 12: 2, 20: 5} {
		if got := rankBound(n, 0.90); got != want {
			t.Errorf("rankBound(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestJudgeSerialByCount: a judged call that never started a goroutine
// fails on the count alone, even where the timings could not be judged
// (a busy machine whose calibration shows no speedup); one goroutine in
// any repetition, or a runtime that cannot count, leaves it to the
// timings.
func TestJudgeSerialByCount(t *testing.T) {
	busy := func() *Samples { return synth(6, 20, 20, 20, 20, 20) } // S_cal 1.0: too busy to judge
	for _, tc := range []struct {
		name    string
		started []uint64
		want    Outcome
	}{
		{"never a goroutine", []uint64{0, 0, 0, 0, 0, 0}, Fail},
		{"one repetition counted a goroutine", []uint64{0, 0, 1, 0, 0, 0}, Skip},
		{"not counted", nil, Skip},
		{"counted in fewer repetitions than timed", []uint64{0, 0}, Skip},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := busy()
			s.Started = tc.started
			j := DefaultThresholds.Judge(s, 0.5)
			if j.Outcome != tc.want {
				t.Fatalf("outcome %s (%s), want %s", j.Outcome, j.Reason, tc.want)
			}
			if tc.want == Fail && !strings.Contains(j.Reason, "started no goroutine") {
				t.Errorf("the reason does not say why: %s", j.Reason)
			}
		})
	}
}

// TestJudgeSelfBar: the exercise's bar is on the self-speedup, the
// learner's own code against itself; against the reference the code only
// has to be clearly faster. Code whose loop runs 30% slower than the
// reference's (how a build's code layout can leave it) but scales passes;
// code with a good serial part passes as long as it scales; a faster
// serial algorithm that does not scale still fails.
func TestJudgeSelfBar(t *testing.T) {
	// ref 20 ms, the same call on one core 29 ms, at P workers 15 ms:
	// S 1.33x, self 1.93x, S_cal 2.0: self bar 1.50x, bar 1.125x.
	if j := DefaultThresholds.Judge(synth(6, 20, 29, 15, 29, 10), 0.5); j.Outcome != Pass {
		t.Errorf("a slow loop that scales: %s (%s)", j.Outcome, j.Reason)
	}
	// ref 20 ms, P-worker call 12 ms (1.67x), the same call on one core
	// 19 ms (1.58x).
	if j := DefaultThresholds.Judge(synth(6, 20, 19, 12, 19, 10), 0.5); j.Outcome != Pass {
		t.Errorf("a good serial part beside a real speedup: %s (%s)", j.Outcome, j.Reason)
	}
	// A serial algorithm twice as fast as the reference, with a goroutine
	// for show: 10 ms at P workers and 10.2 ms on one core.
	if j := DefaultThresholds.Judge(synth(6, 20, 10.2, 10, 10.2, 10), 0.5); j.Outcome != Fail || !strings.Contains(j.Reason, "faster serial algorithm") {
		t.Errorf("a faster serial algorithm: %s (%s)", j.Outcome, j.Reason)
	}
}

// withCPU gives samples the CPU time of the judged call on P cores and
// on one, in milliseconds, with the same jitter as synth; the reference's
// CPU time is its time over pace (1: the machine gave one core all the
// time; 2: half of it).
func withCPU(s *Samples, judged, one, pace float64) *Samples {
	for r := range s.Reference {
		jitter := 1 + 0.01*float64(r%3-1)
		s.JudgedCPU = append(s.JudgedCPU, time.Duration(judged*jitter*float64(time.Millisecond)))
		s.OneCPU = append(s.OneCPU, time.Duration(one/jitter*float64(time.Millisecond)))
		s.ReferenceCPU = append(s.ReferenceCPU, time.Duration(float64(s.Reference[r])/pace))
	}
	return s
}

// TestJudgeOneCoreExcess: a call that takes longer on one core than its
// work on P cores explains (its CPU time there, at the pace the machine
// gives one core) is padded there, by CPU (a goroutine spinning beside
// serial code, first on the core for a whole time slice) or by sleeping,
// so its fine speedup on P cores against one fails. The same work passes,
// a little less CPU on P cores too, on a loaded machine whose one core
// runs at half pace too, and so do samples without CPU times (a system
// that cannot count them).
func TestJudgeOneCoreExcess(t *testing.T) {
	// A serial histogram: 14 ms of counting, at P workers 14 ms with
	// 1.75 ms of spinning beside it; on one core 24 ms. S 0.86x, self
	// 1.71x against a bar of 1.50x: it passes without CPU times.
	padded := func() *Samples { return synth(6, 12, 14, 14, 24, 6) }
	if j := DefaultThresholds.Judge(padded(), 0.5); j.Outcome != Pass {
		t.Fatalf("the padded call's timings alone: %s (%s), want a pass (else this test shows nothing)", j.Outcome, j.Reason)
	}
	for _, tc := range []struct {
		name        string
		judged, one float64
	}{
		{"a spinner stealing the one core", 15.75, 24},
		{"a sleep on one core", 14, 14},
	} {
		j := DefaultThresholds.Judge(withCPU(padded(), tc.judged, tc.one, 1), 0.5)
		if j.Outcome != Fail || !j.OnTimings || !strings.Contains(j.Reason, "as long on one core as its work on 2 cores explains") {
			t.Errorf("%s: %s, on timings %v (%s)", tc.name, j.Outcome, j.OnTimings, j.Reason)
		}
	}
	// On a machine whose own timings jump about, a burst of load can slow
	// a one-core call alone: no fail, but no pass either.
	if j := DefaultThresholds.Judge(jumpy(withCPU(padded(), 14, 14, 1)), 0.5); j.Outcome == Pass || j.Outcome == Fail {
		t.Errorf("a padded call on a jumpy machine: %s (%s), want neither a pass nor a fail", j.Outcome, j.Reason)
	}
	for _, tc := range []struct {
		name              string
		judged, one, pace float64
	}{
		{"the same work on both", 24, 24, 1},
		{"a little more CPU on one core", 22, 24, 1},
		{"more CPU on P cores", 28, 24, 1},
		{"one core at half pace (a loaded machine)", 12, 12, 2},
	} {
		// ref 20 ms, the same call on one core 24 ms, at P workers 13 ms.
		if j := DefaultThresholds.Judge(withCPU(synth(6, 20, 24, 13, 24, 10), tc.judged, tc.one, tc.pace), 0.5); j.Outcome != Pass {
			t.Errorf("%s: %s (%s)", tc.name, j.Outcome, j.Reason)
		}
	}
}
