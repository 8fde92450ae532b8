"""The payments team's web service, from its own program, on a platform
another program runs: the platform team's network (private subnets, VPC
endpoints, no NAT gateway), its load balancer and its cluster. The
service reads the platform stack's "platform" output, the platform
contract, and owns only what it creates: its target group and listener
rule, task security group, task definition, roles, repository and logs.
Destroying this stack leaves the platform and every other service as they
are. It is examples/typescript-service in Python: the same service, so
deploy one of the two."""

import pulumi
import pulumi_private_fargate as privatefargate

config = pulumi.Config()

# The platform program's stack. Its contract is read at preview as at
# update, so the service is checked against the platform (its endpoints,
# capacity providers, the team's priority block, the certificate's names)
# before anything is created.
platform = pulumi.StackReference("platform", stack_name=config.require("platformStack"))

payments = privatefargate.WebService(
    "payments",
    platform=platform.require_output("platform"),
    load_balancer_name="main",
    # The service's own listener rule: its host, which the platform's
    # *.example.com certificate covers, on the HTTPS listener when the
    # load balancer has one, with a priority derived from the service's
    # name inside the payments team's block.
    route=privatefargate.ServiceRouteArgs(hosts=["payments.example.com"], team="payments"),
    container=privatefargate.ContainerArgs(
        # Built from the repository's sample app and pushed to the
        # service's own ECR repository.
        build=privatefargate.ImageBuildArgs(context="../../app"),
        port=8080,
        environment={"LOG_LEVEL": "info"},
    ),
    task=privatefargate.TaskArgs(cpu=256, memory=512, architecture=privatefargate.Architecture.X86_64),
    service=privatefargate.EcsServiceArgs(
        desired_count=2,
        capacity_provider_strategy=[
            privatefargate.CapacityProviderStrategyItemArgs(
                provider=privatefargate.CapacityProvider.FARGATE_SPOT, weight=1
            )
        ],
    ),
    health_check=privatefargate.TargetHealthCheckArgs(path="/healthz"),
    log_retention_days=30,
    tags={"team": "payments"},
)

pulumi.export("serviceName", payments.service_name)
pulumi.export("repositoryUrl", payments.repository_url)
pulumi.export("url", "https://payments.example.com")
