package service

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// workerQueue is the queue a worker consumes, created or adopted.
type workerQueue struct {
	// arn, url and name are the queue's; url and name are read from the
	// ARN, so a created and an adopted queue are named alike.
	arn, url, name pulumi.StringOutput
	// deadLetterArn and deadLetterName are the created dead-letter
	// queue's; empty for an adopted queue.
	deadLetterArn, deadLetterName pulumi.StringOutput
	created                       bool
	// key is the customer key the queue is encrypted with, when one is
	// given.
	key    pulumi.StringOutput
	hasKey bool
}

// deadLetterRetentionSeconds is how long the dead-letter queue keeps a
// message: the most SQS allows, because a message moved there keeps its
// first enqueue time, and a shorter retention than the source queue's
// would drop it early (SQS developer guide, "Using dead-letter queues").
const deadLetterRetentionSeconds = maxRetentionSeconds

// newWorkerQueue creates the queue and its dead-letter queue, or checks
// the adopted queue's ARN at deploy time. q is defaulted and checked.
func newWorkerQueue(f *piece.Family, q WorkerQueueArgs, region string) (*workerQueue, error) {
	out := &workerQueue{hasKey: q.KmsKeyArn != nil}
	if out.hasKey {
		out.key = check.CheckedString(f.PieceName(), f.Field("Queue.KmsKeyArn"), q.KmsKeyArn, check.KmsKeyRule(region))
	}
	if q.Arn != nil {
		out.arn = check.CheckedString(f.PieceName(), f.Field("Queue.Arn"), q.Arn, sqsQueueRule(region))
		out.url, out.name = queueURLOf(out.arn), queueNameOf(out.arn)
		empty := pulumi.String("").ToStringOutput()
		out.deadLetterArn, out.deadLetterName = empty, empty
		return out, nil
	}
	out.created = true
	dlqName := f.Name + "-dlq"
	dlqArgs := &sqs.QueueArgs{
		MessageRetentionSeconds: pulumi.Int(deadLetterRetentionSeconds),
		Tags:                    f.TagsFor(dlqName),
	}
	out.encrypt(dlqArgs, q)
	dlq, err := sqs.NewQueue(f.Ctx, dlqName, dlqArgs, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create dead-letter queue: %w", err)
	}
	maxReceives := q.MaxReceiveCount
	name := f.Name + "-queue"
	args := &sqs.QueueArgs{
		MessageRetentionSeconds:  pulumi.Int(q.RetentionSeconds),
		VisibilityTimeoutSeconds: pulumi.Int(*q.VisibilityTimeoutSeconds),
		RedrivePolicy: dlq.Arn.ApplyT(func(arn string) string {
			return redrivePolicy(arn, maxReceives)
		}).(pulumi.StringOutput),
		Tags: f.TagsFor(name),
	}
	out.encrypt(args, q)
	queue, err := sqs.NewQueue(f.Ctx, name, args, f.Opts()...)
	if err != nil {
		return nil, fmt.Errorf("create queue: %w", err)
	}
	out.arn = queue.Arn
	out.url, out.name = queueURLOf(queue.Arn), queueNameOf(queue.Arn)
	out.deadLetterArn, out.deadLetterName = dlq.Arn, queueNameOf(dlq.Arn)
	return out, nil
}

// encrypt sets a created queue's encryption: SSE-KMS with the customer
// key, or else SSE-SQS, SQS's own keys, which need no KMS permission
// from producers or consumers (SQS developer guide, "Encryption at rest").
func (wq *workerQueue) encrypt(args *sqs.QueueArgs, q WorkerQueueArgs) {
	if wq.hasKey {
		args.KmsMasterKeyId = wq.key
		args.KmsDataKeyReusePeriodSeconds = pulumi.Int(q.KmsDataKeyReusePeriodSeconds)
		return
	}
	args.SqsManagedSseEnabled = pulumi.Bool(true)
}

// redrivePolicy is a queue's RedrivePolicy attribute: the dead-letter
// queue and the receives before a message moves there.
func redrivePolicy(deadLetterArn string, maxReceiveCount int) string {
	out, _ := json.Marshal(struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
		MaxReceiveCount     int    `json:"maxReceiveCount"`
	}{deadLetterArn, maxReceiveCount})
	return string(out)
}

// queueNameOf is the queue name an SQS ARN ends with.
func queueNameOf(arn pulumi.StringOutput) pulumi.StringOutput {
	return arn.ApplyT(func(v string) string {
		return v[strings.LastIndex(v, ":")+1:]
	}).(pulumi.StringOutput)
}

// queueURLOf is the URL of the queue an ARN names, on the regional host
// sqs.<region>.<domain>. Private DNS on the network's sqs endpoint covers
// that host and not the legacy queue.amazonaws.com or
// <region>.queue.amazonaws.com ones (SQS developer guide, "Internetwork
// traffic privacy"), so the app is given this form.
func queueURLOf(arn pulumi.StringOutput) pulumi.StringOutput {
	return arn.ApplyT(queueURL).(pulumi.StringOutput)
}

// queueURL is queueURLOf for a resolved ARN; "" for what is not one.
func queueURL(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	domain := "amazonaws.com"
	if parts[1] == "aws-cn" {
		domain = "amazonaws.com.cn"
	}
	return fmt.Sprintf("https://sqs.%s.%s/%s/%s", parts[3], domain, parts[4], parts[5])
}

