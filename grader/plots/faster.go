package plots

import (
	"errors"
	"fmt"
	"slices"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// Draw draws what a grade measured into file (.svg or .png): the faster
// check's scaling curve, measured at 1, 2, 4, ... up to the cores used
// (speedup against the ideal line and the bar, efficiency, and the serial
// fraction each speedup implies by Karp-Flatt), and, for an exercise with
// a scaling study, the learner's strong and weak scaling curves first.
func Draw(file string, spec exercise.Spec, res *verdict.Result) error {
	var panels []Panel
	if spec.Study && res.Study != nil {
		panels = append(panels, studyPanels(res.Study)...)
	}
	if sp := res.Speedup; sp != nil && len(sp.Rows) > 0 {
		panels = append(panels, FasterPanels(sp)...)
	}
	if len(panels) == 0 {
		return errors.New("--plot: nothing was measured to draw: the speed is measured only for correct, race-free code that terminates, and not with --no-speedup")
	}
	return Save(file, panels)
}

// FasterPanels are the faster check's table as charts: the speedup over
// the serial reference at each worker count with its 90% range, against
// the ideal (p workers, p times as fast) and the bar the check required;
// the efficiency (speedup over workers); and the Karp-Flatt serial
// fraction, when there are rows with more than one worker. Negative
// serial fractions (a speedup above ideal, noise or caches) are drawn
// at 0.
func FasterPanels(sp *verdict.Speedup) []Panel {
	var x, s, low, high, ideal, bar, eff, one, kx, kf []float64
	for _, r := range sp.Rows {
		w := float64(r.Workers)
		x, s, low, high = append(x, w), append(s, r.Speedup), append(low, r.SpeedupLow), append(high, r.SpeedupHigh)
		ideal, bar = append(ideal, w), append(bar, sp.Required)
		eff, one = append(eff, r.Efficiency), append(one, 1)
		if r.KarpFlatt != nil {
			kx, kf = append(kx, w), append(kf, max(*r.KarpFlatt, 0))
		}
	}
	panels := []Panel{
		{Title: "Speedup over the serial reference", XLabel: "workers", YLabel: "speedup", Lines: []Line{
			{Name: "ideal", X: x, Y: ideal, Reference: true},
			{Name: fmt.Sprintf("required at %d workers (%.2fx)", sp.Workers, sp.Required), X: x, Y: bar, Reference: true},
			{Name: "measured (median, 90% range)", X: x, Y: s, Low: low, High: high},
		}},
		{Title: "Efficiency", XLabel: "workers", YLabel: "speedup / workers", LegendRight: true, Lines: []Line{
			{Name: "ideal", X: x, Y: one, Reference: true},
			{Name: "measured", X: x, Y: eff},
		}},
	}
	if len(kx) > 0 {
		panels = append(panels, Panel{Title: "Serial fraction (Karp-Flatt)", XLabel: "workers", YLabel: "(1/S - 1/p) / (1 - 1/p)",
			YMax: max(0.5, slices.Max(kf)*1.3), Lines: []Line{{Name: "measured", X: kx, Y: kf}}})
	}
	return panels
}
