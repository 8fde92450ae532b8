package infra_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/examples/shared-platform/infra"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

var update = flag.Bool("update", false, "rewrite testdata/dev.golden")

// projectDir holds the example's Pulumi.yaml and stack files.
const projectDir = ".."

const (
	tListenerRule = "aws:lb/listenerRule:ListenerRule"
	tService      = "aws:ecs/service:Service"
	tCluster      = "aws:ecs/cluster:Cluster"
	tTaskDef      = "aws:ecs/taskDefinition:TaskDefinition"
	tRolePolicy   = "aws:iam/rolePolicy:RolePolicy"
	tCapProviders = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
	tEndpoint     = "aws:ec2/vpcEndpoint:VpcEndpoint"
	tSecret       = "aws:secretsmanager/secret:Secret"
	tImage        = "awsx:ecr:Image"
	tNat          = "aws:ec2/natGateway:NatGateway"
	tRecord       = "aws:route53/record:Record"
)

// runDev runs the example's dev stack the way the offline plan does: the
// stack files read like the CLI, the program under mocks.
func runDev(t *testing.T) *awsmock.Mocks {
	t.Helper()
	files, err := stacks.LoadStackFiles(projectDir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	m := awsmock.New(files.Config["aws:region"])
	if id, name, domain := files.HostedZone(); domain != "" {
		m.AddHostedZone(id, name, domain)
	}
	if err := pulumi.RunErr(infra.Program, files.RunOption(m)); err != nil {
		t.Fatalf("dev stack: %v", err)
	}
	return m
}

// The golden list shows every resource the dev stack registers (type,
// name, parent, key inputs): a rename or a replacement shows as a diff.
func TestDevStackGolden(t *testing.T) {
	awsmock.CheckGolden(t, filepath.Join("testdata", "dev.golden"), awsmock.Golden(runDev(t)), *update, "./examples/shared-platform/...")
}

// Fact: listener rule priorities are unique per listener, 1 to 50000, and
// the lowest matching one wins (ELB User Guide, "Listener rules"). The
// catch-all web rule is last so that /api/* and the admin host reach their
// services; the derived priorities are pinned here because a moved
// priority is a changed rule in every deployed stack.
func TestDevStackListenerRules(t *testing.T) {
	m := runDev(t)
	tests := []struct {
		service    string
		priority   int
		conditions []map[string]any
	}{
		{infra.Web, 50000, []map[string]any{{"pathPattern": map[string]any{"values": []string{"/*"}}}}},
		{infra.API, 33498, []map[string]any{{"pathPattern": map[string]any{"values": []string{"/api/*"}}}}},
		{infra.Admin, 3988, []map[string]any{{"hostHeader": map[string]any{"values": []string{"admin.example.com"}}}}},
	}
	seen := map[float64]string{}
	for _, tt := range tests {
		r := awsmock.MustFind(t, m, tListenerRule, tt.service+"-rule")
		awsmock.ExpectInput(t, r, "listenerArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/edge-https")
		awsmock.ExpectInput(t, r, "priority", tt.priority)
		awsmock.ExpectInput(t, r, "conditions", tt.conditions)
		p, _ := r.Inputs.Mappable()["priority"].(float64)
		if other, dup := seen[p]; dup {
			t.Errorf("%s: priority %v is also %s's", r.URN, p, other)
		}
		seen[p] = tt.service
		if p < 1 || p > 50000 {
			t.Errorf("%s: priority %v is outside 1..50000", r.URN, p)
		}
	}
	if n := len(m.ByType(tListenerRule)); n != 3 {
		t.Errorf("%d listener rules registered, want one per service (3)", n)
	}
}

// The shared load balancer serves HTTPS for the domain, and its one
// certificate covers the admin service's host too: each name has its DNS
// validation record and its alias record in the zone, the HTTPS listener
// waits for the validation and carries the services' rules, and port 80
// redirects. Fact: an ALB listener serves one default certificate, and a
// host the certificate does not name gets a certificate warning (ELB
// User Guide, "SSL certificates"), so every routed host is on it.
func TestDevStackServesHttpsForTheDomainAndTheAdminHost(t *testing.T) {
	m := runDev(t)
	cert := awsmock.MustFind(t, m, "aws:acm/certificate:Certificate", "edge-cert")
	awsmock.ExpectInput(t, cert, "domainName", "app.example.com")
	awsmock.ExpectInput(t, cert, "subjectAlternativeNames", []string{"admin.example.com"})
	zone := m.HostedZones[0].Id
	for _, host := range []string{"app.example.com", "admin.example.com"} {
		awsmock.ExpectInput(t, awsmock.MustFind(t, m, tRecord, "edge-cert-validation-"+host), "zoneId", zone)
		alias := awsmock.MustFind(t, m, tRecord, "edge-alias-a-"+host)
		awsmock.ExpectInput(t, alias, "name", host)
		awsmock.ExpectInput(t, alias, "aliases", []map[string]any{{"name": "edge-alb-1234567890.us-east-1.elb.amazonaws.com", "zoneId": "Z35SXDOTRQ7X7K", "evaluateTargetHealth": true}})
	}
	validation := awsmock.MustFind(t, m, "aws:acm/certificateValidation:CertificateValidation", "edge-cert-validation")
	https := awsmock.MustFind(t, m, "aws:lb/listener:Listener", "edge-https")
	if !slices.Contains(https.Dependencies, validation.URN) {
		t.Errorf("%s does not wait for %s", https.URN, validation.URN)
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:lb/listener:Listener", "edge-http"), "defaultActions", []map[string]any{{"type": "redirect",
		"redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}})
	alb := awsmock.MustFind(t, m, "aws:lb/loadBalancer:LoadBalancer", "edge-alb")
	awsmock.ExpectInput(t, alb, "accessLogs", map[string]any{"bucket": "edge-alb-logs-0a1b2c3", "enabled": true})
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:s3/bucketV2:BucketV2", "edge-alb-logs"), "forceDestroy", true)
}

// Fact: a service sets a capacity provider strategy that never mixes
// Fargate with an Auto Scaling group provider, and the cluster has one
// ClusterCapacityProviders naming every provider its services use
// (BRIEF facts 7 and 16: a second association would overwrite the first).
func TestDevStackCapacity(t *testing.T) {
	m := runDev(t)
	assoc := m.ByType(tCapProviders)
	if len(assoc) != 1 {
		t.Fatalf("%d ClusterCapacityProviders registered, want exactly 1", len(assoc))
	}
	awsmock.ExpectInput(t, assoc[0], "clusterName", "apps-cluster")
	awsmock.ExpectInput(t, assoc[0], "capacityProviders", []string{"FARGATE", "FARGATE_SPOT", "apps-admin-ec2"})
	for _, tt := range []struct {
		service, provider, compatibility string
	}{
		{infra.Web, "FARGATE", "FARGATE"},
		{infra.API, "FARGATE_SPOT", "FARGATE"},
		{infra.Admin, "apps-admin-ec2", "EC2"},
	} {
		svc := awsmock.MustFind(t, m, tService, tt.service+"-service")
		awsmock.ExpectInput(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": tt.provider, "base": 0, "weight": 1}})
		if lt, ok := svc.Inputs.Mappable()["launchType"]; ok && lt != nil {
			t.Errorf("%s: launchType %v beside a strategy; ECS takes one or the other", svc.URN, lt)
		}
		if !slices.Contains(svc.Dependencies, assoc[0].URN) {
			t.Errorf("%s does not wait for the capacity provider association", svc.URN)
		}
		awsmock.ExpectInput(t, awsmock.MustFind(t, m, tTaskDef, tt.service+"-task"), "requiresCompatibilities", []string{tt.compatibility})
	}
}

// Fact: without NAT, a task reading a Secrets Manager secret needs the
// secretsmanager endpoint (BRIEF fact 2), and a VPC holds one endpoint per
// service name (fact 14): the network creates each endpoint once and tags
// who needs it. The secret the api reads is created by the program and
// reaches the api's container and execution role as an Output: the role
// may read exactly that secret (ECS docs, "Required IAM permissions for
// Amazon ECS secrets": secretsmanager:GetSecretValue on the secret).
func TestDevStackEndpointsAndSecret(t *testing.T) {
	m := runDev(t)
	if nats := m.ByType(tNat); len(nats) != 0 {
		t.Errorf("%s registered; the example has no NAT gateway", nats[0].URN)
	}
	want := map[string]string{
		"ecr.api": "admin api ledger settlements web", "ecr.dkr": "admin api ledger settlements web", "logs": "admin api ledger settlements web",
		"s3": "admin api ledger settlements web", "sqs": "settlements",
		"secretsmanager": "api", "ecs": "admin", "ecs-agent": "admin api ledger", "ecs-telemetry": "admin",
		"ssmmessages": "api", "kms": "api", "xray": "api",
	}
	got := map[string]string{}
	for _, e := range m.ByType(tEndpoint) {
		in := e.Inputs.Mappable()
		svc := strings.TrimPrefix(in["serviceName"].(string), "com.amazonaws.us-east-1.")
		tags, _ := in["tags"].(map[string]any)
		got[svc], _ = tags["needed-by"].(string)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("endpoints and the services that need them (-want +got):\n%s", diff)
	}
	secret := awsmock.MustFind(t, m, tSecret, "api-db")
	awsmock.ExpectInput(t, secret, "recoveryWindowInDays", 7)
	// The secret is under the platform key (AWS-0098, CKV_AWS_149), and
	// only the api's execution role may decrypt with it: Secrets Manager
	// decrypts a secret with the caller's kms:Decrypt on its key (Secrets
	// Manager user guide, "Secret encryption and decryption in AWS
	// Secrets Manager").
	keyArn := awsmock.MustFind(t, m, "aws:kms/key:Key", "platform-key").Outputs["arn"].StringValue()
	awsmock.ExpectInput(t, secret, "kmsKeyId", keyArn)

	const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-db-AbCdEf"
	defs, _ := awsmock.MustFind(t, m, tTaskDef, "api-task").Inputs.Mappable()["containerDefinitions"].(string)
	if want := `"secrets":[{"name":"DB_PASSWORD","valueFrom":"` + arn + `"}]`; !strings.Contains(defs, want) {
		t.Errorf("api's container does not read the secret: want %s in\n%s", want, defs)
	}
	for _, svc := range []string{infra.Web, infra.API, infra.Admin} {
		policy := awsmock.MustFind(t, m, tRolePolicy, svc+"-execution-policy")
		doc, _ := policy.Inputs.Mappable()["policy"].(string)
		reads := strings.Contains(doc, `"Sid":"ReadSecrets","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["`+arn+`"]`)
		if reads != (svc == infra.API) {
			t.Errorf("%s: grants reading the secret = %v, want %v:\n%s", policy.URN, reads, svc == infra.API, doc)
		}
		decrypts := strings.Contains(doc, `"Action":["kms:Decrypt"],"Resource":["`+keyArn+`"]`)
		if decrypts != (svc == infra.API) {
			t.Errorf("%s: grants kms:Decrypt on the platform key = %v, want %v:\n%s", policy.URN, decrypts, svc == infra.API, doc)
		}
		if svc == infra.API && !slices.Contains(policy.Dependencies, secret.URN) {
			t.Errorf("%s does not wait for the secret %s whose ARN it names", policy.URN, secret.URN)
		}
	}
}

// The api scales between 1 and 4 tasks on CPU and on requests per task,
// labelled with the shared ALB's and its own target group's ARN suffixes,
// and ignores desiredCount once it scales (BRIEF fact 17); its alarms
// name its own target group, cluster and service, notify its topic, and
// its deployments roll back on the 5xx and unhealthy-host ones. Web and
// admin have neither.
func TestDevStackScalesAndWatchesTheApi(t *testing.T) {
	m := runDev(t)
	target := awsmock.MustFind(t, m, "aws:appautoscaling/target:Target", "api-scaling")
	awsmock.ExpectInput(t, target, "resourceId", "service/apps-cluster/api-service")
	awsmock.ExpectInput(t, target, "scalableDimension", "ecs:service:DesiredCount")
	awsmock.ExpectInput(t, target, "minCapacity", 1)
	awsmock.ExpectInput(t, target, "maxCapacity", 4)
	policy := awsmock.MustFind(t, m, "aws:appautoscaling/policy:Policy", "api-scaling-requests")
	awsmock.ExpectInput(t, policy, "targetTrackingScalingPolicyConfiguration", map[string]any{
		"predefinedMetricSpecification": map[string]any{
			"predefinedMetricType": "ALBRequestCountPerTarget",
			"resourceLabel":        "app/edge-alb/0123456789abcdef/targetgroup/api-tg/0123456789abcdef",
		},
		"targetValue": 500, "scaleInCooldown": 300, "scaleOutCooldown": 60,
	})
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:appautoscaling/policy:Policy", "api-scaling-cpu"), "targetTrackingScalingPolicyConfiguration", map[string]any{
		"predefinedMetricSpecification": map[string]any{"predefinedMetricType": "ECSServiceAverageCPUUtilization"},
		"targetValue":                   70, "scaleInCooldown": 300, "scaleOutCooldown": 60,
	})
	svc := awsmock.MustFind(t, m, tService, "api-service")
	if !slices.Equal(svc.IgnoreChanges, []string{"desiredCount"}) {
		t.Errorf("%s: ignoreChanges %v, want [desiredCount]", svc.URN, svc.IgnoreChanges)
	}
	awsmock.ExpectInput(t, svc, "alarms", map[string]any{"alarmNames": []string{"api-alarm-target-5xx", "api-alarm-unhealthy-hosts"}, "enable": true, "rollback": true})

	const topic = "arn:aws:sns:us-east-1:123456789012:api-alarms"
	tg := map[string]any{"LoadBalancer": "app/edge-alb/0123456789abcdef", "TargetGroup": "targetgroup/api-tg/0123456789abcdef"}
	ecs := map[string]any{"ClusterName": "apps-cluster", "ServiceName": "api-service"}
	for name, dims := range map[string]map[string]any{
		"api-alarm-unhealthy-hosts": tg, "api-alarm-response-time-p99": tg, "api-alarm-cpu-high": ecs, "api-alarm-memory-high": ecs,
	} {
		a := awsmock.MustFind(t, m, "aws:cloudwatch/metricAlarm:MetricAlarm", name)
		awsmock.ExpectInput(t, a, "dimensions", dims)
		awsmock.ExpectInput(t, a, "alarmActions", []string{topic})
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:cloudwatch/metricAlarm:MetricAlarm", "api-alarm-target-5xx"), "metricQueries", []map[string]any{
		{"id": "errors", "returnData": false, "metric": map[string]any{"namespace": "AWS/ApplicationELB", "metricName": "HTTPCode_Target_5XX_Count", "stat": "Sum", "period": 60, "dimensions": tg}},
		{"id": "requests", "returnData": false, "metric": map[string]any{"namespace": "AWS/ApplicationELB", "metricName": "RequestCount", "stat": "Sum", "period": 60, "dimensions": tg}},
		{"id": "result", "returnData": true, "expression": "100 * FILL(errors, 0) / requests", "label": "Percent of the target group's requests the tasks answered with 5xx"},
	})
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:cloudwatch/metricAlarm:MetricAlarm", "api-alarm-running-tasks-low"), "metricQueries", []map[string]any{
		{"id": "desired", "returnData": false, "metric": map[string]any{"namespace": "ECS/ContainerInsights", "metricName": "DesiredTaskCount", "stat": "Average", "period": 60, "dimensions": ecs}},
		{"id": "running", "returnData": false, "metric": map[string]any{"namespace": "ECS/ContainerInsights", "metricName": "RunningTaskCount", "stat": "Average", "period": 60, "dimensions": ecs}},
		{"id": "result", "returnData": true, "expression": "desired - running", "label": "Tasks the service runs below its desired count"},
	})
	if n := len(m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")); n != 6 {
		t.Errorf("%d alarms, want the api's 6 (no alb-5xx on a shared load balancer)", n)
	}
	for _, s := range []string{infra.Web, infra.Admin} {
		if r := m.Find("aws:appautoscaling/target:Target", s+"-scaling"); r != nil {
			t.Errorf("%s: %s scales; only the api does", r.URN, s)
		}
	}
}

