package plots

import (
	"fmt"
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Timeline is one traced call drawn as one lane per goroutine over time.
type Timeline struct {
	Title string
	// Lanes are drawn top to bottom.
	Lanes []Lane
	// States name the segment states, in the order of their colours
	// (running, runnable, blocked, GC, ...); the legend lists them.
	States []string
}

// Lane is one goroutine's row.
type Lane struct {
	Name     string
	Segments []Segment
}

// Segment is a stretch of one state, in milliseconds from the start.
type Segment struct {
	Start, End float64
	State      int
}

// legendWidth is the column the legend takes on the right.
const legendWidth = 2.9 * vg.Inch

// stateColors colour the timeline's states: running green, runnable
// amber, blocked red, the GC purple, the rest grey.
var stateColors = []color.Color{
	color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
	color.RGBA{R: 0xff, G: 0xbb, B: 0x33, A: 0xff},
	color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
	color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff},
	color.RGBA{R: 0xa0, G: 0xa0, B: 0xa0, A: 0xff},
}

// SaveTimeline draws t into path, an .svg or .png file.
func SaveTimeline(path string, t Timeline) error {
	return saveAs(path, "the timeline", func(w io.Writer, format string) error { return WriteTimeline(w, format, t) })
}

// WriteTimeline draws t to w in format "svg" or "png".
func WriteTimeline(w io.Writer, format string, t Timeline) error {
	if len(t.Lanes) == 0 {
		return fmt.Errorf("nothing to draw: the trace has no goroutine of your code")
	}
	width := 12 * vg.Inch
	height := vg.Length(1.6)*vg.Inch + vg.Length(len(t.Lanes))*vg.Points(22)
	canvas, err := newCanvas(format, width, height)
	if err != nil {
		return err
	}
	pl := plot.New()
	pl.Title.Text = t.Title
	pl.X.Label.Text = "time since the call started (ms)"
	pl.X.Min, pl.Y.Min, pl.Y.Max = 0, -0.5, float64(len(t.Lanes))-0.5
	names := make([]string, len(t.Lanes))
	for i, l := range t.Lanes {
		names[len(t.Lanes)-1-i] = l.Name // the first lane on top
	}
	pl.NominalY(names...)
	pl.Add(lanes{t.Lanes})
	for _, l := range t.Lanes {
		for _, s := range l.Segments {
			pl.X.Max = max(pl.X.Max, s.End)
		}
	}
	// The legend gets its own column on the right, off the lanes.
	legend := plot.NewLegend()
	legend.Top, legend.Left = true, true
	legend.ThumbnailWidth = vg.Points(12)
	for i, s := range t.States {
		legend.Add(s, swatch{stateColor(i)})
	}
	dc := draw.New(canvas)
	pl.Draw(draw.Crop(dc, 0, -legendWidth, 0, 0))
	legend.Draw(draw.Crop(dc, width-legendWidth+vg.Points(8), 0, 0, -vg.Points(20)))
	_, err = canvas.WriteTo(w)
	return err
}

func stateColor(i int) color.Color {
	return stateColors[min(max(i, 0), len(stateColors)-1)]
}

// lanes is the plotter that draws every segment as a bar in its lane.
type lanes struct{ lanes []Lane }

// Plot implements plot.Plotter.
func (ls lanes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(ls.lanes)
	for i, l := range ls.lanes {
		y := float64(n - 1 - i)
		y0, y1 := trY(y-0.35), trY(y+0.35)
		for _, s := range l.Segments {
			x0, x1 := trX(s.Start), trX(s.End)
			if x1-x0 < vg.Points(0.3) {
				x1 = x0 + vg.Points(0.3) // a short stretch still shows
			}
			c.FillPolygon(stateColor(s.State), c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
		}
	}
}

// swatch is a legend entry: a filled box of one colour.
type swatch struct{ color color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(s.color, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}
