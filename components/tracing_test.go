package components

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// withTracing is baseArgs with tracing on and the ecr-public cache rule
// the collector's image is pulled through.
func withTracing() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Tracing = service.TracingXray
	a.Network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}
	return a
}

// collectorDef finds the collector's container definition.
func collectorDef(t *testing.T, defs []map[string]any) map[string]any {
	t.Helper()
	for _, d := range defs {
		if d["name"] == service.CollectorName {
			return d
		}
	}
	t.Fatalf("no %s container among %d", service.CollectorName, len(defs))
	return nil
}

// TestFactTracingRunsTheCollectorThroughTheCache: the ADOT collector runs
// beside the app, from its ECR Public image rewritten to the ecr-public
// cache path (brief fact 19), with the ECS default configuration the
// image ships (aws-otel-collector config/ecs/ecs-default-config.yaml),
// listening on OTLP gRPC 4317, OTLP HTTP 4318 and X-Ray 2000 (the same
// file's otlp and awsxray receivers). It is not essential: the app keeps
// serving without traces.
func TestFactTracingRunsTheCollectorThroughTheCache(t *testing.T) {
	m, _ := mustRun(t, withTracing())
	td := get(t, m, tTaskDef, "web-task")
	defs := containerDefs(t, in(td, "containerDefinitions").(string))
	if len(defs) != 2 {
		t.Fatalf("%s: %d containers, want app and collector", td.URN, len(defs))
	}
	c := collectorDef(t, defs)
	const cached = cacheRegistry + "/ecr-public/aws-observability/aws-otel-collector:v0.43.3"
	if c["image"] != cached {
		t.Errorf("%s: collector image %v, want the cache path %s", td.URN, c["image"], cached)
	}
	if diff := cmp.Diff([]any{"--config=/etc/ecs/ecs-default-config.yaml"}, c["command"]); diff != "" {
		t.Errorf("%s: collector command (-want +got):\n%s", td.URN, diff)
	}
	want := []any{
		map[string]any{"containerPort": 4317.0, "hostPort": 4317.0, "protocol": "tcp"},
		map[string]any{"containerPort": 4318.0, "hostPort": 4318.0, "protocol": "tcp"},
		map[string]any{"containerPort": 2000.0, "hostPort": 2000.0, "protocol": "tcp"},
	}
	if diff := cmp.Diff(want, c["portMappings"]); diff != "" {
		t.Errorf("%s: collector ports (-want +got):\n%s", td.URN, diff)
	}
	if c["essential"] != false {
		t.Errorf("%s: collector essential %v, want false", td.URN, c["essential"])
	}
	if defs[0]["command"] != nil {
		t.Errorf("%s: app got a command %v; only the collector's is set", td.URN, defs[0]["command"])
	}
}

// TestFactTracingPointsTheAppAtTheCollector: OpenTelemetry SDKs read
// OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL
// (OpenTelemetry specification, "OTLP Exporter Configuration"; OTLP/HTTP
// listens on 4318), X-Ray SDKs AWS_XRAY_DAEMON_ADDRESS (X-Ray developer
// guide, SDK environment variables; segments UDP and sampling TCP on
// 2000). In awsvpc mode a task's containers share localhost (ECS developer
// guide, "Amazon ECS task networking options"). A variable the app sets
// itself is kept.
func TestFactTracingPointsTheAppAtTheCollector(t *testing.T) {
	a := withTracing()
	a.Container.Environment = pulumi.StringMap{"OTEL_EXPORTER_OTLP_PROTOCOL": pulumi.String("grpc"), "LOG_LEVEL": pulumi.String("info")}
	m, _ := mustRun(t, a)
	td := get(t, m, tTaskDef, "web-task")
	defs := containerDefs(t, in(td, "containerDefinitions").(string))
	want := []any{
		map[string]any{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "127.0.0.1:2000"},
		map[string]any{"name": "LOG_LEVEL", "value": "info"},
		map[string]any{"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://localhost:4318"},
		map[string]any{"name": "OTEL_EXPORTER_OTLP_PROTOCOL", "value": "grpc"},
	}
	if diff := cmp.Diff(want, defs[0]["environment"]); diff != "" {
		t.Errorf("%s: app environment (-want +got):\n%s", td.URN, diff)
	}
}

// TestFactTracingNeedsTheXrayEndpoint: without NAT the collector reaches
// X-Ray only through the com.amazonaws.<region>.xray interface endpoint
// (brief fact 2; X-Ray developer guide, "Using AWS X-Ray with interface VPC
// endpoints"). Its EMF metrics go to CloudWatch Logs, whose logs endpoint
// every service has already.
func TestFactTracingNeedsTheXrayEndpoint(t *testing.T) {
	f := network.EndpointFeatures{Xray: true}
	var got []string
	for _, e := range network.EndpointSet(f) {
		got = append(got, e.Service)
	}
	if diff := cmp.Diff([]string{"ecr.api", "ecr.dkr", "logs", "s3", "xray"}, got); diff != "" {
		t.Errorf("endpoints with tracing (-want +got):\n%s", diff)
	}
	m, _ := mustRun(t, withTracing())
	e := get(t, m, tEndpoint, testName+"-vpce-xray")
	expect(t, e, "serviceName", "com.amazonaws.us-east-1.xray")
	expect(t, e, "vpcEndpointType", "Interface")
	expect(t, e, "privateDnsEnabled", true)
}

