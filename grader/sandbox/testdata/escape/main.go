// Command escape tries, as hostile learner code would, everything the
// sandbox must stop, and prints one line per attempt: "NAME: ok" when it
// got through, "NAME: denied: ERROR" when it did not.
//
//	escape CHECKOUT_FILE OUTSIDE_DIR MARKER
//
// MARKER names the child it leaves running (setsid, empty environment):
// the test looks for it afterwards.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "linger" {
		time.Sleep(time.Hour)
		return
	}
	checkout, outside, marker := os.Args[1], os.Args[2], os.Args[3]
	try("read-checkout", func() error { _, err := os.ReadFile(checkout); return err })
	try("list-checkout", func() error { _, err := os.ReadDir(filepath.Dir(checkout)); return err })
	try("proc-self-mem", func() error {
		f, err := os.Open("/proc/self/mem")
		if err == nil {
			f.Close()
		}
		return err
	})
	try("socket", func() error {
		fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
		if err == nil {
			syscall.Close(fd)
		}
		return err
	})
	try("unix-socket", func() error {
		fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
		if err == nil {
			syscall.Close(fd)
		}
		return err
	})
	try("write-outside", func() error { return os.WriteFile(filepath.Join(outside, "planted"), []byte("x"), 0o644) })
	try("write-workspace", func() error { return os.WriteFile("planted", []byte("x"), 0o644) })
	try("write-tmpdir", func() error { return os.WriteFile(filepath.Join(os.TempDir(), "planted"), []byte("x"), 0o644) })
	try("escaped-child", func() error {
		self, err := os.Executable()
		if err != nil {
			self = os.Args[0]
		}
		p, err := os.StartProcess(self, []string{self, "linger", marker}, &os.ProcAttr{
			Env: []string{}, Sys: &syscall.SysProcAttr{Setsid: true}})
		if err == nil {
			p.Release()
		}
		return err
	})
}

func try(name string, attempt func() error) {
	if err := attempt(); err != nil {
		fmt.Printf("%s: denied: %v\n", name, err)
		return
	}
	fmt.Printf("%s: ok\n", name)
}
