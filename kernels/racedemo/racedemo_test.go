package racedemo

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestSafeCountersAreExact(t *testing.T) {
	for _, f := range []struct {
		name string
		run  func(int, int) int64
	}{{"Mutex", Mutex}, {"Atomic", Atomic}, {"Local", Local}} {
		for _, c := range []struct{ goroutines, n int }{{1, 1000}, {8, 10_000}, {100, 100}, {0, 5}} {
			if got, want := f.run(c.goroutines, c.n), int64(c.goroutines*c.n); got != want {
				t.Errorf("%s(%d, %d) = %d, want %d", f.name, c.goroutines, c.n, got, want)
			}
		}
	}
}

// helperEnv makes the test binary, run again as a child, call Unsafe.
const helperEnv = "RACEDEMO_RUN_UNSAFE"

// TestRaceDetectorCatchesUnsafe runs Unsafe in a child process of this
// test binary. Under -race the child must report a data race in Unsafe and
// fail; without -race the point cannot be shown, so the test skips.
func TestRaceDetectorCatchesUnsafe(t *testing.T) {
	if os.Getenv(helperEnv) == "1" {
		fmt.Println("unsafe count:", Unsafe(4, 10_000))
		return
	}
	if !raceEnabled {
		t.Skip("run with -race to see the race detector catch Unsafe")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRaceDetectorCatchesUnsafe$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the child ran Unsafe under -race and succeeded; want a data race report:\n%s", out)
	}
	for _, want := range []string{"WARNING: DATA RACE", "racedemo.Unsafe"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the child's output lacks %q:\n%s", want, out)
		}
	}
}

func BenchmarkCounters(b *testing.B) {
	for _, f := range []struct {
		name string
		run  func(int, int) int64
	}{{"mutex", Mutex}, {"atomic", Atomic}, {"local", Local}} {
		for _, g := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s/goroutines=%d", f.name, g), func(b *testing.B) {
				for b.Loop() {
					f.run(g, 100_000)
				}
			})
		}
	}
}
