package stacks

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// projectDir holds Pulumi.yaml and the stack files.
const projectDir = ".."

// runStack evaluates the real program for a stack under mocks.
func runStack(t testing.TB, dir, stack string) (*awsmock.Mocks, error) {
	t.Helper()
	files, err := LoadStackFiles(dir, stack)
	if err != nil {
		return nil, err
	}
	m := awsmock.New(files.Config["aws:region"])
	if id, name, domain := files.HostedZone(); domain != "" {
		m.AddHostedZone(id, name, domain)
	}
	err = pulumi.RunErr(Program, files.RunOption(m))
	return m, err
}

func mustRunStack(t testing.TB, stack string) *awsmock.Mocks {
	t.Helper()
	m, err := runStack(t, projectDir, stack)
	if err != nil {
		t.Fatalf("stack %s: %v", stack, err)
	}
	return m
}

func find(t testing.TB, m *awsmock.Mocks, typ, name string) *awsmock.Resource {
	t.Helper()
	r := m.Find(typ, name)
	if r == nil {
		t.Fatalf("no %s named %s", typ, name)
	}
	return r
}

// input reads a top-level input as plain JSON-shaped data.
func input(r *awsmock.Resource, key string) any {
	v, ok := r.Inputs[resource.PropertyKey(key)]
	if !ok {
		return nil
	}
	return normalize(v.Mappable())
}

