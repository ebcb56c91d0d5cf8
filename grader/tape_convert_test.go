package grader

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var convertTapes = flag.Bool("convert-tapes", false, "convert every scenario's tape of the old format (tape.json) to tape.ndjson and its binary files, keeping its fingerprint")

// TestConvertTapes: no scenario holds a tape of the old format
// (tape.json, one JSON document, its traces base64 inside). With
// -convert-tapes it converts each, without recording anything again, so
// each keeps its fingerprint: it writes the tape in tapeFile's format,
// reads it back, requires the very tape it converted, and only then
// removes tape.json. It can be run again at any time: a scenario
// recorded in the old format since is converted then.
func TestConvertTapes(t *testing.T) {
	legacy, err := filepath.Glob(filepath.Join("testdata", "*", "*", legacyTapeFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range legacy {
		if !*convertTapes {
			t.Errorf("%s is a tape of the old format: convert it with `go test ./grader -run TestConvertTapes -convert-tapes`", path)
			continue
		}
		dir := filepath.Dir(path)
		old, err := loadLegacyTape(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.save(dir); err != nil {
			t.Fatal(err)
		}
		back, err := loadTape(dir)
		if err != nil {
			t.Fatal(err)
		}
		if want := (&tape{Fingerprint: old.Fingerprint, Cores: old.Cores, Steps: old.ordered()}); !reflect.DeepEqual(back, want) {
			t.Fatalf("%s: the converted tape reads back otherwise than the old one", dir)
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s: still there after the tape was saved", path)
		}
		t.Logf("converted %s", dir)
	}
}

// loadLegacyTape reads a tape of the old format: the tape as one JSON
// document, binary files base64 inside.
func loadLegacyTape(path string) (*tape, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var old struct {
		Fingerprint string `json:"fingerprint"`
		Cores       int    `json:"cores"`
		Steps       []struct {
			Name        string            `json:"name"`
			Stdout      string            `json:"stdout"`
			Stderr      string            `json:"stderr"`
			ExitCode    int               `json:"exit_code"`
			TimedOut    bool              `json:"timed_out"`
			OutOfMemory bool              `json:"out_of_memory"`
			PeakMemory  int64             `json:"peak_memory"`
			Dropped     int64             `json:"dropped"`
			Files       map[string]string `json:"files"`
			Binary      map[string][]byte `json:"binary"`
			TooLarge    []string          `json:"too_large"`
		} `json:"steps"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&old); err != nil {
		return nil, err
	}
	t := &tape{Fingerprint: old.Fingerprint, Cores: old.Cores}
	for _, s := range old.Steps {
		t.Steps = append(t.Steps, tapeStep(s))
	}
	return t, nil
}
