package cliargs

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/urfave/cli/v2"
)

func TestHoist(t *testing.T) {
	flags := []cli.Flag{&cli.BoolFlag{Name: "solution"}, &cli.StringFlag{Name: "dir", Aliases: []string{"d"}}, &cli.IntFlag{Name: "size"}}
	for _, tc := range []struct {
		name string
		keep int
		in   []string
		want []string
	}{
		{"flags after the name", 2, []string{"grade", "exercise", "histogram", "--solution"}, []string{"grade", "exercise", "--solution", "histogram"}},
		{"a flag with its value", 2, []string{"grade", "exercise", "histogram", "--dir", "x"}, []string{"grade", "exercise", "--dir", "x", "histogram"}},
		{"an alias with =", 2, []string{"grade", "exercise", "h", "-d=x"}, []string{"grade", "exercise", "-d=x", "h"}},
		{"no command name", 1, []string{"bench", "matmul", "--size", "1024"}, []string{"bench", "--size", "1024", "matmul"}},
		{"after -- all is positional", 1, []string{"bench", "--", "--size"}, []string{"bench", "--size"}},
		{"nothing to move", 2, []string{"grade", "list"}, []string{"grade", "list"}},
		{"a value-taking flag at the end", 1, []string{"bench", "matmul", "--size"}, []string{"bench", "--size", "matmul"}},
	} {
		if got := Hoist(flags, tc.keep, tc.in); !cmp.Equal(got, tc.want) {
			t.Errorf("%s: Hoist(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
