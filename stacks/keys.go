package stacks

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Args is what the program builds the component from.
type Args = components.PrivateFargateServiceArgs

// A stackKey is one configuration key of the project, declared once: its
// Pulumi.yaml declaration and README row are generated from it, the
// program reads the key and sets the component argument with it, and a
// problem with that argument is reported under the key.
type stackKey struct {
	// Name is the key within the project's namespace ("cpu").
	Name string
	// Type is the Pulumi.yaml type: string, integer, boolean, array or
	// object; Items is an array's element type.
	Type, Items string
	// Field is the component argument the key sets ("Task.Cpu"): problems
	// on it, or below it, are reported under this key.
	Field string
	// Also are further arguments the program sets from the key, such as
	// the flow logs' retention from logRetentionDays: their problems are
	// the key's too.
	Also []string
	// Sub are the fields of an object value, or of an array's objects.
	Sub []subKey
	// Verbatim keys keep the rest of a problem's path as written: the
	// variable and tag names of a map.
	Verbatim bool
	// Desc says what the key does, for Pulumi.yaml and the README.
	Desc string
	// Default is the component's default, read from DefaultArgs, or the
	// program's own for the keys only the program has (name, appPath).
	// Nil means the key has a "none" value instead: None.
	Default func(d Args) any
	// None is what an unset key means, when it has no default value; its
	// empty value ("", [] or {}) is what Pulumi.yaml declares, so the CLI
	// passes it for a key no stack sets.
	None string
	// Valid says which values the key takes, when 0, "" or [] is not one
	// of them: an explicit empty value is refused with it, never turned
	// into the default.
	Valid string
	// Kinds are the kinds the key applies to; nil means every kind. For
	// another kind the key's declared default is ignored, and any other
	// value refused by the component under the key's name.
	Kinds []string
	// set reads the value, known to be present and not empty, into args.
	set func(r *reader, k *stackKey, raw string, a *Args)
}

// subKey is one field of a structured key's value.
type subKey struct {
	Name  string // the JSON name ("minSize")
	Field string // the component argument's field below the key's ("MinSize")
	Desc  string
	// Default describes the default in words, for the README.
	Default string
	// Valid, when set, refuses an explicit 0, "" or [] with it.
	Valid string
	// Verbatim keeps the rest of a problem's path below this field as
	// written: the variable names of a map.
	Verbatim bool
}

