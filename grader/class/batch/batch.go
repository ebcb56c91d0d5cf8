package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"parlab/grader"
	"parlab/grader/exercise"
	"parlab/grader/gotest"
	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/atomicfile"
)

// Record is one student's grades, written as DIR/STUDENT.json.
type Record struct {
	// Version is the schema version of the record and of the results in
	// it (report.Version); a record without one is version 1.
	Version *int   `json:"version"`
	Student string `json:"student"`
	// Exercises holds the result (verdict.Result) of each exercise graded.
	Exercises map[string]*verdict.Result `json:"exercises"`
	// Missing lists the exercises the submission does not hold (0 points).
	Missing []string `json:"missing,omitempty"`
	// Problem says why the submission, or an exercise of it, could not be
	// graded at all (a damaged or unsafe archive): it costs only this row.
	Problem string `json:"problem,omitempty"`
	// Source is the submission graded (a folder or an archive), so that a
	// pending check can be measured again later.
	Source string `json:"source,omitempty"`
	// Archive is true when Source is a .zip or .tar.gz.
	Archive  bool      `json:"archive,omitempty"`
	GradedAt time.Time `json:"graded_at"`

	// file is the record's file name in its folder: FileName(Student),
	// or the one Discover gave a refused name that collides.
	file string
}

// fileName is the record's file name in its folder.
func (r *Record) fileName() string {
	if r.file != "" {
		return r.file
	}
	return FileName(r.Student)
}

// Score is the record's total and maximum over exercises: a graded
// exercise counts its result's maximum (a check the machine could not
// judge may have left it, by the skip policy), a missing one the whole.
func (r *Record) Score(exercises []exercise.Spec) (score, max int) {
	for _, s := range exercises {
		if res := r.Exercises[s.Name]; res != nil {
			score += res.Score
			max += res.MaxScore
		} else {
			max += s.MaxScore()
		}
	}
	return score, max
}

// Config says what to grade and where the gradebook goes.
type Config struct {
	// Root holds one submission per student; Out receives the gradebook.
	Root, Out string
	// Exercises are graded in every submission that holds them.
	Exercises []exercise.Spec
	// Jobs is how many students are graded at once (their timing phases
	// still run one at a time); 0 means DefaultJobs.
	Jobs int
	// Force grades again students that already have a record in Out.
	Force bool
	// Shard limits the run to a deterministic part of the class.
	Shard Shard
	// Grade is how each exercise is graded; its Dir is set per submission.
	Grade grader.Options
	// Progress hears about each student as they finish; calls are
	// serialised.
	Progress func(Event)
	// Start, when set, hears once, before the first student is graded,
	// how many will be and about how long it will take (Estimate).
	Start func(students int, estimate time.Duration)
	// Timing, when set, hears how many pending faster checks (deferred
	// or left unjudged) are about to be measured, one at a time, once
	// every student is graded.
	Timing func(checks int)
	// Similarity is how the class's code is compared once it is graded
	// (not in a shard: `grade merge` compares the merged class).
	Similarity SimilarityConfig
}

// Event is one finished (or skipped) student.
type Event struct {
	Student string
	// Done and Total count students; Failing counts those with a failing
	// exercise or a problem so far.
	Done, Total, Failing int
	// Resumed is true when the student's earlier record was kept.
	Resumed bool
	Record  *Record
}

// Estimate is about how long grading students with exercises each
// takes on a quiet 2-core machine at the default --jobs: a class of 10
// students with the four exercises took 87-105 s there (BenchmarkClass,
// docs/instructors.md), about 2.5 s an exercise, of which about 1 s is
// its share of the timing runs at the end, which run alone whatever
// --jobs is; without the speed check, 67-69 s, about 1.7 s an exercise.
// A first line says it at once, where a batch printed nothing for minutes
// (issue 29).
func Estimate(students, exercises int, noSpeedup bool) time.Duration {
	per := 2500 * time.Millisecond
	if noSpeedup {
		per = 1700 * time.Millisecond
	}
	return time.Duration(students*exercises) * per
}

