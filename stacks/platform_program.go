package stacks

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// PlatformName is the platform's name in the platform program: every
// resource it creates is named platform-..., and so is its contract.
const PlatformName = "platform"

// PlatformProgram is the config-driven platform program, which a
// generated project runs from a main.go of three lines:
//
//	func main() { pulumi.Run(stacks.PlatformProgram) }
//
// It reads the keys of the project's namespace (PlatformKeys) and
// aws:region, builds components.NewPlatform from them, and exports the
// platform contract as the stack output "platform"
// (components.PlatformOutput), which service programs attach to. Every
// problem of the configuration is reported at once, each named by its
// key and sub-field (<project>:loadBalancers[0].idleTimeout) with the
// fix, and a refused configuration registers nothing and looks nothing
// up; the look-ups (the region's zones, hosted zones, an adopted VPC and
// its route tables) run before anything registers, and their problems
// are named by key too.
func PlatformProgram(ctx *pulumi.Context) error {
	_, err := RunPlatform(ctx)
	return err
}

// RunPlatform is PlatformProgram, returning the platform it built, whose
// Contract it exported.
func RunPlatform(ctx *pulumi.Context) (*components.Platform, error) {
	project := ctx.Project()
	region, _ := config.Try(ctx, "aws:region")
	cfg, err := readPlatform(project, region, func(key string) (string, bool) {
		v, err := config.Try(ctx, key)
		return v, err == nil
	}, configKeys())
	if err != nil {
		return nil, err
	}
	args := cfg.Args
	if e := cfg.values.ExistingVpc; e != nil && len(e.PrivateRouteTableIds) == 0 {
		tables, err := network.LookUpPrivateRouteTables(ctx, "Network.", e.VpcId, e.PrivateSubnetIds)
		if err != nil {
			// The platform's look-ups are invokes too: report their
			// problems with the route tables', still registering nothing.
			return nil, platformConfigError(project, withLookUpProblems(err, components.CheckPlatformLookUps(ctx, PlatformName, &args)))
		}
		existing := *args.Network.Existing
		existing.PrivateRouteTableIds = pulumi.ToStringArray(tables)
		args.Network.Existing = &existing
	}
	p, err := components.NewPlatform(ctx, PlatformName, &args)
	if err != nil {
		return nil, platformConfigError(project, err)
	}
	ctx.Export(components.PlatformOutput, p.Contract)
	return p, nil
}

// withLookUpProblems adds to the problems of an adopted VPC's route-table
// look-up (tables) those the platform's own look-ups found (others)
// without the route tables: problems of the route tables the look-up
// could not give, and a second one on a private subnet it already named.
func withLookUpProblems(tables, others error) error {
	var tv, ov *components.ValidationError
	if !errors.As(tables, &tv) {
		return tables
	}
	if !errors.As(others, &ov) {
		if others != nil {
			return errors.Join(tables, others)
		}
		return tables
	}
	out := &components.ValidationError{Piece: tv.Piece, Problems: slices.Clone(tv.Problems)}
	for _, p := range ov.Problems {
		if p.Field == "Network.Existing.PrivateRouteTableIds" || slices.ContainsFunc(tv.Problems, func(t components.FieldError) bool { return t.Field == p.Field }) {
			continue
		}
		out.Problems = append(out.Problems, p)
	}
	return out
}

// PlatformConfig is a platform stack's configuration, read once.
type PlatformConfig struct {
	// Region is aws:region; "" when the stack does not set it (the
	// provider's region is then looked up).
	Region string
	// Args are the platform's args, before an adopted VPC's route tables
	// are looked up.
	Args components.PlatformArgs

	values platformValues
}

