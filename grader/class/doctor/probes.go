package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"parlab/internal/cpuinfo"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"parlab/grader/contract/speedup"
	"parlab/grader/sandbox"
)

// Probes look at the machine, one thing each; tests replace them.
type Probes struct {
	// GoEnv returns the named `go env` variables, or an error when no go
	// command runs.
	GoEnv func(ctx context.Context, names ...string) (map[string]string, error)
	// Race builds the planted data race with -race and runs it.
	Race func(ctx context.Context) RaceRun
	// LookPath finds a program on PATH (exec.LookPath).
	LookPath func(name string) (string, error)
	// Cores says what limits the usable cores.
	Cores func() Cores
	// Calibrate is the speedup a perfectly parallel kernel gets on p
	// workers right now (speedup.MachineSpeedup).
	Calibrate func(p int) float64
	// TempDir is the temporary folder (os.TempDir).
	TempDir func() string
	// Writable returns an error unless a file can be created in dir
	// (which is created when missing, as the go command would).
	Writable func(dir string) error
	// Sandbox lists the sandbox's features on this machine.
	Sandbox func() []Feature
}

// raceProbeTimeout bounds building and running the planted race: a cold
// build cache compiles the race runtime first.
const raceProbeTimeout = 5 * time.Minute

// DefaultProbes look at this machine.
func DefaultProbes() Probes {
	return Probes{
		GoEnv:    goEnv,
		Race:     plantedRace,
		LookPath: exec.LookPath,
		Cores: func() Cores {
			return Cores{Affinity: runtime.NumCPU(), Quota: speedup.CPUQuota(), Usable: speedup.UsableCores(), CPU: cpuinfo.This()}
		},
		Calibrate: func(p int) float64 {
			if runtime.GOMAXPROCS(0) < p {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(p))
			}
			return speedup.MachineSpeedup(p, 15)
		},
		TempDir:  os.TempDir,
		Writable: writable,
		Sandbox:  sandboxFeatures,
	}
}

func goEnv(ctx context.Context, names ...string) (map[string]string, error) {
	out, err := exec.CommandContext(ctx, "go", append([]string{"env", "-json"}, names...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
			return nil, fmt.Errorf("%v: %s", err, ee.Stderr)
		}
		return nil, err
	}
	env := map[string]string{}
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, fmt.Errorf("go env -json: %w", err)
	}
	return env, nil
}

// racyProgram increments one variable from two goroutines without
// synchronisation: the race detector reports it on every run, whatever the
// timing, since nothing orders the two writes.
const racyProgram = `package main

import (
	"fmt"
	"sync"
)

func main() {
	n := 0
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n++
		}()
	}
	wg.Wait()
	fmt.Println(n)
}
`

// plantedRace builds racyProgram with -race in a temporary module and
// runs it.
func plantedRace(ctx context.Context) RaceRun {
	ctx, cancel := context.WithTimeout(ctx, raceProbeTimeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "parlab-doctor-")
	if err != nil {
		return RaceRun{NotRun: "not checked: no temporary folder: " + err.Error()}
	}
	defer os.RemoveAll(dir)
	files := map[string]string{"go.mod": "module racy\n\ngo 1.22\n", "main.go": racyProgram}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return RaceRun{NotRun: "not checked: " + err.Error()}
		}
	}
	bin := filepath.Join(dir, "racy")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	build := exec.CommandContext(ctx, "go", "build", "-race", "-o", bin, ".")
	build.Dir, build.Env = dir, env
	out, err := build.CombinedOutput()
	if err != nil {
		return RaceRun{BuildOutput: strings.TrimSpace(string(out)) + "\n" + err.Error()}
	}
	run := exec.CommandContext(ctx, bin)
	run.Dir, run.Env = dir, append(env, "GORACE=halt_on_error=1")
	out, _ = run.CombinedOutput()
	return RaceRun{Built: true, Reported: bytes.Contains(out, []byte("WARNING: DATA RACE")), RunOutput: string(out)}
}

// writable creates dir when missing, then a file in it.
func writable(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".parlab-doctor-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// sandboxFeatures is what the sandbox applies on this machine.
func sandboxFeatures() []Feature {
	var out []Feature
	for _, f := range sandbox.Features() {
		out = append(out, Feature{Name: f.Name, OK: f.Available, Detail: f.Detail})
	}
	return out
}
