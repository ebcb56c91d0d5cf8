package batch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/internal/atomicfile"
)

// MergeConfig says which shards to merge and where.
type MergeConfig struct {
	// Out receives the merged gradebook.
	Out string
	// Shards are the output folders of `grade batch --shard K/N`.
	Shards []string
	// Exercises, when not nil, must be what the shards graded; nil
	// takes the shards' own (their manifests').
	Exercises []exercise.Spec
	// Partial merges shards that are incomplete or still being written
	// (or lack a manifest), marking the book partial, instead of
	// refusing them.
	Partial bool
	// Similarity is how the merged class's code is compared (its Root
	// is the shards' submissions folder, from their manifests).
	Similarity SimilarityConfig
}

// shard is one folder being merged.
type shard struct {
	dir  string
	m    *Manifest // nil: the folder has none
	recs []*Record
}

// Merge copies the student records of the shards' output folders into
// cfg.Out and writes its gradebook, whose columns are exactly the
// exercises the shards graded. It refuses shards graded with different
// exercises or points, overlapping shards (a student in two), and,
// unless cfg.Partial, a shard that is incomplete: still being graded or
// stopped, lacking records its manifest lists, missing from its K/N set,
// or without a manifest. Notes say what was merged anyway.
func Merge(cfg MergeConfig) (book report.Gradebook, notes []string, err error) {
	shards, err := readShards(cfg.Shards)
	if err != nil {
		return book, nil, err
	}
	specs, err := mergedExercises(shards, cfg.Exercises)
	if err != nil {
		return book, nil, err
	}
	if err := checkOverlap(shards); err != nil {
		return book, nil, err
	}
	problems := incomplete(shards)
	if len(problems) > 0 && !cfg.Partial {
		return book, nil, fmt.Errorf("the shards are not all complete:\n  %s\nwait for them, or merge what there is, marked partial, with --partial", strings.Join(problems, "\n  "))
	}
	for _, s := range shards {
		if len(s.recs) == 0 {
			notes = append(notes, fmt.Sprintf("%s holds no student records", s.dir))
		}
	}
	notes = append(notes, problems...)
	m, err := copyShards(cfg.Out, shards, specs)
	if err != nil {
		return book, notes, err
	}
	if len(problems) > 0 {
		m.State, m.Partial = Partial, "merged from incomplete shards: "+strings.Join(problems, "; ")
	}
	if err := writeManifest(cfg.Out, m); err != nil {
		return book, notes, err
	}
	simNotes, err := mergeSimilarity(cfg, m, specs)
	notes = append(notes, simNotes...)
	if err != nil {
		return book, notes, err
	}
	book, err = WriteGradebook(cfg.Out, specs)
	return book, notes, err
}

// readShards reads each folder's manifest and records.
func readShards(dirs []string) ([]shard, error) {
	var out []shard
	for _, dir := range dirs {
		m, err := ReadManifest(dir)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		recs, err := LoadRecords(dir)
		if err != nil {
			return nil, err
		}
		out = append(out, shard{dir: dir, m: m, recs: recs})
	}
	return out, nil
}

// mergedExercises are the exercises every shard graded, with their
// points. Shards graded differently are an error naming them; so are
// given exercises other than the shards'. Without any manifest, they are
// the given exercises, or those the records hold.
func mergedExercises(shards []shard, given []exercise.Spec) ([]exercise.Spec, error) {
	var specs []exercise.Spec
	groups := map[string][]string{} // what was graded -> the shards that graded it
	var order []string
	for _, s := range shards {
		if s.m == nil {
			continue
		}
		g := s.m.Grades()
		if groups[g] == nil {
			order = append(order, g)
			if specs == nil {
				var err error
				if specs, err = s.m.Specs(); err != nil {
					return nil, fmt.Errorf("%s: %w", s.dir, err)
				}
			}
		}
		groups[g] = append(groups[g], s.dir)
	}
	if len(order) > 1 {
		var lines []string
		for _, g := range order {
			lines = append(lines, fmt.Sprintf("%s graded %s", strings.Join(groups[g], ", "), g))
		}
		return nil, fmt.Errorf("the shards were graded differently, so their grades do not add up:\n  %s\ngrade them all with the same --exercise and the same parlab", strings.Join(lines, "\n  "))
	}
	switch {
	case specs == nil && given != nil:
		return given, nil
	case specs == nil:
		return recordExercises(shards)
	case given != nil && !sameGrades(given, specs):
		return nil, fmt.Errorf("--exercise asks for %s, but the shards graded %s: give the same --exercise (or none)", newManifest(Complete, given).Grades(), order[0])
	}
	return specs, nil
}

