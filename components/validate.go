package components

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strings"
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
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return fmt.Sprintf("invalid PrivateFargateService arguments (%d problems):\n  %s",
		len(lines), strings.Join(lines, "\n  "))
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

// withDefaults returns a copy of args with every default filled in.
func (args PrivateFargateServiceArgs) withDefaults() PrivateFargateServiceArgs {
	a := args
	a.Network.CidrBlock = strOr(a.Network.CidrBlock, defaultVpcCidr)
	if a.Network.AzCount == 0 {
		a.Network.AzCount = defaultAzCount
		if len(a.Network.AvailabilityZones) > 0 {
			a.Network.AzCount = len(a.Network.AvailabilityZones)
		}
	}
	a.Network.NatGateways = NatMode(strOr(string(a.Network.NatGateways), string(NatNone)))
	if len(a.Ingress.AllowedCidrs) == 0 {
		a.Ingress.AllowedCidrs = []string{"0.0.0.0/0"}
	}
	if a.Ingress.CertificateArn != "" {
		a.Ingress.Https = true
	}
	a.Ingress.SslPolicy = strOr(a.Ingress.SslPolicy, defaultSslPolicy)
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
	if e := a.Ec2; e != nil {
		c := *e
		if c.MinSize == 0 && c.MaxSize == 0 {
			c.MinSize, c.MaxSize = 2, 4
		}
		c.DesiredCapacity = ptrOr(c.DesiredCapacity, c.MinSize)
		if c.ManagedScaling == nil {
			on := true
			c.ManagedScaling = &on
		}
		c.TargetCapacity = intOr(c.TargetCapacity, 100)
		c.RootVolumeSize = intOr(c.RootVolumeSize, defaultRootVolume)
		c.NetworkMode = strOr(c.NetworkMode, NetworkAwsvpc)
		if len(c.InstanceTypes) > 0 {
			c.AmiArchitecture = strOr(c.AmiArchitecture, amiArch(InstanceArch(c.InstanceTypes[0])))
		}
		a.Ec2 = &c
	}
	defaultArch := ArchX86_64
	if a.usesEC2() && a.Ec2 != nil && len(a.Ec2.InstanceTypes) > 0 {
		defaultArch = InstanceArch(a.Ec2.InstanceTypes[0])
	}
	a.Task.Architecture = strOr(a.Task.Architecture, defaultArch)
	a.Service.MinimumHealthyPercent = ptrOr(a.Service.MinimumHealthyPercent, defaultMinHealthyPercent)
	a.Service.MaximumPercent = intOr(a.Service.MaximumPercent, defaultMaxPercent)
	a.Service.HealthCheckGracePeriod = ptrOr(a.Service.HealthCheckGracePeriod, defaultGracePeriod)
	a.Repository.ImageTagMutability = strOr(a.Repository.ImageTagMutability, defaultTagMutability)
	a.Repository.KeepImages = intOr(a.Repository.KeepImages, defaultKeepImages)
	a.LoadBalancer.IdleTimeout = intOr(a.LoadBalancer.IdleTimeout, defaultIdleTimeout)
	a.LoadBalancer.DeregistrationDelay = ptrOr(a.LoadBalancer.DeregistrationDelay, defaultDeregistrationDelay)
	hc := &a.LoadBalancer.HealthCheck
	hc.Path = strOr(hc.Path, defaultHealthPath)
	hc.Matcher = strOr(hc.Matcher, defaultHealthMatcher)
	hc.Interval = intOr(hc.Interval, defaultHealthInterval)
	hc.Timeout = intOr(hc.Timeout, defaultHealthTimeout)
	hc.HealthyThreshold = intOr(hc.HealthyThreshold, defaultHealthyThreshold)
	hc.UnhealthyThreshold = intOr(hc.UnhealthyThreshold, defaultUnhealthyThreshold)
	a.LogRetentionDays = intOr(a.LogRetentionDays, defaultLogRetentionDays)
	return a
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
	serviceNamePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	envNamePattern       = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	matcherPattern       = regexp.MustCompile(`^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$`)
	ecrRepoArnPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository/.+$`)
	iamPolicyArn         = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}|aws):policy/.+$`)
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

