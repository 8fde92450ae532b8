package copilot

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// migration renders MIGRATION.md: what was generated and how to deploy
// it, what to do first, the cost comparison, the components' refusals,
// every manifest field and what it became, the keys no field set, and
// what was not converted as a whole.
func (c *converter) migration() ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# Migrating %s from AWS Copilot\n\n", c.ws.App)
	fmt.Fprintf(&b, "`from-copilot` generated this directory from the Copilot workspace of the application `%s`: a platform project with a stack per Copilot environment, "+
		"and a project per service with a stack per environment, attached to that environment's platform stack. "+
		"Every task runs in private subnets with no NAT gateway and no public IP, and reaches AWS through the VPC endpoints its services need.\n\n", c.ws.App)
	c.stacksSection(&b)
	c.deploySection(&b)
	c.beforeSection(&b)
	c.costSection(&b)
	c.refusalSection(&b)
	c.fieldsSection(&b)
	c.generatedSection(&b)
	c.notConvertedSection(&b)
	return []byte(strings.TrimRight(b.String(), "\n") + "\n"), nil
}

func (c *converter) envNames() []string {
	var out []string
	for _, e := range c.envs {
		out = append(out, e.name)
	}
	return out
}

// stacksSection lists the projects and their stacks.
func (c *converter) stacksSection(b *strings.Builder) {
	b.WriteString("## Stacks\n\n| project | directory | stacks | from |\n|---|---|---|---|\n")
	fmt.Fprintf(b, "| `%s` | `platform/` | %s | the environment manifests |\n", c.platformProject(), strings.Join(c.envNames(), ", "))
	var skipped []string
	for _, m := range c.ws.Services {
		var envs []string
		for _, e := range c.envs {
			for _, s := range e.services {
				if s.m == m {
					envs = append(envs, e.name)
				}
			}
			for _, sk := range e.skipped {
				if sk.m == m {
					skipped = append(skipped, fmt.Sprintf("- `%s` in %s: %s.", m.Name, e.name, strings.TrimSuffix(sk.why, ".")))
				}
			}
		}
		stacks, dir := strings.Join(envs, ", "), "`"+m.Name+"/`"
		if len(envs) == 0 {
			stacks, dir = "none", "none"
		}
		kind := kindOf(m.Type)
		if kind == "" {
			kind = "not converted"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | `%s` (%s: %s) |\n", c.serviceProject(m.Name), dir, stacks, m.File, m.Type, kind)
	}
	b.WriteString("\nA Copilot service deploys to any environment of its application (`copilot svc deploy --env`), and its `environments` overrides change fields, never where it runs; so each service has a stack in every environment, unless it is left out below.\n\n")
	if len(skipped) > 0 {
		b.WriteString("Left out:\n\n" + strings.Join(slices.Compact(skipped), "\n") + "\n\n")
	}
}

// deploySection says how to plan and deploy, in order.
func (c *converter) deploySection(b *strings.Builder) {
	b.WriteString("## Deploying\n\n")
	b.WriteString("Run `go mod tidy` once in this directory. Then, for each environment, deploy the platform stack first, then the backends " +
		"(a caller's Service Connect proxy resolves only the backends that exist when its tasks start), then the other services:\n\n```sh\n")
	for _, e := range c.envs {
		fmt.Fprintf(b, "# %s\n(cd platform && pulumi stack init %s && pulumi up)\n", e.name, c.stackName(c.platformProject(), e.name))
		for _, s := range c.deployOrder(e) {
			fmt.Fprintf(b, "(cd %s && pulumi stack init %s && pulumi up)\n", s.m.Name, c.stackName(s.cfg.project, e.name))
		}
	}
	b.WriteString("```\n\n")
	if len(c.envs) == 0 {
		return
	}
	e := c.envs[0]
	b.WriteString("Plan each stack offline first, from this module's checkout (OUT is this directory), in the same order: the platform stack writes its contract, " +
		"each backend its outputs, and the other stacks are planned against them:\n\n```sh\n")
	fmt.Fprintf(b, "go run ./cmd/plan --dir OUT/platform --stack %s --contract-out platform.%s.json\n", e.name, e.name)
	var backends []string
	for _, s := range c.deployOrder(e) {
		args := fmt.Sprintf("--dir OUT/%s --stack %s --platform platform.%s.json", s.m.Name, e.name, e.name)
		if s.kind == "backend" {
			args += fmt.Sprintf(" --outputs-out %s.%s.json", s.m.Name, e.name)
			backends = append(backends, fmt.Sprintf(" --backend %s=%s.%s.json", c.stackName(s.cfg.project, e.name), s.m.Name, e.name))
		} else if s.cfg.has("calls") {
			args += strings.Join(backends, "")
		}
		fmt.Fprintf(b, "go run ./cmd/plan %s\n", args)
	}
	b.WriteString("```\n\nThen `pulumi preview` each stack against the account.\n\n")
}

// deployOrder is the order e's service stacks deploy in: backends first,
// then web services, workers and jobs, each by name.
func (c *converter) deployOrder(e *envStack) []*svcStack {
	order := slices.Clone(e.services)
	slices.SortStableFunc(order, func(x, y *svcStack) int {
		return cmp.Or(cmp.Compare(kindOrder(x.kind), kindOrder(y.kind)), cmp.Compare(x.m.Name, y.m.Name))
	})
	return order
}

func kindOrder(kind string) int {
	return slices.Index([]string{"backend", "web", "worker", "job"}, kind)
}

// beforeSection lists what to do before deploying.
func (c *converter) beforeSection(b *strings.Builder) {
	b.WriteString("## Before you deploy\n\n")
	region := fmt.Sprintf("Every stack deploys to %s (aws:region): Copilot's environment manifests name no region", c.opts.Region)
	if c.opts.RegionGiven {
		region += ", so it came from --region."
	} else {
		region += ", and none was given with --region, so this is the default: check it."
	}
	items := []string{region}
	if c.opts.Root == "" {
		items = append(items, fmt.Sprintf("go.mod has no replace for %s: add `replace %s => <path to its checkout>` before `go mod tidy`.", ModulePath, ModulePath))
	}
	items = append(items, c.warnings...)
	items = append(items, "Copilot's service discovery names (<service>.<env>.<app>.local, COPILOT_SERVICE_DISCOVERY_ENDPOINT) do not exist here: a web service reaches a backend as http://<backend>:<port> through Service Connect.")
	if c.opts.Check == nil {
		items = append(items, "The generated service stacks were not run through the components' checks: plan each one before deploying.")
	}
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
	b.WriteString("\n")
}

// refusalSection lists what the components refused.
func (c *converter) refusalSection(b *strings.Builder) {
	b.WriteString("## What the components refuse\n\n")
	var rows []refusal
	for _, e := range c.envs {
		rows = append(rows, e.refusals...)
	}
	switch {
	case c.opts.Check == nil:
		b.WriteString("Not checked.\n\n")
		return
	case len(rows) == 0 && c.opts.Plan:
		b.WriteString("Nothing: every generated stack plans offline, as `go run ./cmd/plan` plans it, and passes the components' checks.\n\n")
		return
	case len(rows) == 0:
		b.WriteString("Nothing: every generated service stack passes the service program's config reader.\n\n")
		return
	}
	b.WriteString("An image the tasks cannot pull without NAT is refused as the components refuse it, and each generated stack was planned offline, as `go run ./cmd/plan` plans it: the platform stack, then each service stack against its contract, the backends first. What the components refused:\n\n| stack | refused | what was done |\n|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(b, "| %s | %s | %s |\n", r.stack, escapeCell(r.problem), r.done)
	}
	b.WriteString("\n")
}

// fieldsSection lists every manifest's fields and what they became.
func (c *converter) fieldsSection(b *strings.Builder) {
	b.WriteString("## Fields\n\nEvery field each manifest sets, with its line, and what it became in each environment's stack: a key and its value, or why it was not converted and what to do instead.\n\n")
	for _, m := range c.ws.Envs {
		fmt.Fprintf(b, "### `%s`: Environment `%s`, the platform stack `%s`\n\n", m.File, m.Name, m.Name)
		c.fieldRows(b, m, true)
	}
	for _, m := range c.ws.Services {
		what := "project `" + c.serviceProject(m.Name) + "`"
		if kindOf(m.Type) == "" {
			what = "not converted"
		}
		fmt.Fprintf(b, "### `%s`: %s `%s`, %s\n\n", m.File, m.Type, m.Name, what)
		c.fieldRows(b, m, false)
	}
	for _, m := range c.ws.Pipelines {
		fmt.Fprintf(b, "### `%s`: pipeline `%s`, not converted\n\n| line | field | became |\n|---|---|---|\n", m.File, m.Name)
		for _, p := range m.Base.Fields {
			fmt.Fprintf(b, "| %d | `%s` | %s |\n", p.Line, p.Path, (&outcome{}).text(p.Field))
		}
		b.WriteString("\n")
		if len(m.Unknown) > 0 {
			b.WriteString("Unknown fields, not in Copilot's specification for a pipeline and not converted (check their spelling):\n\n")
			for _, u := range m.Unknown {
				fmt.Fprintf(b, "- `%s` (line %d)\n", u.Path, u.Line)
			}
			b.WriteString("\n")
		}
	}
}

// fieldRows renders one manifest's table and its unknown fields.
func (c *converter) fieldRows(b *strings.Builder, m *Manifest, isEnv bool) {
	f := c.rec.file(m.File)
	rows := make([]*row, 0, len(f.order))
	for _, p := range f.order {
		if rw := f.rows[p]; c.shown(f, rw) {
			rows = append(rows, rw)
		}
	}
	slices.SortStableFunc(rows, func(x, y *row) int { return cmp.Compare(firstLine(x), firstLine(y)) })
	if len(rows) == 0 {
		b.WriteString("No fields.\n\n")
	} else {
		b.WriteString("| line | field | became |\n|---|---|---|\n")
		for _, rw := range rows {
			fmt.Fprintf(b, "| %s | `%s` | %s |\n", lineText(rw, isEnv), rw.path, c.became(m, rw, isEnv))
		}
		b.WriteString("\n")
	}
	if len(m.Unknown) > 0 {
		b.WriteString("Unknown fields, not in Copilot's specification for a " + m.Type + " and not converted (check their spelling):\n\n")
		for _, u := range m.Unknown {
			fmt.Fprintf(b, "- `%s` (line %d)\n", u.Path, u.Line)
		}
		b.WriteString("\n")
	}
}

// shown tells whether a row is listed: leaves, and sections with
// something of their own to say.
func (c *converter) shown(f *fileRecord, rw *row) bool {
	if rw.leaf {
		return true
	}
	for _, o := range rw.outcomes {
		if len(o.sets) > 0 || len(o.notes) > 0 || o.not != "" {
			return true
		}
	}
	switch rw.field.Status {
	case Structural:
		return true
	case NotConverted:
		parent := parentPath(rw.path)
		p, ok := f.rows[parent]
		return !ok || p.field.Status != NotConverted
	}
	return false
}

// parentPath is the path of the field that holds path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

func firstLine(rw *row) int {
	if rw.baseLine > 0 {
		return rw.baseLine
	}
	n := 0
	for _, l := range rw.lines {
		if n == 0 || l < n {
			n = l
		}
	}
	return n
}

// lineText is a row's line, and its overrides' lines per environment.
func lineText(rw *row, isEnv bool) string {
	base := rw.baseLine
	if isEnv {
		for _, l := range rw.lines {
			base = l
		}
		return fmt.Sprint(base)
	}
	var parts []string
	if base > 0 {
		parts = append(parts, fmt.Sprint(base))
	}
	for _, env := range sortedKeys(rw.lines) {
		if l := rw.lines[env]; l != base {
			parts = append(parts, fmt.Sprintf("%s: %d", env, l))
		}
	}
	return strings.Join(parts, ", ")
}

// became renders what a row became, grouping the environments that agree.
func (c *converter) became(m *Manifest, rw *row, isEnv bool) string {
	if isEnv {
		for _, o := range rw.outcomes {
			return o.text(rw.field)
		}
		return rw.field.Reason
	}
	type group struct {
		text string
		envs []string
	}
	var groups []group
	for _, e := range c.envs {
		var text string
		o, ok := rw.outcomes[e.name]
		switch {
		case !ok && rw.baseLine == 0:
			continue // another environment's override sets it
		case !ok:
			text = "replaced by its override"
		case c.stackOf(e, m) == nil && kindOf(m.Type) != "":
			text = "no stack in this environment (see Stacks)"
		default:
			text = o.text(rw.field)
			if text == "" {
				text = c.underNot(m, rw.path, e.name)
			}
			if text == "" && c.hasFieldsUnder(m, rw.path, e.name) {
				// a section here, a value in another environment
				text = "a map here: the fields under it say what each became"
			}
		}
		if text == "" {
			text = "nothing was written (a converter bug: please report it)"
		}
		if i := slices.IndexFunc(groups, func(g group) bool { return g.text == text }); i >= 0 {
			groups[i].envs = append(groups[i].envs, e.name)
		} else {
			groups = append(groups, group{text, []string{e.name}})
		}
	}
	switch len(groups) {
	case 0:
		return ""
	case 1:
		return groups[0].text
	}
	var parts []string
	for _, g := range groups {
		parts = append(parts, strings.Join(g.envs, ", ")+": "+g.text)
	}
	return strings.Join(parts, "<br>")
}

// underNot says that a field is part of one that was not converted in
// env, or "" when none of its parents was.
func (c *converter) underNot(m *Manifest, path, env string) string {
	f := c.rec.file(m.File)
	for p := parentPath(path); p != ""; p = parentPath(p) {
		if rw, ok := f.rows[p]; ok {
			if o, ok := rw.outcomes[env]; ok && o.not != "" {
				return "not converted, with `" + p + "`"
			}
		}
	}
	return ""
}

// hasFieldsUnder tells whether a field under path is set in env's
// manifest: path is a map there, which its fields' rows describe.
func (c *converter) hasFieldsUnder(m *Manifest, path, env string) bool {
	f := c.rec.file(m.File)
	for p, rw := range f.rows {
		if strings.HasPrefix(p, path+".") || strings.HasPrefix(p, path+"[") {
			if _, ok := rw.outcomes[env]; ok {
				return true
			}
		}
	}
	return false
}

// stackOf is m's stack in e, or nil.
func (c *converter) stackOf(e *envStack, m *Manifest) *svcStack {
	for _, s := range e.services {
		if s.m == m {
			return s
		}
	}
	return nil
}

// generatedSection lists the keys no manifest field set.
func (c *converter) generatedSection(b *strings.Builder) {
	b.WriteString("## Keys no field set\n\nWhat the converter added so that the stacks work together.\n\n| stack | key | value | why |\n|---|---|---|---|\n")
	row := func(cfg *stackConfig) {
		for _, g := range cfg.generated {
			v, ok := cfg.values[g.key]
			if !ok {
				continue
			}
			show := g.key
			if g.show != "" {
				show, v = g.show, g.value
			}
			fmt.Fprintf(b, "| %s/%s | `%s` | `%s` | %s |\n", cfg.project, cfg.stack, show, escapeCell(compact(v)), escapeCell(g.why))
		}
	}
	for _, e := range c.envs {
		row(e.platform)
	}
	for _, m := range c.ws.Services {
		for _, e := range c.envs {
			if s := c.stackOf(e, m); s != nil {
				row(s.cfg)
			}
		}
	}
	b.WriteString("\n")
}

// notConvertedSection lists the files no manifest field covers.
func (c *converter) notConvertedSection(b *strings.Builder) {
	var items []string
	for _, p := range c.ws.Pipelines {
		items = append(items, fmt.Sprintf("`%s`: a Copilot pipeline, not converted: %s. Instead: %s (its fields are under Fields).", p.File, pipelineFields()[0].Reason, pipelineFields()[0].Instead))
	}
	for _, x := range c.ws.Extras {
		items = append(items, fmt.Sprintf("`%s`: %s.", x.File, x.Reason))
	}
	if len(items) == 0 {
		return
	}
	b.WriteString("## Not converted\n\n")
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
	b.WriteString("\n")
}
