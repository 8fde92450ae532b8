// Package infra is the shared-platform example's Pulumi program: one
// network, one load balancer and one cluster, shared by three services
// the way another team's program would compose the components:
//
//   - web takes every path no other rule matches ("/*", priority 50000)
//     and runs on Fargate;
//   - api takes /api/* and runs on Fargate Spot; it reads the Secrets
//     Manager secret the program creates, passed in as an Output, so the
//     network has the secretsmanager endpoint for it; it scales between 1
//     and 4 tasks on CPU and on requests per task, and its alarms notify
//     its own topic and roll its deployments back;
//   - admin takes the admin host header and runs on a group of EC2
//     container instances in the same cluster, so the network has the ecs
//     endpoints its agents need;
//   - ledger is an internal backend with no route on the load balancer:
//     the api calls it through ECS Service Connect as http://ledger:8080,
//     in the cluster's namespace, so both are in the network's Features
//     with ServiceConnect (the ecs-agent endpoint, through which ECS
//     manages their proxies), and the api's tasks may reach the ledger's
//     on that port alone;
//   - settlements is a worker: it consumes a queue of its own, subscribed
//     to the ledger-events topic the program creates, with a dead-letter
//     queue after 5 receives, and scales from 1 to 3 tasks on Fargate
//     Spot to keep its backlog at 100 messages a task; its tasks reach
//     SQS through the sqs endpoint, and nothing reaches them.
//
// The VPC has no NAT gateway: the tasks reach ECR, CloudWatch Logs, S3 and
// Secrets Manager only through the network's VPC endpoints, each created
// once for every service that needs it.
//
// With a domain name and its hosted zone (keys domainName and
// hostedZoneName), the shared load balancer serves HTTPS: its certificate
// covers the domain and the admin host, both get alias records, and port
// 80 redirects. It writes its access logs to a bucket of its own, kept for
// 30 days and emptied by a destroy.
package infra

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/key"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// The services' names: each names its WebService, its route and its
// entry in the network's Features.
const (
	Web    = "web"
	API    = "api"
	Admin  = "admin"
	Ledger = "ledger"
	// Settlements consumes the ledger's events.
	Settlements = "settlements"
)

// LedgerPort is the port the ledger's app listens on, and callers reach
// it at through Service Connect.
const LedgerPort = 8080

// AdminInstanceType is the admin group's instance type: 2 vCPUs and 4 GiB
// hold two awsvpc tasks of the default size (its 3 ENIs, one for the
// instance), enough for one task and its replacement during a deploy.
const AdminInstanceType = "t3.medium"

// Config is what the program reads from the stack's configuration.
type Config struct {
	// AdminHost routes to the admin service (key adminHost).
	AdminHost string
	// AppPath is the sample app's Docker build context, relative to the
	// project directory, where pulumi runs the program (key appPath).
	AppPath string
	// DomainName is the name the load balancer serves HTTPS on, and
	// HostedZoneName the public Route 53 zone that holds it and AdminHost
	// (keys domainName and hostedZoneName). Empty: HTTP only.
	DomainName, HostedZoneName string
}

// ReadConfig reads the stack's configuration and returns every problem
// at once, each naming its key.
func ReadConfig(ctx *pulumi.Context) (Config, error) {
	cfg := config.New(ctx, "")
	c := Config{
		AdminHost:      strings.TrimSpace(cfg.Get("adminHost")),
		AppPath:        strings.TrimSpace(cfg.Get("appPath")),
		DomainName:     strings.TrimSpace(cfg.Get("domainName")),
		HostedZoneName: strings.TrimSpace(cfg.Get("hostedZoneName")),
	}
	var problems []error
	if c.AdminHost == "" {
		problems = append(problems, fmt.Errorf("%s:adminHost: not set; set it to the admin service's host name (pulumi config set adminHost admin.example.com)", ctx.Project()))
	}
	if c.AppPath == "" {
		problems = append(problems, fmt.Errorf("%s:appPath: not set; set it to the folder holding the app's Dockerfile, relative to this project (../../app)", ctx.Project()))
	}
	return c, errors.Join(problems...)
}