// DefaultJobs is the number of cores, at least 1: most of a grade is a
// build, which waits on files as well as the CPU, or a race run, whose
// test harness (the leak checks, the comparisons, the reference) keeps one
// core busy, so one core per student keeps the machine working while
// timing runs still go one at a time (the phase lock). It was half the
// cores, one on a 2-core machine: a class then went one grade at a time.
func DefaultJobs() int { return max(1, runtime.NumCPU()) }

// Run grades every submission of the shard and writes the gradebook. It
// returns the records of the whole output folder (earlier runs' too), in
// student order. When ctx ends it stops, leaving only complete files.
func Run(ctx context.Context, cfg Config) ([]*Record, error) {
	subs, err := Discover(cfg.Root)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output folder: %w", err)
	}
	var mine []Submission
	for _, s := range subs {
		if cfg.Shard.Holds(s.Student) {
			mine = append(mine, s)
		}
	}
	m, err := startManifest(cfg, mine)
	if err != nil {
		return nil, err
	}
	if cfg.Start != nil {
		cfg.Start(len(mine), Estimate(len(mine), len(cfg.Exercises), cfg.Grade.NoSpeedup))
	}
	t := &tally{cfg: cfg, total: len(mine)}
	// Every student is graded but for the timing runs, which need the
	// machine to themselves: in the middle of the class, each stopped
	// every other student's builds and race runs, first while those
	// drained and then while it ran. They run at the end, back to back,
	// with the faster checks the machine could not judge.
	shelf, err := os.MkdirTemp("", "parlab-batch-shelf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(shelf)
	cfg.Grade.Shelf = grader.NewShelf(shelf, repeated(mine, cfg.Exercises))
	first := cfg
	first.Grade.DeferTiming = true
	if err := gradeEach(ctx, first, mine, t.finished); err != nil {
		return nil, err
	}
	if err := remeasureAll(ctx, cfg); err != nil {
		return nil, err
	}
	m.State = Complete
	if err := writeManifest(cfg.Out, m); err != nil {
		return nil, err
	}
	if err := writeSimilarity(cfg, m); err != nil {
		_, _ = WriteGradebook(cfg.Out, cfg.Exercises)
		return nil, fmt.Errorf("the class is graded (gradebook in %s), but its code could not be compared: %w", cfg.Out, err)
	}
	if _, err := WriteGradebook(cfg.Out, cfg.Exercises); err != nil {
		return nil, err
	}
	return LoadRecords(cfg.Out)
}

// repeated lists, per exercise, the digests (grader.Digest) of the files
// that more than one student's folder holds: an exercise left as the
// stub, one answer handed in twice. Their test binaries are built once
// (grader.Shelf). Archives are left out: they are unpacked one at a time.
func repeated(subs []Submission, exercises []exercise.Spec) map[string][]string {
	out := map[string][]string{}
	for _, spec := range exercises {
		seen := map[string]int{}
		for _, s := range subs {
			if s.Archive || s.Refused != "" {
				continue
			}
			if dir, ok := ExerciseDir(s.Path, spec.Name); ok {
				if d, err := grader.Digest(spec, s.Path, dir); err == nil {
					seen[d]++
				}
			}
		}
		for d, n := range seen {
			if n > 1 {
				out[spec.Name] = append(out[spec.Name], d)
			}
		}
	}
	return out
}

