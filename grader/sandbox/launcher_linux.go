package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// probe is the policy value that makes a launcher exit at once: Features
// starts one to learn which namespaces the kernel lets us create.
const probe = "probe"

// launcherExit is the exit status of a launcher that could not apply its
// policy; the grader reads the reason from the status pipe.
const launcherExit = 125

func init() {
	raw, ok := os.LookupEnv(EnvPolicy)
	if !ok {
		return
	}
	if raw == probe {
		os.Exit(0)
	}
	launch(raw)
}

// launch applies the policy to this thread and replaces the process with
// the real program, os.Args[1] with arguments os.Args[2:]. Landlock,
// no-new-privileges and seccomp act on the calling thread, which is the
// one execve keeps; it never returns.
func launch(raw string) {
	runtime.LockOSThread()
	var o order
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		fmt.Fprintf(os.Stderr, "parlab sandbox: bad policy: %v\n", err)
		os.Exit(launcherExit)
	}
	status := os.NewFile(uintptr(o.StatusFD), "sandbox-status")
	fail := func(err error) {
		fmt.Fprintf(status, "%v", err)
		os.Exit(launcherExit)
	}
	// The status pipe closes when the exec succeeds: the program never
	// sees it.
	unix.CloseOnExec(o.StatusFD)
	if len(os.Args) < 3 {
		fail(fmt.Errorf("launcher started without a program"))
	}
	if err := confine(o); err != nil {
		fail(err)
	}
	env := make([]string, 0, len(os.Environ()))
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, EnvPolicy+"=") {
			env = append(env, kv)
		}
	}
	err := unix.Exec(os.Args[1], os.Args[2:], env)
	fail(fmt.Errorf("starting %s: %w", os.Args[1], err))
}

// confine applies every restriction the kernel offers, in an order that
// works: limits and no-new-privileges first (landlock and seccomp need the
// latter), the filters last.
func confine(o order) error {
	if err := setLimits(o); err != nil {
		return err
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("no-new-privileges: %w", err)
	}
	if err := restrictPaths(o.Policy); err != nil {
		return fmt.Errorf("landlock: %w", err)
	}
	if err := denySockets(); err != nil {
		return fmt.Errorf("seccomp: %w", err)
	}
	return nil
}

func setLimits(o order) error {
	size := o.Policy.MaxFileSize
	if size <= 0 {
		size = DefaultMaxFileSize
	}
	limits := map[int]uint64{unix.RLIMIT_CORE: 0, unix.RLIMIT_FSIZE: uint64(size)}
	if o.UserNS {
		// Outside a new user namespace the count would include every
		// process the user already runs.
		n := o.Policy.MaxProcesses
		if n <= 0 {
			n = DefaultMaxProcesses
		}
		limits[unix.RLIMIT_NPROC] = uint64(n)
	}
	if o.Policy.MaxData > 0 {
		limits[unix.RLIMIT_DATA] = uint64(o.Policy.MaxData)
	}
	for res, n := range limits {
		var old unix.Rlimit
		if err := unix.Getrlimit(res, &old); err != nil {
			return fmt.Errorf("reading resource limit %d: %w", res, err)
		}
		lim := unix.Rlimit{Cur: min(n, old.Max), Max: min(n, old.Max)}
		if err := unix.Setrlimit(res, &lim); err != nil {
			return fmt.Errorf("resource limit %d: %w", res, err)
		}
	}
	return nil
}