// readPlatform reads the platform keys of project through get (a
// namespaced key's raw value, and whether it is set), given every key
// the stack sets (all), and checks them with the platform's own checks,
// which make no look-up. It returns every problem at once in a
// *ConfigError.
func readPlatform(project, region string, get func(key string) (string, bool), all []string) (*PlatformConfig, error) {
	r := &reader{project: project}
	r.checkPlatformNames(all)
	r.checkAwsKeys(all)
	values := map[string]any{}
	for _, f := range platformKeys {
		raw, ok := get(project + ":" + f.Name)
		if !ok || f.unset(raw) {
			continue
		}
		v := r.readPlatformKey(f, raw)
		if v == nil {
			continue
		}
		if f.Valid != "" && emptyValue(v) {
			r.checkGiven(f.Name, f, v)
			continue
		}
		values[f.Name] = v
	}
	// A structured value is decoded as far as it goes, its refused parts
	// left out, so that the platform's checks find the problems of the
	// rest in the same run.
	cfg := &PlatformConfig{Region: region}
	b, err := json.Marshal(values)
	if err != nil {
		return nil, fmt.Errorf("read the platform keys: %w", err)
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal(b, &cfg.values); err != nil && !errors.As(err, &typeErr) {
		return nil, fmt.Errorf("read the platform keys: %w", err)
	}
	cfg.Args = cfg.values.args(region)
	// An adopted VPC's route tables, when not listed, are looked up
	// before the platform is built; the platform's own checks ask for
	// them meanwhile.
	lookedUp := func(field string) bool {
		e := cfg.values.ExistingVpc
		return e != nil && len(e.PrivateRouteTableIds) == 0 && field == "Network.Existing.PrivateRouteTableIds"
	}
	var ve *components.ValidationError
	if err := components.CheckPlatformArgs(PlatformName, region, &cfg.Args); errors.As(err, &ve) {
		read := slices.Clone(r.problems)
		for _, line := range platformKeyLines(project, ve, lookedUp) {
			// A key the reader refused already is not reported twice.
			if !slices.ContainsFunc(read, func(p string) bool { return sameKey(p, line) }) {
				r.problems = append(r.problems, line)
			}
		}
	} else if err != nil {
		return nil, err
	}
	if len(r.problems) > 0 {
		return cfg, &ConfigError{Problems: r.problems}
	}
	return cfg, nil
}

// checkPlatformNames refuses keys of the project's namespace that the
// platform program does not take, with the nearest one it does.
func (r *reader) checkPlatformNames(all []string) {
	names := platformKeyNames()
	for _, full := range all {
		ns, name, ok := strings.Cut(full, ":")
		if !ok || ns != r.project || slices.Contains(names, name) {
			continue
		}
		r.fail(name, "is not a key of the platform program; %s", suggest(name, names, "the keys are "+strings.Join(names, ", ")))
	}
}

// args are the platform's args from the keys' values.
func (v platformValues) args(region string) components.PlatformArgs {
	a := components.PlatformArgs{
		Region:    region,
		Endpoints: v.Endpoints,
		Network: network.NetworkArgs{
			CidrBlock: v.VpcCidr, AzCount: v.AzCount, AvailabilityZones: v.AvailabilityZones,
			PullThroughCache: cacheRules(v.PullThroughCache),
		},
		Cluster: cluster.ClusterArgs{Fargate: v.Fargate, ContainerInsights: v.ContainerInsights},
		Key:     v.KmsKey,
	}
	if e := v.ExistingVpc; e != nil {
		a.Network.Existing = &network.ExistingVpcArgs{
			VpcId:                pulumi.String(e.VpcId),
			PublicSubnetIds:      pulumi.ToStringArray(e.PublicSubnetIds),
			PrivateSubnetIds:     pulumi.ToStringArray(e.PrivateSubnetIds),
			PrivateRouteTableIds: pulumi.ToStringArray(e.PrivateRouteTableIds),
			EndpointServices:     e.EndpointServices,
		}
		if e.EndpointSecurityGroupId != "" {
			a.Network.Existing.EndpointSecurityGroupId = pulumi.String(e.EndpointSecurityGroupId)
		}
	}
	if v.FlowLogs {
		a.Network.FlowLogs = &network.FlowLogArgs{}
	}
	for _, l := range v.LoadBalancers {
		lb := components.PlatformLoadBalancerArgs{
			Name: l.Name,
			Ingress: edge.IngressArgs{
				AllowedCidrs: l.AllowedCidrs, Https: l.Https, SslPolicy: l.SslPolicy,
				DomainName: l.DomainName, HostedZoneName: l.HostedZoneName, HostedZoneId: l.HostedZoneId, HostNames: l.HostNames,
			},
			DeletionProtection: l.DeletionProtection,
			IdleTimeout:        l.IdleTimeout,
			AccessLogs: edge.AccessLogsArgs{
				Enabled: l.AccessLogs.Enabled, Prefix: l.AccessLogs.Prefix,
				ExpirationDays: l.AccessLogs.ExpirationDays, ForceDestroy: l.AccessLogs.ForceDestroy,
			},
		}
		if l.CertificateArn != "" {
			lb.Ingress.CertificateArn = pulumi.String(l.CertificateArn)
		}
		if l.AccessLogs.Bucket != "" {
			lb.AccessLogs.Bucket = pulumi.String(l.AccessLogs.Bucket)
		}
		if p := l.TargetPorts; p != nil {
			lb.TargetPorts = &edge.PortRange{From: p.From, To: p.To}
		}
		a.LoadBalancers = append(a.LoadBalancers, lb)
	}
	for _, t := range v.Teams {
		team := components.TeamArgs{Name: t.Name, LoadBalancer: t.LoadBalancer, MaxServices: t.MaxServices}
		if p := t.Priorities; p != nil {
			team.Priorities = &edge.PriorityRange{From: p.From, To: p.To}
		}
		a.Teams = append(a.Teams, team)
	}
	if e := v.Exec; e != nil {
		a.Cluster.Exec = &cluster.ExecArgs{LogRetentionDays: e.LogRetentionDays}
	}
	if c := v.ServiceConnect; c != nil {
		a.Cluster.ServiceConnect = &cluster.ServiceConnectArgs{Namespace: c.Namespace}
	}
	if len(v.Tags) > 0 {
		a.Tags = pulumi.ToStringMap(v.Tags)
	}
	return a
}

// cacheRules are pull-through cache rules as the network takes them.
func cacheRules(v []cacheRuleKey) []network.PullThroughCacheRuleArgs {
	var out []network.PullThroughCacheRuleArgs
	for _, r := range v {
		out = append(out, network.PullThroughCacheRuleArgs{
			Upstream: r.Upstream, Prefix: r.Prefix, CredentialArn: r.CredentialArn, RegistryHost: r.RegistryHost,
			CustomRoleArn: r.CustomRoleArn, KeepImages: r.KeepImages,
		})
	}
	return out
}

// platformConfigError rewrites the platform's validation error so that
// each problem names the config key to change, and the keys it mentions.
func platformConfigError(project string, err error) error {
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	return &ConfigError{Problems: platformKeyLines(project, ve, nil)}
}

// platformKeyLines are the platform's problems, each named by its config
// key, but those of the fields skip says to leave out.
func platformKeyLines(project string, ve *components.ValidationError, skip func(field string) bool) []string {
	var lines []string
	for _, p := range ve.Problems {
		if skip != nil && skip(p.Field) {
			continue
		}
		// Two fields set from one key can fail alike; say it once.
		if line := platformConfigKey(project, p.Field) + ": " + platformWords(p.Field, p.Problem); !slices.Contains(lines, line) {
			lines = append(lines, line)
		}
	}
	return lines
}

// platformConfigKey is the full config key that sets a PlatformArgs
// field: "acme:loadBalancers[0].domainName" for
// "LoadBalancers[0].Ingress.DomainName", aws:region for the region. A
// field no key sets comes back as it is, in the project's namespace.
func platformConfigKey(project, field string) string {
	if field == "Region" || field == "Network.Region" {
		return "aws:region"
	}
	// The platform hands its tags to every piece.
	if i := strings.Index(field, ".Tags"); i >= 0 && (len(field) == i+5 || field[i+5] == '.') {
		field = field[i+1:]
	}
	if key, ok := platformKeyPath(field); ok {
		return project + ":" + key
	}
	return project + ":" + field
}

// platformKeyPath is the key path that sets a PlatformArgs field, without
// the project.
func platformKeyPath(field string) (string, bool) {
	return matchFields(platformKeys, field)
}

// matchFields finds the field of fields whose Sets the path is, or lies
// under (the longest), and spells the path in their names: list indexes
// stay, a map's keys stay as written, and a part no field declares takes
// its JSON spelling.
func matchFields(fields []platformField, path string) (string, bool) {
	best, bestSets := -1, ""
	for i, f := range fields {
		for _, s := range append([]string{f.Sets}, f.Also...) {
			if (path == s || strings.HasPrefix(path, s+".") || strings.HasPrefix(path, s+"[")) && len(s) > len(bestSets) {
				best, bestSets = i, s
			}
		}
	}
	if best < 0 {
		return "", false
	}
	f := fields[best]
	name, rest := f.Name, path[len(bestSets):]
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]") + 1
		name, rest = name+rest[:end], rest[end:]
	}
	rest = strings.TrimPrefix(rest, ".")
	switch {
	case rest == "":
		return name, true
	case f.Kind == kindMap:
		return name + "." + rest, true
	}
	if sub, ok := matchFields(f.Fields, rest); ok {
		return name + "." + sub, true
	}
	parts := strings.Split(rest, ".")
	for i, p := range parts {
		parts[i] = lowerFirst(p)
	}
	return name + "." + strings.Join(parts, "."), true
}

