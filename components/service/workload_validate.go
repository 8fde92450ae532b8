package service

import (
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// WithDefaults fills in a workload's defaults. ec2 is the (defaulted) EC2
// group it runs on, or nil.
func (w Workload) WithDefaults(ec2 *cluster.Ec2CapacityArgs) Workload {
	a := w.withTracing()
	a.Container.Name = check.StrOr(a.Container.Name, check.DefaultContainerName)
	if a.takesTraffic() {
		a.Container.Port = check.IntOr(a.Container.Port, check.DefaultContainerPort)
	}
	a.Container.StopTimeout = check.IntOr(a.Container.StopTimeout, check.DefaultStopTimeout)
	a.Container.HealthCheck = a.Container.HealthCheck.withDefaults()
	a.Sidecars = SidecarsWithDefaults(a.Sidecars)
	if b := a.Container.Build; b != nil {
		c := *b
		if c.Dockerfile == "" && c.Context != "" {
			c.Dockerfile = strings.TrimSuffix(c.Context, "/") + "/Dockerfile"
		}
		a.Container.Build = &c
	}
	a.Task.Cpu = check.IntOr(a.Task.Cpu, check.DefaultCpu)
	a.Task.Memory = check.IntOr(a.Task.Memory, check.DefaultMemory)
	a.Service.DesiredCount = check.PtrOr(a.Service.DesiredCount, check.DefaultDesiredCount)
	if len(a.Service.CapacityProviderStrategy) == 0 {
		a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargate, Weight: 1}}
	}
	defaultArch := cluster.ArchX86_64
	if a.UsesEC2() && ec2 != nil && len(ec2.InstanceTypes) > 0 {
		defaultArch = cluster.InstanceArch(ec2.InstanceTypes[0])
	}
	a.Task.Architecture = check.StrOr(a.Task.Architecture, defaultArch)
	a.Service.MinimumHealthyPercent = check.PtrOr(a.Service.MinimumHealthyPercent, check.DefaultMinHealthyPercent)
	a.Service.MaximumPercent = check.IntOr(a.Service.MaximumPercent, check.DefaultMaxPercent)
	a.Service.HealthCheckGracePeriod = check.PtrOr(a.Service.HealthCheckGracePeriod, check.DefaultGracePeriod)
	a.Repository.ImageTagMutability = check.StrOr(a.Repository.ImageTagMutability, check.DefaultTagMutability)
	a.Repository.KeepImages = check.IntOr(a.Repository.KeepImages, check.DefaultKeepImages)
	a.LogRetentionDays = check.IntOr(a.LogRetentionDays, check.DefaultLogRetentionDays)
	a.Autoscaling = a.Autoscaling.WithDefaults(*a.Service.DesiredCount)
	a.Alarms = a.Alarms.WithDefaults()
	return a
}

