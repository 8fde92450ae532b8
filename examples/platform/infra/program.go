// Package infra is the platform example's Pulumi program: what a platform
// team runs once for every service team.
//
//   - a new VPC in two availability zones with no NAT gateway: tasks reach
//     AWS only through the VPC endpoints, the base set every service needs
//     (ecr.api, ecr.dkr, logs and the s3 gateway) and the ones the
//     platform offers beyond it: secretsmanager for container secrets,
//     ssmmessages for ECS Exec, and kms because the Exec sessions are
//     encrypted with the platform's key;
//   - one public ALB, "main", serving HTTPS for the domain and every name
//     one label under the zone, with port 80 redirecting; each team has a
//     block of listener rule priorities on it: orders, then payments;
//   - an ECS cluster offering FARGATE and FARGATE_SPOT, logging ECS Exec
//     sessions to a log group of its own under the key;
//   - a customer-managed KMS key.
//
// It exports one stack output, "platform" (components.PlatformOutput):
// the platform contract, which service programs read with
// components.AttachPlatform. The shared security groups hold rules per
// purpose, not per service: a service's tasks join the network's
// endpoint-clients group and the ALB's targets group, so no service stack
// adds a rule to a platform group.
package infra

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
)

// Name is the platform's name: the Platform component's, and the prefix
// of every resource it creates.
const Name = "platform"

// LoadBalancer is the name of the platform's one load balancer in the
// contract, which service programs ask for.
const LoadBalancer = "main"

// Teams are the service teams, in the order their priority blocks are
// given out: add new teams at the end, or an existing team's block moves.
var Teams = []string{"orders", "payments"}

// Endpoints are the VPC endpoints the platform offers beyond the ones
// every service needs.
var Endpoints = []string{"secretsmanager", "ssmmessages", "kms"}

// Config is what the program reads from the stack's configuration.
type Config struct {
	// DomainName is the name the ALB serves HTTPS on, in the public zone
	// HostedZoneName (keys domainName and hostedZoneName). Empty: HTTP
	// only.
	DomainName, HostedZoneName string
	// HostNames are more names the certificate covers (key hostNames).
	HostNames []string
}

// ReadConfig reads the configuration of project's namespace through get
// (ctx.GetConfig in the program; the stack files in the offline plan),
// and returns every problem at once, each naming its key and the fix.
func ReadConfig(project string, get func(key string) (string, bool)) (Config, error) {
	key := func(k string) string { return project + ":" + k }
	str := func(k string) string { v, _ := get(key(k)); return strings.TrimSpace(v) }
	c := Config{DomainName: str("domainName"), HostedZoneName: str("hostedZoneName")}
	var problems []error
	if raw := str("hostNames"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &c.HostNames); err != nil {
			problems = append(problems, fmt.Errorf("%s: %s is not a list of names; write it as a YAML list in the stack file, such as [\"*.example.com\"]", key("hostNames"), raw))
		}
	}
	if c.DomainName != "" && c.HostedZoneName == "" {
		problems = append(problems, fmt.Errorf("%s: not set, but domainName is; set it to the public hosted zone that holds %s (pulumi config set hostedZoneName example.com)", key("hostedZoneName"), c.DomainName))
	}
	if c.DomainName == "" && len(c.HostNames) > 0 {
		problems = append(problems, fmt.Errorf("%s: names a certificate's hosts, but domainName is not set, so the ALB has no certificate; set domainName, or remove hostNames", key("hostNames")))
	}
	return c, errors.Join(problems...)
}

// Args are the platform's args for a configuration.
func Args(cfg Config) *components.PlatformArgs {
	fargate := true
	teams := make([]components.TeamArgs, len(Teams))
	for i, t := range Teams {
		teams[i] = components.TeamArgs{Name: t, LoadBalancer: LoadBalancer}
	}
	return &components.PlatformArgs{
		Network:   network.NetworkArgs{AzCount: 2},
		Endpoints: Endpoints,
		LoadBalancers: []components.PlatformLoadBalancerArgs{{
			Name: LoadBalancer,
			Ingress: edge.IngressArgs{
				DomainName: cfg.DomainName, HostedZoneName: cfg.HostedZoneName, HostNames: cfg.HostNames,
			},
		}},
		Teams: teams,
		Cluster: cluster.ClusterArgs{
			Fargate: &fargate,
			// The sessions are logged, and encrypted with the platform's
			// key (the platform passes it when Exec names none).
			Exec: &cluster.ExecArgs{LogRetentionDays: 30},
		},
		Key: true,
	}
}

// Program is what `pulumi up` runs in examples/platform.
func Program(ctx *pulumi.Context) error {
	_, err := Deploy(ctx)
	return err
}

// Deploy reads the configuration, creates the platform and exports its
// contract, and returns the platform, whose Contract tests read.
func Deploy(ctx *pulumi.Context) (*components.Platform, error) {
	cfg, err := ReadConfig(ctx.Project(), ctx.GetConfig)
	if err != nil {
		return nil, err
	}
	p, err := components.NewPlatform(ctx, Name, Args(cfg))
	if err != nil {
		return nil, err
	}
	ctx.Export(components.PlatformOutput, p.Contract)
	return p, nil
}
