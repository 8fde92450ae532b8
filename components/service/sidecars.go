package service

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// containerNamePattern is ECS's rule for a container's name: up to 255
// letters, digits, hyphens and underscores.
var containerNamePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

// DependencyConditions are the conditions ECS's ContainerDependency takes.
var DependencyConditions = []string{DependencyStart, DependencyComplete, DependencySuccess, DependencyHealthy}

// minMemoryReservation is the least memory, in MiB, Docker lets a
// container reserve.
const minMemoryReservation = 6

// SidecarsWithDefaults fills in each sidecar's defaults: essential, as
// ECS assumes when the field is left out, and its health check's.
func SidecarsWithDefaults(sidecars []SidecarArgs) []SidecarArgs {
	if len(sidecars) == 0 {
		return sidecars
	}
	out := make([]SidecarArgs, len(sidecars))
	for i, s := range sidecars {
		if s.Essential == nil {
			essential := true
			s.Essential = &essential
		}
		s.HealthCheck = s.HealthCheck.withDefaults()
		out[i] = s
	}
	return out
}

// IsEssential tells whether the sidecar's exit stops the task.
func (s SidecarArgs) IsEssential() bool { return s.Essential == nil || *s.Essential }

// ContainerSecrets are the secrets of every container of the task: the
// app's first, then each sidecar's.
func ContainerSecrets(app ContainerArgs, sidecars []SidecarArgs) []map[string]ContainerSecret {
	out := []map[string]ContainerSecret{app.Secrets}
	for _, s := range sidecars {
		out = append(out, s.Secrets)
	}
	return out
}

// sidecarSecretKey is a sidecar's secret in the map of every secret the
// execution role reads: the app's keep their variable names, and a
// sidecar's are "<sidecar>/<variable>", which no variable name can be.
func sidecarSecretKey(sidecar, variable string) string { return sidecar + "/" + variable }

// secretKinds are the kinds of every secret the task reads, keyed as the
// execution role's grant is (sidecarSecretKey).
func (w Workload) secretKinds() map[string]string {
	kinds := map[string]string{}
	for name, s := range w.Container.Secrets {
		kinds[name] = s.kindOf()
	}
	for _, sc := range w.Sidecars {
		for name, s := range sc.Secrets {
			kinds[sidecarSecretKey(sc.Name, name)] = s.kindOf()
		}
	}
	return kinds
}

// checkedSidecar is a sidecar's inputs as the task definition takes them.
type checkedSidecar struct {
	image       pulumi.StringOutput
	environment pulumi.StringMapOutput
	secrets     pulumi.StringMapOutput
}

// checkSidecarInputs wraps each sidecar's image and secrets in their
// deploy-time checks, and returns them with every secret the execution
// role reads: the app's (secrets, by variable name) and the sidecars'. A
// sidecar's image on a cached upstream is rewritten to its cache path, as
// the app's is; imports are the repositories their first pulls create.
func checkSidecarInputs(f *piece.Family, w Workload, n network.NetworkContract, secrets pulumi.StringMap) (sidecars []checkedSidecar, grants pulumi.StringMapOutput, imports pulumi.StringArrayOutput) {
	piece := f.PieceName()
	region, nat := n.Region, n.Nat
	var cached []any
	grant := pulumi.StringMap{}
	for k, v := range secrets {
		grant[k] = v
	}
	var out []checkedSidecar
	for i, s := range w.Sidecars {
		field := fmt.Sprintf("Sidecars[%d]", i)
		env := pulumi.StringMap{}
		for k, v := range s.Environment {
			env[k] = v
		}
		sec := pulumi.StringMap{}
		for _, name := range check.SortedKeys(s.Secrets) {
			secret := s.Secrets[name]
			arn := check.CheckedString(piece, f.Field(field+".Secrets."+name), secret.Arn, check.SecretRule(secret.kindOf(), region, nat))
			sec[name] = arn
			grant[sidecarSecretKey(s.Name, name)] = arn
		}
		image, imp := network.ThroughCache(check.CheckedString(piece, f.Field(field+".Image"), s.Image, ImageRule(region, nat, w.Caches)), w.Caches, n)
		cached = append(cached, imp)
		out = append(out, checkedSidecar{
			image:       image,
			environment: env.ToStringMapOutput(),
			secrets:     sec.ToStringMapOutput(),
		})
	}
	imports = pulumi.All(cached...).ApplyT(func(v []any) []string {
		var all []string
		for _, x := range v {
			all = append(all, x.([]string)...)
		}
		return all
	}).(pulumi.StringArrayOutput)
	return out, grant.ToStringMapOutput(), imports
}

