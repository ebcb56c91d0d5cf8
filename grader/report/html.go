package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"parlab/grader/plots"
	"parlab/grader/verdict"
)

// HTML writes one self-contained page: the score distribution, the
// pass rate of every check, the speedup each student reached against the
// bar (charts drawn with gonum/plot, inlined as SVG), and a sortable table
// of students linking to their JSON. Nothing is fetched from the network.
func HTML(w io.Writer, b Gradebook) error {
	sum := Summarize(b)
	data := reportData{Students: len(b.Students), Summary: sum, Partial: b.Partial, Remeasure: RemeasureCommand,
		Similarity: viewSimilarity(b.Similarity)}
	for _, s := range b.Exercises {
		data.Exercises = append(data.Exercises, s.Name)
	}
	for _, st := range b.Students {
		data.Rows = append(data.Rows, htmlRow(b, st))
	}
	charts, err := htmlCharts(b, sum)
	if err != nil {
		return err
	}
	data.Charts = charts
	return reportTemplate.Execute(w, data)
}

// htmlRow is one student's row of the table.
func htmlRow(b Gradebook, st Student) reportRow {
	row := reportRow{Student: st.Name, File: st.File, Total: st.Total, Max: st.Max,
		Percent: Percent(st.Total, st.Max), Note: st.Note, Pending: strings.Join(st.Pending, ", ")}
	for _, s := range b.Exercises {
		cell := reportCell{Score: "–", Max: s.MaxScore()}
		if res := st.Results[s.Name]; res != nil {
			cell.Score, cell.Max = strconv.Itoa(res.Score), res.MaxScore // a pending check's points are out of it
			cell.Passed = res.Passed()
			if f := res.FirstFailure(); f != nil {
				cell.Title = string(f.Name) + ": " + headline(f.Message)
			}
			for _, c := range res.Checks {
				if c.Status == verdict.Fail || c.Status == verdict.Error {
					row.Failures = append(row.Failures, failureView{Exercise: s.Name, Check: string(c.Name), Message: c.Message, Hint: c.Hint})
				}
			}
		}
		row.Cells = append(row.Cells, cell)
	}
	return row
}

// htmlCharts draws the page's charts as inline SVG.
func htmlCharts(b Gradebook, sum Summary) ([]reportChart, error) {
	charts := []struct {
		name   string
		panels []plots.Panel
	}{
		{"distribution", []plots.Panel{distributionPanel(b)}},
		{"passrates", passRatePanels(sum)},
		{"speedups", speedupPanels(sum)},
	}
	var out []reportChart
	for _, c := range charts {
		if len(c.panels) == 0 {
			continue
		}
		var svg bytes.Buffer
		if err := plots.Write(&svg, "svg", c.panels); err != nil {
			return nil, fmt.Errorf("drawing the %s chart: %w", c.name, err)
		}
		out = append(out, reportChart{Name: c.name, SVG: template.HTML(stripXMLHeader(svg.String()))})
	}
	return out, nil
}

type reportData struct {
	Students  int
	Exercises []string
	Rows      []reportRow
	Summary   Summary
	Charts    []reportChart
	// Partial says why the book is not the whole class.
	Partial string
	// Remeasure is the command that finishes pending checks.
	Remeasure string
	// Similarity is the code similarity section, when the class was
	// compared.
	Similarity *similarityView
}

type reportRow struct {
	Student, File string
	Cells         []reportCell
	// Failures are the student's failing checks, every exercise, with
	// their messages: the page shows them in the row, folded.
	Failures   []failureView
	Total, Max int
	Percent    string
	Note       string
	// Pending names the exercises whose faster check is pending.
	Pending string
}

// failureView is one failing check of one student's.
type failureView struct {
	Exercise, Check, Message, Hint string
}

type reportCell struct {
	Score  string
	Max    int
	Passed bool
	Title  string
}

type reportChart struct {
	Name string
	SVG  template.HTML
}