// keys are the project's configuration keys, in Pulumi.yaml's order.
var keys = []*stackKey{
	{Name: "name", Type: "string", Field: "name", Valid: "lowercase letters, digits and hyphens, starting with a letter, at most 32 characters",
		Desc:    "Component name: lowercase letters, digits and hyphens, starting with a letter, at most 32 characters (and not starting with aws, ecs or fargate on EC2 capacity). Every resource name derives from it; changing it replaces everything.",
		Default: func(Args) any { return defaultName },
		set:     func(_ *reader, _ *stackKey, v string, _ *Args) {}}, // read by Run: it names the component
	{Name: "kind", Type: "string", Field: "Kind", Valid: kindValues, Desc: kindKeyDesc,
		Default: func(d Args) any { return d.Kind },
		set:     str(func(a *Args, v string) { a.Kind = strings.TrimSpace(v) })},
	{Name: "discoveryName", Type: "string", Field: "Backend.DiscoveryName", None: `""`, Kinds: backendOnly,
		Desc: "Name a backend's callers reach it by, as http://<discoveryName>:<containerPort>: lowercase letters, digits, underscores and hyphens, at most 64, not starting with a hyphen. Empty: the name key's value.",
		set:  str(func(a *Args, v string) { backend(a).DiscoveryName = v })},
	{Name: "appProtocol", Type: "string", Field: "Backend.AppProtocol", Valid: "http, http2, grpc or tcp", Kinds: backendOnly,
		Desc:    "Protocol of a backend's port: http, http2, grpc or tcp. The Service Connect HTTP metrics and 5xx alarm need http or http2; changing it replaces the ECS service.",
		Default: func(d Args) any { return d.Backend.AppProtocol },
		set:     str(func(a *Args, v string) { backend(a).AppProtocol = v })},
	{Name: "connectTimeouts", Type: "object", Field: "Backend", None: "{}", Kinds: backendOnly, Desc: timeoutsDesc, Sub: connectTimeoutSubs,
		set: object(connectTimeoutsKey{}, `{"idleTimeout": 600, "perRequestTimeout": 30}`, setConnectTimeouts)},
	{Name: "queue", Type: "object", Field: "Worker.Queue", None: "{}", Kinds: workerOnly, Desc: queueKeyDesc, Sub: queueSubs,
		set: object(queueKey{}, `{"maxReceiveCount": 3, "visibilityTimeoutSeconds": 120}`, setQueue)},
	{Name: "topics", Type: "array", Items: "string", Field: "Worker.Topics", None: "[]", Kinds: workerOnly,
		Desc: "SNS topic ARNs whose messages the worker's created queue receives, each through a subscription its policy admits from that topic only; reordering them replaces subscriptions. Not with queue.arn. []: none.",
		set:  strs(setTopics)},
	{Name: "workerScaling", Type: "object", Field: "Worker.Scaling", None: "{}", Kinds: workerOnly, Desc: scalingDesc, Sub: workerScalingSubs,
		set: object(workerScalingKey{}, `{"maxCount": 10, "backlogPerTask": 100}`, setWorkerScaling)},
	{Name: "schedule", Type: "string", Field: "Job.Schedule", None: `""`, Kinds: jobOnly,
		Desc: "When a job runs, as EventBridge Scheduler writes it: rate(value unit), cron(minutes hours day-of-month month day-of-week year), or at(yyyy-mm-ddThh:mm:ss) for one run. Required with kind job.",
		set:  str(func(a *Args, v string) { job(a).Schedule = strings.TrimSpace(v) })},
	{Name: "timezone", Type: "string", Field: "Job.Timezone", Valid: "an IANA time zone name", Kinds: jobOnly,
		Desc:    "IANA time zone a job's cron and at expressions are read in, daylight saving included, such as Europe/Paris.",
		Default: func(d Args) any { return d.Job.Timezone },
		set:     str(func(a *Args, v string) { job(a).Timezone = strings.TrimSpace(v) })},
	{Name: "jobTimeout", Type: "integer", Field: "Job.Timeout", Kinds: jobOnly,
		Desc:    "Seconds after which a run is stopped, through a Step Functions state machine the schedule then starts; below the shortest time between two runs. 0: no timeout (the schedule runs the task itself).",
		Default: func(d Args) any { return d.Job.Timeout },
		set:     integer(func(a *Args, v int) { job(a).Timeout = v })},
	{Name: "jobRetry", Type: "object", Field: "Job.Retry", None: "{}", Kinds: jobOnly, Desc: jobRetryDesc, Sub: jobRetrySubs,
		set: object(jobRetryKey{}, `{"maximumEventAgeInSeconds": 3600, "maximumRetryAttempts": 3}`, setJobRetry)},
	{Name: "deadLetterQueueArn", Type: "string", Field: "Job.DeadLetterQueue.Arn", None: `""`, Kinds: jobOnly,
		Desc: "An existing standard SQS queue of the stack's region that a job's runs Scheduler gave up on are sent to. Empty: a queue <name>-dlq the stack creates, kept 14 days, under kmsKey when there is one.",
		set:  str(func(a *Args, v string) { job(a).DeadLetterQueue.Arn = pulumi.String(strings.TrimSpace(v)) })},
	{Name: "jobPropagateTags", Type: "boolean", Field: "Job.PropagateTags", Kinds: jobOnly,
		Desc:    "Copy the task definition's tags (tags, project, stack, component) and ECS's managed tags to each run's task.",
		Default: func(d Args) any { return *d.Job.PropagateTags },
		set:     boolean(func(a *Args, v bool) { job(a).PropagateTags = &v })},
	{Name: "vpcCidr", Type: "string", Field: "Network.CidrBlock", Valid: "a private (RFC 1918) range, /16 to /24",
		Desc:    "VPC IPv4 range, private (RFC 1918), /16 to /24. Each subnet is a sixteenth of it: public subnets in the first half, private subnets in the second.",
		Default: func(d Args) any { return d.Network.CidrBlock },
		set:     str(func(a *Args, v string) { a.Network.CidrBlock = v })},
	{Name: "azCount", Type: "integer", Field: "Network.AzCount", Valid: "2 to 8",
		Desc:    "Availability zones with a public and a private subnet each, 2 to 8, and no more than the region has.",
		Default: func(d Args) any { return d.Network.AzCount },
		set:     integer(func(a *Args, v int) { a.Network.AzCount = v })},
	{Name: "availabilityZones", Type: "array", Items: "string", Field: "Network.AvailabilityZones", None: "[]",
		Desc: "Zones to use, in order: zones of the stack's region, each once, as many as azCount when both are set. Empty: the first azCount available zones.",
		set:  strs(func(a *Args, v []string) { a.Network.AvailabilityZones = v })},
	{Name: "natGateways", Type: "string", Field: "Network.NatGateways", Valid: "none, single or perAz",
		Desc:    "none, single or perAz. Only for apps that call the internet themselves (it adds 443-anywhere egress to the task group); ECR, logs and S3 never need one.",
		Default: func(d Args) any { return string(d.Network.NatGateways) },
		set:     str(func(a *Args, v string) { a.Network.NatGateways = network.NatMode(v) })},
	{Name: "extraEndpointServices", Type: "array", Items: "string", Field: "ExtraEndpointServices", None: "[]",
		Desc: "More VPC endpoints by short service name (sqs, sts, dynamodb); s3 and dynamodb become gateway endpoints.",
		set:  strs(func(a *Args, v []string) { a.ExtraEndpointServices = v })},
	{Name: "flowLogs", Type: "boolean", Field: "Network.FlowLogs",
		Desc:    "Record the VPC's accepted and rejected traffic (VPC flow logs) to a CloudWatch log group kept as long as logRetentionDays, through a role that may write to that group only.",
		Default: func(Args) any { return false },
		set: boolean(func(a *Args, v bool) {
			if v && a.Network.FlowLogs == nil {
				a.Network.FlowLogs = &network.FlowLogArgs{}
			}
		})},
	{Name: "pullThroughCache", Type: "array", Items: "object", Field: "Network.PullThroughCache", None: "[]",
		Desc: "ECR pull-through cache rules, one per upstream, entries {upstream, prefix, credentialArn, registryHost, customRoleArn, keepImages}: tasks with no NAT then pull images of those upstreams through the ECR endpoints. An image on a cached upstream is rewritten to `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<path>` (Docker Hub official images under `library/`) and must name a version tag or digest, not `latest`. []: none.",
		Sub: []subKey{
			{Name: "upstream", Field: "Upstream", Default: "(required)", Valid: "ecr-public, k8s, quay, docker-hub, github-container-registry, gitlab-container-registry, azure-container-registry, chainguard or ecr",
				Desc: "The registry to cache: `ecr-public`, `k8s`, `quay` (no credentials), `docker-hub`, `github-container-registry`, `gitlab-container-registry`, `azure-container-registry`, `chainguard` (credentials), or `ecr`, another region's or account's private ECR registry (registryHost, and customRoleArn for another account's)."},
			{Name: "prefix", Field: "Prefix", Default: "the upstream", Valid: "2 to 30 lowercase letters, digits, . _ - and /",
				Desc: "ECR repository prefix the cached repositories are created under; unique among the rules."},
			{Name: "credentialArn", Field: "CredentialArn", Default: "none", Valid: "a Secrets Manager secret ARN named ecr-pullthroughcache/...",
				Desc: "Secret with the upstream's username and access token, named `ecr-pullthroughcache/...`, in the stack's account and region; required by the upstreams that take credentials, refused by the others."},
			{Name: "registryHost", Field: "RegistryHost", Default: "none", Valid: "<name>.azurecr.io, or <account>.dkr.ecr.<region>.amazonaws.com",
				Desc: "The upstream registry's host: an Azure registry's, or another region's or account's ECR registry; azure-container-registry and ecr only."},
			{Name: "customRoleArn", Field: "CustomRoleArn", Default: "none", Valid: "an IAM role ARN",
				Desc: "The role ECR assumes to pull from an ecr upstream of another account; ecr only."},
			{Name: "keepImages", Field: "KeepImages", Default: "no template",
				Desc: "1 to 1000: a repository creation template for the prefix, so cached repositories keep that many newest images, AES256 and mutable tags."},
		},
		set: object([]cacheRuleKey{}, `[{"upstream": "ecr-public"}, {"upstream": "docker-hub", "credentialArn": "arn:aws:secretsmanager:...:secret:ecr-pullthroughcache/docker-hub-AbCdEf"}]`, func(a *Args, v []cacheRuleKey) {
			a.Network.PullThroughCache = append(a.Network.PullThroughCache, cacheRules(v)...)
		})},
	{Name: "allowedCidrs", Type: "array", Items: "string", Field: "Ingress.AllowedCidrs", Kinds: webOnly, Valid: "at least one IPv4 or IPv6 CIDR block",
		Desc:    "Who may reach the ALB's listener ports: IPv4 or IPv6 CIDR blocks.",
		Default: func(d Args) any { return d.Ingress.AllowedCidrs },
		set:     strs(func(a *Args, v []string) { a.Ingress.AllowedCidrs = v })},
	{Name: "https", Type: "boolean", Field: "Ingress.Https", Kinds: webOnly,
		Desc:    "HTTPS on 443 and a 301 redirect from 80. Needs certificateArn or domainName.",
		Default: func(d Args) any { return d.Ingress.Https },
		set:     boolean(func(a *Args, v bool) { a.Ingress.Https = v })},
	{Name: "certificateArn", Type: "string", Field: "Ingress.CertificateArn", Kinds: webOnly, None: `""`,
		Desc: "ACM certificate ARN of the stack's region and partition for the HTTPS listener; setting it turns HTTPS on. Empty: HTTP only.",
		set:  str(func(a *Args, v string) { a.Ingress.CertificateArn = pulumi.String(v) })},
	{Name: "sslPolicy", Type: "string", Field: "Ingress.SslPolicy", Kinds: webOnly, Valid: "an ELBSecurityPolicy-... name",
		Desc:    "TLS policy of the HTTPS listener (the default allows TLS 1.3 and 1.2 only).",
		Default: func(d Args) any { return d.Ingress.SslPolicy },
		set:     str(func(a *Args, v string) { a.Ingress.SslPolicy = v })},
	{Name: "domainName", Type: "string", Field: "Ingress.DomainName", Kinds: webOnly, None: `""`,
		Desc: "Domain name users reach the service by, such as app.example.com, in the hosted zone (hostedZoneName or hostedZoneId): the ALB gets an ACM certificate for it, validated by DNS records in the zone, an alias record, and a 301 redirect from 80 to 443; url becomes https://<domainName>. Lowercase, at most 64 characters, no wildcard. Excludes certificateArn. Empty: no domain.",
		set:  str(func(a *Args, v string) { a.Ingress.DomainName = v })},
	{Name: "hostedZoneName", Type: "string", Field: "Ingress.HostedZoneName", Kinds: webOnly, None: `""`,
		Desc: "Public Route 53 hosted zone that holds domainName, by name (example.com). It must exist; it is looked up before anything is created. Excludes hostedZoneId.",
		set:  str(func(a *Args, v string) { a.Ingress.HostedZoneName = v })},
	{Name: "hostedZoneId", Type: "string", Field: "Ingress.HostedZoneId", Kinds: webOnly, None: `""`,
		Desc: "Public Route 53 hosted zone that holds domainName, by ID (Z...). Excludes hostedZoneName.",
		set:  str(func(a *Args, v string) { a.Ingress.HostedZoneId = v })},
	{Name: "accessLogs", Type: "boolean", Field: "LoadBalancer.AccessLogs.Enabled", Kinds: webOnly,
		Desc:    "ALB access logs to S3: to the stack's own bucket (public access blocked, ACLs off, SSE-S3, TLS only, only ELB log delivery may write, each log expires after accessLogsExpirationDays), or to accessLogsBucket.",
		Default: func(d Args) any { return d.LoadBalancer.AccessLogs.Enabled },
		set:     boolean(func(a *Args, v bool) { a.LoadBalancer.AccessLogs.Enabled = v })},
	{Name: "accessLogsBucket", Type: "string", Field: "LoadBalancer.AccessLogs.Bucket", Kinds: webOnly, None: `""`,
		Desc: "An existing S3 bucket of the stack's region to write the access logs to instead, by name; its own policy must let ELB log delivery write (README, Security). Empty: the stack's own bucket.",
		set:  str(func(a *Args, v string) { a.LoadBalancer.AccessLogs.Bucket = pulumi.String(v) })},
	{Name: "accessLogsPrefix", Type: "string", Field: "LoadBalancer.AccessLogs.Prefix", Kinds: webOnly, None: `""`,
		Desc: "Key prefix of the access logs, before the AWSLogs/<account>/ path ELB adds; no AWSLogs, no slash at either end. Empty: none.",
		set:  str(func(a *Args, v string) { a.LoadBalancer.AccessLogs.Prefix = v })},
	{Name: "accessLogsExpirationDays", Type: "integer", Field: "LoadBalancer.AccessLogs.ExpirationDays", Kinds: webOnly, Valid: "1 or more",
		Desc:    "Days the stack's own log bucket keeps each access log, 1 or more.",
		Default: func(d Args) any { return d.LoadBalancer.AccessLogs.ExpirationDays },
		set: integer(func(a *Args, v int) {
			// Pulumi.yaml's default reaches every stack; it means nothing
			// for a given bucket, whose lifecycle is its owner's.
			if a.LoadBalancer.AccessLogs.Bucket != nil && v == components.DefaultArgs().LoadBalancer.AccessLogs.ExpirationDays {
				return
			}
			a.LoadBalancer.AccessLogs.ExpirationDays = v
		})},
	{Name: "accessLogsForceDestroy", Type: "boolean", Field: "LoadBalancer.AccessLogs.ForceDestroy", Kinds: webOnly,
		Desc:    "Let pulumi destroy delete the stack's own log bucket while it still holds logs.",
		Default: func(d Args) any { return d.LoadBalancer.AccessLogs.ForceDestroy },
		set:     boolean(func(a *Args, v bool) { a.LoadBalancer.AccessLogs.ForceDestroy = v })},
	{Name: "image", Type: "string", Field: "Container.Image", None: `""`,
		Desc: "A ready image URI in a private ECR repository of the stack's region (any registry with NAT). Empty: build appPath with Docker and push it to the stack's repository.",
		set:  str(func(a *Args, v string) { a.Container.Image = pulumi.String(v) })},
	{Name: "appPath", Type: "string", Field: "Container.Build.Context", Valid: "the Docker build context directory",
		Desc:    "Docker build context used when image is empty.",
		Default: func(Args) any { return defaultAppPath },
		set: func(_ *reader, _ *stackKey, v string, a *Args) {
			a.Container.Build = &service.ImageBuild{Context: v}
		}},
	{Name: "containerName", Type: "string", Field: "Container.Name", Valid: "a container name",
		Desc:    "Name of the container in the task definition.",
		Default: func(d Args) any { return d.Container.Name },
		set:     str(func(a *Args, v string) { a.Container.Name = v })},
	{Name: "containerPort", Type: "integer", Field: "Container.Port", Kinds: takesTraffic, Valid: "1 to 65535",
		Desc:    "Port the app listens on and the ALB forwards to, 1 to 65535. The container gets it as PORT (the sample app reads it) unless environment sets PORT.",
		Default: func(d Args) any { return d.Container.Port },
		set:     integer(func(a *Args, v int) { a.Container.Port = v })},
	{Name: "environment", Type: "object", Field: "Container.Environment", Verbatim: true, None: "{}",
		Desc: "Plain environment variables, by name.",
		set: object(map[string]string{}, `{"LOG_LEVEL": "info"}`, func(a *Args, v map[string]string) {
			a.Container.Environment = pulumi.ToStringMap(v)
		})},
	{Name: "secrets", Type: "object", Field: "Container.Secrets", Verbatim: true, None: "{}",
		Desc: "Environment variables read at task start, name to Secrets Manager secret ARN or SSM parameter ARN of the stack's region. Each kind adds its endpoint and a read grant on exactly these ARNs.",
		set: object(map[string]string{}, `{"DB_PASSWORD": "arn:aws:secretsmanager:...:secret:db-AbCdEf"}`, func(a *Args, v map[string]string) {
			a.Container.Secrets = map[string]service.ContainerSecret{}
			for name, arn := range v {
				a.Container.Secrets[name] = service.ContainerSecret{Arn: pulumi.String(arn)}
			}
		})},
	{Name: "containerHealthCheck", Type: "object", Field: "Container.HealthCheck", None: "{}",
		Desc: "Container health check {command, interval, timeout, retries, startPeriod}; command starts with CMD or CMD-SHELL. {}: none (the ALB's check still applies).",
		Sub: []subKey{
			{Name: "command", Field: "Command", Valid: `a command starting with "CMD" or "CMD-SHELL"`},
			{Name: "interval", Field: "Interval", Valid: "5 to 300"},
			{Name: "timeout", Field: "Timeout", Valid: "2 to 60"},
			{Name: "retries", Field: "Retries", Valid: "1 to 10"},
			{Name: "startPeriod", Field: "StartPeriod"},
		},
		set: object(healthCheck{}, `{"command": ["CMD", "/app", "-healthcheck"], "interval": 30}`, func(a *Args, v healthCheck) {
			a.Container.HealthCheck = &service.ContainerHealthCheck{
				Command: v.Command, Interval: v.Interval, Timeout: v.Timeout, Retries: v.Retries, StartPeriod: v.StartPeriod,
			}
		})},
	{Name: "stopTimeout", Type: "integer", Field: "Container.StopTimeout", Valid: "2 to 120",
		Desc:    "Seconds from SIGTERM to SIGKILL, 2 to 120.",
		Default: func(d Args) any { return d.Container.StopTimeout },
		set:     integer(func(a *Args, v int) { a.Container.StopTimeout = v })},
	{Name: "readonlyRootFilesystem", Type: "boolean", Field: "Container.ReadonlyRootFilesystem",
		Desc:    "Read-only root filesystem for the container.",
		Default: func(d Args) any { return d.Container.ReadonlyRootFilesystem },
		set:     boolean(func(a *Args, v bool) { a.Container.ReadonlyRootFilesystem = v })},
	{Name: "containerDependsOn", Type: "array", Items: "object", Field: "Container.DependsOn", None: "[]",
		Desc: "Sidecars the app waits for at start, entries {container, condition}: condition START, COMPLETE, SUCCESS or HEALTHY (see Sidecars).",
		Sub:  dependencySubs,
		set: object([]dependencyKey{}, `[{"container": "collector", "condition": "HEALTHY"}]`, func(a *Args, v []dependencyKey) {
			a.Container.DependsOn = dependencies(v)
		})},
	{Name: "sidecars", Type: "array", Items: "object", Field: "Sidecars", None: "[]",
		Desc: "More containers in each task beside the app, entries {name, image, ports, essential, dependsOn, environment, secrets, healthCheck, cpu, memoryReservation, readonlyRootFilesystem}; fields below and in Sidecars.",
		Sub:  sidecarSubs,
		set: object([]sidecarKey{}, `[{"name": "collector", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/collector:1.0", "ports": [4317]}]`, func(a *Args, v []sidecarKey) {
			for _, s := range v {
				a.Sidecars = append(a.Sidecars, s.args())
			}
		})},
	{Name: "tracing", Type: "string", Field: "Tracing", Valid: `xray, or "" (off)`, None: `""`,
		Desc: "xray runs the AWS Distro for OpenTelemetry collector beside the app (OTLP on 4317/4318, X-Ray segments on 2000), points the app at it (OTEL_EXPORTER_OTLP_ENDPOINT, AWS_XRAY_DAEMON_ADDRESS), grants the task role X-Ray and the collector's metrics log group, and adds the xray endpoint. Without NAT, needs an ecr-public pullThroughCache rule; not with bridge networking.",
		set:  str(func(a *Args, v string) { a.Tracing = v })},
	{Name: "enableExecuteCommand", Type: "boolean", Field: "Service.EnableExecuteCommand",
		Desc:    "ECS Exec into the tasks (aws ecs execute-command): the task role gets the ssmmessages channel permissions, sessions are logged to the cluster's exec log group for logRetentionDays, and without NAT the ssmmessages endpoint is added. Not with readonlyRootFilesystem.",
		Default: func(d Args) any { return d.Service.EnableExecuteCommand },
		set:     boolean(func(a *Args, v bool) { a.Service.EnableExecuteCommand = v })},
	{Name: "cpu", Type: "integer", Field: "Task.Cpu", Valid: "a Fargate size (256, 512, 1024, 2048, 4096, 8192 or 16384), or what one EC2 instance holds",
		Desc:    "Task CPU units: on Fargate 256, 512, 1024, 2048, 4096, 8192 or 16384; on EC2, what one instance holds.",
		Default: func(d Args) any { return d.Task.Cpu },
		set:     integer(func(a *Args, v int) { a.Task.Cpu = v })},
	{Name: "memory", Type: "integer", Field: "Task.Memory", Valid: "a memory size Fargate offers for cpu, or what one EC2 instance holds",
		Desc:    "Task memory in MiB, a size Fargate offers for cpu (256: 512/1024/2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384; 4096: 8192-30720 in 1024 steps; 8192: 16384-61440 in 4096 steps; 16384: 32768-122880 in 8192 steps).",
		Default: func(d Args) any { return d.Task.Memory },
		set:     integer(func(a *Args, v int) { a.Task.Memory = v })},
	{Name: "architecture", Type: "string", Field: "Task.Architecture", None: `""`,
		Desc: "X86_64 or ARM64, on Fargate and Fargate Spot alike; on EC2 it must match the instance types. Empty: X86_64 on Fargate, the instance types' on EC2.",
		set:  str(func(a *Args, v string) { a.Task.Architecture = v })},
	{Name: "desiredCount", Type: "integer", Field: "Service.DesiredCount", Kinds: runsAService,
		Desc:    "Tasks to run, 0 or more.",
		Default: func(d Args) any { return *d.Service.DesiredCount },
		set:     integer(func(a *Args, v int) { a.Service.DesiredCount = &v })},
	{Name: "capacity", Type: "array", Items: "object", Field: "Service.CapacityProviderStrategy", Valid: "at least one {provider, base, weight} entry",
		Desc: "Capacity provider strategy, entries {provider, base, weight}: FARGATE, FARGATE_SPOT or a mix of both, or EC2 alone (with the ec2 key); one base at most, one weight above 0 at least, 6 entries at most.",
		Sub: []subKey{
			{Name: "provider", Field: "Provider", Valid: "FARGATE, FARGATE_SPOT or EC2"},
			{Name: "base", Field: "Base"},
			{Name: "weight", Field: "Weight"},
		},
		Default: func(d Args) any {
			var out []map[string]any
			for _, item := range d.Service.CapacityProviderStrategy {
				e := map[string]any{"provider": item.Provider, "weight": item.Weight}
				if item.Base != 0 {
					e["base"] = item.Base
				}
				out = append(out, e)
			}
			return out
		},
		set: object([]capacityItem{}, `[{"provider": "FARGATE", "base": 1, "weight": 1}, {"provider": "FARGATE_SPOT", "weight": 3}]`, func(a *Args, v []capacityItem) {
			for _, item := range v {
				a.Service.CapacityProviderStrategy = append(a.Service.CapacityProviderStrategy, cluster.CapacityProviderStrategyItem{
					Provider: item.Provider, Base: item.Base, Weight: item.Weight,
				})
			}
		})},
	{Name: "ec2", Type: "object", Field: "Ec2", None: "{}",
		Desc: "EC2 container instances, used when capacity names EC2; keys below. {}: none.",
		Sub: []subKey{
			{Name: "instanceTypes", Field: "InstanceTypes", Default: "(required)", Valid: "at least one instance type",
				Desc: "Types the group launches; the first is the launch template's, more make a mixed-instances group. One architecture only."},
			{Name: "amiId", Field: "AmiId", Default: "ECS-optimized AL2023", Valid: "an ami-... ID",
				Desc: "Overrides the AMI, which is otherwise read at deploy time from `/aws/service/ecs/optimized-ami/amazon-linux-2023/[arm64/]recommended/image_id`. A new AMI makes a new launch template version and an instance refresh."},
			{Name: "amiArchitecture", Field: "AmiArchitecture", Default: "the types'", Valid: "x86_64 or arm64",
				Desc: "`x86_64` or `arm64`; must match the instance types."},
			{Name: "rootVolumeSize", Field: "RootVolumeSize", Default: "`30`", Valid: "30 to 16384",
				Desc: "Encrypted gp3 root volume, GiB, 30 to 16384."},
			{Name: "minSize", Field: "MinSize", Default: "`2`",
				Desc: "Smallest group size, 0 or more (minSize and maxSize take their defaults when both are unset)."},
			{Name: "maxSize", Field: "MaxSize", Default: "`4`", Valid: "1 or more",
				Desc: "Largest group size, 1 or more and at least minSize."},
			{Name: "desiredCapacity", Field: "DesiredCapacity", Default: "`minSize`",
				Desc: "Starting size; managed scaling owns it afterwards (changes to it are ignored)."},
			{Name: "managedScaling", Field: "ManagedScaling", Default: "`true`",
				Desc: "ECS scales the group to fit the tasks."},
			{Name: "targetCapacity", Field: "TargetCapacity", Default: "`100`", Valid: "1 to 100",
				Desc: "Managed scaling target, percent of capacity in use, 1 to 100."},
			{Name: "managedTerminationProtection", Field: "ManagedTerminationProtection", Default: "`false`",
				Desc: "Scale-in never terminates an instance running tasks; needs managed scaling, and sets scale-in protection on new instances."},
			{Name: "sessionManager", Field: "SessionManager", Default: "`false`",
				Desc: "Adds AmazonSSMManagedInstanceCore and the `ssm`, `ssmmessages`, `ec2messages` endpoints."},
			{Name: "networkMode", Field: "NetworkMode", Default: "`awsvpc`", Valid: "awsvpc or bridge",
				Desc: "`awsvpc`: each task its own ENI and the task group, targets by IP. `bridge`: dynamic host ports 32768-65535, targets by instance, tasks share the instance group."},
			{Name: "awsvpcTrunking", Field: "AwsvpcTrunking", Default: "`false`",
				Desc: "Say that the account's `awsvpcTrunking` setting is on; lifts the ENI check below."},
		},
		set: object(ec2Key{}, `{"instanceTypes": ["m6i.large"], "minSize": 2, "maxSize": 4}`, func(a *Args, v ec2Key) {
			a.Ec2 = &cluster.Ec2CapacityArgs{
				InstanceTypes: v.InstanceTypes, AmiId: v.AmiId, AmiArchitecture: v.AmiArchitecture,
				RootVolumeSize: v.RootVolumeSize, MinSize: v.MinSize, MaxSize: v.MaxSize,
				DesiredCapacity: v.DesiredCapacity, ManagedScaling: v.ManagedScaling, TargetCapacity: v.TargetCapacity,
				ManagedTerminationProtection: v.ManagedTerminationProtection, SessionManager: v.SessionManager,
				NetworkMode: v.NetworkMode, AwsvpcTrunking: v.AwsvpcTrunking,
			}
		})},
	{Name: "taskSecurityGroupIds", Type: "array", Items: "string", Field: "Service.ExtraSecurityGroupIds", None: "[]",
		Desc: "More security groups for the tasks beside the task group (awsvpc only), for example to reach a database.",
		set:  strs(func(a *Args, v []string) { a.Service.ExtraSecurityGroupIds = pulumi.ToStringArray(v) })},
	{Name: "minHealthyPercent", Type: "integer", Field: "Service.MinimumHealthyPercent", Kinds: runsAService,
		Desc:    "Lowest share of desiredCount kept running during a deployment, 0 to 100.",
		Default: func(d Args) any { return *d.Service.MinimumHealthyPercent },
		set:     integer(func(a *Args, v int) { a.Service.MinimumHealthyPercent = &v })},
	{Name: "maxPercent", Type: "integer", Field: "Service.MaximumPercent", Kinds: runsAService, Valid: "100 to 200",
		Desc:    "Highest share of desiredCount running during a deployment, 100 to 200, above minHealthyPercent.",
		Default: func(d Args) any { return d.Service.MaximumPercent },
		set:     integer(func(a *Args, v int) { a.Service.MaximumPercent = v })},
	{Name: "healthCheckGracePeriod", Type: "integer", Field: "Service.HealthCheckGracePeriod", Kinds: webOnly,
		Desc:    "Seconds a new task's failed ALB health checks are ignored, 0 or more.",
		Default: func(d Args) any { return *d.Service.HealthCheckGracePeriod },
		set:     integer(func(a *Args, v int) { a.Service.HealthCheckGracePeriod = &v })},
	// Autoscaling and alarms (keys_ops.go holds their setters).
	{Name: "autoscaling", Type: "object", Field: "Autoscaling", Kinds: takesTraffic, None: "{}", Desc: autoscalingDesc, Sub: autoscalingSubs,
		set: object(autoscalingKey{}, `{"minCount": 2, "maxCount": 6}`, setAutoscaling)},
	{Name: "scalingPolicies", Type: "array", Items: "object", Field: "Autoscaling.Policies", Kinds: takesTraffic, None: "[]", Desc: scalingPoliciesDesc(), Sub: scalingPolicySubs,
		set: setScalingPolicies},
	{Name: "alarms", Type: "boolean", Field: "Alarms", Desc: alarmsDesc,
		Default: func(Args) any { return false }, // off unless set
		set:     setAlarms},
	{Name: "alarmTopicArn", Type: "string", Field: "Alarms.TopicArn", None: `""`, Desc: alarmTopicArnDesc, set: setAlarmTopicArn},
	{Name: "alarmEmail", Type: "string", Field: "Alarms.Email", None: `""`, Desc: alarmEmailDesc, set: setAlarmEmail},
	{Name: "alarmThresholds", Type: "object", Field: "Alarms.Thresholds", None: "{}", Desc: alarmThresholdsDesc, Sub: alarmThresholdSubs(),
		set: setAlarmThresholds},
	// After alarms, which it needs on.
	{Name: "queueAlarmThresholds", Type: "object", Field: "Worker.AlarmThresholds", None: "{}", Kinds: workerOnly, Desc: queueAlarmsDesc, Sub: queueAlarmSubs,
		set: setQueueAlarmThresholds},
	{Name: "imageTagMutability", Type: "string", Field: "Repository.ImageTagMutability", Valid: "MUTABLE or IMMUTABLE",
		Desc:    "MUTABLE or IMMUTABLE. The task definition pins the pushed digest either way.",
		Default: func(d Args) any { return d.Repository.ImageTagMutability },
		set:     str(func(a *Args, v string) { a.Repository.ImageTagMutability = v })},
	{Name: "keepImages", Type: "integer", Field: "Repository.KeepImages", Valid: "1 to 1000",
		Desc:    "Images the ECR lifecycle policy keeps, 1 to 1000.",
		Default: func(d Args) any { return d.Repository.KeepImages },
		set:     integer(func(a *Args, v int) { a.Repository.KeepImages = v })},
	{Name: "ecrForceDelete", Type: "boolean", Field: "Repository.ForceDelete",
		Desc:    "Let pulumi destroy delete a repository that still holds images.",
		Default: func(d Args) any { return d.Repository.ForceDelete },
		set:     boolean(func(a *Args, v bool) { a.Repository.ForceDelete = v })},
	{Name: "extraPullRepositoryArns", Type: "array", Items: "string", Field: "Repository.ExtraPullRepositoryArns", None: "[]",
		Desc: "Other ECR repositories (ARNs of the stack's partition) the execution role may pull from.",
		set:  strs(func(a *Args, v []string) { a.Repository.ExtraPullRepositoryArns = pulumi.ToStringArray(v) })},
	{Name: "kmsKey", Type: "string", Field: "Kms", None: `""`, Sub: []subKey{{Field: "KeyArn"}},
		Desc: "A customer-managed KMS key for the data at rest (every log group, the flow logs among them, the repository, the alarm topic, ECS Exec sessions): create to make one with the policy CloudWatch Logs, CloudWatch alarms and the account need, or the ARN of a key of the stack's region with that policy. A repository's encryption is set at creation: see repositoryKmsKey. Empty: AWS-owned keys.",
		set: func(_ *reader, _ *stackKey, v string, a *Args) {
			if v == "create" {
				a.Kms = &components.KmsArgs{Create: true}
			} else {
				a.Kms = &components.KmsArgs{KeyArn: pulumi.String(v)}
			}
		}},
	{Name: "repositoryKmsKey", Type: "boolean", Field: "Repository.WithoutKmsKey",
		Desc:    "The ECR repository takes kmsKey. false keeps it under ECR's AES-256 encryption: ECR sets a repository's encryption at creation only, so putting a released repository under a key replaces it, with its images. Turn it off for a stack deployed before it had kmsKey.",
		Default: func(Args) any { return true },
		set:     boolean(func(a *Args, v bool) { a.Repository.WithoutKmsKey = !v })},
	{Name: "secretsUseKmsKey", Type: "boolean", Field: "Kms.Secrets",
		Desc:    "The container's secrets are encrypted with kmsKey: the execution role may decrypt with it.",
		Default: func(Args) any { return false },
		set: boolean(func(a *Args, v bool) {
			if v && a.Kms == nil {
				a.Kms = &components.KmsArgs{}
			}
			if a.Kms != nil {
				a.Kms.Secrets = v
			}
		})},
	{Name: "waf", Type: "object", Field: "LoadBalancer.Waf", Kinds: webOnly, None: "{}", Desc: wafDesc, Sub: wafSubs,
		set: object(wafKey{}, `{"mode": "BLOCK", "rateLimit": 2000}`, setWaf)},
	{Name: "albDeletionProtection", Type: "boolean", Field: "LoadBalancer.DeletionProtection", Kinds: webOnly,
		Desc:    "Refuse to delete the ALB until this is turned off.",
		Default: func(d Args) any { return d.LoadBalancer.DeletionProtection },
		set:     boolean(func(a *Args, v bool) { a.LoadBalancer.DeletionProtection = v })},
	{Name: "albIdleTimeout", Type: "integer", Field: "LoadBalancer.IdleTimeout", Kinds: webOnly, Valid: "1 to 4000",
		Desc:    "ALB idle timeout in seconds, 1 to 4000.",
		Default: func(d Args) any { return d.LoadBalancer.IdleTimeout },
		set:     integer(func(a *Args, v int) { a.LoadBalancer.IdleTimeout = v })},
	{Name: "deregistrationDelay", Type: "integer", Field: "LoadBalancer.DeregistrationDelay", Kinds: webOnly,
		Desc:    "Seconds a draining target keeps its connections, 0 to 3600.",
		Default: func(d Args) any { return *d.LoadBalancer.DeregistrationDelay },
		set:     integer(func(a *Args, v int) { a.LoadBalancer.DeregistrationDelay = &v })},
	{Name: "healthCheckPath", Type: "string", Field: "LoadBalancer.HealthCheck.Path", Kinds: webOnly, Valid: "a path starting with /",
		Desc:    "Path of the ALB's target health check; starts with /.",
		Default: func(d Args) any { return d.LoadBalancer.HealthCheck.Path },
		set:     str(func(a *Args, v string) { a.LoadBalancer.HealthCheck.Path = v })},
	{Name: "healthCheckMatcher", Type: "string", Field: "LoadBalancer.HealthCheck.Matcher", Kinds: webOnly, Valid: "HTTP codes such as 200 or 200-399",
		Desc:    "HTTP codes a healthy target answers, such as 200, 200-299 or 200,204.",
		Default: func(d Args) any { return d.LoadBalancer.HealthCheck.Matcher },
		set:     str(func(a *Args, v string) { a.LoadBalancer.HealthCheck.Matcher = v })},
	{Name: "healthCheckInterval", Type: "integer", Field: "LoadBalancer.HealthCheck.Interval", Kinds: webOnly, Valid: "5 to 300",
		Desc:    "Seconds between target health checks, 5 to 300.",
		Default: func(d Args) any { return d.LoadBalancer.HealthCheck.Interval },
		set:     integer(func(a *Args, v int) { a.LoadBalancer.HealthCheck.Interval = v })},
	{Name: "healthCheckTimeout", Type: "integer", Field: "LoadBalancer.HealthCheck.Timeout", Kinds: webOnly, Valid: "2 to 120, below healthCheckInterval",
		Desc:    "Seconds one target health check may take, 2 to 120 and below healthCheckInterval.",
		Default: func(d Args) any { return d.LoadBalancer.HealthCheck.Timeout },
		set:     integer(func(a *Args, v int) { a.LoadBalancer.HealthCheck.Timeout = v })},
	{Name: "healthyThreshold", Type: "integer", Field: "LoadBalancer.HealthCheck.HealthyThreshold", Kinds: webOnly, Valid: "2 to 10",
		Desc:    "Passed checks in a row that make a target healthy, 2 to 10.",
		Default: func(d Args) any { return d.LoadBalancer.HealthCheck.HealthyThreshold },
		set:     integer(func(a *Args, v int) { a.LoadBalancer.HealthCheck.HealthyThreshold = v })},
	{Name: "unhealthyThreshold", Type: "integer", Field: "LoadBalancer.HealthCheck.UnhealthyThreshold", Kinds: webOnly, Valid: "2 to 10",
		Desc:    "Failed checks in a row that make a target unhealthy, 2 to 10.",
		Default: func(d Args) any { return d.LoadBalancer.HealthCheck.UnhealthyThreshold },
		set:     integer(func(a *Args, v int) { a.LoadBalancer.HealthCheck.UnhealthyThreshold = v })},
	{Name: "logRetentionDays", Type: "integer", Field: "LogRetentionDays", Also: []string{"Network.FlowLogs.LogRetentionDays"}, Valid: "one of CloudWatch's retention periods (1, 3, 5, 7, 14, 30, 60, 90, ...)",
		Desc:    "Days CloudWatch keeps the container logs: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653.",
		Default: func(d Args) any { return d.LogRetentionDays },
		set:     integer(func(a *Args, v int) { a.LogRetentionDays = v })},
	{Name: "taskRolePolicyArns", Type: "array", Items: "string", Field: "TaskRole.PolicyArns", None: "[]",
		Desc: "Managed policies attached to the task role (the application's identity), ARNs of the stack's partition.",
		set:  strs(func(a *Args, v []string) { a.TaskRole.PolicyArns = pulumi.ToStringArray(v) })},
	{Name: "taskRoleStatements", Type: "array", Items: "object", Field: "TaskRole.Statements", None: "[]",
		Desc: "Allow statements {actions, resources} for the task role.",
		Sub: []subKey{
			{Name: "actions", Field: "Actions", Valid: "at least one action"},
			{Name: "resources", Field: "Resources", Valid: "at least one resource ARN"},
		},
		set: object([]statement{}, `[{"actions": ["sqs:SendMessage"], "resources": ["arn:aws:sqs:..."]}]`, func(a *Args, v []statement) {
			for _, s := range v {
				a.TaskRole.Statements = append(a.TaskRole.Statements, service.PolicyStatement{Actions: s.Actions, Resources: pulumi.ToStringArray(s.Resources)})
			}
		})},
	{Name: "tags", Type: "object", Field: "Tags", Verbatim: true, None: "{}",
		Desc: "Tags added to every taggable resource, beside project, stack and component.",
		set:  object(map[string]string{}, `{"team": "payments"}`, func(a *Args, v map[string]string) { a.Tags = pulumi.ToStringMap(v) })},
}

