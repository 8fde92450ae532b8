package copilot

import (
	"fmt"
	"strings"
)

// recorder keeps, for every manifest field, what became of it in each
// environment's stack.
type recorder struct {
	files map[string]*fileRecord
}

// fileRecord is one manifest's fields, in the order they were first met.
type fileRecord struct {
	rows  map[string]*row
	order []string
}

// row is one field of a manifest.
type row struct {
	path  string
	field Field
	// lines are the field's line in each environment's merged manifest.
	lines map[string]int
	// baseLine is its line in the manifest's own fields, 0 when only an
	// override sets it.
	baseLine int
	leaf     bool
	// outcomes are what it became, by environment.
	outcomes map[string]*outcome
}

// outcome is what one field became in one stack.
type outcome struct {
	stack *stackConfig
	sets  []setting
	// notes qualify the sets, or replace them for a field that sets
	// nothing here.
	notes []string
	// not, when set, says the field was not converted here after all,
	// and instead what to do.
	not, instead string
}

// setting is one key, or part of one, a field set.
type setting struct {
	// key is the stack key; show names the part of it the field set
	// ("containerHealthCheck.interval"), value is that part's value.
	key, show string
	value     any
	// leftOut says why the key was taken out again after the components'
	// checks refused it.
	leftOut string
}

func newRecorder() *recorder { return &recorder{files: map[string]*fileRecord{}} }

func (r *recorder) file(name string) *fileRecord {
	f, ok := r.files[name]
	if !ok {
		f = &fileRecord{rows: map[string]*row{}}
		r.files[name] = f
	}
	return f
}

// present records the fields a manifest sets for env.
func (r *recorder) present(file, env string, w walked, base bool) {
	f := r.file(file)
	for _, p := range w.Fields {
		rw, ok := f.rows[p.Path]
		if !ok {
			rw = &row{path: p.Path, field: p.Field, lines: map[string]int{}, outcomes: map[string]*outcome{}, leaf: p.Leaf}
			f.rows[p.Path] = rw
			f.order = append(f.order, p.Path)
		}
		if base {
			rw.baseLine = p.Line
			continue
		}
		rw.lines[env] = p.Line
		if _, ok := rw.outcomes[env]; !ok {
			rw.outcomes[env] = &outcome{}
		}
	}
}

// out is the outcome of a field in env, made on first use.
func (r *recorder) out(file, path, env string, stack *stackConfig) *outcome {
	f := r.file(file)
	rw, ok := f.rows[path]
	if !ok {
		rw = &row{path: path, lines: map[string]int{}, outcomes: map[string]*outcome{}}
		f.rows[path] = rw
		f.order = append(f.order, path)
	}
	o, ok := rw.outcomes[env]
	if !ok {
		o = &outcome{}
		rw.outcomes[env] = o
	}
	o.stack = stack
	return o
}

// leaveOut marks every setting of key in stack as left out, saying why.
func (r *recorder) leaveOut(stack *stackConfig, key, why string) {
	for _, f := range r.files {
		for _, rw := range f.rows {
			for _, o := range rw.outcomes {
				if o.stack != stack {
					continue
				}
				for i := range o.sets {
					if o.sets[i].key == key && o.sets[i].leftOut == "" {
						o.sets[i].leftOut = why
					}
				}
			}
		}
	}
}

// leaveOutPart marks the settings of one entry of key in stack (show, or
// a part under it) as left out, saying why.
func (r *recorder) leaveOutPart(stack *stackConfig, key, show, why string) {
	for _, f := range r.files {
		for _, rw := range f.rows {
			for _, o := range rw.outcomes {
				if o.stack != stack {
					continue
				}
				for i := range o.sets {
					s := &o.sets[i]
					if s.key == key && s.leftOut == "" && (s.show == show || strings.HasPrefix(s.show, show+".") || strings.HasPrefix(s.show, show+"[")) {
						s.leftOut = why
					}
				}
			}
		}
	}
}

// text renders an outcome for MIGRATION.md; def is the field's table
// entry, used when the converter recorded nothing.
func (o *outcome) text(def Field) string {
	var parts []string
	for _, s := range o.sets {
		show := s.show
		if show == "" {
			show = s.key
		}
		name := "`" + o.stack.project + ":" + show + "`"
		if s.leftOut != "" {
			parts = append(parts, name+" left out: "+s.leftOut)
			continue
		}
		parts = append(parts, fmt.Sprintf("%s = `%s`", name, escapeCell(compact(s.value))))
	}
	text := strings.Join(parts, "; ")
	if o.not != "" {
		text = joinText(text, "not converted: "+o.not+". Instead: "+o.instead)
	}
	for _, n := range o.notes {
		text = joinText(text, n)
	}
	if text != "" {
		return text
	}
	switch def.Status {
	case NotConverted:
		return "not converted: " + def.Reason + ". Instead: " + def.Instead
	case Covered, Structural:
		return def.Reason
	}
	return ""
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// escapeCell keeps a table cell one cell.
func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "`", "'").Replace(s)
}
