package stacks

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
)

// fieldKind is the shape of a platform key's value, or of a field of a
// structured value.
type fieldKind int

const (
	kindString  fieldKind = iota
	kindInteger           // a whole number
	kindBoolean
	kindStrings // a list of strings
	kindObject  // an object of Fields
	kindObjects // a list of objects of Fields
	kindMap     // an object of string values, keyed by any name
	kindSwitch  // true, false, or an object of Fields (true is {})
)

// A platformField is one key of the platform program, or one field of a
// structured key's value, declared once: the program reads it, checks
// its shape and names its problems by it, and Pulumi.yaml's declaration
// and the README's table are generated from it.
type platformField struct {
	// Name is the key within the project's namespace, or the field's JSON
	// name ("idleTimeout").
	Name string
	Kind fieldKind
	// Fields are an object's fields.
	Fields []platformField
	// Required fields must be given; a key is never required.
	Required bool
	// Sets is the components.PlatformArgs field the value sets, below the
	// parent's ("Network.CidrBlock"; "Ingress.DomainName" below
	// loadBalancers): a problem the platform finds on it, or below it, is
	// reported under this key. Also are more fields it sets.
	Sets string
	Also []string
	// Default says what an unset key or field means, in words.
	Default string
	// Example is a value as a stack file writes it, for problems.
	Example string
	Desc    string
	// Valid says which values the key or field takes, when its type's
	// empty value (0, "" or []) is not one of them: an explicit empty
	// value is refused with it, never swapped for the default.
	Valid string
	// Declared is what Pulumi.yaml declares for a key with Valid, which
	// the program reads as unset: the platform's default, so that the
	// key's empty value stays the user's own.
	Declared any
}

