package gotest

import (
	"fmt"
	"os/exec"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// jobTree is a child in a Job Object: killing the job, or the grader's
// exit (kill-on-close), ends every process in it, and the job caps their
// memory together. A process the child starts in the instant before it is
// assigned to the job escapes it; the descendants seen by memory are killed
// too.
type jobTree struct {
	job  windows.Handle
	pid  int
	seen *seen
}

func hold(cmd *exec.Cmd, memoryLimit int64) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= windows.CREATE_NEW_PROCESS_GROUP
}

func newTree(cmd *exec.Cmd, memoryLimit int64) (tree, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, fmt.Errorf("creating a job object: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if memoryLimit > 0 {
		info.BasicLimitInformation.LimitFlags |= windows.JOB_OBJECT_LIMIT_JOB_MEMORY
		info.JobMemoryLimit = uintptr(memoryLimit)
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return nil, fmt.Errorf("limiting a job object: %w", err)
	}
	proc, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(cmd.Process.Pid))
	if err == nil {
		err = windows.AssignProcessToJobObject(job, proc)
		windows.CloseHandle(proc)
	}
	if err != nil {
		windows.CloseHandle(job)
		return nil, fmt.Errorf("putting %s in a job object: %w", cmd.Path, err)
	}
	return &jobTree{job: job, pid: cmd.Process.Pid, seen: newSeen(cmd.Process.Pid)}, nil
}

// dump: Windows has no SIGQUIT, so no goroutine dump; the caller kills at
// once.
func (j *jobTree) dump() bool { return false }

func (j *jobTree) kill() {
	_ = windows.TerminateJobObject(j.job, 1)
	for _, p := range j.seen.alive() {
		_ = p.Kill()
	}
}

// memory is the larger of the processes' resident memory and the job's
// peak committed memory: the job's cap makes an allocation beyond it fail,
// which can end the program before a poll sees it.
func (j *jobTree) memory() int64 {
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	peak := int64(0)
	if windows.QueryInformationJobObject(j.job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info)), nil) == nil {
		peak = int64(info.PeakJobMemoryUsed)
	}
	return max(j.seen.memory(j.pid), peak)
}

func (j *jobTree) release() { _ = windows.CloseHandle(j.job) }
