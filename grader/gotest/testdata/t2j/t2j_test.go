// Package t2j is a test binary that ends in each way a learner's can, for
// the conversion of its output into go test -json events (tojson.go).
package t2j

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestPass(t *testing.T) { t.Log("passing") }

func TestFail(t *testing.T) {
	fmt.Fprintln(os.Stderr, "to stderr")
	t.Error("failing")
}

func TestSkip(t *testing.T) { t.Skip("skipping") }

func TestCrash(t *testing.T) {
	fmt.Println("about to crash")
	go func() { panic("boom") }()
	time.Sleep(time.Minute)
}

func TestExit(t *testing.T) {
	fmt.Println("leaving")
	os.Exit(3)
}

func TestSilentExit(t *testing.T) { os.Exit(4) }

func TestHang(t *testing.T) {
	fmt.Println("hanging")
	time.Sleep(time.Hour)
}
