package components

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// tQueue is declared with the scheduled job's tests.
const (
	tQueuePolicy = "aws:sqs/queuePolicy:QueuePolicy"

	workerName = "worker"
	// The mocks name a queue by its ID, <resource name>_id.
	wQueueArn = "arn:aws:sqs:us-east-1:123456789012:worker-queue_id"
	wDlqArn   = "arn:aws:sqs:us-east-1:123456789012:worker-dlq_id"
	wQueueURL = "https://sqs.us-east-1.amazonaws.com/123456789012/worker-queue_id"
	wQueueKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	wTopicA   = "arn:aws:sns:us-east-1:123456789012:orders"
	wTopicB   = "arn:aws:sns:us-east-1:210987654321:refunds"
	wAdopted  = "arn:aws:sqs:us-east-1:123456789012:orders"
)

// workerRig is a worker on a network and a cluster of its own program.
type workerRig struct {
	region  string
	network network.NetworkArgs
	cluster cluster.ClusterArgs
	worker  service.WorkerServiceArgs
	// tweak, when set, changes the worker's args in the program, where
	// other resources' Outputs can be made.
	tweak func(ctx *pulumi.Context, a *service.WorkerServiceArgs)
}

// newWorkerRig is the smallest valid worker: a Fargate cluster, a network
// with the sqs endpoint, an image built from ./worker.
func newWorkerRig() workerRig {
	return workerRig{
		region:  testRegion,
		network: network.NetworkArgs{Region: testRegion, Features: map[string]network.EndpointFeatures{workerName: {Sqs: true}}},
		worker:  service.WorkerServiceArgs{Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./worker"}}},
	}
}

// run builds the network, the cluster and the worker under mocks, and
// returns the worker's resolved outputs.
func (r workerRig) run(t testing.TB) (*awsmock.Mocks, map[string]any, error) {
	t.Helper()
	m := awsmock.New(r.region)
	out := &outputs{values: map[string]any{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		n, err := network.NewNetwork(ctx, "main", &r.network)
		if err != nil {
			return err
		}
		r.cluster.Network = n
		c, err := cluster.NewCluster(ctx, "apps", &r.cluster)
		if err != nil {
			return err
		}
		a := r.worker
		a.Network, a.Cluster = n, c
		if r.tweak != nil {
			r.tweak(ctx, &a)
		}
		w, err := service.NewWorkerService(ctx, workerName, &a)
		if err != nil {
			return err
		}
		for k, v := range map[string]pulumi.StringOutput{
			"serviceName": w.ServiceName, "queueUrl": w.QueueUrl, "queueArn": w.QueueArn,
			"deadLetterQueueArn": w.DeadLetterQueueArn, "taskSecurityGroupId": w.TaskSecurityGroupId,
			"taskRoleArn": w.TaskRoleArn, "logGroupName": w.LogGroupName, "repositoryUrl": w.RepositoryUrl,
			"alarmTopicArn": w.AlarmTopicArn,
		} {
			ctx.Export(k, v.ApplyT(func(v string) string { out.set(k, v); return v }))
		}
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	return m, out.snapshot(), err
}

func (r workerRig) mustRun(t testing.TB) (*awsmock.Mocks, map[string]any) {
	t.Helper()
	m, out, err := r.run(t)
	if err != nil {
		t.Fatalf("worker failed: %v", err)
	}
	return m, out
}

// workerRegistered lists what the worker registered: the component and
// every resource named after it.
func workerRegistered(m *awsmock.Mocks) []string {
	var got []string
	for _, r := range m.Resources() {
		if r.Type == service.WorkerServiceType || strings.HasPrefix(r.Name, workerName+"-") {
			got = append(got, r.URN)
		}
	}
	return got
}

// workerURN is the worker component's URN.
func workerURN(t testing.TB, m *awsmock.Mocks) string {
	t.Helper()
	for _, r := range m.Resources() {
		if r.Type == service.WorkerServiceType {
			return r.URN
		}
	}
	t.Fatal("no WorkerService was registered")
	return ""
}

// contractWorker is a worker on hand-made contracts, so that a refusal
// can be seen to register nothing at all: the network has the base
// endpoints and sqs.
func contractWorker() service.WorkerServiceArgs {
	return service.WorkerServiceArgs{
		Network: network.NetworkContract{
			Name: "main", Region: testRegion, Partition: "aws",
			VpcId: pulumi.String("vpc-1"), PrivateSubnetIds: pulumi.ToStringArray([]string{"subnet-1", "subnet-2"}),
			Endpoints:               []string{"ecr.api", "ecr.dkr", "logs", "s3", "sqs"},
			EndpointSecurityGroupId: pulumi.String("sg-endpoints"),
		},
		Cluster:   cluster.ClusterContract{Name: "apps", Arn: pulumi.String("arn:aws:ecs:us-east-1:123456789012:cluster/apps"), ClusterName: pulumi.String("apps"), Fargate: true},
		Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./worker"}},
	}
}

// refuseWorker runs NewWorkerService on args and wants a refusal that
// registered nothing.
func refuseWorker(t *testing.T, a service.WorkerServiceArgs) error {
	t.Helper()
	m := awsmock.New(testRegion)
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := service.NewWorkerService(ctx, workerName, &a)
		return err
	}, pulumi.WithMocks(testProject, testStack, m))
	var ve *check.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *ValidationError", err)
	}
	if ve.Piece != "WorkerService" {
		t.Errorf("ValidationError.Piece = %q, want WorkerService", ve.Piece)
	}
	if rs := m.Resources(); len(rs) != 0 {
		t.Errorf("registered %d resources for invalid args, want 0", len(rs))
	}
	return err
}

