package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// withDefaults fills in a workload's defaults. ec2 is the (defaulted) EC2
// group it runs on, or nil.
func (w workload) withDefaults(ec2 *Ec2CapacityArgs) workload {
	a := w.withTracing()
	a.Container.Name = strOr(a.Container.Name, defaultContainerName)
	a.Container.Port = intOr(a.Container.Port, defaultContainerPort)
	a.Container.StopTimeout = intOr(a.Container.StopTimeout, defaultStopTimeout)
	a.Container.HealthCheck = a.Container.HealthCheck.withDefaults()
	a.Sidecars = sidecarsWithDefaults(a.Sidecars)
	if b := a.Container.Build; b != nil {
		c := *b
		if c.Dockerfile == "" && c.Context != "" {
			c.Dockerfile = strings.TrimSuffix(c.Context, "/") + "/Dockerfile"
		}
		a.Container.Build = &c
	}
	a.Task.Cpu = intOr(a.Task.Cpu, defaultCpu)
	a.Task.Memory = intOr(a.Task.Memory, defaultMemory)
	a.Service.DesiredCount = ptrOr(a.Service.DesiredCount, defaultDesiredCount)
	if len(a.Service.CapacityProviderStrategy) == 0 {
		a.Service.CapacityProviderStrategy = []CapacityProviderStrategyItem{{Provider: ProviderFargate, Weight: 1}}
	}
	defaultArch := ArchX86_64
	if a.usesEC2() && ec2 != nil && len(ec2.InstanceTypes) > 0 {
		defaultArch = InstanceArch(ec2.InstanceTypes[0])
	}
	a.Task.Architecture = strOr(a.Task.Architecture, defaultArch)
	a.Service.MinimumHealthyPercent = ptrOr(a.Service.MinimumHealthyPercent, defaultMinHealthyPercent)
	a.Service.MaximumPercent = intOr(a.Service.MaximumPercent, defaultMaxPercent)
	a.Service.HealthCheckGracePeriod = ptrOr(a.Service.HealthCheckGracePeriod, defaultGracePeriod)
	a.Repository.ImageTagMutability = strOr(a.Repository.ImageTagMutability, defaultTagMutability)
	a.Repository.KeepImages = intOr(a.Repository.KeepImages, defaultKeepImages)
	a.LogRetentionDays = intOr(a.LogRetentionDays, defaultLogRetentionDays)
	a.Autoscaling = a.Autoscaling.withDefaults(*a.Service.DesiredCount)
	a.Alarms = a.Alarms.withDefaults()
	return a
}

// checkWorkload checks what a service runs: container, image, task size,
// deployment settings, repository, logs, IAM and tags. ec2 is the EC2
// group the strategy runs on, or nil, and group names it in problems ("" in
// a PrivateFargateService, whose own Ec2 it is); nat says whether the
// tasks can reach the internet; region is the network's.
func checkWorkload(p *problems, a workload, ec2 *Ec2CapacityArgs, group string, nat bool, region string) {
	c := a.Container
	switch {
	case c.Image != nil && c.Build != nil:
		p.add("Container.Image", "both an image and a build are given; set one: the image to deploy a ready image, or the build to build and push one")
	case c.Image == nil && c.Build == nil:
		p.add("Container.Image", "no image and no build are given; set the image URI of a private ECR image, or a build context to build one")
	case c.Build != nil && c.Build.Context == "":
		p.add("Container.Build.Context", "the build has no context directory; set it to the folder holding the Dockerfile")
	case c.Image != nil:
		checkString(p, "Container.Image", c.Image, imageRule(region, nat, a.caches))
	}
	p.rangeInt("Container.Port", c.Port, 1, 65535)
	p.rangeInt("Container.StopTimeout", c.StopTimeout, 2, 120)
	checkContainerVars(p, "Container", c.Environment, c.Secrets, region, nat)
	checkContainerHealthCheck(p, "Container.HealthCheck", c.HealthCheck)
	checkSidecars(p, a, region, nat)
	checkTracing(p, a, a.usesEC2() && ec2 != nil && ec2.NetworkMode == NetworkBridge, nat)

	// Task size and platform.
	switch a.Task.Architecture {
	case ArchX86_64, ArchARM64:
	default:
		p.add("Task.Architecture", "%q is not a CPU architecture; use %s or %s", a.Task.Architecture, ArchX86_64, ArchARM64)
	}
	if a.usesEC2() {
		if ec2 != nil {
			checkTaskOnGroup(p, a, ec2, group)
		}
	} else {
		if err := CheckFargateSize(a.Task.Cpu, a.Task.Memory); err != nil {
			field := "Task.Memory"
			if FargateMemoryOptions(a.Task.Cpu) == nil {
				field = "Task.Cpu"
			}
			p.add(field, "%v", err)
		}
	}
	checkStrings(p, "Service.ExtraSecurityGroupIds", a.Service.ExtraSecurityGroupIds, securityGroupRule)

	// Service.
	if *a.Service.DesiredCount < 0 {
		p.add("Service.DesiredCount", "%d tasks is negative; use 0 or more", *a.Service.DesiredCount)
	}
	checkStrategy(p, "Service.CapacityProviderStrategy", a.Service.CapacityProviderStrategy)
	if a.Service.EnableExecuteCommand && c.ReadonlyRootFilesystem {
		p.add("Service.EnableExecuteCommand", "ECS Exec needs a writable root filesystem (the SSM agent it runs in the task writes to it); turn Container.ReadonlyRootFilesystem off, or ECS Exec off")
	}
	p.rangeInt("Service.MinimumHealthyPercent", *a.Service.MinimumHealthyPercent, 0, 100)
	p.rangeInt("Service.MaximumPercent", a.Service.MaximumPercent, 100, 200)
	if a.Service.MaximumPercent <= *a.Service.MinimumHealthyPercent {
		p.add("Service.MaximumPercent", "%d must be above MinimumHealthyPercent (%d), or a deployment cannot start a new task", a.Service.MaximumPercent, *a.Service.MinimumHealthyPercent)
	}
	p.rangeInt("Service.HealthCheckGracePeriod", *a.Service.HealthCheckGracePeriod, 0, 2147483647)

	// Repository.
	if m := a.Repository.ImageTagMutability; m != "MUTABLE" && m != "IMMUTABLE" {
		p.add("Repository.ImageTagMutability", "%q is not a tag mutability; use MUTABLE or IMMUTABLE", m)
	}
	p.rangeInt("Repository.KeepImages", a.Repository.KeepImages, 1, 1000)
	checkStrings(p, "Repository.ExtraPullRepositoryArns", a.Repository.ExtraPullRepositoryArns, ecrRepositoryRule(region, nat))

	// Logs and IAM.
	checkRetention(p, "LogRetentionDays", a.LogRetentionDays)
	checkStrings(p, "TaskRole.PolicyArns", a.TaskRole.PolicyArns, policyArnRule(region))
	for i, arn := range a.TaskRole.PolicyArns {
		if arn == nil {
			p.add(fmt.Sprintf("TaskRole.PolicyArns[%d]", i), "is empty; set an IAM policy ARN or remove the entry")
		}
	}
	for i, s := range a.TaskRole.Statements {
		if len(s.Actions) == 0 || knownEmpty(s.Resources) {
			p.add(fmt.Sprintf("TaskRole.Statements[%d]", i), "%s", statementProblem)
		}
	}
	if a.KmsKeyArn != nil {
		checkString(p, "KmsKeyArn", a.KmsKeyArn, kmsKeyRule(region))
	} else if a.SecretsUseKey {
		p.add("SecretsUseKey", "no KmsKeyArn is given to decrypt the secrets with; set the key, or leave SecretsUseKey off")
	}
	checkAutoscaling(p, a.Autoscaling, *a.Service.DesiredCount)
	checkAlarms(p, a.Alarms, region)
	checkTags(p, "Tags", a.Tags)
}

