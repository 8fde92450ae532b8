package infra

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components"
)

// Config is the stack's configuration, read once.
type Config struct {
	// VpcId is the existing VPC (key vpcId).
	VpcId string
	// PublicSubnetIds are the ALB's subnets (key publicSubnetIds).
	PublicSubnetIds []string
	// PrivateSubnetIds are the tasks' subnets (key privateSubnetIds).
	PrivateSubnetIds []string
	// PrivateRouteTableIds are the private subnets' route tables (key
	// privateRouteTableIds).
	PrivateRouteTableIds []string
	// ExistingEndpoints are the endpoints the VPC already has, by short
	// service name (key existingEndpoints).
	ExistingEndpoints []string
	// EndpointSecurityGroupId is the existing interface endpoints' group;
	// "" for a new one (key endpointSecurityGroupId).
	EndpointSecurityGroupId string
	// AppPath is the app's Docker build context, relative to the project
	// directory (key appPath).
	AppPath string
}

// ConfigError lists every configuration problem, each naming its key.
type ConfigError struct {
	Problems []string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("invalid stack configuration (%s):\n  %s", components.Count(len(e.Problems), "problem"), strings.Join(e.Problems, "\n  "))
}

// gatewayServices are offered as gateway endpoints; every other service
// as an interface endpoint.
var gatewayServices = []string{"s3", "dynamodb"}

var serviceName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// ReadConfig reads the configuration of project's namespace through get
// (ctx.GetConfig in the program; the stack files in the offline plan).
// Lists are YAML lists, which the CLI hands over as JSON. Every problem
// is reported at once, naming its key and the fix.
func ReadConfig(project string, get func(key string) (string, bool)) (Config, error) {
	var problems []string
	key := func(k string) string { return project + ":" + k }
	fail := func(k, format string, v ...any) {
		problems = append(problems, key(k)+": "+fmt.Sprintf(format, v...))
	}
	str := func(k string) string {
		v, _ := get(key(k))
		return strings.TrimSpace(v)
	}
	// id checks one ID's prefix.
	id := func(k, v, prefix string) {
		if !strings.HasPrefix(v, prefix) || len(v) == len(prefix) {
			fail(k, "%q is not an ID of that kind; use %s...", v, prefix)
		}
	}
	// list reads a list of IDs with at least `least` entries.
	list := func(k, prefix string, least int, what string) []string {
		raw, ok := get(key(k))
		if !ok || strings.TrimSpace(raw) == "" {
			fail(k, "not set; list %s, at least %d (pulumi config set --path '%s[0]' %s...)", what, least, key(k), prefix)
			return nil
		}
		var ids []string
		if err := json.Unmarshal([]byte(raw), &ids); err != nil {
			fail(k, "%s is not a list of strings; write it as a YAML list in the stack file or set each entry with pulumi config set --path '%s[0]' %s...", raw, key(k), prefix)
			return nil
		}
		if len(ids) < least {
			fail(k, "%d given; list %s, at least %d", len(ids), what, least)
		}
		seen := map[string]bool{}
		for i, v := range ids {
			ids[i] = strings.TrimSpace(v)
			id(fmt.Sprintf("%s[%d]", k, i), ids[i], prefix)
			if seen[ids[i]] {
				fail(fmt.Sprintf("%s[%d]", k, i), "%s is listed twice; list each once", ids[i])
			}
			seen[ids[i]] = true
		}
		return ids
	}

	c := Config{VpcId: str("vpcId"), EndpointSecurityGroupId: str("endpointSecurityGroupId"), AppPath: str("appPath")}
	if c.VpcId == "" {
		fail("vpcId", "not set; set it to the existing VPC's ID (pulumi config set %s vpc-...)", key("vpcId"))
	} else {
		id("vpcId", c.VpcId, "vpc-")
	}
	c.PublicSubnetIds = list("publicSubnetIds", "subnet-", 2, "the ALB's public subnets, one per AZ")
	c.PrivateSubnetIds = list("privateSubnetIds", "subnet-", 2, "the tasks' private subnets, one per AZ")
	for _, s := range c.PrivateSubnetIds {
		if slices.Contains(c.PublicSubnetIds, s) {
			fail("privateSubnetIds", "%s is also in publicSubnetIds; the tasks need subnets with no route to the internet gateway, so list it in one of the two", s)
		}
	}
	c.PrivateRouteTableIds = list("privateRouteTableIds", "rtb-", 1, "the route table of every private subnet")

	if raw, ok := get(key("existingEndpoints")); ok && strings.TrimSpace(raw) != "" {
		if err := json.Unmarshal([]byte(raw), &c.ExistingEndpoints); err != nil {
			fail("existingEndpoints", "%s is not a list of strings; write it as a YAML list of short service names (s3, ecr.api)", raw)
		}
	}
	var interfaces []string
	for i, svc := range c.ExistingEndpoints {
		k := fmt.Sprintf("existingEndpoints[%d]", i)
		switch {
		case !serviceName.MatchString(svc):
			fail(k, "%q is not a short service name; use one like s3 or ecr.api", svc)
		case slices.Index(c.ExistingEndpoints, svc) != i:
			fail(k, "%s is listed twice; list each once", svc)
		case !slices.Contains(gatewayServices, svc):
			interfaces = append(interfaces, svc)
		}
	}
	switch {
	case c.EndpointSecurityGroupId != "":
		id("endpointSecurityGroupId", c.EndpointSecurityGroupId, "sg-")
	case len(interfaces) > 0:
		fail("endpointSecurityGroupId", "not set, but existingEndpoints names interface endpoints (%s); set it to their security group so the tasks are admitted to them (pulumi config set %s sg-...)",
			strings.Join(interfaces, ", "), key("endpointSecurityGroupId"))
	}
	if c.AppPath == "" {
		fail("appPath", "not set; set it to the folder holding the app's Dockerfile, relative to this project (../../app)")
	}
	if len(problems) > 0 {
		return Config{}, &ConfigError{Problems: problems}
	}
	return c, nil
}
