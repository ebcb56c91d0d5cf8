package sandbox

import (
	"fmt"
	"runtime"
	"syscall"
)

// Features lists every restriction of the sandbox and whether this
// machine applies it, with how or why not.
func Features() []Feature {
	ns := namespaces()
	nsFeature := func(name string, flag uintptr, what string) Feature {
		if ns.flags&flag != 0 {
			return Feature{Name: name, Available: true, Detail: what}
		}
		return Feature{Name: name, Detail: fmt.Sprintf("%v: allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0; on Ubuntu kernel.apparmor_restrict_unprivileged_userns=0)", ns.err)}
	}
	abi, err := landlockABI()
	landlockWhy := "the kernel has no Landlock: build it with CONFIG_SECURITY_LANDLOCK=y and boot with landlock in lsm="
	if err != nil && err != syscall.ENOSYS && err != syscall.EOPNOTSUPP {
		landlockWhy = err.Error()
	}
	ll := func(name string, minABI int, what string) Feature {
		switch {
		case abi >= minABI:
			return Feature{Name: name, Available: true, Detail: fmt.Sprintf("Landlock ABI %d: %s", abi, what)}
		case abi > 0:
			return Feature{Name: name, Detail: fmt.Sprintf("Landlock ABI %d, this needs %d (a newer kernel)", abi, minABI)}
		}
		return Feature{Name: name, Detail: landlockWhy}
	}
	seccomp := Feature{Name: "seccomp socket filter", Available: true, Detail: "socket(2) and io_uring_setup(2) fail with EACCES"}
	if _, ok := auditArch[runtime.GOARCH]; !ok {
		seccomp = Feature{Name: seccomp.Name, Detail: "the filter is written for amd64 and arm64, not " + runtime.GOARCH}
	} else if !seccompAvailable() {
		seccomp = Feature{Name: seccomp.Name, Detail: "the kernel has no seccomp filters (CONFIG_SECCOMP_FILTER)"}
	}
	nproc := fmt.Sprintf("at most %d processes and threads", DefaultMaxProcesses)
	switch {
	case ns.flags&syscall.CLONE_NEWUSER == 0:
		nproc = "no process limit (it needs a user namespace)"
	case ns.uid == 0:
		nproc = "no process limit (the kernel exempts root; the pid namespace still ends every process)"
	}
	return []Feature{
		ll("landlock filesystem", 1, "reads only the system libraries and the programs it runs; writes only in its workspace"),
		ll("landlock network", 4, "TCP bind and connect refused"),
		ll("landlock scope", 6, "signals and abstract unix sockets stay inside the sandbox"),
		nsFeature("user namespace", syscall.CLONE_NEWUSER, "namespaces without root"),
		nsFeature("network namespace", syscall.CLONE_NEWNET, "no network interface but a loopback that is down"),
		nsFeature("pid namespace", syscall.CLONE_NEWPID, "every process of a run ends with the run's first"),
		seccomp,
		{Name: "no-new-privileges", Available: true, Detail: "set-user-ID programs gain nothing"},
		{Name: "resource limits", Available: true, Detail: fmt.Sprintf("files up to %d MiB, no core dumps, %s", DefaultMaxFileSize>>20, nproc)},
	}
}

// SystemPaths are what every program needs to read: the dynamic loader
// and C libraries (race-enabled binaries link them), /dev/null.
func SystemPaths() []string {
	return []string{"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache", "/dev/null", "/dev/urandom"}
}
