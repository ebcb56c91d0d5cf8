package contract

import "strings"

// The test names the grader runs by name, alone, in the plain binary.
const (
	// SpeedupTest is the suite's timing test (it traces a call too).
	SpeedupTest = "TestSpeedup"
	// StudyTest is the suite's scaling study.
	StudyTest = "TestStudy"
	// TimedSizeTest is the race run's call at the timed size: the one
	// graded test that may skip, when it gives up on a call too slow
	// under the race detector (the faster check judges its speed).
	TimedSizeTest = "TestTimedSize"
	// UnracedPrefix begins the names of the tests the grader runs again
	// in the plain binary, without the race detector and on the real
	// clock (UnracedEnv), where code that behaves differently under the
	// race detector shows it; the race run skips them.
	UnracedPrefix = "TestUnraced"
)

// Graded reports whether a suite's top-level function name is a test the
// race run must see report pass or fail: every Test function but
// TestMain, SpeedupTest, StudyTest and the UnracedPrefix tests.
func Graded(name string) bool {
	return strings.HasPrefix(name, "Test") && name != "TestMain" && name != SpeedupTest && name != StudyTest &&
		!strings.HasPrefix(name, UnracedPrefix)
}

// ExitDeadlock is the exit status of a test binary whose watchdog found a
// call of learner code stuck: it reported a terminates marker and ended
// the run, since a stuck goroutine cannot be stopped.
const ExitDeadlock = 3

// TooManyGoroutines begins the message of a terminates marker for a call
// the suite stopped because it started more goroutines than any answer
// needs (kit.CrowdLimit): not stuck, but hopelessly slow. The test
// binary ends with ExitDeadlock after it.
const TooManyGoroutines = "too many goroutines: "
