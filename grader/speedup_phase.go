package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/gotest"
	"parlab/grader/verdict"
	"parlab/reference"
)

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
	// The timing run traces one of its timed calls for the diagnosis (one
	// chosen at random, after they ran); a tape keeps
	// the trace (up to tapeBinaryLimit), since it can decide the verdict:
	// a replay diagnoses and settles as the live grade did.
	trace := r.traceRequest()
	_ = os.Remove(trace.Path)
	res, log, err := r.runPlain("timing", contract.SpeedupTest, p, []string{trace.Path}, append(append(trace.Env(), r.opts.timingEnv...), contract.MeasureEnv+"=1",
		contract.AlphaEnv+"="+strconv.FormatFloat(r.spec.Alpha, 'f', -1, 64))...)
	if err != nil {
		chk.Status, chk.Message = verdict.Error, "could not run the timing binary: "+err.Error()
		return chk
	}
	chk.Details = r.paths.Rewrite(string(res.Stdout) + string(res.Stderr))
	samples, problem := measured(res, log, p, r.opts.Timeout)
	if problem != "" {
		chk.Status, chk.Message = verdict.Fail, problem
		return chk
	}
	j := speedup.DefaultThresholds.Judge(samples, r.spec.Alpha)
	r.speedup = summary(j)
	chk.Status, chk.Message = fasterStatus(j)
	chk.Unjudged = chk.Status == verdict.Skip
	if samples.Wrong != "" || samples.Tampered != "" {
		// Not a speed to explain, and no trace was made of such a call.
		chk.Hint = untimedHint
		return chk
	}
	if chk.Status == verdict.Fail {
		chk.Hint = fasterHint
	}
	r.diagnose(&chk) // why it is not faster (diagnose_phase.go)
	return chk
}