// platformKeys are the platform program's configuration keys, in the
// order of Pulumi.yaml and the README. Every key is optional. An unset
// key takes the platform's default; so does one set to its type's empty
// value ("", 0, [] or {}) when that value means the default (no zones,
// no endpoints, no teams). A key or field whose empty value is not a
// value it takes (Valid) is refused with that value.
var platformKeys = []platformField{
	{Name: "vpcCidr", Valid: "a private (RFC 1918) range, /16 to /24", Declared: "10.0.0.0/16", Kind: kindString, Sets: "Network.CidrBlock", Default: "`10.0.0.0/16`", Example: `"10.20.0.0/16"`,
		Desc: "IPv4 range of the VPC the platform creates: private (RFC 1918), /16 to /24; each subnet is a sixteenth of it. Not with existingVpc."},
	{Name: "azCount", Valid: "2 to 8", Declared: 2, Kind: kindInteger, Sets: "Network.AzCount", Default: "`2`", Example: "3",
		Desc: "Availability zones with a public and a private subnet each, 2 to 8, and no more than the region has. Not with existingVpc."},
	{Name: "availabilityZones", Kind: kindStrings, Sets: "Network.AvailabilityZones", Default: "the first azCount available zones", Example: `["us-east-1a", "us-east-1b"]`,
		Desc: "Zones to use, in order: zones of the stack's region, each once, as many as azCount when both are set. Not with existingVpc."},
	{Name: "existingVpc", Kind: kindObject, Sets: "Network.Existing", Default: "none: a new VPC", Example: `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": [...], "privateSubnetIds": [...]}`,
		Desc: "Adopt a VPC that already exists instead of creating one, fields below; excludes vpcCidr, azCount and availabilityZones. The VPC, its subnets, route tables and endpoints are looked up and checked before anything is created: DNS support and hostnames on, public subnets routing to an internet gateway in every zone of the private ones.",
		Fields: []platformField{
			{Name: "vpcId", Valid: "a vpc-... ID", Kind: kindString, Required: true, Sets: "VpcId", Default: "(required)", Example: `"vpc-0123456789abcdef0"`,
				Desc: "The VPC's ID."},
			{Name: "publicSubnetIds", Valid: "subnet-... IDs in at least 2 zones", Kind: kindStrings, Required: true, Sets: "PublicSubnetIds", Default: "(required)", Example: `["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"]`,
				Desc: "The load balancers' subnets: routing 0.0.0.0/0 to an internet gateway, in at least 2 zones and in every zone of the private subnets."},
			{Name: "privateSubnetIds", Valid: "subnet-... IDs in at least 2 zones", Kind: kindStrings, Required: true, Sets: "PrivateSubnetIds", Default: "(required)", Example: `["subnet-0aa2222222222222a", "subnet-0bb2222222222222b"]`,
				Desc: "The tasks' subnets, in at least 2 zones."},
			{Name: "privateRouteTableIds", Valid: "at least one rtb-... ID", Kind: kindStrings, Sets: "PrivateRouteTableIds", Default: "looked up", Example: `["rtb-0aa3333333333333a"]`,
				Desc: "The private subnets' route tables, which the s3 gateway endpoint goes on. Unset: looked up from the private subnets before anything is created, each one's own route table or else the VPC's main one."},
			{Name: "endpointServices", Kind: kindStrings, Sets: "EndpointServices", Default: "`[]`", Example: `["s3"]`,
				Desc: "Endpoints the VPC already has, by short service name (s3, ecr.api): not created again, since a VPC holds one interface endpoint with private DNS per service."},
			{Name: "endpointSecurityGroupId", Valid: "an sg-... ID", Kind: kindString, Sets: "EndpointSecurityGroupId", Default: "a new group", Example: `"sg-0123456789abcdef0"`,
				Desc: "The security group of the VPC's interface endpoints, which the tasks are admitted to; required when endpointServices names an interface endpoint."},
		}},
	{Name: "flowLogs", Kind: kindBoolean, Sets: "Network.FlowLogs", Default: "`false`", Example: "true",
		Desc: "Record the VPC's accepted and rejected traffic (VPC flow logs) to a CloudWatch log group kept 30 days, through a role that may write to that group only."},
	{Name: "pullThroughCache", Kind: kindObjects, Sets: "Network.PullThroughCache", Default: "`[]`", Example: `[{"upstream": "ecr-public"}]`, Fields: cacheRuleFields(),
		Desc: "ECR pull-through cache rules the network owns, one per upstream, entries {upstream, prefix, credentialArn, registryHost, customRoleArn, keepImages} as the one-service program's pullThroughCache: services' tasks with no NAT pull those upstreams' images through the ECR endpoints. With kmsKey, the repositories a keepImages template makes are under the platform's key."},
	{Name: "endpoints", Kind: kindStrings, Sets: "Endpoints", Also: []string{"Network.ExtraEndpointServices"}, Default: "`[]`", Example: `["secretsmanager", "ssmmessages"]`,
		Desc: "VPC endpoints the platform offers beyond the ecr.api, ecr.dkr, logs and s3 every service needs, by short service name: secretsmanager, ssm, ssmmessages (ECS Exec, with kms under kmsKey), ecs-agent (Service Connect), xray, sqs. A service that needs one the platform lacks is refused before it creates anything."},
	{Name: "loadBalancers", Kind: kindObjects, Sets: "LoadBalancers", Default: "one, `main`, HTTP only, open to 0.0.0.0/0", Example: `[{"name": "main"}]`,
		Desc: "The platform's public ALBs, each with its listeners and the targets group its services' tasks join, fields below.",
		Fields: []platformField{
			{Name: "name", Valid: "lowercase letters, digits and hyphens", Kind: kindString, Required: true, Sets: "Name", Default: "(required)", Example: `"main"`,
				Desc: "Names the load balancer in the contract, where services ask for it; its resources are named platform-<name>-.... Lowercase letters, digits and hyphens, unique."},
			{Name: "allowedCidrs", Valid: "at least one IPv4 or IPv6 CIDR block", Kind: kindStrings, Sets: "Ingress.AllowedCidrs", Default: "`[\"0.0.0.0/0\"]`", Example: `["203.0.113.0/24"]`,
				Desc: "Who may reach the listener ports: IPv4 or IPv6 CIDR blocks."},
			{Name: "https", Kind: kindBoolean, Sets: "Ingress.Https", Default: "`false`", Example: "true",
				Desc: "HTTPS on 443 and a redirect from 80; needs certificateArn or domainName, either of which turns it on."},
			{Name: "certificateArn", Valid: "an ACM certificate ARN", Kind: kindString, Sets: "Ingress.CertificateArn", Default: "none", Example: `"arn:aws:acm:us-east-1:123456789012:certificate/..."`,
				Desc: "ACM certificate of the stack's region for the HTTPS listener. Excludes domainName."},
			{Name: "sslPolicy", Valid: "an ELBSecurityPolicy-... name", Kind: kindString, Sets: "Ingress.SslPolicy", Default: "`ELBSecurityPolicy-TLS13-1-2-2021-06`", Example: `"ELBSecurityPolicy-TLS13-1-2-2021-06"`,
				Desc: "TLS policy of the HTTPS listener (the default allows TLS 1.3 and 1.2 only)."},
			{Name: "domainName", Valid: "a domain name", Kind: kindString, Sets: "Ingress.DomainName", Default: "none", Example: `"platform.example.com"`,
				Desc: "Name the ALB serves HTTPS on: an ACM certificate for it and hostNames, validated by DNS records in the hosted zone, and alias records. Needs hostedZoneName or hostedZoneId; excludes certificateArn."},
			{Name: "hostedZoneName", Valid: "a public hosted zone's name", Kind: kindString, Sets: "Ingress.HostedZoneName", Default: "none", Example: `"example.com"`,
				Desc: "Public Route 53 hosted zone that holds domainName and hostNames, by name; it is looked up before anything is created. Excludes hostedZoneId."},
			{Name: "hostedZoneId", Valid: "a hosted zone ID (Z...)", Kind: kindString, Sets: "Ingress.HostedZoneId", Default: "none", Example: `"Z0123456789ABCDEFGHIJ"`,
				Desc: "The same zone by ID. Excludes hostedZoneName."},
			{Name: "hostNames", Kind: kindStrings, Sets: "Ingress.HostNames", Default: "`[]`", Example: `["*.example.com"]`,
				Desc: "More names the certificate covers, wildcards included; services' route hosts must be among the certificate's names."},
			{Name: "deletionProtection", Kind: kindBoolean, Sets: "DeletionProtection", Default: "`false`", Example: "true",
				Desc: "Refuse to delete the ALB until this is turned off."},
			{Name: "idleTimeout", Valid: "1 to 4000", Kind: kindInteger, Sets: "IdleTimeout", Default: "`60`", Example: "120",
				Desc: "Idle timeout in seconds, 1 to 4000."},
			{Name: "accessLogs", Kind: kindObject, Sets: "AccessLogs", Default: "off", Example: `{"enabled": true}`,
				Desc: "Access logs to S3 {enabled, bucket, prefix, expirationDays, forceDestroy}: to a bucket of the load balancer's own (public access blocked, SSE-S3, TLS only, only ELB log delivery may write, each log expiring after expirationDays, 90 by default), or to an existing bucket by name.",
				Fields: []platformField{
					{Name: "enabled", Kind: kindBoolean, Sets: "Enabled", Default: "`false`", Example: "true", Desc: "Turns the access logs on."},
					{Name: "bucket", Valid: "an S3 bucket name", Kind: kindString, Sets: "Bucket", Default: "a bucket of its own", Example: `"acme-alb-logs"`, Desc: "An existing bucket of the stack's region, by name, whose policy lets ELB log delivery write."},
					{Name: "prefix", Valid: "a key prefix", Kind: kindString, Sets: "Prefix", Default: "none", Example: `"platform"`, Desc: "Key prefix before the AWSLogs/<account>/ path ELB adds; no AWSLogs, no slash at either end."},
					{Name: "expirationDays", Valid: "1 or more", Kind: kindInteger, Sets: "ExpirationDays", Default: "`90`", Example: "30", Desc: "Days the bucket of its own keeps each log, 1 or more; not with bucket."},
					{Name: "forceDestroy", Kind: kindBoolean, Sets: "ForceDestroy", Default: "`false`", Example: "true", Desc: "Let pulumi destroy delete the bucket of its own while it holds logs."},
				}},
			{Name: "targetPorts", Kind: kindObject, Sets: "TargetPorts", Default: "`{\"from\": 1024, \"to\": 65535}`", Example: `{"from": 8000, "to": 8999}`,
				Desc: "Container ports the services behind this load balancer may use {from, to}: the ALB's group reaches its targets group on them in one rule.",
				Fields: []platformField{
					{Name: "from", Valid: "1 to 65535", Kind: kindInteger, Required: true, Sets: "From", Default: "(required)", Example: "1024", Desc: "Lowest port, 1 to 65535."},
					{Name: "to", Valid: "from to 65535", Kind: kindInteger, Required: true, Sets: "To", Default: "(required)", Example: "65535", Desc: "Highest port, from to 65535."},
				}},
		}},
	{Name: "teams", Kind: kindObjects, Sets: "Teams", Default: "`[]`: services take priorities from 1-49999", Example: `[{"name": "orders"}]`,
		Desc: "The service teams, each with a block of listener rule priorities on one load balancer, fields below. Blocks of 5000 go by the teams' order on their load balancer, so add teams at the end.",
		Fields: []platformField{
			{Name: "name", Valid: "lowercase letters, digits and hyphens", Kind: kindString, Required: true, Sets: "Name", Default: "(required)", Example: `"orders"`,
				Desc: "The team's name, which its services' routes give as Team; lowercase letters, digits and hyphens, unique."},
			{Name: "loadBalancer", Valid: "one of loadBalancers' names", Kind: kindString, Sets: "LoadBalancer", Default: "the first with room", Example: `"main"`,
				Desc: "The load balancer the team's services use, by name."},
			{Name: "maxServices", Valid: "1 to 100", Kind: kindInteger, Sets: "MaxServices", Default: "`10`", Example: "20",
				Desc: "How many services the team routes, 1 to 100; an ALB holds 100 rules and 100 target groups over all its teams."},
			{Name: "priorities", Kind: kindObject, Sets: "Priorities", Default: "a block of 5000 by the team's place", Example: `{"from": 20001, "to": 25000}`,
				Desc: "The team's block of rule priorities {from, to}, inside 1-49999 and apart from the other teams' blocks.",
				Fields: []platformField{
					{Name: "from", Valid: "1 to 49999", Kind: kindInteger, Required: true, Sets: "From", Default: "(required)", Example: "20001", Desc: "Lowest priority."},
					{Name: "to", Valid: "from to 49999", Kind: kindInteger, Required: true, Sets: "To", Default: "(required)", Example: "25000", Desc: "Highest priority."},
				}},
		}},
	{Name: "fargate", Kind: kindBoolean, Sets: "Cluster.Fargate", Default: "`true`", Example: "true",
		Desc: "Associate FARGATE and FARGATE_SPOT with the cluster. The program makes no EC2 capacity, so false leaves the cluster none and is refused."},
	{Name: "exec", Kind: kindSwitch, Sets: "Cluster.Exec", Default: "`false`: no service may use ECS Exec", Example: `{"logRetentionDays": 30}`,
		Desc: "Log ECS Exec sessions to a log group of the cluster's, under the platform's key with kmsKey: true, or {logRetentionDays}. Without NAT, a session needs the ssmmessages endpoint, and kms with kmsKey: add them to endpoints.",
		Fields: []platformField{
			{Name: "logRetentionDays", Valid: "one of CloudWatch's retention periods (1, 3, 5, 7, 14, 30, 60, 90, ...)", Kind: kindInteger, Sets: "LogRetentionDays", Default: "`30`", Example: "90",
				Desc: "Days CloudWatch keeps the session logs: one of its retention periods (1, 3, 5, 7, 14, 30, 60, 90, ...)."},
		}},
	{Name: "serviceConnect", Kind: kindSwitch, Sets: "Cluster.ServiceConnect", Default: "`false`: no service may use Service Connect", Example: `{"namespace": "internal"}`,
		Desc: "A Cloud Map namespace for ECS Service Connect, the cluster's default, which backends register in: true names it after the platform (`platform`), {namespace} names it. Needs the ecs-agent endpoint.",
		Fields: []platformField{
			{Name: "namespace", Valid: "lowercase letters, digits, hyphens and dots", Kind: kindString, Sets: "Namespace", Default: "`platform`", Example: `"internal"`,
				Desc: "The namespace's name: lowercase letters, digits, hyphens and dots."},
		}},
	{Name: "containerInsights", Valid: "enabled, enhanced or disabled", Declared: cluster.InsightsEnabled, Kind: kindString, Sets: "Cluster.ContainerInsights", Default: "`enabled`", Example: `"enhanced"`,
		Desc: "CloudWatch Container Insights on the cluster: enabled, enhanced (task and container metrics too, billed as more metrics) or disabled (no Container Insights metrics: a service with alarms is then refused, since its RunningTasks alarm reads them)."},
	{Name: "kmsKey", Kind: kindBoolean, Sets: "Key", Default: "`false`: AWS-owned keys", Example: "true",
		Desc: "A customer-managed KMS key for the platform's data at rest (ECS Exec sessions and their logs, cached image repositories), whose ARN the contract gives services."},
	{Name: "tags", Kind: kindMap, Sets: "Tags", Also: []string{"Network.Tags", "Cluster.Tags"}, Default: "`{}`", Example: `{"team": "platform"}`,
		Desc: "Tags added to every taggable resource."},
}

