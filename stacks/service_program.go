package stacks

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The service program's own keys: how its stack attaches to a platform,
// and the workload's route and calls. Every other key is one of the
// one-service program's, with the same name and meaning, except those
// the platform owns (platformOwned).
const (
	// PlatformStackKey is the platform stack's full name
	// (<organization>/<project>/<stack>).
	PlatformStackKey = "platformStack"
	// PlatformKey holds the platform's contract itself, for a platform
	// another tool made.
	PlatformKey = "platform"
)

// serviceOwnKeys are the keys only the service program reads.
var serviceOwnKeys = []string{PlatformStackKey, PlatformKey, "loadBalancer", "team", "paths", "hosts", "listener", "priority", "calls"}

// platformOwned tells whether a key of the one-service program sets what
// a platform owns: its network and endpoints, its load balancers'
// listeners and settings, its EC2 groups and its key.
func platformOwned(k *stackKey) bool {
	for _, f := range []string{"Network", "ExtraEndpointServices", "Ingress", "LoadBalancer.AccessLogs", "LoadBalancer.Waf",
		"LoadBalancer.DeletionProtection", "LoadBalancer.IdleTimeout", "Ec2"} {
		if k.Field == f || strings.HasPrefix(k.Field, f+".") {
			return true
		}
	}
	return k.Name == "kmsKey"
}

// serviceKeys are the one-service program's keys a service stack takes.
func serviceKeys() []*stackKey {
	var out []*stackKey
	for _, k := range keys {
		if !platformOwned(k) {
			out = append(out, k)
		}
	}
	return out
}

// ServiceConfig is a service stack's configuration: the workload and how
// it attaches.
type ServiceConfig struct {
	// Region is aws:region.
	Region string
	// Name is the workload's name (key name). Default: the project's.
	Name string
	// PlatformStack is the platform stack's full name (platformStack);
	// "" when the contract is in config (Platform).
	PlatformStack string
	// Platform says the contract is in the config, under the platform key.
	Platform bool
	// Calls are the full names of the backend stacks the workload calls
	// (key calls).
	Calls []string
	// Args are the workload's args, without the platform and the calls,
	// which the program attaches.
	Args components.PlatformServiceArgs
}

// ServiceProgram is what `pulumi up` runs in a service project: one
// workload of any kind (a web service, a backend, a worker or a scheduled
// job), from the stack's configuration, on the platform its platformStack
// key names (or whose contract its platform key holds). Its main.go is
//
//	func main() { pulumi.Run(stacks.ServiceProgram) }
//
// The workload is checked against the contract (and a web service's
// route against the live listener) before anything registers, so a
// refusal leaves nothing behind but the stack references. It exports the
// workload's outputs (components.PlatformService).
func ServiceProgram(ctx *pulumi.Context) error {
	_, err := RunService(ctx)
	return err
}

// RunService is ServiceProgram, returning what it made.
func RunService(ctx *pulumi.Context) (*components.PlatformService, error) {
	cfg, err := LoadService(ctx.Project(), ctxGetter(ctx), configKeys())
	if err != nil {
		return nil, err
	}
	platform, err := attachPlatform(ctx, cfg)
	if err != nil {
		return nil, err
	}
	cfg.Args.Platform = platform
	for _, stack := range cfg.Calls {
		backend, err := components.AttachBackend(ctx, stack)
		if err != nil {
			return nil, err
		}
		cfg.Args.Calls = append(cfg.Args.Calls, backend)
	}
	svc, err := components.NewPlatformService(ctx, cfg.Name, &cfg.Args)
	if err != nil {
		return nil, serviceConfigKeys(ctx.Project(), cfg, err)
	}
	for name, value := range svc.Outputs {
		ctx.Export(name, value)
	}
	return svc, nil
}

// attachPlatform reads the contract the config names.
func attachPlatform(ctx *pulumi.Context, cfg *ServiceConfig) (*components.PlatformContract, error) {
	if cfg.Platform {
		return components.PlatformFromConfig(ctx, ctx.Project()+":"+PlatformKey)
	}
	return components.AttachPlatform(ctx, cfg.PlatformStack)
}

