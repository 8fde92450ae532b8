package copilot

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/internal/plan"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// verifyRounds bounds the plan-and-fix rounds: each round takes at least
// one refused key or stack out, so a few settle any conversion.
const verifyRounds = 10

// verify plans every generated stack offline, as cmd/plan does: each
// environment's platform stack, then its backends against the platform's
// contract, then the other services against the contract and the
// backends' outputs. What the programs refuse in a service stack is taken
// out (a key it can do without) or leaves the stack out (a key it cannot),
// and the stacks are planned again; every refusal is kept for
// MIGRATION.md. A platform stack the platform program refuses is a
// problem of the input.
func (c *converter) verify() error {
	for range verifyRounds {
		res, err := c.render()
		if err != nil {
			return err
		}
		dir, err := os.MkdirTemp("", "from-copilot-")
		if err != nil {
			return fmt.Errorf("plan the stacks: %w", err)
		}
		changed, err := c.planAll(dir, res)
		os.RemoveAll(dir)
		if err != nil || !changed {
			return err
		}
	}
	return nil
}

// planAll writes the files under dir and plans each stack; it tells
// whether it changed a stack.
func (c *converter) planAll(dir string, res *Result) (bool, error) {
	if err := Write(dir, res); err != nil {
		return false, fmt.Errorf("plan the stacks: %w", err)
	}
	changed := false
	for _, e := range c.envs {
		contract, err := plan.PlatformContract(filepath.Join(dir, "platform"), e.name)
		if err != nil {
			for _, p := range problemLines(err) {
				line, field, key := c.platformField(e, p)
				switch {
				case field != "":
					c.ps.add(e.m.File, line, field, "becomes %s, which the platform program refuses: %s", key, strings.TrimPrefix(p, key+": "))
				case key != "":
					c.ps.add(e.m.File, 0, "", "the platform stack converted from it is refused by the platform program at %s, a key the converter set, not a field of the manifest: %s", key, p)
				default:
					c.ps.add(e.m.File, 0, "", "the platform stack converted from it is refused by the platform program: %s", p)
				}
			}
			continue
		}
		contractFile := filepath.Join(dir, "contract."+e.name+".json")
		if err := os.WriteFile(contractFile, contract, 0o644); err != nil {
			return false, fmt.Errorf("plan the stacks: %w", err)
		}
		backends := map[string]string{}
		order := slices.Clone(e.services)
		slices.SortStableFunc(order, func(a, b *svcStack) int { return kindOrder(a.kind) - kindOrder(b.kind) })
		var refused []*svcStack
		envChanged := false
		for _, s := range order {
			sdir := filepath.Join(dir, s.m.Name)
			// Each stack is planned against the outputs of the backends
			// it calls, and only those: the plan refuses the outputs of
			// a stack the planned one does not call.
			opts := plan.Options{Platform: contractFile, Backends: calledBackends(s.cfg, backends)}
			if s.kind == "backend" {
				out, err := plan.ServiceOutputs(sdir, e.name, opts)
				if err == nil {
					file := filepath.Join(dir, s.m.Name+"."+e.name+".json")
					if err := os.WriteFile(file, out, 0o644); err != nil {
						return false, fmt.Errorf("plan the stacks: %w", err)
					}
					backends[c.stackName(s.cfg.project, e.name)] = file
					continue
				}
				if c.refused(e, s, err) {
					refused = append(refused, s)
				}
				envChanged = true
				continue
			}
			if _, err := plan.LoadWith(sdir, e.name, opts); err != nil {
				if c.refused(e, s, err) {
					refused = append(refused, s)
				}
				envChanged = true
			}
		}
		// A key taken out changes what the platform must offer as much as
		// a stack left out: ECS Exec refused takes the platform's exec
		// and the ssmmessages endpoint with it.
		if envChanged {
			e.services = slices.DeleteFunc(e.services, func(s *svcStack) bool { return slices.Contains(refused, s) })
			c.redo(e)
			changed = true
		}
	}
	if err := c.ps.err(); err != nil {
		return false, err
	}
	return changed, nil
}

// refused handles what a program refused in a service stack: each
// refused key it can do without is taken out; a refusal of a key it
// cannot do without, or of nothing by key, leaves the stack out, which
// refused then reports (true).
func (c *converter) refused(e *envStack, s *svcStack, err error) bool {
	stack := s.cfg.project + "/" + e.name
	lines := problemLines(err)
	for _, p := range lines {
		key := problemKey(s.cfg.project, p)
		if key == "" || slices.Contains(requiredKeys, key) || !s.cfg.has(key) {
			e.refusals = append(e.refusals, refusal{stack: stack, problem: p, done: "the stack is left out; fix the manifest (or the stack file) and convert again"})
			e.skipped = append(e.skipped, skippedStack{m: s.m, why: "the components refuse it: " + p})
			return true
		}
	}
	// Entries of a map or a list go one by one, the last of a list first,
	// so that the indexes of the others still hold.
	slices.SortStableFunc(lines, func(a, b string) int { return entryIndex(b) - entryIndex(a) })
	for _, p := range lines {
		key := problemKey(s.cfg.project, p)
		if !s.cfg.has(key) {
			continue // taken out for an earlier problem of the same key
		}
		if show, ok := dropEntry(s.cfg, key, problemPath(s.cfg.project, p)); ok {
			c.rec.leaveOutPart(s.cfg, key, show, "the components refuse it ("+p+")")
			e.refusals = append(e.refusals, refusal{stack: stack, problem: p, done: "left " + show + " out"})
			continue
		}
		s.cfg.del(key)
		c.rec.leaveOut(s.cfg, key, "the components refuse it ("+p+")")
		e.refusals = append(e.refusals, refusal{stack: stack, problem: p, done: "left " + key + " out"})
	}
	return false
}

