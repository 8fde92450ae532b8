package components

import (
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The kinds of workload a PrivateFargateService runs (its Kind).
const (
	// KindWeb is a WebService behind a public ALB: the component as every
	// release before kinds built it.
	KindWeb = "web"
	// KindBackend is a BackendService, reached through ECS Service
	// Connect in the cluster's namespace.
	KindBackend = "backend"
	// KindWorker is a WorkerService, which consumes an SQS queue.
	KindWorker = "worker"
	// KindJob is a ScheduledJob, a task EventBridge Scheduler runs.
	KindJob = "job"
)

// Kinds are the valid values of Kind, in the order the docs list them.
var Kinds = []string{KindWeb, KindBackend, KindWorker, KindJob}

// kindOf is a Kind as the component reads it: "" is web.
func kindOf(kind string) string { return check.StrOr(kind, KindWeb) }

// knownKind tells whether kind is one of Kinds ("" included).
func knownKind(kind string) bool {
	for _, k := range Kinds {
		if kindOf(kind) == k {
			return true
		}
	}
	return false
}

// workloadKind is the service package's name for a component kind.
func workloadKind(kind string) string {
	switch kindOf(kind) {
	case KindBackend:
		return service.KindBackend
	case KindWorker:
		return service.KindWorker
	case KindJob:
		return service.KindJob
	}
	return service.KindWeb
}

// kindNoun names a kind in a message.
func kindNoun(kind string) string {
	switch kindOf(kind) {
	case KindBackend:
		return "a backend"
	case KindWorker:
		return "a worker"
	case KindJob:
		return "a scheduled job"
	}
	return "a web service"
}

// kindFeatures are the endpoint features the workload's kind adds to
// those its settings use: a backend's proxy is managed through the
// ecs-agent endpoint, and a worker consumes its queue through the sqs
// endpoint.
func kindFeatures(kind string, f network.EndpointFeatures) network.EndpointFeatures {
	switch kindOf(kind) {
	case KindBackend:
		f.ServiceConnect = true
	case KindWorker:
		f.Sqs = true
	}
	return f
}

// backendArgs is the component's backend, on its network and cluster.
// Only the fields a backend has pass: the others are refused by
// checkKindFields before this is called.
func (a PrivateFargateServiceArgs) backendArgs(net network.NetworkSource, cl cluster.ClusterSource, keyArn pulumi.StringInput) service.BackendServiceArgs {
	out := service.BackendServiceArgs{
		Network: net, Cluster: cl,
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service,
		Autoscaling: a.Autoscaling, Alarms: a.Alarms, Repository: a.Repository, LogRetentionDays: a.LogRetentionDays,
		TaskRole: a.TaskRole, KmsKeyArn: keyArn, SecretsUseKey: a.Kms != nil && a.Kms.Secrets, Tags: a.Tags,
	}
	if b := a.Backend; b != nil {
		out.DiscoveryName, out.AppProtocol = b.DiscoveryName, b.AppProtocol
		out.IdleTimeout, out.PerRequestTimeout = b.IdleTimeout, b.PerRequestTimeout
	}
	// A backend has no load balancer to give a grace period to.
	out.Service.HealthCheckGracePeriod = nil
	return out
}

// workerArgs is the component's worker, on its network and cluster: the
// container with no port, its queue, topics and scaling, and its alarms
// with the service's thresholds and the queue's.
func (a PrivateFargateServiceArgs) workerArgs(net network.NetworkSource, cl cluster.ClusterSource, keyArn pulumi.StringInput) service.WorkerServiceArgs {
	out := service.WorkerServiceArgs{
		Network: net, Cluster: cl,
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service,
		Repository: a.Repository, LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole,
		KmsKeyArn: keyArn, SecretsUseKey: a.Kms != nil && a.Kms.Secrets, Tags: a.Tags,
	}
	out.Container.Port = 0 // a worker takes no traffic; a port given is refused by checkKindFields
	out.Service.HealthCheckGracePeriod = nil
	var queueAlarms WorkerQueueAlarmThresholds
	if w := a.Worker; w != nil {
		out.Queue, out.Topics, out.Scaling = w.Queue, w.Topics, w.Scaling
		queueAlarms = w.AlarmThresholds
	}
	if al := a.Alarms; al != nil {
		out.Alarms = &service.WorkerAlarmArgs{TopicArn: al.TopicArn, Email: al.Email, Thresholds: service.WorkerAlarmThresholds{
			DeadLetterMessages: queueAlarms.DeadLetterMessages, OldestMessageAge: queueAlarms.OldestMessageAge,
			Cpu: al.Thresholds.Cpu, Memory: al.Thresholds.Memory, RunningTasks: al.Thresholds.RunningTasks,
		}}
	}
	return out
}

// jobArgs is the component's scheduled job, on its network and cluster:
// the container with no port, the strategy, ECS Exec and extra groups of
// Service, and the alarms' topic and email.
func (a PrivateFargateServiceArgs) jobArgs(net network.NetworkSource, cl cluster.ClusterSource, keyArn pulumi.StringInput) service.ScheduledJobArgs {
	out := service.ScheduledJobArgs{
		Network: net, Cluster: cl,
		Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task,
		CapacityProviderStrategy: a.Service.CapacityProviderStrategy, EnableExecuteCommand: a.Service.EnableExecuteCommand,
		ExtraSecurityGroupIds: a.Service.ExtraSecurityGroupIds,
		Repository:            a.Repository, LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole,
		KmsKeyArn: keyArn, SecretsUseKey: a.Kms != nil && a.Kms.Secrets, Tags: a.Tags,
	}
	out.Container.Port = 0 // a job takes no traffic; a port given is refused by checkKindFields
	if j := a.Job; j != nil {
		out.Schedule, out.Timezone, out.Retry, out.DeadLetterQueue = j.Schedule, j.Timezone, j.Retry, j.DeadLetterQueue
		out.Timeout, out.PropagateTags = j.Timeout, j.PropagateTags
	}
	if al := a.Alarms; al != nil {
		out.Alarms = &service.JobAlarmArgs{TopicArn: al.TopicArn, Email: al.Email}
	}
	return out
}

// inKind is what a kind's workload built inside a PrivateFargateService
// takes from it: its problems, before anything registers and at deploy
// time, named by the component's fields. A workload other than the web
// service was never released under the component, so it keeps no alias.
func inKind(kind string) *piece.Within {
	return &piece.Within{Composite: "PrivateFargateService", Field: kindField(kind)}
}

// kindField maps a field of the kind's own args to the component's:
//   - the settings of its kind are under Backend, Worker or Job;
//   - a worker's queue alarms' thresholds are Worker.AlarmThresholds;
//   - its key is Kms.KeyArn, and SecretsUseKey is Kms.Secrets;
//   - a job's strategy, ECS Exec and extra groups are the Service's;
//   - every other field has the same path.
func kindField(kind string) func(string) string {
	var own []string
	group := "Backend."
	switch kindOf(kind) {
	case KindBackend:
		own = []string{"DiscoveryName", "AppProtocol", "IdleTimeout", "PerRequestTimeout"}
	case KindWorker:
		own, group = []string{"Queue", "Topics", "Scaling"}, "Worker."
	case KindJob:
		own, group = []string{"Schedule", "Timezone", "Retry", "DeadLetterQueue", "Timeout", "PropagateTags"}, "Job."
	}
	return func(f string) string {
		switch f {
		case "KmsKeyArn":
			return "Kms.KeyArn"
		case "SecretsUseKey":
			return "Kms.Secrets"
		}
		for _, q := range []string{"DeadLetterMessages", "OldestMessageAge"} {
			if under(f, "Alarms.Thresholds."+q) {
				return "Worker.AlarmThresholds." + strings.TrimPrefix(f, "Alarms.Thresholds.")
			}
		}
		for _, o := range own {
			if under(f, o) {
				return group + f
			}
		}
		if kindOf(kind) == KindJob {
			for _, o := range []string{"CapacityProviderStrategy", "EnableExecuteCommand", "ExtraSecurityGroupIds"} {
				if under(f, o) {
					return "Service." + f
				}
			}
		}
		return f
	}
}

// under tells whether path is field or lies below it.
func under(path, field string) bool {
	return path == field || strings.HasPrefix(path, field+".") || strings.HasPrefix(path, field+"[")
}
