package plots

import (
	"fmt"

	"parlab/grader/exercise"
	"parlab/grader/verdict"
)

// DrawStudy draws the learner's strong and weak scaling curves against the
// ideal line and the laws' predictions.
func DrawStudy(file string, spec exercise.Spec, res *verdict.Result) error {
	if !spec.Study {
		return fmt.Errorf("--plot: exercise %s has no scaling study to draw (scalability has one)", spec.Name)
	}
	if res.Study == nil {
		return fmt.Errorf("--plot: no scaling study was run: it needs correct, race-free code that terminates, and no --no-speedup")
	}
	return Save(file, studyPanels(res.Study))
}

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