// recordExercises are the exercises the shards' records hold (graded or
// missing), in course order: the columns of shards without a manifest.
func recordExercises(shards []shard) ([]exercise.Spec, error) {
	held := map[string]bool{}
	for _, s := range shards {
		for _, r := range s.recs {
			for name := range r.Exercises {
				held[name] = true
			}
			for _, name := range r.Missing {
				held[name] = true
			}
		}
	}
	var out []exercise.Spec
	for _, s := range exercise.All() {
		if held[s.Name] {
			out = append(out, s)
		}
	}
	return out, nil
}

// incomplete says what is missing from the shards: a shard still being
// graded or stopped, or without a manifest; records its manifest lists
// but it lacks; shards of a K/N set not given.
func incomplete(shards []shard) []string {
	var problems []string
	parts := map[int]bool{}
	n := 0
	for _, s := range shards {
		switch {
		case s.m == nil:
			problems = append(problems, fmt.Sprintf("%s has no %s: it is not the output of a finished grade batch (still running, stopped, or from an older parlab; running its grade batch command again finishes it and keeps the records)", s.dir, ManifestFile))
			continue
		case s.m.State == Grading:
			problems = append(problems, fmt.Sprintf("%s is still being graded, or its grade batch stopped: %d of its %d students have a record", s.dir, len(s.recs), len(s.m.Students)))
			continue
		case s.m.State == Partial:
			problems = append(problems, fmt.Sprintf("%s is itself partial: %s", s.dir, s.m.Partial))
		}
		if lost := lacking(s); len(lost) > 0 {
			problems = append(problems, fmt.Sprintf("%s lacks the records of %d of its %d students (%s)", s.dir, len(lost), len(s.m.Students), strings.Join(firstFew(lost, 3), ", ")))
		}
		var k, parts0 int
		if _, err := fmt.Sscanf(s.m.Shard, "%d/%d", &k, &parts0); err == nil {
			parts[k], n = true, max(n, parts0)
		}
	}
	for k := 1; k <= n; k++ {
		if !parts[k] {
			problems = append(problems, fmt.Sprintf("shard %d/%d is not among the folders merged", k, n))
		}
	}
	return problems
}

// lacking lists the students of s's manifest without a record in s.
func lacking(s shard) []string {
	have := map[string]bool{}
	for _, r := range s.recs {
		have[r.Student] = true
	}
	var out []string
	for _, st := range s.m.Students {
		if !have[st] {
			out = append(out, st)
		}
	}
	return out
}

func firstFew(xs []string, n int) []string {
	if len(xs) > n {
		return append(slices.Clone(xs[:n]), "…")
	}
	return xs
}

// checkOverlap refuses a student in two shards.
func checkOverlap(shards []shard) error {
	seen := map[string]string{}
	for _, s := range shards {
		for _, r := range s.recs {
			if prev, ok := seen[r.Student]; ok {
				return fmt.Errorf("student %s is in both %s and %s: shards must not overlap", r.Student, prev, s.dir)
			}
			seen[r.Student] = s.dir
		}
	}
	return nil
}

// copyShards copies every shard's records into out and returns the
// merged book's manifest.
func copyShards(out string, shards []shard, specs []exercise.Spec) (*Manifest, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	m := newManifest(Complete, specs)
	m.Students = []string{}
	for i, s := range shards {
		for _, r := range s.recs {
			m.Students = append(m.Students, r.Student)
			if err := copyRecord(s.dir, out, r.fileName()); err != nil {
				return nil, err
			}
		}
		if s.m != nil && (i == 0 || m.Root == s.m.Root) {
			m.Root = s.m.Root
		} else {
			m.Root = "" // the shards graded different folders
		}
	}
	slices.Sort(m.Students)
	return m, nil
}

// copyRecord copies a student's record file as it is.
func copyRecord(from, to, file string) error {
	data, err := os.ReadFile(filepath.Join(from, file))
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(to, file), data)
}
