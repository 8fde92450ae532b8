package components

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestVpcHasDnsSupportAndHostnames(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	vpc := get(t, m, tVpc, "web-vpc")
	expect(t, vpc, "cidrBlock", "10.0.0.0/16")
	// Private DNS on interface endpoints needs both; AWS defaults hostnames off.
	expect(t, vpc, "enableDnsSupport", true)
	expect(t, vpc, "enableDnsHostnames", true)
}

func TestSubnetsPerAzWithoutPublicIps(t *testing.T) {
	m, out := mustRun(t, baseArgs())
	want := []struct{ name, cidr, az string }{
		{"web-public-0", "10.0.0.0/20", "us-east-1a"},
		{"web-public-1", "10.0.16.0/20", "us-east-1b"},
		{"web-private-0", "10.0.128.0/20", "us-east-1a"},
		{"web-private-1", "10.0.144.0/20", "us-east-1b"},
	}
	if got := len(m.ByType(tSubnet)); got != len(want) {
		t.Fatalf("registered %d subnets, want %d", got, len(want))
	}
	for _, w := range want {
		s := get(t, m, tSubnet, w.name)
		expect(t, s, "cidrBlock", w.cidr)
		expect(t, s, "availabilityZone", w.az)
		expect(t, s, "vpcId", "web-vpc_id")
		expect(t, s, "mapPublicIpOnLaunch", false)
	}
	expectOut(t, out, "privateSubnetIds", []string{"web-private-0_id", "web-private-1_id"})
	expectOut(t, out, "publicSubnetIds", []string{"web-public-0_id", "web-public-1_id"})
}

func TestOnlyThePublicRouteTableReachesTheInternet(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	routes := m.ByType(tRoute)
	if len(routes) != 1 {
		t.Fatalf("registered %d routes, want 1 (public default route only)", len(routes))
	}
	r := routes[0]
	expect(t, r, "routeTableId", "web-public-rt_id")
	expect(t, r, "destinationCidrBlock", "0.0.0.0/0")
	expect(t, r, "gatewayId", "web-igw_id")
	if n := len(m.ByType(tNat)) + len(m.ByType(tEip)); n != 0 {
		t.Errorf("registered %d NAT gateways and addresses by default, want 0", n)
	}
	for i := 0; i < 2; i++ {
		rt := get(t, m, tRouteTable, fmt.Sprintf("web-private-%d-rt", i))
		if routes := in(rt, "routes"); routes != nil && len(routes.([]any)) > 0 {
			t.Errorf("%s: inline routes %v, want none", rt.URN, routes)
		}
		a := get(t, m, tRTA, fmt.Sprintf("web-private-%d-rta", i))
		expect(t, a, "subnetId", fmt.Sprintf("web-private-%d_id", i))
		expect(t, a, "routeTableId", fmt.Sprintf("web-private-%d-rt_id", i))
		a = get(t, m, tRTA, fmt.Sprintf("web-public-%d-rta", i))
		expect(t, a, "routeTableId", "web-public-rt_id")
	}
	get(t, m, "aws:ec2/internetGateway:InternetGateway", "web-igw")
}

func TestZonesComeFromTheRegionsRealAvailabilityZones(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	var got []string
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:index/getAvailabilityZones:getAvailabilityZones" {
			got = append(got, fmt.Sprint(normalize(inv.Args.Mappable())))
		}
	}
	want := fmt.Sprint(normalize(map[string]any{
		"state":   "available",
		"filters": []map[string]any{{"name": "zone-type", "values": []string{"availability-zone"}}},
	}))
	if len(got) != 1 || got[0] != want {
		t.Errorf("zone look-ups = %v, want one with %s", got, want)
	}
}

func TestDefaultSecurityGroupHasNoRules(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	sg := get(t, m, tDefaultSG, "web-default-sg")
	expect(t, sg, "vpcId", "web-vpc_id")
	for _, k := range []string{"ingress", "egress"} {
		if v := in(sg, k); v != nil && len(v.([]any)) > 0 {
			t.Errorf("%s: %s = %v, want no rules", sg.URN, k, v)
		}
	}
}