// cacheRuleFields are the fields of a pull-through cache rule: the
// one-service program's pullThroughCache key's, which the two programs
// read alike (cacheRuleKey).
func cacheRuleFields() []platformField {
	k, _ := keyByName("pullThroughCache")
	var out []platformField
	for _, s := range k.Sub {
		f := platformField{Name: s.Name, Kind: kindString, Sets: s.Field, Default: s.Default, Desc: s.Desc, Example: `"..."`, Valid: s.Valid}
		switch s.Name {
		case "upstream":
			f.Required, f.Example = true, `"ecr-public"`
		case "keepImages":
			f.Kind, f.Example = kindInteger, "100"
		}
		out = append(out, f)
	}
	return out
}

// platformValues are the platform keys' values, as the reader decodes
// them once each key's shape is checked; their JSON names are the keys'.
type platformValues struct {
	VpcCidr           string            `json:"vpcCidr"`
	AzCount           int               `json:"azCount"`
	AvailabilityZones []string          `json:"availabilityZones"`
	ExistingVpc       *existingVpcKey   `json:"existingVpc"`
	FlowLogs          bool              `json:"flowLogs"`
	PullThroughCache  []cacheRuleKey    `json:"pullThroughCache"`
	Endpoints         []string          `json:"endpoints"`
	LoadBalancers     []loadBalancerKey `json:"loadBalancers"`
	Teams             []teamKey         `json:"teams"`
	Fargate           *bool             `json:"fargate"`
	Exec              *execKey          `json:"exec"`
	ServiceConnect    *connectKey       `json:"serviceConnect"`
	ContainerInsights string            `json:"containerInsights"`
	KmsKey            bool              `json:"kmsKey"`
	Tags              map[string]string `json:"tags"`
}

