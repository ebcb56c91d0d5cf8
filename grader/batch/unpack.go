package batch

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits on what an archive may unpack to: far above any honest
// submission, far below what would hurt the machine.
const (
	MaxUnpackedBytes = 64 << 20
	MaxUnpackedFiles = 2000
)

// ErrUnsafeArchive is wrapped by every refusal to unpack.
var ErrUnsafeArchive = errors.New("unsafe archive")

// Unpack extracts the .zip or .tar.gz archive into dest (which must exist).
// It refuses entries whose path would land outside dest (absolute paths,
// ".."), and stops when the unpacked size or file count passes the limits
// (a zip bomb), whatever the archive's headers claim. Links and special
// files are skipped.
func Unpack(archive, dest string) error {
	switch {
	case strings.HasSuffix(archive, ".zip"):
		return unzip(archive, dest)
	case strings.HasSuffix(archive, ".tar.gz"), strings.HasSuffix(archive, ".tgz"):
		return untar(archive, dest)
	}
	return fmt.Errorf("%s: not a .zip or .tar.gz", filepath.Base(archive))
}

// budget counts what has been unpacked so far.
type budget struct{ bytes, files int64 }

func (b *budget) file() error {
	b.files++
	if b.files > MaxUnpackedFiles {
		return fmt.Errorf("%w: more than %d files", ErrUnsafeArchive, MaxUnpackedFiles)
	}
	return nil
}

// target is where entry name goes under dest, or an error if it would
// escape.
func target(dest, name string) (string, error) {
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || filepath.VolumeName(clean) != "" {
		return "", fmt.Errorf("%w: the entry %q would be written outside the folder", ErrUnsafeArchive, name)
	}
	return filepath.Join(dest, filepath.FromSlash(clean)), nil
}

// write copies r into a new file at p, counting against b.
func write(p string, r io.Reader, b *budget) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	left := MaxUnpackedBytes - b.bytes
	n, err := io.Copy(f, io.LimitReader(r, left+1))
	b.bytes += n
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if b.bytes > MaxUnpackedBytes {
		return fmt.Errorf("%w: it unpacks to more than %d MiB", ErrUnsafeArchive, MaxUnpackedBytes>>20)
	}
	return nil
}

func unzip(archive, dest string) error {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return fmt.Errorf("%s is not a readable zip: %w", filepath.Base(archive), err)
	}
	defer zr.Close()
	var b budget
	for _, f := range zr.File {
		p, err := target(dest, f.Name)
		if err != nil {
			return err
		}
		mode := f.Mode()
		switch {
		case mode.IsDir():
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
			continue
		case !mode.IsRegular():
			continue // links and devices are not source code
		}
		if err := b.file(); err != nil {
			return err
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		err = write(p, rc, &b)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func untar(archive, dest string) error {
	f, err := os.Open(archive)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s is not a readable .tar.gz: %w", filepath.Base(archive), err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	var b budget
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s is damaged: %w", filepath.Base(archive), err)
		}
		p, err := target(dest, h.Name)
		if err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := b.file(); err != nil {
				return err
			}
			if err := write(p, tr, &b); err != nil {
				return err
			}
		}
	}
}
