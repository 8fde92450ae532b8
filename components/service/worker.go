package service

import (
	"fmt"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WorkerServiceType is the WorkerService component's type token.
const WorkerServiceType = "private-fargate:index:WorkerService"

// WorkerService is an ECS service that consumes an SQS queue and takes no
// inbound traffic, on a shared Network and Cluster: its queue and
// dead-letter queue (or an adopted queue), the topics' subscriptions, a
// task security group with no ingress, its ECR repository and image, log
// group, roles (the task role may consume the queue), task definition and
// ECS service, and optionally backlog scaling and alarms. Its tasks reach
// SQS through the network's sqs endpoint.
type WorkerService struct {
	pulumi.ResourceState

	// ServiceName is the ECS service's name.
	ServiceName pulumi.StringOutput `pulumi:"serviceName"`
	// QueueUrl is the queue's URL on the regional SQS host.
	QueueUrl pulumi.StringOutput `pulumi:"queueUrl"`
	// QueueArn is the queue's ARN.
	QueueArn pulumi.StringOutput `pulumi:"queueArn"`
	// DeadLetterQueueArn is the dead-letter queue's ARN; empty for an
	// adopted queue.
	DeadLetterQueueArn pulumi.StringOutput `pulumi:"deadLetterQueueArn"`
	// TaskSecurityGroupId is the tasks' security group.
	TaskSecurityGroupId pulumi.StringOutput `pulumi:"taskSecurityGroupId"`
	// TaskRoleArn is the application's own role.
	TaskRoleArn pulumi.StringOutput `pulumi:"taskRoleArn"`
	// LogGroupName is the container log group's name.
	LogGroupName pulumi.StringOutput `pulumi:"logGroupName"`
	// RepositoryUrl is the ECR repository's URL.
	RepositoryUrl pulumi.StringOutput `pulumi:"repositoryUrl"`
	// AlarmTopicArn is the SNS topic the alarms notify; empty without
	// Alarms.
	AlarmTopicArn pulumi.StringOutput `pulumi:"alarmTopicArn"`
}

// The variables that tell the app its queue.
const (
	QueueUrlVariable = "QUEUE_URL"
	QueueArnVariable = "QUEUE_ARN"
)

// NewWorkerService checks args against themselves and against the
// network and cluster contracts it is given, then creates the worker. On
// invalid args it returns a *ValidationError and registers nothing.
func NewWorkerService(ctx *pulumi.Context, name string, args *WorkerServiceArgs, opts ...pulumi.ResourceOption) (*WorkerService, error) {
	if args == nil {
		args = &WorkerServiceArgs{}
	}
	a, pa, group, err := checkWorkerService(name, *args)
	if err != nil {
		return nil, err
	}
	s := &WorkerService{}
	if err := ctx.RegisterComponentResource(WorkerServiceType, name, s, opts...); err != nil {
		return nil, fmt.Errorf("register worker service: %w", err)
	}
	f := &piece.Family{Ctx: ctx, Name: name, Parent: s, Tags: a.Tags, Piece: "WorkerService"}
	sp := newPrivateParts(f, pa, group)
	region := sp.n.Region

	queue, err := newWorkerQueue(f, a.Queue, region)
	if err != nil {
		return nil, err
	}
	if err := subscribeTopics(f, queue, a.Topics, a.Queue.RawMessageDelivery, region); err != nil {
		return nil, err
	}
	if _, err := sp.privateGroup("ECS worker tasks: no inbound traffic, HTTPS out to the VPC endpoints", nil); err != nil {
		return nil, err
	}
	sp.w.Container.Environment = withQueueEnv(sp.w.Container, queue)
	task, err := sp.buildTask()
	if err != nil {
		return nil, err
	}
	consume, err := newConsumePolicy(f, task.roles.task, queue)
	if err != nil {
		return nil, err
	}
	sp.waitFor = append(sp.waitFor, consume)

	var topic alarmTopic
	if sp.w.Alarms != nil {
		if topic, err = newAlarmTopic(f, sp.w, sp.in, region); err != nil {
			return nil, err
		}
	}
	sp.scaled = a.Scaling != nil
	svc, err := sp.service(task.td, nil)
	if err != nil {
		return nil, err
	}
	clusterName := sp.c.ClusterName.ToStringOutput()
	if a.Scaling != nil {
		if err := newBacklogScaling(f, a.Scaling, queue.name, clusterName, svc.Name); err != nil {
			return nil, err
		}
	}
	if a.Alarms != nil {
		specs := append(queueAlarms(a.Alarms.Thresholds, queue), serviceAlarms(sp.w.Alarms.Thresholds, clusterName, svc.Name)...)
		for _, spec := range specs {
			if _, err := newAlarm(f, spec, topic); err != nil {
				return nil, err
			}
		}
	}

	s.ServiceName = svc.Name
	s.QueueUrl = queue.url
	s.QueueArn = queue.arn
	s.DeadLetterQueueArn = queue.deadLetterArn
	s.TaskSecurityGroupId = sp.taskSG
	s.TaskRoleArn = task.roles.task.Arn
	s.LogGroupName = task.logs.Name
	s.RepositoryUrl = task.repo.repo.RepositoryUrl
	s.AlarmTopicArn = pulumi.String("").ToStringOutput()
	if a.Alarms != nil {
		s.AlarmTopicArn = topic.arn
	}
	if err := ctx.RegisterResourceOutputs(s, pulumi.Map{
		"serviceName":         s.ServiceName,
		"queueUrl":            s.QueueUrl,
		"queueArn":            s.QueueArn,
		"deadLetterQueueArn":  s.DeadLetterQueueArn,
		"taskSecurityGroupId": s.TaskSecurityGroupId,
		"taskRoleArn":         s.TaskRoleArn,
		"logGroupName":        s.LogGroupName,
		"repositoryUrl":       s.RepositoryUrl,
		"alarmTopicArn":       s.AlarmTopicArn,
	}); err != nil {
		return nil, fmt.Errorf("register worker service outputs: %w", err)
	}
	return s, nil
}

// withQueueEnv is the app's environment with QUEUE_URL and QUEUE_ARN
// added. A variable the app already sets, as a plain variable or a
// secret, is left as it is.
func withQueueEnv(c ContainerArgs, q *workerQueue) pulumi.StringMap {
	env := pulumi.StringMap{}
	for k, v := range c.Environment {
		env[k] = v
	}
	for k, v := range map[string]pulumi.StringOutput{QueueUrlVariable: q.url, QueueArnVariable: q.arn} {
		_, set := env[k]
		_, secret := c.Secrets[k]
		if !set && !secret {
			env[k] = v
		}
	}
	return env
}

// newConsumePolicy gives the task role the consume permissions on the
// queue (and kms:Decrypt on its customer key). The ECS service waits for
// it: a task that started before it would be refused its first receive.
func newConsumePolicy(f *piece.Family, taskRole *iam.Role, q *workerQueue) (*iam.RolePolicy, error) {
	key := pulumi.String("").ToStringOutput()
	if q.hasKey {
		key = q.key
	}
	doc := pulumi.All(q.arn, key).ApplyT(func(v []any) string {
		return consumePolicy(v[0].(string), v[1].(string)).JSON()
	}).(pulumi.StringOutput)
	pol, err := iam.NewRolePolicy(f.Ctx, f.Name+"-consume-policy", &iam.RolePolicyArgs{
		Role:   taskRole.ID(),
		Policy: doc,
	}, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create queue consume policy: %w", err)
	}
	return pol, nil
}

// queueAlarms are the alarms on the queue and its dead-letter queue (a
// created queue's only), on the metrics SQS publishes in AWS/SQS by queue
// name (SQS developer guide, "Available CloudWatch metrics for Amazon
// SQS"). A queue that is idle publishes nothing, so missing data is not
// breaching; one that holds a message is active and publishes.
func queueAlarms(t WorkerAlarmThresholds, q *workerQueue) []alarmSpec {
	var out []alarmSpec
	if q.created {
		out = append(out, alarmSpec{
			suffix: "dlq-messages", description: "Messages waiting in the dead-letter queue: each failed MaxReceiveCount times",
			threshold: t.DeadLetterMessages, comparison: "GreaterThanThreshold", missing: "notBreaching",
			metric: &metricSpec{namespace: namespaceSQS, name: "ApproximateNumberOfMessagesVisible", stat: "Maximum",
				dims: pulumi.StringMap{"QueueName": q.deadLetterName}},
		})
	}
	return append(out, alarmSpec{
		suffix: "oldest-message-age", description: "Age in seconds of the oldest message waiting in the queue",
		threshold: t.OldestMessageAge, comparison: "GreaterThanThreshold", missing: "notBreaching",
		metric: &metricSpec{namespace: namespaceSQS, name: "ApproximateAgeOfOldestMessage", stat: "Maximum",
			dims: pulumi.StringMap{"QueueName": q.name}},
	})
}