// distributionPanel is how many students scored in each tenth of the
// total.
func distributionPanel(b Gradebook) plots.Panel {
	counts := make([]float64, 10)
	labels := make([]string, 10)
	for i := range labels {
		labels[i] = fmt.Sprintf("%d–%d", i*10, i*10+10)
	}
	for _, st := range b.Students {
		if st.Max == 0 {
			continue
		}
		bin := int(math.Min(9, math.Floor(10*float64(st.Total)/float64(st.Max))))
		counts[bin]++
	}
	return plots.Panel{Title: "Score distribution", XLabel: "total score (%)", YLabel: "students",
		Bars: &plots.Bars{Labels: labels, Values: counts}, Width: 7 * vg.Inch}
}

// passRatePanels is one bar chart per exercise: the share of graded
// submissions passing each check.
func passRatePanels(sum Summary) []plots.Panel {
	var out []plots.Panel
	for _, e := range sum.Exercises {
		if e.Graded == 0 {
			continue
		}
		b := &plots.Bars{}
		for _, c := range e.Checks {
			b.Labels = append(b.Labels, string(c))
			b.Values = append(b.Values, 100*e.PassRate[c])
		}
		out = append(out, plots.Panel{Title: e.Name + ": pass rate per check", YLabel: "% passing", Bars: b, YMax: 105, Width: 6 * vg.Inch})
	}
	return out
}

// speedupPanels shows, per timed exercise, every measured student's
// speedup as a bar of its own (slowest first), named under it when the
// class is small enough to read the names, against the bar the machine
// set for each: no line joins different students.
func speedupPanels(sum Summary) []plots.Panel {
	var out []plots.Panel
	for _, e := range sum.Exercises {
		if len(e.SpeedupsVsRequired) == 0 {
			continue
		}
		sp := append([]Speedup(nil), e.SpeedupsVsRequired...)
		sort.Slice(sp, func(i, j int) bool { return sp[i].Speedup < sp[j].Speedup })
		bars := &plots.Bars{}
		var x, req []float64
		for i, s := range sp {
			label := ""
			if len(sp) <= maxNamedBars {
				label = s.Student
			}
			bars.Labels = append(bars.Labels, label)
			bars.Values = append(bars.Values, s.Speedup)
			x = append(x, float64(i))
			req = append(req, s.Required)
		}
		xlabel := "students, slowest first"
		if len(sp) > maxNamedBars {
			xlabel = fmt.Sprintf("%d students, slowest first (the table names them)", len(sp))
		}
		out = append(out, plots.Panel{Title: e.Name + ": speedup reached", XLabel: xlabel, YLabel: "speedup vs serial",
			Bars: bars, Lines: []plots.Line{{Name: "required", X: x, Y: req, Reference: true}},
			Width: min(max(6*vg.Inch, vg.Length(len(sp))*0.35*vg.Inch), 14*vg.Inch)})
	}
	return out
}

// maxNamedBars is the most students a speedup chart names under their
// bars.
const maxNamedBars = 40

func stripXMLHeader(svg string) string {
	if i := bytes.Index([]byte(svg), []byte("<svg")); i > 0 {
		return svg[i:]
	}
	return svg
}

