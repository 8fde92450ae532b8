package service

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Tracing modes a workload takes.
const (
	// TracingOff runs no collector.
	TracingOff = ""
	// TracingXray runs the AWS Distro for OpenTelemetry (ADOT) collector
	// beside the app and sends its traces to AWS X-Ray.
	TracingXray = "xray"
)

// tracingModes are the valid Tracing values, for messages.
var tracingModes = []string{TracingXray}

// The ADOT collector sidecar. Its image is on ECR Public, which a task
// without NAT reaches only through the network's ecr-public pull-through
// cache rule (brief fact 19). The tag is pinned: a new collector changes
// what runs in every task, so it comes with a reviewed change.
const (
	CollectorName      = "aws-otel-collector"
	AdotCollectorImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3"
	// collectorConfig is the ECS default configuration the image ships
	// (aws-otel-collector, config/ecs/ecs-default-config.yaml): OTLP on
	// 4317 (gRPC) and 4318 (HTTP), X-Ray segments on UDP 2000, StatsD on
	// UDP 8125; traces to X-Ray (PutTraceSegments), metrics as CloudWatch
	// embedded metric format to the log group collectorMetricsLogGroup.
	// Of the bundled ECS configurations it is the one that takes both OTLP
	// and X-Ray segments with the fewest AWS services (X-Ray and CloudWatch
	// Logs): ecs-xray.yaml takes no X-Ray segments, and the others add
	// resource detection, Prometheus or Amazon Managed Prometheus.
	collectorConfig = "--config=/etc/ecs/ecs-default-config.yaml"
	// collectorMetricsLogGroup is where that configuration's awsemf
	// exporter writes (namespace ECS/AWSOTel/Application); the exporter
	// creates the group and one stream per task if they do not exist.
	collectorMetricsLogGroup = "/aws/ecs/application/metrics"
)

// collectorPorts are the TCP ports the collector listens on in the task:
// OTLP gRPC 4317, OTLP HTTP 4318, and 2000, where the awsxray receiver
// takes segments (UDP) and serves the SDKs' sampling requests (TCP).
var collectorPorts = []int{4317, 4318, 2000}

// tracingEnv are the app's variables that point OpenTelemetry SDKs
// (OTLP over HTTP, the specification's default protocol, port 4318) and
// X-Ray SDKs (segments on UDP, sampling on TCP, both 2000) at the
// collector. In awsvpc mode the task's containers share one network
// namespace, so the collector is on localhost.
var tracingEnv = map[string]string{
	"OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4318",
	"OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
	"AWS_XRAY_DAEMON_ADDRESS":     "127.0.0.1:2000",
}

// xrayActions are what the collector calls on X-Ray: PutTraceSegments
// (the awsxray exporter), GetSamplingRules and GetSamplingTargets (the
// awsxray receiver's proxy for the SDKs' sampling), PutTelemetryRecords
// (the exporter's telemetry) and GetSamplingStatisticSummaries, the set of
// the AWS managed policy AWSXrayWriteOnlyAccess. None of them takes a
// resource type or a condition key (Service Authorization Reference,
// "Actions, resources, and condition keys for AWS X-Ray"), so "*" is the
// tightest grant X-Ray allows.
var xrayActions = []string{
	"xray:GetSamplingRules",
	"xray:GetSamplingStatisticSummaries",
	"xray:GetSamplingTargets",
	"xray:PutTelemetryRecords",
	"xray:PutTraceSegments",
}

// emfActions are what the awsemf exporter calls on CloudWatch Logs: it
// creates its log group and a stream, then puts the events.
var emfActions = []string{
	"logs:CreateLogGroup",
	"logs:CreateLogStream",
	"logs:DescribeLogStreams",
	"logs:PutLogEvents",
}

// tracing tells whether the workload runs the collector.
func (w Workload) tracing() bool { return w.Tracing == TracingXray }

// withTracing adds the collector sidecar and the app's variables that
// point at it. A variable the app already sets is left as it is.
func (w Workload) withTracing() Workload {
	if !w.tracing() || slices.ContainsFunc(w.Sidecars, func(s SidecarArgs) bool { return s.Name == CollectorName }) {
		return w // off, or added already: defaults are applied more than once
	}
	env := pulumi.StringMap{}
	for k, v := range w.Container.Environment {
		env[k] = v
	}
	for k, v := range tracingEnv {
		if _, set := env[k]; !set {
			env[k] = pulumi.String(v)
		}
	}
	w.Container.Environment = env
	essential := false
	w.Sidecars = append(append([]SidecarArgs{}, w.Sidecars...), SidecarArgs{
		Name:  CollectorName,
		Image: pulumi.String(AdotCollectorImage),
		Ports: collectorPorts,
		// The app keeps serving when the collector stops; it loses traces.
		Essential: &essential,
	})
	return w
}

// isCollector tells whether the sidecar is the one tracing adds.
func (w Workload) isCollector(s SidecarArgs) bool {
	return w.tracing() && s.Name == CollectorName
}

// checkTracing checks the Tracing field: its value, bridge networking
// (whose containers do not share localhost), and that the collector's
// image is pullable: through NAT, or through an ecr-public pull-through
// cache rule.
func checkTracing(p *check.Problems, w Workload, bridge, nat bool) {
	switch w.Tracing {
	case TracingOff:
		return
	case TracingXray:
	default:
		p.Add("Tracing", "%q is not a tracing mode; use %s, or leave it empty for none", w.Tracing, strings.Join(quoted(tracingModes), ", "))
		return
	}
	if bridge {
		p.Add("Tracing", "the tasks use bridge networking, where the app cannot reach the collector on localhost; use awsvpc networking on the EC2 group, or turn tracing off")
	}
	if _, ok, _ := network.RouteImage(AdotCollectorImage, w.Caches); !nat && !ok {
		p.Add("Tracing", "the collector image %s is on ECR Public, which tasks without NAT cannot reach; add an ecr-public rule to the network's pullThroughCache (PullThroughCache: [{Upstream: \"ecr-public\"}])", AdotCollectorImage)
	}
}

// quoted quotes each value.
func quoted(v []string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// tracingPolicy is the task role's policy for the collector: the X-Ray
// actions on "*" and the EMF writes on the one metrics log group of the
// account and region of logGroupArn (the service's log group).
func tracingPolicy(logGroupArn string) piece.PolicyDocument {
	parts := strings.SplitN(logGroupArn, ":", 6)
	for len(parts) < 6 {
		parts = append(parts, "*") // not a log group ARN: any account
	}
	group := fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", parts[1], parts[3], parts[4], collectorMetricsLogGroup)
	return piece.PolicyDocument{
		Version: "2012-10-17",
		Statement: []piece.Statement{
			{Sid: "XRay", Effect: "Allow", Action: xrayActions, Resource: []string{"*"}},
			{Sid: "CollectorMetrics", Effect: "Allow", Action: emfActions, Resource: []string{group, group + ":*"}},
		},
	}
}
