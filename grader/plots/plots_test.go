package plots

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
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
