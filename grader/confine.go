package grader

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// openConfined opens dir, the folder to grade, as an os.Root, once every
// folder on the way down from within (the submission: a student's folder,
// Gradescope's submission/, the checkout) is known to be a real folder
// in it. A symbolic link anywhere on that way is refused, wherever it
// leads: `exercises -> /autograder/source/solutions` in a Gradescope
// upload or `alice/exercises -> ../bob/exercises` in a class folder
// would have another's code graded as the learner's. within itself is
// trusted as given (the person running the grader named it).
//
// The folders are checked through an os.Root opened at within, so that
// nothing swapped in after the check can lead the read outside it either.
func openConfined(within, dir string) (*os.Root, error) {
	rel, err := filepath.Rel(within, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return nil, &errNotGradable{fmt.Sprintf("%s is outside the submission %s: refused", dir, within)}
	}
	if rel == "." {
		info, err := os.Lstat(dir)
		switch {
		case err != nil:
			return nil, &errNotGradable{fmt.Sprintf("the folder %s does not exist", dir)}
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, linkRefused(within, dir, dir)
		case !info.IsDir():
			return nil, &errNotGradable{fmt.Sprintf("%s is not a folder: give the folder that holds the exercise's .go files", dir)}
		}
	}
	base, err := os.OpenRoot(within)
	if err != nil {
		return nil, &errNotGradable{fmt.Sprintf("the folder %s does not exist", dir)}
	}
	defer base.Close()
	walked := "."
	for _, elem := range strings.Split(rel, string(filepath.Separator)) {
		if elem == "." {
			continue
		}
		walked = filepath.Join(walked, elem)
		info, err := base.Lstat(walked)
		switch {
		case err != nil:
			return nil, &errNotGradable{fmt.Sprintf("the folder %s does not exist", dir)}
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, linkRefused(within, dir, filepath.Join(within, walked))
		case !info.IsDir():
			return nil, &errNotGradable{fmt.Sprintf("%s is not a folder: give the folder that holds the exercise's .go files", filepath.Join(within, walked))}
		}
	}
	r, err := base.OpenRoot(rel)
	if err != nil {
		return nil, &errNotGradable{fmt.Sprintf("cannot read %s: %v", dir, err)}
	}
	return r, nil
}

// linkRefused is the refusal of dir because link, on its way down from
// within, is a symbolic link. It names both from the submission's top and
// says where the link leads, so that a learner who made it by mistake
// sees what to copy instead.
func linkRefused(within, dir, link string) error {
	to, err := os.Readlink(link)
	if err != nil {
		to = "?"
	}
	what := link
	if link != dir {
		what = fmt.Sprintf("%s, on the way to %s,", shown(within, link), shown(within, dir))
	}
	return &errNotGradable{fmt.Sprintf("%s is a symbolic link (to %s): the grader grades only what is really in the submission, never through a link; put a copy of the folder there instead", what, to)}
}

// shown is path as the submission's own: relative to within.
func shown(within, path string) string {
	if rel, err := filepath.Rel(within, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}

// readCappedIn reads name in dir (an os.Root) like readCapped, refusing a
// symbolic link swapped in after the folder was listed.
func readCappedIn(dir *os.Root, name string, limit int64) ([]byte, error) {
	f, err := dir.OpenFile(name, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	defer f.Close()
	return readLimited(f, name, limit)
}
