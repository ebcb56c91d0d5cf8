package bench

import (
	"parlab/grader/plots"
)

// panels are the notebook's three charts for a table: speedup against the
// ideal line, efficiency, and time, one line per variant.
func panels(t Table) []plots.Panel {
	speed := plots.Panel{Title: t.Kernel + ": speedup", XLabel: "workers", YLabel: "speedup vs 1 worker"}
	eff := plots.Panel{Title: t.Kernel + ": efficiency", XLabel: "workers", YLabel: "efficiency", LegendRight: true}
	tm := plots.Panel{Title: t.Kernel + ": time", XLabel: "workers", YLabel: "time (ms)", LegendRight: true}
	var ideal plots.Line
	ideal.Name, ideal.Reference = "ideal", true
	seen := map[int]bool{}
	byVariant := map[string]*[3]plots.Line{}
	var order []string
	for _, r := range t.Rows {
		lines, ok := byVariant[r.Variant]
		if !ok {
			lines = &[3]plots.Line{}
			for i := range lines {
				lines[i].Name = r.Variant
			}
			byVariant[r.Variant] = lines
			order = append(order, r.Variant)
		}
		x := float64(r.Workers)
		lines[0].X, lines[0].Y = append(lines[0].X, x), append(lines[0].Y, r.Speedup)
		lines[1].X, lines[1].Y = append(lines[1].X, x), append(lines[1].Y, r.Efficiency)
		lines[2].X, lines[2].Y = append(lines[2].X, x), append(lines[2].Y, r.Mean.Seconds()*1000)
		if !seen[r.Workers] {
			seen[r.Workers] = true
			ideal.X, ideal.Y = append(ideal.X, x), append(ideal.Y, x)
		}
	}
	speed.Lines = append(speed.Lines, ideal)
	for _, v := range order {
		l := byVariant[v]
		speed.Lines = append(speed.Lines, l[0])
		eff.Lines = append(eff.Lines, l[1])
		tm.Lines = append(tm.Lines, l[2])
	}
	return []plots.Panel{speed, eff, tm}
}
