package stacks

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/internal/docblock"
)

// platformDir is a generated platform project: a Pulumi.yaml declaring
// the platform keys, a main.go handing PlatformProgram to pulumi.Run, and
// two stacks.
const platformDir = "testdata/platform-program"

// The project's name and description, as its Pulumi.yaml gives them.
const (
	platformProject     = "acme-platform"
	platformDescription = "The acme platform, converted: the network, its endpoints, the load balancer and the cluster its service teams share."
)

const (
	tVpc            = "aws:ec2/vpc:Vpc"
	tEndpoint       = "aws:ec2/vpcEndpoint:VpcEndpoint"
	tListener       = "aws:lb/listener:Listener"
	tCluster        = "aws:ecs/cluster:Cluster"
	tLifecycle      = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	tInvokeRouteTbl = "aws:ec2/getRouteTable:getRouteTable"
)

// runPlatform runs a stack of the platform project as the offline plan
// does: the stack files read like the CLI, what the config expects in the
// account given to the mocks, the program under mocks. It returns what
// the program registered and the contract it exported.
func runPlatform(t *testing.T, stack string) (*awsmock.Mocks, components.PlatformContract) {
	t.Helper()
	files, err := LoadStackFiles(platformDir, stack)
	if err != nil {
		t.Fatal(err)
	}
	m := awsmock.New(files.Config["aws:region"])
	acct, err := files.PlatformAccount()
	if err != nil {
		t.Fatal(err)
	}
	for _, z := range acct.HostedZones {
		m.AddHostedZone(z.Id, z.Name, z.Domain)
	}
	if v := acct.ExistingVpc; v != nil {
		m.AddExistingVpc(awsmock.ExistingVpc{VpcId: v.VpcId, PublicSubnetIds: v.PublicSubnetIds, PrivateSubnetIds: v.PrivateSubnetIds,
			PrivateRouteTableIds: v.PrivateRouteTableIds, Endpoints: v.EndpointServices, EndpointSecurityGroupId: v.EndpointSecurityGroupId})
	}
	var mu sync.Mutex
	var exported any
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := RunPlatform(ctx)
		if err != nil {
			return err
		}
		p.Contract.ApplyT(func(v any) any {
			mu.Lock()
			defer mu.Unlock()
			exported = v
			return v
		})
		return nil
	}, files.RunOption(m))
	if err != nil {
		t.Fatalf("stack %s: %v", stack, err)
	}
	mu.Lock()
	defer mu.Unlock()
	b, err := json.Marshal(exported)
	if err != nil {
		t.Fatal(err)
	}
	var c components.PlatformContract
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("stack %s exports no platform contract: %v", stack, err)
	}
	return m, c
}

// The project's Pulumi.yaml is what PlatformProjectFile declares: every
// key, with a default the program reads as unset (go test ./stacks -run
// TestPlatformProjectFile -update rewrites it).
func TestPlatformProjectFileDeclaresEveryKey(t *testing.T) {
	want, err := PlatformProjectFile(platformProject, platformDescription)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(platformDir, "Pulumi.yaml")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is not what PlatformProjectFile declares (-want +got):\n%s", path, diff)
	}
}

// Fact: the Pulumi CLI hands the program each declared key's default
// when no stack sets it (ValidateStackConfigAndApplyProjectConfig in the
// Pulumi workspace package), so a stack that sets nothing is run with
// every declared default: it must be the platform's defaults, one load
// balancer "main" and a Fargate cluster with Container Insights enabled.
func TestPlatformDeclaredDefaultsAreNoSetting(t *testing.T) {
	dir := t.TempDir()
	proj, err := PlatformProjectFile(platformProject, platformDescription)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"Pulumi.yaml": string(proj), "Pulumi.empty.yaml": "config:\n  aws:region: us-east-1\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := LoadStackFiles(dir, "empty")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := readPlatform(files.Project, "us-east-1", func(k string) (string, bool) { v, ok := files.Config[k]; return v, ok }, sortedKeys(files.Config))
	if err != nil {
		t.Fatalf("the declared defaults are refused: %v", err)
	}
	if diff := cmp.Diff(components.PlatformArgs{Region: "us-east-1"}, cfg.Args, cmp.Comparer(func(a, b *bool) bool { return (a == nil || *a) == (b == nil || *b) })); diff != "" {
		t.Errorf("the declared defaults set the platform's args (-want +got):\n%s", diff)
	}
}

