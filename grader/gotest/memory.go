package gotest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// groupRSS adds up the resident memory of every process in process group
// pgid, from /proc. It returns 0 where /proc is not available.
func groupRSS(pgid int) int64 {
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	var total int64
	page := int64(os.Getpagesize())
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
		if g, _ := strconv.Atoi(fields[2]); g != pgid {
			continue
		}
		rss, _ := strconv.ParseInt(fields[21], 10, 64)
		total += rss * page
	}
	return total
}
