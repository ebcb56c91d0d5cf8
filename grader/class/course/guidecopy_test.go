package course

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"parlab/internal/testbuild"
)

// guideCopy returns a copy of the module at root, less version control,
// for TestAuthoringGuide to follow the guide in, and holds it until the
// test ends. The copy is kept between runs (testbuild.HeldFolder, one
// per checkout), and brought up to date file by file: a file the module
// has as it is there is left as it was, times included, and every other
// file is removed. Go's build and test caches key on where a package's
// files are, so in a new folder each time the guide's commands compiled
// and ran every package of the module again (158 s of the test's 228-371
// s at load average 16-21, for its `go test -short ./...` alone); in the
// same folder they compile and run again only what changed since the
// last run, as the go command decides.
func guideCopy(t *testing.T, root string) string {
	t.Helper()
	dir := testbuild.HeldFolder(t, "authoring-guide", root)
	if err := syncTree(root, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// syncTree makes dir hold the regular files and folders of root, less
// .git: a file already there with the same content and mode is left
// untouched, any other is written, and whatever root does not hold is
// removed.
func syncTree(root, dir string) error {
	keep := map[string]bool{".": true}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case d.IsDir():
			keep[rel] = true
			if fi, err := os.Lstat(filepath.Join(dir, rel)); err == nil && !fi.IsDir() {
				_ = os.Remove(filepath.Join(dir, rel)) // a file where root has a folder
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case !d.Type().IsRegular():
			return nil
		}
		keep[rel] = true
		return syncFile(p, filepath.Join(dir, rel))
	})
	if err != nil {
		return err
	}
	var extra []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !keep[rel] {
			extra = append(extra, p)
			if d.IsDir() {
				return filepath.SkipDir
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range slices.Backward(extra) {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// syncFile writes src's content to dst, with mode 0644, unless dst holds
// it already.
func syncFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		if fi, err := os.Lstat(dst); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() == 0o644 {
			return nil
		}
	}
	_ = os.RemoveAll(dst) // a folder or a link where root has a file
	return os.WriteFile(dst, data, 0o644)
}

// TestSyncTree: the copy ends up holding root's files; a file it held
// already, the same, keeps its time (so the go command's caches hold for
// it), and what root does not hold is gone.
func TestSyncTree(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	write := func(base, rel, text string) {
		t.Helper()
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(root, "same.go", "same")
	write(root, "a/changed.go", "new")
	write(root, "a/new.go", "new")
	write(root, "was-a-file/x.go", "x")
	write(root, ".git/HEAD", "ref")
	write(dir, "same.go", "same")
	write(dir, "a/changed.go", "old")
	write(dir, "a/gone.go", "gone")
	write(dir, "gone/deep/x.go", "gone")
	write(dir, "was-a-file", "file")
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(filepath.Join(dir, "same.go"), old, old); err != nil {
		t.Fatal(err)
	}
	if err := syncTree(root, dir); err != nil {
		t.Fatal(err)
	}
	var got []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel)+"="+string(data))
		}
		return err
	})
	if want := []string{"a/changed.go=new", "a/new.go=new", "same.go=same", "was-a-file/x.go=x"}; !slices.Equal(got, want) {
		t.Errorf("the copy holds %q, want %q", got, want)
	}
	if fi, err := os.Stat(filepath.Join(dir, "same.go")); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("a file already the same was written again (%v)", err)
	}
}
