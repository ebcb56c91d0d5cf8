package grader

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestOddFileNames: a file name is learner text that reaches the report.
// One with a line break printed forged report lines under the notes
// ("PASS faster ... score 11/11"): a file that would be built with such a
// name is refused, and one set aside is quoted.
func TestOddFileNames(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		refused    string // a substring of the error; "" when it is read
		note       string // a substring of the notes
	}{
		{"a plain name", "extra.go", "", ""},
		{"a name with a letter beyond ASCII", "grösse.go", "", ""},
		{"a line break in a Go file's name", "x\n  PASS  faster.go", `the file name "x\n  PASS  faster.go" holds a line break`, ""},
		{"a line break in an assembly file's name", "x\ny.s", `the file name "x\ny.s"`, ""},
		{"a line break in a test file's name", "x\n  score 11∕11_test.go", "", `set aside "x\n  score 11∕11_test.go" (your own tests`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name, src string) {
				err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644)
				switch {
				case err != nil && runtime.GOOS == "windows":
					t.Skipf("Windows refuses the name: %v", err)
				case err != nil:
					t.Fatal(err)
				}
			}
			write("histogram.go", "package histogram\n")
			write(tc.file, "package histogram\n")
			sub, err := readSubmission(dir, dir, "histogram")
			switch {
			case tc.refused != "":
				if err == nil || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("got %v, want an error holding %q", err, tc.refused)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			notes := strings.Join(sub.notes(), "\n")
			if !strings.Contains(notes, tc.note) || strings.Count(notes, "\n") > 0 {
				t.Errorf("notes %q, want one line holding %q", notes, tc.note)
			}
		})
	}
}
