package sandbox

import (
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// auditArch is the seccomp architecture of the ABIs the filter is written
// for.
var auditArch = map[string]uint32{"amd64": unix.AUDIT_ARCH_X86_64, "arm64": unix.AUDIT_ARCH_AARCH64}

// socketFilter makes socket(2) and io_uring_setup(2) (which can open
// sockets too) fail with EACCES, and refuses every call of another ABI
// (32-bit and x32 calls on amd64), which could reach socket by another
// number. Offsets into struct seccomp_data: nr at 0, arch at 4.
func socketFilter(arch uint32) []unix.SockFilter {
	deny := uint32(unix.SECCOMP_RET_ERRNO | uint32(unix.EACCES))
	stmt := func(code uint16, k uint32) unix.SockFilter { return unix.SockFilter{Code: code, K: k} }
	jump := func(code uint16, k uint32, jt, jf uint8) unix.SockFilter {
		return unix.SockFilter{Code: code, K: k, Jt: jt, Jf: jf}
	}
	return []unix.SockFilter{
		stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, 4),
		jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, arch, 1, 0),
		stmt(unix.BPF_RET|unix.BPF_K, deny),
		stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, 0),
		jump(unix.BPF_JMP|unix.BPF_JGE|unix.BPF_K, 0x40000000, 3, 0), // x32
		jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, unix.SYS_SOCKET, 2, 0),
		jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, unix.SYS_IO_URING_SETUP, 1, 0),
		stmt(unix.BPF_RET|unix.BPF_K, unix.SECCOMP_RET_ALLOW),
		stmt(unix.BPF_RET|unix.BPF_K, deny),
	}
}

// denySockets installs socketFilter on the calling thread; it needs
// no-new-privileges. On an architecture it is not written for, or a kernel
// without seccomp, it does nothing: Features reports that.
func denySockets() error {
	arch, ok := auditArch[runtime.GOARCH]
	if !ok || !seccompAvailable() {
		return nil
	}
	filter := socketFilter(arch)
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	return unix.Prctl(unix.PR_SET_SECCOMP, unix.SECCOMP_MODE_FILTER, uintptr(unsafe.Pointer(&prog)), 0, 0)
}

// seccompAvailable reports whether the kernel has seccomp: PR_GET_SECCOMP
// fails with EINVAL without it.
func seccompAvailable() bool {
	_, err := unix.PrctlRetInt(unix.PR_GET_SECCOMP, 0, 0, 0, 0)
	return err == nil
}
