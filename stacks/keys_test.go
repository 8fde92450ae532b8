package stacks

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/private-fargate/pulumi-private-ecs/internal/docblock"
)

// Pulumi.yaml is generated from the keys table; a test fails when they
// differ (go test ./stacks -run TestProjectFile -update rewrites it).
func TestProjectFileComesFromTheKeysTable(t *testing.T) {
	want, err := ProjectFile()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(projectDir, "Pulumi.yaml")
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
		t.Errorf("Pulumi.yaml is not the keys table's (-want +got); run go test ./stacks -run TestProjectFile -update:\n%s", diff)
	}
}

// The README's configuration tables are generated from the keys table too.
func TestReadmeConfigTablesComeFromTheKeysTable(t *testing.T) {
	path := filepath.Join(projectDir, "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	blocks := map[string]string{"config-keys": ConfigTable(), "config-ec2": Ec2Table(),
		"config-autoscaling": SubTable("autoscaling"), "config-alarm-thresholds": SubTable("alarmThresholds"), "config-waf": SubTable("waf"),
		"config-sidecars": SubTable("sidecars")}
	for _, name := range []string{"config-keys", "config-ec2", "config-autoscaling", "config-alarm-thresholds", "config-waf", "config-sidecars"} {
		if *update {
			if doc, err = docblock.Replace(doc, name, blocks[name]); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := docblock.Get(doc, name)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(blocks[name], got); diff != "" {
			t.Errorf("README block %s is stale (-want +got); run go test ./stacks -run TestReadme -update:\n%s", name, diff)
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Fact: the Pulumi CLI refuses to run a stack that does not set a key
// Pulumi.yaml declares without a default ("Stack 'dev' is missing
// configuration value", ValidateStackConfigAndApplyProjectConfig in
// sdk/go/common/workspace). So every key is declared with one, and an
// optional key without a default value declares its none value.
func TestEveryKeyIsDeclaredWithADefault(t *testing.T) {
	b, err := ProjectFile()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if !strings.Contains(string(b), "  "+k.Name+":\n") {
			t.Errorf("%s is not declared", k.Name)
		}
		if (k.Default == nil) == (k.None == "") {
			t.Errorf("%s: has both a default and a none value, or neither", k.Name)
		}
		if k.set == nil || k.Field == "" || k.Desc == "" {
			t.Errorf("%s: lacks a setter, a field or a description", k.Name)
		}
	}
}

// The defaults Pulumi.yaml declares are the component's: a stack that
// sets nothing registers the same resources whether the CLI passes the
// declared defaults or passes no keys at all.
func TestDeclaredDefaultsAreTheComponentsDefaults(t *testing.T) {
	dir := writeProject(t, "bare", "config:\n  aws:region: us-east-1\n")
	files, err := LoadStackFiles(dir, "bare")
	if err != nil {
		t.Fatal(err)
	}
	withDefaults := awsmock.New("us-east-1")
	if err := pulumi.RunErr(Program, files.RunOption(withDefaults)); err != nil {
		t.Fatalf("with the declared defaults: %v", err)
	}
	bare := *files
	bare.Config = map[string]string{"aws:region": "us-east-1"}
	withNone := awsmock.New("us-east-1")
	if err := pulumi.RunErr(Program, bare.RunOption(withNone)); err != nil {
		t.Fatalf("with no keys: %v", err)
	}
	if diff := cmp.Diff(awsmock.Golden(withNone), awsmock.Golden(withDefaults)); diff != "" {
		t.Errorf("the declared defaults differ from the component's (-none +declared):\n%s", diff)
	}
}

// badKeys is at least one invalid value for every key, an explicit empty
// value wherever it is not one the key takes.
var badKeys = []struct {
	key, value, want string
}{
	{"name", `"Web"`, `private-fargate:name: "Web" cannot name the resources`},
	{"name", `""`, `private-fargate:name: "" is not a value this key takes; use lowercase letters`},
	{"vpcCidr", `"10.0.0.0/8"`, "private-fargate:vpcCidr:"},
	{"vpcCidr", `""`, `private-fargate:vpcCidr: "" is not a value this key takes; use a private (RFC 1918) range, /16 to /24, or remove the key to take the default (10.0.0.0/16)`},
	{"azCount", "0", "private-fargate:azCount: 0 is not a value this key takes; use 2 to 8, or remove the key to take the default (2)"},
	{"azCount", "9", "private-fargate:azCount: 9 AZs is more than the subnet layout holds"},
	{"availabilityZones", `["us-east-1a", "us-east-1a"]`, "private-fargate:availabilityZones[1]:"},
	{"natGateways", `""`, `private-fargate:natGateways: "" is not a value this key takes; use none, single or perAz`},
	{"tracing", `"jaeger"`, `private-fargate:tracing: "jaeger" is not a tracing mode; use "xray"`},
	{"natGateways", `"always"`, `private-fargate:natGateways: "always" is not a NAT mode`},
	{"extraEndpointServices", `["com.amazonaws.us-east-1.sqs"]`, "private-fargate:extraEndpointServices[0]: "},
	{"flowLogs", `"sometimes"`, "private-fargate:flowLogs: sometimes is not of type boolean"},
	// The flow logs take logRetentionDays too: one problem, under that key.
	{"flowLogs", "true\n  private-fargate:logRetentionDays: 2", "(1 problem):\n  private-fargate:logRetentionDays: 2 is not a CloudWatch retention period"},
	{"enableExecuteCommand", "true\n  private-fargate:readonlyRootFilesystem: true", "private-fargate:enableExecuteCommand: ECS Exec needs a writable root filesystem (the SSM agent it runs in the task writes to it); turn readonlyRootFilesystem off, or ECS Exec off"},
	{"allowedCidrs", "[]", "private-fargate:allowedCidrs: [] is not a value this key takes; use at least one IPv4 or IPv6 CIDR block"},
	{"allowedCidrs", `["10.0.0.1/8"]`, "private-fargate:allowedCidrs[0]:"},
	{"https", "true", "private-fargate:certificateArn: HTTPS is on but no certificate is given"},
	{"certificateArn", `"arn:aws:acm:us-east-1:123456789012:cert/abc"`, "private-fargate:certificateArn: "},
	{"certificateArn", `"arn:aws:acm:eu-west-1:123456789012:certificate/abc"`, `private-fargate:certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" is in region eu-west-1, but the stack's region is us-east-1`},
	{"availabilityZones", `["us-east-1a", "eu-west-1b"]`, `private-fargate:availabilityZones[1]: "eu-west-1b" is not a zone of the stack's region us-east-1`},
	{"secrets", `{"DB": "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf"}`, `private-fargate:secrets.DB: "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf" is in region us-west-2, but the stack's region is us-east-1`},
	{"sslPolicy", `""`, `private-fargate:sslPolicy: "" is not a value this key takes`},
	{"sslPolicy", `"TLS13"`, `private-fargate:sslPolicy: "TLS13" is not an ELB TLS policy`},
	{"domainName", `"App.example.com"` + "\n  private-fargate:hostedZoneName: example.com", `private-fargate:domainName: "App.example.com" is not a domain name for the load balancer: it has capital letters`},
	{"domainName", "app.example.org\n  private-fargate:hostedZoneName: example.com", "private-fargate:domainName: app.example.org is not in the hosted zone example.com, so its certificate cannot be validated there"},
	{"domainName", "app.example.com", "private-fargate:hostedZoneId: domainName app.example.com needs the Route 53 hosted zone that holds it, for the certificate's validation records and the alias records; set hostedZoneId or hostedZoneName"},
	{"domainName", "app.example.com\n  private-fargate:hostedZoneName: example.com\n  private-fargate:certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc", "private-fargate:certificateArn: is set beside domainName, which makes a certificate of its own"},
	{"hostedZoneName", "example.com", "private-fargate:hostedZoneName: a hosted zone is given but no domainName; set domainName to a name in the zone"},
	{"hostedZoneId", "Z0123ABC\n  private-fargate:hostedZoneName: example.com\n  private-fargate:domainName: app.example.com", "private-fargate:hostedZoneId: the hosted zone is given both by ID (Z0123ABC) and by name (example.com); set one of them"},
	{"hostedZoneId", "/hostedzone/Z0123ABC\n  private-fargate:domainName: app.example.com", `private-fargate:hostedZoneId: "/hostedzone/Z0123ABC" is not a hosted zone ID`},
	{"accessLogs", `"yes"`, "private-fargate:accessLogs: yes is not of type boolean"},
	{"accessLogsBucket", `"My_Logs"` + "\n  private-fargate:accessLogs: true", `private-fargate:accessLogsBucket: "My_Logs" is not an S3 bucket name`},
	{"accessLogsBucket", "shared-logs", "private-fargate:accessLogsBucket: is set but access logs are off; set accessLogs, or remove accessLogsBucket"},
	{"accessLogsPrefix", "logs/AWSLogs\n  private-fargate:accessLogs: true", `private-fargate:accessLogsPrefix: "logs/AWSLogs" holds AWSLogs, which ELB adds after the prefix itself`},
	{"accessLogsExpirationDays", "0", "private-fargate:accessLogsExpirationDays: 0 is not a value this key takes; use 1 or more"},
	{"accessLogsExpirationDays", "30\n  private-fargate:accessLogs: true\n  private-fargate:accessLogsBucket: shared-logs", "private-fargate:accessLogsExpirationDays: applies to a bucket the load balancer creates, not to the given accessLogsBucket"},
	{"accessLogsForceDestroy", `"sure"`, "private-fargate:accessLogsForceDestroy: sure is not of type boolean"},
	{"accessLogsForceDestroy", "true\n  private-fargate:accessLogs: true\n  private-fargate:accessLogsBucket: shared-logs", "private-fargate:accessLogsForceDestroy: applies to a bucket the load balancer creates, not to the given accessLogsBucket"},
	{"image", `"nginx"`, `private-fargate:image: "nginx" comes from docker.io`},
	{"appPath", `""`, `private-fargate:appPath: "" is not a value this key takes`},
	{"containerName", `""`, `private-fargate:containerName: "" is not a value this key takes`},
	{"containerPort", "0", "private-fargate:containerPort: 0 is not a value this key takes; use 1 to 65535, or remove the key to take the default (8080)"},
	{"containerPort", "70000", "private-fargate:containerPort: 70000 is out of range; use 1 to 65535"},
	{"environment", `{"MY-VAR": "x"}`, `private-fargate:environment: "MY-VAR" is not a variable name`},
	{"environment", `{"PORT": "9000"}`, `private-fargate:environment.PORT: is "9000" but the container port is 8080`},
	{"secrets", `{"DB": "my-secret"}`, `private-fargate:secrets.DB: "my-secret" is not a Secrets Manager secret ARN`},
	{"containerHealthCheck", `{"command": ["CMD", "/app"], "interval": 0}`, "private-fargate:containerHealthCheck.interval: 0 is not a value it takes; use 5 to 300"},
	{"containerHealthCheck", `{"command": ["curl"]}`, "private-fargate:containerHealthCheck.command:"},
	{"containerHealthCheck", `{"comand": ["CMD", "/app"]}`, "private-fargate:containerHealthCheck.comand: is not a field of containerHealthCheck; did you mean command?"},
	{"containerDependsOn", `[{"container": "ghost", "condition": "START"}]`, `private-fargate:containerDependsOn[0].container: "ghost" names no container of the task`},
	{"containerDependsOn", `[{"container": "collector", "conditon": "START"}]`, "private-fargate:containerDependsOn[0].conditon: is not a field of containerDependsOn[0]; did you mean condition?"},
	{"sidecars", `[{"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1"}]`, `private-fargate:sidecars[0].name: "app" is also`},
	{"sidecars", `[{"name": "agent", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1", "ports": [8080]}]`, "private-fargate:sidecars[0].ports[0]: 8080 is also"},
	{"sidecars", `[{"name": "agent", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"}]`, `private-fargate:sidecars[0].image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"`},
	{"sidecars", `[{"name": "agent", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1", "secrets": {"API_TOKEN": "token"}}]`, `private-fargate:sidecars[0].secrets.API_TOKEN: "token" is not`},
	{"sidecars", `[{"name": "agent", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1", "dependsOn": [{"container": "app", "condition": "HEALTHY"}]}]`, `private-fargate:sidecars[0].dependsOn[0].condition: HEALTHY waits for "app"'s health check, and it has none`},
	{"sidecars", `[{"name": "agent", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:1", "cpu": 512}]`, "private-fargate:sidecars[0].cpu: 512 CPU units is outside the task's 0 to 256"},
	{"sidecars", `[{"name": "agent", "imag": "x"}]`, "private-fargate:sidecars[0].imag: is not a field of sidecars[0]; did you mean image?"},
	{"stopTimeout", "0", "private-fargate:stopTimeout: 0 is not a value this key takes; use 2 to 120"},
	{"stopTimeout", "121", "private-fargate:stopTimeout: 121 is out of range"},
	{"readonlyRootFilesystem", `"maybe"`, `private-fargate:readonlyRootFilesystem: maybe is not of type boolean`},
	{"cpu", "0", "private-fargate:cpu: 0 is not a value this key takes"},
	{"cpu", "300", "private-fargate:cpu:"},
	{"memory", "0", "private-fargate:memory: 0 is not a value this key takes"},
	{"memory", "4096", "private-fargate:memory: 4096 MiB is not offered with 256 CPU units"},
	{"architecture", `"arm"`, `private-fargate:architecture: "arm" is not a CPU architecture`},
	{"desiredCount", "-1", "private-fargate:desiredCount: -1 tasks is negative"},
	{"pullThroughCache", `[{"upstream": "gcr"}]`, `private-fargate:pullThroughCache[0].upstream: "gcr" is not an upstream ECR can cache; use one of azure-container-registry, chainguard, docker-hub, ecr, ecr-public`},
	{"pullThroughCache", `[{"upstream": "quay", "customRoleArn": "arn:aws:iam::123456789012:role/cache"}]`, `private-fargate:pullThroughCache[0].customRoleArn: only an ecr upstream pulls through a role`},
	{"pullThroughCache", `[{"upstream": "ecr", "registryHost": "registry.example.com"}]`, `private-fargate:pullThroughCache[0].registryHost: "registry.example.com" is not a private ECR registry host`},
	{"pullThroughCache", `[{"upstream": "quay", "keepImages": 2000}]`, "private-fargate:pullThroughCache[0].keepImages: 2000 is out of range; use 0 to 1000"},
	{"pullThroughCache", `[{"upstream": "docker-hub"}]`, "private-fargate:pullThroughCache[0].credentialArn: docker-hub needs credentials"},
	{"pullThroughCache", `[{"upstream": ""}]`, `private-fargate:pullThroughCache[0].upstream: "" is not a value it takes`},
	{"pullThroughCache", `[{"upstream": "quay", "prefx": "q"}]`, "private-fargate:pullThroughCache[0].prefx: is not a field of pullThroughCache[0]; did you mean prefix?"},
	{"pullThroughCache", `[{"upstream": "ecr-public"}]` + "\n  private-fargate:image: public.ecr.aws/nginx/nginx:latest", "private-fargate:image: \"public.ecr.aws/nginx/nginx:latest\" is cached through ecr-public, which refreshes a tag from the upstream at most once every 24 hours"},
	{"capacity", "[]", "private-fargate:capacity: [] is not a value this key takes; use at least one {provider, base, weight} entry"},
	{"capacity", `[{"provider": ""}]`, `private-fargate:capacity[0].provider: "" is not a value it takes; use FARGATE, FARGATE_SPOT or EC2`},
	{"capacity", `[{"provider": "FARGATE", "wieght": 1}]`, "private-fargate:capacity[0].wieght: is not a field of capacity[0]; did you mean weight?"},
	{"ec2", `{"instanceTypes": []}`, "private-fargate:ec2.instanceTypes: [] is not a value it takes; use at least one instance type"},
	{"ec2", `{"instanceTypes": ["m6i.large"], "maxSize": 0, "minSize": 0}`, "private-fargate:ec2.maxSize: 0 is not a value it takes; use 1 or more"},
	{"ec2", `{"instanceTypes": ["m6i.large"], "rootVolumeSize": 0}`, "private-fargate:ec2.rootVolumeSize: 0 is not a value it takes; use 30 to 16384"},
	{"ec2", `{"instanceTypes": ["m6i.large"], "minSize": 3, "maxSize": 2}` + "\n  private-fargate:capacity: [{provider: EC2, weight: 1}]", "private-fargate:ec2.minSize: 3 is above ec2.maxSize (2); lower ec2.minSize or raise ec2.maxSize"},
	{"ec2", `{"instanceType": ["m6i.large"]}`, "private-fargate:ec2.instanceType: is not a field of ec2; did you mean instanceTypes?"},
	{"taskSecurityGroupIds", `["db"]`, `private-fargate:taskSecurityGroupIds[0]: "db" is not a security group ID`},
	{"minHealthyPercent", "101", "private-fargate:minHealthyPercent: 101 is out of range"},
	{"maxPercent", "0", "private-fargate:maxPercent: 0 is not a value this key takes; use 100 to 200"},
	{"maxPercent", "100", "private-fargate:maxPercent: 100 must be above minHealthyPercent (100)"},
	{"healthCheckGracePeriod", "-5", "private-fargate:healthCheckGracePeriod: -5 is out of range"},
	{"imageTagMutability", `""`, `private-fargate:imageTagMutability: "" is not a value this key takes; use MUTABLE or IMMUTABLE`},
	{"imageTagMutability", `"mutable"`, `private-fargate:imageTagMutability: "mutable" is not a tag mutability`},
	{"keepImages", "0", "private-fargate:keepImages: 0 is not a value this key takes; use 1 to 1000, or remove the key to take the default (10)"},
	{"ecrForceDelete", `"yes please"`, `private-fargate:ecrForceDelete: yes please is not of type boolean`},
	{"extraPullRepositoryArns", `["base"]`, `private-fargate:extraPullRepositoryArns[0]: "base" is not an ECR repository ARN`},
	{"kmsKey", `"alias/app"`, `private-fargate:kmsKey: "alias/app" is not a KMS key ARN; use arn:aws:kms:<region>:<account>:key/<key id> (not an alias)`},
	{"kmsKey", `"arn:aws:kms:eu-west-1:123456789012:key/1234abcd"`, `private-fargate:kmsKey: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd" is in region eu-west-1, but the stack's region is us-east-1`},
	{"secretsUseKmsKey", "true", "private-fargate:secretsUseKmsKey: is on but kmsKey names no key to decrypt the secrets with; set kmsKey, or turn secretsUseKmsKey off"},
	{"albDeletionProtection", `"on"`, `private-fargate:albDeletionProtection: on is not of type boolean`},
	{"albIdleTimeout", "0", "private-fargate:albIdleTimeout: 0 is not a value this key takes; use 1 to 4000"},
	{"deregistrationDelay", "3601", "private-fargate:deregistrationDelay: 3601 is out of range"},
	{"healthCheckPath", `""`, `private-fargate:healthCheckPath: "" is not a value this key takes`},
	{"healthCheckPath", `"healthz"`, `private-fargate:healthCheckPath: "healthz"`},
	{"healthCheckMatcher", `""`, `private-fargate:healthCheckMatcher: "" is not a value this key takes`},
	{"healthCheckInterval", "0", "private-fargate:healthCheckInterval: 0 is not a value this key takes; use 5 to 300"},
	{"healthCheckTimeout", "0", "private-fargate:healthCheckTimeout: 0 is not a value this key takes"},
	{"healthCheckTimeout", "20", "private-fargate:healthCheckTimeout: 20"},
	{"healthyThreshold", "0", "private-fargate:healthyThreshold: 0 is not a value this key takes; use 2 to 10"},
	{"unhealthyThreshold", "0", "private-fargate:unhealthyThreshold: 0 is not a value this key takes; use 2 to 10"},
	{"logRetentionDays", "0", "private-fargate:logRetentionDays: 0 is not a value this key takes"},
	{"logRetentionDays", "2", "private-fargate:logRetentionDays: 2 is not a CloudWatch retention period"},
	{"taskRolePolicyArns", `["ReadOnly"]`, `private-fargate:taskRolePolicyArns[0]: "ReadOnly" is not an IAM policy ARN`},
	{"taskRoleStatements", `[{"actions": ["s3:GetObject"], "resources": []}]`, "private-fargate:taskRoleStatements[0].resources: [] is not a value it takes; use at least one resource ARN"},
	{"tags", `{"aws:owner": "me"}`, "private-fargate:tags.aws:owner: tag keys starting with aws: are reserved"},
	// The kind and each kind's keys.
	{"kind", `"cron"`, `private-fargate:kind: "cron" is not a kind of workload; use web, backend, worker, job`},
	{"kind", `""`, `private-fargate:kind: "" is not a value this key takes; use web, backend, worker or job, or remove the key to take the default (web)`},
	{"discoveryName", `"-orders"` + "\n  private-fargate:kind: backend", `private-fargate:discoveryName: "-orders" cannot be a Service Connect name`},
	{"discoveryName", "orders", "private-fargate:discoveryName: is a backend's setting, but kind is web; set kind to backend, or remove it"},
	{"appProtocol", "soap\n  private-fargate:kind: backend", `private-fargate:appProtocol: "soap" is not a Service Connect protocol; use http, http2, grpc or tcp`},
	{"appProtocol", `""` + "\n  private-fargate:kind: backend", `private-fargate:appProtocol: "" is not a value this key takes; use http, http2, grpc or tcp`},
	{"appProtocol", "grpc", "private-fargate:appProtocol: is a backend's setting, but kind is web"},
	{"connectTimeouts", "{idle: 5}\n  private-fargate:kind: backend", "private-fargate:connectTimeouts.idle: is not a field of connectTimeouts; the fields are idleTimeout, perRequestTimeout"},
	{"connectTimeouts", "{perRequestTimeout: 5}\n  private-fargate:kind: backend\n  private-fargate:appProtocol: tcp", "private-fargate:connectTimeouts.perRequestTimeout: is set, but ECS takes a per-request timeout only for an http, http2 or grpc port; remove it or set appProtocol"},
	{"queue", "{arn: jobs}\n  private-fargate:kind: worker", `private-fargate:queue.arn: "jobs" is not an SQS queue ARN`},
	{"queue", "{maxReceiveCount: 0}\n  private-fargate:kind: worker", "private-fargate:queue.maxReceiveCount: 0 is not a value it takes; use 1 to 1000"},
	{"queue", "{maxReceiveCount: 3}" + "\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 day)", "private-fargate:queue.maxReceiveCount: is a worker's setting, but kind is job; set kind to worker, or remove it"},
	{"topics", `["orders"]` + "\n  private-fargate:kind: worker", `private-fargate:topics[0]: "orders" is not an SNS topic ARN`},
	{"workerScaling", "{maxCount: 2}\n  private-fargate:kind: worker", "private-fargate:workerScaling.backlogPerTask: 0 is no backlog target"},
	{"queueAlarmThresholds", "{oldestMessageAge: {threshold: 5}}\n  private-fargate:kind: worker", "private-fargate:queueAlarmThresholds: is set but alarms is off; set alarms to true, or remove queueAlarmThresholds"},
	{"queueAlarmThresholds", "{oldestMessageAge: {evaluationPeriods: 0}}\n  private-fargate:kind: worker\n  private-fargate:alarms: true", "private-fargate:queueAlarmThresholds.oldestMessageAge.evaluationPeriods: 0 is not a value it takes; use 1 to 1440"},
	{"schedule", "every hour\n  private-fargate:kind: job", `private-fargate:schedule: schedule expression "every hour" is not rate(...), cron(...) or at(...)`},
	{"schedule", `""` + "\n  private-fargate:kind: job", "private-fargate:schedule: schedule expression is empty"},
	{"schedule", "rate(1 hour)", "private-fargate:schedule: is a scheduled job's setting, but kind is web; set kind to job, or remove it"},
	{"timezone", "Mars/Olympus\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 hour)", `private-fargate:timezone: time zone "Mars/Olympus" is not an IANA time zone name`},
	{"timezone", `""` + "\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 hour)", `private-fargate:timezone: "" is not a value this key takes; use an IANA time zone name, or remove the key to take the default (UTC)`},
	{"jobTimeout", "7200\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 hour)", "private-fargate:jobTimeout: 7200 seconds (2h0m0s) is not below 1h0m0s, the shortest time between two runs of rate(1 hour) in UTC"},
	{"jobTimeout", "600", "private-fargate:jobTimeout: is a scheduled job's setting, but kind is web"},
	{"jobRetry", "{maximumEventAgeInSeconds: 10}\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 hour)", "private-fargate:jobRetry.maximumEventAgeInSeconds: 10 is outside 60 to 86400; set a number of seconds in that range"},
	{"jobRetry", "{maximumEventAgeInSeconds: 0}\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 hour)", "private-fargate:jobRetry.maximumEventAgeInSeconds: 0 is not a value it takes; use 60 to 86400"},
	{"deadLetterQueueArn", "arn:aws:sqs:us-east-1:123456789012:dlq.fifo\n  private-fargate:kind: job\n  private-fargate:schedule: rate(1 hour)", "private-fargate:deadLetterQueueArn: \"arn:aws:sqs:us-east-1:123456789012:dlq.fifo\" is a FIFO queue; Scheduler's dead-letter queue must be a standard SQS queue"},
	{"jobPropagateTags", `"maybe"`, "private-fargate:jobPropagateTags: maybe is not of type boolean"},
	{"jobPropagateTags", "false", "private-fargate:jobPropagateTags: is a scheduled job's setting, but kind is web; set kind to job, or remove it"},
	// Autoscaling and alarms.
	{"autoscaling", `{"minCount": 3, "maxCount": 2}`, "private-fargate:autoscaling.minCount: 3 is above autoscaling.maxCount (2); lower autoscaling.minCount or raise autoscaling.maxCount"},
	{"autoscaling", `{"maxCount": 0}`, "private-fargate:autoscaling.maxCount: 0 is not a value it takes; use 1 or more"},
	{"autoscaling", `{"maxCount": 4}` + "\n  private-fargate:desiredCount: 5", "private-fargate:desiredCount: 5 tasks is outside autoscaling.minCount to autoscaling.maxCount (4 to 4)"},
	{"autoscaling", `{"maxcount": 4}`, "private-fargate:autoscaling.maxcount: is not a field of autoscaling; did you mean maxCount?"},
	{"scalingPolicies", `[{"metric": "ECSServiceAverageDiskUtilization"}]` + "\n  private-fargate:autoscaling: {maxCount: 3}", `private-fargate:scalingPolicies[0].metric: "ECSServiceAverageDiskUtilization" is not a predefined metric for an ECS service`},
	{"scalingPolicies", `[{"metric": "ALBRequestCountPerTarget", "targetValue": 0}]` + "\n  private-fargate:autoscaling: {maxCount: 3}", "private-fargate:scalingPolicies[0].targetValue: 0 is not a value it takes; use a target above 0"},
	{"scalingPolicies", `[{"metric": "ECSServiceAverageCPUUtilization"}]`, "private-fargate:scalingPolicies: is set but autoscaling is not; set autoscaling {minCount, maxCount}"},
	{"waf", `{"mode": "block"}`, `private-fargate:waf.mode: "block" is not a WAF mode; use BLOCK, or COUNT`},
	{"waf", `{"rateLimit": 5}`, "private-fargate:waf.rateLimit: 5 requests is outside what a WAF rate rule takes; use 10 to 2000000000, or 0 for no rate rule"},
	{"waf", `{"rateLimit": 100, "rateLimitWindow": 30}`, "private-fargate:waf.rateLimitWindow: 30 seconds is not a window WAF takes; use 60, 120, 300 or 600"},
	{"waf", `{"rateLimitWindow": 60}`, "private-fargate:waf.rateLimitWindow: is set but waf.rateLimit is not; set waf.rateLimit, or remove waf.rateLimitWindow"},
	{"waf", `{"rate": 100}`, "private-fargate:waf.rate: is not a field of waf"},
	{"repositoryKmsKey", `"no"`, "private-fargate:repositoryKmsKey: no is not of type boolean"},
	{"alarms", `"maybe"`, "private-fargate:alarms: maybe is not of type boolean"},
	{"alarmTopicArn", `"ops-pager"` + "\n  private-fargate:alarms: true", `private-fargate:alarmTopicArn: "ops-pager" is not an SNS topic ARN`},
	{"alarmTopicArn", `"arn:aws:sns:us-east-1:123456789012:ops"`, "private-fargate:alarmTopicArn: is set but alarms is off; set alarms to true, or remove alarmTopicArn"},
	{"alarmEmail", `"ops@"` + "\n  private-fargate:alarms: true", `private-fargate:alarmEmail: "ops@" is not an email address`},
	{"alarmThresholds", `{"target5xxRate": {"threshold": -1}}` + "\n  private-fargate:alarms: true", "private-fargate:alarmThresholds.target5xxRate.threshold: -1 is negative; use 0 to 100 percent"},
	{"alarmThresholds", `{"cpu": {"evaluationPeriods": 0}}` + "\n  private-fargate:alarms: true", "private-fargate:alarmThresholds.cpu.evaluationPeriods: 0 is not a value it takes; use 1 to 1440"},
	{"alarmThresholds", `{"latency": {"threshold": 1}}` + "\n  private-fargate:alarms: true", "private-fargate:alarmThresholds.latency: is not a field of alarmThresholds"},
	{"alarmThresholds", `{"memory": {}}` + "\n  private-fargate:alarms: true", "private-fargate:alarmThresholds.memory: {} is not a value it takes; use {threshold, evaluationPeriods}"},
}

// Every key refuses at least one bad value by its own name, and nothing
// is registered.
func TestEveryKeyRefusesABadValueByName(t *testing.T) {
	covered := map[string]bool{}
	for _, tt := range badKeys {
		covered[tt.key] = true
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			dir := writeProject(t, "bad", fmt.Sprintf("config:\n  aws:region: us-east-1\n  private-fargate:%s: %s\n", tt.key, tt.value))
			m, err := runStack(t, dir, "bad")
			if err == nil {
				t.Fatal("the stack ran; want it refused")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error lacks %q:\n%v", tt.want, err)
			}
			if m != nil && len(m.Resources()) != 0 {
				t.Errorf("registered %d resources for a bad config, want 0", len(m.Resources()))
			}
		})
	}
	for _, k := range keys {
		if !covered[k.Name] {
			t.Errorf("no bad value for %s", k.Name)
		}
	}
}

// Valid edge cases are accepted as given.
func TestValidEdgeCasesAreAccepted(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		check      func(t *testing.T, m *awsmock.Mocks)
	}{
		{"largest Fargate size", "  private-fargate:cpu: 16384\n  private-fargate:memory: 122880\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task"), "memory", "122880")
		}},
		{"a /24 VPC", "  private-fargate:vpcCidr: 10.1.2.0/24\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:ec2/subnet:Subnet", "web-private-0"), "cidrBlock", "10.1.2.128/28")
		}},
		{"three AZs", "  private-fargate:azCount: 3\n", func(t *testing.T, m *awsmock.Mocks) {
			if n := len(m.ByType("aws:ec2/subnet:Subnet")); n != 6 {
				t.Errorf("%d subnets, want 6", n)
			}
		}},
		{"a sidecar the app waits for", "  private-fargate:cpu: 512\n  private-fargate:memory: 1024\n" +
			"  private-fargate:containerDependsOn: [{container: collector, condition: HEALTHY}]\n" +
			"  private-fargate:sidecars:\n    - name: collector\n      image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/collector:1\n" +
			"      ports: [4317]\n      essential: false\n      cpu: 128\n      memoryReservation: 256\n" +
			"      secrets: {API_TOKEN: arn:aws:ssm:us-east-1:123456789012:parameter/token}\n" +
			"      healthCheck: {command: [CMD, /healthcheck]}\n", func(t *testing.T, m *awsmock.Mocks) {
			td := find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task")
			defs := td.Inputs["containerDefinitions"].StringValue()
			for _, want := range []string{
				`"dependsOn":[{"containerName":"collector","condition":"HEALTHY"}]`,
				`"name":"collector","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/collector:1","essential":false`,
				`"secrets":[{"name":"API_TOKEN","valueFrom":"arn:aws:ssm:us-east-1:123456789012:parameter/token"}]`,
				`"cpu":128,"memoryReservation":256`,
			} {
				if !strings.Contains(defs, want) {
					t.Errorf("%s: container definitions lack %s: %s", td.URN, want, defs)
				}
			}
			find(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", "web-vpce-ssm")
		}},
		{"0 tasks", "  private-fargate:desiredCount: 0\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:ecs/service:Service", "web-service"), "desiredCount", 0)
		}},
		{"NAT with a Docker Hub image", "  private-fargate:natGateways: single\n  private-fargate:image: nginx:1.27\n", func(t *testing.T, m *awsmock.Mocks) {
			if n := len(m.ByType("aws:ec2/natGateway:NatGateway")); n != 1 {
				t.Errorf("%d NAT gateways, want 1", n)
			}
		}},
		{"ARM64 on Fargate Spot", "  private-fargate:architecture: ARM64\n  private-fargate:capacity:\n    - provider: FARGATE_SPOT\n      weight: 1\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task"), "runtimePlatform", map[string]any{"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"})
		}},
		{"a same-region certificate", "  private-fargate:certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:lb/listener:Listener", "web-https"), "certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc")
		}},
		{"a given log bucket keeps its own lifecycle", "  private-fargate:accessLogs: true\n  private-fargate:accessLogsBucket: shared-logs\n  private-fargate:accessLogsPrefix: web\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:lb/loadBalancer:LoadBalancer", "web-alb"), "accessLogs", map[string]any{"bucket": "shared-logs", "enabled": true, "prefix": "web"})
			if n := len(m.ByType("aws:s3/bucketV2:BucketV2")); n != 0 {
				t.Errorf("%d buckets with a given bucket, want 0", n)
			}
		}},
		{"a domain in a zone given by ID", "  private-fargate:domainName: shop.example.net\n  private-fargate:hostedZoneId: Z0SHOP00000001\n", func(t *testing.T, m *awsmock.Mocks) {
			expectInput(t, find(t, m, "aws:route53/record:Record", "web-alias-a-shop.example.net"), "zoneId", "Z0SHOP00000001")
			expectInput(t, find(t, m, "aws:acm/certificate:Certificate", "web-cert"), "domainName", "shop.example.net")
		}},
		{"an ECR image by digest", "  private-fargate:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc\n", func(t *testing.T, m *awsmock.Mocks) {
			if n := len(m.ByType("awsx:ecr:Image")); n != 0 {
				t.Errorf("%d image builds with a ready image, want 0", n)
			}
		}},
		{"a created key for the data at rest", "  private-fargate:kmsKey: create\n", func(t *testing.T, m *awsmock.Mocks) {
			key := find(t, m, "aws:kms/key:Key", "web-key")
			expectInput(t, find(t, m, "aws:cloudwatch/logGroup:LogGroup", "web-logs"), "kmsKeyId", key.Outputs["arn"].StringValue())
		}},
		{"another container port reaches the app as PORT", "  private-fargate:containerPort: 9000\n", func(t *testing.T, m *awsmock.Mocks) {
			defs := input(find(t, m, "aws:ecs/taskDefinition:TaskDefinition", "web-task"), "containerDefinitions").(string)
			var parsed []struct {
				Environment  []map[string]string `json:"environment"`
				PortMappings []map[string]any    `json:"portMappings"`
			}
			if err := json.Unmarshal([]byte(defs), &parsed); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]map[string]string{{"name": "PORT", "value": "9000"}}, parsed[0].Environment); diff != "" {
				t.Errorf("environment (-want +got):\n%s", diff)
			}
			expectInput(t, find(t, m, "aws:lb/targetGroup:TargetGroup", "web-tg"), "port", 9000)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeProject(t, "edge", "config:\n  aws:region: us-east-1\n"+tt.body)
			m, err := runStack(t, dir, "edge")
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			tt.check(t, m)
		})
	}
}

