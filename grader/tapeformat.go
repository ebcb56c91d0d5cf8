package grader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// tapeFile is a scenario's tape, beside its expected.json: text, one
// JSON record a line, so that a re-recorded tape reads as a diff:
//
//	{"tape":1,"fingerprint":"4a08…","cores":2}                      the first line
//	{"step":"race run","exit_code":0,"peak_memory":146350080}       a step: what follows is its own
//	{"stdout":{"Time":"…","Action":"run","Test":"TestChunk"}}        a line of its standard output
//	{"stderr":"./histogram.go:12:2: undefined: x"}                  a line of its standard error
//	{"file":"${WORK}/report-1-race.jsonl"}                          a text file it left,
//	{"line":{"kind":"complete","code":1}}                           and a line of that file
//	{"binary":"${WORK}/work/call.trace","in":"tape-1-call.trace"}   a binary file it left, kept beside
//	{"too_large":"${WORK}/work/call.trace"}                         a file left out for its size
//
// A line of a stream or a file that is a compact JSON object (an event of
// the `go test -json` stream, a record of the report file) is that object,
// as it was; any other line is a string. A stream or file whose last line
// has no newline marks that line "partial":true. Binary files (the traced
// call) are files of their own beside the tape, tape-N-NAME.
const tapeFile = "tape.ndjson"

// legacyTapeFile is the tape of the format before tapeFile: one JSON
// document, binary files base64 inside. TestConvertTapes converts it.
const legacyTapeFile = "tape.json"

// tapeVersion is the version of tapeFile's format, in its first line.
const tapeVersion = 1

// tapeSidecar matches the names of the binary files a tape keeps beside
// it.
const tapeSidecar = "tape-[0-9]*"