// jsonInput decodes a JSON string input.
func jsonInput(t *testing.T, r *awsmock.Resource, path string) any {
	t.Helper()
	s, ok := in(r, path).(string)
	if !ok {
		t.Fatalf("%s: input %s = %#v, want a JSON string", r.URN, path, in(r, path))
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: input %s is not JSON: %v", r.URN, path, err)
	}
	return v
}

// expectJSON compares a JSON string input with want, as decoded JSON.
func expectJSON(t *testing.T, r *awsmock.Resource, path, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want is not JSON: %v", err)
	}
	if got := jsonInput(t, r, path); !reflect.DeepEqual(got, w) {
		t.Errorf("%s: input %s =\n  %s\nwant\n  %s", r.URN, path, in(r, path), want)
	}
}

// appEnvironment is the app container's environment, by name.
func appEnvironment(t *testing.T, m *awsmock.Mocks) map[string]string {
	t.Helper()
	defs := containerDefs(t, in(get(t, m, tTaskDef, "worker-task"), "containerDefinitions").(string))
	env := map[string]string{}
	for _, e := range defs[0]["environment"].([]any) {
		kv := e.(map[string]any)
		env[kv["name"].(string)] = kv["value"].(string)
	}
	return env
}

// Fact: a standard queue's retention is 60 s to 14 days
// (default 4 days), its visibility timeout 0 to 12 h (default 30 s),
// maxReceiveCount 1 to 1000, and a message moved to the dead-letter
// queue keeps its first enqueue time, so the DLQ keeps 14 days. SSE-SQS
// is the encryption that needs no key. Sources: SQS API Reference,
// CreateQueue
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html);
// SQS developer guide, "Using dead-letter queues"
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
func TestWorkerQueueHasADeadLetterQueueAndSqsManagedEncryption(t *testing.T) {
	m, out := newWorkerRig().mustRun(t)
	parent := workerURN(t, m)
	queue, dlq := get(t, m, tQueue, "worker-queue"), get(t, m, tQueue, "worker-dlq")
	for _, r := range []*awsmock.Resource{queue, dlq} {
		if r.Parent != parent {
			t.Errorf("%s: parent = %s, want the worker %s", r.URN, r.Parent, parent)
		}
		expect(t, r, "sqsManagedSseEnabled", true)
		expect(t, r, "kmsMasterKeyId", nil)
		expect(t, r, "kmsDataKeyReusePeriodSeconds", nil)
		expect(t, r, "fifoQueue", nil)
	}
	expect(t, queue, "messageRetentionSeconds", 345600)
	expect(t, queue, "visibilityTimeoutSeconds", 30)
	expectJSON(t, queue, "redrivePolicy", `{"deadLetterTargetArn":"`+wDlqArn+`","maxReceiveCount":5}`)
	expect(t, dlq, "messageRetentionSeconds", 1209600)
	expect(t, dlq, "redrivePolicy", nil)
	if got := len(m.ByType(tQueue)); got != 2 {
		t.Errorf("registered %d queues, want the queue and its dead-letter queue", got)
	}
	expectOut(t, out, "queueArn", wQueueArn)
	expectOut(t, out, "deadLetterQueueArn", wDlqArn)
	expectOut(t, out, "queueUrl", wQueueURL)
}

// The create fields reach the queues as given.
func TestWorkerQueueTakesItsSettings(t *testing.T) {
	r := newWorkerRig()
	zero := 0
	r.worker.Queue = service.WorkerQueueArgs{MaxReceiveCount: 1000, RetentionSeconds: 60, VisibilityTimeoutSeconds: &zero}
	m, _ := r.mustRun(t)
	queue := get(t, m, tQueue, "worker-queue")
	expect(t, queue, "messageRetentionSeconds", 60)
	expect(t, queue, "visibilityTimeoutSeconds", 0)
	expectJSON(t, queue, "redrivePolicy", `{"deadLetterTargetArn":"`+wDlqArn+`","maxReceiveCount":1000}`)
}

// Fact: a consumer needs sqs:ReceiveMessage and
// sqs:DeleteMessage; sqs:ChangeMessageVisibility to extend or give back a
// message, sqs:GetQueueAttributes for SDKs that read the queue's
// settings; nothing else, on the queue alone (the app is given the URL,
// so no sqs:GetQueueUrl). Sources: SNS developer guide
// (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html);
// SQS API Reference, AddPermission
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html).
// The ECS service waits for the grant.
func TestWorkerTaskRoleConsumesExactlyItsQueue(t *testing.T) {
	m, out := newWorkerRig().mustRun(t)
	pol := get(t, m, tRolePolicy, "worker-consume-policy")
	expect(t, pol, "role", "worker-task-role_id")
	expect(t, pol, "policy", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"ConsumeQueue","Effect":"Allow","Action":["sqs:ChangeMessageVisibility","sqs:DeleteMessage","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Resource":["`+wQueueArn+`"]}]}`)
	svc := get(t, m, tService, "worker-service")
	if !contains(svc.Dependencies, pol.URN) {
		t.Errorf("%s: dependencies %v lack the consume policy %s", svc.URN, svc.Dependencies, pol.URN)
	}
	expectOut(t, out, "taskRoleArn", "arn:aws:iam::123456789012:role/worker-task-role")
	// The task role holds nothing else: no user statements, no tracing.
	for _, r := range m.ByType(tRolePolicy) {
		if in(r, "role") == "worker-task-role_id" && r.Name != "worker-consume-policy" {
			t.Errorf("%s: another policy on the task role", r.URN)
		}
	}
}

// Fact: SSE-KMS with a customer key encrypts both
// queues, with the data key reuse period (default 300 s, 60 to 86400),
// and a consumer needs only kms:Decrypt on that key. Source: SQS
// developer guide, "Key management"
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
func TestWorkerQueueUnderACustomerKeyGrantsDecryptOnly(t *testing.T) {
	r := newWorkerRig()
	r.worker.Queue.KmsKeyArn = pulumi.String(wQueueKey)
	m, _ := r.mustRun(t)
	for _, name := range []string{"worker-queue", "worker-dlq"} {
		q := get(t, m, tQueue, name)
		expect(t, q, "kmsMasterKeyId", wQueueKey)
		expect(t, q, "kmsDataKeyReusePeriodSeconds", 300)
		expect(t, q, "sqsManagedSseEnabled", nil)
	}
	expect(t, get(t, m, tRolePolicy, "worker-consume-policy"), "policy", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"ConsumeQueue","Effect":"Allow","Action":["sqs:ChangeMessageVisibility","sqs:DeleteMessage","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Resource":["`+wQueueArn+`"]},`+
		`{"Sid":"DecryptQueue","Effect":"Allow","Action":["kms:Decrypt"],"Resource":["`+wQueueKey+`"]}]}`)
}

