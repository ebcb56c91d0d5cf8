package grader

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"parlab/grader/gotest"
)

// TestTapeNamesTheTraceItLeftOut: a binary file over tapeBinaryLimit is
// not kept, but named, and the replay knows it was there: the grader
// lets no pass stand without its trace, and must not take the tape's
// omission for one.
func TestTapeNamesTheTraceItLeftOut(t *testing.T) {
	ws := &workspace{dir: t.TempDir()}
	r := &run{ws: ws, opts: Options{Root: t.TempDir()}}
	big, small := filepath.Join(ws.dir, "big.trace"), filepath.Join(ws.dir, "small.trace")
	if err := os.WriteFile(big, bytes.Repeat([]byte{0xff}, tapeBinaryLimit+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(small, []byte{0xff, 0xfe}, 0o600); err != nil {
		t.Fatal(err)
	}
	rec := &tape{}
	rec.record(r, "timing", &gotest.Result{}, []string{big, small})
	path := filepath.Join(t.TempDir(), "tape.json")
	if err := rec.save(path); err != nil {
		t.Fatal(err)
	}
	play, err := loadTape(path)
	if err != nil {
		t.Fatal(err)
	}
	ws2 := &workspace{dir: t.TempDir()}
	r2 := &run{ws: ws2, opts: Options{Root: r.opts.Root}}
	if _, err := play.play(r2, "timing", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ws2.dir, "small.trace")); err != nil {
		t.Errorf("the small file was not laid back: %v", err)
	}
	if _, err := os.Stat(filepath.Join(ws2.dir, "big.trace")); err == nil {
		t.Errorf("the large file was kept")
	}
	if !play.tooLarge(filepath.Join(ws2.dir, "big.trace")) || play.tooLarge(filepath.Join(ws2.dir, "small.trace")) {
		t.Errorf("tooLarge: big %v, small %v; want true, false", play.tooLarge(filepath.Join(ws2.dir, "big.trace")), play.tooLarge(filepath.Join(ws2.dir, "small.trace")))
	}
}
