package copilot

import (
	"slices"
	"strings"
)

// The manifest types of Copilot's specification, as a manifest's type
// field names them. A pipeline manifest has no type field; its table is
// listed under TypePipeline.
const (
	TypeLBWS        = "Load Balanced Web Service"
	TypeBackend     = "Backend Service"
	TypeWorker      = "Worker Service"
	TypeJob         = "Scheduled Job"
	TypeRDWS        = "Request-Driven Web Service"
	TypeStaticSite  = "Static Site"
	TypeEnvironment = "Environment"
	TypePipeline    = "Pipeline"
)

// ServiceTypes are the workload types a service manifest may name.
var ServiceTypes = []string{TypeLBWS, TypeBackend, TypeWorker, TypeJob, TypeRDWS, TypeStaticSite}

// Status is what became of a manifest field.
type Status string

const (
	// Mapped fields set a stack key.
	Mapped Status = "mapped"
	// Covered fields ask for what the generated stacks do anyway, so
	// nothing is written for them.
	Covered Status = "covered"
	// NotConverted fields have no counterpart; Reason says why and
	// Instead what to do.
	NotConverted Status = "not converted"
	// Structural fields shape the conversion itself: a manifest's name,
	// its type, its environment overrides.
	Structural Status = "structure"
)

// Field is one field of a manifest type and what the converter makes of
// it. Path is dotted; "*" stands for a name the user chooses (a variable,
// a sidecar) and "[]" for the items of a list.
type Field struct {
	Path   string
	Status Status
	// Keys names what a Mapped field sets: service keys by name, platform
	// keys as "platform: key".
	Keys string
	// Reason says, for a Covered field how the stacks do it, for a
	// NotConverted one why it is not converted, and for a Mapped one any
	// condition on the mapping.
	Reason string
	// Instead is what to do for a NotConverted field.
	Instead string
	// Opaque fields hold a value whose inside is the user's (build
	// arguments, labels, a filter policy): it is not walked for fields.
	Opaque bool
}

func mapped(path, keys, note string) Field {
	return Field{Path: path, Status: Mapped, Keys: keys, Reason: note}
}

func covered(path, how string) Field { return Field{Path: path, Status: Covered, Reason: how} }

func notConverted(path, reason, instead string) Field {
	return Field{Path: path, Status: NotConverted, Reason: reason, Instead: instead}
}

func structural(path, what string) Field { return Field{Path: path, Status: Structural, Reason: what} }

func opaque(f Field) Field {
	f.Opaque = true
	return f
}

// kindOf is the kind a service manifest type becomes, "" for a type the
// converter does not convert.
func kindOf(typ string) string {
	switch typ {
	case TypeLBWS:
		return "web"
	case TypeBackend:
		return "backend"
	case TypeWorker:
		return "worker"
	case TypeJob:
		return "job"
	}
	return ""
}

// Reasons that several fields share.
const (
	whyFireLens = "the tasks log with awslogs to CloudWatch Logs, the one destination reachable through the VPC endpoints; Copilot's FireLens sidecar needs its image and its destinations, which without NAT are out of reach"
	howFireLens = "read the logs in CloudWatch Logs (logRetentionDays sets their retention), or run a log router as a sidecar (sidecars) whose image and destinations the endpoints reach"
	whyEFS      = "the service program mounts no volumes, and an EFS file system needs an elasticfilesystem endpoint and mount targets the platform does not make"
	howEFS      = "keep the data in S3 (reachable through the s3 gateway endpoint) or a database; or compose the components in a Go program of your own that adds the volume"
	whyCFN      = "a CloudFormation export belongs to Copilot's stacks, which this project replaces"
	howCFN      = "write the exported value itself into the stack file"
	whyEnvFile  = "the service program reads no environment files from S3"
	howEnvFile  = "copy the file's variables into variables (environment)"
	whyEntry    = "the service program runs the image's own ENTRYPOINT and CMD"
	howEntry    = "set ENTRYPOINT and CMD in the Dockerfile, or build an image that wraps the one you run"
	whyNLB      = "the platform offers Application Load Balancers only"
	howNLB      = "serve the port over HTTP behind the platform's ALB, or add a Network Load Balancer in a program of your own"
	whyInternal = "the platform has no internal load balancer: a backend is reached through ECS Service Connect as http://<discoveryName>:<containerPort>"
	howInternal = "call the backend at http://<name>:<port> from the services that list it in calls"
	whyPublish  = "the generated stacks create no SNS topics"
)

// Fields is the whole table: for each manifest type of Copilot's
// specification, every field and what becomes of it.
func Fields() map[string][]Field {
	return map[string][]Field{
		TypeLBWS:        lbwsFields(),
		TypeBackend:     backendFields(),
		TypeWorker:      workerFields(),
		TypeJob:         jobFields(),
		TypeRDWS:        rdwsFields(),
		TypeStaticSite:  staticSiteFields(),
		TypeEnvironment: environmentFields(),
		TypePipeline:    pipelineFields(),
	}
}

// lookup finds the field of a table for a concrete pattern path.
func lookup(table []Field, path string) (Field, bool) {
	i := slices.IndexFunc(table, func(f Field) bool { return f.Path == path })
	if i < 0 {
		return Field{}, false
	}
	return table[i], true
}

// head are the fields every manifest starts with.
func head(what string) []Field {
	return []Field{
		structural("name", "names the "+what+"; it must match its directory's name"),
		structural("type", "chooses the conversion"),
	}
}