func TestNatGatewaysWhenAskedFor(t *testing.T) {
	for _, tc := range []struct {
		mode     network.NatMode
		nats     int
		wantNats []string // NAT each private route table uses
	}{
		{network.NatSingle, 1, []string{"web-nat-0_id", "web-nat-0_id"}},
		{network.NatPerAz, 2, []string{"web-nat-0_id", "web-nat-1_id"}},
	} {
		t.Run(string(tc.mode), func(t *testing.T) {
			a := baseArgs()
			a.Network.NatGateways = tc.mode
			m, _ := mustRun(t, a)
			if got := len(m.ByType(tNat)); got != tc.nats {
				t.Fatalf("registered %d NAT gateways, want %d", got, tc.nats)
			}
			for i := 0; i < tc.nats; i++ {
				nat := get(t, m, tNat, fmt.Sprintf("web-nat-%d", i))
				expect(t, nat, "subnetId", fmt.Sprintf("web-public-%d_id", i))
				expect(t, nat, "allocationId", fmt.Sprintf("web-nat-%d-eip_id", i))
			}
			for i, nat := range tc.wantNats {
				r := get(t, m, tRoute, fmt.Sprintf("web-private-%d-nat", i))
				expect(t, r, "routeTableId", fmt.Sprintf("web-private-%d-rt_id", i))
				expect(t, r, "destinationCidrBlock", "0.0.0.0/0")
				expect(t, r, "natGatewayId", nat)
			}
			egress := get(t, m, tEgress, "web-task-out-internet")
			expect(t, egress, "securityGroupId", "web-task-sg_id")
			expect(t, egress, "cidrIpv4", "0.0.0.0/0")
			expect(t, egress, "fromPort", 443)
			expect(t, egress, "toPort", 443)
		})
	}
}

func TestEndpointsForPrivateEcrPullAndLogs(t *testing.T) {
	m, out := mustRun(t, baseArgs())
	eps := m.ByType(tEndpoint)
	var names []string
	for _, e := range eps {
		names = append(names, in(e, "serviceName").(string))
	}
	sort.Strings(names)
	want := []string{
		"com.amazonaws.us-east-1.ecr.api",
		"com.amazonaws.us-east-1.ecr.dkr",
		"com.amazonaws.us-east-1.logs",
		"com.amazonaws.us-east-1.s3",
	}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("endpoint services = %v, want %v", names, want)
	}
	for _, svc := range []string{"ecr-api", "ecr-dkr", "logs"} {
		e := get(t, m, tEndpoint, "web-vpce-"+svc)
		expect(t, e, "vpcEndpointType", "Interface")
		expect(t, e, "vpcId", "web-vpc_id")
		expect(t, e, "privateDnsEnabled", true)
		expect(t, e, "subnetIds", []string{"web-private-0_id", "web-private-1_id"})
		expect(t, e, "securityGroupIds", []string{"web-endpoint-sg_id"})
		expect(t, e, "routeTableIds", nil)
	}
	s3 := get(t, m, tEndpoint, "web-vpce-s3")
	expect(t, s3, "vpcEndpointType", "Gateway")
	// Every route table of the task subnets, or layer downloads time out.
	expect(t, s3, "routeTableIds", []string{"web-private-0-rt_id", "web-private-1-rt_id"})
	expect(t, s3, "subnetIds", nil)
	expect(t, s3, "privateDnsEnabled", nil)
	expectOut(t, out, "endpointIds", map[string]string{
		"ecr.api": "web-vpce-ecr-api_id", "ecr.dkr": "web-vpce-ecr-dkr_id",
		"logs": "web-vpce-logs_id", "s3": "web-vpce-s3_id",
	})
}