// fasterStatus turns a judgement of a finished measurement into the
// check's status and message. Again means the measurement ended before
// the evidence settled, which only a binary that stopped early can do.
func fasterStatus(j speedup.Judgement) (verdict.Status, string) {
	switch j.Outcome {
	case speedup.Pass:
		return verdict.Pass, j.Reason
	case speedup.Skip:
		return verdict.Skip, j.Reason
	case speedup.Again:
		return verdict.Fail, fmt.Sprintf("the timing run stopped after %d repetitions, before the evidence settled (%s)", j.Reps, j.Reason)
	default:
		return verdict.Fail, j.Reason
	}
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

// measured takes the speed samples from a timing run's report file, the
// only place the grader believes them, and checks their shape; problem
// says what was wrong when there are none to judge.
func measured(res *gotest.Result, log contract.Log, p int, timeout time.Duration) (_ *contract.Samples, problem string) {
	raw := log.Samples[contract.SampleKind]
	switch {
	case res.TimedOut:
		return nil, fmt.Sprintf("the timing run did not finish in %v", timeout)
	case res.OutOfMemory:
		return nil, "the timing run exceeded the memory limit"
	case !log.Complete || len(raw) == 0:
		return nil, fmt.Sprintf("the timing run ended without a measurement (exit status %d)", res.ExitCode)
	case len(raw) > 1:
		return nil, fmt.Sprintf("the timing run handed over %d measurements instead of one", len(raw))
	}
	s, err := contract.DecodeSamples(raw[0], p)
	if err != nil {
		return nil, "the timing run's measurement cannot be judged: " + err.Error()
	}
	return s, ""
}

// runPlain runs one test of the plain (non-race) binary, as the grade's
// step (its name on a tape), with GOMAXPROCS = p and the extra
// environment, and reads back its report file. A recorded run keeps on
// its tape the report and the files named in keep (the timing run's
// trace).
func (r *run) runPlain(step, test string, p int, keep []string, env ...string) (*gotest.Result, contract.Log, error) {
	report, err := r.ws.newReport(strings.ToLower(strings.TrimPrefix(test, "Test")))
	if err != nil {
		return nil, contract.Log{}, err
	}
	plain := filepath.Join(r.ws.dir, plainBinary)
	res, err := r.opts.tape.exec(r, step, gotest.Command{
		Args: []string{plain, "-test.run=^" + test + "$", "-test.count=1",
			"-test.v", "-test.timeout=" + r.opts.Timeout.String()},
		Dir: r.ws.work(),
		Env: append(append(env, r.ws.tmpEnv()...), contract.WorkersEnv+"="+strconv.Itoa(p), "GOMAXPROCS="+strconv.Itoa(p),
			contract.ReportEnv+"="+report),
		Timeout:     r.opts.Timeout,
		MemoryLimit: r.opts.MemoryLimit,
		Sandbox:     r.sandbox([]string{plain}, report),
	}, append([]string{report}, keep...)...)
	if err != nil {
		return nil, contract.Log{}, err
	}
	return res, readReport(report), nil
}

// cores is P, the worker count of the timed runs.
func (r *run) cores() int {
	if r.opts.Cores > 0 {
		return r.opts.Cores
	}
	return speedup.UsableCores()
}

// study runs the learner's own scaling study, for exercises that have one,
// once their code has passed every check the study depends on. A study
// that does not come back is left out of the report: it is shown, not
// graded.
func (r *run) study(suite []verdict.Check, faster verdict.Check) *verdict.Study {
	if !r.spec.Study || r.opts.NoSpeedup || faster.Status == verdict.Error || firstBlocking(suite) != "" {
		return nil
	}
	r.opts.Progress("running your scaling study")
	_, log, err := r.runPlain("study", contract.StudyTest, r.cores(), nil, contract.StudyEnv+"=1")
	if err != nil || !log.Complete || len(log.Samples[contract.StudyKind]) != 1 {
		return nil
	}
	s, err := contract.DecodeStudy(log.Samples[contract.StudyKind][0])
	if err != nil {
		return nil
	}
	return studyVerdict(s)
}

// studyVerdict is a study as the result carries it.
func studyVerdict(s *contract.Study) *verdict.Study {
	out := &verdict.Study{Workload: s.Workload, SerialFraction: s.SerialFraction}
	for _, r := range s.Strong {
		out.Strong = append(out.Strong, verdict.StudyRow(r))
	}
	for _, r := range s.Weak {
		out.Weak = append(out.Weak, verdict.StudyRow(r))
	}
	return out
}

// untimedHint is the hint of a timing run that stopped on a wrong answer
// or tampering.
const untimedHint = "The timing run checks every call it times, on fresh inputs of the timed size, at every worker count and on one core too: " +
	"do the same work, all of it, whatever the size and however many cores your code gets, and leave the runtime's settings and your goroutines as you found them."

// fasterHint is the notebook's list of why parallel code is not faster.
const fasterHint = "Why parallel code is not faster: too little work per goroutine (spawning costs ~1µs), " +
	"contention on shared state (an atomic or a lock per element makes the cores queue), " +
	"false sharing (workers writing neighbouring memory), a serial merge step that dominates, " +
	"or Amdahl's law: the serial part bounds the speedup. Give each worker a big chunk and private results."

func summary(j speedup.Judgement) *verdict.Speedup {
	out := &verdict.Speedup{
		Workers: j.P, Required: round2(j.Required), SelfRequired: round2(j.SelfRequired), Calibration: round2(j.Calibration.Median),
		Speedup: round2(j.Speedup.Median), SpeedupLow: round2(j.Speedup.Low), SpeedupHigh: round2(j.Speedup.High),
		SelfSpeedup: round2(j.SelfSpeedup.Median), SelfSpeedupLow: round2(j.SelfSpeedup.Low), SelfSpeedupHigh: round2(j.SelfSpeedup.High),
		Reps: j.Reps, Warnings: j.Warnings,
	}
	for _, row := range j.Rows {
		r := verdict.SpeedupRow{Workers: row.Workers, Median: row.Median,
			Speedup: round2(row.Speedup.Median), SpeedupLow: round2(row.Speedup.Low), SpeedupHigh: round2(row.Speedup.High),
			Efficiency: round2(row.Efficiency)}
		if row.Workers > 1 && row.Speedup.Median > 0 {
			e := round2(reference.KarpFlatt(row.Speedup.Median, row.Workers))
			r.KarpFlatt = &e
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
