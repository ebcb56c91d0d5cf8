// Package verdict is the grader's data model: what a grading run found,
// check by check. It is what every report format renders, and its JSON
// form (report.JSON, with a schema "version") is the result file that
// `grade report` and batch resume read back, field for field.
package verdict

import (
	"time"

	"parlab/internal/cpuinfo"
)

// Status is a check's outcome, serialised verbatim.
type Status string

// The statuses of a check.
const (
	// Pass: the check ran and the submission met it.
	Pass Status = "pass"
	// Fail: the check ran and the submission did not meet it.
	Fail Status = "fail"
	// Skip: the check was not judged (an earlier check failed, or this
	// machine cannot judge it now); the reason is in the message.
	Skip Status = "skip"
	// Error: the grader itself could not run the check.
	Error Status = "error"
)

// CheckName names a check, serialised verbatim.
type CheckName string

// The checks, in the order they are reported.
const (
	Builds     CheckName = "builds"
	Started    CheckName = "started"
	Honest     CheckName = "honest"
	Correct    CheckName = "correct"
	RaceFree   CheckName = "race-free"
	LeakFree   CheckName = "leak-free"
	Terminates CheckName = "terminates"
	Faster     CheckName = "faster"
)

// About says in a line what each check asks of the code.
var About = map[CheckName]string{
	Builds:     "the package compiles and go vet finds nothing",
	Started:    "no panic(\"TODO\") is left",
	Honest:     "imports only the exercise's allowed standard-library packages; no //go: directive but //go:build",
	Correct:    "equal to the serial reference on edge cases and seeded random inputs",
	RaceFree:   "the race detector sees no data race",
	LeakFree:   "no goroutine outlives the call that started it",
	Terminates: "every call returns: no deadlock, no endless loop",
	Faster:     "with all cores, beats the serial reference and the same call on one core",
}

// Order lists every check in report order.
var Order = []CheckName{Builds, Started, Honest, Correct, RaceFree, LeakFree, Terminates, Faster}

// Check is the outcome of one check.
type Check struct {
	Name     CheckName `json:"name"`
	Status   Status    `json:"status"`
	Score    int       `json:"score"`
	MaxScore int       `json:"max_score"`
	// Message is one or a few lines a learner can act on.
	Message string `json:"message"`
	// Hint teaches the concept behind a failure; empty on a pass.
	Hint string `json:"hint,omitempty"`
	// Details is the raw output behind the verdict, shown with --verbose.
	Details string `json:"-"`
	// Unjudged marks a skip that the machine caused, not the code (one
	// core, a busy or noisy machine): the skip policy decides its worth,
	// and a batch measures it again.
	Unjudged bool `json:"unjudged,omitempty"`
	// Pending is what an unjudged check would have been worth: the points
	// the skip policy left out of MaxScore, until a later grade judges
	// it. The headline says them apart from the judged score.
	Pending int `json:"pending,omitempty"`
}

// Speedup is what the faster check measured, as the result JSON carries it.
// Every speedup is one estimator: the median over repetitions of the paired
// ratio of two times, with a 90% confidence interval for it (Low-High).
type Speedup struct {
	Workers int `json:"workers"`
	// Speedup is the serial reference against the learner's code with P
	// workers.
	Speedup     float64 `json:"speedup"`
	SpeedupLow  float64 `json:"speedup_low"`
	SpeedupHigh float64 `json:"speedup_high"`
	// Required is the bar of Speedup, a quarter of the way from 1 to
	// SelfRequired: the code must beat the serial reference clearly.
	Required float64 `json:"required"`
	// SelfRequired is the bar of SelfSpeedup, the exercise's share
	// (alpha) of the machine's extra speed: the code must gain that much
	// from the cores, measured against itself.
	SelfRequired float64 `json:"self_required"`
	Calibration  float64 `json:"calibration"`
	// SelfSpeedup is the learner's P-worker call under GOMAXPROCS=1
	// against the same call under GOMAXPROCS=P.
	SelfSpeedup     float64 `json:"self_speedup"`
	SelfSpeedupLow  float64 `json:"self_speedup_low"`
	SelfSpeedupHigh float64 `json:"self_speedup_high"`
	// OneCoreCPU is the CPU time the P-worker call used under
	// GOMAXPROCS=1 over the CPU time it used under GOMAXPROCS=P: about 1
	// for the same work, more for a call that spins or waits in a loop
	// on one core. Absent where the system cannot count CPU time finely.
	OneCoreCPU float64 `json:"one_core_cpu,omitempty"`
	// OneCoreExcess is how much longer the P-worker call took under
	// GOMAXPROCS=1 than its work under GOMAXPROCS=P explains (its CPU
	// time there, at the pace the machine gave one core): about 1 for
	// the same work, more for a call padded on one core (spinning,
	// sleeping, extra work). Absent where CPU time is not counted.
	OneCoreExcess float64 `json:"one_core_excess,omitempty"`
	// Rows is the table for workers 1, 2, 4, ..., P.
	Rows []SpeedupRow `json:"rows,omitempty"`
	// Reps is how many repetitions the verdict stands on (it stops as soon
	// as the interval lies clearly on one side of the bar).
	Reps int `json:"reps"`
	// Warnings are notes on the measurement's quality (noise, a busy
	// machine), shown beside the table.
	Warnings []string `json:"warnings,omitempty"`
	// Diagnosis says why the code is not faster, from a trace of one
	// more call; it is there when the check failed or passed narrowly.
	Diagnosis *Diagnosis `json:"diagnosis,omitempty"`
}

