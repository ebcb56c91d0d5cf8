package suitekit

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

// ReportEnv names the environment variable that holds the path of the
// report file: an empty file the grader creates in its workspace before it
// starts the test binary. Main opens it and removes the variable before any
// test runs.
const ReportEnv = "PARLAB_REPORT"

// Record kinds, the value of Record.Kind.
const (
	// KindMarker is a failure attributed to a check (Test, Check, Message).
	KindMarker = "marker"
	// KindResult is how one test ended (Test, Status), written by the
	// cleanup Begin registers.
	KindResult = "result"
	// KindSample is a measurement (Sample names its kind, Value holds it).
	KindSample = "sample"
	// KindComplete is written by Main once m.Run has returned (Code is its
	// exit status): every test ran and the binary was not cut short.
	KindComplete = "complete"
)

// Test statuses, the value of Record.Status.
const (
	StatusPass = "pass"
	StatusFail = "fail"
	StatusSkip = "skip"
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
}

// reporter is the test binary's end of the report file; nil writes nothing
// (a suite run by hand, without the grader).
var reporter struct {
	mu sync.Mutex
	f  *os.File
}

// openReport opens the report file named by ReportEnv for appending and
// removes the variable from the environment.
func openReport() {
	path := os.Getenv(ReportEnv)
	_ = os.Unsetenv(ReportEnv)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		fmt.Fprintf(os.Stderr, "suitekit: cannot open the grader's report file: %v\n", err)
		return
	}
	reporter.f = f
}

// write appends one record to the report file, as one write call.
func write(r Record) {
	b, err := json.Marshal(r)
	if err != nil {
		panic(fmt.Sprintf("suitekit: a record that does not encode: %v", err))
	}
	reporter.mu.Lock()
	defer reporter.mu.Unlock()
	if reporter.f != nil {
		_, _ = reporter.f.Write(append(b, '\n'))
	}
}

// Begin registers t with the grader: when t ends, its status (pass, fail or
// skip) goes to the report file. Every top-level Test function of a suite
// calls it first; a test the grader requires and that did not report is
// one that did not run to its end.
func Begin(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		status := StatusPass
		switch {
		case t.Failed():
			status = StatusFail
		case t.Skipped():
			status = StatusSkip
		}
		write(Record{Kind: KindResult, Test: t.Name(), Status: status})
	})
}

// Emit hands a measurement of the given kind to the grader.
func Emit(kind string, value any) {
	b, err := json.Marshal(value)
	if err != nil {
		panic(fmt.Sprintf("suitekit: a %s sample that does not encode: %v", kind, err))
	}
	write(Record{Kind: KindSample, Sample: kind, Value: b})
}

// topLevel is the name of the top-level test of t.
func topLevel(name string) string {
	first, _, _ := strings.Cut(name, "/")
	return first
}

// Log is what the grader read back from a report file.
type Log struct {
	// Results maps each top-level test that reported to its status; a test
	// that reported more than once keeps its worst status.
	Results map[string]string
	// Markers are the failures the suite attributed to checks, in order.
	Markers []Marker
	// Samples holds the measurements by kind, in order.
	Samples map[string][]json.RawMessage
	// Complete is set when Main wrote its completion record.
	Complete bool
	// Code is m.Run's exit status, from the completion record.
	Code int
	// Problems describes lines that were not valid records, or a file cut
	// short; a report with problems is not complete.
	Problems []string
}

// ReadLog reads a report file's records, keeping at most limit bytes.
// A line that is not a valid record, or anything after the completion
// record, is noted in Problems and makes the report incomplete: the file is
// written only by suitekit, so either means it cannot be trusted.
func ReadLog(r io.Reader, limit int64) Log {
	rep := Log{Results: map[string]string{}, Samples: map[string][]json.RawMessage{}}
	sc := bufio.NewScanner(io.LimitReader(r, limit+1))
	sc.Buffer(make([]byte, 0, 64<<10), int(min(limit+1, 64<<20)))
	var read int64
	after := false
	for sc.Scan() {
		line := sc.Bytes()
		read += int64(len(line)) + 1
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("a line that is not a record: %.80q", line))
			continue
		}
		if after {
			rep.Problems = append(rep.Problems, "a record after the completion record")
		}
		if p := rep.add(rec); p != "" {
			rep.Problems = append(rep.Problems, p)
		}
		after = after || rec.Kind == KindComplete
	}
	if err := sc.Err(); err != nil || read > limit {
		rep.Problems = append(rep.Problems, fmt.Sprintf("the report is longer than the %d bytes the grader reads", limit))
	}
	if len(rep.Problems) > 0 {
		rep.Complete = false
	}
	return rep
}

// add files one record, or says what is wrong with it.
func (rep *Log) add(rec Record) string {
	switch rec.Kind {
	case KindMarker:
		if rec.Check == "" {
			return "a marker without a check"
		}
		rep.Markers = append(rep.Markers, Marker{Test: rec.Test, Check: rec.Check, Message: rec.Message})
	case KindResult:
		if rec.Test == "" || (rec.Status != StatusPass && rec.Status != StatusFail && rec.Status != StatusSkip) {
			return fmt.Sprintf("a result record for %q with status %q", rec.Test, rec.Status)
		}
		if strings.Contains(rec.Test, "/") {
			return "" // subtests are in their parent's result
		}
		if old := rep.Results[rec.Test]; old != StatusFail {
			rep.Results[rec.Test] = rec.Status
		}
	case KindSample:
		if rec.Sample == "" || len(rec.Value) == 0 {
			return "a sample without a kind or a value"
		}
		rep.Samples[rec.Sample] = append(rep.Samples[rec.Sample], rec.Value)
	case KindComplete:
		if rep.Complete {
			return "two completion records"
		}
		rep.Complete, rep.Code = true, rec.Code
	default:
		return fmt.Sprintf("a record of unknown kind %q", rec.Kind)
	}
	return ""
}