// startManifest writes out's manifest, state Grading, for the shard's
// students. A folder graded before with other exercises or points is
// refused unless cfg.Force: its kept records would not fit the columns.
func startManifest(cfg Config, mine []Submission) (*Manifest, error) {
	if old, err := ReadManifest(cfg.Out); err == nil && !cfg.Force {
		specs, err := old.Specs()
		if err != nil || !sameGrades(specs, cfg.Exercises) {
			return nil, fmt.Errorf("%s was graded with %s: grade it with the same --exercise, regrade everyone with --force, or choose another --out", cfg.Out, old.Grades())
		}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) && !cfg.Force {
		return nil, fmt.Errorf("%w (--force grades everyone again and rewrites it)", err)
	}
	m := newManifest(Grading, cfg.Exercises)
	if cfg.Shard.N > 1 {
		m.Shard = fmt.Sprintf("%d/%d", cfg.Shard.K, cfg.Shard.N)
	}
	if abs, err := filepath.Abs(cfg.Root); err == nil {
		m.Root = abs
	}
	m.Students = []string{}
	for _, s := range mine {
		m.Students = append(m.Students, s.Student)
	}
	return m, writeManifest(cfg.Out, m)
}

// tally counts finished students for the progress events.
type tally struct {
	cfg                  Config
	mu                   sync.Mutex
	total, done, failing int
}

// finished counts one student, keeps the gradebook current (so that an
// interrupted run has one) and tells cfg.Progress.
func (t *tally) finished(ev Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done++
	if ev.Record != nil && !passedAll(ev.Record, t.cfg.Exercises) {
		t.failing++
	}
	ev.Done, ev.Total, ev.Failing = t.done, t.total, t.failing
	if ev.Record != nil && !ev.Resumed {
		_, _ = WriteGradebook(t.cfg.Out, t.cfg.Exercises)
	}
	if t.cfg.Progress != nil {
		t.cfg.Progress(ev)
	}
}

// gradeEach grades the submissions, cfg.Jobs at a time (DefaultJobs when
// 0), calling finished for each. It returns ctx's error when ctx ended,
// or the first error that stopped a student's grading.
func gradeEach(ctx context.Context, cfg Config, subs []Submission, finished func(Event)) error {
	return eachJob(ctx, cfg.Jobs, subs, func(s Submission) error {
		rec, resumed, err := gradeStudent(ctx, cfg, s)
		if err == nil {
			finished(Event{Student: s.Student, Resumed: resumed, Record: rec})
		}
		return err
	})
}