// checkSidecars checks the sidecars against ECS's rules and against the
// app's container and the task: names and ports unique among the task's
// containers, images and variables under the app's rules, reservations
// inside the task's size, and the dependencies of every container.
func checkSidecars(p *check.Problems, a Workload, region string, nat bool) {
	app := a.Container
	names := map[string]string{app.Name: "Container.Name"}
	ports := map[int]string{app.Port: "Container.Port"}
	var cpu, memory int
	for i, s := range a.Sidecars {
		field := fmt.Sprintf("Sidecars[%d]", i)
		switch other, dup := names[s.Name]; {
		case s.Name == "":
			p.Add(field+".Name", "is empty; name the sidecar with letters, digits, hyphens and underscores, for example \"collector\"")
		case !containerNamePattern.MatchString(s.Name):
			p.Add(field+".Name", "%q is not a container name; use 1 to 255 letters, digits, hyphens and underscores", s.Name)
		case dup:
			p.Add(field+".Name", "%q is also %s; give each container of the task its own name", s.Name, other)
		default:
			names[s.Name] = field + ".Name"
		}
		switch {
		case a.isCollector(s):
			// Tracing's own image: checkTracing names the fix.
		case s.Image == nil:
			p.Add(field+".Image", "no image is given; set the URI of a private ECR image of the stack's region")
		default:
			check.CheckString(p, field+".Image", s.Image, ImageRule(region, nat, a.Caches))
		}
		for j, port := range s.Ports {
			pf := fmt.Sprintf("%s.Ports[%d]", field, j)
			if port < 1 || port > 65535 {
				p.Add(pf, "%d is out of range; use 1 to 65535", port)
				continue
			}
			if other, dup := ports[port]; dup {
				p.Add(pf, "%d is also %s; the containers of a task share its network, so give each port to one container", port, other)
				continue
			}
			ports[port] = pf
		}
		checkContainerVars(p, field, s.Environment, s.Secrets, region, nat)
		checkContainerHealthCheck(p, field+".HealthCheck", s.HealthCheck)
		if s.Cpu < 0 || s.Cpu > a.Task.Cpu {
			p.Add(field+".Cpu", "%d CPU units is outside the task's 0 to %d (Task.Cpu); reserve at most the task's CPU, or raise Task.Cpu", s.Cpu, a.Task.Cpu)
		}
		if s.MemoryReservation != 0 && (s.MemoryReservation < minMemoryReservation || s.MemoryReservation > a.Task.Memory) {
			p.Add(field+".MemoryReservation", "%d MiB is outside %d to %d (Task.Memory); reserve at least Docker's %d MiB and at most the task's memory, or raise Task.Memory",
				s.MemoryReservation, minMemoryReservation, a.Task.Memory, minMemoryReservation)
		}
		cpu += max(s.Cpu, 0)
		memory += max(s.MemoryReservation, 0)
	}
	if cpu > a.Task.Cpu {
		p.Add("Sidecars", "the sidecars reserve %d CPU units together, more than the task's %d (Task.Cpu); lower their reservations, or raise Task.Cpu", cpu, a.Task.Cpu)
	}
	if memory > a.Task.Memory {
		p.Add("Sidecars", "the sidecars reserve %d MiB together, more than the task's %d (Task.Memory); lower their reservations, or raise Task.Memory", memory, a.Task.Memory)
	}
	checkDependencies(p, taskContainers(a))
}

// taskContainer is one container of the task as its dependencies see it.
type taskContainer struct {
	field     string // "Container" or "Sidecars[i]"
	name      string
	dependsOn []ContainerDependency
	essential bool
	health    bool
}

