package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// endpoints are the VPC endpoints by short service name.
type endpoints struct {
	byService       map[string]*ec2.VpcEndpoint
	gatewayServices []string
	all             []pulumi.Resource
}

// endpoints creates the endpoint set: interface endpoints in every private
// subnet with private DNS on and the endpoint security group, and gateway
// endpoints on every private route table.
func (b *builder) endpoints(net *network, sgs *securityGroups) (*endpoints, error) {
	out := &endpoints{byService: map[string]*ec2.VpcEndpoint{}}
	subnets := subnetIds(net.private)
	routeTables := make(pulumi.StringArray, len(net.privateRouteTables))
	for i, rt := range net.privateRouteTables {
		routeTables[i] = rt.ID().ToStringOutput()
	}
	for _, spec := range b.comp.Endpoints {
		name := b.name + "-vpce-" + strings.ReplaceAll(spec.Service, ".", "-")
		args := &ec2.VpcEndpointArgs{
			VpcId:           net.vpc.ID(),
			ServiceName:     pulumi.String(spec.ServiceName(b.region)),
			VpcEndpointType: pulumi.String(spec.Type),
			Tags:            b.tags(name),
		}
		if spec.Type == EndpointGateway {
			args.RouteTableIds = routeTables
		} else {
			args.SubnetIds = subnets
			args.SecurityGroupIds = pulumi.StringArray{sgs.endpoint.ID()}
			args.PrivateDnsEnabled = pulumi.Bool(true)
		}
		ep, err := ec2.NewVpcEndpoint(b.ctx, name, args, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create %s endpoint: %w", spec.Service, err)
		}
		out.byService[spec.Service] = ep
		out.all = append(out.all, ep)
		if spec.Type == EndpointGateway {
			out.gatewayServices = append(out.gatewayServices, spec.Service)
		}
	}
	return out, nil
}
