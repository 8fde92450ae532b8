package infra_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/examples/platform/infra"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

var update = flag.Bool("update", false, "rewrite testdata/dev.golden")

// projectDir holds the example's Pulumi.yaml and stack files.
const projectDir = ".."

// fixture is the contract service examples attach to in their tests and
// in the offline plan: what `pulumi stack output platform --json` prints
// for a deployed dev stack.
var fixture = filepath.Join(projectDir, "testdata", "contract.dev.json")

const (
	tIngress = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tEgress  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	tNat     = "aws:ec2/natGateway:NatGateway"
)

// runDev runs the dev stack as the offline plan does (the stack files
// read like the CLI, the program under mocks, the hosted zone assumed to
// exist) and returns what it registered and the contract it exports.
func runDev(t *testing.T) (*awsmock.Mocks, map[string]any) {
	t.Helper()
	files, err := stacks.LoadStackFiles(projectDir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	m := awsmock.New(files.Config["aws:region"])
	if id, name, domain := files.HostedZone(); domain != "" {
		m.AddHostedZone(id, name, domain)
	}
	var contract map[string]any
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		p, err := infra.Deploy(ctx)
		if err != nil {
			return err
		}
		p.Contract.ApplyT(func(v any) any { contract, _ = v.(map[string]any); return v })
		return nil
	}, files.RunOption(m))
	if err != nil {
		t.Fatalf("dev stack: %v", err)
	}
	if contract == nil {
		t.Fatal("the dev stack's platform contract did not resolve to an object")
	}
	return m, contract
}

// The golden list shows every resource the dev stack registers (type,
// name, parent, key inputs): a rename or a replacement shows as a diff,
// and a replaced listener, security group or cluster breaks every
// service stack that points at it.
func TestDevStackGolden(t *testing.T) {
	m, _ := runDev(t)
	awsmock.CheckGolden(t, filepath.Join("testdata", "dev.golden"), awsmock.Golden(m), *update, "./examples/platform/...")
}

// decodeContract reads a contract's JSON form strictly: a key the
// components do not know fails, so the export cannot grow a field the
// readers drop.
func decodeContract(t *testing.T, v any) components.PlatformContract {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c components.PlatformContract
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("the exported contract does not decode as a PlatformContract: %v", err)
	}
	return c
}