// LoadService reads a service stack's configuration of project's
// namespace through get, all being the config's keys. Every problem comes
// back at once in a *ConfigError, each naming its key and the fix:
// those of the one-service program's keys, a key the platform owns, and
// the attach keys'.
func LoadService(project string, get func(key string) (string, bool), all []string) (*ServiceConfig, error) {
	var owned []string
	for _, k := range keys {
		if platformOwned(k) {
			owned = append(owned, k.Name)
		}
	}
	base, err := load(project, get, all, serviceKeys(), append(slices.Clone(serviceOwnKeys), owned...))
	var problems []string
	var ce *ConfigError
	if errors.As(err, &ce) {
		problems = append(problems, ce.Problems...)
	} else if err != nil {
		return nil, err
	}
	r := &reader{project: project}
	for _, name := range owned {
		if _, set := get(project + ":" + name); set {
			r.fail(name, "belongs to the platform, which every service on it shares: the platform's program sets it, not a service stack; remove it here")
		}
	}
	cfg := &ServiceConfig{Region: base.Region, Name: base.Name, Args: components.PlatformServiceArgs{Service: base.Args}}
	// The stack's region, checked against the platform's.
	cfg.Args.Service.Region = base.Region
	if _, set := get(project + ":name"); !set {
		cfg.Name = project
	}
	r.attachKeys(get, cfg)
	problems = append(problems, r.problems...)
	if len(problems) > 0 {
		return cfg, &ConfigError{Problems: problems}
	}
	// What the component finds, before anything registers, that needs no
	// platform.
	if _, err := cfg.Args.EndpointServices(); err != nil {
		return cfg, serviceConfigKeys(project, cfg, err)
	}
	return cfg, nil
}

// attachKeys reads the service program's own keys.
func (r *reader) attachKeys(get getter, cfg *ServiceConfig) {
	str := func(k string) (string, bool) {
		v, ok := get(r.project + ":" + k)
		return strings.TrimSpace(v), ok
	}
	list := func(k string) []string {
		raw, ok := str(k)
		if !ok || raw == "" {
			return nil
		}
		var out []string
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			r.fail(k, "%s is not a list of strings; write it as a YAML list in the stack file", shown(raw))
			return nil
		}
		for i, v := range out {
			if strings.TrimSpace(v) == "" {
				r.fail(fmt.Sprintf("%s[%d]", k, i), "is empty; remove it or give a value")
			}
		}
		return out
	}
	stack, _ := str(PlatformStackKey)
	contract, _ := str(PlatformKey)
	cfg.PlatformStack = stack
	cfg.Platform = contract != "" && contract != "{}" && contract != "null"
	switch {
	case stack == "" && !cfg.Platform:
		r.fail(PlatformStackKey, "not set; set it to the platform stack's full name (pulumi config set %s acme/platform/dev), or set %s:%s to the platform's contract", PlatformStackKey, r.project, PlatformKey)
	case stack != "" && cfg.Platform:
		r.fail(PlatformStackKey, "and %s:%s are both set; attach through the stack, or give the contract in config, not both", r.project, PlatformKey)
	case stack != "" && !fullStackName(stack):
		r.fail(PlatformStackKey, "%q is not a full stack name; use <organization>/<project>/<stack>, such as acme/platform/dev", stack)
	}
	cfg.Args.LoadBalancer, _ = str("loadBalancer")
	team, _ := str("team")
	listener, _ := str("listener")
	paths, hosts := list("paths"), list("hosts")
	priority := 0
	if raw, ok := str("priority"); ok {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 {
			r.fail("priority", "%s is not a rule priority; set a whole number inside the team's block, or remove the key to derive one from the service's name", shown(raw))
		} else {
			priority = n
		}
	}
	if listener != "" && listener != edge.ListenerHttp && listener != edge.ListenerHttps {
		r.fail("listener", "%q is not a listener; use %s or %s, or remove it for the load balancer's default", listener, edge.ListenerHttps, edge.ListenerHttp)
	}
	if team != "" || listener != "" || priority != 0 || len(paths) > 0 || len(hosts) > 0 {
		cfg.Args.Route = &service.ServiceRoute{Hosts: hosts, Paths: paths, Listener: listener, Team: team, Priority: priority}
	}
	for i, c := range list("calls") {
		if !fullStackName(c) {
			r.fail(fmt.Sprintf("calls[%d]", i), "%q is not a full stack name; name the backend's stack as <organization>/<project>/<stack>", c)
			continue
		}
		cfg.Calls = append(cfg.Calls, c)
	}
	kind := strings.TrimSpace(func() string { v, _ := get(r.project + ":kind"); return v }())
	if len(cfg.Calls) > 0 && kind != "" && kind != components.KindWeb && kind != components.KindBackend {
		r.fail("calls", "a %s calls no backend through Service Connect; remove it, or set kind to web or backend", kind)
	}
}

