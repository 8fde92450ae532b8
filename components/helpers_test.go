package components

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	testRegion  = "us-east-1"
	testProject = "proj"
	testStack   = "test"
	testName    = "web"
)

// Resource type tokens the tests look up.
const (
	tVpc           = "aws:ec2/vpc:Vpc"
	tSubnet        = "aws:ec2/subnet:Subnet"
	tRoute         = "aws:ec2/route:Route"
	tRouteTable    = "aws:ec2/routeTable:RouteTable"
	tRTA           = "aws:ec2/routeTableAssociation:RouteTableAssociation"
	tNat           = "aws:ec2/natGateway:NatGateway"
	tEip           = "aws:ec2/eip:Eip"
	tDefaultSG     = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	tSG            = "aws:ec2/securityGroup:SecurityGroup"
	tIngress       = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tEgress        = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	tEndpoint      = "aws:ec2/vpcEndpoint:VpcEndpoint"
	tRepo          = "aws:ecr/repository:Repository"
	tLifecycle     = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
	tImage         = "awsx:ecr:Image"
	tALB           = "aws:lb/loadBalancer:LoadBalancer"
	tTG            = "aws:lb/targetGroup:TargetGroup"
	tListener      = "aws:lb/listener:Listener"
	tListenerRule  = "aws:lb/listenerRule:ListenerRule"
	tLogGroup      = "aws:cloudwatch/logGroup:LogGroup"
	tRole          = "aws:iam/role:Role"
	tRolePolicy    = "aws:iam/rolePolicy:RolePolicy"
	tAttachment    = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	tCluster       = "aws:ecs/cluster:Cluster"
	tCapProviders  = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
	tTaskDef       = "aws:ecs/taskDefinition:TaskDefinition"
	tService       = "aws:ecs/service:Service"
	componentToken = PrivateFargateServiceType
)

// baseArgs is the smallest valid configuration: build the image from ./app.
func baseArgs() PrivateFargateServiceArgs {
	return PrivateFargateServiceArgs{
		Region:    testRegion,
		Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./app"}},
	}
}

// outputs are the component's outputs, resolved.
type outputs struct {
	mu     sync.Mutex
	values map[string]any
}

func (o *outputs) set(k string, v any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.values[k] = v
}

// snapshot copies the values resolved so far.
func (o *outputs) snapshot() map[string]any {
	o.mu.Lock()
	defer o.mu.Unlock()
	return maps.Clone(o.values)
}

// run evaluates the component under mocks and returns what it registered,
// its resolved outputs and the error the program ended with.
func run(t testing.TB, args PrivateFargateServiceArgs) (*awsmock.Mocks, map[string]any, error) {
	t.Helper()
	return runIn(t, awsmock.New(testRegion), args)
}

// runIn is run with mocks of the test's own: another region, or hosted
// zones that exist already.
func runIn(t testing.TB, m *awsmock.Mocks, args PrivateFargateServiceArgs) (*awsmock.Mocks, map[string]any, error) {
	t.Helper()
	out := &outputs{values: map[string]any{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		c, err := NewPrivateFargateService(ctx, testName, &args)
		if err != nil {
			return err
		}
		// Exported, so the run waits for each apply: one on an output no
		// resource produces (an empty bucket name) may otherwise still be
		// pending when the program ends.
		for k, v := range c.Outputs() {
			ctx.Export(k, pulumi.ToOutput(v).ApplyT(func(v any) any { out.set(k, v); return v }))
		}
		return nil
	}, pulumi.WithMocks(testProject, testStack, m))
	return m, out.snapshot(), err
}

// mustRun is run for configurations that must be valid.
func mustRun(t testing.TB, args PrivateFargateServiceArgs) (*awsmock.Mocks, map[string]any) {
	t.Helper()
	m, out, err := run(t, args)
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	return m, out
}

// get returns one registered resource or fails the test.
func get(t testing.TB, m *awsmock.Mocks, typ, name string) *awsmock.Resource {
	t.Helper()
	return awsmock.MustFind(t, m, typ, name)
}

// in reads an input by a dotted path ("healthCheck.path",
// "loadBalancers[0].containerPort") from the resource's plain inputs.
func in(r *awsmock.Resource, path string) any {
	var cur any = r.Inputs.Mappable()
	for _, part := range strings.Split(path, ".") {
		idx := -1
		if i := strings.Index(part, "["); i >= 0 {
			fmt.Sscanf(part[i:], "[%d]", &idx)
			part = part[:i]
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
		if idx >= 0 {
			s, ok := cur.([]any)
			if !ok || idx >= len(s) {
				return nil
			}
			cur = s[idx]
		}
	}
	return cur
}

// expect compares an input with want after normalizing numbers and slices.
func expect(t testing.TB, r *awsmock.Resource, path string, want any) {
	t.Helper()
	got := in(r, path)
	if !reflect.DeepEqual(normalize(got), normalize(want)) {
		t.Errorf("%s: input %s = %#v, want %#v", r.URN, path, got, want)
	}
}

// normalize makes ints, float64s and typed slices comparable.
func normalize(v any) any { return awsmock.AsJSON(v) }

func componentURN(m *awsmock.Mocks) string {
	for _, r := range m.Resources() {
		if r.Type == componentToken {
			return r.URN
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// literalSecrets turns variable → ARN literals into container secrets
// whose kind is read from the ARN.
func literalSecrets(arns map[string]string) map[string]service.ContainerSecret {
	out := map[string]service.ContainerSecret{}
	for name, arn := range arns {
		out[name] = service.ContainerSecret{Arn: pulumi.String(arn)}
	}
	return out
}
