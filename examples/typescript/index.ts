// One web service on one network, built from TypeScript with the
// private-fargate component package: the same Go components, and the same
// checks, as the repository's Go program. The tasks run in private
// subnets with no NAT gateway and pull from ECR through the VPC endpoints
// the network creates for them; users reach them through the public ALB.
import * as privatefargate from "@pulumi/private-fargate";

// The network's endpoints follow what its services need: "web" needs only
// image pulls and logs (ecr.api, ecr.dkr, logs and the s3 gateway).
const network = new privatefargate.Network("main", {
    features: { web: {} },
    natGateways: privatefargate.NatMode.None,
});

// The load balancer forwards everything to one service.
const edge = new privatefargate.LoadBalancer("edge", {
    network,
    defaultTarget: { port: 8080, targetType: privatefargate.TargetType.Ip },
    healthCheck: { path: "/healthz" },
});

const cluster = new privatefargate.Cluster("apps", { network });

const web = new privatefargate.WebService("web", {
    network,
    cluster,
    loadBalancer: edge,
    container: {
        // Built from the repository's sample app and pushed to the
        // service's own ECR repository.
        build: { context: "../../app" },
        port: 8080,
        environment: { LOG_LEVEL: "info" },
    },
    task: { cpu: 256, memory: 512, architecture: privatefargate.Architecture.X86_64 },
    service: {
        desiredCount: 1,
        capacityProviderStrategy: [{ provider: privatefargate.CapacityProvider.FargateSpot, weight: 1 }],
    },
    logRetentionDays: 7,
    tags: { environment: "dev" },
});

export const url = edge.url;
export const serviceName = web.serviceName;
export const endpoints = network.endpointServices;