// The exported contract holds what a service program needs: version 1;
// the region; the private subnets in two zones; every endpoint, base and
// offered; the group tasks join to reach them; the ALB with both
// listeners, the names its certificate covers, its targets group and the
// teams' priority blocks; the cluster with Fargate and Fargate Spot and
// its ECS Exec logging; and the key.
func TestDevStackExportsTheContract(t *testing.T) {
	m, raw := runDev(t)
	c := decodeContract(t, raw)
	if c.Version != 1 {
		t.Errorf("contract version %d, want 1", c.Version)
	}
	if c.Name != infra.Name || c.Region != "us-east-1" || c.Partition != "aws" {
		t.Errorf("contract name, region, partition = %q, %q, %q; want platform, us-east-1, aws", c.Name, c.Region, c.Partition)
	}
	n := c.Network
	if n.VpcId != "platform-vpc_id" || n.VpcCidr != "10.0.0.0/16" || n.Nat {
		t.Errorf("contract network %s %s nat=%v, want platform-vpc_id 10.0.0.0/16 without NAT", n.VpcId, n.VpcCidr, n.Nat)
	}
	wantSubnets := []components.PlatformSubnet{{Id: "platform-private-0_id", Zone: "us-east-1a"}, {Id: "platform-private-1_id", Zone: "us-east-1b"}}
	if diff := cmp.Diff(wantSubnets, n.PrivateSubnets); diff != "" {
		t.Errorf("contract private subnets (-want +got):\n%s", diff)
	}
	if len(n.PublicSubnets) != 2 || len(n.PrivateRouteTableIds) != 2 {
		t.Errorf("contract has %d public subnets and %d private route tables, want 2 of each", len(n.PublicSubnets), len(n.PrivateRouteTableIds))
	}
	wantEndpoints := map[string]string{
		"ecr.api": "Interface", "ecr.dkr": "Interface", "logs": "Interface", "s3": "Gateway",
		"secretsmanager": "Interface", "ssmmessages": "Interface", "kms": "Interface",
	}
	if diff := cmp.Diff(wantEndpoints, n.Endpoints); diff != "" {
		t.Errorf("contract endpoints (-want +got):\n%s", diff)
	}
	if n.EndpointClientSecurityGroupId != "platform-endpoint-clients-sg_id" || n.EndpointSecurityGroupId != "platform-endpoint-sg_id" || n.GatewayPrefixListIds["s3"] == "" {
		t.Errorf("contract endpoint groups %q, %q and s3 prefix list %q; want the endpoint-clients and endpoint groups and a prefix list",
			n.EndpointClientSecurityGroupId, n.EndpointSecurityGroupId, n.GatewayPrefixListIds["s3"])
	}
	if len(c.LoadBalancers) != 1 {
		t.Fatalf("contract has %d load balancers, want 1 (main)", len(c.LoadBalancers))
	}
	lb := c.LoadBalancers[0]
	want := components.PlatformLoadBalancer{
		Name:                  infra.LoadBalancer,
		Arn:                   "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/platform-main-alb/0123456789abcdef",
		ArnSuffix:             "app/platform-main-alb/0123456789abcdef",
		DnsName:               "platform-main-alb-1234567890.us-east-1.elb.amazonaws.com",
		ZoneId:                "Z35SXDOTRQ7X7K",
		SecurityGroupId:       "platform-main-alb-sg_id",
		TargetSecurityGroupId: "platform-main-targets-sg_id",
		TargetPorts:           edge.PortRange{From: 1024, To: 65535},
		Listeners: map[string]string{
			"http":  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform-main-http",
			"https": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform-main-https",
		},
		CertificateHosts: []string{"platform.example.com", "*.example.com"},
		PriorityRanges: []edge.PriorityRange{
			{Team: "orders", From: 1, To: 5000, MaxServices: 10},
			{Team: "payments", From: 5001, To: 10000, MaxServices: 10},
		},
	}
	if diff := cmp.Diff(want, lb); diff != "" {
		t.Errorf("contract load balancer main (-want +got):\n%s", diff)
	}
	key := awsmock.MustFind(t, m, "aws:kms/key:Key", "platform-key").Outputs["arn"].StringValue()
	wantCluster := components.PlatformCluster{
		Name: infra.Name, Arn: "arn:aws:ecs:us-east-1:123456789012:cluster/platform-cluster", ClusterName: "platform-cluster",
		CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"}, Fargate: true,
		Exec: &components.PlatformExec{LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:platform-exec-logs", KmsKeyArn: key},
	}
	if diff := cmp.Diff(wantCluster, c.Cluster); diff != "" {
		t.Errorf("contract cluster (-want +got):\n%s", diff)
	}
	if c.KeyArn != key {
		t.Errorf("contract keyArn %q, want the platform key's %q", c.KeyArn, key)
	}
	if c.Priorities.Scheme == "" || c.Priorities.Range != (edge.PriorityRange{From: 1, To: 49999}) {
		t.Errorf("contract priorities %+v, want the scheme and 1-49999", c.Priorities)
	}
}

// idKeys are the contract keys whose values are ids, ARNs and names AWS
// gives at deploy time: they differ between the mocks and an account.
var idKeys = map[string]bool{
	"vpcId": true, "id": true, "arn": true, "arnSuffix": true, "dnsName": true,
	"securityGroupId": true, "targetSecurityGroupId": true, "endpointSecurityGroupId": true,
	"endpointClientSecurityGroupId": true, "privateRouteTableIds": true, "gatewayPrefixListIds": true,
	"listeners": true, "clusterName": true, "logGroupArn": true, "kmsKeyArn": true, "keyArn": true,
}

// shape is a contract with every deployed id replaced by "<id>" (each
// entry of a list or map of ids too), so that two contracts of the same
// platform compare equal whatever account they were deployed to.
func shape(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if idKeys[key] {
				out[k] = shape(e, key)
			} else {
				out[k] = shape(e, k)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = shape(e, key)
		}
		return out
	case string:
		if idKeys[key] && x != "" {
			return "<id>"
		}
	}
	return v
}