// The images build from the repository's sample app: the context is
// relative to the project directory, where pulumi runs the program, and
// must hold the Dockerfile.
func TestDevStackBuildsTheSampleApp(t *testing.T) {
	m := runDev(t)
	images := m.ByType(tImage)
	if len(images) != 5 {
		t.Fatalf("%d images registered, want one per service (5)", len(images))
	}
	for _, img := range images {
		awsmock.ExpectInput(t, img, "context", "../../app")
		awsmock.ExpectInput(t, img, "dockerfile", "../../app/Dockerfile")
	}
	if _, err := os.Stat(filepath.Join(projectDir, "../../app/Dockerfile")); err != nil {
		t.Errorf("the build context does not hold the app's Dockerfile from the project directory: %v", err)
	}
}

// A stack without the admin host is refused by key, with the fix, before
// anything is registered.
func TestConfigErrorsNameTheKey(t *testing.T) {
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"Pulumi.yaml":     string(proj),
		"Pulumi.bad.yaml": "config:\n  aws:region: us-east-1\n  shared-platform:adminHost: \"\"\n  shared-platform:appPath: \" \"\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := stacks.LoadStackFiles(dir, "bad")
	if err != nil {
		t.Fatal(err)
	}
	m := awsmock.New("us-east-1")
	err = pulumi.RunErr(infra.Program, files.RunOption(m))
	for _, want := range []string{"shared-platform:adminHost: not set", "pulumi config set adminHost", "shared-platform:appPath: not set"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	for _, r := range m.Resources() {
		if r.Type != "pulumi:pulumi:Stack" {
			t.Errorf("%s registered although the config was refused", r.URN)
		}
	}
}

// The api takes ECS Exec sessions, logged by the cluster and encrypted
// with the platform's key, which also keeps the api's logs and images; the
// VPC's traffic is recorded by its flow log. Only the api gets the exec
// grant and the key: the other services keep AWS-owned keys.
func TestDevStackExecKeyAndFlowLogs(t *testing.T) {
	m := runDev(t)
	key := awsmock.MustFind(t, m, "aws:kms/key:Key", "platform-key")
	awsmock.ExpectInput(t, key, "enableKeyRotation", true)
	arn := key.Outputs["arn"].StringValue()

	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tService, "api-service"), "enableExecuteCommand", true)
	if v := awsmock.MustFind(t, m, tService, "web-service").Inputs.Mappable()["enableExecuteCommand"]; v != nil {
		t.Errorf("web-service: enableExecuteCommand %v; only the api asked for it", v)
	}
	exec := awsmock.MustFind(t, m, tCluster, "apps-cluster").Inputs.Mappable()["configuration"].(map[string]any)["executeCommandConfiguration"].(map[string]any)
	if exec["kmsKeyId"] != arn || exec["logging"] != "OVERRIDE" {
		t.Errorf("apps-cluster exec configuration %v, want OVERRIDE logging under %s", exec, arn)
	}
	policy, _ := awsmock.MustFind(t, m, tRolePolicy, "api-exec-policy").Inputs.Mappable()["policy"].(string)
	for _, want := range []string{`"ssmmessages:OpenDataChannel"`, `"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:apps-exec-logs:*"]`, `"Action":["kms:Decrypt"],"Resource":["` + arn + `"]`} {
		if !strings.Contains(policy, want) {
			t.Errorf("api-exec-policy lacks %s:\n%s", want, policy)
		}
	}
	for _, lg := range []string{"api-logs", "apps-exec-logs"} {
		awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:cloudwatch/logGroup:LogGroup", lg), "kmsKeyId", arn)
	}
	if v := awsmock.MustFind(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-logs").Inputs.Mappable()["kmsKeyId"]; v != nil {
		t.Errorf("web-logs is under key %v; only the api's are", v)
	}
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, "aws:cloudwatch/logGroup:LogGroup", "main-flow-logs"), "kmsKeyId", arn)
	fl := awsmock.MustFind(t, m, "aws:ec2/flowLog:FlowLog", "main-flow-logs")
	awsmock.ExpectInput(t, fl, "trafficType", "ALL")
	awsmock.ExpectInput(t, fl, "logDestination", "arn:aws:logs:us-east-1:123456789012:log-group:main-flow-logs")
}

