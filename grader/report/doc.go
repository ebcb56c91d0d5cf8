// Package report renders grading results: every byte a person or another
// program reads comes from here. Colour lives only in this package, and
// only when the caller asks for it.
package report
