// Package batch grades a whole class: every submission under a folder (a
// folder, a .zip or a .tar.gz per student), every exercise it holds, into a
// gradebook (grades.csv, one JSON file per student, a summary and an HTML
// report), with resumable, atomic writes and deterministic shards.
package batch

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Submission is one student's work: a folder or an archive.
type Submission struct {
	// Student is the folder's name, or the archive's without its
	// extension.
	Student string
	// Path is the folder or the archive.
	Path string
	// Archive is true for .zip and .tar.gz submissions.
	Archive bool
}

// Discover lists the submissions directly under root, sorted by student.
// Hidden entries (.git, .DS_Store) and other files are left out.
func Discover(root string) ([]Submission, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("cannot read the submissions folder: %w", err)
	}
	var out []Submission
	seen := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		s := Submission{Path: filepath.Join(root, name)}
		switch {
		case e.IsDir():
			s.Student = name
		case strings.HasSuffix(name, ".zip"):
			s.Student, s.Archive = strings.TrimSuffix(name, ".zip"), true
		case strings.HasSuffix(name, ".tar.gz"):
			s.Student, s.Archive = strings.TrimSuffix(name, ".tar.gz"), true
		case strings.HasSuffix(name, ".tgz"):
			s.Student, s.Archive = strings.TrimSuffix(name, ".tgz"), true
		default:
			continue
		}
		// Two students whose record files would be the same file (after
		// unusual characters are replaced, and on a file system that
		// ignores case) would have one's grade taken for the other's.
		key := strings.ToLower(FileName(s.Student))
		if prev, ok := seen[key]; ok {
			return nil, fmt.Errorf("two submissions for one record file %s: %s and %s; keep one, or rename one so that the names differ in a letter or digit", key, prev, name)
		}
		seen[key] = name
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Student < out[j].Student })
	return out, nil
}

// Shard is the K-th of N parts of a class (K from 1), as a Slurm job array
// or a Kubernetes indexed Job splits it.
type Shard struct{ K, N int }

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	var sh Shard
	if _, err := fmt.Sscanf(s, "%d/%d", &sh.K, &sh.N); err != nil || sh.N < 1 || sh.K < 1 || sh.K > sh.N {
		return Shard{}, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/8", s)
	}
	return sh, nil
}

// Holds reports whether student belongs to this shard: a hash of the name,
// so the split is the same on every machine and does not move students
// between shards when others are added.
func (sh Shard) Holds(student string) bool {
	if sh.N <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(student))
	return int(h.Sum32()%uint32(sh.N)) == sh.K-1
}

// ExerciseDir finds exercise name in a student's folder: STUDENT/NAME or
// STUDENT/exercises/NAME, also one folder down when an archive wrapped
// everything in a single top folder.
func ExerciseDir(studentDir, name string) (string, bool) {
	for _, base := range candidates(studentDir) {
		for _, d := range []string{filepath.Join(base, name), filepath.Join(base, "exercises", name)} {
			if info, err := os.Lstat(d); err == nil && info.IsDir() {
				return d, true
			}
		}
	}
	return "", false
}

// candidates is the student's folder and, when it holds exactly one
// folder and nothing else of note, that folder.
func candidates(dir string) []string {
	out := []string{dir}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	var dirs []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || e.Name() == "__MACOSX" {
			continue
		}
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 1 {
		out = append(out, filepath.Join(dir, dirs[0]))
	}
	return out
}
