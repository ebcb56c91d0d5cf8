package contract

// The environment variables the grader starts a test binary with (see the
// package comment, "Environment").
const (
	// ReportEnv holds the path of the run's report file.
	ReportEnv = "PARLAB_REPORT"
	// MeasureEnv set to "1" makes SpeedupTest measure.
	MeasureEnv = "PARLAB_SPEEDUP"
	// WorkersEnv is P, the largest worker count timed or traced.
	WorkersEnv = "PARLAB_WORKERS"
	// AlphaEnv is the exercise's alpha, for the measurement's stopping rule.
	AlphaEnv = "PARLAB_ALPHA"
	// StudyEnv set to "1" makes StudyTest run the learner's scaling study.
	StudyEnv = "PARLAB_STUDY"
	// UnracedEnv set to "1" makes the UnracedPrefix tests run; otherwise
	// they skip.
	UnracedEnv = "PARLAB_UNRACED"
	// CallTimeoutEnv is the watchdog's limit for one call of learner code,
	// as a Go duration.
	CallTimeoutEnv = "PARLAB_CALL_TIMEOUT"
	// TracePathEnv is the file the timing run writes the trace of one more
	// call to; unset means no trace.
	TracePathEnv = "PARLAB_TRACE"
	// TraceWindowEnv is the longest stretch of the call to trace, as a Go
	// duration (DefaultTraceWindow when unset).
	TraceWindowEnv = "PARLAB_TRACE_WINDOW"
	// PlacementEnv perturbs where the timing run's calls and inputs land in
	// memory, for the placement sweep (grader's TestPlacementSweep):
	// comma-separated "stack=N" and "input=N" add N bytes to every call's
	// stack padding and every input's offset within a page, "fixed" turns
	// the random draws off. Unset in a grade: every draw is random.
	PlacementEnv = "PARLAB_PLACEMENT"
)

// RaceEnv is the GORACE setting of the race run: keep going after the
// first race, a short history, no sleep at exit, and reports written to
// files of the race detector's own, logPrefix.PID, one per process.
//
// The race runtime sleeps a second before the process exits
// (atexit_sleep_ms, 1000 by default) so that goroutines still running
// can race: a second of every grade, a third of a model answer's race
// run. After the suite's last test only goroutines that the leak checks
// already failed can run, and no value the suite judged can change.
func RaceEnv(logPrefix string) string {
	return "GORACE=halt_on_error=0 history_size=2 atexit_sleep_ms=0 log_path=" + logPrefix
}
