package components

import (
	"reflect"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// checkKindFields refuses, by field, what the kind has no use for: a
// setting of the load balancer on a workload that has none, a service's
// setting on a job, and the settings of another kind. raw are the args as
// the caller wrote them, before defaults, so a field counts as set when
// it is not its zero value.
func checkKindFields(p *check.Problems, raw PrivateFargateServiceArgs) {
	kind := kindOf(raw.Kind)
	if !knownKind(kind) {
		p.Add("Kind", "%q is not a kind of workload; use %s", raw.Kind, strings.Join(Kinds, ", "))
		return
	}
	if kind != KindBackend {
		for _, f := range setFields("Backend", reflect.ValueOf(raw.Backend)) {
			p.Add(f, "is a backend's setting, but Kind is %s; set Kind to %s, or remove it", kind, KindBackend)
		}
	}
	if kind != KindWorker {
		for _, f := range setFields("Worker", reflect.ValueOf(raw.Worker)) {
			p.Add(f, "is a worker's setting, but Kind is %s; set Kind to %s, or remove it", kind, KindWorker)
		}
	}
	if kind != KindJob {
		for _, f := range setFields("Job", reflect.ValueOf(raw.Job)) {
			p.Add(f, "is a scheduled job's setting, but Kind is %s; set Kind to %s, or remove it", kind, KindJob)
		}
	}
	if kind == KindWeb {
		return
	}
	noun := kindNoun(kind)
	for _, f := range setFields("Ingress", reflect.ValueOf(raw.Ingress)) {
		p.Add(f, "%s has no load balancer, so nothing takes this; remove it, or set Kind to %s", noun, KindWeb)
	}
	// checkPieceFields refuses the fields the component sets itself.
	lb := raw.LoadBalancer
	lb.Network, lb.Ingress, lb.DefaultTarget, lb.Routes, lb.Tags = nil, edge.IngressArgs{}, nil, nil, nil
	for _, f := range setFields("LoadBalancer", reflect.ValueOf(lb)) {
		p.Add(f, "%s has no load balancer, so nothing takes this; remove it, or set Kind to %s", noun, KindWeb)
	}
	if raw.Service.HealthCheckGracePeriod != nil {
		p.Add("Service.HealthCheckGracePeriod", "only a load balancer's health checks have a grace period, and %s has none; remove it (Container.HealthCheck is the task's own check)", noun)
	}
	switch kind {
	case KindBackend:
		for _, f := range truncated(setFields("Alarms.Thresholds", reflect.ValueOf(alarmThresholds(raw.Alarms))), 3) {
			if f == "Alarms.Thresholds.Alb5xx" || f == "Alarms.Thresholds.UnhealthyHosts" {
				p.Add(f, "%s has no load balancer or target group, so this alarm is not made; remove it (Target5xxRate and ResponseTimeP99 watch its Service Connect traffic)", noun)
			}
		}
	case KindWorker:
		checkWorkerServiceFields(p, raw)
	case KindJob:
		checkJobServiceFields(p, raw)
	}
}

// checkNoPort refuses a container port on a kind that takes no traffic.
func checkNoPort(p *check.Problems, raw PrivateFargateServiceArgs) {
	if raw.Container.Port != 0 {
		p.Add("Container.Port", "%d is set, but %s takes no inbound traffic, so nothing listens on a port; remove it (set Kind to %s for a service others call)", raw.Container.Port, kindNoun(raw.Kind), KindBackend)
	}
}

// checkWorkerServiceFields refuses on a worker what it has no use for:
// a port, Autoscaling (it scales on its backlog), and the alarms on
// traffic it does not take or on deployments its alarms do not fail.
func checkWorkerServiceFields(p *check.Problems, raw PrivateFargateServiceArgs) {
	noun := kindNoun(KindWorker)
	checkNoPort(p, raw)
	if raw.Autoscaling != nil {
		p.Add("Autoscaling", "%s scales on its queue's backlog per task, not on CPU, memory or requests; set Worker.Scaling instead, and remove it", noun)
	}
	if w := raw.Worker; w != nil && raw.Alarms == nil {
		for _, f := range truncated(setFields("Worker.AlarmThresholds", reflect.ValueOf(w.AlarmThresholds)), 3) {
			p.Add(f, "is set, but the component has no Alarms, so the queue's alarms are not made; set Alarms, or remove it")
		}
	}
	if al := raw.Alarms; al != nil {
		if al.Rollback != nil {
			p.Add("Alarms.Rollback", "no alarm of %s fails a deployment (a queue's backlog says nothing of the new tasks), so there is nothing to roll back on; remove it", noun)
		}
		for _, f := range truncated(setFields("Alarms.Thresholds", reflect.ValueOf(al.Thresholds)), 3) {
			switch f {
			case "Alarms.Thresholds.Alb5xx", "Alarms.Thresholds.Target5xxRate", "Alarms.Thresholds.UnhealthyHosts", "Alarms.Thresholds.ResponseTimeP99":
				p.Add(f, "%s takes no traffic, so this alarm is not made; remove it (Worker.AlarmThresholds set its queue's)", noun)
			}
		}
	}
}

// checkJobServiceFields refuses on a job what only an ECS service has: a
// job has none, each run starts one task.
func checkJobServiceFields(p *check.Problems, raw PrivateFargateServiceArgs) {
	noun := kindNoun(KindJob)
	checkNoPort(p, raw)
	s := raw.Service
	if s.DesiredCount != nil {
		p.Add("Service.DesiredCount", "%s has no ECS service: each run starts one task; remove it", noun)
	}
	if s.MinimumHealthyPercent != nil {
		p.Add("Service.MinimumHealthyPercent", "%s has no ECS service to deploy; remove it", noun)
	}
	if s.MaximumPercent != 0 {
		p.Add("Service.MaximumPercent", "%s has no ECS service to deploy; remove it", noun)
	}
	if raw.Autoscaling != nil {
		p.Add("Autoscaling", "%s has no ECS service to scale: each run starts one task; remove it", noun)
	}
	if al := raw.Alarms; al != nil {
		if al.Rollback != nil {
			p.Add("Alarms.Rollback", "%s has no deployment to roll back; remove it", noun)
		}
		for _, f := range truncated(setFields("Alarms.Thresholds", reflect.ValueOf(al.Thresholds)), 3) {
			p.Add(f, "%s's alarms watch its schedule, dead-letter queue and timeout, each on any occurrence, and take no threshold; remove it", noun)
		}
	}
}

// alarmThresholds are the thresholds of alarms, or none.
func alarmThresholds(a *service.AlarmArgs) service.AlarmThresholds {
	if a == nil {
		return service.AlarmThresholds{}
	}
	return a.Thresholds
}

// setFields are the paths below prefix of the fields of v that hold other
// than their zero value: a struct's by field, a pointer by what it points
// to (or itself, when that is an empty struct), a list, a map or an input
// as a whole.
func setFields(prefix string, v reflect.Value) []string {
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if v.Elem().Kind() == reflect.Struct {
			if inner := setFields(prefix, v.Elem()); len(inner) > 0 {
				return inner
			}
		}
		return []string{prefix}
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				out = append(out, setFields(prefix+"."+f.Name, v.Field(i))...)
			}
		}
		return out
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return []string{prefix}
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return nil
		}
		return []string{prefix}
	}
	if v.IsZero() {
		return nil
	}
	return []string{prefix}
}

