package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"embed"
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

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/atomicfile"
	"parlab/grader/batch"
	"parlab/grader/exercise"
	"parlab/grader/report"
	"parlab/grader/verdict"
)

// Gradescope's autograder layout (gradescope/autograder_samples,
// docs/specs.md): the uploaded zip is unpacked into /autograder/source;
// source/setup.sh runs once while the image is built; source/run_autograder
// is copied to /autograder/run_autograder and run, from /autograder, for
// every submission, which Gradescope puts in /autograder/submission; the
// results go to /autograder/results/results.json. So the bundle holds
// setup.sh, run_autograder and the parlab checkout at the zip's root.

// defaultAutograder is where Gradescope keeps everything.
const defaultAutograder = "/autograder"

// bundleGoVersion is the Go release setup.sh installs by default, and
// bundleGoSHA256 the SHA-256 of its linux-amd64 archive as
// https://go.dev/dl lists it.
const (
	bundleGoVersion = "1.26.8"
	bundleGoSHA256  = "d0f743b33e8d8945e6b1f432edd15785c70507121d6e2a723b21285eddf8b57b"
)

//go:embed gradescope/setup.sh.tmpl gradescope/run_autograder.tmpl
var bundleScripts embed.FS

func gradescopeBundleCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "gradescope-bundle",
		Usage: "write the autograder.zip Gradescope's programming assignments take",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "autograder.zip", Usage: "the bundle `FILE`"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercise(s) of the assignment (default: all)"},
			&cli.StringFlag{Name: "go-version", Value: bundleGoVersion, Usage: "the Go release setup.sh installs"},
			&cli.StringFlag{Name: "go-sha256", Usage: "the SHA-256 https://go.dev/dl lists for go`VERSION`.linux-amd64.tar.gz (needed with --go-version)"},
			skipPolicyFlag(),
		},
		Action: func(c *cli.Context) error {
			specs, err := chosenExercises(c.StringSlice("exercise"))
			if err != nil {
				return err
			}
			root, err := findRoot()
			if err != nil {
				return err
			}
			cfg, err := newBundleConfig(root, specs, c.String("go-version"), c.String("go-sha256"))
			if err != nil {
				return err
			}
			out, err := filepath.Abs(c.String("out"))
			if err != nil {
				return err
			}
			policy, err := verdict.ParseSkipPolicy(c.String("skip-policy"))
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			cfg.SkipPolicy = policy.String()
			if err := writeBundle(&buf, root, cfg, out); err != nil {
				return err
			}
			if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
				return err
			}
			points := 0
			for _, s := range specs {
				points += s.MaxScore()
			}
			fmt.Fprintf(stdout, "wrote %s (%d KiB): upload it as the autograder of a Gradescope programming assignment worth %d points\n",
				c.String("out"), buf.Len()>>10, points)
			return nil
		},
	}
}

// bundleConfig is what the bundle's scripts are written from.
type bundleConfig struct {
	// GoVersion is the Go release setup.sh installs, e.g. "1.26.8".
	GoVersion string
	// GoSHA256 is the SHA-256 of its linux-amd64 archive.
	GoSHA256 string
	// ExerciseList names the assignment's exercises.
	ExerciseList []string
	// SkipPolicy is the --skip-policy every grade of the assignment uses.
	SkipPolicy string
}

// Exercises is ExerciseList as the words of a bash array.
func (b bundleConfig) Exercises() string { return strings.Join(b.ExerciseList, " ") }

var (
	goReleaseRE = regexp.MustCompile(`^[1-9][0-9]*\.[0-9]+(\.[0-9]+|rc[0-9]+)?$`)
	sha256RE    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// newBundleConfig checks the Go release and checksum: the release must be
// one go.mod accepts, and a release other than the default needs the
// checksum go.dev/dl lists for it, since setup.sh refuses an archive it
// cannot verify.
func newBundleConfig(root string, specs []exercise.Spec, goVersion, goSHA256 string) (bundleConfig, error) {
	cfg := bundleConfig{GoVersion: goVersion, GoSHA256: strings.ToLower(goSHA256)}
	for _, s := range specs {
		cfg.ExerciseList = append(cfg.ExerciseList, s.Name)
	}
	if !goReleaseRE.MatchString(goVersion) {
		return cfg, fmt.Errorf("--go-version %q is not a Go release such as %s", goVersion, bundleGoVersion)
	}
	if need, err := goModVersion(root); err == nil && version.Compare("go"+goVersion, "go"+need) < 0 {
		return cfg, fmt.Errorf("--go-version %s is older than the go %s that go.mod asks for", goVersion, need)
	}
	switch {
	case cfg.GoSHA256 == "" && goVersion == bundleGoVersion:
		cfg.GoSHA256 = bundleGoSHA256
	case cfg.GoSHA256 == "":
		return cfg, fmt.Errorf("--go-version %s needs --go-sha256: copy the SHA256 of go%s.linux-amd64.tar.gz from https://go.dev/dl", goVersion, goVersion)
	case !sha256RE.MatchString(cfg.GoSHA256):
		return cfg, fmt.Errorf("--go-sha256 %q is not a SHA-256 (64 hexadecimal digits)", goSHA256)
	}
	return cfg, nil
}

// goModVersion is the go line of root's go.mod.
func goModVersion(root string) (string, error) {
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "go "); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", fmt.Errorf("go.mod has no go line")
}

