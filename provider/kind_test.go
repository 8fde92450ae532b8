package main

import (
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// A PrivateFargateService of each kind other than web crosses the wire
// as the Go program builds it: kind as an enum, the kind's own settings
// as objects, and no load balancer on either side.
func TestKindsOverTheWireRegisterWhatTheGoProgramDoes(t *testing.T) {
	files, name, dev := devStack(t)
	dev.Ingress, dev.LoadBalancer, dev.Service.HealthCheckGracePeriod = edge.IngressArgs{}, edge.LoadBalancerArgs{}, nil
	backend := dev
	backend.Kind = components.KindBackend
	backend.Backend = &components.BackendKindArgs{DiscoveryName: "orders", AppProtocol: service.AppProtocolGrpc}
	worker := dev
	worker.Kind, worker.Container.Port = components.KindWorker, 0
	worker.Worker = &components.WorkerKindArgs{Scaling: &service.WorkerScalingArgs{MaxCount: 3, BacklogPerTask: 20}}
	job := dev
	job.Kind, job.Container.Port = components.KindJob, 0
	job.Service.DesiredCount, job.Service.MinimumHealthyPercent, job.Service.MaximumPercent = nil, nil, 0
	job.Job = &components.JobKindArgs{Schedule: "rate(6 hours)", Timeout: 600}
	for _, tc := range []struct {
		kind string
		args components.PrivateFargateServiceArgs
		want string // a resource only this kind registers
	}{
		{"backend", backend, "aws:servicediscovery/httpNamespace:HttpNamespace"},
		{"worker", worker, "aws:sqs/queue:Queue"},
		{"job", job, "aws:scheduler/schedule:Schedule"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			wire := componentOverTheWire(t, files, name, tc.args, "of kind "+tc.kind)
			if len(wire.ByType(tc.want)) == 0 {
				t.Errorf("no %s over the wire", tc.want)
			}
			if rs := wire.ByType("aws:lb/loadBalancer:LoadBalancer"); len(rs) != 0 {
				t.Errorf("%s: a load balancer for a %s", rs[0].URN, tc.kind)
			}
		})
	}
}
