// Package kit is what the hidden test suites are written with.
//
// The suites run inside the learner's test binary (the `go test -c` child
// the grader builds with -overlay), never inside the grader process, and
// the learner's code runs in that same process. They talk to the grader
// through one channel only: the report file, whose path the grader passes
// in contract.ReportEnv. Main opens it before any test runs (and removes
// the variable), and kit appends contract.Record lines to it: a
// marker attributes a failure to a check (Report, Fatal); a result says
// how a top-level test ended (Begin, which every suite Test function calls
// first, records t.Failed and t.Skipped when the test ends); a sample is a
// measurement (Emit); the completion record is written by Main once every
// test has run. Package contract specifies the file, and why learner code
// limited to the honest check's allowlist cannot write to it.
//
// Learner code is always called through Call, which recovers panics
// (recognising the stub's TODO panics), runs a watchdog that turns a
// deadlock into a report of where the goroutines are blocked, and checks
// for goroutines left running after the call returns. A suite whose calls
// do not measure time runs each call in a testing/synctest bubble
// (UseBubbles): when the call returns, the bubble's fake clock is run to
// the end of time, so a timer the call left pending fires at once and is
// reported, however long it was set for.
package kit
