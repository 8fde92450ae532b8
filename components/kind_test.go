package components

import (
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// webOnlyTypes are the resources only a web service's load balancer
// makes: a backend or a job has none of them.
var webOnlyTypes = []string{
	"aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener", "aws:lb/targetGroup:TargetGroup", "aws:lb/listenerRule:ListenerRule",
	"aws:acm/certificate:Certificate", "aws:route53/record:Record", "aws:s3/bucketV2:BucketV2", "aws:wafv2/webAcl:WebAcl",
}

func expectNoLoadBalancer(t *testing.T, m *awsmock.Mocks) {
	t.Helper()
	for _, typ := range webOnlyTypes {
		if rs := m.ByType(typ); len(rs) != 0 {
			t.Errorf("%s: a %s, want none without a load balancer", rs[0].URN, typ)
		}
	}
}

func backendArgs() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Kind = KindBackend
	a.Backend = &BackendKindArgs{DiscoveryName: "orders"}
	return a
}

func workerArgs() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Kind = KindWorker
	return a
}

func jobArgs() PrivateFargateServiceArgs {
	a := baseArgs()
	a.Kind = KindJob
	a.Job = &JobKindArgs{Schedule: "rate(1 hour)"}
	return a
}

// A backend gets the network and the cluster, with a Service Connect
// namespace, and an ECS service published in it, with no load balancer:
// its task group admits nobody (no caller is in the component), and the
// network has the ecs-agent endpoint its proxy needs without NAT (BRIEF
// fact 2).
func TestBackendKindIsPublishedThroughServiceConnectWithNoLoadBalancer(t *testing.T) {
	m, out := mustRun(t, backendArgs())
	expectNoLoadBalancer(t, m)
	ns := get(t, m, "aws:servicediscovery/httpNamespace:HttpNamespace", testName+"-namespace")
	expect(t, ns, "name", testName)
	svc := get(t, m, "aws:ecs/service:Service", testName+"-service")
	expect(t, svc, "loadBalancers", nil)
	expect(t, svc, "healthCheckGracePeriodSeconds", nil)
	expect(t, svc, "serviceConnectConfiguration.services[0].discoveryName", "orders")
	expect(t, svc, "networkConfiguration.assignPublicIp", false)
	get(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", testName+"-vpce-ecs-agent")
	for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		if strings.Contains(r.Name, "task-in") {
			t.Errorf("%s: the backend's task group admits %v; no caller is in the component", r.URN, in(r, "referencedSecurityGroupId"))
		}
	}
	if out["endpoint"] != "http://orders:8080" {
		t.Errorf("endpoint = %v, want http://orders:8080", out["endpoint"])
	}
	for _, k := range []string{"url", "loadBalancerDnsName", "accessLogsBucket", "scheduleArn"} {
		if _, ok := out[k]; ok {
			t.Errorf("a backend exports %s", k)
		}
	}
}

// A worker gets the network and the cluster, its queue and dead-letter
// queue, and an ECS service with no load balancer whose tasks reach SQS
// through the network's sqs endpoint (no NAT) and take no traffic.
func TestWorkerKindConsumesItsQueueWithNoLoadBalancer(t *testing.T) {
	a := workerArgs()
	four := 4
	a.Worker = &WorkerKindArgs{Scaling: &service.WorkerScalingArgs{MaxCount: four, BacklogPerTask: 100}}
	m, out := mustRun(t, a)
	expectNoLoadBalancer(t, m)
	get(t, m, "aws:ec2/vpcEndpoint:VpcEndpoint", testName+"-vpce-sqs")
	get(t, m, "aws:sqs/queue:Queue", testName+"-queue")
	svc := get(t, m, "aws:ecs/service:Service", testName+"-service")
	expect(t, svc, "loadBalancers", nil)
	expect(t, svc, "healthCheckGracePeriodSeconds", nil)
	expect(t, svc, "networkConfiguration.assignPublicIp", false)
	expect(t, get(t, m, "aws:appautoscaling/target:Target", testName+"-scaling"), "maxCapacity", 4)
	for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
		if strings.Contains(r.Name, "task-in") {
			t.Errorf("%s: the worker's task group admits %v; it takes no traffic", r.URN, in(r, "referencedSecurityGroupId"))
		}
	}
	for _, k := range []string{"url", "endpoint", "scheduleArn"} {
		if _, ok := out[k]; ok {
			t.Errorf("a worker exports %s", k)
		}
	}
	for _, k := range []string{"serviceName", "queueUrl", "queueArn", "deadLetterQueueArn"} {
		if _, ok := out[k]; !ok {
			t.Errorf("a worker does not export %s", k)
		}
	}
}