// A typo in a key is refused by the program itself, reading the keys the
// engine hands it in PULUMI_CONFIG, as `pulumi up` runs it: no stack file
// and no offline plan are involved.
func TestProgramRefusesUndeclaredKeysWithASuggestion(t *testing.T) {
	cfg := map[string]string{"aws:region": "us-east-1", "private-fargate:cpuu": "512", "private-fargate:desiredCuont": "2", "other:key": "x"}
	b, _ := json.Marshal(cfg)
	t.Setenv(pulumi.EnvConfig, string(b))
	m := awsmock.New("us-east-1")
	err := pulumi.RunErr(Program, func(info *pulumi.RunInfo) {
		info.Project, info.Stack, info.Config, info.Mocks = "private-fargate", "dev", cfg, m
	})
	for _, want := range []string{
		"(2 problems)",
		"private-fargate:cpuu: is not a key of this project; did you mean cpu?",
		"private-fargate:desiredCuont: is not a key of this project; did you mean desiredCount?",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if len(m.Resources()) != 0 {
		t.Errorf("registered %d resources, want 0", len(m.Resources()))
	}
}

// A refused key and the component's problems with the other keys come
// back in one run, and nothing is registered.
func TestConfigAndComponentProblemsComeTogether(t *testing.T) {
	dir := writeProject(t, "both", `config:
  aws:region: us-east-1
  private-fargate:containerPort: 0
  private-fargate:cpuu: 512
  private-fargate:azCount: 1
  private-fargate:image: nginx
`)
	files, err := LoadStackFiles(dir, "both")
	if err == nil {
		t.Fatalf("the stack files passed with an undeclared key: %v", files)
	}
	// Past the files' own check, as `pulumi up` runs the program.
	cfg := map[string]string{
		"aws:region": "us-east-1", "private-fargate:containerPort": "0", "private-fargate:cpuu": "512",
		"private-fargate:azCount": "1", "private-fargate:image": "nginx",
	}
	b, _ := json.Marshal(cfg)
	t.Setenv(pulumi.EnvConfig, string(b))
	m := awsmock.New("us-east-1")
	err = pulumi.RunErr(Program, func(info *pulumi.RunInfo) {
		info.Project, info.Stack, info.Config, info.Mocks = "private-fargate", "both", cfg, m
	})
	for _, want := range []string{
		"invalid stack configuration (4 problems)",
		"private-fargate:cpuu: is not a key of this project; did you mean cpu?",
		"private-fargate:containerPort: 0 is not a value this key takes",
		"private-fargate:azCount: 1 AZs is too few",
		`private-fargate:image: "nginx" comes from docker.io`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if len(m.Resources()) != 0 {
		t.Errorf("registered %d resources, want 0", len(m.Resources()))
	}
}
