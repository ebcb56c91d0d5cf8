package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"parlab/grader/class/similarity"
)

// Similarity is a class's code similarity, per exercise (package
// similarity): a flag for a person to look at, never a verdict; it
// changes no score.
type Similarity struct {
	// Exercises are the exercises compared, in gradebook order.
	Exercises []ExerciseSimilarity `json:"exercises"`
	// Notes say what was left out (an unreadable submission, no model
	// answer).
	Notes []string `json:"notes,omitempty"`
}

// ExerciseSimilarity is one exercise's comparison.
type ExerciseSimilarity struct {
	Exercise string `json:"exercise"`
	// Above counts the pairs at or above the threshold (Pairs may hold
	// only the top ones).
	Above int `json:"above"`
	similarity.Result
}

// SimilarityTop is how many pairs per exercise report.html shows with
// their matched regions side by side (similarity.DefaultLinesFor of them
// carry their lines).
const SimilarityTop = similarity.DefaultLinesFor

// Top is s with only the pairs report.html shows, what a gradebook keeps
// for rewriting its page (the whole list is in similarity.csv).
func (s Similarity) Top() Similarity {
	out := Similarity{Notes: s.Notes}
	for _, e := range s.Exercises {
		e.Pairs = e.Pairs[:min(len(e.Pairs), SimilarityTop)]
		out.Exercises = append(out.Exercises, e)
	}
	return out
}

// SimilarityCSV is similarity.csv: one row per pair at or above the
// threshold, highest first within each exercise, with the share of each
// side's code that the other holds and the matched line ranges.
func SimilarityCSV(s Similarity) []byte {
	var buf bytes.Buffer
	w := cellWriter{csv.NewWriter(&buf)} // student names are folder names: never formulas
	w.Write([]string{"exercise", "a", "b", "score", "share_a", "share_b", "shared_fingerprints", "regions"})
	for _, e := range s.Exercises {
		for _, p := range e.Pairs {
			var regions []string
			for _, r := range p.Regions {
				regions = append(regions, spanText(r.A)+" ~ "+spanText(r.B))
			}
			w.Write([]string{e.Exercise, p.A, p.B, share(p.Score), share(p.ShareA), share(p.ShareB),
				strconv.Itoa(p.Shared), strings.Join(regions, "; ")})
		}
	}
	w.Flush()
	return buf.Bytes()
}

// share is a share in [0, 1] with three decimals.
func share(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

// spanText is FILE:START-END.
func spanText(s similarity.Span) string { return fmt.Sprintf("%s:%d-%d", s.File, s.Start, s.End) }

// SimilarityText prints the pairs at or above the threshold for a
// terminal, highest first.
func SimilarityText(w io.Writer, s Similarity) {
	for _, e := range s.Exercises {
		fmt.Fprintf(w, "%s: %d participants, %d pairs at or above %.0f%%\n", e.Exercise, e.Participants, e.Above, 100*e.Threshold)
		for _, p := range e.Pairs {
			fmt.Fprintf(w, "  %3.0f%%  %s (%.0f%% matched) ~ %s (%.0f%% matched)\n", 100*p.Score, Quote(p.A), 100*p.ShareA, Quote(p.B), 100*p.ShareB)
		}
	}
	for _, n := range s.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// similarityView is the similarity section of report.html.
type similarityView struct {
	Exercises []similarityExerciseView
	Notes     []string
}

type similarityExerciseView struct {
	Name                string
	Participants, Pairs int
	Threshold           string
	Top                 []similarity.Pair
}

// viewSimilarity keeps the top pairs of each exercise for the page.
func viewSimilarity(s *Similarity) *similarityView {
	if s == nil {
		return nil
	}
	v := &similarityView{Notes: s.Notes}
	for _, e := range s.Exercises {
		top := e.Pairs
		if len(top) > SimilarityTop {
			top = top[:SimilarityTop]
		}
		v.Exercises = append(v.Exercises, similarityExerciseView{Name: e.Exercise, Participants: e.Participants,
			Pairs: e.Above, Threshold: share(e.Threshold), Top: top})
	}
	return v
}

// similarityTemplate is report.html's section on code similarity; every
// line of a submission goes through html/template's escaping.
const similarityTemplate = `{{define "similarity"}}<h2 id="similarity">Code similarity</h2>
<p>Pairs of submissions whose code is alike, per exercise (token fingerprints with identifiers and literals normalised, winnowing as in MOSS; the stub never counts, code many students share weighs less; the model answer takes part). <strong>A flag for a person to look at, never a verdict: no score changed.</strong> All pairs at or above the threshold are in similarity.csv.</p>
{{range .Notes}}<p class="note">note: {{.}}</p>
{{end}}{{range .Exercises}}<h3>{{.Name}}: {{.Pairs}} pairs at or above {{.Threshold}} ({{.Participants}} participants)</h3>
{{if .Top}}<table class="pairs"><tr><th>score</th><th>a</th><th>matched of a</th><th>b</th><th>matched of b</th></tr>
{{range .Top}}<tr><td>{{pct .Score}}%</td><td>{{.A}}{{if .AModel}} (model answer){{end}}</td><td>{{pct .ShareA}}%</td><td>{{.B}}{{if .BModel}} (model answer){{end}}</td><td>{{pct .ShareB}}%</td></tr>
{{end}}</table>
{{range .Top}}{{$p := .}}<details class="pair"><summary>{{.A}} ~ {{.B}}: {{pct .Score}}%, {{len .Regions}} matched regions</summary>
<table class="sidebyside"><tr><th>{{.A}}</th><th>{{.B}}</th></tr>
{{range $i, $r := .Regions}}<tr><td><div class="where">{{$r.A.File}}:{{$r.A.Start}}–{{$r.A.End}}</div><pre><mark class="m{{mod $i 4}}">{{lines $r.A.Lines}}</mark></pre></td><td><div class="where">{{$r.B.File}}:{{$r.B.Start}}–{{$r.B.End}}</div><pre><mark class="m{{mod $i 4}}">{{lines $r.B.Lines}}</mark></pre></td></tr>
{{end}}</table></details>
{{end}}{{else}}<p>No pair at or above the threshold.</p>
{{end}}{{end}}{{end}}`

// similarityFuncs are the similarity section's template functions.
var similarityFuncs = map[string]any{
	"mod":   func(i, n int) int { return i % n },
	"lines": func(ls []string) string { return strings.Join(ls, "\n") },
}
