package main

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"parlab/grader/exercise"
	"parlab/grader/speedup"
	"parlab/grader/verdict"
)

func showCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print an exercise's assignment, its points, and the speedup it needs on this machine",
		ArgsUsage: "NAME",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-measure", Usage: "do not measure this machine's speedup (about a second)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return fmt.Errorf("give one exercise name, e.g. `grade show histogram` (see `grade list`)")
			}
			spec, err := exercise.Lookup(c.Args().First())
			if err != nil {
				return err
			}
			root, err := findRoot()
			if err != nil {
				return err
			}
			text, err := assignment(filepath.Join(root, spec.StubDir()), spec.Package())
			if err != nil {
				return err
			}
			var target *speedTarget
			if spec.Alpha > 0 && !c.Bool("no-measure") {
				p := speedup.UsableCores()
				if runtime.GOMAXPROCS(0) < p {
					runtime.GOMAXPROCS(p)
				}
				target = &speedTarget{cores: p, calibration: speedup.MachineSpeedup(p, 15)}
			}
			return showText(stdout, spec, text, target)
		},
	}
}

// assignment renders the package documentation of the stub in dir as text
// for a terminal.
func assignment(dir, importPath string) (string, error) {
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

// speedTarget is what the faster check asks on this machine now.
type speedTarget struct {
	cores       int
	calibration float64
}

// showText prints the assignment, the points per check and the speed
// target.
func showText(w io.Writer, spec exercise.Spec, text string, target *speedTarget) error {
	fmt.Fprintf(w, "parlab · %s: %s\n\n", spec.Name, spec.Title)
	fmt.Fprint(w, text)
	fmt.Fprintf(w, "\nPoints (%d in all)\n\n", spec.MaxScore())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range spec.Checks() {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", c, spec.Points[c], verdict.About[c])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nAllowed imports\n\n")
	fmt.Fprint(w, wrap(strings.Join(spec.Imports, ", ")+
		" (anything else, and any //go: directive but //go:build, fails the honest check)", 80, "  "))
	if spec.Alpha == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nSpeed target\n\n")
	fmt.Fprintf(w, "  You need a speedup S >= 1 + %.2f*(S_cal - 1), where S_cal is what this machine\n", spec.Alpha)
	fmt.Fprintf(w, "  delivers running the serial reference on every core at once, measured in the\n")
	fmt.Fprintf(w, "  same run as your code.\n")
	if target != nil {
		fmt.Fprintf(w, "  Here, just now, a compute-bound kernel got %.2fx on %d cores: S >= %.2fx at most\n", target.calibration, target.cores,
			speedup.Bar(spec.Alpha, target.calibration))
		fmt.Fprintf(w, "  (less where the exercise's own work scales less).\n")
	}
	fmt.Fprint(w, wrap(fmt.Sprintf("Why %.2f: %s.", spec.Alpha, spec.AlphaWhy), 80, "  "))
	return nil
}

// wrap breaks s into lines of at most width columns, each starting with
// indent.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(s) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}