// CheckWorkload checks what a service runs: container, image, task size,
// deployment settings, repository, logs, IAM and tags. ec2 is the EC2
// group the strategy runs on, or nil, and group names it in problems ("" in
// a PrivateFargateService, whose own Ec2 it is); nat says whether the
// tasks can reach the internet; region is the network's.
func CheckWorkload(p *check.Problems, a Workload, ec2 *cluster.Ec2CapacityArgs, group string, nat bool, region string) {
	c := a.Container
	switch {
	case c.Image != nil && c.Build != nil:
		p.Add("Container.Image", "both an image and a build are given; set one: the image to deploy a ready image, or the build to build and push one")
	case c.Image == nil && c.Build == nil:
		p.Add("Container.Image", "no image and no build are given; set the image URI of a private ECR image, or a build context to build one")
	case c.Build != nil && c.Build.Context == "":
		p.Add("Container.Build.Context", "the build has no context directory; set it to the folder holding the Dockerfile")
	case c.Image != nil:
		check.CheckString(p, "Container.Image", c.Image, ImageRule(region, nat, a.Caches))
	}
	if a.takesTraffic() {
		p.RangeInt("Container.Port", c.Port, 1, 65535)
	} else if c.Port != 0 {
		p.Add("Container.Port", "%d is set, but a %s takes no inbound traffic, so its task security group admits nothing and no port mapping is made; remove the port (run it as a BackendService if others call it)", c.Port, kindLabel(a.Kind))
	}
	p.RangeInt("Container.StopTimeout", c.StopTimeout, 2, 120)
	checkContainerVars(p, "Container", c.Environment, c.Secrets, region, nat)
	checkContainerHealthCheck(p, "Container.HealthCheck", c.HealthCheck)
	checkSidecars(p, a, region, nat)
	checkTracing(p, a, a.UsesEC2() && ec2 != nil && ec2.NetworkMode == cluster.NetworkBridge, nat)

	// Task size and platform.
	switch a.Task.Architecture {
	case cluster.ArchX86_64, cluster.ArchARM64:
	default:
		p.Add("Task.Architecture", "%q is not a CPU architecture; use %s or %s", a.Task.Architecture, cluster.ArchX86_64, cluster.ArchARM64)
	}
	if a.UsesEC2() {
		if ec2 != nil {
			checkTaskOnGroup(p, a, ec2, group)
		}
	} else {
		if err := check.CheckFargateSize(a.Task.Cpu, a.Task.Memory); err != nil {
			field := "Task.Memory"
			if check.FargateMemoryOptions(a.Task.Cpu) == nil {
				field = "Task.Cpu"
			}
			p.Add(field, "%v", err)
		}
	}
	check.CheckStrings(p, "Service.ExtraSecurityGroupIds", a.Service.ExtraSecurityGroupIds, check.SecurityGroupRule)

	// Service.
	if *a.Service.DesiredCount < 0 {
		p.Add("Service.DesiredCount", "%d tasks is negative; use 0 or more", *a.Service.DesiredCount)
	}
	cluster.CheckStrategy(p, "Service.CapacityProviderStrategy", a.Service.CapacityProviderStrategy)
	if a.Service.EnableExecuteCommand && c.ReadonlyRootFilesystem {
		p.Add("Service.EnableExecuteCommand", "ECS Exec needs a writable root filesystem (the SSM agent it runs in the task writes to it); turn Container.ReadonlyRootFilesystem off, or ECS Exec off")
	}
	p.RangeInt("Service.MinimumHealthyPercent", *a.Service.MinimumHealthyPercent, 0, 100)
	p.RangeInt("Service.MaximumPercent", a.Service.MaximumPercent, 100, 200)
	if a.Service.MaximumPercent <= *a.Service.MinimumHealthyPercent {
		p.Add("Service.MaximumPercent", "%d must be above MinimumHealthyPercent (%d), or a deployment cannot start a new task", a.Service.MaximumPercent, *a.Service.MinimumHealthyPercent)
	}
	p.RangeInt("Service.HealthCheckGracePeriod", *a.Service.HealthCheckGracePeriod, 0, 2147483647)

	// Repository.
	if m := a.Repository.ImageTagMutability; m != "MUTABLE" && m != "IMMUTABLE" {
		p.Add("Repository.ImageTagMutability", "%q is not a tag mutability; use MUTABLE or IMMUTABLE", m)
	}
	p.RangeInt("Repository.KeepImages", a.Repository.KeepImages, 1, 1000)
	check.CheckStrings(p, "Repository.ExtraPullRepositoryArns", a.Repository.ExtraPullRepositoryArns, check.EcrRepositoryRule(region, nat))

	// Logs and IAM.
	check.CheckRetention(p, "LogRetentionDays", a.LogRetentionDays)
	check.CheckStrings(p, "TaskRole.PolicyArns", a.TaskRole.PolicyArns, check.PolicyArnRule(region))
	for i, arn := range a.TaskRole.PolicyArns {
		if arn == nil {
			p.Add(fmt.Sprintf("TaskRole.PolicyArns[%d]", i), "is empty; set an IAM policy ARN or remove the entry")
		}
	}
	for i, s := range a.TaskRole.Statements {
		if len(s.Actions) == 0 || check.KnownEmpty(s.Resources) {
			p.Add(fmt.Sprintf("TaskRole.Statements[%d]", i), "%s", StatementProblem)
		}
	}
	if a.KmsKeyArn != nil {
		check.CheckString(p, "KmsKeyArn", a.KmsKeyArn, check.KmsKeyRule(region))
	} else if a.SecretsUseKey {
		p.Add("SecretsUseKey", "no KmsKeyArn is given to decrypt the secrets with; set the key, or leave SecretsUseKey off")
	}
	checkAutoscaling(p, a.Autoscaling, *a.Service.DesiredCount)
	checkAlarms(p, a.Alarms, region)
	check.CheckTags(p, "Tags", a.Tags)
}