// taskContainers are the task's containers: the app's first (always
// essential), then the sidecars in order.
func taskContainers(a Workload) []taskContainer {
	out := []taskContainer{{
		field: "Container", name: a.Container.Name, dependsOn: a.Container.DependsOn,
		essential: true, health: a.Container.HealthCheck != nil,
	}}
	for i, s := range a.Sidecars {
		out = append(out, taskContainer{
			field: fmt.Sprintf("Sidecars[%d]", i), name: s.Name, dependsOn: s.DependsOn,
			essential: s.IsEssential(), health: s.HealthCheck != nil,
		})
	}
	return out
}

// checkDependencies applies ECS's rules for container dependencies to
// the task's containers, and refuses a cycle, in which no container of
// the cycle could ever start.
func checkDependencies(p *check.Problems, containers []taskContainer) {
	byName := map[string]int{}
	for i, c := range containers {
		if _, dup := byName[c.name]; !dup && c.name != "" {
			byName[c.name] = i
		}
	}
	for _, c := range containers {
		seen := map[string]bool{}
		for j, d := range c.dependsOn {
			df := fmt.Sprintf("%s.DependsOn[%d]", c.field, j)
			if !slices.Contains(DependencyConditions, d.Condition) {
				p.Add(df+".Condition", "%q is not a dependency condition; use %s", d.Condition, strings.Join(DependencyConditions, ", "))
			}
			t, ok := byName[d.Container]
			if !ok {
				p.Add(df+".Container", "%q names no container of the task; use the app's container name or a sidecar's", d.Container)
				continue
			}
			if seen[d.Container] {
				p.Add(df+".Container", "%q is named twice; keep one dependency on each container", d.Container)
			}
			seen[d.Container] = true
			target := containers[t]
			switch d.Condition {
			case DependencyHealthy:
				if !target.health {
					p.Add(df+".Condition", "HEALTHY waits for %q's health check, and it has none; set %s.HealthCheck, or wait for START", d.Container, target.field)
				}
			case DependencyComplete, DependencySuccess:
				switch {
				case t == 0:
					p.Add(df+".Condition", "%s waits for %q to exit, and the app's container is always essential, so its exit stops the task; wait for START or HEALTHY", d.Condition, d.Container)
				case target.essential:
					p.Add(df+".Condition", "%s waits for %q to exit, and it is essential, so its exit would stop the task; set %s.Essential to false, or wait for START or HEALTHY", d.Condition, d.Container, target.field)
				}
			}
		}
	}
	for _, cycle := range dependencyCycles(containers, byName) {
		first := containers[byName[cycle[0]]]
		p.Add(first.field+".DependsOn", "the containers wait for each other in a cycle (%s), so none of them would start; remove one of these dependencies", strings.Join(cycle, " -> "))
	}
}

// dependencyCycles finds the cycles of the dependency graph, each once,
// as the names along it with the first repeated at the end.
func dependencyCycles(containers []taskContainer, byName map[string]int) [][]string {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(containers))
	var stack []int
	var cycles [][]string
	var visit func(i int)
	visit = func(i int) {
		color[i] = grey
		stack = append(stack, i)
		for _, d := range containers[i].dependsOn {
			t, ok := byName[d.Container]
			if !ok {
				continue
			}
			switch color[t] {
			case white:
				visit(t)
			case grey:
				at := slices.Index(stack, t)
				var names []string
				for _, k := range stack[at:] {
					names = append(names, containers[k].name)
				}
				cycles = append(cycles, append(names, containers[t].name))
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
	}
	for i := range containers {
		if color[i] == white {
			visit(i)
		}
	}
	return cycles
}

// withSidecarPulls adds the repositories of the sidecars' images to the
// ones the execution role may pull from: the role pulls every container's
// image, and its pulls are scoped to repository ARNs (BRIEF fact 10). An
// image outside ECR (with NAT) needs no grant. Without sidecars, arns is
// returned as it is.
func withSidecarPulls(arns pulumi.StringArrayOutput, sidecars []checkedSidecar) pulumi.StringArrayOutput {
	if len(sidecars) == 0 {
		return arns
	}
	inputs := []any{arns}
	for _, s := range sidecars {
		inputs = append(inputs, s.image)
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) []string {
		out := v[0].([]string)
		for _, image := range v[1:] {
			if arn := check.EcrRepositoryArn(image.(string)); arn != "" {
				out = append(out, arn)
			}
		}
		return out
	}).(pulumi.StringArrayOutput)
}