// imageFields are the image section of an ECS workload.
func imageFields(kind string) []Field {
	out := []Field{
		mapped("image", "image or appPath", "the image to deploy, built or ready"),
		mapped("image.build", "appPath", "the Dockerfile's directory becomes the build context, relative to the service project's directory"),
		mapped("image.build.context", "appPath", "relative to the service project's directory"),
		mapped("image.build.dockerfile", "appPath", "only a Dockerfile named Dockerfile at the context's root: the service program builds <appPath>/Dockerfile"),
		opaque(notConverted("image.build.args", "the service program passes no build arguments", "give the ARGs defaults in the Dockerfile")),
		notConverted("image.build.target", "the service program builds the Dockerfile's last stage", "make the stage you deploy the last one"),
		notConverted("image.build.cache_from", "the service program names no cache source", "rely on the local Docker cache"),
		mapped("image.location", "image", "an image on a registry ECR can cache gets a pull-through cache rule on the platform; ECR images of the stack's region are used as they are"),
		notConverted("image.credentials", "without NAT the tasks reach no registry but their region's ECR", "cache the registry in ECR with a pull-through cache rule (platform: pullThroughCache, with its credentials in Secrets Manager), or push the image to ECR"),
		opaque(notConverted("image.labels", "the service program sets no Docker labels", "set LABELs in the Dockerfile")),
		mapped("image.depends_on", "containerDependsOn", ""),
		mapped("image.depends_on.*", "containerDependsOn", "conditions start, healthy, complete and success become START, HEALTHY, COMPLETE and SUCCESS"),
		mapped("image.healthcheck", "containerHealthCheck", ""),
		mapped("image.healthcheck.command", "containerHealthCheck.command", ""),
		mapped("image.healthcheck.interval", "containerHealthCheck.interval", "in whole seconds"),
		mapped("image.healthcheck.retries", "containerHealthCheck.retries", ""),
		mapped("image.healthcheck.timeout", "containerHealthCheck.timeout", "in whole seconds"),
		mapped("image.healthcheck.start_period", "containerHealthCheck.startPeriod", "in whole seconds"),
	}
	if kind == "web" || kind == "backend" {
		out = append(out, mapped("image.port", "containerPort", "the container learns it as PORT"))
	}
	return out
}

