package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// Endpoint types, as ec2.VpcEndpoint's vpcEndpointType takes them.
const (
	EndpointInterface = "Interface"
	EndpointGateway   = "Gateway"
)

// EndpointFeatures are the things a service uses that decide which VPC
// endpoints its tasks need to work without a NAT gateway.
type EndpointFeatures struct {
	// SecretsManager is true when a container secret is a Secrets Manager ARN.
	SecretsManager bool
	// ParameterStore is true when a container secret is an SSM parameter ARN.
	ParameterStore bool
	// Ec2 is true when tasks run on EC2 container instances, whose agent
	// talks to ECS itself.
	Ec2 bool
	// SessionManager is true when the instances take Session Manager.
	SessionManager bool
	// Exec is true when the service's tasks take ECS Exec sessions.
	Exec bool
	// Kms is true when the tasks call KMS themselves, as ECS Exec does to
	// decrypt sessions encrypted with a customer key.
	Kms bool
	// Xray is true when the tasks run the tracing collector, which sends
	// traces to AWS X-Ray.
	Xray bool
	// ServiceConnect is true when the service is in a Service Connect
	// namespace, as a server or a client: ECS manages its proxy through
	// the ecs-agent endpoint.
	ServiceConnect bool
	// Sqs is true when the tasks consume an SQS queue.
	Sqs bool
	// Extra are services the user asked for by short name.
	Extra []string
}

// EndpointSpec is one VPC endpoint the service needs, and why.
type EndpointSpec struct {
	// Service is the short service name, such as "ecr.api".
	Service string
	// Type is EndpointInterface or EndpointGateway.
	Type string
	// Reasons say which features need it.
	Reasons []string
	// NeededBy names the services that need it, sorted; empty for an
	// endpoint asked for on the network as a whole.
	NeededBy []string
}

// ServiceName is the endpoint's full service name in region.
func (e EndpointSpec) ServiceName(region string) string {
	return fmt.Sprintf("com.amazonaws.%s.%s", region, e.Service)
}

// GatewayServices are the services AWS offers as gateway endpoints.
var GatewayServices = []string{"s3", "dynamodb"}

// EndpointSet derives the VPC endpoints from the features in use. Fargate
// (platform 1.4.0 and later) pulling a private ECR image and writing awslogs
// needs ecr.api, ecr.dkr and logs as interface endpoints and s3 as a gateway
// endpoint, because ECR serves image layers from S3. Each further feature
// adds its own. The result is sorted by service name, each service once.
func EndpointSet(f EndpointFeatures) []EndpointSpec {
	return EndpointUnion(map[string]EndpointFeatures{"": f}, nil)
}

// EndpointUnion is the endpoint set a network needs for every service that
// will use it: the union of each service's EndpointSet, keyed by service
// name, plus extra services the network asks for itself. Each endpoint
// lists its reasons and the services that need it. One VPC holds at most
// one interface endpoint with private DNS per service name, so the set is
// the network's, never a service's.
func EndpointUnion(services map[string]EndpointFeatures, extra []string) []EndpointSpec {
	byService := map[string]*EndpointSpec{}
	for _, name := range check.SortedKeys(services) {
		endpointsFor(byService, name, services[name], "requested in extraEndpointServices", true)
	}
	// A network no service has declared for yet still gets what every
	// service needs.
	endpointsFor(byService, "", EndpointFeatures{Extra: extra}, "requested in extraEndpointServices", len(services) == 0)
	out := make([]EndpointSpec, 0, len(byService))
	for _, e := range byService {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b EndpointSpec) int { return strings.Compare(a.Service, b.Service) })
	return out
}

// endpointsFor adds what one service's features need to byService.
// extraReason explains the extra endpoints; base adds what every service
// needs (image pull and logs).
func endpointsFor(byService map[string]*EndpointSpec, user string, f EndpointFeatures, extraReason string, base bool) {
	add := func(service, reason string) {
		e, ok := byService[service]
		if !ok {
			typ := EndpointInterface
			if slices.Contains(GatewayServices, service) {
				typ = EndpointGateway
			}
			e = &EndpointSpec{Service: service, Type: typ}
			byService[service] = e
		}
		if !slices.Contains(e.Reasons, reason) {
			e.Reasons = append(e.Reasons, reason)
		}
		if user != "" && !slices.Contains(e.NeededBy, user) {
			e.NeededBy = append(e.NeededBy, user)
			slices.Sort(e.NeededBy)
		}
	}
	if base {
		add("ecr.api", "image pull: ECR API (registry auth, manifests)")
		add("ecr.dkr", "image pull: Docker registry protocol")
		add("s3", "image pull: ECR stores image layers in S3")
		add("logs", "awslogs: container logs to CloudWatch Logs")
	}
	if f.SecretsManager {
		add("secretsmanager", "container secrets from Secrets Manager")
	}
	if f.ParameterStore {
		add("ssm", "container secrets from SSM Parameter Store")
	}
	if f.Ec2 {
		add("ecs", "EC2 container instances: the ECS agent's control plane")
		add("ecs-agent", "EC2 container instances: the ECS agent's session")
		add("ecs-telemetry", "EC2 container instances: the agent's metrics and Container Insights")
	}
	if f.SessionManager {
		add("ssm", "Session Manager on the container instances")
		add("ssmmessages", "Session Manager on the container instances: the session channel")
		add("ec2messages", "Session Manager on the container instances: the SSM agent's messages")
	}
	if f.Exec {
		add("ssmmessages", "ECS Exec: the session channel of the SSM agent in the task")
	}
	if f.Kms {
		add("kms", "ECS Exec sessions encrypted with a customer key: the tasks decrypt them")
	}
	if f.Xray {
		add("xray", "tracing: the collector sends traces to X-Ray")
	}
	if f.ServiceConnect {
		// ECS developer guide, "Amazon ECS interface VPC endpoints":
		// "Service Connect management of the Envoy proxy uses the
		// com.amazonaws.region.ecs-agent VPC endpoint" (BRIEF fact 2).
		add("ecs-agent", "Service Connect: ECS manages the task's proxy through it")
	}
	if f.Sqs {
		// Amazon SQS developer guide, "Internetwork traffic privacy":
		// the interface endpoint com.amazonaws.region.sqs, private DNS on.
		add("sqs", "queue worker: receives and deletes the queue's messages")
	}
	for _, s := range f.Extra {
		add(strings.TrimSpace(s), extraReason)
	}
}
