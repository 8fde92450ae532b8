// Package infra is the team-orders example's Pulumi program: the orders
// team's two services, attached to a platform another team runs.
//
//   - orders-api answers https://<host>/orders/* on Fargate and reads its
//     database password from a Secrets Manager secret, through the
//     platform's secretsmanager endpoint;
//   - orders-admin answers https://<host>/orders-admin/* on Fargate Spot
//     and takes ECS Exec sessions, through the platform's ssmmessages and
//     kms endpoints, logged by the platform's cluster;
//   - orders-report is a scheduled job: EventBridge Scheduler starts it
//     at 03:30 Paris time every night, on Fargate Spot (a run that is
//     interrupted runs again the next night), through a Step Functions
//     state machine that stops it after 30 minutes, since ECS has no
//     task timeout. It takes no inbound traffic, and a run Scheduler
//     could not start lands in its dead-letter queue.
//
// The program reads the platform contract from the platform stack
// (components.AttachPlatform, key platformStack) or from its own config
// (components.PlatformFromConfig, key platform) and hands it to each
// service as its network and cluster, and its load balancer "main". Each
// service takes its listener rule's priority in the orders team's block,
// derived from its name. Every service is checked against the contract
// and the live listener before anything is created, so a refusal leaves
// nothing behind but the stack reference.
//
// The stack owns only what its services create: each one's task group and
// its one ingress rule from the ALB, target group, listener rule,
// repository and image, log group, roles and task definition, and the
// ECS service; and what the job creates: its task group (no ingress),
// repository and image, log group, roles and task definition, schedule
// group and schedule, the role Scheduler runs as, the state machine and
// its role, and the dead-letter queue. The tasks join the platform's endpoint-clients and targets
// groups, so no platform group gains a rule, and destroying this stack
// leaves the platform and every other team untouched.
package infra

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// Team is the team whose priority block the services' rules take their
// priorities from.
const Team = "orders"

// LoadBalancer is the platform load balancer the services are behind.
const LoadBalancer = "main"

// The services' names, and the job's.
const (
	API    = "orders-api"
	Admin  = "orders-admin"
	Report = "orders-report"
)

// The report's schedule: 03:30 every night in Paris, daylight saving
// included, and the longest a run may last. Not 02:30: Scheduler skips a
// run whose time the clocks skip, and in Paris 02:30 does not exist on
// the last Sunday of March.
const (
	ReportSchedule = "cron(30 3 * * ? *)"
	ReportTimezone = "Europe/Paris"
	ReportTimeout  = 30 * 60
)

// PlatformKey is the config key holding the contract itself, in
// config-only mode.
const PlatformKey = "platform"

// Config is what the program reads from the stack's configuration.
type Config struct {
	// PlatformStack is the platform stack's full name (key
	// platformStack); "" when the contract is in config (Platform).
	PlatformStack string
	// Platform tells that the contract is in config (key platform, an
	// object other than the default {}).
	Platform bool
	// Host is the services' host name (key host).
	Host string
	// DbSecretArn is orders-api's database secret (key dbSecretArn).
	DbSecretArn string
	// AppPath is the app's Docker build context, relative to the project
	// directory (key appPath).
	AppPath string
}

// ReadConfig reads the configuration of project's namespace through get
// (ctx.GetConfig in the program; the stack files in the offline plan),
// and returns every problem at once, each naming its key and the fix.
func ReadConfig(project string, get func(key string) (string, bool)) (Config, error) {
	key := func(k string) string { return project + ":" + k }
	str := func(k string) string { v, _ := get(key(k)); return strings.TrimSpace(v) }
	// The platform key's default is an empty object: no contract.
	platform := str(PlatformKey)
	c := Config{
		PlatformStack: str("platformStack"), Platform: platform != "" && platform != "{}" && platform != "null",
		Host: str("host"), DbSecretArn: str("dbSecretArn"), AppPath: str("appPath"),
	}
	var problems []error
	fail := func(k, format string, v ...any) {
		problems = append(problems, fmt.Errorf("%s: %s", key(k), fmt.Sprintf(format, v...)))
	}
	switch {
	case c.PlatformStack == "" && !c.Platform:
		fail("platformStack", "not set; set it to the platform stack's full name (pulumi config set platformStack acme/platform/dev), or set %s to the platform's contract", key(PlatformKey))
	case c.PlatformStack != "" && c.Platform:
		fail("platformStack", "and %s are both set; attach through the stack, or give the contract in config, not both", key(PlatformKey))
	case c.PlatformStack != "" && strings.Count(c.PlatformStack, "/") != 2:
		fail("platformStack", "%q is not a full stack name; use <organization>/<project>/<stack>, such as acme/platform/dev", c.PlatformStack)
	}
	if c.Host == "" {
		fail("host", "not set; set it to the host name the orders services answer on (pulumi config set host orders.example.com)")
	}
	if !strings.HasPrefix(c.DbSecretArn, "arn:") || !strings.Contains(c.DbSecretArn, ":secretsmanager:") {
		fail("dbSecretArn", "%q is not a Secrets Manager secret ARN; set it to orders-api's database secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>)", c.DbSecretArn)
	}
	if c.AppPath == "" {
		fail("appPath", "not set; set it to the folder holding the app's Dockerfile, relative to this project (../../app)")
	}
	return c, errors.Join(problems...)
}

