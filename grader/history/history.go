// Package history remembers each exercise's latest grade for `grade
// status`, in a small JSON file under the user's cache folder (never in the
// repository), one section per checkout.
package history

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"parlab/grader/verdict"
	"parlab/internal/atomicfile"
	"parlab/internal/textcut"
)

// DirEnv overrides the folder the results are kept in.
const DirEnv = "PARLAB_CACHE_DIR"

// Entry is the latest grade of one exercise.
type Entry struct {
	Score    int    `json:"score"`
	MaxScore int    `json:"max_score"`
	Passed   bool   `json:"passed"`
	Started  bool   `json:"started"`
	First    string `json:"first_failure,omitempty"` // "check: message"
	// NotJudged names the checks the machine left unjudged, and Pending
	// is their points: the score is then the judged part only.
	NotJudged []string  `json:"not_judged,omitempty"`
	Pending   int       `json:"pending,omitempty"`
	When      time.Time `json:"when"`
}

// Store is the results file.
type Store struct {
	path string
}

// Open returns the store in $PARLAB_CACHE_DIR, or else in the user's cache
// folder (os.UserCacheDir()/parlab).
func Open() (*Store, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	return &Store{path: filepath.Join(dir, "results.json")}, nil
}

// Dir is parlab's folder for what it keeps for the user (results,
// backups): $PARLAB_CACHE_DIR, or else os.UserCacheDir()/parlab.
func Dir() (string, error) {
	if dir := os.Getenv(DirEnv); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder to keep results in (set %s): %w", DirEnv, err)
	}
	return filepath.Join(base, "parlab"), nil
}

// file is the JSON layout: checkout root, then exercise name.
type file struct {
	Checkouts map[string]map[string]Entry `json:"checkouts"`
}

func (s *Store) read() (file, error) {
	f := file{Checkouts: map[string]map[string]Entry{}}
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		// A damaged cache is only lost history: start afresh.
		return file{Checkouts: map[string]map[string]Entry{}}, nil
	}
	if f.Checkouts == nil {
		f.Checkouts = map[string]map[string]Entry{}
	}
	return f, nil
}

// Load returns the latest grades of the checkout at root, by exercise.
func (s *Store) Load(root string) (map[string]Entry, error) {
	f, err := s.read()
	if err != nil {
		return nil, err
	}
	return f.Checkouts[root], nil
}

// Record keeps res as the latest grade of its exercise in the checkout at
// root. The file is replaced atomically, so a reader never sees half of it.
func (s *Store) Record(root string, res *verdict.Result, when time.Time) error {
	f, err := s.read()
	if err != nil {
		return err
	}
	e := Entry{Score: res.Score, MaxScore: res.MaxScore, Passed: res.Passed(), Started: true, When: when.UTC()}
	if first := res.FirstFailure(); first != nil {
		e.First = string(first.Name) + ": " + textcut.FirstLine(first.Message)
		e.Started = first.Name != verdict.Started
	}
	for _, c := range res.Unjudged() {
		e.NotJudged = append(e.NotJudged, string(c.Name))
		e.Pending += c.Pending
	}
	if f.Checkouts[root] == nil {
		f.Checkouts[root] = map[string]Entry{}
	}
	f.Checkouts[root][res.Exercise] = e
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(s.path, data)
}

// Remember records res as the latest grade of its exercise in the
// learner's cache (Open, then Record).
func Remember(root string, res *verdict.Result, when time.Time) error {
	store, err := Open()
	if err != nil {
		return err
	}
	return store.Record(root, res, when)
}
