// Package checkout finds the parlab checkout a command runs in and reads
// its go.mod.
package checkout

import (
	"fmt"
	"os"
	"path/filepath"

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
