package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
)

// A Launch is one program being started in the sandbox.
type Launch struct {
	status, statusW *os.File
}

// Prepare rewrites cmd, before its Start, so that it runs the program it
// names under p: through the launcher, in new namespaces where the kernel
// allows them, dying with the grader. cmd.Path must be the program's
// absolute path (exec.Command resolves it); it is allowed to be read and
// executed. After Start the caller must call Started.
func Prepare(cmd *exec.Cmd, p Policy) (*Launch, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the grader's executable to launch the sandbox: %w", err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	p.ReadExec = append(append([]string{}, p.ReadExec...), cmd.Path)
	ns := namespaces()
	o := order{Policy: p, UserNS: ns.flags&syscall.CLONE_NEWUSER != 0, StatusFD: 3 + len(cmd.ExtraFiles)}
	raw, err := json.Marshal(o)
	if err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	cmd.ExtraFiles = append(cmd.ExtraFiles, w)
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, EnvPolicy+"="+string(raw))
	cmd.Args = append([]string{self, cmd.Path}, cmd.Args...)
	cmd.Path = self
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	ns.apply(cmd.SysProcAttr)
	// The launcher, and the program it becomes, die with the grader: as
	// the pid namespace's first process it takes every other with it.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	return &Launch{status: r, statusW: w}, nil
}

// Started is called after cmd.Start with its error; it waits until the
// launcher has either become the program (nil) or failed to apply the
// policy (an error saying why).
func (l *Launch) Started(startErr error) error {
	l.statusW.Close()
	defer l.status.Close()
	if startErr != nil {
		return startErr
	}
	msg, _ := io.ReadAll(io.LimitReader(l.status, 4096))
	if len(msg) > 0 {
		return fmt.Errorf("the sandbox could not be applied: %s", msg)
	}
	return nil
}

// nsSetup is how launchers are started: which namespaces, mapped to whom.
type nsSetup struct {
	flags uintptr
	err   error // why user namespaces are not used, if they are not
	uid   int
	gid   int
}

func (n nsSetup) apply(a *syscall.SysProcAttr) {
	a.Cloneflags |= n.flags
	if n.flags&syscall.CLONE_NEWUSER != 0 {
		// The grader's user is the same user inside, so the workspace
		// stays its own; setgroups must be off for an unprivileged map.
		a.UidMappings = []syscall.SysProcIDMap{{ContainerID: n.uid, HostID: n.uid, Size: 1}}
		a.GidMappings = []syscall.SysProcIDMap{{ContainerID: n.gid, HostID: n.gid, Size: 1}}
		a.GidMappingsEnableSetgroups = false
	}
}

var (
	nsOnce   sync.Once
	nsResult nsSetup
)

// namespaces finds, once per process, the namespaces this kernel lets the
// grader create, by starting a launcher that exits at once: new user,
// network and pid namespaces; or, as root where user namespaces are
// disabled, network and pid ones alone; or none.
func namespaces() nsSetup {
	nsOnce.Do(func() {
		nsResult = nsSetup{uid: os.Getuid(), gid: os.Getgid()}
		const netPid = syscall.CLONE_NEWNET | syscall.CLONE_NEWPID
		tries := []uintptr{syscall.CLONE_NEWUSER | netPid}
		if os.Geteuid() == 0 {
			tries = append(tries, netPid)
		}
		for _, flags := range tries {
			err := tryNamespaces(nsSetup{flags: flags, uid: nsResult.uid, gid: nsResult.gid})
			if err == nil {
				nsResult.flags = flags
				return
			}
			if nsResult.err == nil {
				nsResult.err = err // the first failure says why
			}
		}
	})
	return nsResult
}

func tryNamespaces(n nsSetup) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self)
	cmd.Env = []string{EnvPolicy + "=" + probe}
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	n.apply(cmd.SysProcAttr)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v %s", err, out)
	}
	return nil
}