// The program's own defaults, for keys the component does not have.
const (
	defaultName    = "web"
	defaultAppPath = "./app"
)

// The structured keys' values, as a stack file writes them.
type (
	cacheRuleKey struct {
		Upstream      string `json:"upstream"`
		Prefix        string `json:"prefix"`
		CredentialArn string `json:"credentialArn"`
		RegistryHost  string `json:"registryHost"`
		CustomRoleArn string `json:"customRoleArn"`
		KeepImages    int    `json:"keepImages"`
	}
	capacityItem struct {
		Provider string `json:"provider"`
		Base     int    `json:"base"`
		Weight   int    `json:"weight"`
	}
	healthCheck struct {
		Command     []string `json:"command"`
		Interval    int      `json:"interval"`
		Timeout     int      `json:"timeout"`
		Retries     int      `json:"retries"`
		StartPeriod int      `json:"startPeriod"`
	}
	ec2Key struct {
		InstanceTypes                []string `json:"instanceTypes"`
		AmiId                        string   `json:"amiId"`
		AmiArchitecture              string   `json:"amiArchitecture"`
		RootVolumeSize               int      `json:"rootVolumeSize"`
		MinSize                      int      `json:"minSize"`
		MaxSize                      int      `json:"maxSize"`
		DesiredCapacity              *int     `json:"desiredCapacity"`
		ManagedScaling               *bool    `json:"managedScaling"`
		TargetCapacity               int      `json:"targetCapacity"`
		ManagedTerminationProtection bool     `json:"managedTerminationProtection"`
		SessionManager               bool     `json:"sessionManager"`
		NetworkMode                  string   `json:"networkMode"`
		AwsvpcTrunking               bool     `json:"awsvpcTrunking"`
	}
	statement struct {
		Actions   []string `json:"actions"`
		Resources []string `json:"resources"`
	}
	dependencyKey struct {
		Container string `json:"container"`
		Condition string `json:"condition"`
	}
	sidecarKey struct {
		Name                   string            `json:"name"`
		Image                  string            `json:"image"`
		Ports                  []int             `json:"ports"`
		Essential              *bool             `json:"essential"`
		DependsOn              []dependencyKey   `json:"dependsOn"`
		Environment            map[string]string `json:"environment"`
		Secrets                map[string]string `json:"secrets"`
		HealthCheck            *healthCheck      `json:"healthCheck"`
		Cpu                    int               `json:"cpu"`
		MemoryReservation      int               `json:"memoryReservation"`
		ReadonlyRootFilesystem bool              `json:"readonlyRootFilesystem"`
	}
)