// A worker takes no inbound traffic: its task group has no ingress rule
// at all, only egress to the network's endpoints, and the service
// registers with no load balancer and no public IP.
func TestWorkerTaskGroupAdmitsNothing(t *testing.T) {
	m, out := newWorkerRig().mustRun(t)
	const sg = "worker-task-sg_id"
	get(t, m, tSG, "worker-task-sg")
	for _, r := range m.ByType(tIngress) {
		if in(r, "securityGroupId") == sg {
			t.Errorf("%s: an ingress rule on the worker's task group (from %v port %v)", r.URN, in(r, "referencedSecurityGroupId"), in(r, "fromPort"))
		}
	}
	egress := 0
	for _, r := range m.ByType(tEgress) {
		if in(r, "securityGroupId") == sg {
			egress++
			expect(t, r, "fromPort", 443)
		}
	}
	if egress == 0 {
		t.Errorf("the task group %s has no egress rule: the tasks could not reach the endpoints", sg)
	}
	svc := get(t, m, tService, "worker-service")
	expect(t, svc, "loadBalancers", nil)
	expect(t, svc, "healthCheckGracePeriodSeconds", nil)
	expect(t, svc, "networkConfiguration.assignPublicIp", false)
	expect(t, svc, "networkConfiguration.securityGroups", []string{sg})
	expect(t, svc, "alarms", nil)
	expectOut(t, out, "taskSecurityGroupId", sg)
	defs := containerDefs(t, in(get(t, m, tTaskDef, "worker-task"), "containerDefinitions").(string))
	if ports := defs[0]["portMappings"]; !reflect.DeepEqual(ports, []any{}) {
		t.Errorf("the app's port mappings = %v, want none", ports)
	}
}

// Fact: without NAT, a task reaches SQS only through the
// interface endpoint com.amazonaws.<region>.sqs with private DNS, so a
// network without it is refused, naming the endpoint, before the worker
// registers anything. Source: SQS developer guide, "Internetwork traffic
// privacy"
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-internetwork-traffic-privacy.html).
func TestWorkerNeedsTheSqsEndpoint(t *testing.T) {
	r := newWorkerRig()
	r.network.Features = nil
	m, _, err := r.run(t)
	want := "Network: worker service worker needs the sqs endpoint (queue worker: receives and deletes the queue's messages), but network main has none"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
	if got := workerRegistered(m); len(got) != 0 {
		t.Errorf("the refused worker registered %v", got)
	}

	r = newWorkerRig()
	r.network.Features = nil
	r.network.ExtraEndpointServices = []string{"sqs"}
	m, _ = r.mustRun(t)
	expect(t, get(t, m, tEndpoint, "main-vpce-sqs"), "serviceName", "com.amazonaws.us-east-1.sqs")
	expect(t, get(t, m, tEndpoint, "main-vpce-sqs"), "privateDnsEnabled", true)
}

// The app learns its queue from QUEUE_URL and QUEUE_ARN; the URL is on
// the regional host sqs.<region>.amazonaws.com, the only one the
// endpoint's private DNS covers ("Private DNS doesn't
// support legacy endpoints such as queue.amazonaws.com"). A variable the
// app sets itself is kept.
func TestWorkerAppIsToldItsQueue(t *testing.T) {
	m, _ := newWorkerRig().mustRun(t)
	env := appEnvironment(t, m)
	if env["QUEUE_URL"] != wQueueURL || env["QUEUE_ARN"] != wQueueArn {
		t.Errorf("app environment = %v, want QUEUE_URL %s and QUEUE_ARN %s", env, wQueueURL, wQueueArn)
	}

	r := newWorkerRig()
	r.worker.Container.Environment = pulumi.StringMap{"QUEUE_URL": pulumi.String("https://example.test/q"), "MODE": pulumi.String("batch")}
	m, _ = r.mustRun(t)
	env = appEnvironment(t, m)
	want := map[string]string{"QUEUE_URL": "https://example.test/q", "QUEUE_ARN": wQueueArn, "MODE": "batch"}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("app environment = %v, want %v", env, want)
	}
}