// platformWords rewrites the PlatformArgs fields a problem mentions into
// the keys that set them: under Network.CidrBlock, "remove Existing"
// becomes "remove existingVpc". A word names a field when it is a field
// of PlatformArgs beside the problem's own or beside one of its parents.
func platformWords(field, problem string) string {
	// The field itself, then each parent, but not a list for its item:
	// under Teams[0], MaxServices is Teams[0].MaxServices.
	parents := []string{field}
	for p := field; p != ""; {
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			parents = append(parents, "")
			break
		}
		item := p[i] == '['
		p = p[:i]
		if !item {
			parents = append(parents, p)
		}
	}
	return fieldWord.ReplaceAllStringFunc(problem, func(w string) string {
		if strings.HasPrefix(w, `"`) {
			return w
		}
		if key, ok := wordKey(w, field, parents, platformArgsHas, platformKeyPath); ok {
			return key
		}
		return w
	})
}

// platformArgsHas tells whether a path names a field of PlatformArgs: a
// map's entries are not its fields.
func platformArgsHas(path string) bool {
	t := reflect.TypeFor[components.PlatformArgs]()
	for _, part := range strings.Split(withoutIndexes(path), ".") {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return false
		}
		f, ok := t.FieldByName(part)
		if !ok || !f.IsExported() {
			return false
		}
		t = f.Type
	}
	return true
}

