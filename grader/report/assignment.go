package report

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"parlab/grader/exercise"
)

// ReadAssignment renders the package documentation of the stub in dir as text
// for a terminal.
func ReadAssignment(dir, importPath string) (string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("cannot read the exercise: %w", err)
	}
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			return "", fmt.Errorf("cannot read the assignment: %w", err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, importPath)
	if err != nil {
		return "", err
	}
	return string(pkg.Text(pkg.Doc)), nil
}

// SpeedTarget is what the faster check asks on this machine now.
type SpeedTarget struct {
	// Cores is the number of usable cores.
	Cores int
	// Calibration is the speedup the machine delivered just now.
	Calibration float64
	// Bar is the speedup the faster check would ask at most with it
	// (speedup.Bar of the exercise's alpha).
	Bar float64
}

// Assignment prints an exercise's page for `grade show`: the assignment
// text, the points per check, the allowed imports and the speed target
// (target is nil when the machine was not measured).
func Assignment(w io.Writer, spec exercise.Spec, text string, target *SpeedTarget) error {
	fmt.Fprintf(w, "parlab · %s: %s\n\n", spec.Name, spec.Title)
	fmt.Fprint(w, text)
	fmt.Fprintf(w, "\nPoints (%d in all)\n\n", spec.MaxScore())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range spec.Checks() {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", c, spec.Points[c], spec.About(c))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(spec.Stories) > 0 {
		fmt.Fprint(w, "\n"+wrapIndented("Each story's points come once every check passes on its tests, whatever the other stories do; "+
			"the checks above carry no points of their own and say what is wrong.", 80, "  "))
	}
	fmt.Fprintf(w, "\nAllowed imports\n\n")
	fmt.Fprint(w, wrapIndented(strings.Join(spec.Imports, ", ")+
		" (anything else, and any //go: directive but //go:build, fails the honest check)", 80, "  "))
	if spec.Alpha == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nSpeed target\n\n")
	fmt.Fprintf(w, "  You need a speedup S >= 1 + %.2f*(S_cal - 1), where S_cal is what this machine\n", spec.Alpha)
	fmt.Fprintf(w, "  delivers running the serial reference split over every core, measured in\n")
	fmt.Fprintf(w, "  the same run as your code.\n")
	if target != nil {
		fmt.Fprintf(w, "  Here, just now, a compute-bound kernel got %.2fx on %d cores: S >= %.2fx at most\n", target.Calibration, target.Cores,
			target.Bar)
		fmt.Fprintf(w, "  (less where the exercise's own work scales less).\n")
	}
	fmt.Fprint(w, wrapIndented(fmt.Sprintf("Why %.2f: %s.", spec.Alpha, spec.AlphaWhy), 80, "  "))
	return nil
}

// wrapIndented breaks s into lines of at most width columns, each
// starting with prefix.
func wrapIndented(s string, width int, prefix string) string {
	return prefix + indent(wrap(s, width-len(prefix)), len(prefix)) + "\n"
}