func TestEndpointSetGrowsWithSecretsAndExtras(t *testing.T) {
	a := baseArgs()
	a.Container.Secrets = literalSecrets(map[string]string{
		"DB_PASSWORD": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::",
		"API_KEY":     "arn:aws:ssm:us-east-1:123456789012:parameter/web/api-key",
	})
	a.ExtraEndpointServices = []string{"sqs", "dynamodb"}
	m, _ := mustRun(t, a)
	got := map[string]string{}
	for _, e := range m.ByType(tEndpoint) {
		got[in(e, "serviceName").(string)] = in(e, "vpcEndpointType").(string)
	}
	want := map[string]string{
		"com.amazonaws.us-east-1.ecr.api":        "Interface",
		"com.amazonaws.us-east-1.ecr.dkr":        "Interface",
		"com.amazonaws.us-east-1.logs":           "Interface",
		"com.amazonaws.us-east-1.s3":             "Gateway",
		"com.amazonaws.us-east-1.secretsmanager": "Interface",
		"com.amazonaws.us-east-1.ssm":            "Interface",
		"com.amazonaws.us-east-1.sqs":            "Interface",
		"com.amazonaws.us-east-1.dynamodb":       "Gateway",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("endpoints = %v, want %v", got, want)
	}
	// A second gateway endpoint gets its own prefix-list egress rule.
	ddb := get(t, m, tEgress, "web-task-out-dynamodb")
	expect(t, ddb, "prefixListId", "pl-dynamodb")
	expect(t, ddb, "fromPort", 443)
}

// rule is one security group rule as the tests see it.
type rule struct {
	group, direction string
	ports            string // "443" or "32768-65535"
	source           string // CIDR, peer group ID or prefix list ID
}

func rulesOf(m *awsmock.Mocks) []rule {
	var out []rule
	for _, typ := range []string{tIngress, tEgress} {
		for _, r := range m.ByType(typ) {
			dir := "ingress"
			if typ == tEgress {
				dir = "egress"
			}
			from, to := in(r, "fromPort"), in(r, "toPort")
			if in(r, "ipProtocol") != "tcp" {
				out = append(out, rule{group: "unexpected protocol on " + r.Name})
				continue
			}
			ports := fmt.Sprint(from)
			if fmt.Sprint(from) != fmt.Sprint(to) {
				ports += "-" + fmt.Sprint(to)
			}
			var src []string
			for _, k := range []string{"cidrIpv4", "cidrIpv6", "referencedSecurityGroupId", "prefixListId"} {
				if v, ok := in(r, k).(string); ok && v != "" {
					src = append(src, v)
				}
			}
			out = append(out, rule{group: in(r, "securityGroupId").(string), direction: dir, ports: ports, source: strings.Join(src, "+")})
		}
	}
	sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]) < fmt.Sprint(out[j]) })
	return out
}

// expectRules checks that the registered rules are exactly want.
func expectRules(t testing.TB, m *awsmock.Mocks, want []rule) {
	t.Helper()
	want = append([]rule(nil), want...)
	sort.Slice(want, func(i, j int) bool { return fmt.Sprint(want[i]) < fmt.Sprint(want[j]) })
	if got := rulesOf(m); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("security group rules:\n got %v\nwant %v", got, want)
	}
}

func TestSecurityGroupRulesAreExactlyTheTrafficPaths(t *testing.T) {
	m, out := mustRun(t, baseArgs())
	want := []rule{
		{"web-alb-sg_id", "egress", "8080", "web-task-sg_id"},
		{"web-alb-sg_id", "ingress", "80", "0.0.0.0/0"},
		{"web-endpoint-sg_id", "ingress", "443", "web-task-sg_id"},
		{"web-task-sg_id", "egress", "443", "pl-s3"},
		{"web-task-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-task-sg_id", "ingress", "8080", "web-alb-sg_id"},
	}
	expectRules(t, m, want)
	// The groups themselves carry no inline rules to add to these.
	for _, sg := range m.ByType(tSG) {
		for _, k := range []string{"ingress", "egress"} {
			if v := in(sg, k); v != nil && len(v.([]any)) > 0 {
				t.Errorf("%s: inline %s %v, want none", sg.URN, k, v)
			}
		}
		expect(t, sg, "vpcId", "web-vpc_id")
	}
	if n := len(m.ByType(tSG)); n != 3 {
		t.Errorf("registered %d security groups, want 3 (alb, task, endpoint)", n)
	}
	expectOut(t, out, "taskSecurityGroupId", "web-task-sg_id")
}

