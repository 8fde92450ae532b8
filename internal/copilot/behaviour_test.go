package copilot

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// convertFiles converts a workspace of files (path to body) without
// planning its stacks.
func convertFiles(t *testing.T, files map[string]string) *Result {
	t.Helper()
	dir := writeWorkspace(t, files)
	opts := testOptions(t, dir)
	opts.Plan = false
	res, err := ReadAndConvert(dir, opts)
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	return res
}

// stackOf is a generated stack file's config, by key.
func stackOf(t *testing.T, res *Result, path string) map[string]any {
	t.Helper()
	data := res.File(filepath.ToSlash(path))
	if data == nil {
		t.Fatalf("%s was not written", path)
	}
	var f struct {
		Config map[string]any `yaml:"config"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f.Config
}

// TestWebServiceKeepsCopilotsTargetGroupDefaults checks that a web
// service whose manifest sets no health check settings gets Copilot's
// defaults written out, not the components' own. Copilot's manifest
// reference (aws/copilot-cli site/content/docs/include/
// http-healthcheck.en.md and manifest/lb-web-service.en.md) documents
// success_codes 200, healthy_threshold 5, unhealthy_threshold 2,
// interval 30s, timeout 5s, grace_period 60s and deregistration_delay
// 60s. Elastic Load Balancing takes a health check timeout only below
// the interval, so an interval of 5s set in the manifest leaves the
// timeout out.
func TestWebServiceKeepsCopilotsTargetGroupDefaults(t *testing.T) {
	res := convertFiles(t, base(map[string]string{"copilot/api/manifest.yml": web}))
	got := stackOf(t, res, "api/Pulumi.dev.yaml")
	want := map[string]any{
		"shop-api:healthCheckMatcher": "200", "shop-api:healthyThreshold": 5, "shop-api:unhealthyThreshold": 2,
		"shop-api:healthCheckInterval": 30, "shop-api:healthCheckTimeout": 5, "shop-api:healthCheckGracePeriod": 60,
		"shop-api:deregistrationDelay": 60,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("api/Pulumi.dev.yaml: %s = %v, want Copilot's default %v", k, got[k], v)
		}
	}
	md := string(res.File("MIGRATION.md"))
	if !strings.Contains(md, "Copilot's default for http.healthcheck.interval (30)") {
		t.Error("MIGRATION.md does not list healthCheckInterval among the keys the converter added")
	}

	res = convertFiles(t, base(map[string]string{"copilot/api/manifest.yml": strings.Replace(web, "  path: /\n", "  path: /\n  healthcheck:\n    interval: 5s\n", 1)}))
	got = stackOf(t, res, "api/Pulumi.dev.yaml")
	if _, ok := got["shop-api:healthCheckTimeout"]; ok || got["shop-api:healthCheckInterval"] != 5 {
		t.Errorf("with interval 5s: healthCheckInterval = %v, healthCheckTimeout = %v; want 5 and no timeout", got["shop-api:healthCheckInterval"], got["shop-api:healthCheckTimeout"])
	}
}

// TestRollbackAlarmThresholdsSayTheRollbackIsNotCarried checks that a
// CPU rollback alarm is not carried silently as a notifying alarm.
// Copilot's manifest reference (deployment.rollback_alarms in
// lb-web-service.en.md) makes an alarm at the threshold that rolls the
// deployment back; the components' CPU and memory alarms only notify,
// and their deployments roll back on target 5xx and unhealthy hosts.
func TestRollbackAlarmThresholdsSayTheRollbackIsNotCarried(t *testing.T) {
	res := convertFiles(t, base(map[string]string{"copilot/api/manifest.yml": web + "deployment:\n  rollback_alarms:\n    cpu_utilization: 70\n"}))
	got := stackOf(t, res, "api/Pulumi.dev.yaml")
	if got["shop-api:alarms"] != true {
		t.Errorf("api/Pulumi.dev.yaml: alarms = %v, want true", got["shop-api:alarms"])
	}
	md := string(res.File("MIGRATION.md"))
	for _, want := range []string{
		"| `deployment.rollback_alarms` | a map of thresholds",
		"the rollback is not carried: the CPU alarm notifies at Copilot's threshold",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("MIGRATION.md lacks %q", want)
		}
	}
	if strings.Contains(md, "the list form names existing") {
		t.Error("MIGRATION.md gives the list form's reason for a map of thresholds")
	}
}

// TestOnlyWebServicesCallEveryBackend checks that a web service calls
// every backend of its environment, as Copilot let every service reach
// every backend, and that backends, workers and jobs are given no calls
// but are each named in MIGRATION.md: the components refuse a call cycle
// between backends, and only web services and backends are Service
// Connect clients.
func TestOnlyWebServicesCallEveryBackend(t *testing.T) {
	backend := func(name string) string {
		return "name: " + name + "\ntype: Backend Service\nimage:\n  build: " + name + "/Dockerfile\n  port: 8080\n"
	}
	res := convertFiles(t, base(map[string]string{
		"copilot/api/manifest.yml":     web,
		"copilot/a/manifest.yml":       backend("a"),
		"copilot/b/manifest.yml":       backend("b"),
		"copilot/mailer/manifest.yml":  "name: mailer\ntype: Worker Service\nimage:\n  build: mailer/Dockerfile\n",
		"copilot/nightly/manifest.yml": "name: nightly\ntype: Scheduled Job\nimage:\n  build: nightly/Dockerfile\non:\n  schedule: '@daily'\n",
	}))
	calls := stackOf(t, res, "api/Pulumi.dev.yaml")["shop-api:calls"]
	if want := []any{"organization/shop-a/dev", "organization/shop-b/dev"}; !slices.Equal(asSlice(calls), want) {
		t.Errorf("api/Pulumi.dev.yaml: calls = %v, want %v", calls, want)
	}
	for _, p := range []string{"a/Pulumi.dev.yaml", "b/Pulumi.dev.yaml", "mailer/Pulumi.dev.yaml", "nightly/Pulumi.dev.yaml"} {
		for k := range stackOf(t, res, p) {
			if strings.HasSuffix(k, ":calls") {
				t.Errorf("%s: has %s; only web services are given calls", p, k)
			}
		}
	}
	md := string(res.File("MIGRATION.md"))
	for _, want := range []string{
		"The backend a reaches no backend (b) until you add `calls` to its stacks by hand",
		"The backend b reaches no backend (a) until you add `calls` to its stacks by hand",
		"The worker mailer reaches no backend (a, b): ",
		"The scheduled job nightly reaches no backend (a, b): ",
		"only web services and backends call backends through Service Connect",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("MIGRATION.md lacks %q", want)
		}
	}
}

// asSlice is a YAML list as a slice, nil for anything else.
func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// TestAlarmsTurnContainerInsightsOn checks that an environment whose
// service has alarms gets Container Insights on, whether its manifest
// left them at Copilot's default (off) or turned them off, and that one
// with no alarms keeps them off. The components' RunningTasks alarm
// reads RunningTaskCount and DesiredTaskCount in the
// ECS/ContainerInsights namespace, which ECS publishes only for a
// cluster with Container Insights on (Amazon ECS Developer Guide,
// "Amazon ECS Container Insights metrics").
func TestAlarmsTurnContainerInsightsOn(t *testing.T) {
	alarmed := web + "deployment:\n  rollback_alarms:\n    cpu_utilization: 70\n"
	res := convertFiles(t, base(map[string]string{
		"copilot/environments/stage/manifest.yml": "name: stage\ntype: Environment\nobservability:\n  container_insights: false\n",
		"copilot/api/manifest.yml":                alarmed,
	}))
	for _, env := range []string{"dev", "stage"} {
		if got := stackOf(t, res, "platform/Pulumi."+env+".yaml")["shop-platform:containerInsights"]; got != "enabled" {
			t.Errorf("platform/Pulumi.%s.yaml: containerInsights = %v, want enabled for api's alarms", env, got)
		}
	}
	md := string(res.File("MIGRATION.md"))
	for _, want := range []string{"`shop-platform:containerInsights` = `enabled`, not disabled", "the project's price table does not price it"} {
		if !strings.Contains(md, want) {
			t.Errorf("MIGRATION.md lacks %q", want)
		}
	}

	res = convertFiles(t, base(map[string]string{"copilot/api/manifest.yml": web}))
	if got := stackOf(t, res, "platform/Pulumi.dev.yaml")["shop-platform:containerInsights"]; got != "disabled" {
		t.Errorf("with no alarms: containerInsights = %v, want Copilot's disabled", got)
	}
}

// TestScalarCountOverrideReplacesTheMap checks that an environment's
// scalar count replaces the manifest's autoscaling map, as Copilot's
// override does (a value of another shape replaces the manifest's), and
// that MIGRATION.md says what count became in each environment.
func TestScalarCountOverrideReplacesTheMap(t *testing.T) {
	res := convertFiles(t, base(map[string]string{
		"copilot/api/manifest.yml": web + "count:\n  range: 1-4\n  cpu_percentage: 70\nenvironments:\n  stage:\n    count: 2\n",
	}))
	stage := stackOf(t, res, "api/Pulumi.stage.yaml")
	if stage["shop-api:desiredCount"] != 2 || stage["shop-api:autoscaling"] != nil || stage["shop-api:scalingPolicies"] != nil {
		t.Errorf("api/Pulumi.stage.yaml: desiredCount %v, autoscaling %v, scalingPolicies %v; want 2 and no scaling",
			stage["shop-api:desiredCount"], stage["shop-api:autoscaling"], stage["shop-api:scalingPolicies"])
	}
	if dev := stackOf(t, res, "api/Pulumi.dev.yaml"); dev["shop-api:autoscaling"] == nil {
		t.Error("api/Pulumi.dev.yaml: no autoscaling from the manifest's count.range")
	}
	md := string(res.File("MIGRATION.md"))
	if strings.Contains(md, "a converter bug") {
		t.Error("MIGRATION.md reports a converter bug for count")
	}
	if want := "| `count` | dev: a map here: the fields under it say what each became<br>stage: `shop-api:desiredCount` = `2` |"; !strings.Contains(md, want) {
		t.Errorf("MIGRATION.md lacks %q", want)
	}
}

// TestRefusedExecTakesItsEndpointOff checks that the platform is derived
// again once a refused key is taken out of a service stack: the refused
// case's site asks for ECS Exec with a read-only root filesystem, which
// the components refuse (the SSM agent ECS Exec runs in the task writes
// to the root filesystem), so neither the platform's exec logging nor
// the ssmmessages endpoint that only ECS Exec needs may stay.
func TestRefusedExecTakesItsEndpointOff(t *testing.T) {
	res := convertCase(t, "refused")
	if got := stackOf(t, res, "site/Pulumi.dev.yaml")["odd-site:enableExecuteCommand"]; got != nil {
		t.Fatalf("site/Pulumi.dev.yaml: enableExecuteCommand = %v, want it left out", got)
	}
	platform := stackOf(t, res, "platform/Pulumi.dev.yaml")
	if got, ok := platform["odd-platform:exec"]; ok {
		t.Errorf("platform/Pulumi.dev.yaml: exec = %v, want none with ECS Exec refused", got)
	}
	if eps, _ := platform["odd-platform:endpoints"].([]any); slices.Contains(eps, any("ssmmessages")) {
		t.Errorf("platform/Pulumi.dev.yaml: endpoints = %v, want no ssmmessages with ECS Exec refused", eps)
	}
}

// TestPlatformRefusalNamesTheField converts the shop workspace for a
// region its zones and certificate are not in, which the platform
// program refuses (an availability zone and an ACM certificate serve only
// their own region), and checks that each refusal names the manifest
// line and field that set the refused key.
func TestPlatformRefusalNamesTheField(t *testing.T) {
	dir := filepath.Join("testdata", "shop")
	opts := testOptions(t, dir)
	opts.Region, opts.RegionGiven = "eu-west-1", true
	_, err := ReadAndConvert(dir, opts)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want the platform program's refusals", err)
	}
	var got []string
	for _, p := range e.Problems {
		got = append(got, p.String())
	}
	for _, want := range []string{
		"copilot/environments/dev/manifest.yml:11: network.vpc.subnets.public[0].az: becomes shop-platform:availabilityZones[0], which the platform program refuses: \"us-east-1a\" is not a zone",
		"copilot/environments/dev/manifest.yml:13: network.vpc.subnets.public[1].az: becomes shop-platform:availabilityZones[1], which the platform program refuses: \"us-east-1b\" is not a zone",
		"copilot/environments/prod/manifest.yml:18: http.public.certificates: becomes shop-platform:loadBalancers[0].certificateArn, which the platform program refuses: ",
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, want) }) {
			t.Errorf("no problem starts with %q; got:\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestPublicEnvironmentHadNoNAT checks the cost of an environment whose
// services Copilot placed in public subnets: Copilot made no NAT gateway
// there (network.vpc.placement: public, Copilot's default, gives each
// task a public IP; the Copilot manifest reference, include/network.en.md:
// "Defaults to launching your tasks in public subnets"), so its way out
// is priced as $0 of NAT and a public IPv4 address per task ($0.005 an hour in the price table), and
// the table does not say the endpoints cost less.
func TestPublicEnvironmentHadNoNAT(t *testing.T) {
	res := convertFiles(t, base(map[string]string{"copilot/api/manifest.yml": web + "count: 3\n"}))
	md := string(res.File("MIGRATION.md"))
	want := "| dev | 2 | $0.00 NAT; $10.95 public IPs (3 tasks × $0.005 × 730 h) | $43.80 (3 endpoints: ecr.api, ecr.dkr, logs) | $0 (public IPs) / $0.01 | never: "
	if !strings.Contains(md, want) {
		t.Errorf("MIGRATION.md lacks the cost row %q", want)
	}
	if strings.Contains(md, "$73.00") {
		t.Error("MIGRATION.md prices NAT gateways Copilot never made")
	}
}
