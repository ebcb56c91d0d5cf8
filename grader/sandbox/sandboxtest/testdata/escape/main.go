// Command escape tries, as hostile learner code would, everything the
// sandbox must stop, and prints one line per attempt: "ATTEMPT: ok" when
// it got through, "ATTEMPT: denied: ERROR" when it did not. Its arguments
// are ignored (it may stand in for a test binary); the environment says
// what to try:
//
//	PARLAB_ESCAPE_READ    paths to read (list separated as in PATH)
//	PARLAB_ESCAPE_WRITE   files to create or overwrite
//	PARLAB_ESCAPE_MARKER  names the child it leaves running (setsid, empty
//	                      environment), for the test to look for afterwards
//
// It also tries /proc/self/mem, an internet and a unix socket, and a file
// in its working folder and in TMPDIR (which a sandbox allows).
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
	for _, path := range filepath.SplitList(os.Getenv("PARLAB_ESCAPE_READ")) {
		try("read "+path, func() error {
			if info, err := os.Stat(path); err == nil && info.IsDir() {
				_, err := os.ReadDir(path)
				return err
			}
			_, err := os.ReadFile(path)
			return err
		})
	}
	for _, path := range filepath.SplitList(os.Getenv("PARLAB_ESCAPE_WRITE")) {
		try("write "+path, func() error { return os.WriteFile(path, []byte("planted"), 0o755) })
	}
	try("proc-self-mem", func() error {
		f, err := os.Open("/proc/self/mem")
		if err == nil {
			f.Close()
		}
		return err
	})
	try("socket", func() error { return socket(syscall.AF_INET) })
	try("unix-socket", func() error { return socket(syscall.AF_UNIX) })
	try("write-workspace", func() error { return os.WriteFile("planted", []byte("x"), 0o644) })
	try("write-tmpdir", func() error { return os.WriteFile(filepath.Join(os.TempDir(), "planted"), []byte("x"), 0o644) })
	if marker := os.Getenv("PARLAB_ESCAPE_MARKER"); marker != "" {
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
}

func socket(family int) error {
	fd, err := syscall.Socket(family, syscall.SOCK_STREAM, 0)
	if err == nil {
		syscall.Close(fd)
	}
	return err
}

func try(name string, attempt func() error) {
	if err := attempt(); err != nil {
		fmt.Printf("%s: denied: %v\n", name, err)
		return
	}
	fmt.Printf("%s: ok\n", name)
}