// taskFields are the task's size, platform, environment and storage.
func taskFields() []Field {
	return []Field{
		notConverted("entrypoint", whyEntry, howEntry),
		notConverted("command", whyEntry, howEntry),
		mapped("cpu", "cpu", ""),
		mapped("memory", "memory", ""),
		mapped("platform", "architecture", "linux/x86_64 and linux/amd64 become X86_64, linux/arm64 ARM64; a Windows platform is not converted (Fargate runs the components' Linux tasks only)"),
		mapped("platform.osfamily", "architecture", "linux only"),
		mapped("platform.architecture", "architecture", ""),
		mapped("variables", "environment", ""),
		mapped("variables.*", "environment", "${COPILOT_APPLICATION_NAME} and ${COPILOT_ENVIRONMENT_NAME} are filled in"),
		notConverted("variables.*.from_cfn", whyCFN, howCFN),
		notConverted("env_file", whyEnvFile, howEnvFile),
		mapped("secrets", "secrets", ""),
		mapped("secrets.*", "secrets", "an SSM parameter name becomes arn:<partition>:ssm:<region>:<account>:parameter/<name>; an ARN is kept"),
		mapped("secrets.*.secretsmanager", "secrets", "a Secrets Manager secret name (with an optional :json-key:stage:version suffix) becomes arn:<partition>:secretsmanager:<region>:<account>:secret:<name>"),
		notConverted("secrets.*.from_cfn", whyCFN, howCFN),
		mapped("storage", "readonlyRootFilesystem", ""),
		notConverted("storage.ephemeral", "the service program sets no ephemeral storage size: tasks get Fargate's 20 GiB", "keep large scratch data in S3, or compose the components in a program that sets it"),
		mapped("storage.readonly_fs", "readonlyRootFilesystem", ""),
		notConverted("storage.volumes", whyEFS, howEFS),
		notConverted("storage.volumes.*", whyEFS, howEFS),
		notConverted("storage.volumes.*.path", whyEFS, howEFS),
		notConverted("storage.volumes.*.read_only", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.id", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.id.from_cfn", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.root_dir", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.uid", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.gid", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.auth", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.auth.iam", whyEFS, howEFS),
		notConverted("storage.volumes.*.efs.auth.access_point_id", whyEFS, howEFS),
	}
}

// countFields are count and its autoscaling fields, by kind.
func countFields(kind string) []Field {
	if kind == "job" {
		return []Field{notConverted("count", "a scheduled job runs one task per run", "run the work in one task, or split it into several jobs")}
	}
	out := []Field{
		mapped("count", "desiredCount", ""),
		mapped("count.spot", "capacity, desiredCount", "every task on FARGATE_SPOT"),
		mapped("count.range", "autoscaling", "n-m becomes {minCount: n, maxCount: m}, and desiredCount n"),
		mapped("count.range.min", "autoscaling.minCount, desiredCount", ""),
		mapped("count.range.max", "autoscaling.maxCount", ""),
		mapped("count.range.spot_from", "capacity", "the first spot_from-1 tasks on FARGATE (base), the rest on FARGATE_SPOT"),
		mapped("count.cooldown", "scalingPolicies", ""),
		mapped("count.cooldown.in", "scalingPolicies[].scaleInCooldown", "the default of every metric that sets none"),
		mapped("count.cooldown.out", "scalingPolicies[].scaleOutCooldown", "the default of every metric that sets none"),
	}
	if kind == "worker" {
		why := "a worker scales on its queue's backlog per task (workerScaling), not on CPU or memory"
		how := "scale on count.queue_delay, which becomes workerScaling"
		return append(out,
			notConverted("count.cpu_percentage", why, how),
			notConverted("count.cpu_percentage.value", why, how),
			notConverted("count.cpu_percentage.cooldown", why, how),
			notConverted("count.cpu_percentage.cooldown.in", why, how),
			notConverted("count.cpu_percentage.cooldown.out", why, how),
			notConverted("count.memory_percentage", why, how),
			notConverted("count.memory_percentage.value", why, how),
			notConverted("count.memory_percentage.cooldown", why, how),
			notConverted("count.memory_percentage.cooldown.in", why, how),
			notConverted("count.memory_percentage.cooldown.out", why, how),
			mapped("count.queue_delay", "workerScaling", "count.range gives minCount and maxCount"),
			mapped("count.queue_delay.acceptable_latency", "workerScaling.backlogPerTask", "backlogPerTask is acceptable_latency / msg_processing_time, as Copilot computes it"),
			mapped("count.queue_delay.msg_processing_time", "workerScaling.backlogPerTask", ""),
			mapped("count.queue_delay.cooldown", "workerScaling", ""),
			mapped("count.queue_delay.cooldown.in", "workerScaling.scaleInCooldown", ""),
			mapped("count.queue_delay.cooldown.out", "workerScaling.scaleOutCooldown", ""),
		)
	}
	for _, metric := range []string{"cpu_percentage", "memory_percentage"} {
		out = append(out,
			mapped("count."+metric, "scalingPolicies", metricName(metric)),
			mapped("count."+metric+".value", "scalingPolicies[].targetValue", ""),
			mapped("count."+metric+".cooldown", "scalingPolicies", ""),
			mapped("count."+metric+".cooldown.in", "scalingPolicies[].scaleInCooldown", ""),
			mapped("count."+metric+".cooldown.out", "scalingPolicies[].scaleOutCooldown", ""),
		)
	}
	if kind == "web" {
		out = append(out,
			mapped("count.requests", "scalingPolicies", metricName("requests")+", requests a minute per task"),
			mapped("count.requests.value", "scalingPolicies[].targetValue", ""),
			mapped("count.requests.cooldown", "scalingPolicies", ""),
			mapped("count.requests.cooldown.in", "scalingPolicies[].scaleInCooldown", ""),
			mapped("count.requests.cooldown.out", "scalingPolicies[].scaleOutCooldown", ""),
		)
	} else {
		why := "a backend has no target group: its requests are not counted per target"
		how := "scale on cpu_percentage or memory_percentage"
		out = append(out,
			notConverted("count.requests", why, how),
			notConverted("count.requests.value", why, how),
			notConverted("count.requests.cooldown", why, how),
			notConverted("count.requests.cooldown.in", why, how),
			notConverted("count.requests.cooldown.out", why, how),
		)
	}
	// Application Auto Scaling user guide, "Target tracking scaling
	// policies": choose a metric that changes inversely proportional to
	// the capacity (double the tasks, half the metric). Response time
	// does not: past saturation more tasks barely move it, and below it
	// fewer tasks barely raise it, so a policy on it oscillates or never
	// scales in.
	whyRT := "target tracking needs a metric that changes in inverse proportion to the task count (Application Auto Scaling user guide, \"Target tracking scaling policies\"), and response time does not; the components scale on CPU, memory and ALB requests per target, which do"
	howRT := "scale on requests (requests per task) or cpu_percentage; the alarms (alarms: true) watch the p99 response time"
	return append(out,
		notConverted("count.response_time", whyRT, howRT),
		notConverted("count.response_time.value", whyRT, howRT),
		notConverted("count.response_time.cooldown", whyRT, howRT),
		notConverted("count.response_time.cooldown.in", whyRT, howRT),
		notConverted("count.response_time.cooldown.out", whyRT, howRT),
	)
}

// metricName says which policy metric a Copilot scaling field becomes.
func metricName(field string) string {
	switch field {
	case "cpu_percentage":
		return "metric ECSServiceAverageCPUUtilization"
	case "memory_percentage":
		return "metric ECSServiceAverageMemoryUtilization"
	}
	return "metric ALBRequestCountPerTarget"
}

// opsFields are exec, deployment, network, publish, logging,
// observability, task definition overrides and environment overrides.
func opsFields(kind string) []Field {
	var out []Field
	out = append(out,
		mapped("exec", "enableExecuteCommand", "the platform's cluster logs the sessions (platform: exec)"),
		mapped("exec.enable", "enableExecuteCommand", ""),
	)
	if kind != "job" {
		out = append(out,
			mapped("deployment", "minHealthyPercent, maxPercent", ""),
			mapped("deployment.rolling", "minHealthyPercent, maxPercent", "default is 100 and 200, recreate 0 and 100"),
			notConverted("deployment.rollback_alarms", "the list form names existing CloudWatch alarms of your own, and the components roll a deployment back on their own alarms only (a map of thresholds is converted field by field)", "set alarms: true (the components' target 5xx and unhealthy-host alarms roll a deployment back), or keep those alarms outside"),
			mapped("deployment.rollback_alarms.cpu_utilization", "alarms, alarmThresholds.cpu", rollbackNotCarried("CPU")),
			mapped("deployment.rollback_alarms.memory_utilization", "alarms, alarmThresholds.memory", rollbackNotCarried("memory")),
		)
	}
	if kind == "worker" {
		out = append(out, notConverted("deployment.rollback_alarms.messages_delayed", "the worker's queue alarms watch the dead-letter queue and the oldest message's age, not delayed messages", "set queueAlarmThresholds.oldestMessageAge"))
	}
	switch kind {
	case "web":
		out = append(out,
			mapped("network.connect", "calls", "a web service calls every backend of its environment through Service Connect"),
			notConverted("network.connect.alias", "a web service is a Service Connect client only: nobody calls it by name", "call it through the ALB"),
		)
	case "backend":
		out = append(out,
			covered("network.connect", "a backend is always published in the platform's Service Connect namespace"),
			mapped("network.connect.alias", "discoveryName", ""),
		)
	case "worker":
		out = append(out,
			notConverted("network.connect", "a worker takes no inbound traffic and declares no calls", "have it call backends through their queues, or run it as a backend"),
			notConverted("network.connect.alias", "a worker takes no inbound traffic", "run it as a backend if others must call it"),
		)
	}
	out = append(out,
		covered("network", "the tasks run in the platform's network"),
		covered("network.vpc", "the tasks run in the platform's private subnets"),
		covered("network.vpc.placement", "every task runs in a private subnet with no public IP, and reaches AWS through the platform's VPC endpoints: 'private' is kept without Copilot's NAT gateways, 'public' becomes private"),
		notConverted("network.vpc.placement.subnets", "the tasks run in the platform's private subnets, which the platform chooses", "choose them on the platform (platform: existingVpc.privateSubnetIds)"),
		opaque(notConverted("network.vpc.placement.subnets.from_tags", "the tasks run in the platform's private subnets, which the platform chooses", "choose them on the platform (platform: existingVpc.privateSubnetIds)")),
		mapped("network.vpc.security_groups", "taskSecurityGroupIds", ""),
		notConverted("network.vpc.security_groups[].from_cfn", whyCFN, howCFN),
		mapped("network.vpc.security_groups.groups", "taskSecurityGroupIds", ""),
		notConverted("network.vpc.security_groups.groups[].from_cfn", whyCFN, howCFN),
		covered("network.vpc.security_groups.deny_default", "there is no environment-wide group: each service's own group admits only its load balancer or its callers"),
		mapped("publish", "taskRoleStatements, environment", ""),
		mapped("publish.topics", "taskRoleStatements, environment", ""),
		mapped("publish.topics[].name", "taskRoleStatements, environment; platform: endpoints", whyPublish+": the task role may sns:Publish to the topic Copilot made (<app>-<env>-<service>-<name>), COPILOT_SNS_TOPIC_ARNS names it, and the platform gets the sns endpoint"),
		mapped("publish.topics[].fifo", "taskRoleStatements, environment", "the topic's name ends in .fifo"),
		notConverted("publish.topics[].fifo.content_based_deduplication", whyPublish, "set it on the topic where you create it"),
		mapped("logging", "logRetentionDays", ""),
		mapped("logging.retention", "logRetentionDays", "Copilot's default, 30 days, is the components' too"),
		notConverted("logging.image", whyFireLens, howFireLens),
		opaque(notConverted("logging.destination", whyFireLens, howFireLens)),
		notConverted("logging.enableMetadata", whyFireLens, howFireLens),
		opaque(notConverted("logging.secretOptions", whyFireLens, howFireLens)),
		notConverted("logging.configFilePath", whyFireLens, howFireLens),
		opaque(notConverted("logging.variables", whyFireLens, howFireLens)),
		opaque(notConverted("logging.secrets", whyFireLens, howFireLens)),
		notConverted("logging.env_file", whyFireLens, howFireLens),
		mapped("observability", "tracing", ""),
		mapped("observability.tracing", "tracing", "awsxray becomes xray: the AWS Distro for OpenTelemetry collector beside the app, its image cached through an ecr-public pull-through cache rule on the platform"),
		notConverted("taskdef_overrides", "the service program builds the task definition from its keys; there is no patch step", "set what the patch set through a key, or compose the components in a Go program"),
		notConverted("taskdef_overrides[].path", "the service program builds the task definition from its keys; there is no patch step", "set what the patch set through a key"),
		opaque(notConverted("taskdef_overrides[].value", "the service program builds the task definition from its keys; there is no patch step", "set what the patch set through a key")),
		structural("environments", "each environment's overrides are merged into the manifest for that environment's stack, as Copilot merges them"),
	)
	return out
}

// sidecarFields are the fields of a sidecar.
func sidecarFields() []Field {
	s := func(p string) string { return "sidecars.*" + p }
	return []Field{
		mapped("sidecars", "sidecars", ""),
		mapped(s(""), "sidecars", "the map's key becomes the sidecar's name"),
		mapped(s(".port"), "sidecars[].ports", "a port such as 8080 or 8080/tcp; the ALB does not route to it"),
		mapped(s(".image"), "sidecars[].image", "as image.location, with a pull-through cache rule for a cached registry"),
		notConverted(s(".image.build"), "the service program builds the app's image only", "build and push the sidecar's image to ECR, then name it in image.location"),
		notConverted(s(".image.build.context"), "the service program builds the app's image only", "build and push the sidecar's image to ECR"),
		notConverted(s(".image.build.dockerfile"), "the service program builds the app's image only", "build and push the sidecar's image to ECR"),
		opaque(notConverted(s(".image.build.args"), "the service program builds the app's image only", "build and push the sidecar's image to ECR")),
		notConverted(s(".image.build.target"), "the service program builds the app's image only", "build and push the sidecar's image to ECR"),
		notConverted(s(".image.build.cache_from"), "the service program builds the app's image only", "build and push the sidecar's image to ECR"),
		mapped(s(".image.location"), "sidecars[].image", ""),
		mapped(s(".essential"), "sidecars[].essential", ""),
		notConverted(s(".credentialsParameter"), "without NAT the tasks reach no registry but their region's ECR", "cache the registry in ECR (platform: pullThroughCache)"),
		mapped(s(".variables"), "sidecars[].environment", ""),
		mapped(s(".variables.*"), "sidecars[].environment", ""),
		notConverted(s(".variables.*.from_cfn"), whyCFN, howCFN),
		notConverted(s(".env_file"), whyEnvFile, "copy the file's variables into the sidecar's variables"),
		mapped(s(".secrets"), "sidecars[].secrets", ""),
		mapped(s(".secrets.*"), "sidecars[].secrets", "as secrets"),
		mapped(s(".secrets.*.secretsmanager"), "sidecars[].secrets", "as secrets"),
		notConverted(s(".secrets.*.from_cfn"), whyCFN, howCFN),
		notConverted(s(".mount_points"), whyEFS, howEFS),
		notConverted(s(".mount_points[].source_volume"), whyEFS, howEFS),
		notConverted(s(".mount_points[].path"), whyEFS, howEFS),
		notConverted(s(".mount_points[].read_only"), whyEFS, howEFS),
		opaque(notConverted(s(".labels"), "the service program sets no Docker labels", "set LABELs in the sidecar's Dockerfile")),
		mapped(s(".depends_on"), "sidecars[].dependsOn", ""),
		mapped(s(".depends_on.*"), "sidecars[].dependsOn", "as image.depends_on"),
		notConverted(s(".entrypoint"), whyEntry, "build a sidecar image whose ENTRYPOINT is the one you need"),
		notConverted(s(".command"), whyEntry, "build a sidecar image whose CMD is the one you need"),
		mapped(s(".healthcheck"), "sidecars[].healthCheck", ""),
		mapped(s(".healthcheck.command"), "sidecars[].healthCheck.command", ""),
		mapped(s(".healthcheck.interval"), "sidecars[].healthCheck.interval", ""),
		mapped(s(".healthcheck.retries"), "sidecars[].healthCheck.retries", ""),
		mapped(s(".healthcheck.timeout"), "sidecars[].healthCheck.timeout", ""),
		mapped(s(".healthcheck.start_period"), "sidecars[].healthCheck.startPeriod", ""),
	}
}

// rollbackNotCarried says what of a Copilot CPU or memory rollback alarm
// is not carried: Copilot rolled a deployment back when the metric
// crossed the threshold, and the components' CPU and memory alarms only
// notify.
func rollbackNotCarried(metric string) string {
	return "the rollback is not carried: the " + metric + " alarm notifies at Copilot's threshold, and the components roll a deployment back on target 5xx and unhealthy hosts only, not on " + metric
}

// healthcheckFields are a target group health check's fields under
// prefix, mapped (the web service's main rule) or not.
func healthcheckFields(prefix string, mapKeys bool, why, how string) []Field {
	keys := []struct{ field, key string }{
		{"", "healthCheckPath"}, {".path", "healthCheckPath"}, {".success_codes", "healthCheckMatcher"},
		{".healthy_threshold", "healthyThreshold"}, {".unhealthy_threshold", "unhealthyThreshold"},
		{".interval", "healthCheckInterval"}, {".timeout", "healthCheckTimeout"}, {".grace_period", "healthCheckGracePeriod"},
	}
	var out []Field
	for _, k := range keys {
		if mapKeys {
			note := ""
			if k.field == "" {
				note = "a string is the path"
			}
			out = append(out, mapped(prefix+k.field, k.key, note))
		} else {
			out = append(out, notConverted(prefix+k.field, why, how))
		}
		if k.field == ".path" {
			portWhy, portHow := "the target group checks the port it forwards to", "serve the health check on the container port"
			if !mapKeys {
				portWhy, portHow = why, how
			}
			out = append(out, notConverted(prefix+".port", portWhy, portHow))
		}
	}
	return out
}

// aliasFields are a routing rule's alias fields under prefix.
func aliasFields(prefix string, f func(path string) Field) []Field {
	return []Field{f(prefix + ".alias"), f(prefix + ".alias[].name"), f(prefix + ".alias[].hosted_zone"), f(prefix + ".hosted_zone")}
}

// lbwsFields is the Load Balanced Web Service table.
func lbwsFields() []Field {
	out := head("service project <app>-<name>")
	out = append(out,
		mapped("http", "paths", "http: false (an NLB-only service) is not converted"),
		mapped("http.path", "paths", "'/' becomes /*, 'api' becomes /api and /api/*"),
		notConverted("http.alb", "the platform owns its load balancer (main); an imported ALB stays Copilot's", "route the service on the platform's ALB, or adopt the ALB's listener in a program of your own"),
	)
	out = append(out, healthcheckFields("http.healthcheck", true, "", "")...)
	out = append(out,
		mapped("http.deregistration_delay", "deregistrationDelay", "in whole seconds"),
		notConverted("http.target_container", "the ALB forwards to the app's container", "run the proxy as the service's image, or have the app serve the traffic itself"),
		notConverted("http.targetContainer", "the ALB forwards to the app's container", "run the proxy as the service's image, or have the app serve the traffic itself"),
		mapped("http.target_port", "containerPort", "the port the ALB forwards to"),
		notConverted("http.stickiness", "the service program turns on no sticky sessions", "keep sessions out of the tasks (a cache or a database)"),
		notConverted("http.allowed_source_ips", "who may reach the ALB is the platform's, for every service on it (loadBalancers[].allowedCidrs)", "give the platform a load balancer of its own with these CIDRs for this service, or restrict in the app"),
	)
	out = append(out, aliasFields("http", func(p string) Field {
		switch {
		case strings.HasSuffix(p, "hosted_zone"):
			return mapped(p, "platform: loadBalancers[].hostedZoneId", "the zone the ALB's certificate is validated in and its alias record written to")
		case strings.HasSuffix(p, "name"):
			return mapped(p, "hosts; platform: loadBalancers[].domainName, hostNames", "")
		}
		return mapped(p, "hosts; platform: loadBalancers[].domainName, hostNames", "the ALB's certificate covers every alias of the environment's services")
	})...)
	out = append(out,
		covered("http.redirect_to_https", "with HTTPS on, the platform redirects port 80 to 443; false is not kept"),
		covered("http.version", "the target groups speak HTTP/1.1 to the tasks: http1 is kept; grpc and http2 are not converted"),
		notConverted("http.additional_rules", "a service stack has one listener rule; its paths and hosts go in that rule", "route the other paths in paths (when they go to the same container and port), or run another service stack"),
		mapped("http.additional_rules[].path", "paths", "only for a rule that sets nothing but its path: it then joins the service's rule"),
	)
	why, how := "a service stack has one listener rule and one target group", "run another service stack for this rule"
	out = append(out, healthcheckFields("http.additional_rules[].healthcheck", false, why, how)...)
	for _, f := range []string{"deregistration_delay", "target_container", "target_port", "stickiness", "allowed_source_ips", "redirect_to_https", "version"} {
		out = append(out, notConverted("http.additional_rules[]."+f, why, how))
	}
	out = append(out, aliasFields("http.additional_rules[]", func(p string) Field { return notConverted(p, why, how) })...)
	out = append(out, nlbFields()...)
	out = append(out, imageFields("web")...)
	out = append(out, taskFields()...)
	out = append(out, countFields("web")...)
	out = append(out, opsFields("web")...)
	return append(out, sidecarFields()...)
}

// nlbFields is the nlb section, none of it converted.
func nlbFields() []Field {
	var out []Field
	for _, p := range []string{"nlb", "nlb.port", "nlb.healthcheck", "nlb.healthcheck.port", "nlb.healthcheck.healthy_threshold",
		"nlb.healthcheck.unhealthy_threshold", "nlb.healthcheck.interval", "nlb.healthcheck.timeout", "nlb.healthcheck.grace_period",
		"nlb.target_container", "nlb.target_port", "nlb.ssl_policy", "nlb.stickiness", "nlb.deregistration_delay",
		"nlb.alias", "nlb.alias[].name", "nlb.alias[].hosted_zone", "nlb.hosted_zone",
		"nlb.additional_listeners", "nlb.additional_listeners[].port", "nlb.additional_listeners[].healthcheck",
		"nlb.additional_listeners[].healthcheck.port", "nlb.additional_listeners[].healthcheck.healthy_threshold",
		"nlb.additional_listeners[].healthcheck.unhealthy_threshold", "nlb.additional_listeners[].healthcheck.interval",
		"nlb.additional_listeners[].healthcheck.timeout", "nlb.additional_listeners[].healthcheck.grace_period",
		"nlb.additional_listeners[].target_container", "nlb.additional_listeners[].target_port",
		"nlb.additional_listeners[].ssl_policy", "nlb.additional_listeners[].stickiness", "nlb.additional_listeners[].deregistration_delay"} {
		out = append(out, notConverted(p, whyNLB, howNLB))
	}
	return out
}

// backendFields is the Backend Service table.
func backendFields() []Field {
	out := head("service project <app>-<name>")
	for _, p := range []string{"http", "http.path", "http.alb", "http.deregistration_delay", "http.target_container", "http.targetContainer",
		"http.target_port", "http.stickiness", "http.allowed_source_ips", "http.additional_rules"} {
		out = append(out, notConverted(p, whyInternal, howInternal))
	}
	out = append(out, mapped("http.version", "appProtocol", "the protocol of the backend's Service Connect port: http1 becomes http, http2 http2, grpc grpc"))
	out = append(out, healthcheckFields("http.healthcheck", false, whyInternal, "give the container a health check (image.healthcheck): it is the backend's health check")...)
	out = append(out, aliasFields("http", func(p string) Field { return notConverted(p, whyInternal, howInternal) })...)
	out = append(out, notConverted("http.additional_rules[].path", whyInternal, howInternal))
	out = append(out, healthcheckFields("http.additional_rules[].healthcheck", false, whyInternal, howInternal)...)
	for _, f := range []string{"deregistration_delay", "target_container", "target_port", "stickiness", "allowed_source_ips", "redirect_to_https", "version"} {
		out = append(out, notConverted("http.additional_rules[]."+f, whyInternal, howInternal))
	}
	out = append(out, aliasFields("http.additional_rules[]", func(p string) Field { return notConverted(p, whyInternal, howInternal) })...)
	out = append(out, imageFields("backend")...)
	out = append(out, taskFields()...)
	out = append(out, countFields("backend")...)
	out = append(out, opsFields("backend")...)
	return append(out, sidecarFields()...)
}

// workerFields is the Worker Service table.
func workerFields() []Field {
	out := head("service project <app>-<name>")
	fifoWhy, fifoHow := "the worker's created queue is a standard queue", "adopt a FIFO queue of your own (queue.arn) in a program that creates it"
	topicQueueWhy, topicQueueHow := "a worker consumes one queue: every topic is subscribed to it", "run another worker for the topic that needs its own queue"
	out = append(out,
		mapped("subscribe", "topics, queue", ""),
		mapped("subscribe.topics", "topics", ""),
		mapped("subscribe.topics[].name", "topics", "the topic Copilot's publish of that service made: arn:<partition>:sns:<region>:<account>:<app>-<env>-<service>-<name>"),
		mapped("subscribe.topics[].service", "topics", "the publishing service, which must publish the topic"),
		opaque(notConverted("subscribe.topics[].filter_policy", "the component subscribes the queue to every message of the topic", "filter in the worker, or publish to a topic of its own")),
		notConverted("subscribe.topics[].queue", topicQueueWhy, topicQueueHow),
	)
	for _, f := range []string{"retention", "delay", "timeout", "dead_letter", "dead_letter.tries", "fifo", "fifo.content_based_deduplication",
		"fifo.deduplication_scope", "fifo.throughput_limit", "fifo.high_throughput"} {
		out = append(out, notConverted("subscribe.topics[].queue."+f, topicQueueWhy, topicQueueHow))
	}
	out = append(out,
		mapped("subscribe.queue", "queue", ""),
		mapped("subscribe.queue.retention", "queue.retentionSeconds", "in whole seconds"),
		notConverted("subscribe.queue.delay", "the worker's created queue delays no message", "delay in the publisher, or adopt a queue of your own (queue.arn)"),
		mapped("subscribe.queue.timeout", "queue.visibilityTimeoutSeconds", "in whole seconds"),
		mapped("subscribe.queue.dead_letter", "queue.maxReceiveCount", ""),
		mapped("subscribe.queue.dead_letter.tries", "queue.maxReceiveCount", "without it the component still makes a dead-letter queue, after 5 receives"),
		notConverted("subscribe.queue.fifo", fifoWhy, fifoHow),
		notConverted("subscribe.queue.fifo.content_based_deduplication", fifoWhy, fifoHow),
		notConverted("subscribe.queue.fifo.deduplication_scope", fifoWhy, fifoHow),
		notConverted("subscribe.queue.fifo.throughput_limit", fifoWhy, fifoHow),
		notConverted("subscribe.queue.fifo.high_throughput", fifoWhy, fifoHow),
	)
	out = append(out, imageFields("worker")...)
	out = append(out, taskFields()...)
	out = append(out, countFields("worker")...)
	out = append(out, opsFields("worker")...)
	return append(out, sidecarFields()...)
}

// jobFields is the Scheduled Job table.
func jobFields() []Field {
	out := head("service project <app>-<name>")
	out = append(out,
		mapped("on", "schedule", ""),
		mapped("on.schedule", "schedule, timezone", "as an EventBridge Scheduler expression read in UTC, as Copilot's rules are: presets (@daily...) and 5-field cron become cron(...), @every becomes rate(...); none (disabled) leaves the job's stack out"),
		mapped("timeout", "jobTimeout", "in whole seconds"),
		notConverted("retries", "Copilot's state machine re-ran a failed task; EventBridge Scheduler retries only a run it could not start (jobRetry)", "make the job safe to run again and let the next run catch up, or retry inside the container"),
	)
	out = append(out, imageFields("job")...)
	out = append(out, taskFields()...)
	out = append(out, countFields("job")...)
	out = append(out, opsFields("job")...)
	return append(out, sidecarFields()...)
}

// rdwsFields is the Request-Driven Web Service table: App Runner, not
// ECS, so none of it is converted.
func rdwsFields() []Field {
	why := "a Request-Driven Web Service runs on AWS App Runner, which this project does not deploy"
	how := "run it as a Load Balanced Web Service: change its type, give it http.path and image.port, and convert again"
	out := head("service")
	for _, p := range []string{"http", "http.private", "http.private.endpoint", "http.healthcheck", "http.healthcheck.path",
		"http.healthcheck.healthy_threshold", "http.healthcheck.unhealthy_threshold", "http.healthcheck.interval", "http.healthcheck.timeout",
		"http.alias", "image", "image.build", "image.build.context", "image.build.dockerfile", "image.build.args", "image.build.target",
		"image.build.cache_from", "image.location", "image.port", "cpu", "memory", "platform", "platform.osfamily", "platform.architecture",
		"network", "network.vpc", "network.vpc.placement", "observability", "observability.tracing", "command", "variables", "variables.*",
		"variables.*.from_cfn", "secrets", "secrets.*", "secrets.*.secretsmanager", "secrets.*.from_cfn", "publish", "publish.topics",
		"publish.topics[].name", "publish.topics[].fifo", "publish.topics[].fifo.content_based_deduplication", "tags", "tags.*", "count"} {
		f := notConverted(p, why, how)
		f.Opaque = p == "image.build.args"
		out = append(out, f)
	}
	return append(out, structural("environments", "each environment's overrides are read, and refused when they name no environment"))
}

// staticSiteFields is the Static Site table: CloudFront and S3, not ECS.
func staticSiteFields() []Field {
	why := "a Static Site is an S3 bucket behind CloudFront, which this project does not deploy"
	how := "serve the files from the app's container behind the ALB, or host them with a CloudFront and S3 program of your own"
	out := head("service")
	for _, p := range []string{"http", "http.alias", "http.certificate", "files", "files[].source", "files[].destination",
		"files[].recursive", "files[].exclude", "files[].reinclude"} {
		out = append(out, notConverted(p, why, how))
	}
	return append(out, structural("environments", "each environment's overrides are read, and refused when they name no environment"))
}

// environmentFields is the Environment table: a platform stack.
func environmentFields() []Field {
	out := head("platform stack, Pulumi.<name>.yaml")
	sgWhy := "the platform's groups are one per role (load balancer, tasks, endpoints) and admit only what the design needs"
	sgHow := "add a group of your own to the services that need it (taskSecurityGroupIds)"
	cdnWhy := "the platform makes no CloudFront distribution"
	cdnHow := "put a CloudFront distribution of your own in front of the platform's ALB"
	privWhy := "the platform has no internal load balancer: backends are reached through ECS Service Connect"
	privHow := "call backends as http://<name>:<port> from the services that list them in calls"
	out = append(out,
		mapped("network", "vpcCidr or existingVpc", ""),
		mapped("network.vpc", "vpcCidr or existingVpc", ""),
		mapped("network.vpc.id", "existingVpc.vpcId", "the VPC is adopted; its private route tables are looked up from the subnets"),
		mapped("network.vpc.cidr", "vpcCidr", "the platform splits it into sixteenths: public subnets in the first half, private ones in the second"),
		mapped("network.vpc.subnets", "azCount, availabilityZones or existingVpc", ""),
		mapped("network.vpc.subnets.public", "azCount, availabilityZones or existingVpc.publicSubnetIds", ""),
		mapped("network.vpc.subnets.public[].id", "existingVpc.publicSubnetIds", ""),
		notConverted("network.vpc.subnets.public[].cidr", "the platform derives each subnet's range from vpcCidr", "pick vpcCidr so that the derived ranges suit you, or create the subnets yourself and adopt them (existingVpc)"),
		mapped("network.vpc.subnets.public[].az", "availabilityZones, azCount", ""),
		mapped("network.vpc.subnets.private", "azCount, availabilityZones or existingVpc.privateSubnetIds", ""),
		mapped("network.vpc.subnets.private[].id", "existingVpc.privateSubnetIds", ""),
		notConverted("network.vpc.subnets.private[].cidr", "the platform derives each subnet's range from vpcCidr", "pick vpcCidr so that the derived ranges suit you, or create the subnets yourself and adopt them (existingVpc)"),
		mapped("network.vpc.subnets.private[].az", "availabilityZones, azCount", ""),
		notConverted("network.vpc.security_group", sgWhy, sgHow),
		notConverted("network.vpc.security_group.ingress", sgWhy, sgHow),
		notConverted("network.vpc.security_group.ingress[].ip_protocol", sgWhy, sgHow),
		notConverted("network.vpc.security_group.ingress[].ports", sgWhy, sgHow),
		notConverted("network.vpc.security_group.ingress[].cidr", sgWhy, sgHow),
		notConverted("network.vpc.security_group.egress", sgWhy, sgHow),
		notConverted("network.vpc.security_group.egress[].ip_protocol", sgWhy, sgHow),
		notConverted("network.vpc.security_group.egress[].ports", sgWhy, sgHow),
		notConverted("network.vpc.security_group.egress[].cidr", sgWhy, sgHow),
		mapped("network.vpc.flow_logs", "flowLogs", "true, on or a map turns them on"),
		notConverted("network.vpc.flow_logs.retention", "the platform keeps flow logs as long as its own log retention", "set the retention on the platform's log group after deploying"),
		notConverted("cdn", cdnWhy, cdnHow),
		notConverted("cdn.certificate", cdnWhy, cdnHow),
		notConverted("cdn.static_assets", cdnWhy, cdnHow),
		notConverted("cdn.static_assets.alias", cdnWhy, cdnHow),
		notConverted("cdn.static_assets.location", cdnWhy, cdnHow),
		notConverted("cdn.static_assets.path", cdnWhy, cdnHow),
		notConverted("cdn.terminate_tls", cdnWhy, cdnHow),
		mapped("http", "loadBalancers", ""),
		mapped("http.public", "loadBalancers", "one load balancer, main"),
		mapped("http.public.certificates", "loadBalancers[].certificateArn, https", "the first certificate; an ALB listener here takes one"),
		mapped("http.public.access_logs", "loadBalancers[].accessLogs.enabled", "true makes a bucket; a map names one"),
		mapped("http.public.access_logs.bucket_name", "loadBalancers[].accessLogs.bucket", ""),
		mapped("http.public.access_logs.prefix", "loadBalancers[].accessLogs.prefix", ""),
		mapped("http.public.ssl_policy", "loadBalancers[].sslPolicy", ""),
		mapped("http.public.ingress", "loadBalancers[].allowedCidrs", ""),
		notConverted("http.public.ingress.cdn", cdnWhy, "put a CloudFront distribution in front, and restrict allowedCidrs as your design needs"),
		mapped("http.public.ingress.source_ips", "loadBalancers[].allowedCidrs", ""),
		notConverted("http.public.security_groups", cdnWhy, cdnHow),
		notConverted("http.public.security_groups.ingress", cdnWhy, cdnHow),
		notConverted("http.public.security_groups.ingress.restrict_to", cdnWhy, cdnHow),
		notConverted("http.public.security_groups.ingress.restrict_to.cdn", cdnWhy, cdnHow),
	)
	for _, p := range []string{"http.private", "http.private.certificates", "http.private.subnets", "http.private.ingress", "http.private.ingress.vpc",
		"http.private.ssl_policy", "http.private.security_groups", "http.private.security_groups.ingress", "http.private.security_groups.ingress.from_vpc"} {
		out = append(out, notConverted(p, privWhy, privHow))
	}
	return append(out,
		mapped("observability", "containerInsights", ""),
		mapped("observability.container_insights", "containerInsights", "true becomes enabled, false disabled"),
	)
}

// pipelineFields is the pipeline table: Copilot's CodePipeline.
func pipelineFields() []Field {
	why := "a Copilot pipeline deploys with Copilot's CodePipeline; the converted stacks deploy with pulumi up"
	how := "run pulumi preview and pulumi up from your CI system, one stack per environment, platform first"
	var out []Field
	for _, p := range []string{"name", "version", "source", "source.provider", "source.properties", "source.properties.access_token_secret",
		"source.properties.branch", "source.properties.repository", "source.properties.connection_name", "source.properties.output_artifact_format",
		"build", "build.image", "build.buildspec", "build.additional_policy", "build.additional_policy.PolicyDocument",
		"stages", "stages[].name", "stages[].requires_approval", "stages[].pre_deployments", "stages[].pre_deployments.*",
		"stages[].pre_deployments.*.buildspec", "stages[].pre_deployments.*.depends_on", "stages[].deployments", "stages[].deployments.*",
		"stages[].deployments.*.depends_on", "stages[].deployments.*.stack_name", "stages[].deployments.*.template_path",
		"stages[].deployments.*.template_config", "stages[].post_deployments", "stages[].post_deployments.*",
		"stages[].post_deployments.*.buildspec", "stages[].post_deployments.*.depends_on", "stages[].test_commands"} {
		f := notConverted(p, why, how)
		f.Opaque = p == "build.additional_policy.PolicyDocument"
		out = append(out, f)
	}
	return out
}
