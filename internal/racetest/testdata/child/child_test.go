// Package child is a test binary that ends through racetest.Main: its
// test prints the GORACE it runs with, and fails, or races, when asked to.
package child

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"parlab/internal/racetest"
)

func TestMain(m *testing.M) { racetest.Main(m) }

func TestChild(t *testing.T) {
	fmt.Printf("GORACE=%q\n", os.Getenv("GORACE"))
	switch os.Getenv("RACETEST_CHILD") {
	case "fail":
		t.Error("asked to fail")
	case "race":
		n := 0
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); n++ }()
		}
		wg.Wait()
	}
}
