package components

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FieldError is one problem with one argument.
type FieldError struct {
	// Field is the argument's path, such as "Task.Cpu" or
	// "Service.CapacityProviderStrategy[1].Base".
	Field string
	// Problem says what is wrong and how to fix it.
	Problem string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Problem }

// ValidationError lists every problem found in the arguments. Nothing is
// created when the constructor returns one.
type ValidationError struct {
	// Piece is the component whose arguments these are, such as "Network".
	// Default: "PrivateFargateService".
	Piece    string
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return fmt.Sprintf("invalid %s arguments (%s):\n  %s",
		strOr(e.Piece, "PrivateFargateService"), Count(len(lines), "problem"), strings.Join(lines, "\n  "))
}

// Count is n and the noun, plural unless n is 1: "1 problem", "3 problems".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Defaults, documented on the argument fields.
const (
	defaultVpcCidr             = "10.0.0.0/16"
	defaultAzCount             = 2
	defaultContainerName       = "app"
	defaultContainerPort       = 8080
	defaultStopTimeout         = 30
	defaultCpu                 = 256
	defaultMemory              = 512
	defaultDesiredCount        = 1
	defaultMinHealthyPercent   = 100
	defaultMaxPercent          = 200
	defaultGracePeriod         = 60
	defaultTagMutability       = "MUTABLE"
	defaultKeepImages          = 10
	defaultIdleTimeout         = 60
	defaultDeregistrationDelay = 30
	defaultHealthPath          = "/healthz"
	defaultHealthMatcher       = "200-399"
	defaultHealthInterval      = 15
	defaultHealthTimeout       = 5
	defaultHealthyThreshold    = 2
	defaultUnhealthyThreshold  = 3
	defaultLogRetentionDays    = 30
	defaultSslPolicy           = "ELBSecurityPolicy-TLS13-1-2-2021-06"
	defaultLogExpirationDays   = 90
)

// logRetentionValues are the retention periods CloudWatch Logs accepts.
var logRetentionValues = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

func intOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func strOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func ptrOr(v *int, def int) *int {
	if v == nil {
		return &def
	}
	c := *v
	return &c
}

// DefaultArgs are the arguments as the constructor fills them in when none
// is set, with Ec2, Autoscaling and Alarms holding their defaults, though
// each is off until it is set (and Autoscaling.MaxCount has no default).
// Programs that show or declare the defaults (a Pulumi.yaml, a README)
// read them here, so they cannot drift from what the component does.
func DefaultArgs() PrivateFargateServiceArgs {
	a := PrivateFargateServiceArgs{}.withDefaults()
	e := Ec2CapacityArgs{}.withDefaults()
	a.Ec2 = &e
	a.Autoscaling = (&AutoscalingArgs{}).withDefaults(*a.Service.DesiredCount)
	a.Alarms = (&AlarmArgs{}).withDefaults()
	return a
}

// withDefaults returns a copy of args with every default filled in.
func (args PrivateFargateServiceArgs) withDefaults() PrivateFargateServiceArgs {
	a := args
	a.Network = a.Network.withDefaults()
	a.Ingress = a.Ingress.withDefaults()
	if a.Ec2 != nil {
		e := a.Ec2.withDefaults()
		a.Ec2 = &e
	}
	w := a.workload().withDefaults(a.Ec2)
	a.Container, a.Task, a.Service, a.Repository, a.LogRetentionDays = w.Container, w.Task, w.Service, w.Repository, w.LogRetentionDays
	a.Autoscaling, a.Alarms = w.Autoscaling, w.Alarms
	a.LoadBalancer.IdleTimeout = intOr(a.LoadBalancer.IdleTimeout, defaultIdleTimeout)
	a.LoadBalancer.DeregistrationDelay = ptrOr(a.LoadBalancer.DeregistrationDelay, defaultDeregistrationDelay)
	a.LoadBalancer.HealthCheck = a.LoadBalancer.HealthCheck.withDefaults()
	a.LoadBalancer.AccessLogs = a.LoadBalancer.AccessLogs.withDefaults()
	return a
}