// Margin is how far the code cleared its binding bar: the smaller of
// Speedup/Required and SelfSpeedup/SelfRequired, less 1 (negative: below
// a bar). It is 0 when no bar was set (nothing measured).
func (s *Speedup) Margin() float64 {
	if s == nil || s.Required <= 0 || s.SelfRequired <= 0 {
		return 0
	}
	return min(s.Speedup/s.Required, s.SelfSpeedup/s.SelfRequired) - 1
}

// Diagnosis explains a speed miss from an execution trace of one call of
// the learner's code. It never changes a verdict.
type Diagnosis struct {
	// Cause is the dominant cause: load-imbalance, lock-contention,
	// too-many-goroutines, allocation, serial, busy-waiting, memory-bound
	// or unclear.
	Cause string `json:"cause"`
	// Inference is set when the trace cannot show the cause directly
	// (memory-bound): it is the likely explanation of what it shows.
	Inference bool `json:"inference,omitempty"`
	// Cost is the share of the cores' time the cause took (0..1).
	Cost float64 `json:"cost"`
	// Summary says what the trace showed, with figures.
	Summary string `json:"summary"`
	// Location is the learner's file:line the cause points at, if any.
	Location string `json:"location,omitempty"`
	// Hint is what to change.
	Hint string `json:"hint"`
	// Figures are the numbers behind it, by name (shares are 0..1 of the
	// cores' time or of the wall time; durations in nanoseconds).
	Figures map[string]float64 `json:"figures"`
	// WorkerBusy is the share of the wall time each of the busiest
	// workers ran, busiest first.
	WorkerBusy []float64 `json:"worker_busy,omitempty"`
	// Traced is how long the traced stretch of the call was, and Partial
	// is set when that was only its beginning.
	Traced  time.Duration `json:"traced_ns"`
	Partial bool          `json:"partial,omitempty"`
	// Took is what the diagnosis itself cost: reading the trace the
	// timing run wrote.
	Took time.Duration `json:"took_ns"`
}

// SpeedupRow is one row of the speedup table.
type SpeedupRow struct {
	Workers     int           `json:"workers"`
	Median      time.Duration `json:"median_ns"`
	Speedup     float64       `json:"speedup"`
	SpeedupLow  float64       `json:"speedup_low"`
	SpeedupHigh float64       `json:"speedup_high"`
	Efficiency  float64       `json:"efficiency"`
	// KarpFlatt is the serial fraction this row's speedup implies
	// (Karp-Flatt), for rows of more than one worker.
	KarpFlatt *float64 `json:"karp_flatt,omitempty"`
}