// The api runs the tracing collector beside its app, pulled through the
// network's ECR Public cache rule: tasks without NAT cannot reach
// public.ecr.aws (BRIEF fact 3), but the ECR endpoints can, because ECR
// fetches the upstream image itself (BRIEF fact 19; ECR user guide,
// "Sync an upstream registry with an Amazon ECR private registry").
func TestApiRunsItsCollectorPulledThroughTheCache(t *testing.T) {
	m := runDev(t)
	rule := awsmock.MustFind(t, m, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "main-cache-ecr-public")
	if got := rule.Inputs.Mappable()["upstreamRegistryUrl"]; got != "public.ecr.aws" {
		t.Errorf("%s: upstreamRegistryUrl = %v, want public.ecr.aws", rule.URN, got)
	}
	td := awsmock.MustFind(t, m, "aws:ecs/taskDefinition:TaskDefinition", "api-task")
	defs, _ := td.Inputs.Mappable()["containerDefinitions"].(string)
	if !strings.Contains(defs, `/ecr-public/aws-observability/aws-otel-collector:`) {
		t.Errorf("%s: the collector sidecar is not pulled through the cache: %s", td.URN, defs)
	}
}

// The api calls the ledger through ECS Service Connect (ECS developer
// guide, "Service Connect components"): the ledger publishes its app's
// port under its name in the cluster's namespace, with one client alias
// and its port (ServiceConnectService: at least one clientAlias with a
// port); the api joins the namespace as a client only; the ledger's
// proxy listens on the container port, so its group admits the api's
// group there alone, and the api's group may send there alone; and the
// api's service waits for the ledger's, because a client's proxy
// resolves only the names that exist when its tasks start.
func TestDevStackApiCallsTheLedgerThroughServiceConnect(t *testing.T) {
	m := runDev(t)
	ns := awsmock.MustFind(t, m, "aws:servicediscovery/httpNamespace:HttpNamespace", "apps-namespace")
	awsmock.ExpectInput(t, ns, "name", "apps")
	nsArn := ns.Outputs["arn"].StringValue()
	awsmock.ExpectInput(t, awsmock.MustFind(t, m, tCluster, "apps-cluster"), "serviceConnectDefaults", map[string]any{"namespace": nsArn})

	logs := func(group string) map[string]any {
		return map[string]any{"logDriver": "awslogs", "options": map[string]any{
			"awslogs-group": group, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "service-connect",
		}}
	}
	ledger := awsmock.MustFind(t, m, tService, "ledger-service")
	awsmock.ExpectInput(t, ledger, "serviceConnectConfiguration", map[string]any{
		"enabled": true, "namespace": nsArn, "logConfiguration": logs("ledger-logs"),
		"services": []map[string]any{{
			"portName": "ledger", "discoveryName": "ledger",
			"clientAlias": []map[string]any{{"dnsName": "ledger", "port": infra.LedgerPort}},
		}},
	})
	api := awsmock.MustFind(t, m, tService, "api-service")
	awsmock.ExpectInput(t, api, "serviceConnectConfiguration", map[string]any{
		"enabled": true, "namespace": nsArn, "logConfiguration": logs("api-logs"),
	})
	if !slices.Contains(api.Dependencies, ledger.URN) {
		t.Errorf("%s does not wait for %s, whose name its proxy must resolve at start", api.URN, ledger.URN)
	}
	defs, _ := awsmock.MustFind(t, m, tTaskDef, "ledger-task").Inputs.Mappable()["containerDefinitions"].(string)
	if want := `"portMappings":[{"containerPort":8080,"hostPort":8080,"name":"ledger","appProtocol":"http","protocol":"tcp"}]`; !strings.Contains(defs, want) {
		t.Errorf("ledger-task: the app's port is not named for Service Connect: want %s in\n%s", want, defs)
	}

	in := awsmock.MustFind(t, m, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "api-calls-ledger-in")
	out := awsmock.MustFind(t, m, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "api-calls-ledger-out")
	for _, c := range []struct {
		rule        *awsmock.Resource
		group, peer string
	}{{in, "ledger-task-sg_id", "api-task-sg_id"}, {out, "api-task-sg_id", "ledger-task-sg_id"}} {
		awsmock.ExpectInput(t, c.rule, "securityGroupId", c.group)
		awsmock.ExpectInput(t, c.rule, "referencedSecurityGroupId", c.peer)
		awsmock.ExpectInput(t, c.rule, "ipProtocol", "tcp")
		awsmock.ExpectInput(t, c.rule, "fromPort", infra.LedgerPort)
		awsmock.ExpectInput(t, c.rule, "toPort", infra.LedgerPort)
	}
	// The ledger has no route: nothing but the api reaches its tasks.
	for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		if r.Inputs.Mappable()["securityGroupId"] == "ledger-task-sg_id" && r != in {
			t.Errorf("%s admits traffic to the ledger's tasks; only the api's call rule may", r.URN)
		}
	}
}

