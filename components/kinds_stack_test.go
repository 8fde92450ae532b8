package components

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A worker and a scheduled job in a service stack, on a platform contract
// as a deployed platform exports it: they run on its private subnets and
// cluster, join its endpoint-clients group, and a worker on a platform
// without the sqs endpoint is refused with the platform's fix, registering
// nothing.
func TestWorkerAndJobRunOnAPlatformContract(t *testing.T) {
	const ecrImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"
	run := func(js string) (*awsmock.Mocks, error) {
		c, err := ParsePlatformContract(js)
		if err != nil {
			t.Fatal(err)
		}
		m := awsmock.New(testRegion)
		err = pulumi.RunErr(func(ctx *pulumi.Context) error {
			if _, err := service.NewWorkerService(ctx, "billing", &service.WorkerServiceArgs{Network: c, Cluster: c,
				Container: service.ContainerArgs{Image: pulumi.String(ecrImage)}}); err != nil {
				return err
			}
			_, err := service.NewScheduledJob(ctx, "nightly", &service.ScheduledJobArgs{Network: c, Cluster: c,
				Schedule: "cron(0 3 * * ? *)", Container: service.ContainerArgs{Image: pulumi.String(ecrImage)}})
			return err
		}, pulumi.WithMocks(testProject, testStack, m))
		return m, err
	}
	withSqs := strings.Replace(attachJSON, `"logs":"Interface"`, `"logs":"Interface","sqs":"Interface"`, 1)
	m, err := run(withSqs)
	if err != nil {
		t.Fatalf("service stack failed: %v", err)
	}
	svc := get(t, m, tService, "billing-service")
	expect(t, svc, "cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/plat")
	expect(t, svc, "networkConfiguration.subnets", []any{"subnet-0a1", "subnet-0b2"})
	expect(t, svc, "networkConfiguration.securityGroups", []any{"billing-task-sg_id", "sg-0e2"})
	schedule := get(t, m, "aws:scheduler/schedule:Schedule", "nightly-schedule")
	expect(t, schedule, "target.arn", "arn:aws:ecs:us-east-1:123456789012:cluster/plat")
	expect(t, schedule, "target.ecsParameters.networkConfiguration.subnets", []any{"subnet-0a1", "subnet-0b2"})

	m, err = run(attachJSON)
	if err == nil || !strings.Contains(err.Error(), `worker service billing needs the sqs endpoint`) || !strings.Contains(err.Error(), `add "sqs" to its ExtraEndpointServices (a platform's Endpoints)`) {
		t.Fatalf("error = %v, want the missing sqs endpoint refused with the platform's fix", err)
	}
	for _, r := range m.Resources() {
		if strings.HasPrefix(r.Name, "billing") {
			t.Errorf("%s registered although billing was refused", r.URN)
		}
	}
}