// consumeActions are what a worker calls on its queue, each for a reason
// (SQS API Reference):
//   - sqs:ReceiveMessage takes messages (and, with long polling, waits for them);
//   - sqs:DeleteMessage removes a processed message, or it comes back
//     after the visibility timeout and ends in the dead-letter queue;
//   - sqs:ChangeMessageVisibility extends the timeout of a message that
//     takes longer, or hands it back at once on a failure;
//   - sqs:GetQueueAttributes lets the SDKs and consumer libraries read the
//     queue's settings (its visibility timeout, whether it is FIFO).
//
// The batch calls are covered by the single ones. sqs:GetQueueUrl is not
// needed: the app is given QUEUE_URL.
var consumeActions = []string{
	"sqs:ChangeMessageVisibility",
	"sqs:DeleteMessage",
	"sqs:GetQueueAttributes",
	"sqs:ReceiveMessage",
}

// consumePolicy is the task role's policy on the queue: the consume
// actions on the queue alone, and, when the queue is encrypted with a
// customer key, kms:Decrypt on that key, which is all a consumer needs
// of it (SQS developer guide, "Key management"). key is ""
// without one.
func consumePolicy(queueArn, key string) piece.PolicyDocument {
	doc := piece.PolicyDocument{Version: "2012-10-17", Statement: []piece.Statement{{
		Sid:      "ConsumeQueue",
		Effect:   "Allow",
		Action:   consumeActions,
		Resource: []string{queueArn},
	}}}
	if key != "" {
		doc.Statement = append(doc.Statement, piece.Statement{
			Sid:      "DecryptQueue",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []string{key},
		})
	}
	return doc
}

// queuePolicyDocument is an SQS access policy. Its condition takes a list
// of values, which piece.Statement's does not.
type queuePolicyDocument struct {
	Version   string                 `json:"Version"`
	Statement []queuePolicyStatement `json:"Statement"`
}

type queuePolicyStatement struct {
	Sid       string                         `json:"Sid"`
	Effect    string                         `json:"Effect"`
	Principal map[string]string              `json:"Principal"`
	Action    []string                       `json:"Action"`
	Resource  string                         `json:"Resource"`
	Condition map[string]map[string][]string `json:"Condition"`
}

// topicsPolicy lets SNS send to the queue from the given topics only:
// principal sns.amazonaws.com, sqs:SendMessage on the queue, and
// aws:SourceArn equal to one of the topics, which keeps another account's
// topic from using SNS as a confused deputy (SNS developer guide,
// "Subscribing an Amazon SQS queue to an Amazon SNS topic"). One statement lists every topic (the values of one condition
// key are ORed), where one statement per subscription would stop at the
// 20 statements an SQS access policy holds.
func topicsPolicy(queueArn string, topics []string) string {
	out, _ := json.Marshal(queuePolicyDocument{Version: "2012-10-17", Statement: []queuePolicyStatement{{
		Sid:       "TopicsSendMessage",
		Effect:    "Allow",
		Principal: map[string]string{"Service": "sns.amazonaws.com"},
		Action:    []string{"sqs:SendMessage"},
		Resource:  queueArn,
		Condition: map[string]map[string][]string{"ArnEquals": {"aws:SourceArn": piece.UniqueSorted(topics)}},
	}}})
	return string(out)
}

// subscribeTopics gives the queue its access policy for the topics and
// subscribes it to each. Each subscription waits for the policy, or SNS
// could deliver before the queue lets it.
func subscribeTopics(f *piece.Family, wq *workerQueue, topics []pulumi.StringInput, raw bool, region string) error {
	if len(topics) == 0 {
		return nil
	}
	checked := make([]pulumi.StringOutput, len(topics))
	inputs := []any{wq.arn}
	for i, t := range topics {
		checked[i] = check.CheckedString(f.PieceName(), f.Field(fmt.Sprintf("Topics[%d]", i)), t, subscribedTopicRule(region))
		inputs = append(inputs, checked[i])
	}
	doc := pulumi.All(inputs...).ApplyT(func(v []any) string {
		arns := make([]string, 0, len(v)-1)
		for _, a := range v[1:] {
			arns = append(arns, a.(string))
		}
		return topicsPolicy(v[0].(string), arns)
	}).(pulumi.StringOutput)
	policy, err := sqs.NewQueuePolicy(f.Ctx, f.Name+"-queue-policy", &sqs.QueuePolicyArgs{
		QueueUrl: wq.url,
		Policy:   doc,
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create queue access policy: %w", err)
	}
	for i, t := range checked {
		if _, err := sns.NewTopicSubscription(f.Ctx, fmt.Sprintf("%s-subscription-%d", f.Name, i), &sns.TopicSubscriptionArgs{
			Topic:              t,
			Protocol:           pulumi.String("sqs"),
			Endpoint:           wq.arn,
			RawMessageDelivery: pulumi.Bool(raw),
		}, f.Opts(pulumi.DependsOn([]pulumi.Resource{policy}))...); err != nil {
			return fmt.Errorf("subscribe the queue to Topics[%d]: %w", i, err)
		}
	}
	return nil
}
