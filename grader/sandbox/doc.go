// Package sandbox confines the test binaries the grader runs, which hold
// learner code, to what a test run needs.
//
// On Linux a sandboxed program is started through a launcher: the grader's
// own executable (os.Executable), whose init function in this package
// recognises [EnvPolicy], applies the restrictions to itself and then
// replaces itself with the real program (execve), which inherits them. Go's
// os/exec cannot run code between fork and exec, hence the re-exec. The
// launcher runs in new user, network and pid namespaces where the kernel
// allows them (no root needed), and then:
//
//   - landlock lets the program read and execute only the paths of the
//     policy (the toolchain, the system libraries, its own binary) and
//     write only in its workspace folders; TCP is refused and, from ABI 6
//     on, signals and abstract sockets cannot reach outside the sandbox;
//   - no-new-privileges is set, and a seccomp filter makes socket(2) and
//     io_uring_setup(2) fail with EACCES;
//   - resource limits cap the size of a file, core dumps and the number of
//     processes;
//   - the program is process 1 of its pid namespace, so when it ends, or
//     is killed, every process it started ends with it, whatever it did to
//     leave its process group or clear its environment; the launcher also
//     dies with the grader (parent-death signal).
//
// Whatever the kernel cannot provide is listed by [Features] and
// [Missing], never silently skipped. On other systems the program runs
// unconfined and [Missing] says so.
package sandbox
