package checkout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindFromSubfolder(t *testing.T) {
	wd, _ := os.Getwd()
	root, err := Find()
	if err != nil || !strings.HasPrefix(wd, root) || !IsRoot(root) {
		t.Fatalf("Find() = %q, %v", root, err)
	}
	if v, err := GoVersion(root); err != nil || !strings.HasPrefix(v, "1.") {
		t.Errorf("GoVersion = %q, %v", v, err)
	}
}

func TestIsRoot(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]bool{
		"module parlab\n\ngo 1.26.0\n":      true,
		"// a comment\nmodule \"parlab\"\n": true,
		"module parlab/x\n":                 false,
		"module other\n":                    false,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := IsRoot(dir); got != want {
			t.Errorf("IsRoot(%q) = %v, want %v", body, got, want)
		}
	}
	if IsRoot(t.TempDir()) {
		t.Error("a folder without go.mod is a checkout")
	}
}