// PlatformAccount is what a platform stack expects to find in the
// account before it creates anything, as its configuration names it.
// The program looks each up; the offline plan and tests, which read no
// account, give their mocks these.
type PlatformAccount struct {
	// HostedZones are the public hosted zones of the load balancers'
	// domains, each once.
	HostedZones []PlatformHostedZone
	// ExistingVpc is the VPC the platform adopts; nil when it creates
	// one.
	ExistingVpc *PlatformExistingVpc
}

// PlatformHostedZone is a hosted zone a load balancer's domain is in, by
// ID or by name.
type PlatformHostedZone struct {
	Id, Name, Domain string
}

// PlatformExistingVpc is the existingVpc key's value.
type PlatformExistingVpc struct {
	VpcId                                                   string
	PublicSubnetIds, PrivateSubnetIds, PrivateRouteTableIds []string
	EndpointServices                                        []string
	EndpointSecurityGroupId                                 string
}

// PlatformAccount reads what the stack's platform configuration expects
// in the account. It returns the configuration's problems instead when
// the program would refuse it.
func (f *StackFiles) PlatformAccount() (*PlatformAccount, error) {
	cfg, err := readPlatform(f.Project, f.Config["aws:region"], func(key string) (string, bool) {
		v, ok := f.Config[key]
		return v, ok
	}, sortedKeys(f.Config))
	if err != nil {
		return nil, err
	}
	out := &PlatformAccount{}
	for _, l := range cfg.Args.LoadBalancers {
		in := l.Ingress
		z := PlatformHostedZone{Id: in.HostedZoneId, Name: in.HostedZoneName, Domain: in.DomainName}
		if in.DomainName != "" && !slices.ContainsFunc(out.HostedZones, func(o PlatformHostedZone) bool { return o.Id == z.Id && o.Name == z.Name }) {
			out.HostedZones = append(out.HostedZones, z)
		}
	}
	if e := cfg.values.ExistingVpc; e != nil {
		out.ExistingVpc = &PlatformExistingVpc{
			VpcId: e.VpcId, PublicSubnetIds: e.PublicSubnetIds, PrivateSubnetIds: e.PrivateSubnetIds,
			PrivateRouteTableIds: e.PrivateRouteTableIds, EndpointServices: e.EndpointServices,
			EndpointSecurityGroupId: e.EndpointSecurityGroupId,
		}
	}
	return out, nil
}