// dependencySubs are the fields of a container dependency.
var dependencySubs = []subKey{
	{Name: "container", Field: "Container", Default: "(required)", Valid: "a container name",
		Desc: "The container waited for: the app's containerName or a sidecar's name."},
	{Name: "condition", Field: "Condition", Default: "(required)", Valid: "START, COMPLETE, SUCCESS or HEALTHY",
		Desc: "`START` (it started), `COMPLETE` (it exited), `SUCCESS` (it exited 0), `HEALTHY` (its health check passed)."},
}

// sidecarSubs are the fields of a sidecar.
var sidecarSubs = []subKey{
	{Name: "name", Field: "Name", Default: "(required)", Valid: "a container name",
		Desc: "Container name and log stream prefix: letters, digits, hyphens and underscores, unique in the task."},
	{Name: "image", Field: "Image", Default: "(required)", Valid: "an image URI",
		Desc: "Image URI, under the image key's rule: a private ECR image of the stack's region unless NAT is on."},
	{Name: "ports", Field: "Ports", Default: "`[]`",
		Desc: "TCP ports the sidecar listens on inside the task, unique among the task's containers; not routed by the ALB."},
	{Name: "essential", Field: "Essential", Default: "`true`",
		Desc: "The task stops when the sidecar stops."},
	{Name: "dependsOn", Field: "DependsOn", Default: "`[]`",
		Desc: "Containers it waits for at start, {container, condition}, as containerDependsOn."},
	{Name: "environment", Field: "Environment", Default: "`{}`", Verbatim: true,
		Desc: "Plain environment variables, by name."},
	{Name: "secrets", Field: "Secrets", Default: "`{}`", Verbatim: true,
		Desc: "Variables read at task start, name to secret or parameter ARN, as the secrets key: each kind adds its endpoint and a read grant."},
	{Name: "healthCheck", Field: "HealthCheck", Default: "none",
		Desc: "{command, interval, timeout, retries, startPeriod}, as containerHealthCheck; needed for HEALTHY on it."},
	{Name: "cpu", Field: "Cpu", Default: "`0`",
		Desc: "CPU units reserved, 0 to cpu; all sidecars together at most cpu."},
	{Name: "memoryReservation", Field: "MemoryReservation", Default: "`0`",
		Desc: "MiB reserved (soft limit), 0 or 6 to memory; all sidecars together at most memory."},
	{Name: "readonlyRootFilesystem", Field: "ReadonlyRootFilesystem", Default: "`false`",
		Desc: "Read-only root filesystem for the sidecar."},
}

