package grader

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"parlab/grader/check"
	"parlab/grader/contract"
	"parlab/grader/exercise"
	"parlab/grader/suite"
)

// Limits on what is read from a learner's folder.
const (
	maxFileSize  = 1 << 20
	maxTotalSize = 4 << 20
	maxFiles     = 50
)

// submission is the learner's package files, read once into memory so
// that nothing in their folder is read again (or written, ever).
type submission struct {
	dir   string
	files map[string][]byte
	// ignored lists what was set aside, with why, for the report.
	ignored []string
	// others are the names of the files beside the .go ones that the go
	// command would build into the package (C, assembly, objects): never
	// read, and refused by the honest check.
	others []string
}

// errNotGradable is a grading outcome, not a grader failure: the folder
// has nothing to grade. Its message is shown as the builds check.
type errNotGradable struct{ msg string }

func (e *errNotGradable) Error() string { return e.msg }

// readSubmission loads the .go files (not _test.go) of dir, which must be
// a folder of the submission within (openConfined). Symbolic links are
// refused and nothing is read through them.
func readSubmission(within, dir, pkg string) (*submission, error) {
	root, err := openConfined(within, dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(".")
	if err != nil {
		return nil, &errNotGradable{fmt.Sprintf("cannot read %s: %v", dir, err)}
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return nil, &errNotGradable{fmt.Sprintf("cannot read %s: %v", dir, err)}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	s := &submission{dir: dir, files: map[string][]byte{}}
	total := 0
	for _, e := range entries {
		name := e.Name()
		read, err := s.sortEntry(e)
		if err != nil {
			return nil, err
		}
		if !read {
			continue
		}
		if len(s.files) == maxFiles {
			return nil, &errNotGradable{fmt.Sprintf("%s holds more than %d .go files: is it the right folder?", dir, maxFiles)}
		}
		data, err := readCappedIn(root, name, maxFileSize)
		if err != nil {
			return nil, &errNotGradable{err.Error()}
		}
		total += len(data)
		if total > maxTotalSize {
			return nil, &errNotGradable{fmt.Sprintf("the .go files in %s add up to more than %d MiB", dir, maxTotalSize>>20)}
		}
		s.files[name] = data
	}
	if len(s.files) == 0 {
		msg := fmt.Sprintf("no .go files to grade in %s", dir)
		if len(s.ignored) > 0 {
			msg += "; set aside: " + strings.Join(s.ignored, ", ")
		}
		return nil, &errNotGradable{msg}
	}
	return s, s.checkPackageClauses(pkg)
}

// sortEntry files an entry of the submission's folder: beside the .go files
// (a file the go command builds with them), set aside (with why), or to
// be read (read); an error when its name would forge report lines.
func (s *submission) sortEntry(e fs.DirEntry) (read bool, err error) {
	name := e.Name()
	shown := shownName(name)
	switch {
	case strings.HasSuffix(name, "_test.go"):
		s.ignored = append(s.ignored, shown+" (your own tests: the grader's hidden tests decide)")
	case !strings.HasSuffix(name, ".go") && !check.BuiltBeside(name):
	case shown != name:
		return false, &errNotGradable{fmt.Sprintf("the file name %s holds a line break or another character that is not printed as itself: rename the file (its name appears in the report)", shown)}
	case check.BuiltBeside(name):
		s.others = append(s.others, name)
	case e.Type()&os.ModeSymlink != 0:
		s.ignored = append(s.ignored, shown+" (a symbolic link: refused, copy the file into the folder instead)")
	case !e.Type().IsRegular():
		s.ignored = append(s.ignored, shown+" (not a regular file)")
	default:
		return true, nil
	}
	return false, nil
}

// shownName is a file name as a report shows it: quoted, escapes and
// all, when it holds what is not plainly printable (a name with newlines
// in it printed a forged block of report lines under the notes).
func shownName(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}

// notes says what was set aside, for the report.
func (s *submission) notes() []string {
	var out []string
	for _, ig := range s.ignored {
		out = append(out, "set aside "+ig)
	}
	return out
}

func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", path, err)
	}
	defer f.Close()
	return readLimited(f, path, limit)
}

// readLimited reads f, named name in messages, refusing one longer than
// limit.
func readLimited(f *os.File, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d KiB: is it really source code?", name, limit>>10)
	}
	return data, nil
}