func TestHttpsOpens443AndRedirects80(t *testing.T) {
	a := baseArgs()
	a.Ingress.CertificateArn = pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/abc")
	a.Ingress.AllowedCidrs = []string{"203.0.113.0/24", "2001:db8::/32"}
	m, out := mustRun(t, a)
	want := []rule{
		{"web-alb-sg_id", "egress", "8080", "web-task-sg_id"},
		{"web-alb-sg_id", "ingress", "443", "2001:db8::/32"},
		{"web-alb-sg_id", "ingress", "443", "203.0.113.0/24"},
		{"web-alb-sg_id", "ingress", "80", "2001:db8::/32"},
		{"web-alb-sg_id", "ingress", "80", "203.0.113.0/24"},
		{"web-endpoint-sg_id", "ingress", "443", "web-task-sg_id"},
		{"web-task-sg_id", "egress", "443", "pl-s3"},
		{"web-task-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-task-sg_id", "ingress", "8080", "web-alb-sg_id"},
	}
	expectRules(t, m, want)
	http := get(t, m, tListener, "web-http")
	expect(t, http, "port", 80)
	expect(t, http, "defaultActions[0].type", "redirect")
	expect(t, http, "defaultActions[0].redirect", map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"})
	https := get(t, m, tListener, "web-https")
	expect(t, https, "port", 443)
	expect(t, https, "protocol", "HTTPS")
	expect(t, https, "certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc")
	expect(t, https, "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
	expect(t, https, "defaultActions[0].type", "forward")
	expect(t, https, "defaultActions[0].targetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef")
	expectOut(t, out, "url", "https://web-alb-1234567890.us-east-1.elb.amazonaws.com")
}

func TestLoadBalancerAndTargetGroup(t *testing.T) {
	m, out := mustRun(t, baseArgs())
	alb := get(t, m, tALB, "web-alb")
	expect(t, alb, "internal", false)
	expect(t, alb, "loadBalancerType", "application")
	expect(t, alb, "subnets", []string{"web-public-0_id", "web-public-1_id"})
	expect(t, alb, "securityGroups", []string{"web-alb-sg_id"})
	expect(t, alb, "dropInvalidHeaderFields", true)
	expect(t, alb, "enableDeletionProtection", false)

	tg := get(t, m, tTG, "web-tg")
	// awsvpc tasks register by IP; "instance" would never become healthy.
	expect(t, tg, "targetType", "ip")
	expect(t, tg, "port", 8080)
	expect(t, tg, "protocol", "HTTP")
	expect(t, tg, "vpcId", "web-vpc_id")
	expect(t, tg, "deregistrationDelay", 30)
	expect(t, tg, "healthCheck", map[string]any{
		"enabled": true, "protocol": "HTTP", "port": "traffic-port", "path": "/healthz", "matcher": "200-399",
		"interval": 15, "timeout": 5, "healthyThreshold": 2, "unhealthyThreshold": 3,
	})
	http := get(t, m, tListener, "web-http")
	expect(t, http, "loadBalancerArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/0123456789abcdef")
	expect(t, http, "protocol", "HTTP")
	expect(t, http, "defaultActions[0].type", "forward")
	if m.Find(tListener, "web-https") != nil {
		t.Error("an HTTPS listener exists without a certificate")
	}
	expectOut(t, out, "url", "http://web-alb-1234567890.us-east-1.elb.amazonaws.com")
	expectOut(t, out, "loadBalancerDnsName", "web-alb-1234567890.us-east-1.elb.amazonaws.com")
}

func TestExecutionRoleIsLeastPrivilege(t *testing.T) {
	a := baseArgs()
	a.Container.Secrets = literalSecrets(map[string]string{
		"DB_PASSWORD": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::",
		"API_KEY":     "arn:aws:ssm:us-east-1:123456789012:parameter/web/api-key",
	})
	a.Repository.ExtraPullRepositoryArns = pulumi.ToStringArray([]string{"arn:aws:ecr:us-east-1:123456789012:repository/base"})
	m, _ := mustRun(t, a)
	role := get(t, m, tRole, "web-execution-role")
	expect(t, role, "assumeRolePolicy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":["sts:AssumeRole"]}]}`)
	if v := in(role, "managedPolicyArns"); v != nil {
		t.Errorf("%s: managed policies %v, want none (AmazonECSTaskExecutionRolePolicy grants on *)", role.URN, v)
	}
	if n := len(m.ByType(tAttachment)); n != 0 {
		t.Errorf("registered %d policy attachments, want 0", n)
	}
	pol := get(t, m, tRolePolicy, "web-execution-policy")
	expect(t, pol, "role", "web-execution-role_id")
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"EcrAuthToken","Effect":"Allow","Action":["ecr:GetAuthorizationToken"],"Resource":["*"]},` +
		`{"Sid":"EcrPull","Effect":"Allow","Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],` +
		`"Resource":["arn:aws:ecr:us-east-1:123456789012:repository/base","arn:aws:ecr:us-east-1:123456789012:repository/web-repo"]},` +
		`{"Sid":"WriteLogs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],` +
		`"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:web-logs","arn:aws:logs:us-east-1:123456789012:log-group:web-logs:log-stream:*"]},` +
		`{"Sid":"ReadSecrets","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"]},` +
		`{"Sid":"ReadParameters","Effect":"Allow","Action":["ssm:GetParameters"],"Resource":["arn:aws:ssm:us-east-1:123456789012:parameter/web/api-key"]}]}`
	expect(t, pol, "policy", want)
}