// The settlements worker consumes a queue of its own (SQS developer
// guide, "Using dead-letter queues": a message received maxReceiveCount
// times moves to the dead-letter queue), subscribed to the ledger-events
// topic, which alone may send to it (SNS developer guide, "Subscribing an
// Amazon SQS queue to an Amazon SNS topic": principal sns.amazonaws.com,
// aws:SourceArn the topic); its task role may consume that queue only;
// and nothing reaches its tasks.
func TestDevStackSettlementsConsumesTheLedgerEvents(t *testing.T) {
	m := runDev(t)
	topicArn := awsmock.MustFind(t, m, "aws:sns/topic:Topic", "ledger-events").Outputs["arn"].StringValue()
	queue := awsmock.MustFind(t, m, "aws:sqs/queue:Queue", "settlements-queue")
	dlq := awsmock.MustFind(t, m, "aws:sqs/queue:Queue", "settlements-dlq")
	queueArn, dlqArn := queue.Outputs["arn"].StringValue(), dlq.Outputs["arn"].StringValue()
	awsmock.ExpectInput(t, queue, "redrivePolicy", `{"deadLetterTargetArn":"`+dlqArn+`","maxReceiveCount":5}`)
	awsmock.ExpectInput(t, queue, "sqsManagedSseEnabled", true)
	awsmock.ExpectInput(t, dlq, "messageRetentionSeconds", 1209600)
	sub := awsmock.MustFind(t, m, "aws:sns/topicSubscription:TopicSubscription", "settlements-subscription-0")
	awsmock.ExpectInput(t, sub, "topic", topicArn)
	awsmock.ExpectInput(t, sub, "protocol", "sqs")
	awsmock.ExpectInput(t, sub, "endpoint", queueArn)
	qp, _ := awsmock.MustFind(t, m, "aws:sqs/queuePolicy:QueuePolicy", "settlements-queue-policy").Inputs.Mappable()["policy"].(string)
	if want := `"Condition":{"ArnEquals":{"aws:SourceArn":["` + topicArn + `"]}}`; !strings.Contains(qp, want) {
		t.Errorf("settlements-queue-policy does not admit the ledger-events topic alone: want %s in\n%s", want, qp)
	}
	consume, _ := awsmock.MustFind(t, m, tRolePolicy, "settlements-consume-policy").Inputs.Mappable()["policy"].(string)
	if want := `"Resource":["` + queueArn + `"]`; !strings.Contains(consume, want) || !strings.Contains(consume, `"sqs:ReceiveMessage"`) {
		t.Errorf("settlements-consume-policy does not let the worker receive from its queue alone:\n%s", consume)
	}
	for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		if r.Inputs.Mappable()["securityGroupId"] == "settlements-task-sg_id" {
			t.Errorf("%s admits traffic to the worker's tasks; a worker takes none", r.URN)
		}
	}
}