// Fact: SNS delivers to a queue whose access policy lets
// the service principal sns.amazonaws.com call sqs:SendMessage on it,
// with aws:SourceArn naming the topic against the confused deputy; each
// topic gets a subscription with protocol sqs. Source: SNS developer
// guide, "Subscribing an Amazon SQS queue to an Amazon SNS topic"
// (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html).
func TestWorkerTopicsSendThroughTheQueuePolicy(t *testing.T) {
	r := newWorkerRig()
	r.worker.Topics = []pulumi.StringInput{pulumi.String(wTopicB), pulumi.String(wTopicA)}
	r.worker.Queue.RawMessageDelivery = true
	m, _ := r.mustRun(t)
	pol := get(t, m, tQueuePolicy, "worker-queue-policy")
	expect(t, pol, "queueUrl", wQueueURL)
	expectJSON(t, pol, "policy", `{"Version":"2012-10-17","Statement":[{"Sid":"TopicsSendMessage","Effect":"Allow",`+
		`"Principal":{"Service":"sns.amazonaws.com"},"Action":["sqs:SendMessage"],"Resource":"`+wQueueArn+`",`+
		`"Condition":{"ArnEquals":{"aws:SourceArn":["`+wTopicA+`","`+wTopicB+`"]}}}]}`)
	for i, topic := range []string{wTopicB, wTopicA} {
		sub := get(t, m, tSubscription, "worker-subscription-"+string(rune('0'+i)))
		expect(t, sub, "topic", topic)
		expect(t, sub, "protocol", "sqs")
		expect(t, sub, "endpoint", wQueueArn)
		expect(t, sub, "rawMessageDelivery", true)
		if !contains(sub.Dependencies, pol.URN) {
			t.Errorf("%s: dependencies %v lack the queue policy %s: SNS could deliver before the queue lets it", sub.URN, sub.Dependencies, pol.URN)
		}
	}
	if n := len(m.ByType(tSubscription)); n != 2 {
		t.Errorf("registered %d subscriptions, want 2", n)
	}
}

// Without topics the queue keeps SQS's default access policy: the
// component writes none.
func TestWorkerWithoutTopicsWritesNoQueuePolicy(t *testing.T) {
	m, _ := newWorkerRig().mustRun(t)
	if n := len(m.ByType(tQueuePolicy)); n != 0 {
		t.Errorf("registered %d queue policies without topics, want 0", n)
	}
}

// Facts: the backlog per task is visible messages
// divided by running tasks, kept at acceptable latency / time per
// message by target tracking with metric math (Application Auto Scaling
// user guide, https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html;
// EC2 Auto Scaling user guide, https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-using-sqs-queue.html).
// Running tasks are counted as the SampleCount of the service's AWS/ECS
// CPUUtilization over a minute, free, where RunningTaskCount needs
// Container Insights (ECS developer guide,
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html).
// Application Auto Scaling owns the desired count (BRIEF fact 17).
func TestWorkerScalesOnBacklogPerTask(t *testing.T) {
	r := newWorkerRig()
	two := 2
	r.worker.Service.DesiredCount = &two
	r.worker.Scaling = &service.WorkerScalingArgs{MinCount: &two, MaxCount: 10, BacklogPerTask: 100}
	m, _ := r.mustRun(t)
	target := get(t, m, tScalingTarget, "worker-scaling")
	expect(t, target, "serviceNamespace", "ecs")
	expect(t, target, "scalableDimension", "ecs:service:DesiredCount")
	expect(t, target, "resourceId", "service/apps-cluster/worker-service")
	expect(t, target, "minCapacity", 2)
	expect(t, target, "maxCapacity", 10)

	pol := get(t, m, tScalingPolicy, "worker-scaling-backlog")
	expect(t, pol, "policyType", "TargetTrackingScaling")
	expect(t, pol, "resourceId", "service/apps-cluster/worker-service")
	c := "targetTrackingScalingPolicyConfiguration."
	expect(t, pol, c+"targetValue", 100)
	expect(t, pol, c+"scaleInCooldown", 300)
	expect(t, pol, c+"scaleOutCooldown", 60)
	expect(t, pol, c+"predefinedMetricSpecification", nil)
	expect(t, pol, c+"customizedMetricSpecification.metrics", []any{
		map[string]any{"id": "m1", "label": "Messages waiting in the queue", "returnData": false, "metricStat": map[string]any{
			"stat": "Sum", "metric": map[string]any{"namespace": "AWS/SQS", "metricName": "ApproximateNumberOfMessagesVisible",
				"dimensions": []any{map[string]any{"name": "QueueName", "value": "worker-queue_id"}}}}},
		map[string]any{"id": "m2", "label": "Tasks running, one CPU sample each a minute", "returnData": false, "metricStat": map[string]any{
			"stat": "SampleCount", "metric": map[string]any{"namespace": "AWS/ECS", "metricName": "CPUUtilization",
				"dimensions": []any{
					map[string]any{"name": "ClusterName", "value": "apps-cluster"},
					map[string]any{"name": "ServiceName", "value": "worker-service"},
				}}}},
		map[string]any{"id": "e1", "label": "Backlog per task", "expression": "m1 / m2", "returnData": true},
	})
	svc := get(t, m, tService, "worker-service")
	expect(t, svc, "desiredCount", 2)
	if !contains(svc.IgnoreChanges, "desiredCount") {
		t.Errorf("%s: ignoreChanges = %v, want desiredCount: a deploy would fight the scaler", svc.URN, svc.IgnoreChanges)
	}

	// Without scaling, the desired count is the deploy's.
	m, _ = newWorkerRig().mustRun(t)
	if svc := get(t, m, tService, "worker-service"); contains(svc.IgnoreChanges, "desiredCount") {
		t.Errorf("%s: ignores desiredCount without scaling", svc.URN)
	}
	if n := len(m.ByType(tScalingTarget)); n != 0 {
		t.Errorf("registered %d scalable targets without scaling", n)
	}
}

