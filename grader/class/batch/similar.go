package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"parlab/grader/class/similarity"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/internal/atomicfile"
)

// The code similarity's files in a gradebook folder.
const (
	// SimilarityFile is the pairs at or above the threshold
	// (report.SimilarityCSV).
	SimilarityFile = "similarity.csv"
	// similarityData is the comparison as report.html shows it, kept so
	// that a later rewrite of the page (a remeasure) keeps its section.
	similarityData = "meta/similarity.json"
)

// maxSourceBytes caps each .go file read for the comparison, and
// maxExerciseBytes all of one exercise's: learner code is hostile, and
// no real answer comes near either.
const (
	maxSourceBytes   = 1 << 20
	maxExerciseBytes = 4 << 20
)

// SimilarityConfig says how a class's code is compared.
type SimilarityConfig struct {
	// Off skips the comparison.
	Off bool
	// Threshold is the score from which pairs are reported
	// (similarity.DefaultThreshold when 0).
	Threshold float64
	// Project is the parlab checkout: its solutions/NAME joins each
	// exercise's comparison as the model answer ("" leaves it out).
	Project string
}

// Similar compares the code of the students' submissions under root,
// exercise by exercise, each with the model answer and without the
// stub. students limits it to those names (nil: every submission).
// Notes say what could not be read.
func Similar(root string, students []string, specs []exercise.Spec, cfg SimilarityConfig) (report.Similarity, error) {
	subs, err := Discover(root)
	if err != nil {
		return report.Similarity{}, err
	}
	if students != nil {
		keep := map[string]bool{}
		for _, s := range students {
			keep[s] = true
		}
		var mine []Submission
		for _, s := range subs {
			if keep[s.Student] {
				mine = append(mine, s)
			}
		}
		subs = mine
	}
	var out report.Similarity
	docs := map[string][]similarity.Doc{}
	for _, s := range subs {
		files, err := submissionSources(s, specs)
		if err != nil {
			out.Notes = append(out.Notes, fmt.Sprintf("%s left out: %v", s.Student, err))
			continue
		}
		for name, src := range files {
			docs[name] = append(docs[name], similarity.Doc{Name: s.Student, Files: src})
		}
	}
	for _, spec := range specs {
		stub, err := spec.Pristine()
		if err != nil {
			return out, err
		}
		participants := docs[spec.Name]
		if cfg.Project != "" {
			model, err := goFiles(filepath.Join(cfg.Project, spec.SolutionDir()))
			if err == nil && len(model) > 0 {
				participants = append(participants, similarity.Doc{Name: spec.SolutionDir(), Model: true, Files: model})
			} else {
				out.Notes = append(out.Notes, fmt.Sprintf("%s: no model answer in %s", spec.Name, filepath.Join(cfg.Project, spec.SolutionDir())))
			}
		}
		res := similarity.Compare(participants, similarity.Config{Threshold: cfg.Threshold, Stub: stub, LinesFor: report.SimilarityTop})
		out.Exercises = append(out.Exercises, report.ExerciseSimilarity{Exercise: spec.Name, Above: len(res.Pairs), Result: res})
	}
	return out, nil
}

// submissionSources reads the .go files of each exercise in s, by
// exercise name; an archive is unpacked (checked as for grading) into a
// temporary folder first.
func submissionSources(s Submission, specs []exercise.Spec) (map[string]map[string][]byte, error) {
	dir := s.Path
	if s.Archive {
		tmp, err := os.MkdirTemp("", "parlab-similar-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		if err := Unpack(s.Path, tmp); err != nil {
			return nil, err
		}
		dir = tmp
	}
	out := map[string]map[string][]byte{}
	for _, spec := range specs {
		exDir, ok := ExerciseDir(dir, spec.Name)
		if !ok {
			continue
		}
		files, err := goFiles(exDir)
		if err != nil {
			return nil, err
		}
		if len(files) > 0 {
			out[spec.Name] = files
		}
	}
	return out, nil
}

// goFiles reads the .go files (not tests) directly in dir, passing over
// links and files over maxSourceBytes; more than maxExerciseBytes in all
// is an error.
func goFiles(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	total := 0
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if info, err := e.Info(); err != nil || info.Size() > maxSourceBytes {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		if total += len(data); total > maxExerciseBytes {
			return nil, fmt.Errorf("more than %d MiB of Go code in %s", maxExerciseBytes>>20, filepath.Base(dir))
		}
		out[name] = data
	}
	return out, nil
}

// WriteSimilarity writes similarity.csv (every pair at or above the
// threshold) and the data report.html shows (the top pairs) into out.
func WriteSimilarity(out string, s report.Similarity) error {
	if err := atomicfile.WriteFile(filepath.Join(out, SimilarityFile), report.SimilarityCSV(s)); err != nil {
		return err
	}
	return writeJSON(filepath.Join(out, similarityData), s.Top())
}

// loadSimilarity reads the comparison kept in out; nil when there is
// none (or it cannot be read: the page then goes without it).
func loadSimilarity(out string) *report.Similarity {
	data, err := os.ReadFile(filepath.Join(out, similarityData))
	if err != nil {
		return nil
	}
	var s report.Similarity
	if json.Unmarshal(data, &s) != nil {
		return nil
	}
	return &s
}

// writeSimilarity compares the class graded into cfg.Out, unless the
// run is one shard of it (`grade merge` compares the whole class) or
// cfg.Similarity.Off.
func writeSimilarity(cfg Config, m *Manifest) error {
	if cfg.Similarity.Off || cfg.Shard.N > 1 {
		return nil
	}
	s, err := Similar(cfg.Root, m.Students, cfg.Exercises, cfg.Similarity)
	if err != nil {
		return err
	}
	return WriteSimilarity(cfg.Out, s)
}

// mergeSimilarity compares the merged class, read again from the
// submissions folder the shards graded, when that folder can be read
// here; a note says why not otherwise.
func mergeSimilarity(cfg MergeConfig, m *Manifest, specs []exercise.Spec) ([]string, error) {
	if cfg.Similarity.Off || len(m.Students) == 0 {
		return nil, nil
	}
	if m.Root == "" {
		return []string{"code similarity not compared: the shards do not name one submissions folder; run grade similar ROOT --out " + cfg.Out}, nil
	}
	if _, err := os.Stat(m.Root); errors.Is(err, fs.ErrNotExist) {
		return []string{fmt.Sprintf("code similarity not compared: %s, the submissions folder graded, is not here; run grade similar ROOT --out %s", m.Root, cfg.Out)}, nil
	}
	s, err := Similar(m.Root, m.Students, specs, cfg.Similarity)
	if err != nil {
		return nil, err
	}
	return nil, WriteSimilarity(cfg.Out, s)
}

// SimilarInto compares the code of every submission under root (`grade
// similar`): the exercises given, or, when out holds a gradebook, its
// exercises. With out, it writes similarity.csv there and, if out holds
// student records, report.html again with the comparison.
func SimilarInto(root, out string, given []exercise.Spec, cfg SimilarityConfig) (report.Similarity, error) {
	specs := given
	if out != "" {
		var err error
		if specs, err = BookExercises(out, given); err != nil {
			return report.Similarity{}, err
		}
	} else if specs == nil {
		specs = exercise.All()
	}
	s, err := Similar(root, nil, specs, cfg)
	if err != nil || out == "" {
		return s, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return s, err
	}
	if err := WriteSimilarity(out, s); err != nil {
		return s, err
	}
	if recs, err := LoadRecords(out); err != nil || len(recs) == 0 {
		return s, err
	}
	_, err = WriteGradebook(out, specs)
	return s, err
}
