// The payments team's web service, from its own program, on a platform
// another program runs: the platform team's network (private subnets, VPC
// endpoints, no NAT gateway), its load balancer and its cluster. The
// service reads the platform stack's "platform" output, the platform
// contract, and owns only what it creates: its target group and listener
// rule, task security group, task definition, roles, repository and logs.
// Destroying this stack leaves the platform and every other service as
// they are.
import * as pulumi from "@pulumi/pulumi";
import * as privatefargate from "@pulumi/private-fargate";

const config = new pulumi.Config();

// The platform program's stack. Its contract is read at preview as at
// update, so the service is checked against the platform (its endpoints,
// capacity providers, the team's priority block, the certificate's
// names) before anything is created.
const platform = new pulumi.StackReference("platform", { name: config.require("platformStack") });

const payments = new privatefargate.WebService("payments", {
    platform: platform.requireOutput("platform"),
    loadBalancerName: config.get("loadBalancer") ?? "main",
    // The service's own listener rule: its host, on the HTTPS listener
    // when the load balancer has one, with a priority derived from the
    // service's name inside the payments team's block.
    route: { hosts: ["payments.example.com"], team: "payments" },
    container: {
        // Built from the repository's sample app and pushed to the
        // service's own ECR repository.
        build: { context: "../../app" },
        port: 8080,
        environment: { LOG_LEVEL: "info" },
    },
    task: { cpu: 256, memory: 512, architecture: privatefargate.Architecture.X86_64 },
    service: {
        desiredCount: 2,
        capacityProviderStrategy: [{ provider: privatefargate.CapacityProvider.FargateSpot, weight: 1 }],
    },
    healthCheck: { path: "/healthz" },
    logRetentionDays: 30,
    tags: { team: "payments" },
});

export const serviceName = payments.serviceName;
export const repositoryUrl = payments.repositoryUrl;
export const url = "https://payments.example.com";