func TestTaskRoleStartsEmptyAndTakesGrants(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	role := get(t, m, tRole, "web-task-role")
	expect(t, role, "assumeRolePolicy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":["sts:AssumeRole"]}]}`)
	if p := m.Find(tRolePolicy, "web-task-policy"); p != nil {
		t.Errorf("%s exists with no statements asked for", p.URN)
	}
	if n := len(m.ByType(tAttachment)); n != 0 {
		t.Errorf("task role has %d attachments, want 0", n)
	}

	a := baseArgs()
	a.TaskRole = service.TaskRoleArgs{
		PolicyArns: pulumi.StringArray{pulumi.String("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")},
		Statements: []service.PolicyStatement{{Actions: []string{"sqs:SendMessage"}, Resources: pulumi.ToStringArray([]string{"arn:aws:sqs:us-east-1:123456789012:jobs"})}},
	}
	m, _ = mustRun(t, a)
	att := get(t, m, tAttachment, "web-task-policy-0")
	expect(t, att, "role", "web-task-role")
	expect(t, att, "policyArn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
	pol := get(t, m, tRolePolicy, "web-task-policy")
	expect(t, pol, "role", "web-task-role_id")
	expect(t, pol, "policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":["arn:aws:sqs:us-east-1:123456789012:jobs"]}]}`)
}