// Result is the outcome of grading one exercise.
type Result struct {
	Exercise string `json:"exercise"`
	// Target is the folder graded, relative to the project root when it is
	// inside it.
	Target   string   `json:"target"`
	Score    int      `json:"score"`
	MaxScore int      `json:"max_score"`
	Checks   []Check  `json:"checks"`
	Speedup  *Speedup `json:"speedup,omitempty"`
	// Phases says where the time went: building, the race run, timing.
	Phases []Phase `json:"phases,omitempty"`
	// Notes are remarks on the run that are not verdicts: files set aside,
	// output cut short.
	Notes []string `json:"notes,omitempty"`
	// Study is the scaling study, for exercises that run one.
	Study *Study `json:"study,omitempty"`
	// CPU is the processor the grade ran on: the same code's speed
	// differs between CPUs, so speed figures are read per machine.
	CPU *cpuinfo.CPU `json:"cpu,omitempty"`
	// Digest identifies the files graded (a SHA-256 of their names and
	// contents) when the grade left its timing for later, so that the
	// timing measures the code the other checks judged
	// (grader.Options.DeferTiming, grader.Time).
	Digest string `json:"digest,omitempty"`
	// Duration is the wall time of the whole grading run.
	Duration time.Duration `json:"-"`
}

// Unjudged returns the checks the machine left unjudged (not the code).
func (r *Result) Unjudged() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Status == Skip && c.Unjudged {
			out = append(out, c)
		}
	}
	return out
}

// Passed reports whether no check failed or errored (skips are allowed).
func (r *Result) Passed() bool {
	for _, c := range r.Checks {
		if c.Status == Fail || c.Status == Error {
			return false
		}
	}
	return true
}

// Check returns the named check, or nil.
func (r *Result) Check(name CheckName) *Check {
	for i := range r.Checks {
		if r.Checks[i].Name == name {
			return &r.Checks[i]
		}
	}
	return nil
}

// FirstFailure returns the first failing or erroring check, or nil.
func (r *Result) FirstFailure() *Check {
	for i := range r.Checks {
		if s := r.Checks[i].Status; s == Fail || s == Error {
			return &r.Checks[i]
		}
	}
	return nil
}

// NotStarted reports whether the started check failed: the code is still
// the stub (a panic("TODO") is left).
func (r *Result) NotStarted() bool {
	c := r.Check(Started)
	return c != nil && c.Status == Fail
}

// Tally sets each check's score from its status and the result's totals.
// Work not started earns nothing: the stub as shipped compiles and is
// honest, and the points of builds and honest are for the learner's
// code, so while the started check fails every check scores 0.
func (r *Result) Tally() {
	r.Score, r.MaxScore = 0, 0
	notStarted := r.NotStarted()
	for i := range r.Checks {
		c := &r.Checks[i]
		c.Score = 0
		if c.Status == Pass && !notStarted {
			c.Score = c.MaxScore
		}
		r.Score += c.Score
		r.MaxScore += c.MaxScore
	}
}

// Study is a strong and weak scaling study of the learner's own code, run
// by exercises that teach scaling; the report prints it as two tables.
type Study struct {
	// Workload names what was measured, e.g. "PiWorkload".
	Workload string `json:"workload"`
	// SerialFraction is the serial fraction f estimated from the strong
	// study (the median Karp-Flatt value, at least 0), which the Amdahl
	// and Gustafson columns use.
	SerialFraction float64    `json:"serial_fraction"`
	Strong         []StudyRow `json:"strong"`
	Weak           []StudyRow `json:"weak"`
}

// StudyRow is one row of a scaling study: the learner's Point with the
// laws' predictions beside it.
type StudyRow struct {
	Workers    int           `json:"workers"`
	Size       int           `json:"size"`
	Time       time.Duration `json:"time_ns"`
	Speedup    float64       `json:"speedup"`
	Efficiency float64       `json:"efficiency"`
	// Law is Amdahl's bound (strong) or Gustafson's scaled speedup (weak)
	// for SerialFraction.
	Law float64 `json:"law"`
	// KarpFlatt is the serial fraction this row's speedup implies; NaN at
	// one worker, which JSON carries as null.
	KarpFlatt *float64 `json:"karp_flatt"`
}

// The names of the phases a grading run times, in order.
const (
	// PhaseBuild builds the test binaries and runs go vet (builds, honest).
	PhaseBuild = "build"
	// PhaseRace runs the suite under the race detector (started, correct,
	// race-free, leak-free, terminates).
	PhaseRace = "race run"
	// PhaseTiming measures the speedup (faster).
	PhaseTiming = "timing"
)

// Phase is one step of a grading run and its wall time.
type Phase struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"duration_ns"`
}