// TestFactTracingGrantsXrayAndItsMetricsLogGroup: the collector calls
// xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules,
// GetSamplingTargets and GetSamplingStatisticSummaries (the AWS managed
// policy AWSXrayWriteOnlyAccess); X-Ray takes no resource type for any of
// them (Service Authorization Reference, AWS X-Ray), so they are granted
// on "*". The awsemf exporter of ecs-default-config.yaml writes to the
// /aws/ecs/application/metrics log group, creating it and its streams:
// those writes are scoped to that one group of the account and region.
func TestFactTracingGrantsXrayAndItsMetricsLogGroup(t *testing.T) {
	m, _ := mustRun(t, withTracing())
	const group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/ecs/application/metrics"
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"XRay","Effect":"Allow","Action":["xray:GetSamplingRules","xray:GetSamplingStatisticSummaries","xray:GetSamplingTargets","xray:PutTelemetryRecords","xray:PutTraceSegments"],"Resource":["*"]},` +
		`{"Sid":"CollectorMetrics","Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],"Resource":["` + group + `","` + group + `:*"]}]}`
	expect(t, get(t, m, tRolePolicy, "web-tracing-policy"), "policy", want)
}

// TestFactTracingPullsTheCollectorWithItsFirstPullGrant: the execution
// role may pull the collector's cached repository and import it on the
// first pull (ECR user guide, pull-through cache IAM permissions).
func TestFactTracingPullsTheCollectorWithItsFirstPullGrant(t *testing.T) {
	m, _ := mustRun(t, withTracing())
	const repo = "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector"
	pol := in(get(t, m, tRolePolicy, "web-execution-policy"), "policy").(string)
	if want := `{"Sid":"EcrPullThroughCache","Effect":"Allow","Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],"Resource":["` + repo + `"]}`; !strings.Contains(pol, want) {
		t.Errorf("execution policy lacks the collector's first-pull grant %s:\n%s", want, pol)
	}
}

// TestTracingOffAddsNothing: without tracing there is no collector, no
// tracing policy and no xray endpoint.
func TestTracingOffAddsNothing(t *testing.T) {
	m, _ := mustRun(t, baseArgs())
	for _, r := range m.Resources() {
		name := string(r.URN)
		if strings.Contains(name, "tracing") || strings.HasSuffix(name, "vpce-xray") {
			t.Errorf("%s registered without tracing", r.URN)
		}
	}
}

func TestTracingProblemsAreRefusedByField(t *testing.T) {
	tests := []struct {
		name    string
		give    func(a *PrivateFargateServiceArgs)
		wantErr []string
	}{
		{"unknown mode", func(a *PrivateFargateServiceArgs) { a.Tracing = "jaeger" },
			[]string{`Tracing: "jaeger" is not a tracing mode; use "xray"`}},
		{"bridge networking", func(a *PrivateFargateServiceArgs) {
			e := ec2Args()
			a.Service, a.Ec2 = e.Service, e.Ec2
			a.Ec2.NetworkMode = cluster.NetworkBridge
		}, []string{"Tracing: the tasks use bridge networking, where the app cannot reach the collector on localhost"}},
		{"port of the collector", func(a *PrivateFargateServiceArgs) { a.Container.Port = 4317 },
			[]string{"Ports[0]: 4317 is also Container.Port"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := withTracing()
			tt.give(&a)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

// TestTracingThroughNatNeedsNoCacheRule: with NAT the collector's image
// is pulled from ECR Public directly.
func TestTracingThroughNatNeedsNoCacheRule(t *testing.T) {
	a := withTracing()
	a.Network.PullThroughCache = nil
	a.Network.NatGateways = network.NatSingle
	m, _ := mustRun(t, a)
	defs := containerDefs(t, in(get(t, m, tTaskDef, "web-task"), "containerDefinitions").(string))
	if c := collectorDef(t, defs); c["image"] != service.AdotCollectorImage {
		t.Errorf("collector image %v, want %s through NAT", c["image"], service.AdotCollectorImage)
	}
}

// TestWebServiceTracingNeedsTheNetworksXrayEndpoint: on a network
// without the xray endpoint, a WebService with tracing is refused, naming
// the feature to set.
func TestWebServiceTracingNeedsTheNetworksXrayEndpoint(t *testing.T) {
	pl := sharedPlatform()
	pl.network.PullThroughCache = []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}}
	pl.tweak = func(_ *pulumi.Context, svc string, a *service.WebServiceArgs) {
		if svc == "web" {
			a.Tracing = service.TracingXray
		}
	}
	_, err := pl.run(t)
	if err == nil {
		t.Fatal("web with tracing was accepted on a network without the xray endpoint")
	}
	for _, want := range []string{"service web needs the xray endpoint", `set Xray in the network's Features["web"]`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// The one-call component owns its network, so tracing is one key: with
// no NAT and no ECR Public rule of the user's, it adds the rule the
// collector's image is pulled through (tasks without NAT cannot reach
// public.ecr.aws: BRIEF facts 3 and 19). A WebService does not own its
// network: on one without the rule it is refused by field, naming it.
func TestTracingIsOneKeyOnTheComponentAndCheckedOnAPiece(t *testing.T) {
	a := baseArgs()
	a.Tracing = service.TracingXray
	m, _ := mustRun(t, a)
	rule := get(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "web-cache-ecr-public")
	expect(t, rule, "upstreamRegistryUrl", "public.ecr.aws")

	pl := sharedPlatform()
	web := pl.services["web"]
	web.Tracing = service.TracingXray
	pl.services["web"] = web
	feats := pl.network.Features["web"]
	feats.Xray = true
	pl.network.Features["web"] = feats
	m, err := pl.run(t)
	want := `Tracing: the collector image public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3 is on ECR Public, which tasks without NAT cannot reach; add an ecr-public rule to the network's pullThroughCache`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v\nwant it to contain %q", err, want)
	}
	if r := m.Find(tService, "web-service"); r != nil {
		t.Errorf("%s registered although its collector cannot be pulled", r.URN)
	}
}