// A job gets the network and the cluster, and a schedule that runs its
// task in the private subnets with no public IP; there is no ECS service
// and no load balancer.
func TestJobKindRunsOnItsScheduleWithNoServiceAndNoLoadBalancer(t *testing.T) {
	m, out := mustRun(t, jobArgs())
	expectNoLoadBalancer(t, m)
	if rs := m.ByType("aws:ecs/service:Service"); len(rs) != 0 {
		t.Errorf("%s: a job has an ECS service", rs[0].URN)
	}
	if rs := m.ByType("aws:servicediscovery/httpNamespace:HttpNamespace"); len(rs) != 0 {
		t.Errorf("%s: a job's cluster has a Service Connect namespace", rs[0].URN)
	}
	s := get(t, m, "aws:scheduler/schedule:Schedule", testName+"-schedule")
	expect(t, s, "scheduleExpression", "rate(1 hour)")
	expect(t, s, "target.ecsParameters.networkConfiguration.assignPublicIp", false)
	expect(t, s, "target.ecsParameters.networkConfiguration.subnets", []string{testName + "-private-0_id", testName + "-private-1_id"})
	td := get(t, m, "aws:ecs/taskDefinition:TaskDefinition", testName+"-task")
	if defs := in(td, "containerDefinitions").(string); strings.Contains(defs, "containerPort") {
		t.Errorf("%s: a job's container maps a port: %s", td.URN, defs)
	}
	for _, k := range []string{"url", "serviceName", "endpoint"} {
		if _, ok := out[k]; ok {
			t.Errorf("a job exports %s", k)
		}
	}
	if out["scheduleArn"] == nil || out["deadLetterQueueArn"] == nil {
		t.Errorf("a job exports no schedule or dead-letter queue: %v", out)
	}
}

// A web service's outputs are today's twelve, and only those.
func TestWebKindKeepsItsOutputs(t *testing.T) {
	for _, kind := range []string{"", KindWeb} {
		a := baseArgs()
		a.Kind = kind
		_, out := mustRun(t, a)
		var got []string
		for k := range out {
			got = append(got, k)
		}
		slices.Sort(got)
		want := []string{"accessLogsBucket", "clusterName", "endpointIds", "loadBalancerDnsName", "logGroupName", "privateSubnetIds",
			"publicSubnetIds", "repositoryUrl", "serviceName", "taskSecurityGroupId", "url", "vpcId"}
		if !slices.Equal(got, want) {
			t.Errorf("Kind %q: outputs %v, want %v", kind, got, want)
		}
	}
}

