// Package checkout finds the parlab checkout a command runs in and reads
// its go.mod.
package checkout

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	module, err := directive(dir, "module")
	return err == nil && module == "parlab"
}

// GoVersion is the go line of root's go.mod: the oldest Go release that
// builds the checkout.
func GoVersion(root string) (string, error) {
	if root == "" {
		return "", fmt.Errorf("no checkout")
	}
	return directive(root, "go")
}

// directive is the argument of the first line of dir's go.mod that starts
// with the keyword, unquoted. (golang.org/x/mod/modfile parses go.mod in
// full; this reads two one-line directives without a dependency, whose
// go.mod and go.sum lines would make every scenario tape stale.)
func directive(dir, keyword string) (string, error) {
	path := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if arg, ok := strings.CutPrefix(strings.TrimSpace(line), keyword+" "); ok {
			arg, _, _ = strings.Cut(arg, "//")
			arg = strings.TrimSpace(arg)
			if unquoted, err := strconv.Unquote(arg); err == nil {
				arg = unquoted
			}
			return arg, nil
		}
	}
	return "", fmt.Errorf("%s has no %s line", path, keyword)
}