// The fixture the service examples attach to is this platform's
// contract as an account would export it: the same keys, load balancers,
// teams and blocks, endpoints, capacity providers, certificate names and
// zones, with only the deployed ids differing. A change to the platform
// or to the contract fails here until the fixture follows, so the
// service examples cannot test against a platform that no longer exists.
func TestContractFixtureMatchesTheExport(t *testing.T) {
	_, exported := runDev(t)
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	var fix any
	if err := json.Unmarshal(data, &fix); err != nil {
		t.Fatalf("%s: %v", fixture, err)
	}
	if diff := cmp.Diff(shape(awsmock.AsJSON(exported), ""), shape(fix, "")); diff != "" {
		t.Errorf("%s differs from the contract the dev stack exports, beyond its ids (-export +fixture); update the fixture to the platform's new contract:\n%s", fixture, diff)
	}
	// The fixture holds ids of the forms AWS gives, as a service reads
	// them from a deployed stack.
	if _, err := components.ParsePlatformContract(data); err != nil {
		t.Errorf("%s is not a contract a service can attach to: %v", fixture, err)
	}
}

// Fact: a security group holds 60 inbound and 60 outbound rules by
// default (Amazon VPC quotas, "Inbound or outbound rules per security
// group"). The platform's shared groups hold rules per purpose, not per
// service: the ALB admits 80 and 443 from anywhere and reaches its
// targets group in one rule; the endpoints admit the endpoint-clients
// group in one rule; the clients reach the endpoints and S3 on 443. Those
// are all of the platform's rules, however many services attach, and no
// NAT gateway gives the tasks a way to the internet (BRIEF fact 3).
func TestDevStackSharedGroupsHoldRulesPerPurpose(t *testing.T) {
	m, _ := runDev(t)
	type rule struct{ Type, Group, From, To, Peer string }
	got := map[string]rule{}
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			in := r.Inputs.Mappable()
			s := func(k string) string { v, _ := in[k].(string); return v }
			n := func(k string) string { b, _ := json.Marshal(in[k]); return string(b) }
			peer := s("referencedSecurityGroupId") + s("cidrIpv4") + s("prefixListId")
			got[r.Name] = rule{strings.TrimPrefix(strings.Split(typ, ":")[1], "vpc/"), s("securityGroupId"), n("fromPort"), n("toPort"), peer}
		}
	}
	want := map[string]rule{
		"platform-main-alb-in-80-0":      {"securityGroupIngressRule", "platform-main-alb-sg_id", "80", "80", "0.0.0.0/0"},
		"platform-main-alb-in-443-0":     {"securityGroupIngressRule", "platform-main-alb-sg_id", "443", "443", "0.0.0.0/0"},
		"platform-main-alb-out-targets":  {"securityGroupEgressRule", "platform-main-alb-sg_id", "1024", "65535", "platform-main-targets-sg_id"},
		"platform-endpoint-in-clients":   {"securityGroupIngressRule", "platform-endpoint-sg_id", "443", "443", "platform-endpoint-clients-sg_id"},
		"platform-clients-out-endpoints": {"securityGroupEgressRule", "platform-endpoint-clients-sg_id", "443", "443", "platform-endpoint-sg_id"},
		"platform-clients-out-s3":        {"securityGroupEgressRule", "platform-endpoint-clients-sg_id", "443", "443", "pl-s3"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the platform's security group rules (-want +got); every rule must be a wanted path:\n%s", diff)
	}
	if nats := m.ByType(tNat); len(nats) > 0 {
		t.Errorf("%s registered; the platform has no NAT gateway", nats[0].URN)
	}
}

// Fact: ECS Exec without NAT needs the ssmmessages endpoint, and kms when
// the sessions are encrypted with a customer key (BRIEF facts 2 and 13);
// the platform encrypts them with its key, so it offers both, and each is
// created once for every team (fact 14).
func TestDevStackOffersTheExecEndpoints(t *testing.T) {
	m, _ := runDev(t)
	var got []string
	for _, e := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
		got = append(got, strings.TrimPrefix(e.Inputs["serviceName"].StringValue(), "com.amazonaws.us-east-1."))
	}
	slices.Sort(got)
	want := []string{"ecr.api", "ecr.dkr", "kms", "logs", "s3", "secretsmanager", "ssmmessages"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the platform's VPC endpoints (-want +got):\n%s", diff)
	}
	cl := awsmock.MustFind(t, m, "aws:ecs/cluster:Cluster", "platform-cluster")
	exec, _ := cl.Inputs.Mappable()["configuration"].(map[string]any)["executeCommandConfiguration"].(map[string]any)
	key := awsmock.MustFind(t, m, "aws:kms/key:Key", "platform-key").Outputs["arn"].StringValue()
	if exec["kmsKeyId"] != key || exec["logging"] != "OVERRIDE" {
		t.Errorf("%s: exec configuration %v, want OVERRIDE logging under the platform key %s", cl.URN, exec, key)
	}
}

