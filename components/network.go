package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// network is the VPC and what routes inside it.
type network struct {
	vpc                *ec2.Vpc
	public             []*ec2.Subnet
	private            []*ec2.Subnet
	privateRouteTables []*ec2.RouteTable
	natGateways        []*ec2.NatGateway
}

// network creates the VPC with DNS support and hostnames on (private DNS on
// interface endpoints needs both), a public and a private subnet per AZ, an
// internet gateway for the public side only, and one private route table per
// AZ with no route out unless NAT is asked for.
func (b *builder) network() (*network, error) {
	n := b.args.Network
	publicCidrs, privateCidrs, err := SubnetCidrs(n.CidrBlock, len(b.azs))
	if err != nil {
		return nil, fmt.Errorf("split VPC CIDR: %w", err)
	}
	out := &network{}
	name := b.name + "-vpc"
	out.vpc, err = ec2.NewVpc(b.ctx, name, &ec2.VpcArgs{
		CidrBlock:          pulumi.String(n.CidrBlock),
		EnableDnsSupport:   pulumi.Bool(true),
		EnableDnsHostnames: pulumi.Bool(true),
		Tags:               b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create VPC: %w", err)
	}
	vpcID := out.vpc.ID()

	// Adopting the default security group with no rules removes AWS's
	// allow-all rules from it, so nothing placed in it by mistake can talk.
	name = b.name + "-default-sg"
	if _, err := ec2.NewDefaultSecurityGroup(b.ctx, name, &ec2.DefaultSecurityGroupArgs{
		VpcId: vpcID,
		Tags:  b.tags(name),
	}, b.opts()...); err != nil {
		return nil, fmt.Errorf("restrict default security group: %w", err)
	}

	name = b.name + "-igw"
	igw, err := ec2.NewInternetGateway(b.ctx, name, &ec2.InternetGatewayArgs{
		VpcId: vpcID,
		Tags:  b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create internet gateway: %w", err)
	}

	name = b.name + "-public-rt"
	publicRT, err := ec2.NewRouteTable(b.ctx, name, &ec2.RouteTableArgs{
		VpcId: vpcID,
		Tags:  b.tags(name),
	}, b.opts()...)
	if err != nil {
		return nil, fmt.Errorf("create public route table: %w", err)
	}
	if _, err := ec2.NewRoute(b.ctx, b.name+"-public-internet", &ec2.RouteArgs{
		RouteTableId:         publicRT.ID(),
		DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
		GatewayId:            igw.ID(),
	}, b.opts()...); err != nil {
		return nil, fmt.Errorf("create public internet route: %w", err)
	}

	for i, az := range b.azs {
		name = fmt.Sprintf("%s-public-%d", b.name, i)
		sub, err := ec2.NewSubnet(b.ctx, name, &ec2.SubnetArgs{
			VpcId:            vpcID,
			CidrBlock:        pulumi.String(publicCidrs[i]),
			AvailabilityZone: pulumi.String(az),
			// The ALB and NAT gateways get their own addresses; nothing
			// else in a public subnet should get one by default.
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags:                b.tags(name),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create public subnet %d: %w", i, err)
		}
		if _, err := ec2.NewRouteTableAssociation(b.ctx, name+"-rta", &ec2.RouteTableAssociationArgs{
			SubnetId:     sub.ID(),
			RouteTableId: publicRT.ID(),
		}, b.opts()...); err != nil {
			return nil, fmt.Errorf("associate public subnet %d: %w", i, err)
		}
		out.public = append(out.public, sub)

		name = fmt.Sprintf("%s-private-%d", b.name, i)
		sub, err = ec2.NewSubnet(b.ctx, name, &ec2.SubnetArgs{
			VpcId:               vpcID,
			CidrBlock:           pulumi.String(privateCidrs[i]),
			AvailabilityZone:    pulumi.String(az),
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags:                b.tags(name),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create private subnet %d: %w", i, err)
		}
		rt, err := ec2.NewRouteTable(b.ctx, name+"-rt", &ec2.RouteTableArgs{
			VpcId: vpcID,
			Tags:  b.tags(name + "-rt"),
		}, b.opts()...)
		if err != nil {
			return nil, fmt.Errorf("create private route table %d: %w", i, err)
		}
		if _, err := ec2.NewRouteTableAssociation(b.ctx, name+"-rta", &ec2.RouteTableAssociationArgs{
			SubnetId:     sub.ID(),
			RouteTableId: rt.ID(),
		}, b.opts()...); err != nil {
			return nil, fmt.Errorf("associate private subnet %d: %w", i, err)
		}
		out.private = append(out.private, sub)
		out.privateRouteTables = append(out.privateRouteTables, rt)
	}

	if err := b.natGateways(out, igw); err != nil {
		return nil, err
	}
	return out, nil
}

// natGateways adds the optional NAT gateways and the private default routes
// through them. With NatNone the private route tables keep no route out.
func (b *builder) natGateways(out *network, igw *ec2.InternetGateway) error {
	count := 0
	switch b.args.Network.NatGateways {
	case NatSingle:
		count = 1
	case NatPerAz:
		count = len(b.azs)
	}
	for i := 0; i < count; i++ {
		name := fmt.Sprintf("%s-nat-%d", b.name, i)
		eip, err := ec2.NewEip(b.ctx, name+"-eip", &ec2.EipArgs{
			Domain: pulumi.String("vpc"),
			Tags:   b.tags(name + "-eip"),
		}, b.opts(pulumi.DependsOn([]pulumi.Resource{igw}))...)
		if err != nil {
			return fmt.Errorf("create NAT address %d: %w", i, err)
		}
		nat, err := ec2.NewNatGateway(b.ctx, name, &ec2.NatGatewayArgs{
			AllocationId: eip.ID(),
			SubnetId:     out.public[i].ID(),
			Tags:         b.tags(name),
		}, b.opts(pulumi.DependsOn([]pulumi.Resource{igw}))...)
		if err != nil {
			return fmt.Errorf("create NAT gateway %d: %w", i, err)
		}
		out.natGateways = append(out.natGateways, nat)
	}
	if count == 0 {
		return nil
	}
	for i, rt := range out.privateRouteTables {
		nat := out.natGateways[min(i, count-1)]
		if _, err := ec2.NewRoute(b.ctx, fmt.Sprintf("%s-private-%d-nat", b.name, i), &ec2.RouteArgs{
			RouteTableId:         rt.ID(),
			DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
			NatGatewayId:         nat.ID(),
		}, b.opts()...); err != nil {
			return fmt.Errorf("create NAT route %d: %w", i, err)
		}
	}
	return nil
}

func subnetIds(subnets []*ec2.Subnet) pulumi.StringArrayOutput {
	ids := make(pulumi.StringArray, len(subnets))
	for i, s := range subnets {
		ids[i] = s.ID().ToStringOutput()
	}
	return ids.ToStringArrayOutput()
}