// platformField finds the environment manifest field that set the
// platform key a refusal names: its line and path, and the key as the
// stack file spells it. A field that set the named part of the key
// (loadBalancers[main].certificateArn for loadBalancers[0].certificateArn)
// wins over one that set another part; among equals, the first line. field
// is "" when no field set the key (the converter did), key "" when the
// refusal names none.
func (c *converter) platformField(e *envStack, p string) (line int, field, key string) {
	project := c.platformProject()
	top := problemKey(project, p)
	if top == "" {
		return 0, "", ""
	}
	path := problemPath(project, p)
	key = project + ":" + path
	want := regexp.MustCompile(`^loadBalancers\[0\]`).ReplaceAllString(path, "loadBalancers[main]")
	quoted := ""
	if m := regexp.MustCompile(`: "([^"]*)"`).FindStringSubmatch(p); m != nil {
		quoted = m[1]
	}
	f := c.rec.file(e.m.File)
	best := -1
	for _, name := range f.order {
		rw := f.rows[name]
		o, ok := rw.outcomes[e.name]
		if !ok {
			continue
		}
		for _, st := range o.sets {
			if st.key != top {
				continue
			}
			show := cmp.Or(st.show, st.key)
			rank := 0
			if show == want || strings.HasPrefix(want, show+".") || strings.HasPrefix(want, show+"[") {
				rank += 2
			}
			if v := fieldAt(node{v: e.m.Root}, rw.path); quoted != "" && v.isScalar() && v.v.Value == quoted {
				rank++
			}
			l := rw.lines[e.name]
			if rank > best || (rank == best && l < line) {
				line, field, best = l, rw.path, rank
			}
		}
	}
	return line, field, key
}

// fieldAt is the node at a row's path ("network.vpc.subnets.public[1].az").
func fieldAt(n node, path string) node {
	for _, part := range strings.Split(path, ".") {
		name, idx, isItem := strings.Cut(part, "[")
		n = n.get(name)
		if isItem {
			i, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
			items := n.items()
			if err != nil || i >= len(items) {
				return node{}
			}
			n = items[i]
		}
	}
	return n
}

// problemPath is the whole key path a problem names ("environment.PORT",
// "sidecars[1].image").
func problemPath(project, p string) string {
	head, _, _ := strings.Cut(strings.TrimPrefix(p, project+":"), ": ")
	return head
}

// entryRef finds an entry in a problem's key path: a map entry's name
// (environment.PORT) or a list entry's index (sidecars[1]).
var entryRef = regexp.MustCompile(`^[A-Za-z]+(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\])`)

// entryIndex is the list index a problem names, -1 for none.
func entryIndex(p string) int {
	_, rest, _ := strings.Cut(p, ":")
	if m := entryRef.FindStringSubmatch(problemPath("", rest)); m != nil && m[2] != "" {
		n, _ := strconv.Atoi(m[2])
		return n
	}
	return -1
}

// dropEntry takes out of key's value the one entry path names: a
// variable or secret by name, or an item of a list; it returns how
// MIGRATION.md shows the entry. ok is false when path names no entry of
// the value, which then goes as a whole.
func dropEntry(cfg *stackConfig, key, path string) (string, bool) {
	m := entryRef.FindStringSubmatch(path)
	if m == nil {
		return "", false
	}
	switch v := cfg.values[key].(type) {
	case map[string]string:
		if _, ok := v[m[1]]; m[1] == "" || !ok || len(v) == 1 {
			return "", false
		}
		delete(v, m[1])
		return key + "." + m[1], true
	case []obj:
		i, err := strconv.Atoi(m[2])
		if m[2] == "" || err != nil || i >= len(v) || len(v) == 1 {
			return "", false
		}
		show := key + "[" + entryName(v[i]) + "]"
		cfg.values[key] = slices.Delete(slices.Clone(v), i, i+1)
		return show, true
	}
	return "", false
}

// entryName is how MIGRATION.md names a list's entry: its name, or its
// metric, as the converter shows it.
func entryName(o obj) string {
	for _, k := range []string{"name", "metric", "provider"} {
		if v, ok := o.get(k); ok {
			return fmt.Sprint(v)
		}
	}
	return "?"
}

// redo derives again what depends on the environment's stacks once some
// are left out: the calls, the rule priorities, the endpoints and the
// platform's keys.
func (c *converter) redo(e *envStack) {
	e.endpoints = map[string][]string{}
	c.connect(e)
	c.route(e)
	for _, s := range e.services {
		c.checkStack(e, s)
	}
	c.finishPlatform(e)
}

// problemLines are the problems an error holds, one each: a stack
// configuration's by key, a component's by field, or its lines.
func problemLines(err error) []string {
	var ce *stacks.ConfigError
	if errors.As(err, &ce) {
		return ce.Problems
	}
	var ve *components.ValidationError
	if errors.As(err, &ve) {
		var out []string
		for _, p := range ve.Problems {
			out = append(out, p.Field+": "+p.Problem)
		}
		return out
	}
	return splitProblems(err)
}

// calledBackends are the outputs files of the backends cfg's calls key
// names, of those planned so far; nil when it calls none.
func calledBackends(cfg *stackConfig, planned map[string]string) map[string]string {
	calls, _ := cfg.values["calls"].([]string)
	var out map[string]string
	for _, stack := range calls {
		if file, ok := planned[stack]; ok {
			if out == nil {
				out = map[string]string{}
			}
			out[stack] = file
		}
	}
	return out
}
