package grader

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"parlab/grader/gotest"
	"parlab/grader/speedup"
	"parlab/grader/study"
	"parlab/grader/suitekit"
	"parlab/grader/verdict"
)

// speedupTest is the suite's test that measures speed; it only measures
// when the grader asks it to.
const speedupTest = "TestSpeedup"

func completeLine(nonce string) string { return suitekit.CompletePrefix + nonce }

// faster runs the plain (non-race) test binary's speedup test with
// GOMAXPROCS = P and judges what it measured. It is only worth running on
// code that is correct, race-free and terminates.
func (r *run) faster(suite []verdict.Check, built bool) verdict.Check {
	chk := verdict.Check{Name: verdict.Faster, Status: verdict.Skip}
	if blocked := firstBlocking(suite); blocked != "" {
		chk.Message = fmt.Sprintf("not judged: %s must pass first (speed only counts for right answers)", blocked)
		return chk
	}
	switch {
	case r.opts.NoSpeedup:
		chk.Message = "not measured (--no-speedup)"
		return chk
	case !built:
		chk.Status, chk.Message = verdict.Error, "the timing binary did not build"
		return chk
	}
	p := r.cores()
	r.opts.Progress(fmt.Sprintf("measuring speedup on %d cores", p))
	res, err := r.runPlain(speedupTest, p, speedup.EnvMeasure+"=1",
		speedup.EnvAlpha+"="+strconv.FormatFloat(r.spec.Alpha, 'f', -1, 64))
	if err != nil {
		chk.Status, chk.Message = verdict.Error, "could not run the timing binary: "+err.Error()
		return chk
	}
	out := r.paths.Rewrite(string(res.Stdout) + string(res.Stderr))
	chk.Details = out
	samples, ok := speedup.ParseMarker(out, r.ws.nonce)
	if !ok || !strings.Contains(out, completeLine(r.ws.nonce)) {
		chk.Status = verdict.Fail
		switch {
		case res.TimedOut:
			chk.Message = fmt.Sprintf("the timing run did not finish in %v", r.opts.Timeout)
		case res.OutOfMemory:
			chk.Message = "the timing run exceeded the memory limit"
		default:
			chk.Message = fmt.Sprintf("the timing run ended without a measurement (exit status %d)", res.ExitCode)
		}
		return chk
	}
	j := speedup.DefaultThresholds.Judge(samples, r.spec.Alpha)
	r.speedup = summary(j, samples)
	chk.Message = j.Reason
	switch j.Outcome {
	case speedup.Pass:
		chk.Status = verdict.Pass
	case speedup.Skip:
		chk.Status = verdict.Skip
	case speedup.Again:
		if j.Inconclusive { // still noisy after the last round
			chk.Status = verdict.Skip
			chk.Message = "inconclusive: " + strings.TrimPrefix(j.Reason, "inconclusive: ") +
				" (timings too noisy to judge: run again when the machine is quieter)"
			break
		}
		chk.Status = verdict.Fail
		chk.Hint = fasterHint
	default: // a fail, or a near miss that stayed one after every round
		chk.Status = verdict.Fail
		chk.Hint = fasterHint
	}
	r.diagnose(&chk) // why it is not faster (diagnose_phase.go)
	return chk
}

// firstBlocking names the first suite check that must pass before timing
// means anything, or returns "" when they all passed. A leak does not make
// an answer wrong, and a started check is implied by the others.
func firstBlocking(suite []verdict.Check) verdict.CheckName {
	for _, c := range suite {
		if c.Name == verdict.Started || c.Name == verdict.LeakFree {
			continue
		}
		if c.Status != verdict.Pass {
			return c.Name
		}
	}
	return ""
}

// runPlain runs one test of the plain (non-race) binary with GOMAXPROCS = p
// and the extra environment.
func (r *run) runPlain(test string, p int, env ...string) (*gotest.Result, error) {
	return gotest.Run(r.ctx, gotest.Command{
		Args: []string{filepath.Join(r.ws.dir, plainBinary), "-test.run=^" + test + "$", "-test.count=1",
			"-test.v", "-test.timeout=" + r.opts.Timeout.String()},
		Dir:         filepath.Join(r.ws.dir, "work"),
		Env:         append(env, speedup.EnvWorkers+"="+strconv.Itoa(p), "GOMAXPROCS="+strconv.Itoa(p)),
		Timeout:     r.opts.Timeout,
		MemoryLimit: r.opts.MemoryLimit,
	})
}

// cores is P, the worker count of the timed runs.
func (r *run) cores() int {
	if r.opts.Cores > 0 {
		return r.opts.Cores
	}
	return speedup.UsableCores()
}

// studyTest is the suite's test that runs the learner's scaling study.
const studyTest = "TestStudy"

// study runs the learner's own scaling study, for exercises that have one,
// once their code has passed every check the study depends on. A study
// that does not come back is left out of the report: it is shown, not
// graded.
func (r *run) study(suite []verdict.Check, faster verdict.Check) *verdict.Study {
	if !r.spec.Study || r.opts.NoSpeedup || faster.Status == verdict.Error || firstBlocking(suite) != "" {
		return nil
	}
	r.opts.Progress("running your scaling study")
	res, err := r.runPlain(studyTest, r.cores(), study.Env+"=1")
	if err != nil {
		return nil
	}
	s, ok := study.Parse(string(res.Stdout), r.ws.nonce)
	if !ok {
		return nil
	}
	return s
}

// fasterHint is the notebook's list of why parallel code is not faster.
const fasterHint = "Why parallel code is not faster: too little work per goroutine (spawning costs ~1µs), " +
	"contention on shared state (an atomic or a lock per element makes the cores queue), " +
	"false sharing (workers writing neighbouring memory), a serial merge step that dominates, " +
	"or Amdahl's law: the serial part bounds the speedup. Give each worker a big chunk and private results."

func summary(j speedup.Judgement, s *speedup.Samples) *verdict.Speedup {
	out := &verdict.Speedup{
		Workers: j.P, Speedup: round2(j.Speedup), Required: round2(j.Required), Calibration: round2(j.Calibration),
		SelfSpeedup: round2(j.SelfSpeedup), Rounds: s.Rounds, Warnings: j.Warnings,
	}
	for _, row := range j.Rows {
		out.Rows = append(out.Rows, verdict.SpeedupRow{Workers: row.Workers, Median: row.Median,
			Speedup: round2(row.Speedup), Efficiency: round2(row.Efficiency)})
	}
	return out
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
