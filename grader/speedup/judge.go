package speedup

import (
	"fmt"
	"slices"
	"time"
)

// Thresholds are the judging rules; DefaultThresholds are the ones used.
type Thresholds struct {
	// MinReps is how many repetitions a pass or a near miss needs.
	MinReps int
	// MinMargin is the least extra speed (alpha*(S_cal-1)) the machine must
	// offer for parallel and serial code to be told apart; below it the
	// check is skipped as "machine busy".
	MinMargin float64
	// NearMiss is the fraction of the required speedup within which a
	// failing measurement is repeated before it counts.
	NearMiss float64
	// ClearFail is the fraction of the required speedup below which a
	// verdict needs no more repetitions (serial-or-worse code).
	ClearFail float64
	// Noisy is the relative spread (IQR/median) of the ratios above which
	// a warning is attached.
	Noisy float64
	// MaxRounds is how many rounds a measurement may take (Plan's).
	MaxRounds int
}

// maxRounds is how many rounds of repetitions a measurement may take.
const maxRounds = 3

// DefaultThresholds are parlab's judging rules.
var DefaultThresholds = Thresholds{MinReps: 10, MinMargin: 0.15, NearMiss: 0.85, ClearFail: 0.6, Noisy: 0.15, MaxRounds: maxRounds}

// Outcome is a judgement's verdict.
type Outcome string

// The outcomes of Judge.
const (
	Pass Outcome = "pass"
	Fail Outcome = "fail"
	// Skip: the machine cannot judge now (one core, busy).
	Skip Outcome = "skip"
	// Again: a near miss or too few samples; measure more.
	Again Outcome = "again"
)

// Row is one line of the table: the learner at one worker count.
type Row struct {
	Workers    int
	Median     time.Duration
	Speedup    float64 // median reference time / median time
	Efficiency float64 // Speedup / Workers
}

// Judgement is what Judge concluded, with the figures behind it.
type Judgement struct {
	Outcome Outcome
	// Reason says why, in a sentence for the learner.
	Reason string
	P      int
	// Speedup is the median over repetitions of reference/learner(P);
	// SelfSpeedup of learner(1)/learner(P); Calibration of cal(1)/cal(P).
	Speedup, SelfSpeedup, Calibration float64
	Required                          float64
	Rows                              []Row
	Warnings                          []string
	// Inconclusive is set on an Again for noisy timings of code that does
	// scale with its workers: if it is still Again after the last round,
	// the check is skipped rather than failed, since the noise, not the
	// code, may be what kept it below the bar.
	Inconclusive bool
}

