package gotest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// procStat is what parlab reads of /proc/PID/stat.
type procStat struct {
	pid, pgrp int
	rssPages  int64
}

// processes lists every process's stat from /proc; nothing where /proc is
// not available.
func processes() []procStat {
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []procStat
	for _, statPath := range dirs {
		data, err := os.ReadFile(statPath)
		if err != nil {
			continue
		}
		// Fields after the command name, which is in parentheses and may
		// hold spaces: state ppid pgrp ... rss is field 24 overall.
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(s[i+1:])
		if len(fields) < 22 {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(statPath)))
		pgrp, _ := strconv.Atoi(fields[2])
		rss, _ := strconv.ParseInt(fields[21], 10, 64)
		out = append(out, procStat{pid: pid, pgrp: pgrp, rssPages: rss})
	}
	return out
}

// groupRSS adds up the resident memory of every process in process group
// pgid. It returns 0 where /proc is not available.
func groupRSS(pgid int) int64 {
	var total int64
	for _, p := range processes() {
		if p.pgrp == pgid {
			total += p.rssPages * int64(os.Getpagesize())
		}
	}
	return total
}

// groupMembers lists the processes of group pgid.
func groupMembers(pgid int) []int {
	var pids []int
	for _, p := range processes() {
		if p.pgrp == pgid {
			pids = append(pids, p.pid)
		}
	}
	return pids
}
