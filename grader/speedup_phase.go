package grader

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"parlab/grader/gotest"
	"parlab/grader/speedup"
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
	for _, c := range suite {
		if c.Name == verdict.Started || c.Name == verdict.LeakFree {
			continue
		}
		if c.Status != verdict.Pass {
			chk.Message = fmt.Sprintf("not judged: %s must pass first (speed only counts for right answers)", c.Name)
			return chk
		}
	}
	switch {
	case r.opts.NoSpeedup:
		chk.Message = "not measured (--no-speedup)"
		return chk
	case !built:
		chk.Status, chk.Message = verdict.Error, "the timing binary did not build"
		return chk
	}
	p := r.opts.Cores
	if p <= 0 {
		p = speedup.UsableCores()
	}
	r.opts.Progress(fmt.Sprintf("measuring speedup on %d cores", p))
	res, err := gotest.Run(r.ctx, gotest.Command{
		Args: []string{filepath.Join(r.ws.dir, plainBinary), "-test.run=^" + speedupTest + "$", "-test.count=1",
			"-test.v", "-test.timeout=" + r.opts.Timeout.String()},
		Dir: filepath.Join(r.ws.dir, "work"),
		Env: []string{speedup.EnvMeasure + "=1", speedup.EnvWorkers + "=" + strconv.Itoa(p),
			speedup.EnvAlpha + "=" + strconv.FormatFloat(r.spec.Alpha, 'f', -1, 64),
			"GOMAXPROCS=" + strconv.Itoa(p)},
		Timeout:     r.opts.Timeout,
		MemoryLimit: r.opts.MemoryLimit,
	})
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
	default: // a fail, or a near miss that stayed one after every round
		chk.Status = verdict.Fail
		chk.Hint = fasterHint
	}
	return chk
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