// dependencies are container dependencies as the component takes them.
func dependencies(v []dependencyKey) []service.ContainerDependency {
	var out []service.ContainerDependency
	for _, d := range v {
		out = append(out, service.ContainerDependency{Container: d.Container, Condition: d.Condition})
	}
	return out
}

// args is the sidecar as the component takes it.
func (s sidecarKey) args() service.SidecarArgs {
	out := service.SidecarArgs{
		Name: s.Name, Ports: s.Ports, Essential: s.Essential, DependsOn: dependencies(s.DependsOn),
		Cpu: s.Cpu, MemoryReservation: s.MemoryReservation, ReadonlyRootFilesystem: s.ReadonlyRootFilesystem,
	}
	if s.Image != "" {
		out.Image = pulumi.String(s.Image)
	}
	if len(s.Environment) > 0 {
		out.Environment = pulumi.ToStringMap(s.Environment)
	}
	if len(s.Secrets) > 0 {
		out.Secrets = map[string]service.ContainerSecret{}
		for name, arn := range s.Secrets {
			out.Secrets[name] = service.ContainerSecret{Arn: pulumi.String(arn)}
		}
	}
	if hc := s.HealthCheck; hc != nil {
		out.HealthCheck = &service.ContainerHealthCheck{
			Command: hc.Command, Interval: hc.Interval, Timeout: hc.Timeout, Retries: hc.Retries, StartPeriod: hc.StartPeriod,
		}
	}
	return out
}

