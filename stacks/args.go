package stacks

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// ConfigKey names the config key that sets a component argument, such as
// "private-fargate:capacity[1].base" for
// "Service.CapacityProviderStrategy[1].Base", from the keys table: the
// key whose Field the argument is, or lies under, and the sub-field's
// JSON name. Unknown fields come back as they are.
func ConfigKey(project, field string) string {
	if key, ok := keyPath(field); ok {
		return project + ":" + key
	}
	return field
}

// keyPath is ConfigKey without the project.
func keyPath(field string) (string, bool) {
	for _, k := range keys {
		if slices.Contains(k.Also, field) {
			return k.Name, true
		}
	}
	var best *stackKey
	for _, k := range keys {
		if field == k.Field || strings.HasPrefix(field, k.Field+".") || strings.HasPrefix(field, k.Field+"[") {
			if best == nil || len(k.Field) > len(best.Field) {
				best = k
			}
		}
	}
	if best == nil {
		return "", false
	}
	rest := strings.TrimPrefix(field, best.Field)
	if best.Verbatim || rest == "" {
		return best.Name + rest, true
	}
	// An index stays; a sub-field takes its JSON name.
	index := ""
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]") + 1
		index, rest = rest[:end], rest[end:]
	}
	name := best.Name + index
	verbatim := false
	for _, part := range strings.Split(strings.TrimPrefix(rest, "."), ".") {
		if part == "" {
			continue
		}
		if verbatim {
			name += "." + part
			continue
		}
		sub := part
		if len(best.Sub) > 0 {
			// A field below a sub-key's value takes the JSON spelling:
			// alarmThresholds.cpu.threshold for Cpu.Threshold.
			sub = lowerFirst(part)
		}
		for _, s := range best.Sub {
			if s.Field == part {
				sub, verbatim = s.Name, s.Verbatim
			}
		}
		if sub != "" { // a field the key sets itself, as kmsKey sets Kms.KeyArn
			name += "." + sub
		}
	}
	return name, true
}

// fieldWord is a word of a problem that may name an argument: outside
// quotes, capitalised, as the component names its fields, alone or as a
// path ("Autoscaling.MaxCount"), with list indexes ("Sidecars[2].Essential").
var fieldWord = regexp.MustCompile(`"[^"]*"|\b[A-Z][A-Za-z0-9]*(?:\[[0-9]+\])?(?:\.[A-Z][A-Za-z0-9]*(?:\[[0-9]+\])?)*`)

// lowerFirst is a Go field name as its JSON name: MaxCount -> maxCount.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// inKeys rewrites the argument names a problem mentions into the keys
// that set them: under ec2.minSize, "above MaxSize (2)" becomes "above
// ec2.maxSize (2)". A word names an argument when it is a field beside
// the problem's own, or beside one of its parents.
func inKeys(field, problem string) string {
	var parents []string
	for p := field; p != ""; {
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			p = ""
		} else {
			p = p[:i]
		}
		parents = append(parents, p)
	}
	var word func(w string) string
	word = func(w string) string {
		if strings.HasPrefix(w, `"`) {
			return w
		}
		if strings.Contains(w, ".") {
			// A path: the argument it names, or else each word alone.
			if isArgument(w) {
				if key, ok := keyPath(w); ok {
					return key
				}
			}
			parts := strings.Split(w, ".")
			for i, p := range parts {
				parts[i] = word(p)
			}
			return strings.Join(parts, ".")
		}
		if key, ok := wordKey(w, field, parents, isArgument, keyPath); ok {
			return key
		}
		return w
	}
	return fieldWord.ReplaceAllStringFunc(problem, word)
}

// wordKey is the key that sets the argument a word of a problem names:
// the word as a field beside the problem's own (field) or beside one of
// its parents, the first that is an argument (isArg) with a key (keyOf).
// The fields the problem's field lies under are not what a word refers to
// ("Secrets" in "Secrets Manager" under Container.Secrets.DB).
func wordKey(w, field string, parents []string, isArg func(string) bool, keyOf func(string) (string, bool)) (string, bool) {
	for _, p := range parents {
		candidate := w
		if p != "" {
			candidate = p + "." + w
		}
		bare, under := withoutIndexes(candidate), withoutIndexes(field)
		if strings.HasPrefix(under, bare+".") || strings.HasPrefix(field, candidate+"[") {
			continue
		}
		if isArg(candidate) {
			if key, ok := keyOf(candidate); ok {
				return key, true
			}
		}
	}
	return "", false
}

// indexes are the list indexes of a path ("[0]").
var indexes = regexp.MustCompile(`\[[0-9]+\]`)

// withoutIndexes is a path with its list indexes dropped:
// Sidecars[0].Secrets for Sidecars[1].Secrets alike.
func withoutIndexes(path string) string { return indexes.ReplaceAllString(path, "") }

// isArgument tells whether a path is a key's Field or one of its
// sub-fields, not a map entry below a verbatim key.
func isArgument(path string) bool {
	path = withoutIndexes(path)
	for _, k := range keys {
		if path == k.Field {
			return true
		}
		for _, s := range k.Sub {
			if path == k.Field+"."+s.Field {
				return true
			}
		}
	}
	return false
}

// withConfigKeys rewrites a component validation error so that each
// problem names the config key to change, and the keys it mentions.
func withConfigKeys(project string, err error) error {
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var lines []string
	for _, p := range ve.Problems {
		// Two arguments set from one key can fail alike; say it once.
		if line := ConfigKey(project, p.Field) + ": " + inKeys(p.Field, p.Problem); !slices.Contains(lines, line) {
			lines = append(lines, line)
		}
	}
	return &ConfigError{Problems: lines}
}

// ConfigError lists every configuration problem of a stack.
type ConfigError struct {
	Problems []string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("invalid stack configuration (%s):\n  %s", components.Count(len(e.Problems), "problem"), strings.Join(e.Problems, "\n  "))
}
