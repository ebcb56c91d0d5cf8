// Package gradescope makes parlab a Gradescope autograder: Bundle writes
// the autograder.zip a programming assignment takes, and Run grades a
// submission inside the image into results.json.
//
// Gradescope's autograder layout (gradescope/autograder_samples,
// docs/specs.md): the uploaded zip is unpacked into /autograder/source;
// source/setup.sh runs once while the image is built; source/run_autograder
// is copied to /autograder/run_autograder and run, from /autograder, for
// every submission, which Gradescope puts in /autograder/submission; the
// results go to /autograder/results/results.json. So the bundle holds
// setup.sh, run_autograder and the parlab checkout at the zip's root.
package gradescope

import (
	"archive/zip"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"go/version"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"
	"time"

	"parlab/grader/exercise"
	"parlab/internal/atomicfile"
	"parlab/internal/checkout"
)

// DefaultAutograder is where Gradescope keeps everything.
const DefaultAutograder = "/autograder"

// DefaultGoVersion is the Go release setup.sh installs by default, and
// DefaultGoSHA256 the SHA-256 of its linux-amd64 archive as
// https://go.dev/dl lists it.
const (
	DefaultGoVersion = "1.26.8"
	DefaultGoSHA256  = "d0f743b33e8d8945e6b1f432edd15785c70507121d6e2a723b21285eddf8b57b"
)

//go:embed templates/setup.sh.tmpl templates/run_autograder.tmpl
var scripts embed.FS

// Config is what the bundle's scripts are written from.
type Config struct {
	// GoVersion is the Go release setup.sh installs, e.g. "1.26.8".
	GoVersion string
	// GoSHA256 is the SHA-256 of its linux-amd64 archive.
	GoSHA256 string
	// ExerciseList names the assignment's exercises.
	ExerciseList []string
	// SkipPolicy is the --skip-policy every grade of the assignment uses.
	SkipPolicy string
	// Points is what the assignment is worth: the exercises' points.
	Points int
}

// Exercises is ExerciseList as the words of a bash array.
func (b Config) Exercises() string { return strings.Join(b.ExerciseList, " ") }

var (
	goReleaseRE = regexp.MustCompile(`^[1-9][0-9]*\.[0-9]+(\.[0-9]+|rc[0-9]+)?$`)
	sha256RE    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// NewConfig is the bundle of the exercises specs; it checks the Go release and checksum: the release must be
// one go.mod accepts, and a release other than the default needs the
// checksum go.dev/dl lists for it, since setup.sh refuses an archive it
// cannot verify.
func NewConfig(root string, specs []exercise.Spec, goVersion, goSHA256 string) (Config, error) {
	cfg := Config{GoVersion: goVersion, GoSHA256: strings.ToLower(goSHA256)}
	for _, s := range specs {
		cfg.ExerciseList = append(cfg.ExerciseList, s.Name)
		cfg.Points += s.MaxScore()
	}
	if !goReleaseRE.MatchString(goVersion) {
		return cfg, fmt.Errorf("--go-version %q is not a Go release such as %s", goVersion, DefaultGoVersion)
	}
	if need, err := checkout.GoVersion(root); err == nil && version.Compare("go"+goVersion, "go"+need) < 0 {
		return cfg, fmt.Errorf("--go-version %s is older than the go %s that go.mod asks for", goVersion, need)
	}
	switch {
	case cfg.GoSHA256 == "" && goVersion == DefaultGoVersion:
		cfg.GoSHA256 = DefaultGoSHA256
	case cfg.GoSHA256 == "":
		return cfg, fmt.Errorf("--go-version %s needs --go-sha256: copy the SHA256 of go%s.linux-amd64.tar.gz from https://go.dev/dl", goVersion, goVersion)
	case !sha256RE.MatchString(cfg.GoSHA256):
		return cfg, fmt.Errorf("--go-sha256 %q is not a SHA-256 (64 hexadecimal digits)", goSHA256)
	}
	return cfg, nil
}

// RenderScript fills in one of the embedded scripts.
func RenderScript(name string, cfg Config) ([]byte, error) {
	tmpl, err := template.ParseFS(scripts, "templates/"+name+".tmpl")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, cfg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeZip zips setup.sh, run_autograder and the parlab checkout
// (sourceFiles) into w, all at the zip's root as Gradescope requires.
func writeZip(w io.Writer, root string, cfg Config, skip string) error {
	zw := zip.NewWriter(w)
	add := func(name string, data []byte, mode fs.FileMode) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		h.SetMode(mode)
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	for _, name := range []string{"setup.sh", "run_autograder"} {
		script, err := RenderScript(name, cfg)
		if err != nil {
			return err
		}
		if err := add(name, script, 0o755); err != nil {
			return err
		}
	}
	names, err := sourceFiles(root)
	if err != nil {
		return fmt.Errorf("listing the source: %w", err)
	}
	for _, name := range names {
		p := filepath.Join(root, filepath.FromSlash(name))
		if !bundled(name) || p == skip {
			continue
		}
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue // tracked, and deleted in the work tree
		}
		if err != nil {
			return fmt.Errorf("adding the source: %w", err)
		}
		if !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("adding the source: %w", err)
		}
		if err := add(name, data, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// sourceFiles lists the checkout's files, slash-separated: those git has
// of it (checkout.GitFiles: tracked, or new and not ignored, so never a
// built binary or a test's output), or, where root is no git work tree
// (a downloaded copy), every file under it.
func sourceFiles(root string) ([]string, error) {
	if files, err := checkout.GitFiles(root, true); err == nil {
		return files, nil
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.IsDir() && rel != "." && !bundled(filepath.ToSlash(rel)):
			return filepath.SkipDir // .git, node_modules: nothing in it is bundled
		case !d.IsDir():
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files, err
}

// bundled reports whether the checkout's file name (slash-separated) goes
// into the bundle: not the scripts the bundle writes itself, nothing
// hidden (.git, .github) or under node_modules, no archive such as an
// earlier bundle, and none of the tests' testdata folders: the image
// builds and runs the grader, never its tests, and grader/testdata (the
// scenarios' tapes) was half the checkout (3.7 of 7.6 MB).
func bundled(name string) bool {
	if name == "setup.sh" || name == "run_autograder" || isArchive(name) {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || part == "node_modules" || part == "testdata" {
			return false
		}
	}
	return true
}

func isArchive(name string) bool {
	for _, ext := range []string{".zip", ".tar.gz", ".tgz"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// Bundle writes the autograder zip of the checkout at root into the file
// out, atomically, and returns its size in bytes.
func Bundle(root string, cfg Config, out string) (int, error) {
	var buf bytes.Buffer
	if err := writeZip(&buf, root, cfg, out); err != nil {
		return 0, err
	}
	return buf.Len(), atomicfile.WriteFile(out, buf.Bytes())
}