func TestKindRefusalsNameTheComponentsFields(t *testing.T) {
	grace, five := 30, 5.0
	tests := []struct {
		name    string
		give    func(*PrivateFargateServiceArgs)
		wantErr []string
	}{
		{"unknown kind", func(a *PrivateFargateServiceArgs) { a.Kind = "cron" }, []string{
			`Kind: "cron" is not a kind of workload; use web, backend, worker, job`}},
		{"a kind's settings on a web service", func(a *PrivateFargateServiceArgs) {
			a.Backend = &BackendKindArgs{AppProtocol: "grpc"}
			a.Job = &JobKindArgs{}
		}, []string{
			"(2 problems)",
			"Backend.AppProtocol: is a backend's setting, but Kind is web; set Kind to backend, or remove it",
			"Job: is a scheduled job's setting, but Kind is web; set Kind to job, or remove it"}},
		{"the load balancer's settings on a backend", func(a *PrivateFargateServiceArgs) {
			*a = backendArgs()
			a.Ingress.DomainName = "api.example.com"
			a.LoadBalancer.AccessLogs.Enabled = true
			a.LoadBalancer.Waf = &edge.WafArgs{}
			a.LoadBalancer.HealthCheck.Path = "/health"
			a.Service.HealthCheckGracePeriod = &grace
			a.Alarms = &service.AlarmArgs{Thresholds: service.AlarmThresholds{UnhealthyHosts: service.AlarmThreshold{Threshold: &five}}}
			a.Job = &JobKindArgs{Schedule: "rate(1 day)"}
		}, []string{
			"(7 problems)",
			"Ingress.DomainName: a backend has no load balancer, so nothing takes this; remove it, or set Kind to web",
			"LoadBalancer.AccessLogs.Enabled: a backend has no load balancer",
			"LoadBalancer.Waf: a backend has no load balancer",
			"LoadBalancer.HealthCheck.Path: a backend has no load balancer",
			"Service.HealthCheckGracePeriod: only a load balancer's health checks have a grace period, and a backend has none",
			"Alarms.Thresholds.UnhealthyHosts: a backend has no load balancer or target group, so this alarm is not made",
			"Job.Schedule: is a scheduled job's setting, but Kind is backend"}},
		{"a backend's own settings, by the component's fields", func(a *PrivateFargateServiceArgs) {
			*a = backendArgs()
			a.Backend = &BackendKindArgs{DiscoveryName: "-orders", AppProtocol: "tcp", PerRequestTimeout: &grace}
			a.Autoscaling = &service.AutoscalingArgs{MaxCount: 3, Policies: []service.ScalingPolicy{{Metric: service.MetricRequests, TargetValue: 100}}}
		}, []string{
			"(3 problems)",
			`Backend.DiscoveryName: "-orders" cannot be a Service Connect name`,
			"Backend.PerRequestTimeout: is set, but ECS takes a per-request timeout only for an http, http2 or grpc port",
			"Autoscaling.Policies[0].Metric: ALBRequestCountPerTarget counts the requests of a target group, and a backend has none"}},
		{"a service's settings on a job", func(a *PrivateFargateServiceArgs) {
			*a = jobArgs()
			one, hundred := 1, 100
			a.Container.Port = 8080
			a.Service.DesiredCount = &one
			a.Service.MinimumHealthyPercent = &hundred
			a.Autoscaling = &service.AutoscalingArgs{MaxCount: 2}
			a.Alarms = &service.AlarmArgs{Thresholds: service.AlarmThresholds{Cpu: service.AlarmThreshold{EvaluationPeriods: 2}}}
			a.LoadBalancer.IdleTimeout = 30
		}, []string{
			"(6 problems)",
			"Container.Port: 8080 is set, but a scheduled job takes no inbound traffic",
			"Service.DesiredCount: a scheduled job has no ECS service: each run starts one task; remove it",
			"Service.MinimumHealthyPercent: a scheduled job has no ECS service to deploy",
			"Autoscaling: a scheduled job has no ECS service to scale",
			"Alarms.Thresholds.Cpu: a scheduled job's alarms",
			"LoadBalancer.IdleTimeout: a scheduled job has no load balancer"}},
		{"a job's own settings, by the component's fields", func(a *PrivateFargateServiceArgs) {
			*a = jobArgs()
			a.Job = &JobKindArgs{Schedule: "every hour", Timezone: "Mars/Olympus",
				DeadLetterQueue: service.JobDeadLetterQueue{Arn: pulumi.String("arn:aws:sqs:eu-west-1:123456789012:dlq")}}
			a.Service.ExtraSecurityGroupIds = pulumi.StringArray{pulumi.String("db")}
		}, []string{
			"(4 problems)",
			"Job.Schedule: ", "Job.Timezone: ", "Job.DeadLetterQueue.Arn: ",
			`Service.ExtraSecurityGroupIds[0]: "db" is not a security group ID`}},
		{"a service's settings a worker has no use for", func(a *PrivateFargateServiceArgs) {
			*a = workerArgs()
			yes := true
			a.Container.Port = 9000
			a.Autoscaling = &service.AutoscalingArgs{MaxCount: 2}
			a.Alarms = &service.AlarmArgs{Rollback: &yes, Thresholds: service.AlarmThresholds{Target5xxRate: service.AlarmThreshold{EvaluationPeriods: 2}}}
			a.Backend = &BackendKindArgs{DiscoveryName: "w"}
		}, []string{
			"(5 problems)",
			"Container.Port: 9000 is set, but a worker takes no inbound traffic",
			"Autoscaling: a worker scales on its queue's backlog per task, not on CPU, memory or requests; set Worker.Scaling instead",
			"Alarms.Rollback: no alarm of a worker fails a deployment",
			"Alarms.Thresholds.Target5xxRate: a worker takes no traffic, so this alarm is not made",
			"Backend.DiscoveryName: is a backend's setting, but Kind is worker"}},
		{"a worker's own settings, by the component's fields", func(a *PrivateFargateServiceArgs) {
			*a = workerArgs()
			zero := 0.0
			a.Worker = &WorkerKindArgs{
				Queue:           service.WorkerQueueArgs{Arn: pulumi.String("arn:aws:sqs:us-east-1:123456789012:jobs"), MaxReceiveCount: 3},
				Scaling:         &service.WorkerScalingArgs{MaxCount: 2},
				AlarmThresholds: WorkerQueueAlarmThresholds{OldestMessageAge: service.AlarmThreshold{Threshold: &zero}},
			}
			a.Alarms = &service.AlarmArgs{}
		}, []string{
			"Worker.Queue.MaxReceiveCount: ", "Worker.Scaling.BacklogPerTask: ", "Worker.AlarmThresholds.OldestMessageAge.Threshold: "}},
		{"a worker's queue alarms without alarms", func(a *PrivateFargateServiceArgs) {
			*a = workerArgs()
			ten := 10.0
			a.Worker = &WorkerKindArgs{AlarmThresholds: WorkerQueueAlarmThresholds{DeadLetterMessages: service.AlarmThreshold{Threshold: &ten}}}
		}, []string{"(1 problem)", "Worker.AlarmThresholds.DeadLetterMessages: is set, but the component has no Alarms, so the queue's alarms are not made; set Alarms, or remove it"}},
		{"a worker's settings on a job", func(a *PrivateFargateServiceArgs) {
			*a = jobArgs()
			a.Worker = &WorkerKindArgs{Topics: []pulumi.StringInput{pulumi.String("arn:aws:sns:us-east-1:123456789012:t")}}
		}, []string{"(1 problem)", "Worker.Topics: is a worker's setting, but Kind is job; set Kind to worker, or remove it"}},
		{"a job with no schedule", func(a *PrivateFargateServiceArgs) { *a = jobArgs(); a.Job = nil }, []string{"(1 problem)", "Job.Schedule: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := baseArgs()
			tt.give(&a)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

// A problem a worker's own checks find names the component's field, the
// error prints one problem a line, and the component's checks and the
// worker's are not repeated.
func TestKindProblemsAreReportedOnce(t *testing.T) {
	a := workerArgs()
	a.Kms = &KmsArgs{KeyArn: pulumi.String("alias/app")}
	_, _, err := run(t, a)
	if err == nil {
		t.Fatal("the program succeeded; want Kms.KeyArn refused")
	}
	if n := strings.Count(err.Error(), "Kms.KeyArn: "); n != 1 {
		t.Errorf("Kms.KeyArn is reported %d times, want once:\n%v", n, err)
	}
}