// checkPackageClauses gives a one-line reason for the commonest mistakes,
// which the compiler words less kindly.
func (s *submission) checkPackageClauses(pkg string) error {
	fset := token.NewFileSet()
	for _, name := range s.sortedNames() {
		f, err := parser.ParseFile(fset, name, s.files[name], parser.PackageClauseOnly)
		if err != nil {
			return &errNotGradable{fmt.Sprintf("%s has no package clause: every Go file must start with `package %s`", name, pkg)}
		}
		if why := check.LeftOut(name, s.files[name]); why != "" {
			return &errNotGradable{why}
		}
		if f.Name.Name != pkg {
			return &errNotGradable{fmt.Sprintf("%s declares package %s, but this exercise is package %s: change its first line to `package %s`", name, f.Name.Name, pkg, pkg)}
		}
	}
	return nil
}

func (s *submission) sortedNames() []string {
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// workspace is the grader's temporary folder for one run: the learner's
// files, the hidden suite, the overlay that lays them over
// exercises/NAME, and the test binaries.
type workspace struct {
	dir         string
	overlay     string
	suiteDir    string
	suiteFiles  []string
	requiredRun []string
	// reports counts the report files handed out, for their names.
	reports int
}

// mainFile is the generated file holding the suite's TestMain.
const mainFile = "parlab_main_test.go"

func newWorkspace(root string, spec exercise.Spec, sub *submission) (*workspace, error) {
	sweepOnce.Do(func() { sweepStale(os.TempDir(), time.Now()) })
	dir, err := os.MkdirTemp("", "parlab-grade-"+spec.Name+"-")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary folder: %w", err)
	}
	ws := &workspace{dir: dir, suiteDir: filepath.Join(dir, "suite")}
	for _, sub := range []string{ws.goTmp(), ws.tmp(), ws.work(), filepath.Dir(ws.raceLog())} {
		if err := os.Mkdir(sub, 0o700); err != nil {
			ws.remove()
			return nil, err
		}
	}
	if err := ws.fill(root, spec, sub); err != nil {
		ws.remove()
		return nil, err
	}
	return ws, nil
}

// goTmp is where the go command keeps its temporary files (GOTMPDIR).
func (ws *workspace) goTmp() string { return filepath.Join(ws.dir, "gotmp") }

// tmp is every run's temporary folder (TMPDIR), and work its working
// folder: the only places a test binary may write.
func (ws *workspace) tmp() string  { return filepath.Join(ws.dir, "tmp") }
func (ws *workspace) work() string { return filepath.Join(ws.dir, "work") }

// tmpEnv points every temporary folder a program may use into the
// workspace, so that whatever is left there goes with it.
func (ws *workspace) tmpEnv() []string {
	return []string{"GOTMPDIR=" + ws.goTmp(), "TMPDIR=" + ws.tmp(), "TMP=" + ws.tmp(), "TEMP=" + ws.tmp()}
}

func (ws *workspace) fill(root string, spec exercise.Spec, sub *submission) error {
	pkgDir := filepath.Join(root, spec.StubDir())
	if _, err := os.Stat(pkgDir); err != nil {
		return fmt.Errorf("%s is missing from the checkout: the grader lays your files over it (restore it with `git checkout -- %s`)", spec.StubDir(), spec.StubDir())
	}
	replace := map[string]string{}
	// Hide everything the stub folder holds; what is graded is only what
	// the overlay puts there.
	existing, err := os.ReadDir(pkgDir)
	if err != nil {
		return err
	}
	for _, e := range existing {
		replace[filepath.Join(pkgDir, e.Name())] = ""
	}
	srcDir := ws.srcDir()
	if err := os.MkdirAll(srcDir, 0o700); err != nil {
		return err
	}
	for name, data := range sub.files {
		p := filepath.Join(srcDir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return err
		}
		replace[filepath.Join(pkgDir, name)] = p
	}
	suite, err := suite.Files(spec.Name)
	if err != nil {
		return fmt.Errorf("exercise %s has no hidden suite: %w", spec.Name, err)
	}
	suite[mainFile] = []byte(mainSource(spec.Name))
	if err := os.MkdirAll(ws.suiteDir, 0o700); err != nil {
		return err
	}
	for name, data := range suite {
		target := "parlab_suite_" + name
		if name == mainFile {
			target = name
		}
		p := filepath.Join(ws.suiteDir, target)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			return err
		}
		replace[filepath.Join(pkgDir, target)] = p
		ws.suiteFiles = append(ws.suiteFiles, target)
		ws.requiredRun = append(ws.requiredRun, testNames(data)...)
	}
	sort.Strings(ws.requiredRun)
	b, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return err
	}
	ws.overlay = filepath.Join(ws.dir, "overlay.json")
	return os.WriteFile(ws.overlay, b, 0o600)
}