// Judge applies the thresholds to the samples for an exercise's alpha.
func (th Thresholds) Judge(s *Samples, alpha float64) Judgement {
	j := Judgement{P: s.P()}
	n := s.Reps()
	if n == 0 || j.P == 0 {
		j.Outcome, j.Reason = Again, "no complete repetition yet"
		return j
	}
	j.Calibration, _ = pairedMedian(s.Cal1, s.CalP, n)
	j.Required = Bar(alpha, j.Calibration)
	learnerP := s.Learner[len(s.Learner)-1]
	j.Speedup, _ = pairedMedian(s.Reference, learnerP, n)
	j.SelfSpeedup, _ = pairedMedian(s.Learner[0], learnerP, n)
	j.Rows = rows(s, n)
	noisy := false
	for _, pair := range [][2][]time.Duration{{s.Cal1, s.CalP}, {s.Reference, learnerP}} {
		if _, spread := pairedMedian(pair[0], pair[1], n); spread > th.Noisy {
			j.Warnings = append(j.Warnings, fmt.Sprintf("timings varied by %.0f%% between repetitions: the machine is busy or noisy", 100*spread))
			noisy = true
			break
		}
	}
	// Code that clearly gets faster with more workers but misses the bar
	// while the timings are noisy is measured again and, still noisy,
	// skipped rather than failed on that evidence. Code that does not scale
	// is measured again too, but then fails.
	scales := j.SelfSpeedup >= 1+(j.Required-1)/2
	worst := min(j.Speedup, j.SelfSpeedup)
	switch {
	case s.Wrong != "":
		j.Outcome, j.Reason = Fail, "your code gave a wrong answer on a timing input: "+s.Wrong
	case j.P < 2:
		j.Outcome, j.Reason = Skip, "only one core is usable here, so no speedup can be measured: run on a machine with more cores (or pass --cores)"
	case alpha*(j.Calibration-1) < th.MinMargin:
		j.Outcome = Skip
		j.Reason = fmt.Sprintf("this machine delivered only %.2fx on %d cores for a perfectly parallel kernel just now: it is too busy to judge a speedup. Run again when it is quieter", j.Calibration, j.P)
	case s.Aborted != "":
		j.Outcome, j.Reason = Fail, s.Aborted
	case worst < th.ClearFail*j.Required:
		j.Outcome, j.Reason = Fail, j.failReason()
	case n < th.MinReps:
		j.Outcome, j.Reason = Again, "too few repetitions yet"
	case worst >= j.Required:
		j.Outcome = Pass
		j.Reason = fmt.Sprintf("%.2fx faster than the serial reference with %d workers (and %.2fx faster than itself with 1); %.2fx was required", j.Speedup, j.P, j.SelfSpeedup, j.Required)
	case worst >= th.NearMiss*j.Required:
		j.Outcome, j.Reason = Again, "a near miss: "+j.failReason()
		// Code that scales, missing narrowly on noisy timings, is skipped
		// if it still misses after the last round.
		j.Inconclusive = noisy && scales
	case noisy && scales:
		j.Outcome, j.Inconclusive = Again, true
		j.Reason = fmt.Sprintf("inconclusive: your code scales (%.2fx faster with %d workers than with 1) but the timings were too noisy to tell whether it reaches the required %.2fx; run again when the machine is quieter",
			j.SelfSpeedup, j.P, j.Required)
	case noisy && s.Rounds < th.MaxRounds:
		// Not a clear failure, but the timings jumped about: measure
		// again, in case a passing disturbance caused the miss. Code that
		// does not scale and still misses after the last round fails.
		j.Outcome = Again
		j.Reason = "noisy timings: " + j.failReason()
	default:
		j.Outcome, j.Reason = Fail, j.failReason()
	}
	return j
}

func (j Judgement) failReason() string {
	if j.SelfSpeedup < j.Required && j.Speedup >= j.Required {
		return fmt.Sprintf("with %d workers your code is only %.2fx faster than with 1 worker (required %.2fx): the speed comes from a faster serial algorithm, not from parallelism", j.P, j.SelfSpeedup, j.Required)
	}
	return fmt.Sprintf("with %d workers your code is %.2fx as fast as the serial reference (and %.2fx its own 1-worker run); %.2fx is required on this machine", j.P, j.Speedup, j.SelfSpeedup, j.Required)
}

func rows(s *Samples, n int) []Row {
	refMed := median(s.Reference[:n])
	var out []Row
	for i, w := range s.Workers {
		m := median(s.Learner[i][:n])
		sp := 0.0
		if m > 0 {
			sp = float64(refMed) / float64(m)
		}
		out = append(out, Row{Workers: w, Median: m, Speedup: sp, Efficiency: sp / float64(w)})
	}
	return out
}

// pairedMedian is the median over the first n repetitions of a[r]/b[r],
// and the spread of those ratios (interquartile range over median).
func pairedMedian(a, b []time.Duration, n int) (med, spread float64) {
	ratios := make([]float64, 0, n)
	for r := 0; r < n; r++ {
		if b[r] > 0 {
			ratios = append(ratios, float64(a[r])/float64(b[r]))
		}
	}
	if len(ratios) == 0 {
		return 0, 0
	}
	slices.Sort(ratios)
	med = quantile(ratios, 0.5)
	if med > 0 {
		spread = (quantile(ratios, 0.75) - quantile(ratios, 0.25)) / med
	}
	return med, spread
}

// quantile of sorted xs by linear interpolation.
func quantile(xs []float64, q float64) float64 {
	pos := q * float64(len(xs)-1)
	lo := int(pos)
	if lo+1 >= len(xs) {
		return xs[lo]
	}
	return xs[lo] + (pos-float64(lo))*(xs[lo+1]-xs[lo])
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
