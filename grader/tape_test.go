package grader

import (
	"bytes"
	"context"
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