// eachJob calls do for every item, jobs at a time (DefaultJobs when
// 0), until ctx ends. An error of do stops nothing else; eachJob returns
// ctx's error when ctx ended, or the first error do returned.
func eachJob[T any](ctx context.Context, jobs int, items []T, do func(T) error) error {
	if jobs < 1 {
		jobs = DefaultJobs()
	}
	queue := make(chan T)
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	for range jobs {
		wg.Go(func() {
			for it := range queue {
				if err := do(it); err != nil {
					errOnce.Do(func() { firstErr = err })
				}
			}
		})
	}
feed:
	for _, it := range items {
		select {
		case queue <- it:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return firstErr
}

func passedAll(r *Record, exercises []exercise.Spec) bool {
	if r.Problem != "" || len(r.Missing) > 0 {
		return false
	}
	for _, s := range exercises {
		if res := r.Exercises[s.Name]; res == nil || !res.Passed() {
			return false
		}
	}
	return true
}

// gradeStudent grades one submission, or keeps its earlier record. An
// error means the grader itself could not go on (interrupted, no Go
// toolchain); anything wrong with the submission is in the record.
func gradeStudent(ctx context.Context, cfg Config, s Submission) (*Record, bool, error) {
	if s.File == "" {
		s.File = FileName(s.Student)
	}
	path := filepath.Join(cfg.Out, s.File)
	if !cfg.Force {
		rec, err := readRecord(path)
		if err == nil {
			return rec, true, nil
		}
		if errors.Is(err, errVersion) {
			return nil, false, err // never overwrite what a newer parlab wrote
		}
	}
	rec := &Record{Student: s.Student, Exercises: map[string]*verdict.Result{}, Archive: s.Archive, Problem: s.Refused, file: s.File}
	if abs, err := filepath.Abs(s.Path); err == nil {
		rec.Source = abs
	}
	dir := s.Path
	if s.Archive && rec.Problem == "" {
		tmp, err := os.MkdirTemp("", "parlab-batch-")
		if err != nil {
			return nil, false, err
		}
		defer os.RemoveAll(tmp)
		if err := Unpack(s.Path, tmp); err != nil {
			rec.Problem = "the archive was not graded: " + err.Error()
		}
		dir = tmp
	}
	if rec.Problem == "" {
		if err := gradeExercises(ctx, cfg, rec, dir); err != nil {
			return nil, false, err
		}
	}
	rec.GradedAt = time.Now().UTC()
	if err := writeRecord(cfg.Out, rec); err != nil {
		return nil, false, err
	}
	return rec, false, nil
}

// gradeExercises grades the exercises of the submission in dir into rec.
// An error means the grader itself could not go on.
func gradeExercises(ctx context.Context, cfg Config, rec *Record, dir string) error {
	for _, spec := range cfg.Exercises {
		exDir, ok := ExerciseDir(dir, spec.Name)
		if !ok {
			rec.Missing = append(rec.Missing, spec.Name)
			continue
		}
		opts := cfg.Grade
		opts.Dir, opts.Within = exDir, dir
		// Messages name the student's files as their own repository
		// does ("histogram/histogram.go:25"), not by this temporary
		// copy, and the same for every student, so that common
		// failures group.
		opts.Display = displayPath(dir, exDir)
		res, err := gradeExercise(ctx, spec, opts)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if errors.Is(err, gotest.ErrNotFound) {
				return err
			}
			rec.Problem = fmt.Sprintf("%s could not be graded: %v", spec.Name, err)
			continue
		}
		res.Target = rec.Student + "/" + spec.Name
		rec.Exercises[spec.Name] = res
	}
	return nil
}

// gradeFn grades one exercise: grader.Grade, a seam for testing.
var gradeFn = grader.Grade

// timeFn measures one exercise's pending faster check: grader.Time, a
// seam for testing.
var timeFn = grader.Time

// gradeExercise grades one exercise of one student. grader.Grade turns its
// own panics into results; this catches any left, so that one submission
// can never end a whole class's batch: the panic becomes that student's
// problem and the batch goes on.
func gradeExercise(ctx context.Context, spec exercise.Spec, opts grader.Options) (res *verdict.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("the grader crashed (%v): a bug in the grader, not in the submission", p)
		}
	}()
	return gradeFn(ctx, spec, opts)
}

// timeExercise measures one exercise's pending faster check (grader.Time),
// turning a panic into an error as gradeExercise does.
func timeExercise(ctx context.Context, spec exercise.Spec, opts grader.Options) (res *verdict.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("the grader crashed (%v): a bug in the grader, not in the submission", p)
		}
	}()
	return timeFn(ctx, spec, opts)
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, append(data, '\n')); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._@-]`)

// FileName is the student's record file name: STUDENT.json with anything
// unusual in the name replaced.
func FileName(student string) string {
	return unsafeName.ReplaceAllString(student, "_") + ".json"
}

// errVersion marks a record of a schema version this parlab does not
// read.
var errVersion = errors.New("cannot read this record")

// readRecord reads a student record, checking its schema version.
func readRecord(path string) (*Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rec Record
	if err := json.Unmarshal(data, &rec); err != nil || rec.Student == "" {
		return nil, fmt.Errorf("%s is not a student record", path)
	}
	if err := report.CheckVersion(rec.Version); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", errVersion, path, err)
	}
	rec.file = filepath.Base(path)
	return &rec, nil
}

// writeRecord writes the student's record into out, at the current
// schema version.
func writeRecord(out string, rec *Record) error {
	v := report.Version
	rec.Version = &v
	return writeJSON(filepath.Join(out, rec.fileName()), rec)
}

// displayPath is dir relative to root, in slashes, or dir itself when it
// is not inside root.
func displayPath(root, dir string) string {
	rel, err := filepath.Rel(root, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return dir
	}
	return filepath.ToSlash(rel)
}