// The golden lists show every resource each stack registers.
func TestPlatformProgramGolden(t *testing.T) {
	for _, stack := range []string{"dev", "adopted"} {
		t.Run(stack, func(t *testing.T) {
			m, _ := runPlatform(t, stack)
			checkGolden(t, filepath.Join("testdata", "platform-"+stack+".golden"), awsmock.Golden(m))
		})
	}
}

// The dev stack builds what its keys say, exactly: the cluster with
// enhanced Container Insights, ECS Exec logged 90 days under the
// platform's key and a Service Connect namespace named after the
// platform; the base endpoints and the four it offers, once each (a VPC
// holds one interface endpoint with private DNS per service, BRIEF fact
// 14); an HTTP listener that redirects and an HTTPS one with the
// certificate; the teams' blocks in the order given; access logs kept 30
// days; the tags on the VPC.
func TestPlatformDevStackBuildsWhatItsKeysSay(t *testing.T) {
	m, c := runPlatform(t, "dev")
	cl := awsmock.MustFind(t, m, tCluster, "platform-cluster")
	awsmock.ExpectInput(t, cl, "settings", []map[string]any{{"name": "containerInsights", "value": "enhanced"}})
	key := awsmock.MustFind(t, m, "aws:kms/key:Key", "platform-key").Outputs["arn"].StringValue()
	exec, _ := cl.Inputs.Mappable()["configuration"].(map[string]any)["executeCommandConfiguration"].(map[string]any)
	if exec["kmsKeyId"] != key || exec["logging"] != "OVERRIDE" {
		t.Errorf("%s: exec configuration %v, want OVERRIDE logging under the platform key %s", cl.URN, exec, key)
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:cloudwatch/logGroup:LogGroup", "platform-exec-logs"), "retentionInDays", 90)
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:servicediscovery/httpNamespace:HttpNamespace", "platform-namespace"), "name", "platform")

	var endpoints []string
	for _, e := range m.ByType(tEndpoint) {
		endpoints = append(endpoints, strings.TrimPrefix(e.Inputs["serviceName"].StringValue(), "com.amazonaws.us-east-1."))
	}
	slices.Sort(endpoints)
	want := []string{"ecr.api", "ecr.dkr", "ecs-agent", "kms", "logs", "s3", "secretsmanager", "ssmmessages"}
	if diff := cmp.Diff(want, endpoints); diff != "" {
		t.Errorf("the VPC endpoints (-want +got):\n%s", diff)
	}

	listeners := map[string]string{}
	for _, l := range m.ByType(tListener) {
		b, _ := json.Marshal(awsmock.AsJSON(l.Inputs.Mappable()["defaultActions"]))
		listeners[l.Name] = l.Inputs["protocol"].StringValue() + " " + string(b)
	}
	if len(listeners) != 2 || !strings.HasPrefix(listeners["platform-main-http"], `HTTP [{"redirect":`) || !strings.HasPrefix(listeners["platform-main-https"], "HTTPS ") {
		t.Errorf("listeners %v, want platform-main-http redirecting and platform-main-https", listeners)
	}
	https := awsmock.MustFind(t, m, tListener, "platform-main-https")
	if arn, _ := https.Inputs.Mappable()["certificateArn"].(string); !strings.HasPrefix(arn, "arn:aws:acm:us-east-1:") {
		t.Errorf("%s: certificateArn %q, want the platform's ACM certificate", https.URN, arn)
	}

	if len(c.LoadBalancers) != 1 {
		t.Fatalf("the contract has %d load balancers, want main alone", len(c.LoadBalancers))
	}
	blocks := []edge.PriorityRange{{Team: "orders", From: 1, To: 5000, MaxServices: 10}, {Team: "payments", From: 5001, To: 10000, MaxServices: 20}}
	if diff := cmp.Diff(blocks, c.LoadBalancers[0].PriorityRanges); diff != "" {
		t.Errorf("the teams' blocks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"platform.example.com", "*.example.com"}, c.LoadBalancers[0].CertificateHosts); diff != "" {
		t.Errorf("the certificate's names (-want +got):\n%s", diff)
	}
	if c.KeyArn != key || c.Cluster.ServiceConnect == nil || c.Cluster.ServiceConnect.Namespace != "platform" || c.Cluster.Exec == nil {
		t.Errorf("contract key %q, service connect %+v, exec %+v; want the key, namespace platform and the exec log group", c.KeyArn, c.Cluster.ServiceConnect, c.Cluster.Exec)
	}
	for _, lc := range m.ByType(tLifecycle) {
		b, _ := json.Marshal(awsmock.AsJSON(lc.Inputs.Mappable()["rules"]))
		if !strings.Contains(string(b), `"days":30`) {
			t.Errorf("%s: rules %s, want logs expiring after 30 days", lc.URN, b)
		}
	}
	if len(m.ByType(tLifecycle)) != 1 {
		t.Errorf("%d access-log lifecycle rules, want the one bucket's", len(m.ByType(tLifecycle)))
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tVpc, "platform-vpc"), "tags.team", "platform")
}

// Fact: the s3 gateway endpoint must be on every route table of the task
// subnets (BRIEF fact 1), and a subnet uses its explicitly associated
// route table, or else its VPC's main one (VPC user guide, "Subnet route
// tables"). The adopted stack lists no route tables: they are looked up
// from the private subnets before anything registers, and the contract
// hands them on. The VPC is not created, nor its existing s3 endpoint;
// the interface endpoints are created in its private subnets.
func TestPlatformAdoptedStackLooksUpItsRouteTablesFirst(t *testing.T) {
	m, c := runPlatform(t, "adopted")
	if vpcs := m.ByType(tVpc); len(vpcs) != 0 {
		t.Errorf("%s registered; the stack adopts its VPC", vpcs[0].URN)
	}
	private := []string{"subnet-0aa2222222222222a", "subnet-0bb2222222222222b"}
	want := []string{awsmock.RouteTableIdOf(private[0]), awsmock.RouteTableIdOf(private[1])}
	if diff := cmp.Diff(want, c.Network.PrivateRouteTableIds); diff != "" {
		t.Errorf("the contract's private route tables (-want +got):\n%s", diff)
	}
	first := m.Resources()[0].Order
	for _, r := range m.Resources() {
		first = min(first, r.Order)
	}
	bySubnet := 0
	for _, inv := range m.Invokes() {
		if inv.Token == tInvokeRouteTbl && inv.Args["subnetId"].IsString() {
			bySubnet++
			if inv.Order > first {
				t.Errorf("the route table of subnet %s was looked up after the first registration", inv.Args["subnetId"].StringValue())
			}
		}
	}
	if bySubnet == 0 {
		t.Error("no route table was looked up by subnet")
	}
	var endpoints []string
	for _, e := range m.ByType(tEndpoint) {
		endpoints = append(endpoints, strings.TrimPrefix(e.Inputs["serviceName"].StringValue(), "com.amazonaws.us-east-1."))
		awsmock.ExpectInput(t, e, "subnetIds", private)
	}
	slices.Sort(endpoints)
	if diff := cmp.Diff([]string{"ecr.api", "ecr.dkr", "logs"}, endpoints); diff != "" {
		t.Errorf("the endpoints created in the adopted VPC (-want +got):\n%s", diff)
	}
	if c.Network.VpcId != "vpc-0123456789abcdef0" || c.Network.GatewayPrefixListIds["s3"] != "pl-existing-s3" {
		t.Errorf("contract VPC %q and s3 prefix list %q, want the adopted VPC's", c.Network.VpcId, c.Network.GatewayPrefixListIds["s3"])
	}
}

// runPlatformConfig runs the platform program with a stack's config as
// the CLI hands it over, past the stack files' own checks, under m.
func runPlatformConfig(t *testing.T, cfg map[string]string, m *awsmock.Mocks) error {
	t.Helper()
	b, _ := json.Marshal(cfg)
	t.Setenv(pulumi.EnvConfig, string(b))
	return pulumi.RunErr(PlatformProgram, func(info *pulumi.RunInfo) {
		info.Project, info.Stack, info.Config, info.Mocks = platformProject, "bad", cfg, m
	})
}

// Bad configuration is refused with every problem at once, each named by
// its key and sub-field with the fix, and nothing is registered or
// looked up: not even the region's zones, a hosted zone or an adopted
// VPC's route tables.
func TestPlatformBadConfigNamesEveryKeyAndTouchesNothing(t *testing.T) {
	tests := []struct {
		name string
		cfg  map[string]string
		want []string
	}{
		{
			name: "every key of the table",
			cfg: map[string]string{
				"acme-platform:vpcCidr":           "8.8.0.0/16",
				"acme-platform:azCount":           "1",
				"acme-platform:availabilityZones": `["eu-west-1a"]`,
				"acme-platform:flowLogs":          "maybe",
				"acme-platform:pullThroughCache":  `[{"upstream": "docker-hub"}]`,
				"acme-platform:endpoints":         `["com.amazonaws.us-east-1.sqs", "ssmmessages", "kms"]`,
				"acme-platform:loadBalancers":     `[{"name": "main", "idleTimeout": 5000, "allowedCidrs": ["everyone"], "accessLogs": {"enabled": true, "expirationDays": -1}, "targetPorts": {"from": 80}}]`,
				"acme-platform:teams":             `[{"name": "Orders", "maxServices": 500}, {"name": "payments", "priorities": {"from": 9000, "to": 8000}}]`,
				"acme-platform:fargate":           "false",
				"acme-platform:exec":              `{"logRetentionDays": 31}`,
				"acme-platform:serviceConnect":    `{"namespace": "Bad_Namespace"}`,
				"acme-platform:containerInsights": "on",
				"acme-platform:kmsKey":            "yes",
				"acme-platform:tags":              `{"aws:team": "platform"}`,
			},
			want: []string{
				"acme-platform:vpcCidr: ",
				"acme-platform:azCount: 1 AZs is too few",
				`acme-platform:availabilityZones[0]: "eu-west-1a" is not a zone of the stack's region us-east-1`,
				`acme-platform:flowLogs: "maybe" is not true or false`,
				"acme-platform:pullThroughCache[0].credentialArn: ",
				`acme-platform:endpoints[0]: "com.amazonaws.us-east-1.sqs" is not a short service name`,
				"acme-platform:loadBalancers[0].targetPorts.to: is required; set it, such as \"to\": 65535",
				`acme-platform:teams[0].name: "Orders" is not a team name`,
				"acme-platform:teams[0].maxServices: 500 is out of range; use 1 to 100",
				"acme-platform:teams[0]: no load balancer has room for 500 more services",
				"add a load balancer to loadBalancers, or lower the teams' teams[0].maxServices",
				"acme-platform:teams[1].priorities: runs from 9000 down to 8000",
				"acme-platform:fargate: the cluster has no capacity; leave fargate on",
				"acme-platform:exec.logRetentionDays: ",
				`acme-platform:serviceConnect.namespace: "Bad_Namespace" cannot name the namespace`,
				`acme-platform:containerInsights: "on" is not a Container Insights setting; use enabled, enhanced or disabled`,
				`acme-platform:kmsKey: "yes" is not true or false`,
				"acme-platform:tags.aws:team: ",
				"acme-platform:endpoints: serviceConnect gives the cluster a namespace, but the platform has no ecs-agent endpoint",
				`add "ecs-agent" to endpoints, or remove serviceConnect`,
			},
		},
		{
			name: "the load balancer's fields by path",
			cfg: map[string]string{
				"acme-platform:loadBalancers": `[{"name": "main", "idleTimeout": 5000, "allowedCidrs": ["everyone"], "accessLogs": {"enabled": true, "expirationDays": -1}}]`,
			},
			want: []string{
				"(3 problems)",
				"acme-platform:loadBalancers[0].idleTimeout: ",
				"acme-platform:loadBalancers[0].allowedCidrs[0]: ",
				"acme-platform:loadBalancers[0].accessLogs.expirationDays: ",
			},
		},
		{
			name: "unknown keys and fields, with the nearest",
			cfg: map[string]string{
				"acme-platform:vpcCdir":       "10.1.0.0/16",
				"acme-platform:loadBalancer":  `[{"name": "main"}]`,
				"acme-platform:loadBalancers": `[{"name": "main", "idelTimeout": 30, "accessLogs": {"enabld": true}}]`,
				"aws:regoin":                  "eu-west-1",
			},
			want: []string{
				"(5 problems)",
				"acme-platform:vpcCdir: is not a key of the platform program; did you mean vpcCidr?",
				"acme-platform:loadBalancer: is not a key of the platform program; did you mean loadBalancers?",
				"acme-platform:loadBalancers[0].idelTimeout: is not a field of loadBalancers[0]; did you mean idleTimeout?",
				"acme-platform:loadBalancers[0].accessLogs.enabld: is not a field of loadBalancers[0].accessLogs; did you mean enabled?",
				"aws:regoin: is not a configuration key of the aws provider; did you mean region?",
			},
		},
		{
			name: "values of the wrong type",
			cfg: map[string]string{
				"acme-platform:azCount":       "two",
				"acme-platform:loadBalancers": `[{"name": "main", "https": "yes"}, "edge"]`,
				"acme-platform:tags":          `{"team": 5}`,
				"acme-platform:exec":          `"always"`,
			},
			want: []string{
				"(5 problems)",
				`acme-platform:azCount: "two" is not a whole number`,
				`acme-platform:loadBalancers[0].https: "yes" is not true or false`,
				`acme-platform:loadBalancers[1]: "edge" is not an object {name, allowedCidrs,`,
				"acme-platform:tags.team: 5 is not a string",
				`acme-platform:exec: "always" is not true, false or an object {logRetentionDays}`,
			},
		},
		{
			name: "existingVpc with vpcCidr",
			cfg: map[string]string{
				"acme-platform:vpcCidr":     "10.1.0.0/16",
				"acme-platform:azCount":     "3",
				"acme-platform:existingVpc": `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"]}`,
			},
			want: []string{
				"(3 problems)",
				"acme-platform:vpcCidr: an adopted VPC keeps its own layout; remove vpcCidr, or remove existingVpc to create a VPC",
				"acme-platform:azCount: an adopted VPC keeps its own layout; remove azCount, or remove existingVpc to create a VPC",
				`acme-platform:existingVpc.privateSubnetIds: is required; set it, such as "privateSubnetIds": [`,
			},
		},
		{
			name: "a load balancer name duplicated",
			cfg:  map[string]string{"acme-platform:loadBalancers": `[{"name": "main"}, {"name": "edge"}, {"name": "main"}]`},
			want: []string{"(1 problem)", `acme-platform:loadBalancers[2].name: "main" already names load balancer 0; give each its own name`},
		},
		{
			name: "a team naming an unknown load balancer",
			cfg: map[string]string{
				"acme-platform:loadBalancers": `[{"name": "main"}]`,
				"acme-platform:teams":         `[{"name": "orders", "loadBalancer": "main"}, {"name": "payments", "loadBalancer": "edge"}]`,
			},
			want: []string{"(1 problem)", `acme-platform:teams[1].loadBalancer: the platform has no load balancer "edge"; use one of its loadBalancers' names`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := map[string]string{"aws:region": "us-east-1"}
			for k, v := range tt.cfg {
				cfg[k] = v
			}
			m := awsmock.New("us-east-1")
			err := runPlatformConfig(t, cfg, m)
			if err == nil {
				t.Fatal("the stack ran; want a configuration error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if rs := m.Resources(); len(rs) != 0 {
				t.Errorf("registered %s for a bad configuration, want nothing", rs[0].URN)
			}
			if inv := m.Invokes(); len(inv) != 0 {
				t.Errorf("looked up %s for a bad configuration, want nothing", inv[0].Token)
			}
		})
	}
}

// What the look-ups find wrong is named by key too, and still nothing
// registers: a hosted zone the account lacks, an adopted private subnet
// with no route table of its own in a VPC without a main one.
func TestPlatformLookUpProblemsAreNamedByKey(t *testing.T) {
	tests := []struct {
		name  string
		cfg   map[string]string
		cloud func(m *awsmock.Mocks)
		want  string
	}{
		{
			name: "a hosted zone the account lacks",
			cfg:  map[string]string{"acme-platform:loadBalancers": `[{"name": "main", "domainName": "platform.example.com", "hostedZoneName": "example.com"}]`},
			want: "acme-platform:loadBalancers[0].hostedZoneName: ",
		},
		{
			name: "a private subnet whose route table cannot be found",
			cfg:  map[string]string{"acme-platform:existingVpc": `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"], "privateSubnetIds": ["subnet-0aa2222222222222a", "subnet-0cc2222222222222c"]}`},
			cloud: func(m *awsmock.Mocks) {
				m.AddExistingVpc(awsmock.ExistingVpc{VpcId: "vpc-0123456789abcdef0", PublicSubnetIds: []string{"subnet-0aa1111111111111a", "subnet-0bb1111111111111b"},
					PrivateSubnetIds: []string{"subnet-0aa2222222222222a"}})
				delete(m.RouteTables, "rtb-main-vpc-0123456789abcdef0")
			},
			want: "acme-platform:existingVpc.privateSubnetIds[1]: private subnet subnet-0cc2222222222222c has no route table of its own",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := map[string]string{"aws:region": "us-east-1"}
			for k, v := range tt.cfg {
				cfg[k] = v
			}
			m := awsmock.New("us-east-1")
			if tt.cloud != nil {
				tt.cloud(m)
			}
			err := runPlatformConfig(t, cfg, m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if rs := m.Resources(); len(rs) != 0 {
				t.Errorf("registered %s although a look-up refused the configuration", rs[0].URN)
			}
		})
	}
}

// The key table and the values the reader decodes are one: every key
// and field has its JSON field of the same name, and no more.
func TestPlatformKeyTableMatchesItsValues(t *testing.T) {
	var walk func(at string, fields []platformField, typ reflect.Type)
	walk = func(at string, fields []platformField, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		byJSON := map[string]reflect.StructField{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			byJSON[strings.Split(f.Tag.Get("json"), ",")[0]] = f
		}
		var names []string
		for _, f := range fields {
			names = append(names, f.Name)
			sf, ok := byJSON[f.Name]
			if !ok {
				t.Errorf("%s%s: the key table has it, %s has no such JSON field", at, f.Name, typ)
				continue
			}
			if len(f.Fields) > 0 {
				walk(at+f.Name+".", f.Fields, sf.Type)
			}
		}
		for name := range byJSON {
			if !slices.Contains(names, name) {
				t.Errorf("%s%s: %s decodes it, the key table does not declare it", at, name, typ)
			}
		}
	}
	walk("", platformKeys, reflect.TypeFor[platformValues]())
}

// Every field a key sets is a field of PlatformArgs, and a problem the
// platform reports on one is named by the key that sets it, sub-field
// and index included.
func TestPlatformConfigKeyNamesTheFieldsItSets(t *testing.T) {
	var walk func(parent string, fields []platformField)
	walk = func(parent string, fields []platformField) {
		for _, f := range fields {
			for _, s := range append([]string{f.Sets}, f.Also...) {
				if path := strings.TrimPrefix(parent+"."+s, "."); !platformArgsHas(path) {
					t.Errorf("%s sets %s, which PlatformArgs does not have", f.Name, path)
				}
			}
			if len(f.Fields) > 0 {
				p := strings.TrimPrefix(parent+"."+f.Sets, ".")
				if f.Kind == kindObjects {
					p += "[0]"
				}
				walk(p, f.Fields)
			}
		}
	}
	walk("", platformKeys)
	for field, want := range map[string]string{
		"Network.CidrBlock":                          "acme:vpcCidr",
		"Network.Existing.PrivateSubnetIds[1]":       "acme:existingVpc.privateSubnetIds[1]",
		"Network.ExtraEndpointServices[3]":           "acme:endpoints[3]",
		"Network.PullThroughCache[0].CredentialArn":  "acme:pullThroughCache[0].credentialArn",
		"Network.FlowLogs.LogRetentionDays":          "acme:flowLogs.logRetentionDays",
		"LoadBalancers[2].Ingress.DomainName":        "acme:loadBalancers[2].domainName",
		"LoadBalancers[0].AccessLogs.ExpirationDays": "acme:loadBalancers[0].accessLogs.expirationDays",
		"LoadBalancers[1].TargetPorts.To":            "acme:loadBalancers[1].targetPorts.to",
		"Teams[0].Priorities.From":                   "acme:teams[0].priorities.from",
		"Teams[1]":                                   "acme:teams[1]",
		"Cluster.Exec.LogRetentionDays":              "acme:exec.logRetentionDays",
		"Cluster.ServiceConnect.Namespace":           "acme:serviceConnect.namespace",
		"Cluster.ContainerInsights":                  "acme:containerInsights",
		"Key":                                        "acme:kmsKey",
		"Tags.aws:team":                              "acme:tags.aws:team",
		"Region":                                     "aws:region",
	} {
		if got := platformConfigKey("acme", field); got != want {
			t.Errorf("platformConfigKey(%s) = %s, want %s", field, got, want)
		}
	}
}

// The README's table of the platform program's keys is generated from
// the key table (go test ./stacks -run TestReadmePlatform -update).
func TestReadmePlatformKeysComeFromTheKeyTable(t *testing.T) {
	path := filepath.Join(projectDir, "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	if *update {
		if doc, err = docblock.Replace(doc, "platform-keys", PlatformConfigTable()); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := docblock.Get(doc, "platform-keys")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(PlatformConfigTable(), got); diff != "" {
		t.Errorf("README block platform-keys is stale (-want +got); run go test ./stacks -run TestReadmePlatform -update:\n%s", diff)
	}
}

// An adopted VPC's route tables the program could not look up do not
// hide the platform's other look-ups: a hosted zone the account lacks is
// reported with them, once per key, and still nothing registers (the
// look-ups are invokes).
func TestPlatformRouteTableLookUpReportsTheOtherLookUps(t *testing.T) {
	cfg := map[string]string{
		"aws:region":                  "us-east-1",
		"acme-platform:existingVpc":   `{"vpcId": "vpc-0123456789abcdef0", "publicSubnetIds": ["subnet-0aa1111111111111a", "subnet-0bb1111111111111b"], "privateSubnetIds": ["subnet-0aa2222222222222a", "subnet-0cc2222222222222c"]}`,
		"acme-platform:loadBalancers": `[{"name": "main", "domainName": "platform.example.com", "hostedZoneName": "example.com"}]`,
	}
	m := awsmock.New("us-east-1")
	m.AddExistingVpc(awsmock.ExistingVpc{VpcId: "vpc-0123456789abcdef0", PublicSubnetIds: []string{"subnet-0aa1111111111111a", "subnet-0bb1111111111111b"},
		PrivateSubnetIds: []string{"subnet-0aa2222222222222a"}})
	delete(m.RouteTables, "rtb-main-vpc-0123456789abcdef0")
	err := runPlatformConfig(t, cfg, m)
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("error = %v, want a configuration error", err)
	}
	for _, want := range []string{
		"acme-platform:existingVpc.privateSubnetIds[1]: private subnet subnet-0cc2222222222222c has no route table of its own",
		"acme-platform:loadBalancers[0].hostedZoneName: ",
	} {
		if !slices.ContainsFunc(ce.Problems, func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("problems lack %q:\n%s", want, strings.Join(ce.Problems, "\n"))
		}
	}
	seen := map[string]bool{}
	for _, p := range ce.Problems {
		key, _, _ := strings.Cut(strings.TrimPrefix(p, "acme-platform:"), ": ")
		if seen[key] {
			t.Errorf("%s is reported twice:\n%s", key, strings.Join(ce.Problems, "\n"))
		}
		seen[key] = true
		if strings.HasPrefix(key, "existingVpc.privateRouteTableIds") {
			t.Errorf("the route tables the stack leaves to the look-up are blamed: %s", p)
		}
	}
	if rs := m.Resources(); len(rs) != 0 {
		t.Errorf("registered %s although the look-ups refused the configuration", rs[0].URN)
	}
}
