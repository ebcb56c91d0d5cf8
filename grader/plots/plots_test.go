package plots

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

func samplePanels() []Panel {
	x := []float64{1, 2, 4}
	return []Panel{
		{Title: "Strong scaling", XLabel: "workers", YLabel: "speedup", Lines: []Line{
			{Name: "ideal", X: x, Y: x, Reference: true},
			{Name: "measured", X: x, Y: []float64{1, 1.9, 3.1}},
		}},
		{Title: "Efficiency", XLabel: "workers", YLabel: "efficiency", Lines: []Line{
			{Name: "measured", X: x, Y: []float64{1, 0.95, 0.78}},
		}},
	}
}

func TestWriteSVGHoldsEveryPanel(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "svg", samplePanels()); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, want := range []string{"<svg", "Strong scaling", "Efficiency", "measured", "ideal"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG does not contain %q", want)
		}
	}
}

func TestWritePNGDecodes(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "png", samplePanels()); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	if b := img.Bounds(); b.Dx() <= b.Dy() {
		t.Errorf("two panels side by side should be wider than high, got %v", b)
	}
}

func TestErrorsSayWhatToDo(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"bad extension", Save(t.TempDir()+"/plot.pdf", samplePanels()), ".svg or .png"},
		{"no panels", Write(&bytes.Buffer{}, "svg", nil), "nothing to plot"},
		{"uneven line", Write(&bytes.Buffer{}, "svg", []Panel{{Lines: []Line{{Name: "x", X: []float64{1}, Y: nil}}}}), "1 x values and 0 y values"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.name, tc.err, tc.want)
		}
	}
}

// TestDrawFasterCurve: --plot draws the faster table of any timed
// exercise (rows at 1, 2, 4, 8 workers here), with the ideal line, the
// bar and the Karp-Flatt panel; the study's panels come first for an
// exercise with a study; nothing measured is an error that says why.
func TestDrawFasterCurve(t *testing.T) {
	kf := func(x float64) *float64 { return &x }
	sp := &verdict.Speedup{Workers: 8, Required: 4.2, Rows: []verdict.SpeedupRow{
		{Workers: 1, Speedup: 0.95, SpeedupLow: 0.9, SpeedupHigh: 1, Efficiency: 0.95},
		{Workers: 2, Speedup: 1.8, SpeedupLow: 1.7, SpeedupHigh: 1.9, Efficiency: 0.9, KarpFlatt: kf(0.11)},
		{Workers: 4, Speedup: 3.2, SpeedupLow: 3, SpeedupHigh: 3.4, Efficiency: 0.8, KarpFlatt: kf(0.08)},
		{Workers: 8, Speedup: 5.1, SpeedupLow: 4.8, SpeedupHigh: 5.5, Efficiency: 0.64, KarpFlatt: kf(0.08)},
	}}
	panels := FasterPanels(sp)
	if len(panels) != 3 || !strings.Contains(panels[0].Lines[1].Name, "4.20x") || len(panels[0].Lines[2].X) != 4 {
		t.Fatalf("panels: %+v", panels)
	}
	var buf bytes.Buffer
	if err := Write(&buf, "svg", panels); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Speedup over the serial reference", "Efficiency", "Karp-Flatt", "ideal", "required at 8 workers"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the SVG does not contain %q", want)
		}
	}
	if got := FasterPanels(&verdict.Speedup{Workers: 1, Rows: sp.Rows[:1]}); len(got) != 2 {
		t.Errorf("one row: %d panels, want 2 (no serial fraction without a second worker)", len(got))
	}
	dir := t.TempDir()
	if err := Draw(filepath.Join(dir, "f.svg"), exercise.Spec{Name: "histogram"}, &verdict.Result{Speedup: sp}); err != nil {
		t.Fatal(err)
	}
	err := Draw(filepath.Join(dir, "none.svg"), exercise.Spec{Name: "histogram"}, &verdict.Result{})
	if err == nil || !strings.Contains(err.Error(), "--no-speedup") {
		t.Errorf("nothing measured: %v", err)
	}
	study := &verdict.Study{Workload: "PiWorkload", Strong: []verdict.StudyRow{{Workers: 1, Speedup: 1, Law: 1}}, Weak: []verdict.StudyRow{{Workers: 1, Speedup: 1, Law: 1}}}
	if err := Draw(filepath.Join(dir, "s.svg"), exercise.Spec{Name: "scalability", Study: true}, &verdict.Result{Study: study, Speedup: sp}); err != nil {
		t.Fatal(err)
	}
}
