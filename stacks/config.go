package stacks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Config is one stack's configuration, read once from the keys table: the
// component's name and its arguments. A key the stack does not set leaves
// its argument unset, so the component's default applies.
type Config struct {
	Region string // aws:region
	Name   string
	Args   Args
}

// reader reads the keys and collects every problem instead of stopping at
// the first.
type reader struct {
	project  string
	problems []string
}

func (r *reader) fail(key, format string, v ...any) {
	r.problems = append(r.problems, fmt.Sprintf("%s:%s: %s", r.project, key, fmt.Sprintf(format, v...)))
}

func (r *reader) integer(k *stackKey, v string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		r.fail(k.Name, "%q is not a whole number; set a number such as `pulumi config set %s 2`", v, k.Name)
		return 0, false
	}
	return n, true
}

func (r *reader) boolean(k *stackKey, v string) (bool, bool) {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		r.fail(k.Name, "%q is not true or false", v)
		return false, false
	}
	return b, true
}

// decode reads a structured value. Unknown fields are refused with the
// nearest known one, and a field set to 0, "" or [] that does not take
// it is refused by name, so neither a typo nor an empty value is ignored.
func (r *reader) decode(k *stackKey, v string, out any, example string) bool {
	before := len(r.problems)
	if len(k.Sub) > 0 {
		var items []map[string]json.RawMessage
		if k.Type == "array" {
			_ = json.Unmarshal([]byte(v), &items) // a malformed value is reported below
		} else {
			var one map[string]json.RawMessage
			if json.Unmarshal([]byte(v), &one) == nil {
				items = append(items, one)
			}
		}
		for i, item := range items {
			at := k.Name
			if k.Type == "array" {
				at = fmt.Sprintf("%s[%d]", k.Name, i)
			}
			r.checkFields(at, k.Sub, item)
		}
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(v)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil && len(r.problems) == before {
		r.fail(k.Name, "cannot read %s (%v); write it as %s", v, err, example)
	}
	return len(r.problems) == before
}

// checkFields refuses unknown and explicitly empty fields of one object.
func (r *reader) checkFields(at string, subs []subKey, fields map[string]json.RawMessage) {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.Name
	}
	for _, name := range sortedKeys(fields) {
		i := indexOf(names, name)
		if i < 0 {
			r.fail(at+"."+name, "is not a field of %s; %s", at, suggest(name, names, "the fields are "+strings.Join(names, ", ")))
			continue
		}
		if s := subs[i]; s.Valid != "" && emptyJSON(fields[name]) {
			r.fail(at+"."+name, "%s is not a value it takes; use %s, or leave the field out for its default", fields[name], s.Valid)
		}
	}
}

// emptyJSON tells whether a JSON value is 0, "", [], {} or null.
func emptyJSON(v json.RawMessage) bool {
	switch strings.TrimSpace(string(v)) {
	case "0", `""`, "[]", "{}", "null":
		return true
	}
	return false
}

// empty tells whether a raw config value is the key type's empty value.
func (k *stackKey) empty(v string) bool {
	v = strings.TrimSpace(v)
	switch k.Type {
	case "integer":
		n, err := strconv.Atoi(v)
		return v == "" || (err == nil && n == 0)
	case "array", "object":
		return v == "" || v == "null" || v == "[]" || v == "{}"
	case "string":
		return v == ""
	}
	return false
}

// Load reads the stack's configuration. Every problem in any key is
// reported together, each naming its key:
//   - a key in the project's namespace that the table does not declare,
//     with the nearest declared one ("did you mean cpu?");
//   - a value of the wrong type, or a structured value with an unknown
//     field;
//   - an explicit 0, "" or [] for a key that does not take it: only an
//     unset key takes the default.
//
// With problems it returns them in a *ConfigError, and the config with
// the refused keys left unset, so the component can check the rest.
func Load(ctx *pulumi.Context) (*Config, error) {
	return load(ctx.Project(), ctxGetter(ctx), configKeys(), keys, nil)
}

// getter reads one full config key ("project:cpu"), telling whether it is
// set: ctx.GetConfig in a program, the stack files in the offline plan.
type getter func(key string) (string, bool)

// ctxGetter reads the program's config.
func ctxGetter(ctx *pulumi.Context) getter {
	return func(key string) (string, bool) {
		v, err := config.Try(ctx, key)
		return v, err == nil
	}
}

