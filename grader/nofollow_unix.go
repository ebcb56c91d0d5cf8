//go:build unix

package grader

import "syscall"

// syscallNoFollow makes opening a learner's file fail if it was swapped
// for a symbolic link after the folder was listed.
const syscallNoFollow = syscall.O_NOFOLLOW
