package stacks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// Args turns the configuration into component arguments.
func (c *Config) Args() components.PrivateFargateServiceArgs {
	a := components.PrivateFargateServiceArgs{
		Region: c.Region,
		Network: components.NetworkArgs{
			CidrBlock:         c.VpcCidr,
			AzCount:           c.AzCount,
			AvailabilityZones: c.AvailabilityZones,
			NatGateways:       components.NatMode(c.NatGateways),
		},
		ExtraEndpointServices: c.ExtraEndpointServices,
		Ingress: components.IngressArgs{
			AllowedCidrs: c.AllowedCidrs,
			Https:        c.Https,
			SslPolicy:    c.SslPolicy,
		},
		Container: components.ContainerArgs{
			Name:                   c.ContainerName,
			Port:                   c.ContainerPort,
			Environment:            pulumi.ToStringMap(c.Environment),
			StopTimeout:            c.StopTimeout,
			ReadonlyRootFilesystem: c.ReadonlyRootFilesystem,
		},
		Task: components.TaskArgs{Cpu: c.Cpu, Memory: c.Memory, Architecture: c.Architecture},
		Service: components.ServiceArgs{
			DesiredCount:           c.DesiredCount,
			MinimumHealthyPercent:  c.MinHealthyPercent,
			MaximumPercent:         c.MaxPercent,
			HealthCheckGracePeriod: c.HealthCheckGracePeriod,
			ExtraSecurityGroupIds:  pulumi.ToStringArray(c.TaskSecurityGroupIds),
		},
		Repository: components.RepositoryArgs{
			ImageTagMutability:      c.ImageTagMutability,
			KeepImages:              c.KeepImages,
			ForceDelete:             c.EcrForceDelete,
			ExtraPullRepositoryArns: pulumi.ToStringArray(c.ExtraPullRepositoryArns),
		},
		LoadBalancer: components.LoadBalancerArgs{
			DeletionProtection:  c.AlbDeletionProtection,
			IdleTimeout:         c.AlbIdleTimeout,
			DeregistrationDelay: c.DeregistrationDelay,
			HealthCheck: components.TargetHealthCheck{
				Path:               c.HealthCheckPath,
				Matcher:            c.HealthCheckMatcher,
				Interval:           c.HealthCheckInterval,
				Timeout:            c.HealthCheckTimeout,
				HealthyThreshold:   c.HealthyThreshold,
				UnhealthyThreshold: c.UnhealthyThreshold,
			},
		},
		LogRetentionDays: c.LogRetentionDays,
		TaskRole:         components.TaskRoleArgs{PolicyArns: pulumi.ToStringArray(c.TaskRolePolicyArns)},
		Tags:             pulumi.ToStringMap(c.Tags),
	}
	// Config values are literals, so the component checks them all before
	// registering anything; an unset one stays unset.
	if c.CertificateArn != "" {
		a.Ingress.CertificateArn = pulumi.String(c.CertificateArn)
	}
	if len(c.Secrets) > 0 {
		a.Container.Secrets = map[string]components.ContainerSecret{}
		for name, arn := range c.Secrets {
			a.Container.Secrets[name] = components.ContainerSecret{Arn: pulumi.String(arn)}
		}
	}
	if c.Image != "" {
		a.Container.Image = pulumi.String(c.Image)
	} else {
		path := c.AppPath
		if path == "" {
			path = "./app"
		}
		a.Container.Build = &components.ImageBuild{Context: path}
	}
	if hc := c.ContainerHealthCheck; hc != nil {
		a.Container.HealthCheck = &components.ContainerHealthCheck{
			Command: hc.Command, Interval: hc.Interval, Timeout: hc.Timeout,
			Retries: hc.Retries, StartPeriod: hc.StartPeriod,
		}
	}
	for _, item := range c.Capacity {
		a.Service.CapacityProviderStrategy = append(a.Service.CapacityProviderStrategy, components.CapacityProviderStrategyItem{
			Provider: item.Provider, Base: item.Base, Weight: item.Weight,
		})
	}
	if e := c.Ec2; e != nil {
		a.Ec2 = &components.Ec2CapacityArgs{
			InstanceTypes:                e.InstanceTypes,
			AmiId:                        e.AmiId,
			AmiArchitecture:              e.AmiArchitecture,
			RootVolumeSize:               e.RootVolumeSize,
			MinSize:                      e.MinSize,
			MaxSize:                      e.MaxSize,
			DesiredCapacity:              e.DesiredCapacity,
			ManagedScaling:               e.ManagedScaling,
			TargetCapacity:               e.TargetCapacity,
			ManagedTerminationProtection: e.ManagedTerminationProtection,
			SessionManager:               e.SessionManager,
			NetworkMode:                  e.NetworkMode,
			AwsvpcTrunking:               e.AwsvpcTrunking,
		}
	}
	for _, s := range c.TaskRoleStatements {
		a.TaskRole.Statements = append(a.TaskRole.Statements, components.PolicyStatement{Actions: s.Actions, Resources: pulumi.ToStringArray(s.Resources)})
	}
	return a
}

