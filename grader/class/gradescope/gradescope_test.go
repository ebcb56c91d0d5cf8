package gradescope

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/verdict"
	"parlab/internal/testbuild"
)

// root is the parlab checkout the tests bundle.
var root, _ = filepath.Abs(filepath.Join("..", "..", ".."))

// writeTestBundle writes the bundle of histogram with the given Go
// release and checksum (the default's when empty) and returns the zip's
// path.
func makeTestBundle(bundle, goVersion, goSHA256 string) error {
	spec, err := exercise.Lookup("histogram")
	if err != nil {
		return err
	}
	cfg, err := NewConfig(root, []exercise.Spec{spec}, goVersion, goSHA256)
	if err != nil {
		return err
	}
	cfg.SkipPolicy = verdict.DefaultSkipPolicy.String()
	_, err = Bundle(root, cfg, bundle)
	return err
}

// shared is the bundle the tests that unpack one share (sharedBundle):
// histogram alone, pinned to this toolchain's Go version and to the fake
// Go archive's checksum (fakeGoArchive). Making a bundle zips the
// checkout, which took 8-10 s under the race detector, and four tests
// made one each.
var shared struct {
	once           sync.Once
	bundle, sum    string
	archive        []byte
	err            error
	dir, goVersion string
}

// sharedBundle returns the shared bundle, the fake Go archive its setup
// downloads and this toolchain's Go version; the bundle's folder lives
// until the end of the test binary (TestMain removes it).
func sharedBundle(t *testing.T) (bundle string, archive []byte, goVersion string) {
	t.Helper()
	shared.once.Do(func() {
		// Set until the end: a t.Fatal in a helper below ends Do early.
		shared.err = errors.New("the shared bundle could not be made (see the first test that asked for it)")
		shared.archive, shared.sum = fakeGoArchive(t)
		shared.goVersion = strings.TrimPrefix(goEnv(t, "GOVERSION"), "go")
		shared.dir, shared.err = os.MkdirTemp("", "parlab-gradescope-test-")
		if shared.err != nil {
			return
		}
		shared.bundle = filepath.Join(shared.dir, "autograder.zip")
		shared.err = makeTestBundle(shared.bundle, shared.goVersion, shared.sum)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.bundle, shared.archive, shared.goVersion
}

// TestGradescopeBundleLayout: the scripts and the checkout sit at the
// zip's root, as Gradescope's specification requires (it unpacks the zip
// into /autograder/source and looks for source/setup.sh and
// source/run_autograder), executable, without .git, archives or the
// tests' testdata.
func TestGradescopeBundleLayout(t *testing.T) {
	t.Parallel()
	bundle, _, _ := sharedBundle(t)
	zr, err := zip.OpenReader(bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f
		switch {
		case strings.HasPrefix(f.Name, "source/"):
			t.Errorf("%s: the checkout must sit at the zip's root, not under source/ (Gradescope unpacks into source/ itself)", f.Name)
		case strings.HasPrefix(f.Name, ".git/"), strings.Contains(f.Name, "/.git/"):
			t.Errorf("the bundle carries %s", f.Name)
		case isArchive(f.Name):
			t.Errorf("the bundle carries the archive %s", f.Name)
		case strings.HasPrefix(f.Name, "testdata/"), strings.Contains(f.Name, "/testdata/"):
			t.Errorf("the bundle carries the tests' %s", f.Name)
		}
	}
	for _, name := range []string{"setup.sh", "run_autograder"} {
		f, ok := entries[name]
		if !ok {
			t.Fatalf("the zip's root lacks %s", name)
		}
		if f.Mode()&0o100 == 0 {
			t.Errorf("%s is not executable (mode %v)", name, f.Mode())
		}
	}
	for _, name := range []string{"go.mod", "go.sum", "cmd/grade/main.go", "exercises/histogram/doc.go", "reference/histogram.go"} {
		if _, ok := entries[name]; !ok {
			t.Errorf("the bundle lacks %s", name)
		}
	}
}

// TestGradescopeScriptsShellcheck lints the scripts the bundle writes.
func TestGradescopeScriptsShellcheck(t *testing.T) {
	t.Parallel()
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed, and CI must lint the Gradescope scripts: .ci/run installs it")
		}
		t.Skip("shellcheck is not installed (apt-get install shellcheck)")
	}
	cfg, err := NewConfig(root, exercise.All(), DefaultGoVersion, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"setup.sh", "run_autograder"} {
		script, err := RenderScript(name, cfg)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(shellcheck, "--shell=bash", "-")
		cmd.Stdin = bytes.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("shellcheck %s: %v\n%s", name, err, out)
		}
	}
}

