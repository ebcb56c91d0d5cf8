// Package suitekit is what the hidden test suites are written with.
//
// The suites run inside the learner's test binary (the `go test -c` child
// the grader builds with -overlay), never inside the grader process. They
// talk to the grader through one channel only: marker lines of the form
//
//	PARLAB {"check":"correct","message":"..."}
//
// in the test output, each naming the check a failure belongs to, and the
// completion line that Main prints after every test has run. A marker can
// only make a check fail: passing is decided by the grader from the test
// events and the completion line, which carries a per-run secret the
// learner's code cannot know, so printing fake markers or exiting early
// never fakes a pass.
//
// Learner code is always called through Call, which recovers panics
// (recognising the stub's TODO panics), runs a watchdog that turns a
// deadlock into a report of where the goroutines are blocked, and checks
// for goroutines left running after the call returns.
package suitekit
