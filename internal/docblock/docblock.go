// Package docblock reads and rewrites the generated blocks of a document:
// the text between <!-- name:begin --> and <!-- name:end --> markers, which
// tests compare with what the code generates and -update rewrites.
package docblock

import (
	"fmt"
	"strings"
)

func markers(name string) (string, string) {
	return "<!-- " + name + ":begin -->", "<!-- " + name + ":end -->"
}

// Replace replaces the text between the name block's markers with body.
func Replace(doc, name, body string) (string, error) {
	begin, end := markers(name)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("no %s ... %s block", begin, end)
	}
	return doc[:i+len(begin)] + "\n" + body + doc[j:], nil
}

// Get returns the text between the markers, as Replace writes it.
func Get(doc, name string) (string, error) {
	begin, end := markers(name)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("no %s ... %s block", begin, end)
	}
	return strings.TrimPrefix(doc[i+len(begin):j], "\n"), nil
}