// Fact: with no task running the backlog-per-task metric
// has no data (its divisor is the running tasks), so target tracking
// could never scale out from zero: MinCount 0 is refused.
func TestWorkerScalingKeepsATaskRunning(t *testing.T) {
	zero := 0
	a := contractWorker()
	a.Service.DesiredCount = &zero
	a.Scaling = &service.WorkerScalingArgs{MinCount: &zero, MaxCount: 4, BacklogPerTask: 10}
	err := refuseWorker(t, a)
	if want := "Scaling.MinCount: 0 tasks would leave the backlog-per-task metric without data"; !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
}

// Adopting a queue creates none, grants the consume actions on the
// adopted ARN (and Decrypt on the key it names), and alarms on its age
// only: its dead-letter queue, if any, is not the component's.
func TestWorkerAdoptsAQueue(t *testing.T) {
	r := newWorkerRig()
	r.worker.Queue = service.WorkerQueueArgs{Arn: pulumi.String(wAdopted), KmsKeyArn: pulumi.String(wQueueKey)}
	r.worker.Alarms = &service.WorkerAlarmArgs{}
	m, out := r.mustRun(t)
	if n := len(m.ByType(tQueue)); n != 0 {
		t.Errorf("registered %d queues for an adopted one, want 0", n)
	}
	expect(t, get(t, m, tRolePolicy, "worker-consume-policy"), "policy", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"ConsumeQueue","Effect":"Allow","Action":["sqs:ChangeMessageVisibility","sqs:DeleteMessage","sqs:GetQueueAttributes","sqs:ReceiveMessage"],"Resource":["`+wAdopted+`"]},`+
		`{"Sid":"DecryptQueue","Effect":"Allow","Action":["kms:Decrypt"],"Resource":["`+wQueueKey+`"]}]}`)
	expectOut(t, out, "queueArn", wAdopted)
	expectOut(t, out, "queueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/orders")
	expectOut(t, out, "deadLetterQueueArn", "")
	if env := appEnvironment(t, m); env["QUEUE_URL"] != "https://sqs.us-east-1.amazonaws.com/123456789012/orders" {
		t.Errorf("QUEUE_URL = %q, want the adopted queue's regional URL", env["QUEUE_URL"])
	}
	if m.Find(tAlarm, "worker-alarm-dlq-messages") != nil {
		t.Error("an adopted queue got a dead-letter alarm on a queue the component does not know")
	}
	expect(t, get(t, m, tAlarm, "worker-alarm-oldest-message-age"), "dimensions.QueueName", "orders")
}

// In the China partition the regional host is under amazonaws.com.cn.
func TestWorkerQueueUrlInTheChinaPartition(t *testing.T) {
	r := newWorkerRig()
	r.region = "cn-north-1"
	r.network.Region = "cn-north-1"
	r.worker.Queue.Arn = pulumi.String("arn:aws-cn:sqs:cn-north-1:123456789012:orders")
	m, out := r.mustRun(t)
	expectOut(t, out, "queueUrl", "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders")
	if env := appEnvironment(t, m); env["QUEUE_URL"] != "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders" {
		t.Errorf("QUEUE_URL = %q, want the cn-north-1 regional host", env["QUEUE_URL"])
	}
}

// The tasks reach SQS through the network's endpoint, which serves its
// own region, and the backlog metric is read in that region: a queue of
// another region is refused, naming the field and the fix, before
// anything registers.
func TestWorkerRefusesAQueueOfAnotherRegion(t *testing.T) {
	a := contractWorker()
	a.Queue.Arn = pulumi.String("arn:aws:sqs:eu-west-1:123456789012:orders")
	err := refuseWorker(t, a)
	want := `Queue.Arn: "arn:aws:sqs:eu-west-1:123456789012:orders" is in region eu-west-1, but the stack's region is us-east-1; the tasks reach SQS through the network's sqs endpoint in us-east-1, and the queue's metrics are read there; use a queue of us-east-1, or leave Queue.Arn unset to create one`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
}

// The same rule holds for an ARN that arrives as an Output: the
// deployment fails naming the field.
func TestWorkerChecksAnOutputQueueArnWhenItResolves(t *testing.T) {
	r := newWorkerRig()
	r.tweak = func(ctx *pulumi.Context, a *service.WorkerServiceArgs) {
		a.Queue.Arn = stored(ctx, "queue", "arn:aws:sqs:eu-west-1:123456789012:orders")
	}
	_, _, err := r.run(t)
	want := "invalid WorkerService arguments (1 problem):\n  Queue.Arn: \"arn:aws:sqs:eu-west-1:123456789012:orders\" is in region eu-west-1"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
}

// SNS can send to a queue only if the queue's access policy lets it,
// and the component does not own an adopted queue's
// policy: topics on an adopted queue are refused.
func TestWorkerRefusesTopicsOnAnAdoptedQueue(t *testing.T) {
	a := contractWorker()
	a.Queue.Arn = pulumi.String(wAdopted)
	a.Topics = []pulumi.StringInput{pulumi.String(wTopicA)}
	err := refuseWorker(t, a)
	if want := "Topics: the queue is adopted (Queue.Arn)"; !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
}

// A worker has no container port: it takes no inbound traffic.
func TestWorkerRefusesAPort(t *testing.T) {
	a := contractWorker()
	a.Container.Port = 8080
	err := refuseWorker(t, a)
	if want := "Container.Port: 8080 is set, but a worker service takes no inbound traffic"; !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
}

