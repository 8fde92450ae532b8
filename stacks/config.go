package stacks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// CapacityItem is one entry of the `capacity` key.
type CapacityItem struct {
	Provider string `json:"provider"`
	Base     int    `json:"base"`
	Weight   int    `json:"weight"`
}

// HealthCheckCommand is the `containerHealthCheck` key.
type HealthCheckCommand struct {
	Command     []string `json:"command"`
	Interval    int      `json:"interval"`
	Timeout     int      `json:"timeout"`
	Retries     int      `json:"retries"`
	StartPeriod int      `json:"startPeriod"`
}

// Ec2 is the `ec2` key: EC2 container instances for a strategy that
// names EC2. {} means none.
type Ec2 struct {
	InstanceTypes                []string `json:"instanceTypes"`
	AmiId                        string   `json:"amiId"`
	AmiArchitecture              string   `json:"amiArchitecture"`
	RootVolumeSize               int      `json:"rootVolumeSize"`
	MinSize                      int      `json:"minSize"`
	MaxSize                      int      `json:"maxSize"`
	DesiredCapacity              *int     `json:"desiredCapacity"`
	ManagedScaling               *bool    `json:"managedScaling"`
	TargetCapacity               int      `json:"targetCapacity"`
	ManagedTerminationProtection bool     `json:"managedTerminationProtection"`
	SessionManager               bool     `json:"sessionManager"`
	NetworkMode                  string   `json:"networkMode"`
	AwsvpcTrunking               bool     `json:"awsvpcTrunking"`
}

// Statement is one entry of the `taskRoleStatements` key.
type Statement struct {
	Actions   []string `json:"actions"`
	Resources []string `json:"resources"`
}

// Config is one stack's configuration, read once. Pulumi.yaml documents
// every key; zero values mean the component's default.
type Config struct {
	Region string // aws:region

	Name                  string
	VpcCidr               string
	AzCount               int
	AvailabilityZones     []string
	NatGateways           string
	ExtraEndpointServices []string

	AllowedCidrs   []string
	Https          bool
	CertificateArn string
	SslPolicy      string

	Image                  string
	AppPath                string
	ContainerName          string
	ContainerPort          int
	Environment            map[string]string
	Secrets                map[string]string
	ContainerHealthCheck   *HealthCheckCommand
	StopTimeout            int
	ReadonlyRootFilesystem bool

	Cpu          int
	Memory       int
	Architecture string

	DesiredCount           *int
	Capacity               []CapacityItem
	MinHealthyPercent      *int
	MaxPercent             int
	HealthCheckGracePeriod *int
	TaskSecurityGroupIds   []string
	Ec2                    *Ec2

	ImageTagMutability      string
	KeepImages              int
	EcrForceDelete          bool
	ExtraPullRepositoryArns []string

	AlbDeletionProtection bool
	AlbIdleTimeout        int
	DeregistrationDelay   *int
	HealthCheckPath       string
	HealthCheckMatcher    string
	HealthCheckInterval   int
	HealthCheckTimeout    int
	HealthyThreshold      int
	UnhealthyThreshold    int

	LogRetentionDays int

	TaskRolePolicyArns []string
	TaskRoleStatements []Statement

	Tags map[string]string
}

// reader reads typed keys and collects every problem instead of stopping at
// the first.
type reader struct {
	ctx      *pulumi.Context
	project  string
	problems []string
}

func (r *reader) fail(key, format string, v ...any) {
	r.problems = append(r.problems, fmt.Sprintf("%s:%s: %s", r.project, key, fmt.Sprintf(format, v...)))
}

func (r *reader) raw(key string) (string, bool) {
	v, err := config.Try(r.ctx, r.project+":"+key)
	if err != nil {
		return "", false
	}
	return v, true
}

func (r *reader) str(key string) string {
	v, _ := r.raw(key)
	return v
}

func (r *reader) intPtr(key string) *int {
	v, ok := r.raw(key)
	if !ok || v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.fail(key, "%q is not a whole number; set a number such as `pulumi config set %s 2`", v, key)
		return nil
	}
	return &n
}

func (r *reader) integer(key string) int {
	if p := r.intPtr(key); p != nil {
		return *p
	}
	return 0
}

func (r *reader) boolean(key string) bool {
	v, ok := r.raw(key)
	if !ok || v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(key, "%q is not true or false", v)
	}
	return b
}

// object decodes a structured value, refusing unknown fields so a typo in
// a stack file is reported rather than ignored.
func (r *reader) object(key string, out any, example string) {
	v, ok := r.raw(key)
	if !ok || v == "" {
		return
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(v)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		r.fail(key, "cannot read %s (%v); write it as %s", v, err, example)
	}
}

