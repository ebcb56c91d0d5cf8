package contract

import "encoding/json"

// Version is the protocol's version (see the package comment, "Version").
const Version = 1

// Record kinds, the value of Record.Kind.
const (
	// KindMarker is a failure attributed to a check (Test, Check, Message).
	KindMarker = "marker"
	// KindResult is how one test ended (Test, Status).
	KindResult = "result"
	// KindSample is a measurement (Sample names its kind, Value holds it).
	KindSample = "sample"
	// KindComplete is written once every test has run (Code is the tests'
	// exit status): the binary was not cut short.
	KindComplete = "complete"
)

// Test statuses, the value of Record.Status.
const (
	StatusPass = "pass"
	StatusFail = "fail"
	StatusSkip = "skip"
)

// Check names a marker may carry; they are the grader's check names.
const (
	CheckStarted    = "started"
	CheckCorrect    = "correct"
	CheckLeakFree   = "leak-free"
	CheckTerminates = "terminates"
)

// Sample kinds, the value of Record.Sample.
const (
	// SampleKind is the timing run's measurement, a Samples object.
	SampleKind = "speedup"
	// StudyKind is the study run's scaling study, a Study object.
	StudyKind = "study"
)

// Record is one line of the report file, a JSON object.
type Record struct {
	Kind    string          `json:"kind"`
	Test    string          `json:"test,omitempty"`
	Check   string          `json:"check,omitempty"`
	Message string          `json:"message,omitempty"`
	Status  string          `json:"status,omitempty"`
	Sample  string          `json:"sample,omitempty"`
	Value   json.RawMessage `json:"value,omitempty"`
	Code    int             `json:"code,omitempty"`
	// Version is the protocol's version, on the completion record from
	// version 2 on; absent means 1.
	Version int `json:"version,omitempty"`
}

// Complete is the completion record of a test binary whose tests ended
// with exit status code.
func Complete(code int) Record {
	r := Record{Kind: KindComplete, Code: code}
	if Version > 1 {
		r.Version = Version
	}
	return r
}

// Marker is one failure a suite reported, attributed to a grader check.
type Marker struct {
	// Test is the top-level test that reported it.
	Test    string `json:"test,omitempty"`
	Check   string `json:"check"`
	Message string `json:"message"`
}