// fieldKeys maps component argument paths to the config keys that set
// them. Longer paths come first so the most specific one wins.
var fieldKeys = []struct {
	field, key string
	verbatim   bool // keep the rest of the path as written (map keys)
}{
	{field: "Network.CidrBlock", key: "vpcCidr"},
	{field: "Network.AzCount", key: "azCount"},
	{field: "Network.AvailabilityZones", key: "availabilityZones"},
	{field: "Network.NatGateways", key: "natGateways"},
	{field: "ExtraEndpointServices", key: "extraEndpointServices"},
	{field: "Ingress.AllowedCidrs", key: "allowedCidrs"},
	{field: "Ingress.CertificateArn", key: "certificateArn"},
	{field: "Ingress.SslPolicy", key: "sslPolicy"},
	{field: "Container.Build.Context", key: "appPath"},
	{field: "Container.Image", key: "image"},
	{field: "Container.Name", key: "containerName"},
	{field: "Container.Port", key: "containerPort"},
	{field: "Container.Environment", key: "environment", verbatim: true},
	{field: "Container.Secrets", key: "secrets", verbatim: true},
	{field: "Container.HealthCheck", key: "containerHealthCheck"},
	{field: "Container.StopTimeout", key: "stopTimeout"},
	{field: "Task.Cpu", key: "cpu"},
	{field: "Task.Memory", key: "memory"},
	{field: "Task.Architecture", key: "architecture"},
	{field: "Service.DesiredCount", key: "desiredCount"},
	{field: "Service.CapacityProviderStrategy", key: "capacity"},
	{field: "Service.MinimumHealthyPercent", key: "minHealthyPercent"},
	{field: "Service.MaximumPercent", key: "maxPercent"},
	{field: "Service.HealthCheckGracePeriod", key: "healthCheckGracePeriod"},
	{field: "Service.ExtraSecurityGroupIds", key: "taskSecurityGroupIds"},
	{field: "Ec2", key: "ec2"},
	{field: "name", key: "name"},
	{field: "Repository.ImageTagMutability", key: "imageTagMutability"},
	{field: "Repository.KeepImages", key: "keepImages"},
	{field: "Repository.ExtraPullRepositoryArns", key: "extraPullRepositoryArns"},
	{field: "LoadBalancer.IdleTimeout", key: "albIdleTimeout"},
	{field: "LoadBalancer.DeregistrationDelay", key: "deregistrationDelay"},
	{field: "LoadBalancer.HealthCheck.Path", key: "healthCheckPath"},
	{field: "LoadBalancer.HealthCheck.Matcher", key: "healthCheckMatcher"},
	{field: "LoadBalancer.HealthCheck.Interval", key: "healthCheckInterval"},
	{field: "LoadBalancer.HealthCheck.Timeout", key: "healthCheckTimeout"},
	{field: "LoadBalancer.HealthCheck.HealthyThreshold", key: "healthyThreshold"},
	{field: "LoadBalancer.HealthCheck.UnhealthyThreshold", key: "unhealthyThreshold"},
	{field: "LogRetentionDays", key: "logRetentionDays"},
	{field: "TaskRole.PolicyArns", key: "taskRolePolicyArns"},
	{field: "TaskRole.Statements", key: "taskRoleStatements"},
	{field: "Tags", key: "tags", verbatim: true},
}

// ConfigKey names the config key that sets a component argument, such as
// "private-fargate:capacity[1].base" for
// "Service.CapacityProviderStrategy[1].Base". Unknown fields come back as
// they are.
func ConfigKey(project, field string) string {
	for _, fk := range fieldKeys {
		if field != fk.field && !strings.HasPrefix(field, fk.field+".") && !strings.HasPrefix(field, fk.field+"[") {
			continue
		}
		rest := strings.TrimPrefix(field, fk.field)
		if !fk.verbatim {
			parts := strings.Split(rest, ".")
			for i, p := range parts {
				if p != "" {
					parts[i] = strings.ToLower(p[:1]) + p[1:]
				}
			}
			rest = strings.Join(parts, ".")
		}
		return project + ":" + fk.key + rest
	}
	return field
}

// withConfigKeys rewrites a component validation error so that each
// problem names the config key to change.
func withConfigKeys(project string, err error) error {
	var ve *components.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	lines := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		lines[i] = ConfigKey(project, p.Field) + ": " + p.Problem
	}
	return &ConfigError{Problems: lines}
}

// ConfigError lists every configuration problem of a stack.
type ConfigError struct {
	Problems []string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("invalid stack configuration (%d problems):\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}