// Load reads the stack's configuration. Type problems in any key are all
// reported together.
func Load(ctx *pulumi.Context) (*Config, error) {
	r := &reader{ctx: ctx, project: ctx.Project()}
	c := &Config{}
	c.Region, _ = config.Try(ctx, "aws:region")

	c.Name = r.str("name")
	c.VpcCidr = r.str("vpcCidr")
	c.AzCount = r.integer("azCount")
	r.object("availabilityZones", &c.AvailabilityZones, `["us-east-1a", "us-east-1b"]`)
	c.NatGateways = r.str("natGateways")
	r.object("extraEndpointServices", &c.ExtraEndpointServices, `["sqs", "sts"]`)

	r.object("allowedCidrs", &c.AllowedCidrs, `["203.0.113.0/24"]`)
	c.Https = r.boolean("https")
	c.CertificateArn = r.str("certificateArn")
	c.SslPolicy = r.str("sslPolicy")

	c.Image = r.str("image")
	c.AppPath = r.str("appPath")
	c.ContainerName = r.str("containerName")
	c.ContainerPort = r.integer("containerPort")
	r.object("environment", &c.Environment, `{"LOG_LEVEL": "info"}`)
	r.object("secrets", &c.Secrets, `{"DB_PASSWORD": "arn:aws:secretsmanager:...:secret:db-AbCdEf"}`)
	r.object("containerHealthCheck", &c.ContainerHealthCheck, `{"command": ["CMD", "/app", "-healthcheck"], "interval": 30}`)
	if hc := c.ContainerHealthCheck; hc != nil && len(hc.Command) == 0 && hc.Interval == 0 && hc.Timeout == 0 && hc.Retries == 0 && hc.StartPeriod == 0 {
		c.ContainerHealthCheck = nil // {} means none
	}
	c.StopTimeout = r.integer("stopTimeout")
	c.ReadonlyRootFilesystem = r.boolean("readonlyRootFilesystem")

	c.Cpu = r.integer("cpu")
	c.Memory = r.integer("memory")
	c.Architecture = r.str("architecture")

	c.DesiredCount = r.intPtr("desiredCount")
	r.object("capacity", &c.Capacity, `[{"provider": "FARGATE", "base": 1, "weight": 1}, {"provider": "FARGATE_SPOT", "weight": 3}]`)
	c.MinHealthyPercent = r.intPtr("minHealthyPercent")
	c.MaxPercent = r.integer("maxPercent")
	c.HealthCheckGracePeriod = r.intPtr("healthCheckGracePeriod")
	r.object("taskSecurityGroupIds", &c.TaskSecurityGroupIds, `["sg-0123456789abcdef0"]`)
	r.object("ec2", &c.Ec2, `{"instanceTypes": ["m6i.large"], "minSize": 2, "maxSize": 4}`)
	if c.Ec2 != nil && reflect.ValueOf(*c.Ec2).IsZero() {
		c.Ec2 = nil // {} means none
	}

	c.ImageTagMutability = r.str("imageTagMutability")
	c.KeepImages = r.integer("keepImages")
	c.EcrForceDelete = r.boolean("ecrForceDelete")
	r.object("extraPullRepositoryArns", &c.ExtraPullRepositoryArns, `["arn:aws:ecr:us-east-1:123456789012:repository/base"]`)

	c.AlbDeletionProtection = r.boolean("albDeletionProtection")
	c.AlbIdleTimeout = r.integer("albIdleTimeout")
	c.DeregistrationDelay = r.intPtr("deregistrationDelay")
	c.HealthCheckPath = r.str("healthCheckPath")
	c.HealthCheckMatcher = r.str("healthCheckMatcher")
	c.HealthCheckInterval = r.integer("healthCheckInterval")
	c.HealthCheckTimeout = r.integer("healthCheckTimeout")
	c.HealthyThreshold = r.integer("healthyThreshold")
	c.UnhealthyThreshold = r.integer("unhealthyThreshold")

	c.LogRetentionDays = r.integer("logRetentionDays")

	r.object("taskRolePolicyArns", &c.TaskRolePolicyArns, `["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]`)
	r.object("taskRoleStatements", &c.TaskRoleStatements, `[{"actions": ["sqs:SendMessage"], "resources": ["arn:aws:sqs:..."]}]`)
	r.object("tags", &c.Tags, `{"team": "payments"}`)

	if c.Name == "" {
		c.Name = "web"
	}
	if len(r.problems) > 0 {
		return nil, &ConfigError{Problems: r.problems}
	}
	return c, nil
}
