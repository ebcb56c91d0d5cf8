package grader

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"parlab/grader/gotest"
)

// TestTapeNamesTheTraceItLeftOut: a binary file over tapeBinaryLimit is
// not kept, but named, and the replay knows it was there: the grader
// lets no pass stand without its trace, and must not take the tape's
// omission for one.
func TestTapeNamesTheTraceItLeftOut(t *testing.T) {
	work, root := t.TempDir(), t.TempDir()
	big, small := filepath.Join(work, "big.trace"), filepath.Join(work, "small.trace")
	if err := os.WriteFile(big, bytes.Repeat([]byte{0xff}, tapeBinaryLimit+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(small, []byte{0xff, 0xfe}, 0o600); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{tape: &tape{}, root: root}
	rec.keep(step{name: "timing", work: work, files: []string{big, small}}, &gotest.Result{})
	dir := t.TempDir()
	if err := rec.tape.save(dir); err != nil {
		t.Fatal(err)
	}
	tp, err := loadTape(dir)
	if err != nil {
		t.Fatal(err)
	}
	work2 := t.TempDir()
	play := newPlayer(tp, root)
	if _, err := play.run(context.Background(), step{name: "timing", work: work2}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(work2, "small.trace")); err != nil {
		t.Errorf("the small file was not laid back: %v", err)
	}
	if _, err := os.Stat(filepath.Join(work2, "big.trace")); err == nil {
		t.Errorf("the large file was kept")
	}
	if !play.leftOut(filepath.Join(work2, "big.trace")) || play.leftOut(filepath.Join(work2, "small.trace")) {
		t.Errorf("leftOut: big %v, small %v; want true, false", play.leftOut(filepath.Join(work2, "big.trace")), play.leftOut(filepath.Join(work2, "small.trace")))
	}
}

// TestTapeFileRoundTrip: a tape saved and loaded again is the same tape,
// whatever its streams and files hold: JSON objects (kept as objects),
// JSON that is not compact or not an object (kept as strings), HTML
// characters, line separators, control characters, a last line with no
// newline, empty files and streams, a stream as long as a tape keeps
// that is all escapes (a line of 1.5 MB), binary files and several steps
// of one name (kept in their order). Saving again over it leaves no binary
// file of the first save behind.
func TestTapeFileRoundTrip(t *testing.T) {
	tp := &tape{Fingerprint: "f00d", Cores: 4, Steps: []tapeStep{
		{Name: "race run", ExitCode: 1,
			Stdout: `{"Time":"2026-12-07T08:05:29Z","Action":"output","Output":"<a & b>\u2028\n"}` + "\n" +
				`{ "Action": "spaced" }` + "\n" + `["not", "an object"]` + "\n" + "\x1b[31mred\x1b[0m\ttab\r\n" + "\n" + "no newline",
			Stderr: "one line\n",
			Files: map[string]string{"${WORK}/report-1-race.jsonl": `{"kind":"complete","code":1}` + "\n",
				"${WORK}/race.log.12": "", "${WORK}/nl": "\n", "${WORK}/partial": "a\nb"}},
		{Name: "build vet", ExitCode: 2, TimedOut: true, OutOfMemory: true, PeakMemory: 1 << 30, Dropped: 7},
		{Name: "timing", Binary: map[string][]byte{"${WORK}/work/call.trace": {0, 0xff, '\n', 0xfe}}, TooLarge: []string{"${WORK}/work/big.trace"}},
		{Name: "build race", Stdout: "# parlab/exercises/histogram\n./histogram.go:3:2: undefined: x\n"},
		{Name: "timing", ExitCode: 3, Binary: map[string][]byte{"${WORK}/work/call.trace": {1, 2, 0xff}}},
		{Name: "study", Stderr: strings.Repeat("\x00", tapeStreamLimit)},
	}}
	dir := t.TempDir()
	stale := filepath.Join(dir, "tape-9-old.trace")
	if err := os.WriteFile(stale, []byte{0xff}, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := tp.save(dir); err != nil {
		t.Fatal(err)
	}
	got, err := loadTape(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := (&tape{Fingerprint: tp.Fingerprint, Cores: tp.Cores, Steps: tp.ordered()}); !reflect.DeepEqual(got, want) {
		t.Errorf("loaded back:\n%+v\nwant\n%+v", got, want)
	}
	if names := tp.names(); !slices.Equal(got.names(), names) {
		t.Errorf("steps %q, want %q", got.names(), names)
	}
	var order []string
	for _, s := range got.Steps {
		order = append(order, s.Name)
	}
	if want := []string{"build race", "build vet", "race run", "timing", "timing", "study"}; !slices.Equal(order, want) {
		t.Errorf("steps in the order %q, want %q (builds first, by name)", order, want)
	}
	if got.Steps[3].ExitCode != 0 || got.Steps[4].ExitCode != 3 {
		t.Errorf("the two timing steps are not in their recorded order")
	}
	entries, _ := os.ReadDir(dir)
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	if want := []string{"tape-1-call.trace", "tape-2-call.trace", tapeFile}; !slices.Equal(files, want) {
		t.Errorf("the folder holds %q, want %q", files, want)
	}
	text, err := os.ReadFile(filepath.Join(dir, tapeFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"tape":1,"fingerprint":"f00d","cores":4}` + "\n",
		`{"stdout":{"Time":"2026-12-07T08:05:29Z","Action":"output","Output":"<a & b>\u2028\n"}}` + "\n",
		`{"stdout":"{ \"Action\": \"spaced\" }"}` + "\n",
		`{"stdout":"\u001b[31mred\u001b[0m\ttab\r"}` + "\n",
		`{"stdout":"no newline","partial":true}` + "\n",
		`{"file":"${WORK}/race.log.12"}` + "\n" + `{"file":"${WORK}/report-1-race.jsonl"}` + "\n" + `{"line":{"kind":"complete","code":1}}` + "\n",
		`{"binary":"${WORK}/work/call.trace","in":"tape-1-call.trace"}` + "\n",
		`{"too_large":"${WORK}/work/big.trace"}` + "\n",
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the tape file does not hold %q:\n%s", want, text)
		}
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(text), "\n"), "\n") {
		if strings.ContainsFunc(line, func(r rune) bool { return r < ' ' }) {
			t.Errorf("line %d holds a control character: %q", i+1, line)
		}
	}
}

// TestTapeFileErrors: a tape file edited by hand into something else
// than a tape is refused, naming the line; a legacy tape is named with
// the command that converts it.
func TestTapeFileErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{``, "empty"},
		{`{"step":"race run"}`, "line 1: the first record is not the tape record"},
		{`{"tape":2}`, "line 1: tape version 2"},
		{`{"tape":1}` + "\n" + `{"stdout":"x"}`, "line 2: a record of a step before any step record"},
		{`{"tape":1}` + "\n" + `{"step":"a","stdout":"x"}`, "line 2: a record is one of"},
		{`{"tape":1}` + "\n" + `{"step":"a","exitcode":1}`, `line 2: json: unknown field "exitcode"`},
		{`{"tape":1}` + "\n" + `{"step":"a"}` + "\n" + `{"line":"x"}`, "line 3: a line record before any file record"},
		{`{"tape":1}` + "\n" + `{"step":"a"}` + "\n" + `{"stdout":"x","partial":true}` + "\n" + `{"stdout":"y"}`, "line 4: a line of stdout after its partial last line"},
		{`{"tape":1}` + "\n" + `{"step":"a"}` + "\n" + `{"stdout":3}`, "line 3: a line is a string or a JSON object"},
		{`{"tape":1}` + "\n" + `{"step":"a"}` + "\n" + `{"binary":"${WORK}/t","in":"../t"}`, `line 3: binary ${WORK}/t: "in" must name`},
		{`{"tape":1}` + "\n" + `{"step":"a"} {"step":"b"}`, "line 2: more than one record on the line"},
		{`{"tape":1}` + "\n\n" + `{"step":"a"}`, "line 2: a line is one JSON object"},
		{`{"tape":1}` + "\n" + ` {"step":"a"}`, "line 2: a line is one JSON object"},
		{`{"tape":1}` + "\n" + `{"step":"a"` + "\n", "line 2: unexpected EOF"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, tapeFile), []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := loadTape(dir); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one saying %q", tc.text, err, tc.want)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, legacyTapeFile), []byte(`{"cores":2,"steps":null}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadTape(dir); err == nil || !strings.Contains(err.Error(), "-convert-tapes") {
		t.Errorf("a legacy tape: error %v, want the command that converts it", err)
	}
}
