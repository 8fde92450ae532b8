package copilot

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with the input, and where it is.
type Problem struct {
	// File is the file's path relative to the workspace, with slashes.
	File string
	// Line is the line in File, 0 for the file as a whole.
	Line int
	// Field is the manifest field, dotted ("count.range"); empty for the
	// file as a whole.
	Field string
	// Msg says what is wrong and how to fix it.
	Msg string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Error is every problem found in the input. Nothing is written while
// there is one.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("the workspace cannot be converted (%d %s); nothing was written:\n%s",
		len(lines), plural(len(lines), "problem", "problems"), strings.Join(lines, "\n"))
}

// problems collects problems, once each.
type problems struct {
	list []Problem
	seen map[Problem]bool
}

func (ps *problems) add(file string, line int, field, format string, args ...any) {
	p := Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
	if ps.seen == nil {
		ps.seen = map[Problem]bool{}
	}
	if ps.seen[p] {
		return
	}
	ps.seen[p] = true
	ps.list = append(ps.list, p)
}

// err is the problems as an *Error, sorted by file, line and field; nil
// with none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Field, b.Field), cmp.Compare(a.Msg, b.Msg))
	})
	return &Error{Problems: out}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