type (
	existingVpcKey struct {
		VpcId                   string   `json:"vpcId"`
		PublicSubnetIds         []string `json:"publicSubnetIds"`
		PrivateSubnetIds        []string `json:"privateSubnetIds"`
		PrivateRouteTableIds    []string `json:"privateRouteTableIds"`
		EndpointServices        []string `json:"endpointServices"`
		EndpointSecurityGroupId string   `json:"endpointSecurityGroupId"`
	}
	loadBalancerKey struct {
		Name               string        `json:"name"`
		AllowedCidrs       []string      `json:"allowedCidrs"`
		Https              bool          `json:"https"`
		CertificateArn     string        `json:"certificateArn"`
		SslPolicy          string        `json:"sslPolicy"`
		DomainName         string        `json:"domainName"`
		HostedZoneName     string        `json:"hostedZoneName"`
		HostedZoneId       string        `json:"hostedZoneId"`
		HostNames          []string      `json:"hostNames"`
		DeletionProtection bool          `json:"deletionProtection"`
		IdleTimeout        int           `json:"idleTimeout"`
		AccessLogs         accessLogsKey `json:"accessLogs"`
		TargetPorts        *portRangeKey `json:"targetPorts"`
	}
	accessLogsKey struct {
		Enabled        bool   `json:"enabled"`
		Bucket         string `json:"bucket"`
		Prefix         string `json:"prefix"`
		ExpirationDays int    `json:"expirationDays"`
		ForceDestroy   bool   `json:"forceDestroy"`
	}
	portRangeKey struct {
		From int `json:"from"`
		To   int `json:"to"`
	}
	teamKey struct {
		Name         string        `json:"name"`
		LoadBalancer string        `json:"loadBalancer"`
		MaxServices  int           `json:"maxServices"`
		Priorities   *portRangeKey `json:"priorities"`
	}
	execKey struct {
		LogRetentionDays int `json:"logRetentionDays"`
	}
	connectKey struct {
		Namespace string `json:"namespace"`
	}
)

