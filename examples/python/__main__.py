"""One web service on one network, built from Python with the
private-fargate component package: the same Go components, and the same
checks, as the repository's Go program. The tasks run in private subnets
with no NAT gateway and pull from ECR through the VPC endpoints the network
creates for them; users reach them through the public ALB."""

import pulumi
import pulumi_private_fargate as privatefargate

# The network's endpoints follow what its services need: "web" needs only
# image pulls and logs (ecr.api, ecr.dkr, logs and the s3 gateway).
network = privatefargate.Network(
    "main",
    features={"web": privatefargate.EndpointFeaturesArgs()},
    nat_gateways=privatefargate.NatMode.NONE,
)

# The load balancer forwards everything to one service.
edge = privatefargate.LoadBalancer(
    "edge",
    network=network,
    default_target=privatefargate.DefaultTargetArgs(port=8080, target_type=privatefargate.TargetType.IP),
    health_check=privatefargate.TargetHealthCheckArgs(path="/healthz"),
)

cluster = privatefargate.Cluster("apps", network=network)

web = privatefargate.WebService(
    "web",
    network=network,
    cluster=cluster,
    load_balancer=edge,
    container=privatefargate.ContainerArgs(
        # Built from the repository's sample app and pushed to the
        # service's own ECR repository.
        build=privatefargate.ImageBuildArgs(context="../../app"),
        port=8080,
        environment={"LOG_LEVEL": "info"},
    ),
    task=privatefargate.TaskArgs(cpu=256, memory=512, architecture=privatefargate.Architecture.X86_64),
    service=privatefargate.EcsServiceArgs(
        desired_count=1,
        capacity_provider_strategy=[
            privatefargate.CapacityProviderStrategyItemArgs(
                provider=privatefargate.CapacityProvider.FARGATE_SPOT, weight=1
            )
        ],
    ),
    log_retention_days=7,
    tags={"environment": "dev"},
)

pulumi.export("url", edge.url)
pulumi.export("serviceName", web.service_name)
pulumi.export("endpoints", network.endpoint_services)