// statementProblem is what an empty task role statement is told.
const statementProblem = "a statement needs at least one action and one resource"

// checkSecret checks a container secret: a literal ARN names its own
// kind, an Output's kind must be given so the endpoint and the grant can
// be chosen before it is known.
func checkSecret(p *problems, field string, s ContainerSecret, region string, nat bool) {
	switch s.Kind {
	case "", SecretKindSecretsManager, SecretKindParameterStore:
	default:
		p.add(field+".Kind", "%q is not a kind of secret; use %q or %q", s.Kind, SecretKindSecretsManager, SecretKindParameterStore)
		return
	}
	if s.Arn == nil {
		p.add(field, "has no ARN; set the ARN of a Secrets Manager secret or an SSM parameter")
		return
	}
	if _, ok := literalString(s.Arn); ok {
		checkString(p, field, s.Arn, secretRule(s.Kind, region, nat))
	} else if s.Kind == "" {
		p.add(field+".Kind", "the ARN is an Output, so its kind cannot be read before deploying; set Kind to %q or %q", SecretKindSecretsManager, SecretKindParameterStore)
	}
}

// kindOf is a checked secret's kind: the one given, or the literal ARN's.
func (s ContainerSecret) kindOf() string {
	if s.Kind != "" {
		return s.Kind
	}
	v, _ := literalString(s.Arn)
	return secretKind(v)
}

// withDefaults fills in a container health check's defaults. Nil stays
// nil: no health check.
func (hc *ContainerHealthCheck) withDefaults() *ContainerHealthCheck {
	if hc == nil {
		return nil
	}
	c := *hc
	c.Interval = intOr(c.Interval, 30)
	c.Timeout = intOr(c.Timeout, 5)
	c.Retries = intOr(c.Retries, 3)
	return &c
}

// checkContainerVars checks a container's environment and secrets, the
// app's or a sidecar's; field is the container's ("Container",
// "Sidecars[0]").
func checkContainerVars(p *problems, field string, env map[string]pulumi.StringInput, secrets map[string]ContainerSecret, region string, nat bool) {
	for _, name := range sortedKeys(env) {
		if !envNamePattern.MatchString(name) {
			p.add(field+".Environment", "%q is not a variable name; use letters, digits and underscores", name)
		}
	}
	for _, name := range sortedKeys(secrets) {
		f := field + ".Secrets." + name
		if !envNamePattern.MatchString(name) {
			p.add(f, "%q is not a variable name; use letters, digits and underscores", name)
		}
		if _, dup := env[name]; dup {
			p.add(f, "%q is both a plain variable and a secret; keep one", name)
		}
		checkSecret(p, f, secrets[name], region, nat)
	}
}

// checkContainerHealthCheck checks a (defaulted) container health check.
func checkContainerHealthCheck(p *problems, field string, hc *ContainerHealthCheck) {
	if hc == nil {
		return
	}
	if len(hc.Command) < 2 || (hc.Command[0] != "CMD" && hc.Command[0] != "CMD-SHELL") {
		p.add(field+".Command", "%q is not a health check command; start it with \"CMD\" or \"CMD-SHELL\" and give the command after it", hc.Command)
	}
	p.rangeInt(field+".Interval", hc.Interval, 5, 300)
	p.rangeInt(field+".Timeout", hc.Timeout, 2, 60)
	p.rangeInt(field+".Retries", hc.Retries, 1, 10)
	p.rangeInt(field+".StartPeriod", hc.StartPeriod, 0, 300)
}
