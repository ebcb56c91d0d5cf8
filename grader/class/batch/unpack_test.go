package batch

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
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

// testLimits are the limits the tests unpack under: Unpack's, scaled
// down, so that a bomb is a few MiB to build and to read (at 64 MiB and
// 60,000 folders, under the race detector, the two tests took 38 s).
// TestUnpackHasTheDocumentedLimits shows that Unpack keeps its own.
var testLimits = limits{bytes: 1 << 20, entries: 200, stream: 2 << 20}

func TestUnpack(t *testing.T) {
	good := []entry{{"alice/histogram/histogram.go", []byte("package histogram\n")}}
	bomb := []entry{{"big.go", bytes.Repeat([]byte("x"), int(testLimits.bytes)+1)}}
	many := make([]entry, testLimits.entries+1)
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
			err := unpack(tc.archive, dest, testLimits)
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

// tarGz writes the headers (each with a body of its declared size, of
// zeros, for files) as a .tar.gz.
func tarGz(t *testing.T, headers ...*tar.Header) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sub.tar.gz")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	for _, h := range headers {
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := io.CopyN(tw, zeros{}, h.Size); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	gz.Close()
	f.Close()
	return p
}

// rawTarGz is a .tar.gz of one entry written by hand, so that its header
// can declare a body (of zeros, written in full) that archive/tar's
// writer would refuse for its type.
func rawTarGz(t *testing.T, name string, typeflag byte, size int64) string {
	t.Helper()
	h := make([]byte, 512)
	copy(h, name)
	copy(h[100:], "0000644\x00")
	copy(h[124:], fmt.Sprintf("%011o\x00", size))
	copy(h[136:], "00000000000\x00")
	h[156] = typeflag
	copy(h[257:], "ustar\x0000")
	copy(h[148:], "        ")
	sum := 0
	for _, c := range h {
		sum += int(c)
	}
	copy(h[148:], fmt.Sprintf("%06o\x00 ", sum))
	p := filepath.Join(t.TempDir(), "sub.tar.gz")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	gz.Write(h)
	padded := (size + 511) / 512 * 512
	io.CopyN(gz, zeros{}, padded+1024)
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestUnpackCountsEverything: every entry counts and only files and
// folders are unpacked (under testLimits): a .tar.gz of thousands of
// folders (a 282 KB upload made 60,000), a deep path, folders implied by
// paths, links of both kinds and devices, entries of a type the grader
// does not know declaring more than the limit (decompressed in full, to
// be skipped), folders declaring a body, and metadata headers adding up
// past the limit.
func TestUnpackCountsEverything(t *testing.T) {
	var dirs []*tar.Header
	for i := range 30 * testLimits.entries {
		dirs = append(dirs, &tar.Header{Name: fmt.Sprintf("d%d/", i), Typeflag: tar.TypeDir, Mode: 0o755})
	}
	var implied []*tar.Header
	for i := range 100 {
		implied = append(implied, &tar.Header{Name: fmt.Sprintf("d%d/", i) + strings.Repeat("a/", maxDepth-1) + "f.go", Typeflag: tar.TypeReg})
	}
	var pax []*tar.Header
	for i := range 5 {
		pax = append(pax, &tar.Header{Name: fmt.Sprintf("f%d.go", i), Typeflag: tar.TypeReg, Format: tar.FormatPAX,
			PAXRecords: map[string]string{"comment": strings.Repeat("x", 900<<10)}})
	}
	for _, tc := range []struct {
		name    string
		archive string
		unsafe  string
	}{
		{"thousands of folders", tarGz(t, dirs...), "files and folders"},
		{"a deep path", tarGz(t, &tar.Header{Name: strings.Repeat("a/", 10000) + "f.go", Typeflag: tar.TypeReg, Format: tar.FormatPAX}), "folders deep"},
		{"folders implied by paths", tarGz(t, implied...), "files and folders"},
		{"a symbolic link", tarGz(t, &tar.Header{Name: "exercises", Typeflag: tar.TypeSymlink, Linkname: "/autograder/source/solutions"}), "symbolic link"},
		{"a hard link", tarGz(t, &tar.Header{Name: "h.go", Typeflag: tar.TypeLink, Linkname: "/etc/passwd"}), "hard link"},
		{"a device", tarGz(t, &tar.Header{Name: "null", Typeflag: tar.TypeChar}), "device"},
		{"an unknown type declaring more than the limit", rawTarGz(t, "x", 'Z', 4*testLimits.bytes), "declares"},
		{"an unknown type", rawTarGz(t, "x", 'Z', 64<<10), "type"},
		{"a folder with a body", rawTarGz(t, "d/", tar.TypeDir, 64<<10), "folder that declares"},
		{"metadata past the limit", tarGz(t, pax...), "decompresses to more than"},
		{"a zip link", zipWith(t, "exercises", os.ModeSymlink|0o777, "/autograder/source/solutions"), "symbolic link"},
		{"a zip of many folders", zipWith(t, "", os.ModeDir|0o755, ""), "files and folders"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := t.TempDir()
			err := unpack(tc.archive, dest, testLimits)
			if !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), tc.unsafe) {
				t.Fatalf("got %v, want an unsafe-archive error about %q", err, tc.unsafe)
			}
			if n := countTree(t, dest); n > testLimits.entries {
				t.Errorf("%d files and folders made", n)
			}
		})
	}
}

// zipWith is a zip of one entry of the mode, or, when name is empty, of
// testLimits.entries+1 folders.
func zipWith(t *testing.T, name string, mode os.FileMode, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sub.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{name}
	if name == "" {
		names = nil
		for i := range testLimits.entries + 1 {
			names = append(names, fmt.Sprintf("d%d/", i))
		}
	}
	for _, n := range names {
		h := &zip.FileHeader{Name: n}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	zw.Close()
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

// countTree counts the files and folders under dir.
func countTree(t *testing.T, dir string) int {
	t.Helper()
	n := -1
	filepath.WalkDir(dir, func(string, os.DirEntry, error) error { n++; return nil })
	return n
}

// TestUnpackHasTheDocumentedLimits: Unpack itself, not only the scaled
// down unpack of the tests, refuses more files and folders than
// MaxUnpackedEntries (a zip of empty folders, cheap at full size), and
// its limits are the documented ones.
func TestUnpackHasTheDocumentedLimits(t *testing.T) {
	if want := (limits{bytes: MaxUnpackedBytes, entries: MaxUnpackedEntries, stream: maxStreamBytes}); defaultLimits != want {
		t.Fatalf("Unpack's limits are %+v, want %+v", defaultLimits, want)
	}
	p := filepath.Join(t.TempDir(), "sub.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range MaxUnpackedEntries + 1 {
		if _, err := zw.Create(fmt.Sprintf("d%d/", i)); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	if err := Unpack(p, dest); !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), fmt.Sprintf("more than %d files and folders", MaxUnpackedEntries)) {
		t.Fatalf("Unpack: %v, want a refusal of more than %d files and folders", err, MaxUnpackedEntries)
	}
	if n := countTree(t, dest); n > 0 {
		t.Errorf("%d files and folders made", n)
	}
}