// endpointFix is the fix a piece gives for an endpoint its network lacks,
// in the words of a Go program that makes the network.
var endpointFix = regexp.MustCompile(`(?:set \w+ in the network's Features\["[^"]*"\], or )?add "([^"]+)" to (?:its|the network's) ExtraEndpointServices \(a platform's Endpoints\)`)

// fullStackName tells whether s is <organization>/<project>/<stack>.
func fullStackName(s string) bool {
	parts := strings.Split(s, "/")
	return len(parts) == 3 && parts[0] != "" && parts[1] != "" && parts[2] != ""
}

// serviceConfigKeys names each problem of a platform service by the key
// that sets its field: the service program's own keys for the route, the
// load balancer, the calls and the platform; the one-service program's
// for the rest.
func serviceConfigKeys(project string, cfg *ServiceConfig, err error) error {
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	attach := PlatformStackKey
	if cfg.Platform {
		attach = PlatformKey
	}
	own := map[string]string{
		"Route.Hosts": "hosts", "Route.Paths": "paths", "Route.Listener": "listener", "Route.Team": "team",
		"Route.Priority": "priority", "Route": "paths", "LoadBalancer": "loadBalancer", "Calls": "calls", "Platform": attach,
	}
	var lines []string
	for _, p := range ve.Problems {
		var line string
		field := p.Field
		// The messages name the kind as PlatformServiceArgs does, and
		// a missing endpoint's fix as a Go program makes it.
		p.Problem = strings.ReplaceAll(p.Problem, "Service.Kind", "kind")
		p.Problem = endpointFix.ReplaceAllString(p.Problem, `add "$1" to the platform stack's endpoints key`)
		if field == "Service.Region" {
			line = "aws:region: " + p.Problem
		} else if key, ok := own[withoutIndexes(field)]; ok {
			line = project + ":" + key + strings.TrimPrefix(field, withoutIndexes(field)) + ": " + p.Problem
		} else if key, ok := own[strings.SplitN(withoutIndexes(field), ".", 2)[0]]; ok {
			line = project + ":" + key + ": " + p.Problem
		} else {
			f := strings.TrimPrefix(field, "Service.")
			line = ConfigKey(project, f) + ": " + inKeys(f, p.Problem)
		}
		if !slices.Contains(lines, line) {
			lines = append(lines, line)
		}
	}
	return &ConfigError{Problems: lines}
}

// ServiceEndpoints are the VPC endpoint services a service stack's
// workload needs beyond the base set every service needs, sorted, read
// from its configuration (project's namespace, through get): what its
// platform must offer. A configuration the program refuses returns its
// *ConfigError. The platform is not read: ECS Exec counts the kms
// endpoint, as a platform with a key encrypts the sessions with it.
func ServiceEndpoints(project string, get func(key string) (string, bool)) ([]string, error) {
	var all []string
	for _, k := range keys {
		if _, ok := get(project + ":" + k.Name); ok {
			all = append(all, project+":"+k.Name)
		}
	}
	for _, k := range serviceOwnKeys {
		if _, ok := get(project + ":" + k); ok {
			all = append(all, project+":"+k)
		}
	}
	cfg, err := LoadService(project, get, all)
	if err != nil {
		return nil, err
	}
	args := cfg.Args
	if len(cfg.Calls) > 0 {
		args.Calls = make([]service.ServiceConnectSource, len(cfg.Calls))
	}
	return args.EndpointServices()
}