// Each field out of its range is refused by name; fact #12's queue
// limits come from CreateQueue (see
// TestWorkerQueueHasADeadLetterQueueAndSqsManagedEncryption).
func TestWorkerRangesAreRefusedByField(t *testing.T) {
	ptr := func(v int) *int { return &v }
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name    string
		give    func(a *service.WorkerServiceArgs)
		wantErr string
	}{
		{"receives above 1000", func(a *service.WorkerServiceArgs) { a.Queue.MaxReceiveCount = 1001 },
			"Queue.MaxReceiveCount: 1001 is out of range; use 1 to 1000"},
		{"receives negative", func(a *service.WorkerServiceArgs) { a.Queue.MaxReceiveCount = -1 },
			"Queue.MaxReceiveCount: -1 is out of range; use 1 to 1000"},
		{"retention under a minute", func(a *service.WorkerServiceArgs) { a.Queue.RetentionSeconds = 59 },
			"Queue.RetentionSeconds: 59 is out of range; use 60 to 1209600"},
		{"retention above 14 days", func(a *service.WorkerServiceArgs) { a.Queue.RetentionSeconds = 1209601 },
			"Queue.RetentionSeconds: 1209601 is out of range; use 60 to 1209600"},
		{"visibility negative", func(a *service.WorkerServiceArgs) { a.Queue.VisibilityTimeoutSeconds = ptr(-1) },
			"Queue.VisibilityTimeoutSeconds: -1 is out of range; use 0 to 43200"},
		{"visibility above 12 hours", func(a *service.WorkerServiceArgs) { a.Queue.VisibilityTimeoutSeconds = ptr(43201) },
			"Queue.VisibilityTimeoutSeconds: 43201 is out of range; use 0 to 43200"},
		{"data key reuse under a minute", func(a *service.WorkerServiceArgs) {
			a.Queue.KmsKeyArn, a.Queue.KmsDataKeyReusePeriodSeconds = pulumi.String(wQueueKey), 59
		}, "Queue.KmsDataKeyReusePeriodSeconds: 59 is out of range; use 60 to 86400"},
		{"data key reuse above a day", func(a *service.WorkerServiceArgs) {
			a.Queue.KmsKeyArn, a.Queue.KmsDataKeyReusePeriodSeconds = pulumi.String(wQueueKey), 86401
		}, "Queue.KmsDataKeyReusePeriodSeconds: 86401 is out of range; use 60 to 86400"},
		{"data key reuse without a key", func(a *service.WorkerServiceArgs) { a.Queue.KmsDataKeyReusePeriodSeconds = 300 },
			"Queue.KmsDataKeyReusePeriodSeconds: applies to a queue encrypted with a customer key, but Queue.KmsKeyArn is unset"},
		{"queue key of another region", func(a *service.WorkerServiceArgs) {
			a.Queue.KmsKeyArn = pulumi.String("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
		}, "Queue.KmsKeyArn: \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\" is in region eu-west-1"},
		{"create field beside an adopted queue", func(a *service.WorkerServiceArgs) {
			a.Queue.Arn, a.Queue.MaxReceiveCount = pulumi.String(wAdopted), 3
		}, "Queue.MaxReceiveCount: configures a queue the component creates, but Queue.Arn adopts an existing one"},
		{"not a queue ARN", func(a *service.WorkerServiceArgs) { a.Queue.Arn = pulumi.String("orders") },
			`Queue.Arn: "orders" is not an SQS queue ARN`},
		{"queue of another partition", func(a *service.WorkerServiceArgs) {
			a.Queue.Arn = pulumi.String("arn:aws-cn:sqs:cn-north-1:123456789012:orders")
		}, "Queue.Arn: \"arn:aws-cn:sqs:cn-north-1:123456789012:orders\" is in partition aws-cn"},
		{"raw delivery without topics", func(a *service.WorkerServiceArgs) { a.Queue.RawMessageDelivery = true },
			"Queue.RawMessageDelivery: is set, but there are no Topics"},
		{"topic not an SNS ARN", func(a *service.WorkerServiceArgs) { a.Topics = []pulumi.StringInput{pulumi.String("orders")} },
			`Topics[0]: "orders" is not an SNS topic ARN`},
		{"topic twice", func(a *service.WorkerServiceArgs) {
			a.Topics = []pulumi.StringInput{pulumi.String(wTopicA), pulumi.String(wTopicA)}
		}, "Topics[1]: \"" + wTopicA + "\" is Topics[0] already"},
		{"scaling without a maximum", func(a *service.WorkerServiceArgs) {
			a.Scaling = &service.WorkerScalingArgs{BacklogPerTask: 10}
		}, "Scaling.MaxCount: 0 tasks is no maximum"},
		{"scaling minimum above maximum", func(a *service.WorkerServiceArgs) {
			a.Scaling = &service.WorkerScalingArgs{MinCount: ptr(5), MaxCount: 4, BacklogPerTask: 10}
		}, "Scaling.MinCount: 5 is above MaxCount (4)"},
		{"scaling without a backlog target", func(a *service.WorkerServiceArgs) {
			a.Scaling = &service.WorkerScalingArgs{MaxCount: 4}
		}, "Scaling.BacklogPerTask: 0 is no backlog target"},
		{"desired count above the maximum", func(a *service.WorkerServiceArgs) {
			a.Service.DesiredCount = ptr(6)
			a.Scaling = &service.WorkerScalingArgs{MaxCount: 4, BacklogPerTask: 10}
		}, "Service.DesiredCount: 6 tasks is outside Scaling.MinCount to Scaling.MaxCount (1 to 4)"},
		{"scale-in cooldown above an hour", func(a *service.WorkerServiceArgs) {
			a.Scaling = &service.WorkerScalingArgs{MaxCount: 4, BacklogPerTask: 10, ScaleInCooldown: ptr(3601)}
		}, "Scaling.ScaleInCooldown: 3601 is out of range; use 0 to 3600"},
		{"scale-out cooldown negative", func(a *service.WorkerServiceArgs) {
			a.Scaling = &service.WorkerScalingArgs{MaxCount: 4, BacklogPerTask: 10, ScaleOutCooldown: ptr(-1)}
		}, "Scaling.ScaleOutCooldown: -1 is out of range; use 0 to 3600"},
		{"dead-letter threshold negative", func(a *service.WorkerServiceArgs) {
			a.Alarms = &service.WorkerAlarmArgs{Thresholds: service.WorkerAlarmThresholds{DeadLetterMessages: service.AlarmThreshold{Threshold: f(-1)}}}
		}, "Alarms.Thresholds.DeadLetterMessages.Threshold: -1 is negative"},
		{"oldest age above retention", func(a *service.WorkerServiceArgs) {
			a.Alarms = &service.WorkerAlarmArgs{Thresholds: service.WorkerAlarmThresholds{OldestMessageAge: service.AlarmThreshold{Threshold: f(1209601)}}}
		}, "Alarms.Thresholds.OldestMessageAge.Threshold: 1.209601e+06 is out of range"},
		{"cpu threshold above 100", func(a *service.WorkerServiceArgs) {
			a.Alarms = &service.WorkerAlarmArgs{Thresholds: service.WorkerAlarmThresholds{Cpu: service.AlarmThreshold{Threshold: f(101)}}}
		}, "Alarms.Thresholds.Cpu.Threshold: 101 is out of range"},
		{"alarm email", func(a *service.WorkerServiceArgs) { a.Alarms = &service.WorkerAlarmArgs{Email: "ops"} },
			`Alarms.Email: "ops" is not an email address`},
		{"bridge group", func(a *service.WorkerServiceArgs) {
			a.Cluster = cluster.ClusterContract{Name: "apps", Groups: []cluster.Ec2GroupContract{{Name: "legacy", NetworkMode: cluster.NetworkBridge, InstanceTypes: []string{"m6i.large"}, MaxSize: 4}}}
			a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "legacy", Weight: 1}}
		}, `Service.CapacityProviderStrategy: the cluster's EC2 group "legacy" runs bridge networking`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := contractWorker()
			tt.give(&a)
			err := refuseWorker(t, a)
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error lacks %q:\n%v", tt.wantErr, err)
			}
		})
	}
}