func TestServiceRunsPrivatelyOnTheStrategy(t *testing.T) {
	a := baseArgs()
	two := 2
	a.Service.DesiredCount = &two
	a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{
		{Provider: cluster.ProviderFargate, Base: 1, Weight: 1},
		{Provider: cluster.ProviderFargateSpot, Weight: 3},
	}
	m, out := mustRun(t, a)
	svc := get(t, m, tService, "web-service")
	expect(t, svc, "networkConfiguration", map[string]any{
		"assignPublicIp": false,
		"subnets":        []string{"web-private-0_id", "web-private-1_id"},
		"securityGroups": []string{"web-task-sg_id"},
	})
	expect(t, svc, "launchType", nil)
	expect(t, svc, "capacityProviderStrategies", []map[string]any{
		{"capacityProvider": "FARGATE", "base": 1, "weight": 1},
		{"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 3},
	})
	expect(t, svc, "desiredCount", 2)
	expect(t, svc, "cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/web-cluster")
	expect(t, svc, "taskDefinition", "arn:aws:ecs:us-east-1:123456789012:task-definition/web-task:1")
	expect(t, svc, "deploymentCircuitBreaker", map[string]any{"enable": true, "rollback": true})
	expect(t, svc, "deploymentMinimumHealthyPercent", 100)
	expect(t, svc, "deploymentMaximumPercent", 200)
	expect(t, svc, "healthCheckGracePeriodSeconds", 60)
	expect(t, svc, "loadBalancers", []map[string]any{{
		"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef",
		"containerName":  "app", "containerPort": 8080,
	}})
	expectOut(t, out, "serviceName", "web-service")
	expectOut(t, out, "clusterName", "web-cluster")

	cp := get(t, m, tCapProviders, "web-capacity-providers")
	expect(t, cp, "clusterName", "web-cluster")
	expect(t, cp, "capacityProviders", []string{"FARGATE", "FARGATE_SPOT"})
	expect(t, cp, "defaultCapacityProviderStrategies", []map[string]any{
		{"capacityProvider": "FARGATE", "base": 1, "weight": 1},
		{"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 3},
	})
}

func TestServiceWaitsForListenersEndpointsAndPolicy(t *testing.T) {
	a := baseArgs()
	a.Ingress.CertificateArn = pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/abc")
	m, _ := mustRun(t, a)
	svc := get(t, m, tService, "web-service")
	mustWaitFor := []*awsmock.Resource{
		get(t, m, tListener, "web-http"),
		get(t, m, tListener, "web-https"),
		get(t, m, tRolePolicy, "web-execution-policy"),
		get(t, m, tCapProviders, "web-capacity-providers"),
		get(t, m, tEgress, "web-task-out-endpoints"),
		get(t, m, tEgress, "web-task-out-s3"),
		get(t, m, tIngress, "web-endpoint-in-task"),
	}
	mustWaitFor = append(mustWaitFor, m.ByType(tEndpoint)...)
	for _, dep := range mustWaitFor {
		if !contains(svc.Dependencies, dep.URN) {
			t.Errorf("%s does not depend on %s", svc.URN, dep.URN)
		}
	}
	// The listeners come with the default target group's ARN: the load
	// balancer's contract hands it on only once they forward to it, so a
	// service that read the contract from another stack waits the same way.
	for _, l := range []string{"web-http", "web-https"} {
		u := get(t, m, tListener, l).URN
		if !contains(svc.PropertyDependencies["loadBalancers"], u) {
			t.Errorf("%s's loadBalancers input does not carry %s; got %v", svc.URN, u, svc.PropertyDependencies["loadBalancers"])
		}
	}
}

func TestTaskDefinitionAndContainer(t *testing.T) {
	a := baseArgs()
	a.Container.Environment = pulumi.StringMap{"MODE": pulumi.String("prod"), "A": pulumi.String("1")}
	a.Container.Secrets = literalSecrets(map[string]string{"TOKEN": "arn:aws:ssm:us-east-1:123456789012:parameter/token"})
	a.Container.HealthCheck = &service.ContainerHealthCheck{Command: []string{"CMD", "/app", "-healthcheck"}}
	m, out := mustRun(t, a)
	td := get(t, m, tTaskDef, "web-task")
	expect(t, td, "family", "web")
	expect(t, td, "networkMode", "awsvpc")
	expect(t, td, "requiresCompatibilities", []string{"FARGATE"})
	expect(t, td, "cpu", "256")
	expect(t, td, "memory", "512")
	expect(t, td, "runtimePlatform", map[string]any{"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"})
	expect(t, td, "executionRoleArn", "arn:aws:iam::123456789012:role/web-execution-role")
	expect(t, td, "taskRoleArn", "arn:aws:iam::123456789012:role/web-task-role")
	img := get(t, m, tImage, "web-image")
	expect(t, img, "repositoryUrl", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web-repo")
	expect(t, img, "context", "./app")
	expect(t, img, "dockerfile", "./app/Dockerfile")
	expect(t, img, "platform", "linux/amd64")
	imageURI := img.Outputs["imageUri"].StringValue()
	want := `[{"name":"app","image":"` + imageURI + `","essential":true,` +
		`"portMappings":[{"containerPort":8080,"hostPort":8080,"protocol":"tcp"}],` +
		`"environment":[{"name":"A","value":"1"},{"name":"MODE","value":"prod"}],` +
		`"secrets":[{"name":"TOKEN","valueFrom":"arn:aws:ssm:us-east-1:123456789012:parameter/token"}],` +
		`"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"web-logs","awslogs-region":"us-east-1","awslogs-stream-prefix":"app"}},` +
		`"healthCheck":{"command":["CMD","/app","-healthcheck"],"interval":30,"timeout":5,"retries":3,"startPeriod":0},` +
		`"stopTimeout":30,"readonlyRootFilesystem":false}]`
	expect(t, td, "containerDefinitions", want)
	lg := get(t, m, tLogGroup, "web-logs")
	expect(t, lg, "retentionInDays", 30)
	expectOut(t, out, "logGroupName", "web-logs")
}

func TestReadyImageBuildsNothingAndIsPullable(t *testing.T) {
	a := baseArgs()
	a.Container.Build = nil
	const image = "210987654321.dkr.ecr.us-east-1.amazonaws.com/team/api:1.4.2"
	a.Container.Image = pulumi.String(image)
	m, _ := mustRun(t, a)
	if imgs := m.ByType(tImage); len(imgs) != 0 {
		t.Errorf("registered %d image builds with a ready image, want 0", len(imgs))
	}
	td := get(t, m, tTaskDef, "web-task")
	if !strings.Contains(in(td, "containerDefinitions").(string), `"image":"`+image+`"`) {
		t.Errorf("%s: container image is not %s", td.URN, image)
	}
	pol := in(get(t, m, tRolePolicy, "web-execution-policy"), "policy").(string)
	if !strings.Contains(pol, `"arn:aws:ecr:us-east-1:210987654321:repository/team/api"`) {
		t.Errorf("execution policy cannot pull the ready image's repository: %s", pol)
	}
}

func TestRepositoryIsPrivateScannedAndPruned(t *testing.T) {
	a := baseArgs()
	a.Repository.ForceDelete = true
	a.Repository.KeepImages = 5
	m, out := mustRun(t, a)
	repo := get(t, m, tRepo, "web-repo")
	expect(t, repo, "imageScanningConfiguration", map[string]any{"scanOnPush": true})
	expect(t, repo, "imageTagMutability", "MUTABLE")
	expect(t, repo, "forceDelete", true)
	lc := get(t, m, tLifecycle, "web-repo-lifecycle")
	expect(t, lc, "repository", "web-repo")
	expect(t, lc, "policy", `{"rules":[{"action":{"type":"expire"},"description":"Keep the last 5 images","rulePriority":1,"selection":{"countNumber":5,"countType":"imageCountMoreThan","tagStatus":"any"}}]}`)
	expectOut(t, out, "repositoryUrl", "123456789012.dkr.ecr.us-east-1.amazonaws.com/web-repo")
}

func TestClusterHasInsightsAndFargateProviders(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	c := get(t, m, tCluster, "web-cluster")
	expect(t, c, "settings", []map[string]any{{"name": "containerInsights", "value": "enabled"}})
}

// pieceTypes are the pieces a PrivateFargateService is composed of.
var pieceTypes = map[string]bool{network.NetworkType: true, edge.LoadBalancerType: true, cluster.ClusterType: true, check.WebServiceType: true}

func TestEveryChildIsParentedToAPieceOfTheComponent(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	comp := componentURN(m)
	if comp == "" {
		t.Fatal("no component registered")
	}
	pieces := map[string]string{}
	for _, r := range m.Resources() {
		if pieceTypes[r.Type] {
			pieces[r.URN] = r.Type
			if r.Parent != comp || r.Name != testName {
				t.Errorf("%s: piece %s under %s, want %q under the component %s", r.URN, r.Name, r.Parent, testName, comp)
			}
		}
	}
	if len(pieces) != len(pieceTypes) {
		t.Fatalf("registered pieces %v, want one of each of %v", pieces, pieceTypes)
	}
	n := 0
	for _, r := range m.Resources() {
		if r.URN == comp || pieceTypes[r.Type] {
			continue
		}
		n++
		if _, ok := pieces[r.Parent]; !ok {
			t.Errorf("%s: parent %q, want one of the component's pieces", r.URN, r.Parent)
		}
		if !strings.HasPrefix(r.Name, testName+"-") {
			t.Errorf("%s: name is not derived from the component name %q", r.URN, testName)
		}
	}
	if n < 30 {
		t.Errorf("only %d children registered; the component is incomplete", n)
	}
}

// untaggable are the types AWS or the provider gives no tags.
var untaggable = map[string]bool{
	tRoute: true, tRTA: true, tLifecycle: true, tRolePolicy: true, tAttachment: true, tCapProviders: true,
	tImage: true, componentToken: true,
	network.NetworkType: true, edge.LoadBalancerType: true, cluster.ClusterType: true, check.WebServiceType: true,
}

func TestEveryTaggableResourceIsTagged(t *testing.T) {
	a := baseArgs()
	a.Tags = pulumi.StringMap{"team": pulumi.String("payments"), "component": pulumi.String("overridden?")}
	m, _ := mustRun(t, a)
	for _, r := range m.Resources() {
		if untaggable[r.Type] {
			continue
		}
		tags, ok := in(r, "tags").(map[string]any)
		if !ok {
			t.Errorf("%s: no tags", r.URN)
			continue
		}
		want := map[string]any{"project": testProject, "stack": testStack, "component": testName, "team": "payments", "Name": r.Name}
		for k, v := range want {
			if tags[k] != v {
				t.Errorf("%s: tag %s = %v, want %v", r.URN, k, tags[k], v)
			}
		}
	}
}

func TestFargateSpotAndArmOnFargate(t *testing.T) {
	a := baseArgs()
	a.Task = service.TaskArgs{Cpu: 1024, Memory: 3072, Architecture: cluster.ArchARM64}
	m, _ := mustRun(t, a)
	td := get(t, m, tTaskDef, "web-task")
	expect(t, td, "runtimePlatform.cpuArchitecture", "ARM64")
	expect(t, td, "cpu", "1024")
	expect(t, td, "memory", "3072")
	expect(t, get(t, m, tImage, "web-image"), "platform", "linux/arm64")
}

// Fact: FARGATE_SPOT runs Linux tasks with the ARM64 architecture on
// platform version 1.4.0 or later (ECS API reference,
// CapacityProviderStrategyItem; BRIEF fact 9). The service asks for
// LATEST, which is 1.4.0 or later, so ARM64 Spot is accepted: the
// cheapest Fargate capacity there is.
func TestArmOnFargateSpot(t *testing.T) {
	a := baseArgs()
	a.Task.Architecture = cluster.ArchARM64
	a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargateSpot, Weight: 1}}
	m, _ := mustRun(t, a)
	expect(t, get(t, m, tTaskDef, "web-task"), "runtimePlatform.cpuArchitecture", "ARM64")
	svc := get(t, m, tService, "web-service")
	expect(t, svc, "platformVersion", "LATEST")
	expect(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1}})
	expect(t, get(t, m, tImage, "web-image"), "platform", "linux/arm64")
}

