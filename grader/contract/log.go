package contract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Log is what the grader read back from a report file.
type Log struct {
	// Results maps each top-level test that reported to its status; a test
	// that reported more than once keeps its worst status.
	Results map[string]string
	// Markers are the failures the suite attributed to checks, in order.
	Markers []Marker
	// Samples holds the measurements by kind, in order.
	Samples map[string][]json.RawMessage
	// Complete is set when the completion record was read and nothing
	// was wrong with the file.
	Complete bool
	// Code is the tests' exit status, from the completion record.
	Code int
	// Problems describes lines that were not valid records, or a file cut
	// short; a report with problems is not complete.
	Problems []string
}

// ReadLog reads a report file's records, keeping at most limit bytes.
// A line that is not a valid record, or anything after the completion
// record, is noted in Problems and makes the report incomplete: the file is
// written only by the suite's own code, so either means it cannot be
// trusted.
func ReadLog(r io.Reader, limit int64) Log {
	rep := Log{Results: map[string]string{}, Samples: map[string][]json.RawMessage{}}
	sc := bufio.NewScanner(io.LimitReader(r, limit+1))
	sc.Buffer(make([]byte, 0, 64<<10), int(min(limit+1, 64<<20)))
	var read int64
	after := false
	for sc.Scan() {
		line := sc.Bytes()
		read += int64(len(line)) + 1
		rec, err := decodeRecord(line)
		if err != nil {
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

// decodeRecord reads one line strictly: one JSON object of Record's
// fields, nothing else.
func decodeRecord(line []byte) (Record, error) {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return rec, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return rec, fmt.Errorf("more than one value on the line")
	}
	return rec, nil
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
		return rep.addResult(rec)
	case KindSample:
		if rec.Sample == "" || len(rec.Value) == 0 {
			return "a sample without a kind or a value"
		}
		rep.Samples[rec.Sample] = append(rep.Samples[rec.Sample], rec.Value)
	case KindComplete:
		return rep.complete(rec)
	default:
		return fmt.Sprintf("a record of unknown kind %q", rec.Kind)
	}
	return ""
}

func (rep *Log) addResult(rec Record) string {
	if rec.Test == "" || (rec.Status != StatusPass && rec.Status != StatusFail && rec.Status != StatusSkip) {
		return fmt.Sprintf("a result record for %q with status %q", rec.Test, rec.Status)
	}
	if strings.Contains(rec.Test, "/") {
		return "" // subtests are in their parent's result
	}
	if old := rep.Results[rec.Test]; old != StatusFail {
		rep.Results[rec.Test] = rec.Status
	}
	return ""
}

func (rep *Log) complete(rec Record) string {
	if rep.Complete {
		return "two completion records"
	}
	if v := max(rec.Version, 1); v != Version {
		return fmt.Sprintf("the test binary speaks version %d of the report protocol and this grader version %d: build the grader from the same checkout as the exercises (go run ./cmd/grade)", v, Version)
	}
	rep.Complete, rep.Code = true, rec.Code
	return ""
}