func mainSource(pkg string) string {
	return fmt.Sprintf(`//go:build %s

package %s_test

import (
	"testing"

	"parlab/grader/suite/lib/kit"
)

func TestMain(m *testing.M) { kit.Main(m) }
`, suite.BuildTag, pkg)
}

// testNames lists the top-level Test functions of a suite file the race
// run must see pass (contract.Graded): TestSpeedup (the faster check's)
// and TestStudy (the scaling study's) run only in the plain binary's runs
// and are left out.
func testNames(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "suite.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	for _, d := range f.Decls {
		name := declName(d)
		if contract.Graded(name) {
			names = append(names, name)
		}
	}
	return names
}

// newReport creates the empty report file of one test run and returns
// its path, for contract.ReportEnv. Each run gets its own, so nothing one
// run wrote can be read as another's.
func (ws *workspace) newReport(run string) (string, error) {
	ws.reports++
	path := filepath.Join(ws.dir, fmt.Sprintf("report-%d-%s.jsonl", ws.reports, run))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", fmt.Errorf("creating the report file of a test run: %w", err)
	}
	return path, f.Close()
}

// raceLog is the race detector's log_path: it writes its reports to
// raceLog.PID, one file per process.
func (ws *workspace) raceLog() string { return filepath.Join(ws.dir, "races", "race") }

// raceLogLimit caps what is read of the race detector's reports.
const raceLogLimit = 8 << 20

// readRaceLogs returns what the race detector reported, from every
// process of the run.
func (ws *workspace) readRaceLogs() string {
	paths, _ := filepath.Glob(ws.raceLog() + ".*")
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		data, err := readCapped(p, raceLogLimit)
		if err != nil && data == nil {
			// Too long to read whole: its first reports are what counts.
			data, _ = readHead(p, raceLogLimit)
		}
		b.Write(data)
	}
	return b.String()
}

// readHead reads at most limit bytes from the start of path.
func readHead(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// reportLimit caps what is read of a report file; a suite writes a few
// KiB, so more means something went wrong and the report is not trusted.
const reportLimit = 16 << 20

// readReport reads back a report file that newReport created.
func readReport(path string) contract.Log {
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return contract.Log{Problems: []string{"the report file is gone: " + err.Error()}}
	}
	defer f.Close()
	return contract.ReadLog(f, reportLimit)
}

// forgetSources removes the suite and the learner's copies once the test
// binaries are built: nothing the tests run needs them.
func (ws *workspace) forgetSources() {
	_ = os.RemoveAll(ws.suiteDir)
	_ = os.RemoveAll(ws.srcDir())
}

// copyPattern matches the srcDir of any workspace of the exercise, as a
// path ends in it: "/tmp/parlab-grade-histogram-1234/src/", relative,
// "../parlab-grade-histogram-1234/src/", or as the go command shortens it
// when the checkout's path is a prefix of the workspace's: with the root
// /tmp/parlab it printed "/tmp/parlab-grade-histogram-1234/src/x.go" as
// ".-grade-histogram-1234/src/x.go" (its relative-path shortening tests a
// string prefix, not a folder; seen with go1.26.8).
func copyPattern(spec exercise.Spec) *regexp.Regexp {
	return regexp.MustCompile(`[^\s:"'()]*-grade-` + regexp.QuoteMeta(spec.Name) + `-\d+/src/`)
}

// srcDir holds the copies of the learner's files.
func (ws *workspace) srcDir() string { return filepath.Join(ws.dir, "src") }

func (ws *workspace) remove() { _ = os.RemoveAll(ws.dir) }

func declName(d ast.Decl) string {
	if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
		return fn.Name.Name
	}
	return ""
}
