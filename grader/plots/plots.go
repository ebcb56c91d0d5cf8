// Package plots draws parlab's scaling charts with gonum.org/v1/plot: a row
// of panels (speedup against the ideal line, efficiency, time), written as
// SVG or PNG by the file's extension.
package plots

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Line is one curve of a panel.
type Line struct {
	Name string
	// X and Y are the points, in order.
	X, Y []float64
	// Reference marks a guide line (the ideal, a law's bound): drawn
	// dashed and grey.
	Reference bool
	// Low and High, when set (one per point), draw each point's range as
	// an error bar.
	Low, High []float64
}

// ranged is a line's points with their ranges, as gonum's error bars
// read them (offsets below and above each point).
type ranged struct {
	plotter.XYs
	plotter.YErrors
}

// Panel is one chart of the row.
type Panel struct {
	Title, XLabel, YLabel string
	Lines                 []Line
	// LegendRight puts the legend in the top right corner, for curves that
	// fall (efficiency, time); it is top left otherwise.
	LegendRight bool
	// Bars, when set, makes the panel a bar chart (Lines are drawn over
	// it, e.g. a threshold).
	Bars *Bars
	// YMax fixes the top of the y axis (0: from the data).
	YMax float64
	// Width is the panel's width (0: PanelSize); in a row of panels the
	// widest sets the width of all.
	Width vg.Length
}

// Bars is a bar chart: one bar per label.
type Bars struct {
	Labels []string
	Values []float64
}

// PanelSize is the size of one panel.
const PanelSize = 4 * vg.Inch

// palette colours the measured lines, one per line in order.
var palette = []color.Color{
	color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
	color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff},
	color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
}

// guideColors and guideDashes tell the guide lines apart: the first (the
// ideal) grey and dashed, the next (a law) orange and dotted.
var (
	guideColors = []color.Color{color.Gray{Y: 0x80}, color.RGBA{R: 0xe0, G: 0x8a, B: 0x1e, A: 0xff}}
	guideDashes = [][]vg.Length{{vg.Points(5), vg.Points(3)}, {vg.Points(1.5), vg.Points(2.5)}}
)

// Save draws panels side by side into path, an .svg or .png file.
func Save(path string, panels []Panel) error {
	return saveAs(path, "the plot", func(w io.Writer, format string) error { return Write(w, format, panels) })
}

// saveAs writes what draw draws into path, an .svg or .png file; what
// names it in errors.
func saveAs(path, what string, draw func(w io.Writer, format string) error) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".svg" && ext != ".png" {
		return fmt.Errorf("cannot draw %s: name a .svg or .png file", path)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", what, err)
	}
	if err := draw(f, ext[1:]); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// canvas is an SVG or PNG canvas of the given size.
type canvas interface {
	vg.CanvasSizer
	io.WriterTo
}

func newCanvas(format string, width, height vg.Length) (canvas, error) {
	switch format {
	case "svg":
		return vgsvg.New(width, height), nil
	case "png":
		return vgimg.PngCanvas{Canvas: vgimg.New(width, height)}, nil
	default:
		return nil, fmt.Errorf("unknown plot format %q: use svg or png", format)
	}
}

// Write draws panels side by side to w in format "svg" or "png".
func Write(w io.Writer, format string, panels []Panel) error {
	if len(panels) == 0 {
		return fmt.Errorf("nothing to plot")
	}
	each := vg.Length(PanelSize)
	for _, p := range panels {
		each = max(each, p.Width)
	}
	width, height := each*vg.Length(len(panels)), PanelSize
	canvas, err := newCanvas(format, width, height)
	if err != nil {
		return err
	}
	plots := make([][]*plot.Plot, 1)
	for _, p := range panels {
		pl, err := panel(p)
		if err != nil {
			return err
		}
		plots[0] = append(plots[0], pl)
	}
	dc := draw.New(canvas)
	tiles := draw.Tiles{Rows: 1, Cols: len(panels), PadX: vg.Millimeter * 4, PadTop: vg.Millimeter * 2,
		PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, dc)
	for i, pl := range plots[0] {
		pl.Draw(canvases[0][i])
	}
	_, err = canvas.WriteTo(w)
	return err
}

