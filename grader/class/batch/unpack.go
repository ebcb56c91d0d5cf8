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

	"parlab/grader"
)

// Limits on what an archive may unpack to: far above any honest
// submission, far below what would hurt the machine.
const (
	// MaxUnpackedBytes bounds the files' contents together.
	MaxUnpackedBytes = 64 << 20
	// MaxUnpackedEntries bounds what is created: every file and every
	// folder, those the archive lists and those its paths imply.
	MaxUnpackedEntries = 2000
	// maxStreamBytes bounds what is decompressed of a .tar.gz as a whole
	// (the files, the tar headers and padding, entries refused before
	// their body was read): MaxUnpackedBytes and room for the headers of
	// MaxUnpackedEntries entries.
	maxStreamBytes = MaxUnpackedBytes + 16<<20
	// maxDepth bounds the folders in an entry's path: a submission's
	// deepest file is a few folders down (STUDENT/exercises/NAME/F.go).
	maxDepth = 32
)

// ErrUnsafeArchive is wrapped by every refusal to unpack.
var ErrUnsafeArchive = errors.New("unsafe archive")

// Unpack extracts the .zip or .tar.gz archive into dest (which must exist).
// It holds files and folders only: a link (symbolic or hard), a device, a
// pipe or an entry of a type it does not know is refused, and so is an
// entry whose path would land outside dest (absolute paths, ".."). It
// stops when the files' size, the count of files and folders created, or
// the bytes decompressed pass the limits (a zip bomb, a tar of 60,000
// folders), whatever the archive's headers claim; an entry that declares
// more than the size limit is refused before anything of it is read.
func Unpack(archive, dest string) error { return unpack(archive, dest, defaultLimits) }

// limits are what an archive may unpack to.
type limits struct {
	bytes   int64 // the files' contents together
	entries int   // files and folders created
	stream  int64 // what a .tar.gz decompresses to as a whole
}

// defaultLimits are Unpack's. The tests give unpack smaller ones, so
// that their bombs need not be built and read at full size under the
// race detector (it took them 38 s).
var defaultLimits = limits{bytes: MaxUnpackedBytes, entries: MaxUnpackedEntries, stream: maxStreamBytes}

func unpack(archive, dest string, lim limits) error {
	switch {
	case strings.HasSuffix(archive, ".zip"):
		return unzip(archive, dest, lim)
	case strings.HasSuffix(archive, ".tar.gz"), strings.HasSuffix(archive, ".tgz"):
		return untar(archive, dest, lim)
	}
	return fmt.Errorf("%s: not a .zip or .tar.gz", filepath.Base(archive))
}

// budget counts what has been unpacked so far into dest.
type budget struct {
	dest    string
	lim     limits
	bytes   int64
	entries int
	// dirs holds the folders made so far, relative to dest.
	dirs map[string]bool
}

func newBudget(dest string, lim limits) *budget {
	return &budget{dest: dest, lim: lim, dirs: map[string]bool{}}
}

// entry counts one more file or folder.
func (b *budget) entry() error {
	b.entries++
	if b.entries > b.lim.entries {
		return fmt.Errorf("%w: more than %d files and folders", ErrUnsafeArchive, b.lim.entries)
	}
	return nil
}

// declared refuses an entry whose header claims more than the size
// limit left, before a byte of it is read.
func (b *budget) declared(name string, size int64) error {
	if size < 0 || size > b.lim.bytes-b.bytes {
		return fmt.Errorf("%w: the entry %q declares %d bytes, more than the %s an archive may unpack to", ErrUnsafeArchive, name, size, grader.Size(b.lim.bytes))
	}
	return nil
}

// mkdirs makes the folder rel (slash-separated, relative to dest) and
// every folder above it, counting each new one as an entry.
func (b *budget) mkdirs(rel string) error {
	if rel == "." || rel == "" || b.dirs[rel] {
		return nil
	}
	if err := b.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	if err := b.entry(); err != nil {
		return err
	}
	b.dirs[rel] = true
	err := os.Mkdir(filepath.Join(b.dest, filepath.FromSlash(rel)), 0o755)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	return err
}

// target is entry name cleaned and relative to dest, or an error if it
// would escape.
func target(name string) (string, error) {
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || filepath.VolumeName(clean) != "" {
		return "", fmt.Errorf("%w: the entry %q would be written outside the folder", ErrUnsafeArchive, name)
	}
	if depth := strings.Count(clean, "/"); depth > maxDepth {
		return "", fmt.Errorf("%w: the entry %.60q... is %d folders deep, more than %d", ErrUnsafeArchive, name, depth, maxDepth)
	}
	return clean, nil
}