// truncated cuts each path to its first n parts, each once, in order.
func truncated(paths []string, n int) []string {
	var out []string
	for _, p := range paths {
		parts := strings.SplitN(p, ".", n+1)
		if len(parts) > n {
			parts = parts[:n]
		}
		if cut := strings.Join(parts, "."); !slices.Contains(out, cut) {
			out = append(out, cut)
		}
	}
	return out
}

// checkWorkloadKind checks the workload of a kind other than web as its
// own constructor will, on the network and cluster the component is
// about to build (their contracts as planned: the region, NAT, the
// endpoints of the features in use, the EC2 group, ECS Exec and the
// Service Connect namespace), with its problems named by the component's
// fields. The component's own checks find some of them too; each is
// reported once.
func (a PrivateFargateServiceArgs) checkWorkloadKind(p *check.Problems, name, region string) {
	keyArn := a.plannedKey()
	net := a.plannedNetwork(name, region)
	cl := a.plannedCluster(name, region, keyArn)
	var err error
	switch kindOf(a.Kind) {
	case KindBackend:
		args := a.backendArgs(net, cl, keyArn)
		err = service.ValidateBackendService(nil, name, &args)
	case KindWorker:
		args := a.workerArgs(net, cl, keyArn)
		err = service.ValidateWorkerService(nil, name, &args)
	case KindJob:
		args := a.jobArgs(net, cl, keyArn)
		err = service.ValidateScheduledJob(nil, name, &args)
	default:
		return
	}
	ve, ok := inKind(a.Kind).Refusal(err).(*ValidationError)
	if !ok {
		if err != nil {
			p.Add("Kind", "%v", err)
		}
		return
	}
	for _, fe := range ve.Problems {
		if !slices.Contains(*p, fe) {
			*p = append(*p, fe)
		}
	}
}

// plannedKey is the key the workload will be given: the one named, or a
// value not known yet for the one the component creates.
func (a PrivateFargateServiceArgs) plannedKey() pulumi.StringInput {
	switch {
	case a.Kms == nil:
		return nil
	case a.Kms.KeyArn != nil:
		return a.Kms.KeyArn
	}
	return pulumi.StringOutput{}
}

// plannedNetwork is the contract of the network the component builds, as
// far as a workload's checks read it.
func (a PrivateFargateServiceArgs) plannedNetwork(name, region string) network.NetworkContract {
	var endpoints []string
	for _, e := range network.EndpointSet(a.endpointFeatures()) {
		endpoints = append(endpoints, e.Service)
	}
	n := network.NetworkContract{
		Name: name, Region: region, Nat: a.hasNat(), Endpoints: endpoints,
		PullThroughCache: network.CacheRoutes(a.Network.PullThroughCache),
	}
	if a.Network.SharedEndpointAccess {
		n.EndpointClientSecurityGroupId = pulumi.StringOutput{}
	}
	return n
}

// plannedCluster is the contract of the cluster the component builds, as
// far as a workload's checks read it.
func (a PrivateFargateServiceArgs) plannedCluster(name, region string, keyArn pulumi.StringInput) cluster.ClusterContract {
	c := cluster.ClusterContract{Name: name, Region: region, Fargate: !a.usesEC2()}
	if a.usesEC2() && a.Ec2 != nil {
		e := a.Ec2
		c.Groups = []cluster.Ec2GroupContract{{
			NetworkMode: e.NetworkMode, InstanceTypes: slices.Clone(e.InstanceTypes), MaxSize: e.MaxSize,
			AwsvpcTrunking: e.AwsvpcTrunking, SessionManager: e.SessionManager,
		}}
	}
	if a.Service.EnableExecuteCommand {
		c.Exec = &cluster.ExecContract{KmsKeyArn: keyArn}
	}
	if kindOf(a.Kind) == KindBackend {
		c.ServiceConnect = &cluster.ServiceConnectContract{Namespace: name}
	}
	return c
}