func normalize(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func expectInput(t testing.TB, r *awsmock.Resource, key string, want any) {
	t.Helper()
	if got := input(r, key); !reflect.DeepEqual(got, normalize(want)) {
		t.Errorf("%s: %s = %v, want %v", r.URN, key, got, normalize(want))
	}
}

func TestDevStackRunsOnFargateSpotAndTearsDownEasily(t *testing.T) {
	m := mustRunStack(t, "dev")
	svc := find(t, m, "aws:ecs/service:Service", "web-service")
	expectInput(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "FARGATE_SPOT", "base": 0, "weight": 1}})
	expectInput(t, svc, "launchType", nil)
	expectInput(t, svc, "desiredCount", 1)
	expectInput(t, find(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-logs"), "retentionInDays", 7)
	expectInput(t, find(t, m, "aws:ecr/repository:Repository", "web-repo"), "forceDelete", true)
	expectInput(t, find(t, m, "aws:lb/loadBalancer:LoadBalancer", "web-alb"), "enableDeletionProtection", false)
	td := find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task")
	expectInput(t, td, "runtimePlatform", map[string]any{"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"})
	if cd := input(td, "containerDefinitions").(string); !strings.Contains(cd, `"awslogs-region":"us-east-1"`) ||
		!strings.Contains(cd, `"command":["CMD","/app","-healthcheck"]`) {
		t.Errorf("%s: container definition misses the dev region or health check: %s", td.URN, cd)
	}
	expectInput(t, find(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", "web-vpce-ecr-dkr"), "serviceName", "com.amazonaws.us-east-1.ecr.dkr")
	if n := len(m.ByType("aws:ec2/natGateway:NatGateway")); n != 0 {
		t.Errorf("dev has %d NAT gateways, want 0", n)
	}
	if img := m.ByType("awsx:ecr:Image"); len(img) != 1 || input(img[0], "context") != "./app" {
		t.Errorf("dev does not build ./app into the repository: %v", img)
	}
	tags := input(svc, "tags").(map[string]any)
	if tags["environment"] != "dev" || tags["stack"] != "dev" || tags["project"] != "private-fargate" {
		t.Errorf("%s: tags %v lack the stack's tags", svc.URN, tags)
	}
}

func TestProdStackRunsOnEc2InstancesAcrossTwoAzs(t *testing.T) {
	m := mustRunStack(t, "prod")
	svc := find(t, m, "aws:ecs/service:Service", "web-service")
	expectInput(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "web-ec2", "base": 0, "weight": 1}})
	expectInput(t, svc, "launchType", nil)
	expectInput(t, svc, "desiredCount", 2)
	expectInput(t, svc, "networkConfiguration", map[string]any{
		"assignPublicIp": false,
		"subnets":        []string{"web-private-0_id", "web-private-1_id"},
		"securityGroups": []string{"web-task-sg_id"},
	})
	expectInput(t, find(t, m, "aws:ec2/subnet:Subnet", "web-private-0"), "availabilityZone", "ap-northeast-2a")
	expectInput(t, find(t, m, "aws:ec2/subnet:Subnet", "web-private-1"), "availabilityZone", "ap-northeast-2b")

	asg := find(t, m, "aws:autoscaling/group:Group", "web-asg")
	expectInput(t, asg, "vpcZoneIdentifiers", []string{"web-private-0_id", "web-private-1_id"})
	expectInput(t, asg, "minSize", 2)
	expectInput(t, asg, "desiredCapacity", 2)
	expectInput(t, asg, "protectFromScaleIn", true)
	expectInput(t, asg, "forceDelete", true)
	cp := find(t, m, "aws:ecs/capacityProvider:CapacityProvider", "web-ec2")
	expectInput(t, cp, "autoScalingGroupProvider", map[string]any{
		"autoScalingGroupArn":          "arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:0000:autoScalingGroupName/web-asg",
		"managedTerminationProtection": "ENABLED",
		"managedDraining":              "ENABLED",
		"managedScaling": map[string]any{
			"status": "ENABLED", "targetCapacity": 100, "minimumScalingStepSize": 1, "maximumScalingStepSize": 10,
		},
	})
	expectInput(t, find(t, m, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "web-capacity-providers"), "capacityProviders", []string{"web-ec2"})
	lt := find(t, m, "aws:ec2/launchTemplate:LaunchTemplate", "web-lt")
	expectInput(t, lt, "imageId", awsmock.EcsAmiX86)
	expectInput(t, lt, "instanceType", "m6i.large")
	td := find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task")
	expectInput(t, td, "requiresCompatibilities", []string{"EC2"})
	expectInput(t, td, "networkMode", "awsvpc")
	expectInput(t, td, "cpu", "512")
	expectInput(t, td, "memory", "1024")
	expectInput(t, find(t, m, "aws:lb/targetGroup:TargetGroup", "web-tg"), "targetType", "ip")
	for _, svcName := range []string{"ecs", "ecs-agent", "ecs-telemetry", "logs"} {
		expectInput(t, find(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", "web-vpce-"+svcName), "serviceName", "com.amazonaws.ap-northeast-2."+svcName)
	}
	expectInput(t, find(t, m, "aws:lb/loadBalancer:LoadBalancer", "web-alb"), "enableDeletionProtection", true)
	expectInput(t, find(t, m, "aws:ecr/repository:Repository", "web-repo"), "forceDelete", false)
	expectInput(t, find(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-logs"), "retentionInDays", 90)
	expectInput(t, find(t, m, "aws:lb/targetGroup:TargetGroup", "web-tg"), "deregistrationDelay", 60)
}

// Prod serves HTTPS from its (placeholder) domain and keeps access logs:
// the certificate is validated in the zone before the HTTPS listener,
// port 80 redirects, and log delivery in Seoul, a Region of before August
// 2022, writes as the Region's ELB account (600734575887) only after the
// bucket policy exists.
func TestProdServesHttpsFromItsDomainAndKeepsAccessLogs(t *testing.T) {
	m := mustRunStack(t, "prod")
	cert := find(t, m, "aws:acm/certificate:Certificate", "web-cert")
	expectInput(t, cert, "domainName", "app.example.com")
	expectInput(t, cert, "validationMethod", "DNS")
	validation := find(t, m, "aws:acm/certificateValidation:CertificateValidation", "web-cert-validation")
	https := find(t, m, "aws:lb/listener:Listener", "web-https")
	if !slices.Contains(https.Dependencies, validation.URN) {
		t.Errorf("%s does not wait for %s", https.URN, validation.URN)
	}
	expectInput(t, find(t, m, "aws:lb/listener:Listener", "web-http"), "defaultActions", []map[string]any{{"type": "redirect",
		"redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}})
	expectInput(t, find(t, m, "aws:route53/record:Record", "web-alias-a-app.example.com"), "type", "A")

	alb := find(t, m, "aws:lb/loadBalancer:LoadBalancer", "web-alb")
	expectInput(t, alb, "accessLogs", map[string]any{"bucket": "web-alb-logs-0a1b2c3", "enabled": true})
	policy := find(t, m, "aws:s3/bucketPolicy:BucketPolicy", "web-alb-logs-policy")
	if !slices.Contains(alb.Dependencies, policy.URN) {
		t.Errorf("%s does not wait for %s", alb.URN, policy.URN)
	}
	if doc := input(policy, "policy").(string); !strings.Contains(doc, `"Principal":{"AWS":"arn:aws:iam::600734575887:root"}`) ||
		!strings.Contains(doc, `"Resource":"arn:aws:s3:::web-alb-logs-0a1b2c3/AWSLogs/123456789012/*"`) {
		t.Errorf("%s: policy %s does not let Seoul's ELB account write under this account's AWSLogs path", policy.URN, doc)
	}
	expectInput(t, find(t, m, "aws:s3/bucketV2:BucketV2", "web-alb-logs"), "forceDestroy", false)
}

// Dev keeps a week of access logs in a bucket that a destroy empties.
func TestDevLogsAccessForAWeekAndTearsDownItsBucket(t *testing.T) {
	m := mustRunStack(t, "dev")
	expectInput(t, find(t, m, "aws:s3/bucketV2:BucketV2", "web-alb-logs"), "forceDestroy", true)
	life := input(find(t, m, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "web-alb-logs-lifecycle"), "rules").([]any)
	if days := life[0].(map[string]any)["expiration"].(map[string]any)["days"]; days != float64(7) {
		t.Errorf("dev's access logs expire after %v days, want 7", days)
	}
	if doc := input(find(t, m, "aws:s3/bucketPolicy:BucketPolicy", "web-alb-logs-policy"), "policy").(string); !strings.Contains(doc, "arn:aws:iam::127311923021:root") {
		t.Errorf("dev's bucket policy %s does not name us-east-1's ELB account", doc)
	}
	if rs := m.ByType("aws:acm/certificate:Certificate"); len(rs) != 0 {
		t.Errorf("dev requested certificate %s; it has no domain", rs[0].Name)
	}
}

// Prod scales between 2 and 6 tasks and has alarms that notify a topic
// and roll deployments back; dev has neither.
func TestProdScalesAndAlarmsAndDevDoesNot(t *testing.T) {
	m := mustRunStack(t, "prod")
	target := find(t, m, "aws:appautoscaling/target:Target", "web-scaling")
	expectInput(t, target, "resourceId", "service/web-cluster/web-service")
	expectInput(t, target, "scalableDimension", "ecs:service:DesiredCount")
	expectInput(t, target, "minCapacity", 2)
	expectInput(t, target, "maxCapacity", 6)
	for name, want := range map[string]map[string]any{
		"web-scaling-cpu":    {"predefinedMetricType": "ECSServiceAverageCPUUtilization"},
		"web-scaling-memory": {"predefinedMetricType": "ECSServiceAverageMemoryUtilization"},
		"web-scaling-requests": {"predefinedMetricType": "ALBRequestCountPerTarget",
			"resourceLabel": "app/web-alb/0123456789abcdef/targetgroup/web-tg/0123456789abcdef"},
	} {
		p := find(t, m, "aws:appautoscaling/policy:Policy", name)
		cfg, _ := input(p, "targetTrackingScalingPolicyConfiguration").(map[string]any)
		if got := cfg["predefinedMetricSpecification"]; !reflect.DeepEqual(got, normalize(want)) {
			t.Errorf("%s: predefined metric %v, want %v", p.URN, got, want)
		}
	}
	svc := find(t, m, "aws:ecs/service:Service", "web-service")
	if !reflect.DeepEqual(svc.IgnoreChanges, []string{"desiredCount"}) {
		t.Errorf("%s: ignoreChanges %v, want [desiredCount]", svc.URN, svc.IgnoreChanges)
	}
	expectInput(t, svc, "alarms", map[string]any{
		"alarmNames": []string{"web-alarm-alb-5xx", "web-alarm-target-5xx", "web-alarm-unhealthy-hosts"}, "enable": true, "rollback": true,
	})
	if n := len(m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm")); n != 7 {
		t.Errorf("prod has %d alarms, want 7", n)
	}
	find(t, m, "aws:sns/topic:Topic", "web-alarms")
	expectInput(t, find(t, m, "aws:autoscaling/group:Group", "web-asg"), "maxSize", 6)

	dev := mustRunStack(t, "dev")
	for _, typ := range []string{"aws:appautoscaling/target:Target", "aws:appautoscaling/policy:Policy", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:sns/topic:Topic"} {
		if n := len(dev.ByType(typ)); n != 0 {
			t.Errorf("dev has %d %s, want none", n, typ)
		}
	}
	if svc := find(t, dev, "aws:ecs/service:Service", "web-service"); len(svc.IgnoreChanges) != 0 || input(svc, "alarms") != nil {
		t.Errorf("%s: dev ignores %v and has deployment alarms %v, want neither", svc.URN, svc.IgnoreChanges, input(svc, "alarms"))
	}
}

// An email subscribes to the topic the stack creates.
func TestAlarmEmailSubscribesToTheTopic(t *testing.T) {
	dir := writeProject(t, "s", "config:\n  aws:region: us-east-1\n  private-fargate:alarms: true\n  private-fargate:alarmEmail: ops@example.com\n")
	m, err := runStack(t, dir, "s")
	if err != nil {
		t.Fatal(err)
	}
	sub := find(t, m, "aws:sns/topicSubscription:TopicSubscription", "web-alarms-email")
	expectInput(t, sub, "protocol", "email")
	expectInput(t, sub, "endpoint", "ops@example.com")
	expectInput(t, sub, "topic", "arn:aws:sns:us-east-1:123456789012:web-alarms")
}

// TestOneKeySwitchesCapacity runs the dev stack with each capacity the
// README shows, changing only the capacity (and ec2) keys.
func TestOneKeySwitchesCapacity(t *testing.T) {
	dev, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Split(string(dev), "  private-fargate:capacity:")[0]
	rest := string(dev)[len(base):]
	rest = rest[strings.Index(rest, "  private-fargate:desiredCount"):]
	for _, tc := range []struct {
		name, capacity, want string
	}{
		{"fargate", "  private-fargate:capacity:\n    - provider: FARGATE\n      weight: 1\n", "FARGATE/0/1"},
		{"spot", "  private-fargate:capacity:\n    - provider: FARGATE_SPOT\n      weight: 1\n", "FARGATE_SPOT/0/1"},
		{"mix", "  private-fargate:capacity:\n    - provider: FARGATE\n      base: 1\n      weight: 1\n    - provider: FARGATE_SPOT\n      weight: 3\n", "FARGATE/1/1 FARGATE_SPOT/0/3"},
		{"ec2", "  private-fargate:capacity:\n    - provider: EC2\n      weight: 1\n  private-fargate:ec2:\n    instanceTypes: [t3.medium]\n", "web-ec2/0/1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeProject(t, "s", base+tc.capacity+rest)
			m, err := runStack(t, dir, "s")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range input(find(t, m, "aws:ecs/service:Service", "web-service"), "capacityProviderStrategies").([]any) {
				e := s.(map[string]any)
				got = append(got, fmt.Sprintf("%v/%v/%v", e["capacityProvider"], e["base"], e["weight"]))
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("strategy = %v, want %s", got, tc.want)
			}
		})
	}
}

func TestGoldenResourceLists(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			checkGolden(t, filepath.Join("testdata", stack+".golden"), awsmock.Golden(mustRunStack(t, stack)))
		})
	}
}

// checkGolden compares a golden resource list, printing a (-want +got)
// diff; -update rewrites it.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	awsmock.CheckGolden(t, path, got, *update, "./stacks")
}

// writeProject makes a project dir with the real Pulumi.yaml and a stack
// file with the given body.
func writeProject(t *testing.T, stack, body string) string {
	t.Helper()
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), proj, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi."+stack+".yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBadStackConfigNamesTheKeysAndCreatesNothing(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantErr []string
	}{
		{"component rules, named by config key", `config:
  aws:region: us-east-1
  private-fargate:azCount: 1
  private-fargate:cpu: 512
  private-fargate:memory: 512
  private-fargate:image: nginx
  private-fargate:capacity:
    - provider: FARGATE
      base: 1
      weight: 0
    - provider: FARGATE_SPOT
      base: 2
`, []string{
			"(5 problems)",
			"private-fargate:azCount: 1 AZs is too few",
			"private-fargate:memory: 512 MiB is not offered with 512 CPU units",
			`private-fargate:image: "nginx" comes from docker.io`,
			"private-fargate:capacity: only one provider may set a base",
			"private-fargate:capacity: every weight is 0",
		}},
		{"EC2 rules, named by config key", `config:
  aws:region: us-east-1
  private-fargate:capacity:
    - provider: EC2
      weight: 1
    - provider: FARGATE
      weight: 1
  private-fargate:ec2:
    instanceTypes: ["m6i.large"]
    minSize: 3
    maxSize: 2
    networkMode: bridge
    managedScaling: false
    managedTerminationProtection: true
  private-fargate:taskSecurityGroupIds: ["sg-0123"]
`, []string{
			"(4 problems)",
			"private-fargate:capacity: EC2 is mixed with FARGATE",
			"private-fargate:ec2.minSize: 3 is above ec2.maxSize (2); lower ec2.minSize or raise ec2.maxSize",
			"private-fargate:ec2.managedTerminationProtection: managed termination protection needs managed scaling",
			"private-fargate:taskSecurityGroupIds: bridge networking gives tasks the instance security group",
		}},
		{"typed values", `config:
  aws:region: us-east-1
  private-fargate:cpu: lots
  private-fargate:https: maybe
`, []string{"private-fargate:cpu: lots is not of type integer", "private-fargate:https: maybe is not of type boolean"}},
		{"misspelt key", `config:
  aws:region: us-east-1
  private-fargate:desiredCuont: 2
`, []string{"private-fargate:desiredCuont: Pulumi.bad.yaml sets a key that Pulumi.yaml does not declare"}},
		{"misspelt field in a structured value", `config:
  aws:region: us-east-1
  private-fargate:capacity:
    - provider: FARGATE
      wieght: 1
`, []string{"private-fargate:capacity[0].wieght: is not a field of capacity[0]; did you mean weight?"}},
		{"strategy entry index in the key", `config:
  aws:region: us-east-1
  private-fargate:capacity:
    - provider: FARGATE
      weight: 1
    - provider: EC2_CHEAP
      weight: 1
`, []string{`private-fargate:capacity[1].provider: "EC2_CHEAP" is not a known capacity provider`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeProject(t, "bad", tt.body)
			m, err := runStack(t, dir, "bad")
			if err == nil {
				t.Fatal("the stack ran; want a configuration error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain %q:\n%v", want, err)
				}
			}
			if m != nil {
				if rs := m.Resources(); len(rs) != 0 {
					t.Errorf("registered %d resources for a bad config, want 0", len(rs))
				}
			}
		})
	}
}

func TestUnknownStack(t *testing.T) {
	_, err := LoadStackFiles(projectDir, "staging")
	if err == nil || !strings.Contains(err.Error(), `stack "staging": no file Pulumi.staging.yaml; the stacks are dev, prod`) {
		t.Errorf("error = %v, want one naming the missing file and the known stacks", err)
	}
}

func TestStackFilesApplyProjectDefaultsAndHideSecrets(t *testing.T) {
	dir := writeProject(t, "s", `secretsprovider: passphrase
encryptionsalt: v1:abc:def
config:
  aws:region: us-east-1
  private-fargate:desiredCount: 3
  private-fargate:certificateArn:
    secure: v1:AAAA:BBBB
`)
	f, err := LoadStackFiles(dir, "s")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"aws:region":                     "us-east-1",
		"private-fargate:desiredCount":   "3",
		"private-fargate:cpu":            "256",
		"private-fargate:vpcCidr":        "10.0.0.0/16",
		"private-fargate:capacity":       `[{"provider":"FARGATE","weight":1}]`,
		"private-fargate:allowedCidrs":   `["0.0.0.0/0"]`,
		"private-fargate:https":          "false",
		"private-fargate:certificateArn": SecretPlaceholder,
	} {
		if got := f.Config[key]; got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if strings.Join(f.SecretKeys, ",") != "private-fargate:certificateArn" {
		t.Errorf("secret keys = %v, want [private-fargate:certificateArn]", f.SecretKeys)
	}
}

func TestConfigKeyNamesEveryValidatedField(t *testing.T) {
	for field, want := range map[string]string{
		"Task.Cpu":                                 "p:cpu",
		"Service.CapacityProviderStrategy":         "p:capacity",
		"Service.CapacityProviderStrategy[2].Base": "p:capacity[2].base",
		"Container.Secrets.DB_PASSWORD":            "p:secrets.DB_PASSWORD",
		"Container.HealthCheck.StartPeriod":        "p:containerHealthCheck.startPeriod",
		"LoadBalancer.HealthCheck.Path":            "p:healthCheckPath",
		"Container.Build.Context":                  "p:appPath",
		"Ingress.AllowedCidrs[0]":                  "p:allowedCidrs[0]",
		"Autoscaling.MaxCount":                     "p:autoscaling.maxCount",
		"Autoscaling.Policies[1].TargetValue":      "p:scalingPolicies[1].targetValue",
		"Alarms.Email":                             "p:alarmEmail",
		"Alarms.Thresholds.Cpu.Threshold":          "p:alarmThresholds.cpu.threshold",
	} {
		if got := ConfigKey("p", field); got != want {
			t.Errorf("ConfigKey(%s) = %s, want %s", field, got, want)
		}
	}
}

// BenchmarkStack evaluates one whole stack under mocks: config files read,
// program run, every resource registered.
func BenchmarkStack(b *testing.B) {
	for _, stack := range []string{"dev", "prod"} {
		b.Run(stack, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := runStack(b, projectDir, stack); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