// renderScript fills in one of the embedded scripts.
func renderScript(name string, cfg bundleConfig) ([]byte, error) {
	tmpl, err := template.ParseFS(bundleScripts, "gradescope/"+name+".tmpl")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, cfg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeBundle zips setup.sh, run_autograder and the parlab checkout (what
// git would track: no .git, no hidden files, no archives such as an
// earlier bundle, and never the bundle being written, skip) into w, all at
// the zip's root as Gradescope requires.
func writeBundle(w io.Writer, root string, cfg bundleConfig, skip string) error {
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
		script, err := renderScript(name, cfg)
		if err != nil {
			return err
		}
		if err := add(name, script, 0o755); err != nil {
			return err
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") || p == skip || isArchive(d.Name()) ||
			rel == "setup.sh" || rel == "run_autograder" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return add(filepath.ToSlash(rel), data, info.Mode().Perm())
	})
	if err != nil {
		return fmt.Errorf("adding the source: %w", err)
	}
	return zw.Close()
}

func isArchive(name string) bool {
	for _, ext := range []string{".zip", ".tar.gz", ".tgz"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func gradescopeRunCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:   "gradescope-run",
		Usage:  "grade /autograder/submission into /autograder/results/results.json (run_autograder calls it)",
		Hidden: true,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercise(s) to grade (default: all)"},
			&cli.StringFlag{Name: "autograder", Value: defaultAutograder, Usage: "Gradescope's `FOLDER`, with submission/ and results/"},
			skipPolicyFlag(),
		},
		Action: func(c *cli.Context) error {
			specs, err := chosenExercises(c.StringSlice("exercise"))
			if err != nil {
				return err
			}
			policy, err := verdict.ParseSkipPolicy(c.String("skip-policy"))
			if err != nil {
				return err
			}
			root, err := findRoot()
			if err != nil {
				return err
			}
			ag := c.String("autograder")
			results, err := gradeSubmission(c.Context, specs, root, filepath.Join(ag, "submission"), policy)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := report.GradescopeAll(&buf, results); err != nil {
				return err
			}
			if err := report.CheckGradescope(buf.Bytes()); err != nil {
				return fmt.Errorf("parlab wrote a results.json that Gradescope's specification does not allow (a bug in parlab): %w", err)
			}
			out := filepath.Join(ag, "results", "results.json")
			if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
				return err
			}
			score, points := 0, 0
			for _, r := range results {
				score, points = score+r.Score, points+r.MaxScore
			}
			fmt.Fprintf(stdout, "wrote %s: score %d/%d\n", out, score, points)
			return nil
		},
	}
}

// gradeSubmission grades a Gradescope submission folder: each exercise's
// folder in it (NAME/ or exercises/NAME/), or, for a one-exercise
// assignment, the .go files uploaded loose. An exercise the submission
// lacks scores nothing, with a message that says what to upload. This is
// the one place the Gradescope results are built.
func gradeSubmission(ctx context.Context, specs []exercise.Spec, root, submission string, policy verdict.SkipPolicy) ([]*verdict.Result, error) {
	var results []*verdict.Result
	for _, spec := range specs {
		dir, ok := batch.ExerciseDir(submission, spec.Name)
		if !ok && len(specs) == 1 {
			// Files uploaded loose, without their folder.
			dir, ok = submission, true
		}
		if !ok {
			results = append(results, missingExercise(spec))
			continue
		}
		res, err := grader.Grade(ctx, spec, grader.Options{Root: root, Dir: dir, SkipPolicy: policy})
		if err != nil {
			return nil, fmt.Errorf("grading %s: %w", spec.Name, err)
		}
		results = append(results, res)
	}
	return results, nil
}

// missingExercise is the result of an exercise the submission lacks: it
// does not build, and nothing else is judged.
func missingExercise(spec exercise.Spec) *verdict.Result {
	res := &verdict.Result{Exercise: spec.Name}
	for _, name := range spec.Checks() {
		c := verdict.Check{Name: name, Status: verdict.Skip, MaxScore: spec.Points[name], Message: "not judged: nothing to grade"}
		if name == verdict.Builds {
			c.Status = verdict.Fail
			c.Message = fmt.Sprintf("the submission has no %s folder: upload your exercises/%s folder (or, for this exercise alone, its .go files)", spec.Name, spec.Name)
		}
		res.Checks = append(res.Checks, c)
	}
	res.Tally()
	return res
}