func TestReadConfig(t *testing.T) {
	tests := []struct {
		name    string
		give    map[string]string
		want    infra.Config
		wantErr []string
	}{
		{name: "http only", give: map[string]string{}, want: infra.Config{}},
		{name: "https", give: map[string]string{"domainName": "platform.example.com", "hostedZoneName": "example.com", "hostNames": `["*.example.com"]`},
			want: infra.Config{DomainName: "platform.example.com", HostedZoneName: "example.com", HostNames: []string{"*.example.com"}}},
		{name: "domain without zone", give: map[string]string{"domainName": "platform.example.com"},
			wantErr: []string{"platform:hostedZoneName: not set, but domainName is", "pulumi config set hostedZoneName"}},
		{name: "host names without domain", give: map[string]string{"hostNames": `["*.example.com"]`},
			wantErr: []string{"platform:hostNames: names a certificate's hosts, but domainName is not set"}},
		{name: "host names not a list", give: map[string]string{"domainName": "a.example.com", "hostedZoneName": "example.com", "hostNames": "*.example.com"},
			wantErr: []string{"platform:hostNames: *.example.com is not a list of names"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := infra.ReadConfig("platform", func(k string) (string, bool) {
				v, ok := tt.give[strings.TrimPrefix(k, "platform:")]
				return v, ok
			})
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("ReadConfig: %v", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("config (-want +got):\n%s", diff)
				}
				return
			}
			for _, w := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v lacks %q", err, w)
				}
			}
		})
	}
}

// Deployed service stacks point at the platform's listeners, security
// groups and cluster by id: a change to the platform that replaced one of
// them would cut every service off, or leave its rules on a listener that
// is gone. Their URNs are pinned here; a rename needs pulumi.Aliases, and
// a change to this list a note to every service team.
func TestDevStackPinsWhatServicesPointAt(t *testing.T) {
	m, _ := runDev(t)
	const stack = "urn:pulumi:dev::platform::private-fargate:index:Platform$"
	want := []string{
		stack + "private-fargate:index:LoadBalancer$aws:lb/listener:Listener::platform-main-http",
		stack + "private-fargate:index:LoadBalancer$aws:lb/listener:Listener::platform-main-https",
		stack + "private-fargate:index:LoadBalancer$aws:lb/loadBalancer:LoadBalancer::platform-main-alb",
		stack + "private-fargate:index:LoadBalancer$aws:ec2/securityGroup:SecurityGroup::platform-main-alb-sg",
		stack + "private-fargate:index:LoadBalancer$aws:ec2/securityGroup:SecurityGroup::platform-main-targets-sg",
		stack + "private-fargate:index:Network$aws:ec2/securityGroup:SecurityGroup::platform-endpoint-clients-sg",
		stack + "private-fargate:index:Network$aws:ec2/securityGroup:SecurityGroup::platform-endpoint-sg",
		stack + "private-fargate:index:Network$aws:ec2/subnet:Subnet::platform-private-0",
		stack + "private-fargate:index:Network$aws:ec2/subnet:Subnet::platform-private-1",
		stack + "private-fargate:index:Cluster$aws:ecs/cluster:Cluster::platform-cluster",
		stack + "private-fargate:index:Cluster$aws:cloudwatch/logGroup:LogGroup::platform-exec-logs",
		stack + "private-fargate:index:Key$aws:kms/key:Key::platform-key",
	}
	have := map[string]bool{}
	for _, r := range m.Resources() {
		have[r.URN] = true
	}
	for _, urn := range want {
		if !have[urn] {
			t.Errorf("%s is no longer registered; service stacks point at it, so add an alias for its old name", urn)
		}
	}
}
