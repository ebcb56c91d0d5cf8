// Package checkout finds the parlab checkout a command runs in, reads its
// go.mod and lists the files git has of it.
package checkout

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// RootEnv names a checkout to use instead of looking upwards for one.
const RootEnv = "PARLAB_ROOT"

// Find returns the parlab checkout the command runs in: the nearest
// folder upwards from the working directory whose go.mod declares module
// parlab, or $PARLAB_ROOT when set.
func Find() (string, error) {
	if r := os.Getenv(RootEnv); r != "" {
		if !IsRoot(r) {
			return "", fmt.Errorf("%s=%s does not hold parlab's go.mod", RootEnv, r)
		}
		return filepath.Abs(r)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if IsRoot(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("not inside a parlab checkout: run grade from the folder you cloned parlab into (or set %s)", RootEnv)
		}
		dir = parent
	}
}

// IsRoot reports whether dir holds the go.mod of module parlab.
func IsRoot(dir string) bool {
	f, err := parseGoMod(dir)
	return err == nil && f.Module != nil && f.Module.Mod.Path == "parlab"
}

// GoVersion is the go line of root's go.mod: the oldest Go release that
// builds the checkout.
func GoVersion(root string) (string, error) {
	if root == "" {
		return "", fmt.Errorf("no checkout")
	}
	f, err := parseGoMod(root)
	if err != nil {
		return "", err
	}
	if f.Go == nil {
		return "", fmt.Errorf("%s has no go line", filepath.Join(root, "go.mod"))
	}
	return f.Go.Version, nil
}

// parseGoMod reads dir's go.mod with golang.org/x/mod/modfile (already a
// requirement of the module, for package api), leniently: only the module
// and go lines are read.
func parseGoMod(dir string) (*modfile.File, error) {
	path := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return modfile.ParseLax(path, data, nil)
}

// GitFiles lists the files of the git work tree at root, relative to it
// and slash-separated, in git's order: the files git tracks, and with
// untracked set also those it would track (new files that no .gitignore
// rule matches), but never what it ignores (built binaries, test
// outputs). It fails where git is not installed or root is not a work
// tree.
func GitFiles(root string, untracked bool) ([]string, error) {
	args := []string{"ls-files", "-z", "--cached"}
	if untracked {
		args = append(args, "--others", "--exclude-standard")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	return files, nil
}