// Attach reads the platform contract the configuration names: the
// platform stack's output, or the contract in config.
func Attach(ctx *pulumi.Context, cfg Config) (*components.PlatformContract, error) {
	if cfg.Platform {
		return components.PlatformFromConfig(ctx, PlatformKey)
	}
	return components.AttachPlatform(ctx, cfg.PlatformStack)
}

// Service is one of the team's services and its args.
type Service struct {
	Name string
	Args service.WebServiceArgs
}

// Services are the team's services on the platform.
func Services(cfg Config, platform *components.PlatformContract, lb edge.LoadBalancerContract) []Service {
	build := &service.ImageBuild{Context: cfg.AppPath}
	route := func(path string) *service.ServiceRoute {
		return &service.ServiceRoute{Hosts: []string{cfg.Host}, Paths: []string{path}, Team: Team}
	}
	svcs := []Service{
		{API, service.WebServiceArgs{
			Route: route("/orders/*"),
			Container: service.ContainerArgs{
				Build: build,
				// A literal ARN: its kind, its region and the endpoint it
				// needs are checked before anything is created.
				Secrets: map[string]service.ContainerSecret{
					"DB_PASSWORD": {Arn: pulumi.String(cfg.DbSecretArn)},
				},
			},
			Service: service.ServiceArgs{CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{
				{Provider: cluster.ProviderFargate, Weight: 1},
			}},
		}},
		{Admin, service.WebServiceArgs{
			Route:     route("/orders-admin/*"),
			Container: service.ContainerArgs{Build: build},
			Service: service.ServiceArgs{
				CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargateSpot, Weight: 1}},
				EnableExecuteCommand:     true,
			},
		}},
	}
	for i := range svcs {
		svcs[i].Args.Network, svcs[i].Args.Cluster, svcs[i].Args.LoadBalancer = platform, platform, lb
	}
	return svcs
}

// Job is one of the team's scheduled jobs and its args.
type Job struct {
	Name string
	Args service.ScheduledJobArgs
}

// Jobs are the team's scheduled jobs on the platform.
func Jobs(cfg Config, platform *components.PlatformContract) []Job {
	return []Job{
		{Report, service.ScheduledJobArgs{
			Network: platform, Cluster: platform,
			Schedule: ReportSchedule, Timezone: ReportTimezone, Timeout: ReportTimeout,
			// The sample app stands in for the report: it serves until
			// the timeout stops it, so each run lasts the full 30
			// minutes, the most a real report may take.
			Container:                service.ContainerArgs{Build: &service.ImageBuild{Context: cfg.AppPath}},
			CapacityProviderStrategy: []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargateSpot, Weight: 1}},
		}},
	}
}

// Program is what `pulumi up` runs in examples/team-orders.
func Program(ctx *pulumi.Context) error {
	cfg, err := ReadConfig(ctx.Project(), ctx.GetConfig)
	if err != nil {
		return err
	}
	platform, err := Attach(ctx, cfg)
	if err != nil {
		return err
	}
	lb, err := platform.LoadBalancer(LoadBalancer)
	if err != nil {
		return err
	}
	svcs, jobs := Services(cfg, platform, lb), Jobs(cfg, platform)
	// Every service and job is checked, the services with the live
	// listener's rules, before any is created: one run reports every
	// problem, and a refusal leaves nothing behind.
	var errs []error
	for _, s := range svcs {
		if err := service.ValidateWebService(ctx, s.Name, &s.Args); err != nil {
			errs = append(errs, err)
		}
	}
	for _, j := range jobs {
		if err := service.ValidateScheduledJob(ctx, j.Name, &j.Args); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	names, repos := pulumi.StringMap{}, pulumi.StringMap{}
	for _, s := range svcs {
		svc, err := service.NewWebService(ctx, s.Name, &s.Args)
		if err != nil {
			return err
		}
		names[s.Name], repos[s.Name] = svc.ServiceName, svc.RepositoryUrl
	}
	schedules := pulumi.StringMap{}
	for _, j := range jobs {
		job, err := service.NewScheduledJob(ctx, j.Name, &j.Args)
		if err != nil {
			return err
		}
		schedules[j.Name], repos[j.Name] = job.ScheduleArn, job.RepositoryUrl
	}
	ctx.Export("serviceNames", names)
	ctx.Export("repositoryUrls", repos)
	ctx.Export("scheduleArns", schedules)
	ctx.Export("urls", pulumi.StringMap{
		API:   pulumi.Sprintf("https://%s/orders/", cfg.Host),
		Admin: pulumi.Sprintf("https://%s/orders-admin/", cfg.Host),
	})
	return nil
}