// addBars draws p's bar chart, if it has one, and returns its highest
// bar.
func addBars(pl *plot.Plot, p Panel) (float64, error) {
	if p.Bars == nil {
		return 0, nil
	}
	if len(p.Bars.Labels) != len(p.Bars.Values) {
		return 0, fmt.Errorf("bar chart %q has %d labels and %d values", p.Title, len(p.Bars.Labels), len(p.Bars.Values))
	}
	// Bars narrow to fit the panel: a class of 500 is 500 bars.
	width := vg.Points(18)
	if n := len(p.Bars.Values); n > 0 {
		width = min(width, max(p.Width, PanelSize)*0.7/vg.Length(n))
	}
	bars, err := plotter.NewBarChart(plotter.Values(p.Bars.Values), width)
	if err != nil {
		return 0, fmt.Errorf("bar chart %q: %w", p.Title, err)
	}
	bars.Color = palette[0]
	bars.LineStyle.Width = 0
	pl.Add(bars)
	pl.NominalX(p.Bars.Labels...)
	top := 0.0
	for _, v := range p.Bars.Values {
		top = max(top, v)
	}
	return top, nil
}

// addRanges draws l's ranges, if it has them, as error bars in colour c,
// raising top to the highest.
func addRanges(pl *plot.Plot, l Line, xys plotter.XYs, c color.Color, top *float64) error {
	if l.Low == nil && l.High == nil {
		return nil
	}
	if len(l.Low) != len(l.X) || len(l.High) != len(l.X) {
		return fmt.Errorf("line %q has %d points but %d low and %d high ends", l.Name, len(l.X), len(l.Low), len(l.High))
	}
	r := ranged{XYs: xys, YErrors: make(plotter.YErrors, len(xys))}
	for i := range xys {
		r.YErrors[i].Low, r.YErrors[i].High = max(0, xys[i].Y-l.Low[i]), max(0, l.High[i]-xys[i].Y)
		*top = max(*top, l.High[i])
	}
	bars, err := plotter.NewYErrorBars(r)
	if err != nil {
		return fmt.Errorf("line %q: %w", l.Name, err)
	}
	bars.Color = c
	pl.Add(bars)
	return nil
}

// panel draws one panel: its bars, then its lines, reference lines
// dashed.
func panel(p Panel) (*plot.Plot, error) {
	pl := plot.New()
	pl.Title.Text = p.Title
	pl.X.Label.Text = p.XLabel
	pl.Y.Label.Text = p.YLabel
	pl.Y.Min = 0
	pl.Add(plotter.NewGrid())
	pl.Legend.Top = true
	pl.Legend.Left = !p.LegendRight
	top, err := addBars(pl, p)
	if err != nil {
		return nil, err
	}
	if err := addLines(pl, p.Lines, &top); err != nil {
		return nil, err
	}
	// Head room above the highest point keeps the legend off the curves,
	// and the legend sits inside the frame, off its edges.
	pl.Y.Max = top * (1 + 0.12*float64(len(p.Lines)+1))
	pl.Legend.YOffs = -vg.Points(6)
	pl.Legend.XOffs = vg.Points(8)
	if p.LegendRight {
		pl.Legend.XOffs = -vg.Points(8)
	}
	if p.YMax > 0 {
		pl.Y.Max = p.YMax
	}
	return pl, nil
}

// addLines draws the panel's lines, reference lines dashed, and raises
// top to their highest point. Guide lines are drawn last, over the
// measured curves: a law that predicts what was measured (Amdahl with a
// small serial fraction) hid under the measured curve. Their markers
// show them where they coincide with it.
func addLines(pl *plot.Plot, lines []Line, top *float64) error {
	var guidesLast []plot.Plotter
	measured, guides := 0, 0
	for _, l := range lines {
		if len(l.X) != len(l.Y) {
			return fmt.Errorf("line %q has %d x values and %d y values", l.Name, len(l.X), len(l.Y))
		}
		xys := make(plotter.XYs, len(l.X))
		for i := range l.X {
			xys[i].X, xys[i].Y = l.X[i], l.Y[i]
			*top = max(*top, l.Y[i])
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return fmt.Errorf("line %q: %w", l.Name, err)
		}
		if l.Reference {
			line.Color = guideColors[guides%len(guideColors)]
			line.Dashes = guideDashes[guides%len(guideDashes)]
			line.Width = vg.Points(1.5)
			if guides > 0 { // a law: its points marked
				points.Color, points.Shape, points.Radius = line.Color, draw.PyramidGlyph{}, vg.Points(3.5)
				guidesLast = append(guidesLast, line, points)
				pl.Legend.Add(l.Name, line, points)
			} else {
				guidesLast = append(guidesLast, line)
				pl.Legend.Add(l.Name, line)
			}
			guides++
			continue
		}
		c := palette[measured%len(palette)]
		measured++
		line.Color, line.Width = c, vg.Points(1.5)
		points.Color, points.Shape = c, draw.CircleGlyph{}
		pl.Add(line, points)
		if err := addRanges(pl, l, xys, c, top); err != nil {
			return err
		}
		pl.Legend.Add(l.Name, line, points)
	}
	pl.Add(guidesLast...)
	return nil
}