// Every problem comes back at once, and ValidateWorkerService finds the
// same ones without registering anything.
func TestWorkerRefusesEveryProblemAtOnce(t *testing.T) {
	a := contractWorker()
	a.Container.Port = 8080
	a.Queue.Arn = pulumi.String("arn:aws:sqs:eu-west-1:123456789012:orders")
	a.Topics = []pulumi.StringInput{pulumi.String(wTopicA)}
	a.Scaling = &service.WorkerScalingArgs{MaxCount: 2}
	err := refuseWorker(t, a)
	var ve *check.ValidationError
	errors.As(err, &ve)
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	want := []string{"Container.Port", "Queue.Arn", "Topics", "Scaling.BacklogPerTask"}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("problem fields = %v, want %v", fields, want)
	}

	m := awsmock.New(testRegion)
	var verr error
	if err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		verr = service.ValidateWorkerService(ctx, workerName, &a)
		return nil
	}, pulumi.WithMocks(testProject, testStack, m)); err != nil {
		t.Fatalf("program failed: %v", err)
	}
	if verr == nil || !strings.Contains(err.Error(), verr.Error()) {
		t.Errorf("ValidateWorkerService = %v, want the constructor's\n%v", verr, err)
	}
	if n := len(m.Resources()); n != 0 {
		t.Errorf("ValidateWorkerService registered %d resources, want 0", n)
	}
	if err := service.ValidateWorkerService(nil, workerName, ptrTo(contractWorker())); err != nil {
		t.Errorf("ValidateWorkerService refused valid args: %v", err)
	}
}

func ptrTo[T any](v T) *T { return &v }

