package grader

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"parlab/grader/gotest"
	"parlab/grader/sandbox"
	"parlab/grader/suite"
)

// The builds of learner code (go test -c, go vet) run in the sandbox as
// the test binaries do: the go command, the compiler, the linker and, for
// the race runtime, the C compiler read the toolchain, the module and the
// module cache, and write only in the grade's workspace and the build
// cache; they have no network (the modules are downloaded before, by the
// grader, from the checkout's go.mod alone: modulesReady). cgo is off
// except in the race build, which needs it on Linux (measured with Go
// 1.26.8: `CGO_ENABLED=0 go test -race` stops with "-race requires cgo"):
// there only the standard library's runtime/cgo is C, since the honest
// check refuses `import "C"`, #cgo lines and every C, assembly or object
// file before anything is built.

// toolchain is what the go command needs to build, read once per process
// from `go env` in the checkout.
type toolchain struct {
	// env are the go command's settings, resolved: a build runs with
	// GOENV=off and these alone, whatever the grader's user configured.
	env []string
	// read are the folders a build reads and executes from; cache is the
	// one it writes to besides its workspace.
	read  []string
	cache string
}

// toolchainVars are the go env settings a build keeps: where the toolchain
// and the caches are, the C compiler, and what changes the code built.
var toolchainVars = []string{"GOROOT", "GOCACHE", "GOMODCACHE", "GOPATH", "CC", "CXX", "CGO_ENABLED", "GOAMD64", "GOARM64", "GOEXPERIMENT"}

var (
	toolchainMu   sync.Mutex
	toolchainSeen = map[string]*toolchain{}
)

// loadToolchain reads the toolchain of the checkout at root, once.
func loadToolchain(root string) (*toolchain, error) {
	toolchainMu.Lock()
	defer toolchainMu.Unlock()
	if tc := toolchainSeen[root]; tc != nil {
		return tc, nil
	}
	cmd := exec.Command("go", append([]string{"env", "-json"}, toolchainVars...)...)
	cmd.Dir, cmd.Env = root, gotest.Environ()
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	vars := map[string]string{}
	if err := json.Unmarshal(out, &vars); err != nil {
		return nil, fmt.Errorf("go env -json: %w", err)
	}
	if vars["GOROOT"] == "" || vars["GOCACHE"] == "" || vars["GOCACHE"] == "off" {
		return nil, fmt.Errorf("go env gives no GOROOT or no build cache (GOCACHE=%q): the grader needs both", vars["GOCACHE"])
	}
	// The sandbox lets a build write only into folders that exist when it
	// starts: a fresh machine's build cache is made here.
	if err := os.MkdirAll(vars["GOCACHE"], 0o777); err != nil {
		return nil, fmt.Errorf("creating the build cache: %w", err)
	}
	tc := &toolchain{cache: vars["GOCACHE"]}
	for _, name := range toolchainVars {
		if v := vars[name]; v != "" {
			tc.env = append(tc.env, name+"="+v)
		}
	}
	tc.read = append(sandbox.SystemPaths(), vars["GOROOT"], vars["GOMODCACHE"], root)
	// The C compiler and what it runs: its driver's folder (as and ld are
	// found beside it), its passes and headers.
	for _, cc := range []string{vars["CC"], vars["CXX"]} {
		fields := strings.Fields(cc)
		if len(fields) == 0 {
			continue
		}
		if p, err := exec.LookPath(fields[0]); err == nil {
			tc.read = append(tc.read, filepath.Dir(p))
			if real, err := filepath.EvalSymlinks(p); err == nil {
				tc.read = append(tc.read, filepath.Dir(real))
			}
		}
	}
	tc.read = append(tc.read, "/usr/bin", "/bin", "/usr/libexec", "/usr/include", "/usr/local/include", "/etc/alternatives")
	toolchainSeen[root] = tc
	return tc, nil
}

// buildCommand is the gotest.Command of one build step (args a go command
// line from package suite), sandboxed.
func (r *run) buildCommand(args []string, race bool) (gotest.Command, error) {
	tc, err := loadToolchain(r.opts.Root)
	if err != nil {
		return gotest.Command{}, err
	}
	env := append(append(append([]string{}, tc.env...), r.ws.tmpEnv()...),
		// Nothing of the grader's user's configuration (GOFLAGS, a proxy,
		// a go.work) changes what is built, and nothing is downloaded.
		"HOME="+r.ws.tmp(), "GOENV=off", "GOFLAGS=-mod=readonly", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	env = append(env, suite.CompileEnv(race)...)
	if r.runner().live() {
		r.modulesReady()
	}
	c := gotest.Command{Args: args, Dir: r.opts.Root, Timeout: r.buildTimeout(), Env: env,
		MemoryLimit: max(r.opts.MemoryLimit, BuildMemoryLimit)}
	if runtime.GOOS == "linux" {
		// Elsewhere there is no sandbox, and the go command keeps the
		// grader's whole environment, as it always had (Windows needs
		// more of it than a sandboxed test binary gets).
		c.Sandbox = r.noteSandbox(&sandbox.Policy{ReadExec: tc.read,
			// /dev/null: the go command probes the C compiler's flags
			// with -o /dev/null.
			ReadWrite: []string{r.ws.dir, tc.cache, os.DevNull}})
	}
	return c, nil
}

var (
	modulesMu   sync.Mutex
	modulesDone = map[string]bool{}
)

// modulesReady downloads, once per process and checkout, the modules the
// checkout's go.mod requires (a test binary links goleak and go-cmp,
// which the grade command does not), since the sandboxed builds have no
// network. It reads nothing of the learner's; a failure is left to the
// build, which then says what is missing.
func (r *run) modulesReady() {
	modulesMu.Lock()
	defer modulesMu.Unlock()
	if modulesDone[r.opts.Root] {
		return
	}
	res, err := gotest.Run(r.ctx, gotest.Command{Args: []string{"go", "mod", "download"}, Dir: r.opts.Root, Timeout: 5 * time.Minute})
	modulesDone[r.opts.Root] = err == nil && res.ExitCode == 0
}

// noteSandbox puts what this machine's sandbox lacks in the report's
// notes, once, and returns p.
func (r *run) noteSandbox(p *sandbox.Policy) *sandbox.Policy {
	r.notesMu.Lock()
	defer r.notesMu.Unlock()
	if !r.sandboxNoted {
		r.sandboxNoted = true
		r.notes = append(r.notes, sandbox.Missing()...)
	}
	return p
}