func TestNewBundleConfig(t *testing.T) {
	t.Parallel()
	specs := []exercise.Spec{mustLookup(t, "histogram"), mustLookup(t, "mergesort")}
	sum := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name, version, sha string
		wantSHA, wantErr   string
	}{
		{"the default release has its checksum pinned", DefaultGoVersion, "", DefaultGoSHA256, ""},
		{"another release with its checksum", "1.27.1", strings.ToUpper(sum), sum, ""},
		{"another release without its checksum", "1.27.1", "", "", "needs --go-sha256"},
		{"a checksum that is not one", "1.27.1", "abc", "", "not a SHA-256"},
		{"older than go.mod", "1.20.1", sum, "", "older than"},
		{"not a release", "1.26; rm -rf /", sum, "", "not a Go release"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := NewConfig(root, specs, tc.version, tc.sha)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.GoSHA256 != tc.wantSHA || cfg.Exercises() != "histogram mergesort" {
				t.Errorf("%+v", cfg)
			}
		})
	}
}

func mustLookup(t *testing.T, name string) exercise.Spec {
	t.Helper()
	s, err := exercise.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// gradescopeImage is a folder laid out as Gradescope lays out the
// autograder image: ROOT/source holds the unpacked zip, ROOT/run_autograder
// is a copy of source/run_autograder, and both scripts have /autograder
// rewritten to ROOT. Commands that setup.sh would run against the network
// or the system's package manager (curl, apt-get) are shims that log their
// arguments; curl "downloads" goArchive.
type gradescopeImage struct {
	root, shims string
	env         []string
}

func newGradescopeImage(t *testing.T, bundle string, goArchive []byte) *gradescopeImage {
	t.Helper()
	img := &gradescopeImage{root: imageRoot(t), shims: t.TempDir()}
	unzipTo(t, bundle, filepath.Join(img.root, "source"))
	for _, name := range []string{"setup.sh", "run_autograder"} {
		p := filepath.Join(img.root, "source", name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("AUTOGRADER=/autograder\n")) {
			t.Fatalf("%s does not name /autograder as its root", name)
		}
		if err := os.WriteFile(p, bytes.ReplaceAll(data, []byte("/autograder"), []byte(img.root)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The image build copies run_autograder to the top (the sample
	// Dockerfile's `cp /autograder/source/run_autograder /autograder/run_autograder`).
	data, _ := os.ReadFile(filepath.Join(img.root, "source", "run_autograder"))
	if err := os.WriteFile(filepath.Join(img.root, "run_autograder"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(img.shims, "go.tar.gz")
	if err := os.WriteFile(archive, goArchive, 0o644); err != nil {
		t.Fatal(err)
	}
	shim := func(name, body string) {
		if err := os.WriteFile(filepath.Join(img.shims, name), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shim("apt-get", `echo "$*" >> "`+img.shims+`/apt-get.log"`+"\n")
	shim("curl", `echo "$*" >> "`+img.shims+`/curl.log"
while [ $# -gt 0 ]; do
  if [ "$1" = "-o" ]; then cp "`+archive+`" "$2"; exit 0; fi
  shift
done
exit 22
`)
	img.env = append(os.Environ(), "PATH="+img.shims+string(os.PathListSeparator)+os.Getenv("PATH"), "PARLAB_ROOT=",
		"GOCACHE="+goEnv(t, "GOCACHE"), "GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOFLAGS=")
	return img
}

// imageRoot returns an empty folder for one test's image, at the same
// path in every run of that test from this checkout: in a new temporary
// folder each time, setup.sh compiled the whole grader again, and each
// grade in the image the suite's packages (testbuild.EmptyFolder).
func imageRoot(t *testing.T) string {
	return testbuild.EmptyFolder(t, "gradescope-image", root+"\x00"+t.Name())
}

// setup runs source/setup.sh as Gradescope's image build does, from /.
func (img *gradescopeImage) setup(t *testing.T, extraEnv ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(img.root, "source", "setup.sh"))
	cmd.Dir = "/"
	cmd.Env = append(append([]string{}, img.env...), extraEnv...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// grade runs run_autograder, from ROOT as Gradescope does, on a
// submission of the one loose file src, and returns results.json.
func (img *gradescopeImage) grade(t *testing.T, src string) []byte {
	t.Helper()
	sub := filepath.Join(img.root, "submission")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, filepath.Base(src)), data, 0o644); err != nil {
		t.Fatal(err)
	}
	run := exec.Command(filepath.Join(img.root, "run_autograder"))
	run.Dir = img.root
	run.Env = img.env
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("run_autograder: %v\n%s", err, out)
	}
	results, err := os.ReadFile(filepath.Join(img.root, "results", "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	return results
}

// log is what the shim name was called with.
func (img *gradescopeImage) log(name string) string {
	data, _ := os.ReadFile(filepath.Join(img.shims, name+".log"))
	return string(data)
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// fakeGoArchive is a go${VERSION}.linux-amd64.tar.gz whose go/bin/go runs
// this machine's go command, and its SHA-256.
func fakeGoArchive(t *testing.T) ([]byte, string) {
	t.Helper()
	realGo := filepath.Join(goEnv(t, "GOROOT"), "bin", "go")
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	script := []byte("#!/bin/sh\nexec " + realGo + " \"$@\"\n")
	for _, h := range []*tar.Header{
		{Name: "go/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "go/bin/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "go/bin/go", Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(len(script))},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
	}
	tw.Write(script)
	tw.Close()
	gz.Close()
	sum := sha256.Sum256(b.Bytes())
	return b.Bytes(), hex.EncodeToString(sum[:])
}

// TestGradescopeBundleEndToEnd builds the autograder image from the
// bundle exactly as Gradescope's specification describes it, under a
// temporary ROOT instead of /autograder: setup.sh installs Go (the shimmed
// download, checksum-verified), builds the grader and grades the model
// answer; then run_autograder, run from ROOT, grades a submission of loose
// .go files into ROOT/results/results.json, which must follow the
// specification's fields and types.
func TestGradescopeBundleEndToEnd(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the bundled grader and grades a submission")
	}
	if runtime.GOOS != "linux" {
		t.Skip("Gradescope's autograder images run Linux")
	}
	bundle, archive, goVersion := sharedBundle(t)
	img := newGradescopeImage(t, bundle, archive)
	// One proof of the faster check: on a machine too busy to judge, the
	// proof fails the image build as "no grade was judged" (a real image
	// builder must be quiet), which is the last step, so the image is
	// otherwise whole.
	out, err := img.setup(t, "PARLAB_SPEED_PROOFS=1")
	if err != nil && !strings.Contains(out, "no grade was judged") {
		t.Fatalf("setup.sh: %v\n%s", err, out)
	}
	if !strings.Contains(out, "proving the faster check on this hardware") || !strings.Contains(out, "BINDING MARGINS") {
		t.Errorf("setup.sh did not prove the faster check with grade verify --speed:\n%s", out)
	}
	if apt := img.log("apt-get"); !strings.Contains(apt, "install") || !strings.Contains(apt, "gcc") || !strings.Contains(apt, "libc6-dev") {
		t.Errorf("setup.sh did not install gcc and libc6-dev: apt-get %s", apt)
	}
	if curl := img.log("curl"); !strings.Contains(curl, "https://go.dev/dl/go"+goVersion+".linux-amd64.tar.gz") {
		t.Errorf("setup.sh downloaded %q", curl)
	}

	data := img.grade(t, filepath.Join(root, "solutions", "histogram", "histogram.go"))
	if err := report.CheckGradescope(data); err != nil {
		t.Errorf("results.json departs from Gradescope's specification:\n%v\n%s", err, data)
	}
	var res struct {
		Score float64
		Tests []struct{ Name, Status, Output string }
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Tests) != 8 || res.Score < 9 {
		t.Fatalf("the model answer scored %v with %d tests: %s", res.Score, len(res.Tests), data)
	}
	for _, tc := range res.Tests {
		if !strings.HasPrefix(tc.Name, "histogram: ") {
			t.Errorf("test %q does not name its exercise", tc.Name)
		}
		// A busy machine may skip the speedup; nothing else may fail.
		if tc.Status != "passed" && !(tc.Name == "histogram: faster" && strings.HasPrefix(tc.Output, "skip:")) {
			t.Errorf("%s: %s: %s", tc.Name, tc.Status, tc.Output)
		}
	}
}

// TestGradescopeSetupFailsLoudly: setup.sh refuses a Go archive whose
// checksum differs from the pinned one, and an image where no
// race-enabled test binary builds; either fails the image build with the
// reason, instead of an image that scores every submission 1/11.
func TestGradescopeSetupFailsLoudly(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the bundled grader")
	}
	if runtime.GOOS != "linux" {
		t.Skip("Gradescope's autograder images run Linux")
	}
	bundle, archive, _ := sharedBundle(t)
	// The download the bundle pins with one byte changed: what a
	// tampered mirror or a broken download hands setup.sh.
	tampered := bytes.Clone(archive)
	tampered[len(tampered)/2] ^= 0xff
	for _, tc := range []struct {
		name    string
		archive []byte
		env     []string
		want    string
	}{
		{"a tampered archive", tampered, nil, "does not have the SHA-256 the bundle pins"},
		{"no C compiler", archive, []string{"CC=/nonexistent/cc"}, "cannot build a race-enabled test binary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			img := newGradescopeImage(t, bundle, tc.archive)
			out, err := img.setup(t, tc.env...)
			if err == nil {
				t.Fatalf("setup.sh succeeded:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("setup.sh failed without saying %q:\n%s", tc.want, out)
			}
		})
	}
}

func unzipTo(t *testing.T, archive, dest string) {
	t.Helper()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		p := filepath.Join(dest, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(p, dest+string(filepath.Separator)) {
			t.Fatalf("%s escapes the folder", f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, f.Mode().Perm())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, rc); err != nil {
			t.Fatal(err)
		}
		out.Close()
		rc.Close()
	}
}

// TestGradeSubmissionMissingExercise: an assignment of two exercises whose
// submission holds neither scores nothing on each, says what to upload,
// and still makes a results.json Gradescope accepts.
func TestGradeSubmissionMissingExercise(t *testing.T) {
	t.Parallel()
	specs := []exercise.Spec{mustLookup(t, "histogram"), mustLookup(t, "mergesort")}
	sub := t.TempDir()
	if err := os.WriteFile(filepath.Join(sub, "notes.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	results, err := GradeSubmission(context.Background(), specs, root, sub, verdict.DefaultSkipPolicy)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.GradescopeAll(&b, results); err != nil {
		t.Fatal(err)
	}
	if err := report.CheckGradescope(b.Bytes()); err != nil {
		t.Errorf("results.json departs from the specification: %v", err)
	}
	for i, r := range results {
		if r.Exercise != specs[i].Name || r.Score != 0 || r.MaxScore != specs[i].MaxScore() || len(r.Checks) != len(specs[i].Checks()) {
			t.Errorf("%s: %d/%d with %d checks", r.Exercise, r.Score, r.MaxScore, len(r.Checks))
		}
		if f := r.FirstFailure(); f == nil || !strings.Contains(f.Message, "upload your exercises/"+specs[i].Name) {
			t.Errorf("%s: the failure does not say what to upload: %+v", r.Exercise, f)
		}
	}
}

// TestGradeSubmissionRefusesLinks: a submission holding only `exercises
// -> /autograder/source/solutions` (the model answers the grader runs
// beside) scored 11/11; a link on the way to an exercise, or the
// exercise's folder as a link, is refused and scores nothing.
func TestGradeSubmissionRefusesLinks(t *testing.T) {
	t.Parallel()
	spec := mustLookup(t, "histogram")
	solutions := filepath.Join(root, "solutions")
	for name, layout := range map[string]func(sub string) error{
		"exercises": func(sub string) error { return os.Symlink(solutions, filepath.Join(sub, "exercises")) },
		"histogram": func(sub string) error {
			return os.Symlink(filepath.Join(solutions, "histogram"), filepath.Join(sub, "histogram"))
		},
	} {
		sub := t.TempDir()
		if err := layout(sub); err != nil {
			t.Fatal(err)
		}
		results, err := GradeSubmission(context.Background(), []exercise.Spec{spec}, root, sub, verdict.DefaultSkipPolicy)
		if err != nil {
			t.Fatal(err)
		}
		r := results[0]
		if f := r.FirstFailure(); r.Score != 0 || f == nil || !strings.Contains(f.Message, "symbolic link") {
			t.Errorf("%s as a link: %d/%d, first failure %+v", name, r.Score, r.MaxScore, f)
		}
	}
}