// The alarms watch the dead-letter queue (any message there failed
// MaxReceiveCount times) and the oldest message's age, on the AWS/SQS
// metrics by queue name (SQS developer guide, "Available CloudWatch
// metrics for Amazon SQS",
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html),
// beside the service's CPU, memory and running-task alarms. None fails
// a deployment: the service has no deployment alarms.
func TestWorkerAlarmsWatchTheQueues(t *testing.T) {
	r := newWorkerRig()
	r.worker.Alarms = &service.WorkerAlarmArgs{Email: "ops@example.com"}
	m, out := r.mustRun(t)
	dlq := get(t, m, tAlarm, "worker-alarm-dlq-messages")
	expect(t, dlq, "namespace", "AWS/SQS")
	expect(t, dlq, "metricName", "ApproximateNumberOfMessagesVisible")
	expect(t, dlq, "dimensions", map[string]any{"QueueName": "worker-dlq_id"})
	expect(t, dlq, "statistic", "Maximum")
	expect(t, dlq, "comparisonOperator", "GreaterThanThreshold")
	expect(t, dlq, "threshold", 0)
	expect(t, dlq, "evaluationPeriods", 1)
	expect(t, dlq, "treatMissingData", "notBreaching")
	expect(t, dlq, "alarmActions", []string{"arn:aws:sns:us-east-1:123456789012:worker-alarms"})

	age := get(t, m, tAlarm, "worker-alarm-oldest-message-age")
	expect(t, age, "metricName", "ApproximateAgeOfOldestMessage")
	expect(t, age, "dimensions", map[string]any{"QueueName": "worker-queue_id"})
	expect(t, age, "threshold", 600)
	expect(t, age, "evaluationPeriods", 5)

	var names []string
	for _, a := range m.ByType(tAlarm) {
		names = append(names, a.Name)
	}
	slices.Sort(names)
	want := []string{"worker-alarm-cpu-high", "worker-alarm-dlq-messages", "worker-alarm-memory-high", "worker-alarm-oldest-message-age", "worker-alarm-running-tasks-low"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("alarms = %v, want %v", names, want)
	}
	expect(t, get(t, m, tAlarm, "worker-alarm-cpu-high"), "dimensions", map[string]any{"ClusterName": "apps-cluster", "ServiceName": "worker-service"})
	expect(t, get(t, m, tService, "worker-service"), "alarms", nil)
	expect(t, get(t, m, tSubscription, "worker-alarms-email"), "endpoint", "ops@example.com")
	expectOut(t, out, "alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:worker-alarms")
}

// A worker runs on an awsvpc EC2 group of the cluster: an EC2 task
// definition in awsvpc mode, the group's capacity provider, its own task
// group.
func TestWorkerRunsOnAnAwsvpcGroup(t *testing.T) {
	r := newWorkerRig()
	r.cluster.Ec2 = []cluster.Ec2CapacityArgs{{Name: "work", InstanceTypes: []string{"m6i.large"}, NetworkMode: cluster.NetworkAwsvpc}}
	r.network.Features = map[string]network.EndpointFeatures{workerName: {Sqs: true, Ec2: true}}
	r.worker.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "work", Weight: 1}}
	m, _ := r.mustRun(t)
	td := get(t, m, tTaskDef, "worker-task")
	expect(t, td, "requiresCompatibilities", []string{"EC2"})
	expect(t, td, "networkMode", "awsvpc")
	svc := get(t, m, tService, "worker-service")
	expect(t, svc, "capacityProviderStrategies[0].capacityProvider", "apps-work-ec2")
	expect(t, svc, "networkConfiguration.securityGroups", []string{"worker-task-sg_id"})
}

// On EC2, the group's MaxSize instances must hold a deployment at
// Scaling.MaxCount, not only at the desired count.
func TestWorkerScalingMustFitTheGroup(t *testing.T) {
	a := contractWorker()
	a.Cluster = cluster.ClusterContract{Name: "apps", Groups: []cluster.Ec2GroupContract{{
		Name: "work", NetworkMode: cluster.NetworkAwsvpc, InstanceTypes: []string{"m6i.large"}, MaxSize: 2, AwsvpcTrunking: true,
	}}}
	a.Network = func() network.NetworkContract {
		n := a.Network.NetworkContract()
		n.Endpoints = append(n.Endpoints, "ecs", "ecs-agent", "ecs-telemetry")
		return n
	}()
	a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Group: "work", Weight: 1}}
	a.Task = service.TaskArgs{Cpu: 1024, Memory: 2048}
	a.Scaling = &service.WorkerScalingArgs{MaxCount: 10, BacklogPerTask: 10}
	err := refuseWorker(t, a)
	want := `Scaling.MaxCount: the 2 m6i.large instances of the cluster's EC2 group "work" hold 2 tasks`
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "lower MaxCount or Service.MaximumPercent") {
		t.Errorf("error lacks %q and its fix:\n%v", want, err)
	}
}

// Fact: SNS delivers into an SSE-KMS queue only when the
// queue's key is a customer managed key whose key policy lets
// sns.amazonaws.com call kms:GenerateDataKey and kms:Decrypt; the AWS
// managed key alias/aws/sqs cannot take that grant. Queue.KmsKeyArn takes
// a key ARN, never an alias, so that key is refused by name. Source: SNS
// developer guide, "Enable compatibility between encrypted Amazon SNS
// topics and Amazon SQS queues"
// (https://docs.aws.amazon.com/sns/latest/dg/sns-enable-encryption-for-topic-sqs-queue-subscriptions.html).
func TestWorkerRefusesTheAwsManagedQueueKey(t *testing.T) {
	a := contractWorker()
	a.Topics = []pulumi.StringInput{pulumi.String(wTopicA)}
	a.Queue.KmsKeyArn = pulumi.String("alias/aws/sqs")
	err := refuseWorker(t, a)
	if want := `Queue.KmsKeyArn: "alias/aws/sqs" is not a KMS key ARN`; !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
}

// The stack's provider creates the subscriptions, and pulumi-aws
// subscribes a queue to a topic of another region only through a provider
// of the topic's region (aws.sns.TopicSubscription), so a topic of
// another region is refused by field before anything registers.
func TestWorkerRefusesATopicOfAnotherRegion(t *testing.T) {
	a := contractWorker()
	a.Topics = []pulumi.StringInput{pulumi.String("arn:aws:sns:eu-west-1:123456789012:orders-placed")}
	err := refuseWorker(t, a)
	want := `Topics[0]: "arn:aws:sns:eu-west-1:123456789012:orders-placed" is in region eu-west-1, but the stack's region is us-east-1; subscribe the queue to a topic of us-east-1, or subscribe it from a program in the topic's region`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error lacks %q:\n%v", want, err)
	}
}
