package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/contract/speedup"
	"parlab/grader/gotest"
	"parlab/grader/verdict"
	"parlab/reference"
)

// faster measures the speed, when the suite's checks and the options let
// it, and has check.Faster decide the check from what the timing run, the
// speed judge and the trace of one timed call showed. try counts the
// measurements before this one (the skip policy measures again).
func (r *run) faster(suite []verdict.Check, built bool, try int) check.FasterOutcome {
	in := check.FasterInput{Blocked: check.FirstBlocking(suite), NoSpeedup: r.opts.NoSpeedup, Deferred: r.opts.DeferTiming, Built: built,
		Policy: r.opts.SkipPolicy, Try: try, Points: r.spec.Points[verdict.Faster]}
	if in.NeedsTiming() {
		r.measure(&in)
	}
	if !in.NeedsTrace() {
		return check.Faster(in)
	}
	start := time.Now()
	r.opts.Progress("reading the traced call")
	in.Trace = r.tracedCall(*in.Judgement)
	out := check.Faster(in)
	if out.Diagnosis != nil {
		r.speedup.Diagnosis = diagnosisVerdict(*out.Diagnosis, time.Since(start))
	}
	r.phase("diagnosis", start)
	r.note(out.Notes...)
	return out
}

// measure runs the plain (non-race) test binary's speedup test with
// GOMAXPROCS = P and judges its samples, into in.
func (r *run) measure(in *check.FasterInput) {
	p := r.cores()
	r.opts.Progress(fmt.Sprintf("measuring speedup on %d cores", p))
	// The timing run traces one of its timed calls for the diagnosis (one
	// chosen at random, after they ran); a tape keeps the trace (up to
	// tapeBinaryLimit), since it can decide the verdict: a replay
	// diagnoses and settles as the live grade did.
	trace := r.traceRequest()
	_ = os.Remove(trace.Path)
	res, log, err := r.runPlain("timing", contract.SpeedupTest, p, []string{trace.Path}, append(append(trace.Env(), r.opts.timingEnv...), contract.MeasureEnv+"=1",
		contract.AlphaEnv+"="+strconv.FormatFloat(r.spec.Alpha, 'f', -1, 64))...)
	in.Timing = &check.TimingRun{P: p, Err: err, Timeout: r.opts.Timeout}
	if err != nil {
		return
	}
	t := in.Timing
	t.Report, t.Output, t.ExitCode = log, withoutProfileRateLine(r.paths.Rewrite(string(res.Stdout)+string(res.Stderr))), res.ExitCode
	t.TimedOut, t.OutOfMemory = res.TimedOut, res.OutOfMemory
	samples, problem := t.Samples()
	if problem != "" {
		return
	}
	j := speedup.DefaultThresholds.Judge(samples, r.spec.Alpha)
	in.Judgement = &j
	r.speedup = summary(j)
}

// profileRateLine is what the Go runtime prints when the timing run's
// tracer sets its CPU profile's rate before it starts the profile, as it
// must to get more than 100 samples a second (tracecall.StartProfile):
// the harness's doing, shown to every learner who asked for --verbose.
const profileRateLine = "runtime: cannot set cpu profile rate until previous profile has finished."

// withoutProfileRateLine is the timing run's output without the lines
// that are profileRateLine.
func withoutProfileRateLine(out string) string {
	lines := strings.SplitAfter(out, "\n")
	return strings.Join(slices.DeleteFunc(lines, func(l string) bool { return strings.TrimRight(l, "\r\n") == profileRateLine }), "")
}

// runPlain runs one test of the plain (non-race) binary, as the grade's
// step (its name on a tape), with GOMAXPROCS = p and the extra
// environment, and reads back its report file. A recorded run keeps on
// its tape the report and the files named in keep (the timing run's
// trace).
func (r *run) runPlain(step, test string, p int, keep []string, env ...string) (*gotest.Result, contract.Log, error) {
	return r.runPlainTests(step, strings.ToLower(strings.TrimPrefix(test, "Test")), test, p, keep, env...)
}

// runPlainTests is runPlain for the tests whose names match the regular
// expression pattern (anchored at both ends), their report file named
// after name.
func (r *run) runPlainTests(step, name, pattern string, p int, keep []string, env ...string) (*gotest.Result, contract.Log, error) {
	report, err := r.ws.newReport(name)
	if err != nil {
		return nil, contract.Log{}, err
	}
	plain := filepath.Join(r.ws.dir, plainBinary)
	res, err := r.exec(step, gotest.Command{
		Args: []string{plain, "-test.run=^" + pattern + "$", "-test.count=1",
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
	if !r.spec.Study || r.opts.NoSpeedup || faster.Status == verdict.Error || check.FirstBlocking(suite) != "" {
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

func summary(j speedup.Judgement) *verdict.Speedup {
	out := &verdict.Speedup{
		Workers: j.P, Required: round2(j.Required), SelfRequired: round2(j.SelfRequired), Calibration: round2(j.Calibration.Median),
		Speedup: round2(j.Speedup.Median), SpeedupLow: round2(j.Speedup.Low), SpeedupHigh: round2(j.Speedup.High),
		SelfSpeedup: round2(j.SelfSpeedup.Median), SelfSpeedupLow: round2(j.SelfSpeedup.Low), SelfSpeedupHigh: round2(j.SelfSpeedup.High),
		OneCoreCPU: round2(j.OneCoreWork.Median), OneCoreExcess: round2(j.OneCoreExcess.Median), Reps: j.Reps, Warnings: j.Warnings,
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
