package copilot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Options are the choices a conversion takes beyond the workspace.
type Options struct {
	// Out is the directory the files are written to; paths in them (the
	// build contexts, go.mod's replace) are relative to it.
	Out string
	// Org is the Pulumi organization the stacks live in, for the
	// platformStack and calls keys' full stack names.
	Org string
	// Region is every stack's aws:region: a Copilot environment manifest
	// names none.
	Region string
	// Account is the AWS account ID in the ARNs the converter writes (SSM
	// parameters, Secrets Manager secrets, SNS topics).
	Account string
	// AccountGiven tells whether Account came from the user; without it
	// MIGRATION.md warns that the ARNs carry a placeholder.
	AccountGiven bool
	// RegionGiven tells whether Region came from the user.
	RegionGiven bool
	// Root is this module's checkout, which go.mod's replace points at;
	// "" leaves the replace out.
	Root string
	// GoVersion is the go directive of the generated go.mod.
	GoVersion string
	// Check runs the components' checks on each generated service stack.
	// Nil skips them (MIGRATION.md then says so).
	Check Checker
	// Plan plans every generated stack offline, as cmd/plan does, before
	// the files are returned: what the programs refuse in a service stack
	// is taken out of it (or leaves the stack out) and listed in
	// MIGRATION.md.
	Plan bool
}

// Checker runs the components' checks on a generated service stack's
// configuration, as the service program would read it: get returns a
// key ("<project>:<key>" or "aws:region") as the Pulumi CLI passes it.
// It returns the VPC endpoint services beyond the base set that the stack
// needs, or what the components refuse.
type Checker func(project string, get func(key string) (string, bool)) ([]string, error)

// Defaults of the command's flags.
const (
	DefaultOrg     = "organization"
	DefaultRegion  = "us-east-1"
	DefaultAccount = "123456789012"
)

var (
	orgPattern     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	regionPattern  = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$`)
	accountPattern = regexp.MustCompile(`^\d{12}$`)
)

// checkOptions refuses options the stacks cannot carry.
func checkOptions(o Options) error {
	var errs []string
	if !orgPattern.MatchString(o.Org) {
		errs = append(errs, fmt.Sprintf("--org %q is not a Pulumi organization name: letters, digits, hyphens, underscores and dots", o.Org))
	}
	if !regionPattern.MatchString(o.Region) {
		errs = append(errs, fmt.Sprintf("--region %q is not an AWS region such as us-east-1", o.Region))
	}
	if !accountPattern.MatchString(o.Account) {
		errs = append(errs, fmt.Sprintf("--account %q is not an AWS account ID: twelve digits", o.Account))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// converter holds one conversion's state.
type converter struct {
	ws   *Workspace
	opts Options
	ps   *problems
	rec  *recorder
	envs []*envStack
	// warnings are what the user must do before deploying, once each.
	warnings []string
}

// envStack is one Copilot environment: its platform stack and the
// service stacks that attach to it.
type envStack struct {
	name     string
	m        *Manifest
	platform *stackConfig
	// lb is the platform's load balancer, main.
	lb obj
	// adopted tells the VPC is adopted; zones is its AZ count.
	adopted bool
	zones   int
	// zonesFrom says where zones came from, for the cost section.
	zonesFrom string
	services  []*svcStack
	skipped   []skippedStack
	// what the services need of the platform
	extraEndpoints map[string][]string // service name → who needs it
	cache          []obj               // pull-through cache rules
	cacheWhy       map[string][]string // upstream → images
	hosts          []string
	hostedZoneID   string
	hostedZoneLine string
	// endpoints are the services' endpoint needs, from the checks.
	endpoints map[string][]string
	refusals  []refusal
	// publicPlacement lists the services Copilot placed in public
	// subnets, for the cost section.
	publicPlacement  []string
	privatePlacement []string
	// insightsOn tells the manifest turned Container Insights on;
	// insightsOff is its observability.container_insights path when it
	// turned them off, "" when it left them at Copilot's default.
	insightsOn  bool
	insightsOff string
	// insightsFor are the services whose alarms turned Container
	// Insights on, for the cost section.
	insightsFor []string
}

// svcStack is one generated service stack.
type svcStack struct {
	m     *Manifest
	kind  string
	cfg   *stackConfig
	hosts []string
	// pathLen orders the web services' rules: longer paths first.
	pathLen int
}

// skippedStack is a service with no stack in an environment.
type skippedStack struct {
	m   *Manifest
	why string
}

// refusal is what the components refused in a generated stack, and what
// the converter did about it.
type refusal struct {
	stack, problem, done string
}

// ReadAndConvert reads the workspace under dir and converts it,
// reporting the problems of both at once: a manifest that cannot be read
// does not hide the problems of the others.
func ReadAndConvert(dir string, opts Options) (*Result, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	ws, ps := read(dir)
	return convert(ws, opts, ps)
}

// Convert turns a workspace into the generated files. Every problem with
// the input is reported at once, as an *Error, and nothing is returned
// with one.
func Convert(ws *Workspace, opts Options) (*Result, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	return convert(ws, opts, &problems{})
}

// convert converts ws, adding to the problems ps already holds.
func convert(ws *Workspace, opts Options, ps *problems) (*Result, error) {
	c := &converter{ws: ws, opts: opts, ps: ps, rec: newRecorder()}
	for _, m := range ws.Envs {
		c.envs = append(c.envs, c.convertEnv(m))
	}
	for _, m := range ws.Services {
		c.rec.present(m.File, "", m.Base, true)
	}
	for _, e := range c.envs {
		for _, m := range ws.Services {
			c.convertService(e, m)
		}
	}
	if err := c.ps.err(); err != nil {
		return nil, err
	}
	for _, e := range c.envs {
		c.connect(e)
		c.route(e)
		c.check(e)
		c.finishPlatform(e)
	}
	if err := c.ps.err(); err != nil {
		return nil, err
	}
	if opts.Plan {
		if err := c.verify(); err != nil {
			return nil, err
		}
	}
	return c.render()
}

// warn adds what the user must do before deploying, once.
func (c *converter) warn(format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	if !slices.Contains(c.warnings, w) {
		c.warnings = append(c.warnings, w)
	}
}

// partition is the ARN partition of the region.
func (c *converter) partition() string {
	switch {
	case strings.HasPrefix(c.opts.Region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(c.opts.Region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// arn builds an ARN of the region and account.
func (c *converter) arn(service, resource string) string {
	if !c.opts.AccountGiven {
		c.warn("The ARNs the converter wrote (secrets, parameters, topics, pull-through cache credentials) carry the account %s, a placeholder: convert again with --account <your account ID>, or edit the stack files.", c.opts.Account)
	}
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s", c.partition(), service, c.opts.Region, c.opts.Account, resource)
}

// platformProject and serviceProject are the generated projects' names.
func (c *converter) platformProject() string          { return c.ws.App + "-platform" }
func (c *converter) serviceProject(svc string) string { return c.ws.App + "-" + svc }

// stackName is a stack's full name, as a stack reference takes it.
func (c *converter) stackName(project, env string) string {
	return c.opts.Org + "/" + project + "/" + env
}