// withDefaults fills in a workload's defaults. ec2 is the (defaulted) EC2
// group it runs on, or nil.
func (w workload) withDefaults(ec2 *Ec2CapacityArgs) workload {
	a := w
	a.Container.Name = strOr(a.Container.Name, defaultContainerName)
	a.Container.Port = intOr(a.Container.Port, defaultContainerPort)
	a.Container.StopTimeout = intOr(a.Container.StopTimeout, defaultStopTimeout)
	if hc := a.Container.HealthCheck; hc != nil {
		c := *hc
		c.Interval = intOr(c.Interval, 30)
		c.Timeout = intOr(c.Timeout, 5)
		c.Retries = intOr(c.Retries, 3)
		a.Container.HealthCheck = &c
	}
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

// withDefaults fills in an EC2 group's defaults.
func (args Ec2CapacityArgs) withDefaults() Ec2CapacityArgs {
	c := args
	if c.MinSize == 0 && c.MaxSize == 0 {
		c.MinSize, c.MaxSize = 2, 4
	}
	c.DesiredCapacity = ptrOr(c.DesiredCapacity, c.MinSize)
	if c.ManagedScaling == nil {
		on := true
		c.ManagedScaling = &on
	} else {
		v := *c.ManagedScaling
		c.ManagedScaling = &v
	}
	c.TargetCapacity = intOr(c.TargetCapacity, 100)
	c.RootVolumeSize = intOr(c.RootVolumeSize, defaultRootVolume)
	c.NetworkMode = strOr(c.NetworkMode, NetworkAwsvpc)
	if len(c.InstanceTypes) > 0 {
		c.AmiArchitecture = strOr(c.AmiArchitecture, amiArch(InstanceArch(c.InstanceTypes[0])))
	}
	return c
}

// problems collects FieldErrors in the order they are found.
type problems []FieldError

func (p *problems) add(field, format string, v ...any) {
	*p = append(*p, FieldError{Field: field, Problem: fmt.Sprintf(format, v...)})
}

func (p *problems) rangeInt(field string, v, lo, hi int) {
	if v < lo || v > hi {
		p.add(field, "%d is out of range; use %d to %d", v, lo, hi)
	}
}

var (
	componentNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	groupNamePattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,15}$`)
	serviceNamePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	envNamePattern       = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	matcherPattern       = regexp.MustCompile(`^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$`)
	ecrRepoArnPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository/.+$`)
	iamPolicyArn         = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}|aws):policy/.+$`)
	kmsKeyArnPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)
	acmArnPattern        = regexp.MustCompile(`^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)/.+$`)
)

// secretKind tells which service a container secret's ARN belongs to.
func secretKind(arn string) string {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	switch {
	case parts[2] == "secretsmanager" && parts[5] == "secret" && len(parts) == 7 && parts[6] != "":
		return "secretsmanager"
	case parts[2] == "ssm" && strings.HasPrefix(parts[5], "parameter/") && len(parts[5]) > len("parameter/"):
		return "ssm"
	}
	return ""
}

// secretResourceArn is the ARN an IAM grant names for a container secret:
// a Secrets Manager reference may carry ":json-key:stage:version" after the
// secret's own ARN, which IAM does not accept.
func secretResourceArn(arn string) string {
	if secretKind(arn) != "secretsmanager" {
		return arn
	}
	parts := strings.Split(arn, ":")
	if len(parts) > 7 {
		parts = parts[:7]
	}
	return strings.Join(parts, ":")
}

// workload is what the component's service runs.
func (a PrivateFargateServiceArgs) workload() workload {
	return workload{
		Container: a.Container, Task: a.Task, Service: a.Service, Repository: a.Repository,
		LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags,
		Autoscaling: a.Autoscaling, Alarms: a.Alarms,
	}
}

// usesEC2 tells whether the strategy runs tasks on EC2 container instances.
func (a PrivateFargateServiceArgs) usesEC2() bool { return a.workload().usesEC2() }

// bridge tells whether tasks use bridge networking on EC2.
func (a PrivateFargateServiceArgs) bridge() bool {
	return a.usesEC2() && a.Ec2 != nil && a.Ec2.NetworkMode == NetworkBridge
}

// amiArch turns a task architecture into the AMI's spelling.
func amiArch(arch string) string {
	if arch == ArchARM64 {
		return "arm64"
	}
	return "x86_64"
}

// validate checks the defaulted args against each other and against AWS's
// rules, and returns every problem at once. name is the component's name
// and region the deployment region.
func (a PrivateFargateServiceArgs) validate(name, region string) error {
	var p problems
	checkComponentName(&p, name)
	checkPieceFields(&p, a)

	if a.Network.Existing == nil {
		checkNetworkLayout(&p, "Network.", a.Network, region)
	} else {
		checkExisting(&p, "Network.", a.Network)
	}
	checkExtraServices(&p, "ExtraEndpointServices", a.ExtraEndpointServices)
	if a.Network.FlowLogs != nil {
		checkFlowLogs(&p, "Network.FlowLogs.", *a.Network.FlowLogs, region)
	}
	checkIngress(&p, "Ingress.", a.Ingress, region)
	if k := a.Kms; k != nil {
		switch {
		case k.Create && k.KeyArn != nil:
			p.add("Kms", "both Create and KeyArn are set; create a key or give one, not both")
		case !k.Create && k.KeyArn == nil:
			p.add("Kms", "neither Create nor KeyArn is set; set Create to make a key, KeyArn to use one, or remove Kms")
		case k.KeyArn != nil:
			checkString(&p, "Kms.KeyArn", k.KeyArn, kmsKeyRule(region))
		}
	}

	var ec2 *Ec2CapacityArgs
	if a.usesEC2() {
		if a.Ec2 == nil {
			p.add("Ec2", "the capacity provider strategy names EC2 but no EC2 capacity is configured; set the instance types (and sizes) of the Auto Scaling group")
		} else {
			ec2 = a.Ec2
			checkCapacityProviderPrefix(&p, name)
			checkEc2Group(&p, "Ec2.", *a.Ec2)
		}
	} else if a.Ec2 != nil {
		p.add("Ec2", "EC2 capacity is configured but the capacity provider strategy does not name EC2; add an entry with provider EC2 and weight 1 to the strategy, or remove the EC2 settings")
	}
	checkWorkload(&p, a.workload(), ec2, "", a.hasNat(), region)

	lb := a.LoadBalancer
	p.rangeInt("LoadBalancer.IdleTimeout", lb.IdleTimeout, 1, 4000)
	checkAccessLogs(&p, "LoadBalancer.AccessLogs.", lb.AccessLogs, region)
	if lb.Waf != nil {
		checkWaf(&p, "LoadBalancer.Waf.", wafForService(lb.Waf, a.LogRetentionDays, nil).withDefaults(), region)
	}
	checkTargetHealth(&p, "LoadBalancer.", lb.HealthCheck, *lb.DeregistrationDelay)
	return validationError("", p)
}

// hasNat tells whether the tasks' subnets route to the internet.
func (a PrivateFargateServiceArgs) hasNat() bool {
	if e := a.Network.Existing; e != nil {
		return e.NatGateway
	}
	return a.Network.NatGateways != NatNone
}

// checkPieceFields refuses the pieces' own fields where the component
// sets them itself, so that no value the user set is silently dropped.
func checkPieceFields(p *problems, a PrivateFargateServiceArgs) {
	const use = "PrivateFargateService sets this itself"
	if a.Network.Region != "" {
		p.add("Network.Region", "%s; set Region instead", use)
	}
	if len(a.Network.Features) > 0 {
		p.add("Network.Features", "%s from the container's secrets and the capacity; remove it (use ExtraEndpointServices for more endpoints)", use)
	}
	if len(a.Network.ExtraEndpointServices) > 0 {
		p.add("Network.ExtraEndpointServices", "%s; set ExtraEndpointServices instead", use)
	}
	if len(a.Network.Tags) > 0 {
		p.add("Network.Tags", "%s; set Tags instead", use)
	}
	lb := a.LoadBalancer
	if lb.Network != nil || lb.DefaultTarget != nil || len(lb.Routes) > 0 || len(lb.Tags) > 0 {
		p.add("LoadBalancer", "%s: Network, DefaultTarget, Routes and Tags belong to a shared LoadBalancer; compose NewNetwork, NewLoadBalancer, NewCluster and NewWebService to share one", use)
	}
	if in := lb.Ingress; in.Https || in.CertificateArn != nil || len(in.AllowedCidrs) > 0 || in.SslPolicy != "" ||
		in.DomainName != "" || in.HostedZoneId != "" || in.HostedZoneName != "" {
		p.add("LoadBalancer.Ingress", "%s; set Ingress instead", use)
	}
	if a.Ec2 != nil && a.Ec2.Name != "" {
		p.add("Ec2.Name", "the component's one EC2 group takes no name; remove it")
	}
	for i, item := range a.Service.CapacityProviderStrategy {
		if item.Group != "" {
			p.add(fmt.Sprintf("Service.CapacityProviderStrategy[%d].Group", i), "the component has one EC2 group; remove the group name")
		}
	}
}

// checkComponentName refuses a name AWS resource names cannot carry.
func checkComponentName(p *problems, name string) {
	if !componentNamePattern.MatchString(name) {
		p.add("name", "%q cannot name the resources: ECR, ALB and target group names take lowercase letters, digits and hyphens; use a name such as \"web\" (at most 32 characters, starting with a letter)", name)
	}
}

// checkTags refuses tag keys AWS reserves.
func checkTags(p *problems, field string, tags pulumi.StringMap) {
	for _, k := range sortedKeys(tags) {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			p.add(field+"."+k, "tag keys starting with aws: are reserved by AWS; rename it")
		}
	}
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
		checkString(p, "Container.Image", c.Image, imageRule(region, nat))
	}
	p.rangeInt("Container.Port", c.Port, 1, 65535)
	p.rangeInt("Container.StopTimeout", c.StopTimeout, 2, 120)
	for _, name := range sortedKeys(c.Environment) {
		if !envNamePattern.MatchString(name) {
			p.add("Container.Environment", "%q is not a variable name; use letters, digits and underscores", name)
		}
	}
	for _, name := range sortedKeys(c.Secrets) {
		field := "Container.Secrets." + name
		if !envNamePattern.MatchString(name) {
			p.add(field, "%q is not a variable name; use letters, digits and underscores", name)
		}
		if _, dup := c.Environment[name]; dup {
			p.add(field, "%q is both a plain variable and a secret; keep one", name)
		}
		checkSecret(p, field, c.Secrets[name], region, nat)
	}
	if hc := c.HealthCheck; hc != nil {
		if len(hc.Command) < 2 || (hc.Command[0] != "CMD" && hc.Command[0] != "CMD-SHELL") {
			p.add("Container.HealthCheck.Command", "%q is not a health check command; start it with \"CMD\" or \"CMD-SHELL\" and give the command after it", hc.Command)
		}
		p.rangeInt("Container.HealthCheck.Interval", hc.Interval, 5, 300)
		p.rangeInt("Container.HealthCheck.Timeout", hc.Timeout, 2, 60)
		p.rangeInt("Container.HealthCheck.Retries", hc.Retries, 1, 10)
		p.rangeInt("Container.HealthCheck.StartPeriod", hc.StartPeriod, 0, 300)
	}

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

// checkRetention refuses a retention period CloudWatch Logs does not take.
func checkRetention(p *problems, field string, days int) {
	if !slices.Contains(logRetentionValues, days) {
		p.add(field, "%d is not a CloudWatch retention period; use one of %s", days, joinInts(logRetentionValues))
	}
}

// fargateProviders are the capacity providers a Fargate service may name.
var fargateProviders = []string{ProviderFargate, ProviderFargateSpot}

// knownProviders are every provider a strategy may name.
var knownProviders = []string{ProviderFargate, ProviderFargateSpot, ProviderEC2}

// checkStrategy applies ECS's rules for a capacity provider strategy.
func checkStrategy(p *problems, field string, s []CapacityProviderStrategyItem) {
	if len(s) > 6 {
		p.add(field, "%d entries is more than ECS allows; use at most 6", len(s))
	}
	var bases []string
	seen := map[string]bool{}
	anyWeight := false
	for i, item := range s {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !slices.Contains(knownProviders, item.Provider) {
			p.add(f+".Provider", "%q is not a known capacity provider; use FARGATE, FARGATE_SPOT or EC2", item.Provider)
		}
		if seen[item.Provider] {
			p.add(f+".Provider", "%s is named twice; merge the entries", item.Provider)
		}
		seen[item.Provider] = true
		if item.Base < 0 || item.Base > 100000 {
			p.add(f+".Base", "%d is out of range; use 0 to 100000", item.Base)
		}
		if item.Base > 0 {
			bases = append(bases, item.Provider)
		}
		if item.Weight < 0 || item.Weight > 1000 {
			p.add(f+".Weight", "%d is out of range; use 0 to 1000", item.Weight)
		}
		if item.Weight > 0 {
			anyWeight = true
		}
	}
	hasEC2 := slices.ContainsFunc(s, func(i CapacityProviderStrategyItem) bool { return i.Provider == ProviderEC2 })
	var fargate []string
	for _, item := range s {
		if slices.Contains(fargateProviders, item.Provider) {
			fargate = append(fargate, item.Provider)
		}
	}
	if hasEC2 && len(fargate) > 0 {
		p.add(field, "EC2 is mixed with %s; ECS does not mix an Auto Scaling group provider with Fargate providers in one strategy; use EC2 alone or Fargate providers alone", strings.Join(fargate, " and "))
	}
	if len(bases) > 1 {
		p.add(field, "only one provider may set a base (%s all do); remove all but one of the bases", strings.Join(bases, " and "))
	}
	if len(s) > 0 && !anyWeight {
		p.add(field, "every weight is 0, so no task would be placed; give at least one provider a weight above 0")
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func itoa(i int) string { return fmt.Sprint(i) }

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// The rules of the input fields, shared by the checks before registering
// and the ones at deploy time.

func securityGroupRule(v string) string {
	if !strings.HasPrefix(v, "sg-") {
		return fmt.Sprintf("%q is not a security group ID; use sg-...", v)
	}
	return ""
}

// ecrRepositoryRule refuses what is not a repository the tasks can pull
// from: without NAT, only repositories of the network's region are
// reachable, through its ECR endpoints.
func ecrRepositoryRule(region string, nat bool) inputRule {
	return func(v string) string {
		if !ecrRepoArnPattern.MatchString(v) {
			return fmt.Sprintf("%q is not an ECR repository ARN; use arn:aws:ecr:<region>:<account>:repository/<name>", v)
		}
		return arnPlace(v, region, !nat, "the tasks reach ECR through the VPC endpoints of "+region+" only; use a repository there (ECR replication copies one), or turn on NAT")
	}
}

// policyArnRule refuses what is not an IAM policy of the region's
// partition; IAM itself is global.
func policyArnRule(region string) inputRule {
	return func(v string) string {
		if !iamPolicyArn.MatchString(v) {
			return fmt.Sprintf("%q is not an IAM policy ARN; use arn:aws:iam::<account or aws>:policy/<name>", v)
		}
		return arnPlace(v, region, false, "")
	}
}

// certificateRule refuses what is not a certificate the ALB can use: an
// ACM certificate must be in the load balancer's own region (ACM
// certificates are regional; ELB docs, "SSL certificates"), an IAM server
// certificate in its partition.
func certificateRule(region string) inputRule {
	return func(v string) string {
		if !acmArnPattern.MatchString(v) {
			return fmt.Sprintf("%q is not a certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>", v)
		}
		return arnPlace(v, region, strings.Contains(v, ":acm:"), "request or import the certificate in ACM in "+region)
	}
}

// arnPlace refuses an ARN of another partition than region's, or, when
// regional, of another region; fix says what to do about the region.
// With no region known, nothing is checked.
func arnPlace(v, region string, regional bool, fix string) string {
	parts := strings.SplitN(v, ":", 6)
	if region == "" || len(parts) < 6 {
		return ""
	}
	if want := partition(region); parts[1] != want {
		return fmt.Sprintf("%q is in partition %s, but the stack's region %s is in %s; use an ARN of %s", v, parts[1], region, want, want)
	}
	if regional && parts[3] != region {
		return fmt.Sprintf("%q is in region %s, but the stack's region is %s; %s", v, parts[3], region, fix)
	}
	return ""
}

// imageRule refuses an image the tasks cannot pull: without NAT, anything
// but a private ECR repository in the network's region.
func imageRule(region string, nat bool) inputRule {
	return func(v string) string {
		if v == "" {
			return "the image URI is empty; set the URI of a private ECR image, or a build context to build one"
		}
		if nat {
			return ""
		}
		if err := checkImagePullable(v, region); err != nil {
			return err.Error()
		}
		return ""
	}
}

// kmsKeyRule refuses what is not a KMS key ARN of region: CloudWatch Logs
// takes a key ARN only, not an alias or a bare ID (CloudWatch Logs API,
// AssociateKmsKey), and a key serves its own region only.
func kmsKeyRule(region string) inputRule {
	return func(v string) string {
		if !kmsKeyArnPattern.MatchString(v) {
			return fmt.Sprintf("%q is not a KMS key ARN; use arn:aws:kms:<region>:<account>:key/<key id> (not an alias)", v)
		}
		return arnPlace(v, region, true, "use a key of "+region+" (KMS keys serve their own region; a multi-Region replica key has its own ARN there)")
	}
}

// zoneRule refuses a zone that is not of region: a zone's name is its
// region's followed by a letter ("us-east-1a"), or by "-" for Local and
// Wavelength Zones ("us-west-2-lax-1a").
func zoneRule(region string) inputRule {
	return func(z string) string {
		if region == "" {
			return ""
		}
		rest, ok := strings.CutPrefix(z, region)
		if !ok || rest == "" || !(rest[0] == '-' || rest[0] >= 'a' && rest[0] <= 'z') {
			return fmt.Sprintf("%q is not a zone of the stack's region %s; name zones such as %sa", z, region, region)
		}
		return ""
	}
}

// statementProblem is what an empty task role statement is told.
const statementProblem = "a statement needs at least one action and one resource"

// secretRule refuses an ARN that is not of the secret's kind, or that the
// tasks cannot reach: without NAT, a secret of another region is out of
// reach of the network's endpoint (ECS reads it at task start).
func secretRule(kind, region string, nat bool) inputRule {
	return func(v string) string {
		switch got := secretKind(v); {
		case got == "":
			return fmt.Sprintf("%q is not a Secrets Manager secret ARN or an SSM parameter ARN", v)
		case kind != "" && got != kind:
			return fmt.Sprintf("%q is a %s ARN but Kind says %s; set Kind to %q or leave it unset", v, got, kind, got)
		}
		return arnPlace(v, region, !nat, "the tasks read secrets through the VPC endpoints of "+region+" only; keep the secret there (Secrets Manager replicates secrets), or turn on NAT")
	}
}

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
