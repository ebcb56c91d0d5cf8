package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// findRoot returns the parlab checkout the command runs in: the nearest
// folder upwards from the working directory whose go.mod declares module
// parlab, or $PARLAB_ROOT when set.
func findRoot() (string, error) {
	if r := os.Getenv("PARLAB_ROOT"); r != "" {
		if !isParlabRoot(r) {
			return "", fmt.Errorf("PARLAB_ROOT=%s does not hold parlab's go.mod", r)
		}
		return filepath.Abs(r)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isParlabRoot(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("not inside a parlab checkout: run grade from the folder you cloned parlab into (or set PARLAB_ROOT)")
		}
		dir = parent
	}
}

func isParlabRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); strings.HasPrefix(line, "module ") {
			return strings.TrimSpace(strings.TrimPrefix(line, "module ")) == "parlab"
		}
	}
	return false
}
