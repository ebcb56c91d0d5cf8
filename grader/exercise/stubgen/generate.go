package stubgen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"parlab/grader/exercise"
)

// Generate writes spec's stub into exercises/NAME and its pristine copy
// under root. A file in exercises/NAME that differs from the copy shipped
// so far is someone's work (a learner's, or a stub edited by hand instead
// of its model answer): Generate leaves it and says so, unless force.
func Generate(root string, spec exercise.Spec, force bool) error {
	files, err := Files(root, spec)
	if err != nil {
		return err
	}
	shipped := map[string][]byte{}
	if old, err := spec.Pristine(); err == nil {
		shipped = old
	}
	stubDir := filepath.Join(root, spec.StubDir())
	if !force {
		if err := unchanged(stubDir, files, shipped); err != nil {
			return err
		}
	}
	for _, extra := range extras(stubDir, "", files) {
		if cur, err := os.ReadFile(filepath.Join(stubDir, extra)); err == nil && bytes.Equal(cur, shipped[extra]) {
			if err := os.Remove(filepath.Join(stubDir, extra)); err != nil {
				return err
			}
		}
	}
	pristine := filepath.Join(root, PristineDir, spec.Name)
	if err := os.RemoveAll(pristine); err != nil {
		return err
	}
	for _, t := range targets(spec) {
		if err := write(filepath.Join(root, t.dir), t.suffix, files); err != nil {
			return err
		}
	}
	return nil
}

// unchanged returns an error naming the files in dir that the stub would
// replace and that differ both from it and from the copy shipped so far.
func unchanged(dir string, files, shipped map[string][]byte) error {
	var edited []error
	for _, name := range names(files) {
		cur, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case name == Assignment, bytes.Equal(cur, files[name]), bytes.Equal(cur, shipped[name]):
		default:
			edited = append(edited, fmt.Errorf("%s differs from the stub shipped so far: it is someone's work, so it is left alone "+
				"(edit the model answer in solutions/ instead, or run the generator with -force to overwrite it)", filepath.Join(dir, name)))
		}
	}
	return errors.Join(edited...)
}

// write writes files into dir, each name followed by suffix.
func write(dir, suffix string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names(files) {
		if err := os.WriteFile(filepath.Join(dir, name+suffix), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
