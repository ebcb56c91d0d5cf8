package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/diagnose"
)

func recordedProfile(t *testing.T, name, pkg string) *diagnose.Profile {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "diagnose", "testdata", name+".trace"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := diagnose.Read(f, diagnose.Config{Package: "parlab/exercises/" + pkg})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTimelineLanes(t *testing.T) {
	for _, tc := range []struct {
		trace, pkg string
		lanes      int
		title      string
	}{
		// The caller, two workers, the GC.
		{"histogram-static-split", "histogram", 4, "Parallel(pixels, 2) on 2 cores"},
		// Only the busiest goroutines get a lane.
		{"mergesort-goroutine-per-split", "mergesort", maxLanes + 1, "24 of 47428 goroutines shown"},
	} {
		t.Run(tc.trace, func(t *testing.T) {
			tl := timeline(recordedProfile(t, tc.trace, tc.pkg))
			if len(tl.Lanes) != tc.lanes || !strings.Contains(tl.Title, tc.title) {
				t.Errorf("%d lanes, title %q; want %d lanes and %q in the title", len(tl.Lanes), tl.Title, tc.lanes, tc.title)
			}
			if !strings.Contains(tl.Lanes[0].Name, "your call") {
				t.Errorf("first lane %q is not the caller", tl.Lanes[0].Name)
			}
			var b bytes.Buffer
			if err := WriteTimeline(&b, "svg", tl); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"<svg", "your call", "garbage collection", "runnable"} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("the SVG has no %q", want)
				}
			}
		})
	}
}

func TestTimelineFile(t *testing.T) {
	if err := CheckTimelineFile("t.pdf"); err == nil {
		t.Error("a .pdf timeline was accepted")
	}
	if err := DrawTimeline(filepath.Join(t.TempDir(), "t.svg"), nil); err == nil || !strings.Contains(err.Error(), "no call was traced") {
		t.Errorf("no trace: err %v", err)
	}
	out := filepath.Join(t.TempDir(), "t.png")
	if err := DrawTimeline(out, recordedProfile(t, "histogram-lock-per-pixel", "histogram")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Errorf("no PNG written: %v", err)
	}
}