// StatementProblem is what an empty task role statement is told.
const StatementProblem = "a statement needs at least one action and one resource"

// checkSecret checks a container secret: a literal ARN names its own
// kind, an Output's kind must be given so the endpoint and the grant can
// be chosen before it is known.
func checkSecret(p *check.Problems, field string, s ContainerSecret, region string, nat bool) {
	switch s.Kind {
	case "", SecretKindSecretsManager, SecretKindParameterStore:
	default:
		p.Add(field+".Kind", "%q is not a kind of secret; use %q or %q", s.Kind, SecretKindSecretsManager, SecretKindParameterStore)
		return
	}
	if s.Arn == nil {
		p.Add(field, "has no ARN; set the ARN of a Secrets Manager secret or an SSM parameter")
		return
	}
	if _, ok := check.LiteralString(s.Arn); ok {
		check.CheckString(p, field, s.Arn, check.SecretRule(s.Kind, region, nat))
	} else if s.Kind == "" {
		p.Add(field+".Kind", "the ARN is an Output, so its kind cannot be read before deploying; set Kind to %q or %q", SecretKindSecretsManager, SecretKindParameterStore)
	}
}

// kindOf is a checked secret's kind: the one given, or the literal ARN's.
func (s ContainerSecret) kindOf() string {
	if s.Kind != "" {
		return s.Kind
	}
	v, _ := check.LiteralString(s.Arn)
	return check.SecretKind(v)
}

// WithDefaults fills in a container health check's defaults. Nil stays
// nil: no health check.
func (hc *ContainerHealthCheck) withDefaults() *ContainerHealthCheck {
	if hc == nil {
		return nil
	}
	c := *hc
	c.Interval = check.IntOr(c.Interval, 30)
	c.Timeout = check.IntOr(c.Timeout, 5)
	c.Retries = check.IntOr(c.Retries, 3)
	return &c
}

// checkContainerVars checks a container's environment and secrets, the
// app's or a sidecar's; field is the container's ("Container",
// "Sidecars[0]").
func checkContainerVars(p *check.Problems, field string, env map[string]pulumi.StringInput, secrets map[string]ContainerSecret, region string, nat bool) {
	for _, name := range check.SortedKeys(env) {
		if !check.EnvNamePattern.MatchString(name) {
			p.Add(field+".Environment", "%q is not a variable name; use letters, digits and underscores", name)
		}
	}
	for _, name := range check.SortedKeys(secrets) {
		f := field + ".Secrets." + name
		if !check.EnvNamePattern.MatchString(name) {
			p.Add(f, "%q is not a variable name; use letters, digits and underscores", name)
		}
		if _, dup := env[name]; dup {
			p.Add(f, "%q is both a plain variable and a secret; keep one", name)
		}
		checkSecret(p, f, secrets[name], region, nat)
	}
}

// checkContainerHealthCheck checks a (defaulted) container health check.
func checkContainerHealthCheck(p *check.Problems, field string, hc *ContainerHealthCheck) {
	if hc == nil {
		return
	}
	if len(hc.Command) < 2 || (hc.Command[0] != "CMD" && hc.Command[0] != "CMD-SHELL") {
		p.Add(field+".Command", "%q is not a health check command; start it with \"CMD\" or \"CMD-SHELL\" and give the command after it", hc.Command)
	}
	p.RangeInt(field+".Interval", hc.Interval, 5, 300)
	p.RangeInt(field+".Timeout", hc.Timeout, 2, 60)
	p.RangeInt(field+".Retries", hc.Retries, 1, 10)
	p.RangeInt(field+".StartPeriod", hc.StartPeriod, 0, 300)
}

// kindLabel names a workload kind in a message.
func kindLabel(kind string) string {
	switch kind {
	case KindBackend:
		return "backend service"
	case KindWorker:
		return "worker service"
	case KindJob:
		return "scheduled job"
	}
	return "web service"
}
