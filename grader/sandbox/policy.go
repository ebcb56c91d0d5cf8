package sandbox

import (
	"fmt"
	"runtime"
)

// EnvPolicy names the environment variable through which the grader hands
// a launcher its policy (JSON). The launcher removes it before the real
// program starts.
const EnvPolicy = "PARLAB_SANDBOX"

// A Policy is what one sandboxed program may do.
type Policy struct {
	// ReadExec are the files and folders (with everything below them) the
	// program may read and execute: the toolchain, the system libraries,
	// the binary itself. Paths that do not exist are left out.
	ReadExec []string `json:"read_exec,omitempty"`
	// ReadWrite are the folders the program may read, write, create and
	// delete in (its workspace), and files it may read and write.
	ReadWrite []string `json:"read_write,omitempty"`
	// MaxFileSize caps the size of any file the program writes (bytes);
	// 0 means DefaultMaxFileSize.
	MaxFileSize int64 `json:"max_file_size,omitempty"`
	// MaxProcesses caps the processes and threads of the sandbox's user;
	// 0 means DefaultMaxProcesses. It only applies inside a new user
	// namespace, where the count starts afresh.
	MaxProcesses int `json:"max_processes,omitempty"`
	// MaxData caps the program's data: its heap and every private
	// writable mapping (Linux's RLIMIT_DATA, since 4.7), in bytes; 0
	// means no cap. The kernel refuses memory past it at once, behind the
	// grader's watch of resident memory, which an allocation fast enough
	// can outrun between two looks. It counts the race detector's shadow
	// memory too, which RLIMIT_AS, counting every reserved address,
	// cannot carry at all (the detector reserves terabytes).
	MaxData int64 `json:"max_data,omitempty"`
	// OwnEnviron lets the program read its own environment the way the
	// race detector's runtime does, from /proc/self/environ (there it
	// finds GORACE), and nothing else of /proc: on Linux, landlock allows
	// that one file of the launcher's process, which becomes the program.
	// A process the program starts gets no such file.
	OwnEnviron bool `json:"own_environ,omitempty"`
}

// order is what the grader hands a launcher: the policy and how it was
// started.
type order struct {
	Policy Policy `json:"policy"`
	// UserNS is set when the launcher runs in a new user namespace.
	UserNS bool `json:"user_ns"`
	// StatusFD is the pipe on which the launcher reports a failure to
	// apply the policy; a successful exec closes it unwritten.
	StatusFD int `json:"status_fd"`
}

// Defaults of the resource limits.
const (
	DefaultMaxFileSize  = 256 << 20
	DefaultMaxProcesses = 1024
)

// A Feature is one restriction and whether this machine provides it.
type Feature struct {
	// Name says what the restriction is ("landlock filesystem", ...).
	Name string `json:"name"`
	// Available is set when the sandbox applies it on this machine.
	Available bool `json:"available"`
	// Detail says how it is provided, or why not and what to do.
	Detail string `json:"detail"`
}

func (f Feature) String() string {
	state := "yes"
	if !f.Available {
		state = "NO"
	}
	return fmt.Sprintf("%s: %s (%s)", f.Name, state, f.Detail)
}

// Missing lists, one line each, the restrictions this machine cannot
// apply: what a grading result's notes say.
func Missing() []string {
	if runtime.GOOS != "linux" {
		return []string{"sandbox: none on " + runtime.GOOS + ": the test binaries run unconfined (grade on Linux for the sandbox)"}
	}
	var out []string
	for _, f := range Features() {
		if !f.Available {
			out = append(out, fmt.Sprintf("sandbox: no %s on this machine (%s)", f.Name, f.Detail))
		}
	}
	return out
}
