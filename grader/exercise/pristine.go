package exercise

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

//go:generate go run gen.go

// pristine holds every stub as shipped, as pristine/NAME/FILE.go.stub (the
// suffix keeps the go tool from compiling them), so `grade reset` can
// restore a stub whatever the learner did to exercises/NAME, and
// `grade verify` grades the stub as shipped. `go generate ./...` makes them
// from the model answers, with exercises/NAME (package stubgen).
//
//go:embed pristine
var pristine embed.FS

// PristineSuffix ends the name of every embedded stub file.
const PristineSuffix = ".stub"

// Pristine returns the files of the stub as shipped, keyed by their names
// in exercises/NAME.
func (s Spec) Pristine() (map[string][]byte, error) {
	entries, err := fs.ReadDir(pristine, "pristine/"+s.Name)
	if err != nil {
		return nil, fmt.Errorf("no pristine copy of %s is built in: %w", s.Name, err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := fs.ReadFile(pristine, "pristine/"+s.Name+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out[strings.TrimSuffix(e.Name(), PristineSuffix)] = data
	}
	return out, nil
}

// WritePristine writes the stub as shipped into dir, which must exist.
func (s Spec) WritePristine(dir string) error {
	files, err := s.Pristine()
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