// platformKeyNames are the platform program's keys, in order.
func platformKeyNames() []string {
	names := make([]string, len(platformKeys))
	for i, f := range platformKeys {
		names[i] = f.Name
	}
	return names
}

// unset tells whether a raw config value is the key's "not set": its
// type's empty value, which Pulumi.yaml declares as the default of an
// optional key (the CLI passes it for a key no stack sets). A switch's
// empty value is false; its {} turns it on.
func (f platformField) unset(raw string) bool {
	v := strings.TrimSpace(raw)
	if f.Declared != nil {
		return v == fmt.Sprint(f.Declared)
	}
	switch f.Kind {
	case kindString:
		return v == ""
	case kindInteger:
		return v == "" || v == "0"
	case kindBoolean:
		return v == ""
	case kindSwitch:
		return v == "" || v == "null" || v == "false"
	}
	return v == "" || v == "null" || v == "[]" || v == "{}"
}

// shape names what a value of the field looks like, for problems.
func (f platformField) shape() string {
	names := func() string {
		var n []string
		for _, s := range f.Fields {
			n = append(n, s.Name)
		}
		return strings.Join(n, ", ")
	}
	switch f.Kind {
	case kindInteger:
		return "a whole number"
	case kindBoolean:
		return "true or false"
	case kindStrings:
		return "a list of strings"
	case kindObject:
		return "an object {" + names() + "}"
	case kindObjects:
		return "a list of objects {" + names() + "}"
	case kindMap:
		return "an object of string values"
	case kindSwitch:
		return "true, false or an object {" + names() + "}"
	}
	return "a string"
}

