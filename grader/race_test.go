//go:build race

package grader

func init() { raceBuild = true }