// tapeHeader is the first record of a tape file.
type tapeHeader struct {
	Tape        int    `json:"tape"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Cores       int    `json:"cores"`
}

// tapeStepRecord starts a step: the records after it, up to the next
// step, are its output and files.
type tapeStepRecord struct {
	Step        string `json:"step"`
	ExitCode    int    `json:"exit_code"`
	TimedOut    bool   `json:"timed_out,omitempty"`
	OutOfMemory bool   `json:"out_of_memory,omitempty"`
	PeakMemory  int64  `json:"peak_memory,omitempty"`
	Dropped     int64  `json:"dropped,omitempty"`
}

// tapeRecord is any record of a tape file, as read: exactly one of Tape,
// Step, Stdout, Stderr, File, Line, Binary and TooLarge is set, and the
// other fields are those of its kind.
type tapeRecord struct {
	Tape        *int            `json:"tape"`
	Fingerprint string          `json:"fingerprint"`
	Cores       int             `json:"cores"`
	Step        *string         `json:"step"`
	ExitCode    int             `json:"exit_code"`
	TimedOut    bool            `json:"timed_out"`
	OutOfMemory bool            `json:"out_of_memory"`
	PeakMemory  int64           `json:"peak_memory"`
	Dropped     int64           `json:"dropped"`
	Stdout      json.RawMessage `json:"stdout"`
	Stderr      json.RawMessage `json:"stderr"`
	File        *string         `json:"file"`
	Line        json.RawMessage `json:"line"`
	Partial     bool            `json:"partial"`
	Binary      *string         `json:"binary"`
	In          string          `json:"in"`
	TooLarge    *string         `json:"too_large"`
}

// save writes the tape into the folder dir: tapeFile and its binary
// files, in place of any tape there was (a tape of the legacy format
// too).
func (t *tape) save(dir string) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	put := func(v any) {
		if err := enc.Encode(v); err != nil {
			panic(err) // only strings, numbers and checked JSON objects
		}
	}
	put(tapeHeader{Tape: tapeVersion, Fingerprint: t.Fingerprint, Cores: t.Cores})
	sidecars := map[string][]byte{}
	for _, s := range t.ordered() {
		put(tapeStepRecord{Step: s.Name, ExitCode: s.ExitCode, TimedOut: s.TimedOut,
			OutOfMemory: s.OutOfMemory, PeakMemory: s.PeakMemory, Dropped: s.Dropped})
		putLines(&b, "stdout", s.Stdout)
		putLines(&b, "stderr", s.Stderr)
		for _, f := range slices.Sorted(maps.Keys(s.Files)) {
			put(struct {
				File string `json:"file"`
			}{f})
			putLines(&b, "line", s.Files[f])
		}
		for _, f := range slices.Sorted(maps.Keys(s.Binary)) {
			in := fmt.Sprintf("tape-%d-%s", len(sidecars)+1, filepath.Base(f))
			sidecars[in] = s.Binary[f]
			put(struct {
				Binary string `json:"binary"`
				In     string `json:"in"`
			}{f, in})
		}
		for _, f := range s.TooLarge {
			put(struct {
				TooLarge string `json:"too_large"`
			}{f})
		}
	}
	old, _ := filepath.Glob(filepath.Join(dir, tapeSidecar))
	for _, f := range append(old, filepath.Join(dir, legacyTapeFile)) {
		if _, keep := sidecars[filepath.Base(f)]; !keep {
			if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	for name, data := range sidecars {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, tapeFile), b.Bytes(), 0o644)
}

// putLines writes a stream or a file's text as one record a line, each
// under key.
func putLines(b *bytes.Buffer, key, text string) {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for _, line := range lines {
		body, whole := strings.CutSuffix(line, "\n")
		fmt.Fprintf(b, "{%q:%s", key, tapeLine(body))
		if !whole {
			b.WriteString(`,"partial":true`)
		}
		b.WriteString("}\n")
	}
}

// tapeLine is one line of a stream or a file as a record holds it: a
// compact JSON object as it is, anything else as a string.
func tapeLine(line string) json.RawMessage {
	if strings.HasPrefix(line, "{") && utf8.ValidString(line) && json.Valid([]byte(line)) {
		var b bytes.Buffer
		if json.Compact(&b, []byte(line)) == nil && b.String() == line {
			return json.RawMessage(line)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(line); err != nil {
		panic(err) // a string always encodes
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// loadTape reads the tape in the folder dir for replay.
func loadTape(dir string) (*tape, error) {
	path := filepath.Join(dir, tapeFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, legacy := os.Stat(filepath.Join(dir, legacyTapeFile)); legacy == nil {
			return nil, fmt.Errorf("%s holds a tape of the old format (%s): convert it with `go test ./grader -run TestConvertTapes -convert-tapes`", dir, legacyTapeFile)
		}
	}
	if err != nil {
		return nil, err
	}
	t, err := readTape(data, dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// tapeReader is the state of reading a tape file: the step that the
// next records add to, and its streams and files so far.
type tapeReader struct {
	t    *tape
	dir  string
	step *tapeStep
	// stdout, stderr and files (by path) are the current step's text; file
	// is the file its last file record named.
	stdout, stderr strings.Builder
	files          map[string]*strings.Builder
	file           string
	// partial names the streams and files ("stdout", "stderr", a file's
	// path) that a partial line ended: no line may follow it there.
	partial map[string]bool
}

// flush puts the current step's streams and files into it.
func (tr *tapeReader) flush() {
	if s := tr.step; s != nil {
		s.Stdout, s.Stderr = tr.stdout.String(), tr.stderr.String()
		for f, b := range tr.files {
			if s.Files == nil {
				s.Files = map[string]string{}
			}
			s.Files[f] = b.String()
		}
	}
	tr.stdout.Reset()
	tr.stderr.Reset()
	tr.files, tr.file, tr.partial = map[string]*strings.Builder{}, "", map[string]bool{}
}

// readTape reads a tape file; dir holds its binary files.
func readTape(data []byte, dir string) (*tape, error) {
	tr := &tapeReader{dir: dir}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	for n, pos := 1, 0; pos < len(data); n++ {
		var rec tapeRecord
		err := errors.New("a line is one JSON object")
		if data[pos] == '{' {
			err = dec.Decode(&rec)
		}
		end := int(dec.InputOffset())
		if err == nil && end < len(data) && data[end] != '\n' {
			err = errors.New("more than one record on the line")
		}
		if err == nil {
			err = tr.add(&rec)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		pos = end + 1
	}
	tr.flush()
	if tr.t == nil {
		return nil, errors.New("empty: no tape record")
	}
	return tr.t, nil
}

// add adds one record to the tape.
func (tr *tapeReader) add(rec *tapeRecord) error {
	kinds := 0
	for _, set := range []bool{rec.Tape != nil, rec.Step != nil, rec.Stdout != nil, rec.Stderr != nil,
		rec.File != nil, rec.Line != nil, rec.Binary != nil, rec.TooLarge != nil} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds != 1:
		return fmt.Errorf("a record is one of tape, step, stdout, stderr, file, line, binary, too_large; this one is %d of them", kinds)
	case rec.Tape != nil:
		if tr.t != nil {
			return errors.New("a second tape record")
		}
		if *rec.Tape != tapeVersion {
			return fmt.Errorf("tape version %d, this grader reads %d", *rec.Tape, tapeVersion)
		}
		tr.t = &tape{Fingerprint: rec.Fingerprint, Cores: rec.Cores}
		return nil
	case tr.t == nil:
		return errors.New("the first record is not the tape record")
	case rec.Step != nil:
		tr.flush()
		tr.t.Steps = append(tr.t.Steps, tapeStep{Name: *rec.Step, ExitCode: rec.ExitCode, TimedOut: rec.TimedOut,
			OutOfMemory: rec.OutOfMemory, PeakMemory: rec.PeakMemory, Dropped: rec.Dropped})
		tr.step = &tr.t.Steps[len(tr.t.Steps)-1]
		return nil
	case tr.step == nil:
		return errors.New("a record of a step before any step record")
	}
	return tr.addToStep(rec)
}

// addToStep adds a record of the current step: a line of a stream or a
// file, a file, a binary file or one left out.
func (tr *tapeReader) addToStep(rec *tapeRecord) error {
	s := tr.step
	switch {
	case rec.Stdout != nil:
		return tr.line("stdout", &tr.stdout, rec.Stdout, rec.Partial)
	case rec.Stderr != nil:
		return tr.line("stderr", &tr.stderr, rec.Stderr, rec.Partial)
	case rec.File != nil:
		if _, dup := tr.files[*rec.File]; dup {
			return fmt.Errorf("file %s twice in one step", *rec.File)
		}
		tr.file = *rec.File
		tr.files[tr.file] = &strings.Builder{}
		return nil
	case rec.Line != nil:
		if tr.file == "" {
			return errors.New("a line record before any file record")
		}
		return tr.line(tr.file, tr.files[tr.file], rec.Line, rec.Partial)
	case rec.Binary != nil:
		if rec.In == "" || filepath.Base(rec.In) != rec.In || !strings.HasPrefix(rec.In, "tape-") {
			return fmt.Errorf("binary %s: \"in\" must name a tape-N-NAME file beside the tape, not %q", *rec.Binary, rec.In)
		}
		data, err := os.ReadFile(filepath.Join(tr.dir, rec.In))
		if err != nil {
			return err
		}
		if s.Binary == nil {
			s.Binary = map[string][]byte{}
		}
		s.Binary[*rec.Binary] = data
		return nil
	default:
		s.TooLarge = append(s.TooLarge, *rec.TooLarge)
		return nil
	}
}

// line appends one line record's text to b, the stream or file named by
// what.
func (tr *tapeReader) line(what string, b *strings.Builder, raw json.RawMessage, partial bool) error {
	if tr.partial[what] {
		return fmt.Errorf("a line of %s after its partial last line", what)
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return err
		}
		b.WriteString(s)
	case '{':
		b.Write(raw)
	default:
		return fmt.Errorf("a line is a string or a JSON object, not %s", raw)
	}
	if !partial {
		b.WriteByte('\n')
	}
	tr.partial[what] = partial
	return nil
}