// readPlatformKey turns a key's raw config value into its JSON value,
// and reports every part of it that is not of the key's shape. It
// returns nil for a value that cannot be read at all (a scalar of
// another type, text that is not JSON) or that turns a switch off.
func (r *reader) readPlatformKey(f platformField, raw string) any {
	var v any
	switch f.Kind {
	case kindString:
		v = raw
	case kindInteger:
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil {
			r.fail(f.Name, "%q is not a whole number; set a number such as `pulumi config set %s %s`", raw, f.Name, f.Example)
			return nil
		}
		v = n
	case kindBoolean:
		b, err := strconv.ParseBool(strings.TrimSpace(raw))
		if err != nil {
			r.fail(f.Name, "%q is not true or false", raw)
			return nil
		}
		v = b
	default:
		if b, err := strconv.ParseBool(strings.TrimSpace(raw)); err == nil && f.Kind == kindSwitch {
			if !b {
				return nil
			}
			return map[string]any{}
		}
		dec := json.NewDecoder(strings.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			r.fail(f.Name, "%s is not %s; write it in the stack file as %s", shown(raw), f.shape(), f.Example)
			return nil
		}
		if !r.checkShape(f.Name, f, v) {
			return nil
		}
	}
	return v
}

// checkShape reports, by its path, every part of v that is not of the
// field's shape: a value of another type, an unknown field (with the
// nearest known one), a missing required field. It returns false when v
// itself is of another type, and nothing of it can be used.
func (r *reader) checkShape(at string, f platformField, v any) bool {
	wrong := func() bool {
		b, _ := json.Marshal(v)
		r.fail(at, "%s is not %s; write it as %s", b, f.shape(), f.Example)
		return false
	}
	switch f.Kind {
	case kindString:
		if _, ok := v.(string); !ok {
			return wrong()
		}
	case kindInteger:
		n, ok := v.(json.Number)
		if _, err := strconv.Atoi(string(n)); !ok || err != nil {
			return wrong()
		}
	case kindBoolean:
		if _, ok := v.(bool); !ok {
			return wrong()
		}
	case kindStrings:
		list, ok := v.([]any)
		if !ok {
			return wrong()
		}
		for i, e := range list {
			if _, ok := e.(string); !ok {
				b, _ := json.Marshal(e)
				r.fail(fmt.Sprintf("%s[%d]", at, i), "%s is not a string; write the list as %s", b, f.Example)
			}
		}
	case kindMap:
		m, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		for _, k := range sortedKeys(m) {
			if _, ok := m[k].(string); !ok {
				b, _ := json.Marshal(m[k])
				r.fail(at+"."+k, "%s is not a string; quote it, as in %s", b, f.Example)
			}
		}
	case kindObject, kindSwitch:
		m, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		r.checkObject(at, f.Fields, m)
	case kindObjects:
		list, ok := v.([]any)
		if !ok {
			return wrong()
		}
		for i, e := range list {
			item := fmt.Sprintf("%s[%d]", at, i)
			m, ok := e.(map[string]any)
			if !ok {
				b, _ := json.Marshal(e)
				r.fail(item, "%s is not an object {%s}; write the list as %s", b, strings.Join(fieldNames(f.Fields), ", "), f.Example)
				continue
			}
			r.checkObject(item, f.Fields, m)
		}
	}
	return true
}

