package plots

import "parlab/grader/verdict"

func studyPanels(s *verdict.Study) []Panel {
	return []Panel{
		studyPanel("Strong scaling of "+s.Workload, "speedup T(1)/T(p)", "Amdahl", s.Strong),
		studyPanel("Weak scaling of "+s.Workload, "scaled speedup p·T(1)/T(p)", "Gustafson", s.Weak),
	}
}

func studyPanel(title, ylabel, law string, rows []verdict.StudyRow) Panel {
	var x, measured, ideal, predicted []float64
	for _, r := range rows {
		x = append(x, float64(r.Workers))
		measured = append(measured, r.Speedup)
		ideal = append(ideal, float64(r.Workers))
		predicted = append(predicted, r.Law)
	}
	return Panel{Title: title, XLabel: "workers", YLabel: ylabel, Lines: []Line{
		{Name: "ideal", X: x, Y: ideal, Reference: true},
		{Name: law, X: x, Y: predicted, Reference: true},
		{Name: "measured", X: x, Y: measured},
	}}
}