var reportTemplate = template.Must(template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(f float64) string { return strconv.FormatFloat(100*f, 'f', 0, 64) },
	"f1":  func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
	"rate": func(e ExerciseSummary, c verdict.CheckName) string {
		return strconv.FormatFloat(100*e.PassRate[c], 'f', 0, 64)
	},
}).Funcs(similarityFuncs).Parse(similarityTemplate)).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>parlab gradebook</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
.chart svg { max-width: 100%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { padding: 0.3em 0.8em; border-bottom: 1px solid #ddd; text-align: right; }
th { cursor: pointer; background: #f4f4f4; user-select: none; }
th:first-child, td:first-child, td.note { text-align: left; }
td.pass { color: #1a7f37; } td.fail { color: #c62828; }
.partial { background: #fff3cd; border: 1px solid #e0b000; padding: 0.6em 1em; }
.pending-note { background: #e8f0fe; padding: 0.6em 1em; }
tr.pending td:first-child::after { content: " ⏳"; }
table.sidebyside td { vertical-align: top; text-align: left; }
table.sidebyside pre { margin: 0; font-size: 0.85em; white-space: pre-wrap; }
.where { color: #666; font-size: 0.85em; }
mark.m0 { background: #ffe08a; } mark.m1 { background: #b9e6c9; } mark.m2 { background: #c9dcff; } mark.m3 { background: #f6c4d8; }
.summary td { text-align: left; }
details.failures { font-size: 0.85em; max-width: 60em; } details.failures pre { white-space: pre-wrap; margin: 0.2em 0 0.4em; }
details.failures ul { padding-left: 1.2em; margin: 0.3em 0; }
</style>
</head>
<body>
<h1>parlab gradebook: {{.Students}} students{{if .Partial}} (partial){{end}}</h1>
{{if .Partial}}<p class="partial" id="partial"><strong>Partial gradebook:</strong> {{.Partial}}</p>
{{end}}{{if .Summary.Pending}}<p class="pending-note" id="pending"><strong>Speed check pending for {{.Summary.Pending}} students</strong> (marked ⏳): the machine was too busy to judge their faster check, whose points are left out of their maximum meanwhile. Finish them on a quiet machine with <code>{{.Remeasure}}</code>, OUT being the folder of this page.</p>
{{end}}<h2>Exercises</h2>
<table class="summary">
<tr><th>exercise</th><th>graded</th><th>mean</th><th>median</th><th>pass rate per check</th><th>most common first failures (an example of each)</th></tr>
{{range .Summary.Exercises}}{{$e := .}}<tr><td>{{.Name}}</td><td>{{.Graded}}{{if .Missing}} of {{$.Students}} ({{.Missing}} without it){{end}}</td><td class="mean">{{f1 .MeanScore}}/{{.MaxScore}}</td><td>{{f1 .Median}}/{{.MaxScore}}</td>
<td>{{if .Graded}}{{range .Checks}}{{.}} {{rate $e .}}%<br>{{end}}{{else}}none graded{{end}}</td>
<td>{{range .CommonFailures}}{{.Count}}× {{.Check}}: {{.Message}}<br>{{end}}</td></tr>
{{end}}</table>
{{range .Charts}}<h2>{{if eq .Name "distribution"}}Score distribution{{else if eq .Name "passrates"}}Pass rate per check{{else}}Speedup reached against the bar{{end}}</h2>
<div class="chart" id="chart-{{.Name}}">{{.SVG}}</div>
{{end}}
<h2>Students</h2>
<p>Click a column to sort. Under a student's name, their failing checks with the grader's messages (click to unfold); a score's tooltip is the exercise's first failing check.</p>
<table id="students">
<thead><tr><th data-type="text">student</th>{{range .Exercises}}<th data-type="num">{{.}}</th>{{end}}<th data-type="num">total</th><th data-type="num">percent</th><th data-type="text">note</th></tr></thead>
<tbody>
{{range .Rows}}<tr data-student="{{.Student}}"{{if .Pending}} class="pending" title="speed check pending: {{.Pending}}"{{end}}><td><a href="{{.File}}">{{.Student}}</a>{{if .Failures}}<details class="failures"><summary>{{len .Failures}} failing</summary><ul>{{range .Failures}}<li><strong>{{.Exercise}} · {{.Check}}</strong><pre>{{.Message}}</pre>{{if .Hint}}<div class="where">hint: {{.Hint}}</div>{{end}}</li>{{end}}</ul></details>{{end}}</td>{{range .Cells}}<td class="{{if .Passed}}pass{{else}}fail{{end}}" title="{{.Title}}">{{.Score}}</td>{{end}}<td class="total">{{.Total}}</td><td class="percent">{{.Percent}}</td><td class="note">{{.Note}}</td></tr>
{{end}}</tbody>
</table>
{{if .Similarity}}{{template "similarity" .Similarity}}{{end}}
<script>
document.querySelectorAll("#students th").forEach(function (th, col) {
  var asc = true;
  th.addEventListener("click", function () {
    var body = document.querySelector("#students tbody");
    var rows = Array.prototype.slice.call(body.rows);
    var num = th.dataset.type === "num";
    rows.sort(function (a, b) {
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return asc ? c : -c;
    });
    asc = !asc;
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
</script>
</body>
</html>
`))
