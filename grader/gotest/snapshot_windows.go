package gotest

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// takeSnapshot lists every process with its parent from one toolhelp
// snapshot (gopsutil would take one per process).
func takeSnapshot() snapshot {
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return nil
	}
	defer windows.CloseHandle(snap)
	s := snapshot{}
	var e windows.ProcessEntry32
	e.Size = uint32(unsafe.Sizeof(e))
	for err = windows.Process32First(snap, &e); err == nil; err = windows.Process32Next(snap, &e) {
		s[int32(e.ParentProcessID)] = append(s[int32(e.ParentProcessID)], int32(e.ProcessID))
	}
	return s
}
