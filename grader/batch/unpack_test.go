package batch

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

type entry struct {
	name string
	body []byte
}

func makeZip(t *testing.T, entries ...entry) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sub.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	zw.Close()
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func makeTarGz(t *testing.T, entries ...entry) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sub.tar.gz")
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		tw.WriteHeader(&tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body)), Typeflag: tar.TypeReg})
		tw.Write(e.body)
	}
	tw.Close()
	gz.Close()
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func TestUnpack(t *testing.T) {
	good := []entry{{"alice/histogram/histogram.go", []byte("package histogram\n")}}
	bomb := []entry{{"big.go", bytes.Repeat([]byte("x"), MaxUnpackedBytes+1)}}
	many := make([]entry, MaxUnpackedFiles+1)
	for i := range many {
		many[i] = entry{"d/f" + strconv.Itoa(i) + ".go", nil}
	}
	for _, tc := range []struct {
		name    string
		archive string
		unsafe  string // substring of the refusal; "" for success
	}{
		{"a zip", makeZip(t, good...), ""},
		{"a tar.gz", makeTarGz(t, good...), ""},
		{"zip slip with ..", makeZip(t, entry{"../../evil.go", []byte("x")}), "outside the folder"},
		{"tar slip with ..", makeTarGz(t, entry{"a/../../evil.go", []byte("x")}), "outside the folder"},
		{"an absolute path", makeTarGz(t, entry{"/tmp/evil.go", []byte("x")}), "outside the folder"},
		{"a size bomb", makeZip(t, bomb...), "MiB"},
		{"too many files", makeZip(t, many...), "files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := t.TempDir()
			err := Unpack(tc.archive, dest)
			if tc.unsafe == "" {
				if err != nil {
					t.Fatal(err)
				}
				if _, err := os.Stat(filepath.Join(dest, "alice", "histogram", "histogram.go")); err != nil {
					t.Errorf("not unpacked: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), tc.unsafe) {
				t.Fatalf("got %v, want an unsafe-archive error about %q", err, tc.unsafe)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(dest), "evil.go")); err == nil {
				t.Error("a file was written outside the folder")
			}
		})
	}
}
