package components

import (
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// PlatformServiceArgs are one workload of any kind, written as the
// one-service component's args, to run on a platform another program
// made: what a config-driven service stack holds. The platform owns the
// network, the load balancer, the cluster and the key; the service stack
// owns only what its workload creates.
type PlatformServiceArgs struct {
	// Service is the workload as PrivateFargateServiceArgs write it: its
	// Kind, Container, Sidecars, Tracing, Task, Service, Autoscaling,
	// Alarms, Repository, LogRetentionDays, TaskRole, Tags, the target
	// group's health check and deregistration delay (LoadBalancer.
	// HealthCheck and LoadBalancer.DeregistrationDelay) and the kind's own
	// settings (Backend, Worker, Job). What the platform owns is refused
	// by field: Network, ExtraEndpointServices, Ingress, the load
	// balancer's other settings, Ec2 and Kms (the workload takes the
	// platform's key when it has one). Required.
	Service PrivateFargateServiceArgs
	// Platform is the platform's contract (AttachPlatform,
	// PlatformFromConfig). Required.
	Platform *PlatformContract
	// LoadBalancer names the platform's load balancer a web service is
	// behind. Optional. Default: the only one. Valid: for a web service.
	LoadBalancer string
	// Route is a web service's listener rule: its hosts, paths, listener,
	// team and priority. Required for a web service: a platform's load
	// balancer routes nothing by default. Valid: for a web service.
	Route *service.ServiceRoute
	// Calls are the backends the workload calls through Service Connect
	// (AttachBackend). Optional. Valid: for a web service or a backend.
	Calls []service.ServiceConnectSource
}

// PlatformService is what NewPlatformService made: the workload's kind
// and the outputs a service stack exports.
type PlatformService struct {
	// Kind is the workload's kind: web, backend, worker or job.
	Kind string
	// Outputs are the workload's outputs by name: serviceName (not for a
	// job), repositoryUrl, logGroupName and taskSecurityGroupId for every
	// kind; a web service's url; a backend's endpoint and serviceConnect
	// (the contract AttachBackend reads); a worker's queueUrl, queueArn and
	// deadLetterQueueArn; a job's scheduleArn and deadLetterQueueArn.
	Outputs pulumi.Map
}

// platformWorkload is a PlatformServiceArgs' workload, as the piece of
// its kind takes it; exactly one of the four is set.
type platformWorkload struct {
	kind string
	// lbMissing says the args named a load balancer the platform lacks:
	// the route was checked on another one, so its problems are not the
	// route's own.
	lbMissing bool
	web       *service.WebServiceArgs
	backend   *service.BackendServiceArgs
	worker    *service.WorkerServiceArgs
	job       *service.ScheduledJobArgs
}

// ValidatePlatformService checks args as NewPlatformService does, with
// the same look-ups (a web service's live listener rule), and registers
// nothing. A *ValidationError names each problem's field in
// PlatformServiceArgs ("Service.Container.Port", "Route.Paths").
func ValidatePlatformService(ctx *pulumi.Context, name string, args *PlatformServiceArgs, opts ...pulumi.ResourceOption) error {
	w, p, err := platformWorkloadOf(name, args)
	if err != nil {
		return err
	}
	return w.validate(ctx, name, p, opts)
}

// NewPlatformService checks args, then creates the workload of its kind
// on the platform: a WebService, BackendService, WorkerService or
// ScheduledJob named name, with no parent of its own, so that its URNs
// are those of the piece made directly. Every problem comes back at
// once, before anything registers, named as ValidatePlatformService
// names it.
func NewPlatformService(ctx *pulumi.Context, name string, args *PlatformServiceArgs, opts ...pulumi.ResourceOption) (*PlatformService, error) {
	w, p, err := platformWorkloadOf(name, args)
	if err != nil {
		return nil, err
	}
	if err := w.validate(ctx, name, p, opts); err != nil {
		return nil, err
	}
	out := &PlatformService{Kind: w.kind}
	switch w.kind {
	case KindWeb:
		s, err := service.NewWebService(ctx, name, w.web, opts...)
		if err != nil {
			return nil, err
		}
		out.Outputs = pulumi.Map{
			"serviceName": s.ServiceName, "repositoryUrl": s.RepositoryUrl, "logGroupName": s.LogGroupName,
			"taskSecurityGroupId": s.TaskSecurityGroupId, "url": webUrl(w.web),
		}
	case KindBackend:
		b, err := service.NewBackendService(ctx, name, w.backend, opts...)
		if err != nil {
			return nil, err
		}
		out.Outputs = pulumi.Map{
			"serviceName": b.ServiceName, "repositoryUrl": b.RepositoryUrl, "logGroupName": b.LogGroupName,
			"taskSecurityGroupId": b.TaskSecurityGroupId, "endpoint": b.Endpoint, BackendOutput: b.ServiceConnect,
		}
	case KindWorker:
		s, err := service.NewWorkerService(ctx, name, w.worker, opts...)
		if err != nil {
			return nil, err
		}
		out.Outputs = pulumi.Map{
			"serviceName": s.ServiceName, "repositoryUrl": s.RepositoryUrl, "logGroupName": s.LogGroupName,
			"taskSecurityGroupId": s.TaskSecurityGroupId, "queueUrl": s.QueueUrl, "queueArn": s.QueueArn,
			"deadLetterQueueArn": s.DeadLetterQueueArn,
		}
	case KindJob:
		j, err := service.NewScheduledJob(ctx, name, w.job, opts...)
		if err != nil {
			return nil, err
		}
		out.Outputs = pulumi.Map{
			"repositoryUrl": j.RepositoryUrl, "logGroupName": j.LogGroupName,
			"taskSecurityGroupId": j.TaskSecurityGroupId, "scheduleArn": j.ScheduleArn, "deadLetterQueueArn": j.DeadLetterQueueArn,
		}
	}
	return out, nil
}

// webUrl is where a web service answers: its first host and path on the
// listener it uses, or the load balancer's name when the route gives no
// host.
func webUrl(a *service.WebServiceArgs) pulumi.StringOutput {
	lb := a.LoadBalancer.LoadBalancerContract()
	scheme := "http"
	if lb.Https && (a.Route == nil || a.Route.Listener != edge.ListenerHttp) {
		scheme = "https"
	}
	path := "/"
	if r := a.Route; r != nil && len(r.Paths) > 0 {
		path = strings.TrimSuffix(strings.TrimSuffix(r.Paths[0], "*"), "/") + "/"
	}
	if r := a.Route; r != nil && len(r.Hosts) > 0 && !strings.Contains(r.Hosts[0], "*") {
		return pulumi.Sprintf("%s://%s%s", scheme, r.Hosts[0], path)
	}
	return pulumi.Sprintf("%s://%s%s", scheme, lb.DnsName, path)
}

// validate runs the piece's own checks, with their look-ups, and names
// their problems by the fields of PlatformServiceArgs, after the problems
// found before (pre), each field once.
func (w platformWorkload) validate(ctx *pulumi.Context, name string, pre check.Problems, opts []pulumi.ResourceOption) error {
	var err error
	switch w.kind {
	case KindWeb:
		err = service.ValidateWebService(ctx, name, w.web, opts...)
	case KindBackend:
		err = service.ValidateBackendService(ctx, name, w.backend, opts...)
	case KindWorker:
		err = service.ValidateWorkerService(ctx, name, w.worker, opts...)
	case KindJob:
		err = service.ValidateScheduledJob(ctx, name, w.job, opts...)
	}
	out := slices.Clone(pre)
	var ve *check.ValidationError
	if errors.As(platformServiceFields(w.kind, err), &ve) {
		for _, q := range ve.Problems {
			if w.lbMissing && (under(q.Field, "Route") || q.Field == "LoadBalancer") {
				continue
			}
			if !slices.Contains(out, q) {
				out = append(out, q)
			}
		}
	} else if err != nil {
		return err
	}
	return check.Refusal("PlatformService", out)
}

// platformServiceFields renames the fields of a piece's problems to the
// fields of PlatformServiceArgs: the piece's Route, Calls and
// LoadBalancer are the args' own; every other field is under Service, at
// the path the one-service component gives it (kindField).
func platformServiceFields(kind string, err error) error {
	var ve *check.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	field := kindField(kind)
	out := &check.ValidationError{Piece: "PlatformService"}
	for _, p := range ve.Problems {
		f := p.Field
		switch {
		case under(f, "Route"), under(f, "Calls"), f == "LoadBalancer":
		case under(f, "Network"), under(f, "Cluster"):
			f = "Platform"
		case kind == KindWeb && (under(f, "HealthCheck") || under(f, "DeregistrationDelay")):
			f = "Service.LoadBalancer." + f
		default:
			f = "Service." + field(f)
		}
		out.Problems = append(out.Problems, check.FieldError{Field: f, Problem: p.Problem})
	}
	return out
}

// platformWorkloadOf checks what the platform owns, the kind's fields
// and what the contract alone shows, and builds the workload of args'
// kind on the platform. It returns those problems beside the workload, so
// that the piece's own checks report theirs in the same run; an error
// when no workload can be built (no platform, an unknown kind).
func platformWorkloadOf(name string, args *PlatformServiceArgs) (platformWorkload, check.Problems, error) {
	if args == nil {
		args = &PlatformServiceArgs{}
	}
	raw := args.Service
	var p check.Problems
	check.CheckComponentName(&p, name)
	if args.Platform == nil {
		p.Add("Platform", "is required: the platform's contract, from AttachPlatform or PlatformFromConfig")
	}
	args.checkShape(&p)
	kind := kindOf(raw.Kind)
	if args.Platform == nil || !knownKind(kind) {
		return platformWorkload{}, nil, check.Refusal("PlatformService", p)
	}
	if raw.Kms != nil && raw.Kms.Secrets && args.Platform.KeyArn == "" {
		p.Add("Service.Kms.Secrets", "says the secrets are encrypted with the platform's key, but platform %s has none; remove it, or give the platform a key", args.Platform.Name)
	}
	if r := raw.Region; r != "" && r != args.Platform.Region {
		p.Add("Service.Region", "is %s but platform %s is in %s; a service runs in its platform's region (its subnets, cluster and endpoints are there), so deploy it to %s", r, args.Platform.Name, args.Platform.Region, args.Platform.Region)
	}
	var lb edge.LoadBalancerContract
	if kind == KindWeb {
		var err error
		if lb, err = args.Platform.LoadBalancer(args.LoadBalancer); err != nil {
			p.Add("LoadBalancer", "%v", err)
			// The rest is checked on the platform's first load
			// balancer; the route's problems, which depend on which,
			// are left for when this one is fixed.
			if len(args.Platform.LoadBalancers) == 0 {
				return platformWorkload{}, nil, check.Refusal("PlatformService", p)
			}
			lb, _ = args.Platform.LoadBalancer(args.Platform.LoadBalancers[0].Name)
		}
	}

	a := raw.withDefaults()
	var keyArn pulumi.StringInput
	if args.Platform.KeyArn != "" {
		keyArn = pulumi.String(args.Platform.KeyArn)
	}
	a.Kms = &KmsArgs{KeyArn: keyArn, Secrets: raw.Kms != nil && raw.Kms.Secrets}
	if keyArn == nil {
		a.Kms = nil
	}
	plat := args.Platform
	w := platformWorkload{kind: kind}
	switch kind {
	case KindWeb:
		w.web = &service.WebServiceArgs{
			Network: plat, Cluster: plat, LoadBalancer: lb, Route: args.Route, Calls: args.Calls,
			Container: a.Container, Sidecars: a.Sidecars, Tracing: a.Tracing, Task: a.Task, Service: a.Service,
			Autoscaling: a.Autoscaling, Alarms: a.Alarms, Repository: a.Repository,
			HealthCheck: a.LoadBalancer.HealthCheck, DeregistrationDelay: a.LoadBalancer.DeregistrationDelay,
			LogRetentionDays: a.LogRetentionDays, TaskRole: a.TaskRole, Tags: a.Tags,
			KmsKeyArn: keyArn, SecretsUseKey: a.Kms != nil && a.Kms.Secrets,
		}
	case KindBackend:
		b := a.backendArgs(plat, plat, keyArn)
		b.Calls = args.Calls
		w.backend = &b
	case KindWorker:
		wk := a.workerArgs(plat, plat, keyArn)
		w.worker = &wk
	case KindJob:
		j := a.jobArgs(plat, plat, keyArn)
		w.job = &j
	}
	w.lbMissing = kind == KindWeb && slices.ContainsFunc(p, func(f check.FieldError) bool { return f.Field == "LoadBalancer" })
	return w, p, nil
}

// checkShape refuses, by field, what needs no platform to see: a
// field of another kind, what the platform owns, a route, a load balancer
// or calls on a kind that has no use for them, and a web service with no
// route.
func (args PlatformServiceArgs) checkShape(p *check.Problems) {
	raw := args.Service
	var kp check.Problems
	checkKindFields(&kp, raw)
	for _, f := range kp {
		p.Add("Service."+f.Field, "%s", f.Problem)
	}
	checkPlatformOwned(p, raw)
	kind := kindOf(raw.Kind)
	if !knownKind(kind) {
		return
	}
	if kind != KindWeb {
		if args.LoadBalancer != "" {
			p.Add("LoadBalancer", "%s is not behind a load balancer; remove it, or set Service.Kind to %s", kindNoun(kind), KindWeb)
		}
		if args.Route != nil {
			p.Add("Route", "%s takes no listener rule; remove it, or set Service.Kind to %s", kindNoun(kind), KindWeb)
		}
	} else if args.Route == nil || len(args.Route.Hosts) == 0 && len(args.Route.Paths) == 0 {
		p.Add("Route", "is required for a web service on a platform: give its hosts or paths (and its team), so that the load balancer's listener sends it traffic")
	}
	if len(args.Calls) > 0 && kind != KindWeb && kind != KindBackend {
		p.Add("Calls", "%s takes no Service Connect client; only a web service or a backend calls backends", kindNoun(kind))
	}
}

// checkPlatformOwned refuses, by field, what a platform owns: its
// network and endpoints, its load balancers' settings, its EC2 groups and
// its key. raw are the workload's args as written.
func checkPlatformOwned(p *check.Problems, raw PrivateFargateServiceArgs) {
	const owned = "belongs to the platform, which every service on it shares; set it in the platform's program and remove it here"
	for _, f := range truncated(setFields("Network", reflect.ValueOf(raw.Network)), 2) {
		p.Add("Service."+f, "%s", owned)
	}
	if len(raw.ExtraEndpointServices) > 0 {
		p.Add("Service.ExtraEndpointServices", "%s (its endpoints)", owned)
	}
	for _, f := range truncated(setFields("Ingress", reflect.ValueOf(raw.Ingress)), 2) {
		p.Add("Service."+f, "%s (its load balancers' listeners)", owned)
	}
	lb := raw.LoadBalancer
	lb.HealthCheck, lb.DeregistrationDelay = edge.TargetHealthCheck{}, nil
	for _, f := range truncated(setFields("LoadBalancer", reflect.ValueOf(lb)), 2) {
		p.Add("Service."+f, "%s (its load balancers)", owned)
	}
	if raw.Ec2 != nil {
		p.Add("Service.Ec2", "%s (its cluster's EC2 groups); name a group the platform offers in Service.CapacityProviderStrategy", owned)
	}
	if k := raw.Kms; k != nil && (k.Create || k.KeyArn != nil) {
		p.Add("Service.Kms", "%s (its key): the service takes the platform's key when it has one", owned)
	}
}

// EndpointServices are the VPC endpoint services (such as
// "secretsmanager", "xray") the workload of args needs beyond the base
// set every service needs, sorted: what a platform must offer it. The
// args are checked for what the platform owns and the kind's fields
// first. Platform may be nil, for a platform still to be made: ECS Exec
// then counts the kms endpoint, as a platform with a key encrypts the
// sessions with it.
func (args PlatformServiceArgs) EndpointServices() ([]string, error) {
	var p check.Problems
	args.checkShape(&p)
	if err := check.Refusal("PlatformService", p); err != nil {
		return nil, err
	}
	a := args.Service.withDefaults()
	base := map[string]bool{}
	for _, e := range network.EndpointSet(network.EndpointFeatures{}) {
		base[e.Service] = true
	}
	f := a.endpointFeatures()
	f.Kms = f.Exec && (args.Platform == nil || args.Platform.Cluster.Exec != nil && args.Platform.Cluster.Exec.KmsKeyArn != "")
	f.ServiceConnect = f.ServiceConnect || len(args.Calls) > 0
	var out []string
	for _, e := range network.EndpointSet(f) {
		if !base[e.Service] {
			out = append(out, e.Service)
		}
	}
	return out, nil
}