// checkObject checks one object's fields.
func (r *reader) checkObject(at string, fields []platformField, m map[string]any) {
	names := fieldNames(fields)
	for _, name := range sortedKeys(m) {
		i := slices.Index(names, name)
		if i < 0 {
			r.fail(at+"."+name, "is not a field of %s; %s", at, suggest(name, names, "the fields are "+strings.Join(names, ", ")))
			continue
		}
		if r.checkShape(at+"."+name, fields[i], m[name]) {
			r.checkGiven(at+"."+name, fields[i], m[name])
		}
	}
	for _, f := range fields {
		if _, set := m[f.Name]; f.Required && !set {
			r.fail(at+"."+f.Name, "is required; set it, such as \"%s\": %s", f.Name, f.Example)
		}
	}
}

// checkGiven refuses an explicit empty value (0, "", [] or {}) of a
// field or key that does not take it: a value the user set is checked as
// given, never swapped for the default.
func (r *reader) checkGiven(at string, f platformField, v any) {
	if f.Valid == "" || !emptyValue(v) {
		return
	}
	b, _ := json.Marshal(v)
	r.fail(at, "%s is not a value it takes; use %s, or leave the field out for its default", b, f.Valid)
}

// emptyValue tells whether a decoded value is its type's empty value.
func emptyValue(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case json.Number:
		n, err := v.Int64()
		return err == nil && n == 0
	case int:
		return v == 0
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func fieldNames(fields []platformField) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}

// PlatformKeys lists the platform program's configuration keys, in the
// order Pulumi.yaml declares them.
func PlatformKeys() []string { return platformKeyNames() }