// usesEC2 tells whether the strategy runs tasks on EC2 container instances.
func (a PrivateFargateServiceArgs) usesEC2() bool {
	return slices.ContainsFunc(a.Service.CapacityProviderStrategy, func(i CapacityProviderStrategyItem) bool {
		return i.Provider == ProviderEC2
	})
}

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

	if !componentNamePattern.MatchString(name) {
		p.add("name", "%q cannot name the resources: ECR, ALB and target group names take lowercase letters, digits and hyphens; use a name such as \"web\" (at most 32 characters, starting with a letter)", name)
	}

	// Network.
	if _, _, err := SubnetCidrs(a.Network.CidrBlock, 1); err != nil {
		p.add("Network.CidrBlock", "%v", err)
	}
	if a.Network.AzCount < 2 {
		p.add("Network.AzCount", "%d AZs is too few: an ALB needs subnets in at least 2 AZs; use 2 or more", a.Network.AzCount)
	} else if a.Network.AzCount > maxAzCount {
		p.add("Network.AzCount", "%d AZs is more than the subnet layout holds; use 2 to %d", a.Network.AzCount, maxAzCount)
	}
	if n := len(a.Network.AvailabilityZones); n > 0 && n != a.Network.AzCount {
		p.add("Network.AvailabilityZones", "%d zones are named but AzCount is %d; name exactly AzCount zones or leave AzCount unset", n, a.Network.AzCount)
	}
	switch a.Network.NatGateways {
	case NatNone, NatSingle, NatPerAz:
	default:
		p.add("Network.NatGateways", "%q is not a NAT mode; use %q, %q or %q", a.Network.NatGateways, NatNone, NatSingle, NatPerAz)
	}
	for i, s := range a.ExtraEndpointServices {
		if !serviceNamePattern.MatchString(s) || strings.HasPrefix(s, "com.amazonaws.") {
			p.add(fmt.Sprintf("ExtraEndpointServices[%d]", i), "%q is not a short service name; use the part after com.amazonaws.<region>., such as \"sqs\"", s)
		}
	}

	// Ingress.
	for i, c := range a.Ingress.AllowedCidrs {
		if pre, err := netip.ParsePrefix(c); err != nil || pre.Masked() != pre {
			p.add(fmt.Sprintf("Ingress.AllowedCidrs[%d]", i), "%q is not a CIDR block; write it as 203.0.113.0/24 or 0.0.0.0/0", c)
		}
	}
	if a.Ingress.Https && a.Ingress.CertificateArn == "" {
		p.add("Ingress.CertificateArn", "HTTPS is on but no certificate is given; set the ARN of an ACM certificate in this region, or turn HTTPS off")
	}
	if a.Ingress.CertificateArn != "" && !acmArnPattern.MatchString(a.Ingress.CertificateArn) {
		p.add("Ingress.CertificateArn", "%q is not a certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>", a.Ingress.CertificateArn)
	}
	if !strings.HasPrefix(a.Ingress.SslPolicy, "ELBSecurityPolicy-") {
		p.add("Ingress.SslPolicy", "%q is not an ELB TLS policy; use %s", a.Ingress.SslPolicy, defaultSslPolicy)
	}

	// Container and image.
	c := a.Container
	switch {
	case c.Image != "" && c.Build != nil:
		p.add("Container.Image", "both an image and a build are given; set one: the image to deploy a ready image, or the build to build and push one")
	case c.Image == "" && c.Build == nil:
		p.add("Container.Image", "no image and no build are given; set the image URI of a private ECR image, or a build context to build one")
	case c.Build != nil && c.Build.Context == "":
		p.add("Container.Build.Context", "the build has no context directory; set it to the folder holding the Dockerfile")
	case c.Image != "" && a.Network.NatGateways == NatNone:
		if err := checkImagePullable(c.Image, region); err != nil {
			p.add("Container.Image", "%v", err)
		}
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
		if secretKind(c.Secrets[name]) == "" {
			p.add(field, "%q is not a Secrets Manager secret ARN or an SSM parameter ARN", c.Secrets[name])
		}
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
	usesSpot := slices.ContainsFunc(a.Service.CapacityProviderStrategy, func(i CapacityProviderStrategyItem) bool {
		return i.Provider == ProviderFargateSpot
	})
	switch a.Task.Architecture {
	case ArchX86_64, ArchARM64:
	default:
		p.add("Task.Architecture", "%q is not a CPU architecture; use %s or %s", a.Task.Architecture, ArchX86_64, ArchARM64)
	}
	if a.usesEC2() {
		a.checkEc2(&p, name)
	} else {
		if err := CheckFargateSize(a.Task.Cpu, a.Task.Memory); err != nil {
			field := "Task.Memory"
			if FargateMemoryOptions(a.Task.Cpu) == nil {
				field = "Task.Cpu"
			}
			p.add(field, "%v", err)
		}
		if a.Task.Architecture == ArchARM64 && usesSpot {
			p.add("Task.Architecture", "Fargate Spot runs X86_64 tasks only; use X86_64, or take FARGATE_SPOT out of the capacity provider strategy")
		}
		if a.Ec2 != nil {
			p.add("Ec2", "EC2 capacity is configured but the capacity provider strategy does not name EC2; add {Provider: EC2, Weight: 1} to the strategy, or remove the EC2 settings")
		}
	}
	for i, id := range a.Service.ExtraSecurityGroupIds {
		if !strings.HasPrefix(id, "sg-") {
			p.add(fmt.Sprintf("Service.ExtraSecurityGroupIds[%d]", i), "%q is not a security group ID; use sg-...", id)
		}
	}

	// Service.
	if *a.Service.DesiredCount < 0 {
		p.add("Service.DesiredCount", "%d tasks is negative; use 0 or more", *a.Service.DesiredCount)
	}
	checkStrategy(&p, "Service.CapacityProviderStrategy", a.Service.CapacityProviderStrategy)
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
	for i, arn := range a.Repository.ExtraPullRepositoryArns {
		if !ecrRepoArnPattern.MatchString(arn) {
			p.add(fmt.Sprintf("Repository.ExtraPullRepositoryArns[%d]", i), "%q is not an ECR repository ARN; use arn:aws:ecr:<region>:<account>:repository/<name>", arn)
		}
	}

	// Load balancer.
	lb := a.LoadBalancer
	p.rangeInt("LoadBalancer.IdleTimeout", lb.IdleTimeout, 1, 4000)
	p.rangeInt("LoadBalancer.DeregistrationDelay", *lb.DeregistrationDelay, 0, 3600)
	hc := lb.HealthCheck
	if !strings.HasPrefix(hc.Path, "/") {
		p.add("LoadBalancer.HealthCheck.Path", "%q does not start with \"/\"; use a path such as /healthz", hc.Path)
	}
	if !matcherPattern.MatchString(hc.Matcher) {
		p.add("LoadBalancer.HealthCheck.Matcher", "%q is not an HTTP code list; use codes such as 200, 200-299 or 200,204", hc.Matcher)
	}
	p.rangeInt("LoadBalancer.HealthCheck.Interval", hc.Interval, 5, 300)
	p.rangeInt("LoadBalancer.HealthCheck.Timeout", hc.Timeout, 2, 120)
	if hc.Timeout >= hc.Interval {
		p.add("LoadBalancer.HealthCheck.Timeout", "%ds must be less than the interval (%ds)", hc.Timeout, hc.Interval)
	}
	p.rangeInt("LoadBalancer.HealthCheck.HealthyThreshold", hc.HealthyThreshold, 2, 10)
	p.rangeInt("LoadBalancer.HealthCheck.UnhealthyThreshold", hc.UnhealthyThreshold, 2, 10)

	// Logs and IAM.
	if !slices.Contains(logRetentionValues, a.LogRetentionDays) {
		p.add("LogRetentionDays", "%d is not a CloudWatch retention period; use one of %s", a.LogRetentionDays, joinInts(logRetentionValues))
	}
	for i, arn := range a.TaskRole.PolicyArns {
		if !iamPolicyArn.MatchString(arn) {
			p.add(fmt.Sprintf("TaskRole.PolicyArns[%d]", i), "%q is not an IAM policy ARN; use arn:aws:iam::<account or aws>:policy/<name>", arn)
		}
	}
	for i, s := range a.TaskRole.Statements {
		if len(s.Actions) == 0 || len(s.Resources) == 0 {
			p.add(fmt.Sprintf("TaskRole.Statements[%d]", i), "a statement needs at least one action and one resource")
		}
	}
	for k := range a.Tags {
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			p.add("Tags."+k, "tag keys starting with aws: are reserved by AWS; rename it")
		}
	}

	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
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

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
