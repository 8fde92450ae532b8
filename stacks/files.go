package stacks

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// SecretPlaceholder stands in for every secret value: the offline tools
// have no key to decrypt them and must not show them.
const SecretPlaceholder = "[secret]"

// StackFiles is one stack's configuration as the Pulumi CLI hands it to the
// program: namespaced keys ("private-fargate:cpu", "aws:region") mapped to
// strings, with structured values as JSON.
type StackFiles struct {
	Project string
	Stack   string
	// Config holds every key: the stack file's values, then the project
	// defaults from Pulumi.yaml for keys the stack does not set.
	Config map[string]string
	// SecretKeys are the keys whose values are secret (shown as [secret]).
	SecretKeys []string
	// FromStack are the keys the stack file itself sets.
	FromStack []string
}

// LoadStackFiles reads dir/Pulumi.yaml and dir/Pulumi.<stack>.yaml the way
// the Pulumi CLI does: project-level defaults, namespaced keys, structured
// values. It checks each value against the type Pulumi.yaml declares and,
// when Pulumi.yaml declares the project's keys, rejects keys in the
// project's namespace that it does not declare, reporting every problem
// at once. A project that declares none (the service program's, whose
// program checks its keys' names itself) takes any key, as the CLI does.
func LoadStackFiles(dir, stack string) (*StackFiles, error) {
	proj, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return nil, fmt.Errorf("read Pulumi.yaml: %w", err)
	}
	stackPath := filepath.Join(dir, "Pulumi."+stack+".yaml")
	if _, err := os.Stat(stackPath); err != nil {
		return nil, fmt.Errorf("stack %q: no file %s; the stacks are %s", stack, filepath.Base(stackPath), strings.Join(KnownStacks(dir), ", "))
	}
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	ps, err := workspace.LoadProjectStack(sink, proj, stackPath)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(stackPath), err)
	}
	values, err := ps.Config.Decrypt(config.NewBlindingDecrypter())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(stackPath), err)
	}

	project := proj.Name.String()
	out := &StackFiles{Project: project, Stack: stack, Config: map[string]string{}}
	var problems []string
	for k, v := range values {
		key := k.String()
		out.Config[key] = v
		out.FromStack = append(out.FromStack, key)
		if ps.Config[k].Secure() {
			out.SecretKeys = append(out.SecretKeys, key)
		}
		if k.Namespace() != project {
			continue
		}
		decl, ok := proj.Config[k.Name()]
		if !ok {
			decl, ok = proj.Config[key]
		}
		if !ok {
			if len(proj.Config) > 0 {
				problems = append(problems, fmt.Sprintf("%s: %s sets a key that Pulumi.yaml does not declare; check the spelling or declare it", key, filepath.Base(stackPath)))
			}
			continue
		}
		if decl.IsExplicitlyTyped() && !ps.Config[k].Secure() {
			obj, err := ps.Config[k].ToObject()
			if err == nil && !workspace.ValidateConfigValue(decl.TypeName(), decl.Items, obj) {
				problems = append(problems, fmt.Sprintf("%s: %v is not of type %s, as Pulumi.yaml declares it; fix the value in %s",
					key, v, workspace.InferFullTypeName(decl.TypeName(), decl.Items), filepath.Base(stackPath)))
			}
		}
	}
	for name, decl := range proj.Config {
		key := name
		if !strings.Contains(name, ":") {
			key = project + ":" + name
		}
		if _, set := out.Config[key]; set {
			continue
		}
		def := decl.Default
		if def == nil {
			def = decl.Value
		}
		if def == nil {
			continue
		}
		s, err := configString(def)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: the default in Pulumi.yaml cannot be used: %v", key, err))
			continue
		}
		out.Config[key] = s
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, &ConfigError{Problems: problems}
	}
	sort.Strings(out.SecretKeys)
	sort.Strings(out.FromStack)
	return out, nil
}

// configString renders a YAML value as the CLI passes it to a program.
func configString(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case int:
		return strconv.Itoa(v), nil
	case float64:
		if v == math.Trunc(v) {
			return strconv.FormatInt(int64(v), 10), nil
		}
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// KnownStacks lists the stacks that have a Pulumi.<stack>.yaml in dir.
func KnownStacks(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
	var out []string
	for _, m := range matches {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), "Pulumi."), ".yaml")
		if name != "" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// RunOption runs the program with this stack's project, name and config,
// and the given mocks in place of the engine. Like the CLI, it also hands
// the config over in PULUMI_CONFIG, where the program lists the keys to
// catch the undeclared ones; the variable is the process's, so programs
// run this way must run one at a time.
func (f *StackFiles) RunOption(mocks pulumi.MockResourceMonitor) pulumi.RunOption {
	return func(info *pulumi.RunInfo) {
		info.Project = f.Project
		info.Stack = f.Stack
		info.Config = f.Config
		info.ConfigSecretKeys = f.SecretKeys
		info.Mocks = mocks
		if b, err := json.Marshal(f.Config); err == nil {
			os.Setenv(pulumi.EnvConfig, string(b))
		}
	}
}

// HostedZone is the Route 53 hosted zone the stack's domain is in, as its
// configuration names it (by ID or by name), and the domain; all empty
// when the stack has no domain. The program looks the zone up in the
// account before it creates anything, so the offline tools, which read
// no account, assume such a zone exists.
func (f *StackFiles) HostedZone() (id, name, domain string) {
	get := func(key string) string { return strings.TrimSpace(f.Config[f.Project+":"+key]) }
	domain = get("domainName")
	if domain == "" {
		return "", "", ""
	}
	return get("hostedZoneId"), get("hostedZoneName"), domain
}