// Program is what `pulumi up` runs in examples/shared-platform.
func Program(ctx *pulumi.Context) error {
	cfg, err := ReadConfig(ctx)
	if err != nil {
		return err
	}

	// One customer key for the platform's data at rest: the api's logs,
	// repository, alarm topic and secret, the flow logs, and the ECS Exec
	// sessions.
	platformKey, err := key.NewKey(ctx, "platform", &key.KeyArgs{})
	if err != nil {
		return err
	}

	// The api's database password, under the platform key rather than
	// Secrets Manager's AWS managed key (AWS-0098, CKV_AWS_149). Its value
	// is set outside the program (aws secretsmanager put-secret-value), so
	// it never sits in state. Secrets Manager decrypts as the caller, so
	// the api's execution role gets kms:Decrypt on the key (SecretsUseKey
	// below); the key's policy lets the account grant that through IAM.
	secret, err := secretsmanager.NewSecret(ctx, "api-db", &secretsmanager.SecretArgs{
		Description:          pulumi.String("Database password of the api service, read by its tasks at start"),
		RecoveryWindowInDays: pulumi.Int(7),
		KmsKeyId:             platformKey.Arn,
	})
	if err != nil {
		return fmt.Errorf("create api secret: %w", err)
	}

	// What each service needs decides the endpoint set: their union. The
	// api takes ECS Exec sessions, encrypted with the key, so its tasks
	// need ssmmessages and kms too; it sends traces to X-Ray through its
	// collector sidecar, so they need xray. The collector's image is on
	// ECR Public, which tasks without NAT reach only through the ECR
	// pull-through cache rule the network owns.
	net, err := network.NewNetwork(ctx, "main", &network.NetworkArgs{
		Features: map[string]network.EndpointFeatures{
			Web:         {},
			API:         {SecretsManager: true, Exec: true, Kms: true, Xray: true, ServiceConnect: true},
			Admin:       {Ec2: true},
			Ledger:      {ServiceConnect: true},
			Settlements: {Sqs: true},
		},
		PullThroughCache: []network.PullThroughCacheRuleArgs{{Upstream: "ecr-public"}},
		FlowLogs:         &network.FlowLogArgs{LogRetentionDays: 30, KmsKeyArn: platformKey.Arn},
	})
	if err != nil {
		return err
	}

	alb, err := edge.NewLoadBalancer(ctx, "edge", &edge.LoadBalancerArgs{
		Network: net,
		// The certificate covers the domain and every route's host: here
		// the admin host, which must be in the same zone.
		Ingress: edge.IngressArgs{DomainName: cfg.DomainName, HostedZoneName: cfg.HostedZoneName},
		Routes: []edge.ListenerRoute{
			{Service: Web, Paths: []string{"/*"}}, // catch-all: priority 50000, tried last
			{Service: API, Paths: []string{"/api/*"}},
			{Service: Admin, Hosts: []string{cfg.AdminHost}},
		},
		AccessLogs: edge.AccessLogsArgs{Enabled: true, ExpirationDays: 30, ForceDestroy: true},
	})
	if err != nil {
		return err
	}

	fargate := true
	apps, err := cluster.NewCluster(ctx, "apps", &cluster.ClusterArgs{
		Network: net,
		Fargate: &fargate,
		Ec2: []cluster.Ec2CapacityArgs{{
			Name:          Admin,
			InstanceTypes: []string{AdminInstanceType},
			MinSize:       1,
			MaxSize:       2,
		}},
		// ECS Exec sessions are logged, and encrypted with the key.
		Exec: &cluster.ExecArgs{LogRetentionDays: 30, KmsKeyArn: platformKey.Arn},
		// A Cloud Map namespace ("apps") for the services' Service
		// Connect names.
		ServiceConnect: &cluster.ServiceConnectArgs{},
	})
	if err != nil {
		return err
	}

	// The ledger first: the api calls it, so the api's rules and its
	// service wait for it.
	build := &service.ImageBuild{Context: cfg.AppPath}
	ledger, err := service.NewBackendService(ctx, Ledger, &service.BackendServiceArgs{
		Network: net,
		Cluster: apps,
		// The proxy shares the task: 512 CPU units leave the app the
		// 256 it would have alone, beside the 256 AWS recommends for the
		// proxy.
		Container: service.ContainerArgs{Build: build, Port: LedgerPort},
		Task:      service.TaskArgs{Cpu: 512, Memory: 1024},
		Service:   strategy(cluster.CapacityProviderStrategyItem{Provider: cluster.ProviderFargate, Weight: 1}),
	})
	if err != nil {
		return err
	}

	// Each service on the shared pieces, with its own capacity. Every
	// service is tried, so one run reports every service's problems.
	services := []struct {
		name string
		args service.WebServiceArgs
	}{
		{Web, service.WebServiceArgs{
			Container: service.ContainerArgs{Build: build},
			Service:   strategy(cluster.CapacityProviderStrategyItem{Provider: cluster.ProviderFargate, Weight: 1}),
		}},
		{API, service.WebServiceArgs{
			Container: service.ContainerArgs{
				Build: build,
				// The secret's ARN is an Output: unknown until the secret
				// exists, so its kind is given; the component checks the
				// ARN against it when it resolves.
				Secrets: map[string]service.ContainerSecret{
					"DB_PASSWORD": {Kind: service.SecretKindSecretsManager, Arn: secret.Arn},
				},
			},
			Service: service.ServiceArgs{
				CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargateSpot, Weight: 1}},
				EnableExecuteCommand:     true,
			},
			// The app, its tracing collector and its Service Connect proxy
			// share the task: 512 CPU units and 1 GiB leave the app and
			// the collector 256 units beside the proxy's recommended 256
			// units and 64 MiB.
			Task:          service.TaskArgs{Cpu: 512, Memory: 1024},
			KmsKeyArn:     platformKey.Arn,
			SecretsUseKey: true,
			// The ADOT collector runs beside the app, pulled through the
			// network's ECR Public cache rule, and sends its traces to
			// X-Ray.
			Tracing: service.TracingXray,
			// Application Auto Scaling owns the api's task count: 1 to 4,
			// on CPU and on the requests its target group sends each task.
			Autoscaling: &service.AutoscalingArgs{MaxCount: 4, Policies: []service.ScalingPolicy{
				{Metric: service.MetricCPU, TargetValue: 70},
				{Metric: service.MetricRequests, TargetValue: 500},
			}},
			// Its alarms watch its own target group and service; a shared
			// load balancer's own 5xx are not the api's.
			Alarms: &service.AlarmArgs{},
			// It reads balances from the ledger by name.
			Calls: []service.ServiceConnectSource{ledger},
		}},
		{Admin, service.WebServiceArgs{
			Container: service.ContainerArgs{Build: build},
			Service:   strategy(cluster.CapacityProviderStrategyItem{Provider: cluster.ProviderEC2, Group: Admin, Weight: 1}),
		}},
	}
	// The topic the ledger publishes its events to, and the worker that
	// settles them. SNS delivers to the queue only from this topic (the
	// queue's policy names it). The topic is encrypted with SNS's AWS
	// managed key, which SNS itself uses to deliver; the queue keeps
	// SQS-managed encryption, since SNS cannot use an AWS managed SQS key
	// (SNS developer guide, "Enable server-side encryption for an SQS
	// queue subscribed to an encrypted topic").
	events, err := sns.NewTopic(ctx, "ledger-events", &sns.TopicArgs{KmsMasterKeyId: pulumi.String("alias/aws/sns")})
	if err != nil {
		return fmt.Errorf("create ledger events topic: %w", err)
	}
	settlements, err := service.NewWorkerService(ctx, Settlements, &service.WorkerServiceArgs{
		Network:   net,
		Cluster:   apps,
		Container: service.ContainerArgs{Build: build},
		Service:   strategy(cluster.CapacityProviderStrategyItem{Provider: cluster.ProviderFargateSpot, Weight: 1}),
		Topics:    []pulumi.StringInput{events.Arn},
		// 10 seconds of latency at a tenth of a second a message.
		Scaling: &service.WorkerScalingArgs{MaxCount: 3, BacklogPerTask: 100},
	})
	if err != nil {
		return err
	}

	names := pulumi.StringMap{Ledger: ledger.ServiceName, Settlements: settlements.ServiceName}
	var errs []error
	for _, s := range services {
		args := s.args
		args.Network, args.Cluster, args.LoadBalancer = net, apps, alb
		svc, err := service.NewWebService(ctx, s.name, &args)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names[s.name] = svc.ServiceName
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}

	ctx.Export("url", alb.Url)
	ctx.Export("albDnsName", alb.DnsName)
	ctx.Export("accessLogsBucket", alb.AccessLogsBucket)
	ctx.Export("serviceNames", names)
	ctx.Export("clusterName", apps.ClusterName)
	ctx.Export("vpcId", net.VpcId)
	ctx.Export("apiSecretArn", secret.Arn)
	ctx.Export("ledgerEndpoint", ledger.Endpoint)
	ctx.Export("ledgerEventsTopicArn", events.Arn)
	return nil
}

// strategy is a service's capacity provider strategy.
func strategy(items ...cluster.CapacityProviderStrategyItem) service.ServiceArgs {
	return service.ServiceArgs{CapacityProviderStrategy: items}
}
