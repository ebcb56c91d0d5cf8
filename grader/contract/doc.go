// Package contract is the specification of everything a hidden suite's
// test binary and the grader exchange, and the one home of its names,
// types and validation. Both sides import it; it imports only the
// standard library, so linking it into the grader links nothing of the
// test binary's (testing, goleak, go-cmp).
//
// The test binary is built by the grader from the learner's package with
// the hidden suite laid over it (go test -overlay) and runs the learner's
// code in its own process; everything it hands over is therefore written
// beside learner code, and the grader validates all of it before use.
// Measuring happens in the test binary (packages kit, measure, study (grader/suite/lib),
// tracecall), judging in the grader (packages check, speedup and the
// grader itself).
//
// # Version
//
// This is version 1 of the protocol (Version). The completion record
// carries the version from version 2 on; version 1 writes none, so that a
// completion record without a version is version 1. The grader refuses a
// report file of any other version (a problem, see ReadLog): the test
// binary and the grader must be built from the same checkout.
//
// # Environment
//
// The grader starts every test binary with these variables; a suite run by
// hand, without them, writes no report and measures nothing.
//
//   - ReportEnv (PARLAB_REPORT): the path of the report file, an empty
//     file the grader created in its workspace for this run alone. The
//     test binary opens it for appending and removes the variable before
//     any test runs (kit.Main).
//   - MeasureEnv (PARLAB_SPEEDUP) set to "1": the SpeedupTest run is the
//     grader's timing run and measures; otherwise it skips.
//   - WorkersEnv (PARLAB_WORKERS): P, the largest worker count timed or
//     traced, a decimal integer; GOMAXPROCS is set to the same value.
//   - AlphaEnv (PARLAB_ALPHA): the exercise's alpha, a decimal fraction,
//     for the measurement's sequential stopping rule.
//   - StudyEnv (PARLAB_STUDY) set to "1": the StudyTest run runs the
//     learner's scaling study; otherwise it skips.
//   - TracePathEnv, TraceWindowEnv (PARLAB_TRACE, PARLAB_TRACE_WINDOW):
//     in the timing run, a request for the trace of one of the timed
//     calls (TraceRequest, "The trace file" below).
//   - UnracedEnv (PARLAB_UNRACED) set to "1": the run of the
//     UnracedPrefix tests in the plain binary; otherwise they skip.
//   - CallTimeoutEnv (PARLAB_CALL_TIMEOUT): the watchdog's limit for one
//     call of learner code, a Go duration; unset in grading, for tests.
//   - GORACE, in the race run only: RaceEnv's options, whose log_path
//     makes the race detector write its reports to files of its own,
//     PREFIX.PID, one per process, in a folder of the workspace. The
//     grader reads races from those files and from the output; what the
//     learner's code prints can neither push them out nor imitate them.
//
// The grader's own process plumbing adds PARLAB_RUN (a tag by which it
// finds every process a run started) and, for its sandbox launcher,
// PARLAB_SANDBOX; the test binary reads neither.
//
// # Test names
//
// A suite's top-level Test functions are graded: the race run must see
// each report pass (Graded), except TestMain and those the grader runs
// by name, alone, in the plain (non-race) binary: SpeedupTest
// (TestSpeedup: the timing run, which traces a call too), StudyTest
// (TestStudy: the scaling study) and the tests named with UnracedPrefix
// (TestUnraced...: the race run's checks again, without the race
// detector and on the real clock). Every top-level Test function calls
// kit.Begin first, which reports how it ended. The grader adds to the
// suite a generated file whose TestMain is kit.Main(m), which opens
// the report file, runs the tests and writes the completion record.
//
// # The report file
//
// The report file is the only channel whose content decides a verdict.
// It holds JSON lines, one Record each, appended with one write call each:
//
//	{"kind":"marker","test":"TestParallel","check":"correct","message":"..."}
//	{"kind":"result","test":"TestParallel","status":"fail"}
//	{"kind":"sample","sample":"speedup","value":{...}}
//	{"kind":"complete","code":1}
//
// KindMarker attributes a failure to a check (CheckStarted, CheckCorrect,
// CheckLeakFree, CheckTerminates): Test is the top-level test, Message
// says what was wrong. KindResult says how a test ended, Status being
// StatusPass, StatusFail or StatusSkip; subtests report under their own
// name ("TestA/case") and are filed under their parent's result. A test
// that reports twice keeps its worst status. KindSample is a measurement:
// Sample names its kind (SampleKind or StudyKind) and Value holds it.
// KindComplete is written once, last, when every test has run; Code is
// the tests' exit status. The test binary closes the file then, so nothing
// still running can add to it.
//
// The grader reads at most a limit of bytes (ReadLog). Any line that is
// not a record of a known kind with known fields, a second completion
// record, anything after it, or a file cut short makes the report
// incomplete: the file is written only by the suite's own code, so any of
// these means it cannot be trusted, and an incomplete run passes nothing.
// stdout and stderr are shown to people and read only for what the Go
// runtime writes there (race reports, panics, goroutine dumps), which can
// make a check fail but never pass.
//
// Why this holds against learner code that reads all of its own
// process's memory: there is no secret. Knowing the file's path or
// descriptor is not enough to write to it; writing needs a package that
// can name a file or a descriptor (os, syscall, unsafe, reflect,
// runtime/debug, embed, cgo, ...), and the grader's honest check allows
// learner code only an allowlist of packages that cannot, and runs
// nothing else.
//
// # The sample format
//
// The timing run hands over exactly one sample of kind SampleKind
// ("speedup"), whose value is a Samples object: per repetition, the
// serial reference's time, the learner's at each worker count of
// WorkerCounts(P), the judged P-worker call once more under GOMAXPROCS=1,
// and the calibration, as integer nanoseconds, plus what was wrong when
// measuring stopped early. DecodeSamples is the grader's validation, and
// strict: no unknown field, exactly the worker counts asked for, one
// learner row per worker count, bounded lists, positive durations of at
// most an hour, bounded messages. A measurement that fails it is a fail of
// the faster check, never fed to the judge.
//
// # The study format
//
// The study run hands over exactly one sample of kind StudyKind
// ("study"), whose value is a Study object: the learner's strong and weak
// scaling tables with Amdahl's and Gustafson's predictions beside them.
// It is shown, not graded; DecodeStudy refuses unknown fields and
// oversized tables all the same.
//
// # The trace file
//
// A timing run with a TraceRequest in its environment, once it has
// measured without a wrong answer or tampering (no Wrong or Tampered; an
// Aborted measurement is traced too), writes one runtime/trace trace of a
// judged call (P workers, GOMAXPROCS = P) to the requested path: every
// call of the learner's code the measurement makes runs under the tracer,
// and the one written is chosen at random among the judged calls it timed,
// after they ran, so that nothing a call can see tells it apart (package
// measure, trace.go). It is the timing process itself, not a process of
// its own that the learner's code could tell apart from the timed one by
// what it was asked first. The window is no longer applied there: the
// whole call is traced, and a call whose trace would exceed 16 MiB is not
// kept.
//
// On the calling goroutine a region of type RegionCall spans the
// learner's call (its end is missing when a window closed first), and
// logs hold the call as words (LogCall), the input's element count
// (LogElements), the heap bytes and objects the call allocated
// (LogAllocBytes, LogAllocObjects) and the heap bytes the serial reference
// allocated on an input of the same size (LogReference, from the
// repetition's timed reference), all numbers in decimal.
// Where the exercise's work is countable, the code that counts it logs
// each amount on the goroutine that did it (LogWork: points drawn with
// reference/points). CPU profile samples are recorded into the same
// trace. The trace explains a verdict, and can only ever lower one: a
// traced call that never had two goroutines ready to run at once, whose
// started goroutines did next to none of the work, or whose goroutines
// ran far beyond their share of the counted work (busy-waiting beside
// it), turns a pass or a skip of the faster check into a fail; nothing in
// it can make a check pass.
package contract
