//go:build ignore

// gen makes every exercise's stub and pristine copy from its model answer
// (package stubgen); `go generate ./grader/exercise` runs it.
package main

import (
	"flag"
	"fmt"
	"os"

	"parlab/grader/exercise"
	"parlab/grader/exercise/stubgen"
)

func main() {
	root := flag.String("root", "../..", "the project root")
	force := flag.Bool("force", false, "overwrite stubs in exercises/ that were edited by hand")
	flag.Parse()
	failed := false
	for _, spec := range exercise.All() {
		if err := stubgen.Generate(*root, spec, *force); err != nil {
			fmt.Fprintln(os.Stderr, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