// refuse is the refusal of an entry that is neither a file nor a folder.
func refuse(name, what string) error {
	return fmt.Errorf("%w: the entry %q is %s; an archive may hold only files and folders (copy the file itself in instead of a link)", ErrUnsafeArchive, name, what)
}

// write copies r into a new file at rel, counting against b.
func (b *budget) write(rel string, r io.Reader) error {
	if err := b.entry(); err != nil {
		return err
	}
	if err := b.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(b.dest, filepath.FromSlash(rel)), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	left := b.lim.bytes - b.bytes
	n, err := io.Copy(f, io.LimitReader(r, left+1))
	b.bytes += n
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if b.bytes > b.lim.bytes {
		return fmt.Errorf("%w: it unpacks to more than %s", ErrUnsafeArchive, grader.Size(b.lim.bytes))
	}
	return nil
}

func unzip(archive, dest string, lim limits) error {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return fmt.Errorf("%s is not a readable zip: %w", filepath.Base(archive), err)
	}
	defer zr.Close()
	if len(zr.File) > lim.entries {
		return fmt.Errorf("%w: more than %d files and folders", ErrUnsafeArchive, lim.entries)
	}
	b := newBudget(dest, lim)
	for _, f := range zr.File {
		if err := b.unzipEntry(f); err != nil {
			return err
		}
	}
	return nil
}

// unzipEntry unpacks one entry of a zip.
func (b *budget) unzipEntry(f *zip.File) error {
	rel, err := target(f.Name)
	if err != nil {
		return err
	}
	if err := b.declared(f.Name, int64(min(f.UncompressedSize64, 1<<62))); err != nil {
		return err
	}
	mode := f.Mode()
	switch {
	case mode.IsDir():
		if f.UncompressedSize64 != 0 {
			return refuse(f.Name, fmt.Sprintf("a folder that declares %d bytes of content", f.UncompressedSize64))
		}
		return b.mkdirs(rel)
	case mode&os.ModeSymlink != 0:
		return refuse(f.Name, "a symbolic link")
	case !mode.IsRegular():
		return refuse(f.Name, "not a regular file ("+mode.Type().String()+")")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return b.write(rel, rc)
}

func untar(archive, dest string, lim limits) error {
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
	tr := tar.NewReader(&capped{r: gz, left: lim.stream, limit: lim.stream})
	b := newBudget(dest, lim)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, ErrUnsafeArchive) {
			return err
		}
		if err != nil {
			return fmt.Errorf("%s is damaged: %w", filepath.Base(archive), err)
		}
		if err := b.untarEntry(h, tr); err != nil {
			return err
		}
	}
}

// untarEntry unpacks one entry of a tar, whose body tr reads.
func (b *budget) untarEntry(h *tar.Header, tr io.Reader) error {
	if h.Typeflag == tar.TypeXGlobalHeader {
		// Metadata for what follows (git archive writes the commit),
		// which archive/tar reads itself, within its own limit.
		return b.entry()
	}
	rel, err := target(h.Name)
	if err != nil {
		return err
	}
	if err := b.declared(h.Name, h.Size); err != nil {
		return err
	}
	switch h.Typeflag {
	case tar.TypeDir:
		if h.Size != 0 {
			// Its body would be read, to be skipped, by the next Next.
			return refuse(h.Name, fmt.Sprintf("a folder that declares %d bytes of content", h.Size))
		}
		return b.mkdirs(rel)
	case tar.TypeReg:
		return b.write(rel, tr)
	case tar.TypeSymlink:
		return refuse(h.Name, "a symbolic link (to "+h.Linkname+")")
	case tar.TypeLink:
		return refuse(h.Name, "a hard link (to "+h.Linkname+")")
	case tar.TypeChar, tar.TypeBlock, tar.TypeFifo:
		return refuse(h.Name, "a device or a pipe")
	}
	return refuse(h.Name, fmt.Sprintf("of a type this grader does not unpack (%q)", h.Typeflag))
}

// capped reads r until left bytes have been read, then fails with
// ErrUnsafeArchive: a bound on decompression that no header can lift.
type capped struct {
	r           io.Reader
	left, limit int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("%w: it decompresses to more than %s", ErrUnsafeArchive, grader.Size(c.limit))
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
