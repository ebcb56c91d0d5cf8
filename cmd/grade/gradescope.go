package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"parlab/grader"
	"parlab/grader/atomicfile"
	"parlab/grader/batch"
	"parlab/grader/report"
	"parlab/grader/verdict"
)

// AutograderRootEnv moves Gradescope's /autograder elsewhere, for tests.
const AutograderRootEnv = "AUTOGRADER_ROOT"

func autograderRoot() string {
	if r := os.Getenv(AutograderRootEnv); r != "" {
		return r
	}
	return "/autograder"
}

func gradescopeBundleCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "gradescope-bundle",
		Usage: "write the autograder.zip Gradescope's programming assignments take",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "autograder.zip", Usage: "the bundle `FILE`"},
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercise(s) of the assignment (default: all)"},
			&cli.StringFlag{Name: "go-version", Value: bundleGoVersion, Usage: "the Go release setup.sh installs"},
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
			var names []string
			for _, s := range specs {
				names = append(names, s.Name)
			}
			policy, err := verdict.ParseSkipPolicy(c.String("skip-policy"))
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := writeBundle(&buf, root, names, c.String("go-version"), policy); err != nil {
				return err
			}
			if err := atomicfile.WriteFile(c.String("out"), buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s (%d KiB): upload it as the autograder of a Gradescope programming assignment\n", c.String("out"), buf.Len()>>10)
			return nil
		},
	}
}

// bundleGoVersion is the Go release the bundle installs by default.
const bundleGoVersion = "1.26.0"

// setupScript installs Go on Gradescope's Ubuntu image and warms the build
// cache, so that grading a submission starts from compiled dependencies.
const setupScript = `#!/usr/bin/env bash
# Gradescope runs this once, when the autograder image is built.
set -euo pipefail
GO_VERSION="${GO_VERSION:-%s}"
if ! command -v go >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq curl ca-certificates >/dev/null
  curl -fsSL "https://go.dev/dl/go${GO_VERSION}.linux-amd64.tar.gz" | tar -C /usr/local -xz
  ln -sf /usr/local/go/bin/go /usr/local/bin/go
fi
cd "$(dirname "$0")/source"
go build -o /usr/local/bin/parlab-grade ./cmd/grade
go test -c -race -o /dev/null ./reference >/dev/null 2>&1 || true
`

// runScript grades the submission on every run and writes results.json.
const runScript = `#!/usr/bin/env bash
# Gradescope runs this for every submission.
set -uo pipefail
AUTOGRADER="${AUTOGRADER_ROOT:-/autograder}"
GRADE="${PARLAB_GRADE:-parlab-grade}"
cd "$AUTOGRADER/source"
mkdir -p "$AUTOGRADER/results"
"$GRADE" gradescope-run --skip-policy '%s' --exercise %s
`

// writeBundle zips setup.sh, run_autograder and the parlab source (what
// git would track: no .git, no build output) into w.
func writeBundle(w io.Writer, root string, exercises []string, goVersion string, policy verdict.SkipPolicy) error {
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
	if err := add("setup.sh", []byte(fmt.Sprintf(setupScript, goVersion)), 0o755); err != nil {
		return err
	}
	if err := add("run_autograder", []byte(fmt.Sprintf(runScript, policy, strings.Join(exercises, " --exercise "))), 0o755); err != nil {
		return err
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
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
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
		return add("source/"+filepath.ToSlash(rel), data, info.Mode().Perm())
	})
	if err != nil {
		return fmt.Errorf("adding the source: %w", err)
	}
	return zw.Close()
}

func gradescopeRunCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:   "gradescope-run",
		Usage:  "grade /autograder/submission into /autograder/results/results.json (run_autograder calls it)",
		Hidden: true,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "exercise", Usage: "the exercise(s) to grade (default: all)"},
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
			ag := autograderRoot()
			submission := filepath.Join(ag, "submission")
			var results []*verdict.Result
			for _, spec := range specs {
				dir, ok := batch.ExerciseDir(submission, spec.Name)
				if !ok {
					// Files uploaded loose, without their folder.
					if len(specs) == 1 {
						dir, ok = submission, true
					}
				}
				if !ok {
					res := &verdict.Result{Exercise: spec.Name, MaxScore: spec.MaxScore(), Checks: []verdict.Check{{Name: verdict.Builds, Status: verdict.Fail,
						MaxScore: spec.Points[verdict.Builds], Message: fmt.Sprintf("the submission has no %s folder (upload exercises/%s, or its .go files)", spec.Name, spec.Name)}}}
					results = append(results, res)
					continue
				}
				res, err := grader.Grade(c.Context, spec, grader.Options{Root: root, Dir: dir, SkipPolicy: policy})
				if err != nil {
					return err
				}
				results = append(results, res)
			}
			var buf bytes.Buffer
			if err := report.GradescopeAll(&buf, results); err != nil {
				return err
			}
			out := filepath.Join(ag, "results", "results.json")
			if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
				return err
			}
			var doc struct{ Score float64 }
			_ = json.Unmarshal(buf.Bytes(), &doc)
			fmt.Fprintf(stdout, "wrote %s: score %v\n", out, doc.Score)
			return nil
		},
	}
}
