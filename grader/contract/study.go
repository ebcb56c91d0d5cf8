package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Study is the value of a StudyKind sample: a strong and weak scaling
// study of the learner's own code.
type Study struct {
	// Workload names what was measured, e.g. "PiWorkload".
	Workload string `json:"workload"`
	// SerialFraction is the serial fraction f estimated from the strong
	// study (the median Karp-Flatt value, at least 0), which the Amdahl
	// and Gustafson columns use.
	SerialFraction float64    `json:"serial_fraction"`
	Strong         []StudyRow `json:"strong"`
	Weak           []StudyRow `json:"weak"`
}

// StudyRow is one row of a study: what the learner's code measured at
// one worker count, with the laws' predictions beside it.
type StudyRow struct {
	Workers    int           `json:"workers"`
	Size       int           `json:"size"`
	Time       time.Duration `json:"time_ns"`
	Speedup    float64       `json:"speedup"`
	Efficiency float64       `json:"efficiency"`
	// Law is Amdahl's bound (strong) or Gustafson's scaled speedup (weak)
	// for SerialFraction.
	Law float64 `json:"law"`
	// KarpFlatt is the serial fraction this row's speedup implies; nil
	// (null) where it has none, at one worker.
	KarpFlatt *float64 `json:"karp_flatt"`
}

// Limits on what a plausible study holds.
const (
	// maxStudyRows bounds each table.
	maxStudyRows = 64
	// maxWorkload bounds the workload's name.
	maxWorkload = 100
)

// DecodeStudy reads a study a suite handed over and checks its shape: a
// study is shown, not graded, but the report must not print whatever
// arrives.
func DecodeStudy(raw []byte) (*Study, error) {
	var s Study
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("the study does not decode: %v", err)
	}
	if len(s.Strong) > maxStudyRows || len(s.Weak) > maxStudyRows || len(s.Workload) > maxWorkload {
		return nil, fmt.Errorf("the study is larger than any the suite builds (%d and %d rows)", len(s.Strong), len(s.Weak))
	}
	return &s, nil
}
