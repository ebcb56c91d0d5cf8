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
	"strconv"
	"strings"
)

// Submission is one student's work: a folder or an archive.
type Submission struct {
	// Student is the folder's name, or the archive's without its
	// extension (with it, for a refused name that collides).
	Student string
	// Path is the folder or the archive.
	Path string
	// Archive is true for .zip and .tar.gz submissions.
	Archive bool
	// Refused, when set, says why the submission is not graded (a
	// symbolic link, a name another submission's record would share): it
	// becomes the student's problem, costing that student alone.
	Refused string
	// File is the name of the student's record file in the output folder
	// (FileName, or one of its own for a refused name that collides).
	File string
}

// Discover lists the submissions directly under root, sorted by student.
// Hidden entries (.git, .DS_Store) and other files are left out. A
// symbolic link to a folder or an archive is listed refused: what it
// leads to is not the student's to hand in (another student, the model
// answers). Students whose record files would be one file (after unusual
// characters are replaced, and on a file system that ignores case:
// "Zoë Lee" and "Zoé Lee", Alice.zip beside alice/) would have one's
// grade taken for the other's: each is listed refused, with a record file
// of its own, and the rest of the class is graded.
func Discover(root string) ([]Submission, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("cannot read the submissions folder: %w", err)
	}
	var out []Submission
	for _, e := range entries {
		if s, ok := submissionOf(root, e); ok {
			out = append(out, s)
		}
	}
	refuseCollisions(out)
	sort.Slice(out, func(i, j int) bool { return out[i].Student < out[j].Student })
	return out, nil
}

// submissionOf is the submission entry e of root is, if it is one.
func submissionOf(root string, e os.DirEntry) (Submission, bool) {
	name := e.Name()
	if strings.HasPrefix(name, ".") {
		return Submission{}, false
	}
	s := Submission{Path: filepath.Join(root, name)}
	isDir := e.IsDir()
	if e.Type()&os.ModeSymlink != 0 {
		info, err := os.Stat(s.Path)
		isDir = err == nil && info.IsDir()
		to, _ := os.Readlink(s.Path)
		s.Refused = fmt.Sprintf("refused: %s is a symbolic link (to %s), not a submission of its own; put the student's own files there", name, to)
	}
	switch {
	case isDir:
		s.Student = name
	case strings.HasSuffix(name, ".zip"):
		s.Student, s.Archive = strings.TrimSuffix(name, ".zip"), true
	case strings.HasSuffix(name, ".tar.gz"):
		s.Student, s.Archive = strings.TrimSuffix(name, ".tar.gz"), true
	case strings.HasSuffix(name, ".tgz"):
		s.Student, s.Archive = strings.TrimSuffix(name, ".tgz"), true
	default:
		return Submission{}, false
	}
	s.File = FileName(s.Student)
	return s, true
}

// refuseCollisions refuses every submission whose record file would be
// another's, and gives each of them a record file of its own.
func refuseCollisions(subs []Submission) {
	byFile := map[string][]int{}
	for i, s := range subs {
		key := strings.ToLower(s.File)
		byFile[key] = append(byFile[key], i)
	}
	for _, group := range byFile {
		if len(group) < 2 {
			continue
		}
		for _, i := range group {
			var others []string
			for _, j := range group {
				if j != i {
					others = append(others, strconv.Quote(filepath.Base(subs[j].Path)))
				}
			}
			subs[i].Refused = fmt.Sprintf("refused: the name collides with %s (both would be the record %s); keep one submission, or rename one so that the names differ in a letter or digit, and grade again",
				strings.Join(others, ", "), strings.ToLower(subs[i].File))
			subs[i].Student = filepath.Base(subs[i].Path)
			subs[i].File = collidingFileName(subs[i].Student)
		}
	}
}

// collidingFileName is the record file of a refused submission whose
// name collides: FileName's, plus a hash of the whole entry name after a
// "~", which FileName never writes, so that it is no other's.
func collidingFileName(entry string) string {
	h := fnv.New64a()
	h.Write([]byte(entry))
	return fmt.Sprintf("%s~%016x.json", strings.TrimSuffix(FileName(entry), ".json"), h.Sum64())
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
// everything in a single top folder. A symbolic link on the way is found
// like a folder, so that grading it (grader.Options.Within) refuses it
// visibly rather than the exercise being reported missing.
func ExerciseDir(studentDir, name string) (string, bool) {
	for _, base := range candidates(studentDir) {
		for _, d := range []string{filepath.Join(base, name), filepath.Join(base, "exercises", name)} {
			if folderOrLink(d) {
				return d, true
			}
		}
	}
	return "", false
}

// folderOrLink reports whether p is a folder, read through any links on
// its way, or a symbolic link to one.
func folderOrLink(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// candidates is the student's folder and, when it holds exactly one
// folder (or link to one) and nothing else of note, that folder.
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
		if e.IsDir() || (e.Type()&os.ModeSymlink != 0 && folderOrLink(filepath.Join(dir, e.Name()))) {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 1 {
		out = append(out, filepath.Join(dir, dirs[0]))
	}
	return out
}