func expectOut(t testing.TB, out map[string]any, key string, want any) {
	t.Helper()
	if fmt.Sprint(normalize(out[key])) != fmt.Sprint(normalize(want)) {
		t.Errorf("output %s = %#v, want %#v", key, out[key], want)
	}
}

func TestOutputsAreTheOnesTheStackExports(t *testing.T) {
	_, out := mustRun(t, baseArgs())
	want := []string{"accessLogsBucket", "clusterName", "endpointIds", "loadBalancerDnsName", "logGroupName", "privateSubnetIds",
		"publicSubnetIds", "repositoryUrl", "serviceName", "taskSecurityGroupId", "url", "vpcId"}
	var got []string
	for k := range out {
		got = append(got, k)
	}
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("resolved outputs = %v, want %v", got, want)
	}
	expectOut(t, out, "vpcId", "web-vpc_id")
}

// Fact: an internet-facing ALB needs its VPC's internet gateway, or
// CreateLoadBalancer fails ("VPC ... has no internet gateway", ELB API
// reference); CDK orders its load balancers after the internet routes for
// the same reason. The ALB waits for the gateway, the public route and
// the public subnets' route table associations, named one by one.
func TestLoadBalancerWaitsForInternetConnectivity(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	alb := get(t, m, tALB, "web-alb")
	for _, dep := range []struct{ typ, name string }{
		{"aws:ec2/internetGateway:InternetGateway", "web-igw"},
		{tRoute, "web-public-internet"},
		{tRTA, "web-public-0-rta"},
		{tRTA, "web-public-1-rta"},
	} {
		if r := get(t, m, dep.typ, dep.name); !contains(alb.Dependencies, r.URN) {
			t.Errorf("%s does not wait for %s", alb.URN, r.URN)
		}
	}
	svc := get(t, m, tService, "web-service")
	for _, name := range []string{"web-private-0-rta", "web-private-1-rta"} {
		if r := get(t, m, tRTA, name); !contains(svc.Dependencies, r.URN) {
			t.Errorf("%s does not wait for %s, which puts its subnet on the route table with the s3 endpoint", svc.URN, r.URN)
		}
	}
	for _, d := range svc.Dependencies {
		if strings.Contains(d, "::web") && !strings.Contains(d, "$aws:") && !strings.Contains(d, "$awsx:") {
			t.Errorf("%s depends on the component %s, whose children the SDK records asynchronously", svc.URN, d)
		}
	}
}