// load is Load for a table of keys, reading through get; all are the
// config's keys, for the unknown-name checks. A program with keys of its
// own names them in own: they are read by the program, not refused as
// unknown.
func load(project string, get getter, all []string, table []*stackKey, own []string) (*Config, error) {
	r := &reader{project: project}
	c := &Config{Name: defaultName}
	c.Region, _ = get("aws:region")
	r.checkNames(all, table, own)
	r.checkAwsKeys(all)

	kind, _ := get(r.project + ":kind")
	for _, k := range table {
		raw, ok := get(r.project + ":" + k.Name)
		if !ok {
			continue // not set: the component's default
		}
		if skipForKind(k, kind, raw) {
			continue // another kind's key, as Pulumi.yaml declares it
		}
		if k.empty(raw) {
			switch {
			case k.None != "":
				continue // the key's "none"
			case k.Valid != "":
				r.fail(k.Name, "%s is not a value this key takes; use %s, or remove the key to take the default (%s)", shown(raw), k.Valid, defaultText(k))
				continue
			}
		}
		k.set(r, k, raw, &c.Args)
		if k.Name == "name" {
			c.Name = raw
		}
	}
	r.program(c)
	if len(r.problems) > 0 {
		return c, &ConfigError{Problems: r.problems}
	}
	return c, nil
}

// program applies the rules of this program, beyond the component's: the
// image is built from appPath unless a ready image is given, and the
// container learns its port as PORT.
func (r *reader) program(c *Config) {
	a := &c.Args
	switch {
	case a.Container.Image != nil && a.Container.Build != nil && a.Container.Build.Context != defaultAppPath:
		r.fail("appPath", "is set beside image; remove image to build %s, or remove appPath to deploy the ready image", a.Container.Build.Context)
	case a.Container.Image != nil:
		a.Container.Build = nil
	case a.Container.Build == nil:
		a.Container.Build = &service.ImageBuild{Context: defaultAppPath}
	}
	if k := a.Kms; k != nil && !k.Create && k.KeyArn == nil {
		r.fail("secretsUseKmsKey", "is on but kmsKey names no key to decrypt the secrets with; set kmsKey, or turn secretsUseKmsKey off")
		a.Kms = nil
	}
	// Flow logs are kept as long as the container's logs.
	if fl := a.Network.FlowLogs; fl != nil && fl.LogRetentionDays == 0 {
		fl.LogRetentionDays = a.LogRetentionDays
	}
	// The app listens on $PORT, or on the component's default port
	// without it: PORT is set when the port is another one, so that
	// changing containerPort alone keeps the app reachable. A worker or a
	// job listens on no port.
	if k := strings.TrimSpace(a.Kind); k != "" && k != components.KindWeb && k != components.KindBackend {
		return
	}
	port := components.DefaultArgs().Container.Port
	if a.Container.Port != 0 {
		port = a.Container.Port
	}
	if v, set := a.Container.Environment["PORT"]; set {
		if s, _ := v.(pulumi.String); string(s) != strconv.Itoa(port) {
			r.fail("environment.PORT", "is %q but the container port is %d; traffic reaches the app on containerPort, so remove PORT (the program sets it) or set containerPort to it", string(s), port)
		}
	} else if port != components.DefaultArgs().Container.Port {
		if a.Container.Environment == nil {
			a.Container.Environment = pulumi.StringMap{}
		}
		a.Container.Environment["PORT"] = pulumi.String(strconv.Itoa(port))
	}
}

// configKeys are the keys of the configuration the engine hands the
// program: the CLI passes them as JSON in PULUMI_CONFIG, and so does
// StackFiles.RunOption.
func configKeys() []string {
	var cfg map[string]string
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &cfg); err != nil {
		return nil
	}
	return sortedKeys(cfg)
}

// checkNames refuses keys of the project's namespace that the table does
// not declare and the program does not read itself (own), with the
// nearest such name.
func (r *reader) checkNames(all []string, table []*stackKey, own []string) {
	names := make([]string, 0, len(table)+len(own))
	for _, k := range table {
		names = append(names, k.Name)
	}
	names = append(names, own...)
	for _, full := range all {
		ns, name, ok := strings.Cut(full, ":")
		if !ok || ns != r.project {
			continue
		}
		if indexOf(names, name) < 0 {
			r.fail(name, "is not a key of this project; %s", suggest(name, names, "the keys are declared in Pulumi.yaml"))
		}
	}
}

// suggest names the nearest of known to name, or says where the known
// names are.
func suggest(name string, known []string, otherwise string) string {
	best, bestD := "", 3
	for _, k := range known {
		d := distance(strings.ToLower(name), strings.ToLower(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %s?", best)
	}
	return otherwise
}

// distance is the edit distance between a and b (insertions, deletions,
// substitutions, and swaps of neighbours: "cuont" is one from "count").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// shown renders a raw value in a problem.
func shown(raw string) string {
	if raw == "" {
		return `""`
	}
	return raw
}

// defaultText is a key's default as a problem shows it.
func defaultText(k *stackKey) string {
	if k.Default == nil {
		return k.None
	}
	v := k.Default(components.DefaultArgs())
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