// keyByName finds a declared key.
func keyByName(name string) (*stackKey, bool) {
	for _, k := range keys {
		if k.Name == name {
			return k, true
		}
	}
	return nil, false
}

// str, integer, boolean, strs and object make a key's setter from a
// function that puts the parsed value into the args.

func str(put func(*Args, string)) func(*reader, *stackKey, string, *Args) {
	return func(_ *reader, _ *stackKey, v string, a *Args) { put(a, v) }
}

func integer(put func(*Args, int)) func(*reader, *stackKey, string, *Args) {
	return func(r *reader, k *stackKey, v string, a *Args) {
		if n, ok := r.integer(k, v); ok {
			put(a, n)
		}
	}
}

func boolean(put func(*Args, bool)) func(*reader, *stackKey, string, *Args) {
	return func(r *reader, k *stackKey, v string, a *Args) {
		if b, ok := r.boolean(k, v); ok {
			put(a, b)
		}
	}
}

func strs(put func(*Args, []string)) func(*reader, *stackKey, string, *Args) {
	return object([]string{}, `["..."]`, put)
}

// The zero argument only names T; every read decodes into a new value,
// since decoding into a shared map would carry entries between stacks.
func object[T any](_ T, example string, put func(*Args, T)) func(*reader, *stackKey, string, *Args) {
	return func(r *reader, k *stackKey, v string, a *Args) {
		var out T
		if r.decode(k, v, &out, example) {
			put(a, out)
		}
	}
}
