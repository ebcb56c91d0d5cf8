// Package suitekit is what the hidden test suites are written with.
//
// The suites run inside the learner's test binary (the `go test -c` child
// the grader builds with -overlay), never inside the grader process, and
// the learner's code runs in that same process. They talk to the grader
// through one channel only: the report file, whose path the grader passes
// in ReportEnv. Main opens it before any test runs (and removes the
// variable), and suitekit appends JSON lines (Record) to it:
//
//	{"kind":"marker","test":"TestParallel","check":"correct","message":"..."}
//	{"kind":"result","test":"TestParallel","status":"fail"}
//	{"kind":"sample","sample":"speedup","value":{...}}
//	{"kind":"complete","code":1}
//
// A marker attributes a failure to a check (Report, Fatal); a result says
// how a top-level test ended (Begin, which every suite Test function calls
// first, records t.Failed and t.Skipped when the test ends); a sample is a
// measurement (Emit); the completion record is written by Main once every
// test has run. The grader takes pass and fail, markers, samples and
// completion only from this file; stdout and stderr are shown to people and
// read only for what the Go runtime itself writes there (race reports,
// panics, goroutine dumps), which can only make a check fail.
//
// Why this holds against learner code that reads all of its own process's
// memory: knowing the file's path or descriptor is not enough to write to
// it. Writing needs a package that can name a file or a descriptor (os,
// syscall, unsafe, reflect, runtime/debug, embed, cgo, ...), and the honest
// check allows learner code only an allowlist of packages that cannot
// (exercise.Spec.Imports); the grader refuses to run anything else. What
// the learner's code can print (fake test2json events, fake markers, fake
// completion lines) lands on stdout, which decides nothing.
//
// Learner code is always called through Call, which recovers panics
// (recognising the stub's TODO panics), runs a watchdog that turns a
// deadlock into a report of where the goroutines are blocked, and checks
// for goroutines left running after the call returns.
package suitekit
