package cluster

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
	"github.com/private-fargate/pulumi-private-ecs/components/internal/piece"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AMI parameters AWS publishes for the ECS-optimized Amazon Linux 2023 AMI.
const (
	EcsAmiParameterX86   = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
	ecsAmiParameterArm64 = "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
)

// ec2Group is one Auto Scaling group of container instances and its ECS
// capacity provider.
type ec2Group struct {
	args     Ec2CapacityArgs // defaulted
	provider *ecs.CapacityProvider
	asg      *autoscaling.Group
	// instanceSG is the instances' security group; in bridge mode the
	// tasks share it.
	instanceSG pulumi.StringOutput
	// admitted are the load balancers the group admits on the dynamic
	// host ports (bridge mode), by name.
	admitted []string
}

// userData configures the ECS agent: join the cluster, give tasks their
// task role, keep 256 MiB for the agent, and in awsvpc mode stop tasks from
// reading the instance's metadata (and so its credentials).
func userData(cluster, networkMode string) string {
	lines := []string{
		"#!/bin/bash",
		"cat <<'EOF' >> /etc/ecs/ecs.config",
		"ECS_CLUSTER=" + cluster,
		"ECS_ENABLE_TASK_IAM_ROLE=true",
		fmt.Sprintf("ECS_RESERVED_MEMORY=%d", AgentReservedMiB),
		"ECS_ENABLE_CONTAINER_METADATA=true",
	}
	if networkMode == NetworkAwsvpc {
		// Bridge-mode containers are one hop further than the instance,
		// so the launch template's hop limit of 1 already keeps them out.
		lines = append(lines, "ECS_AWSVPC_BLOCK_IMDS=true")
	}
	lines = append(lines, "EOF", "")
	return strings.Join(lines, "\n")
}

// ec2Capacity creates the container instances: a role and instance
// profile, a launch template (ECS-optimized AMI, IMDSv2 with hop limit 1, no
// public IP, encrypted root volume), an Auto Scaling group in the private
// subnets, and a capacity provider with managed scaling.
//
// Destroy does not hang: the group is force-deleted (its instances go even
// when scale-in protected), and the service depends on the cluster
// association, which depends on the capacity provider, which depends on the
// group, so they are removed in the order service, association, capacity
// provider, group.
func newEc2Group(cf *piece.Family, c *ecs.Cluster, n network.NetworkContract, lbs []edge.LoadBalancerContract, e Ec2CapacityArgs) (*ec2Group, error) {
	// The group's children are named <cluster>-<group>-...; the one group
	// of a PrivateFargateService keeps the released <cluster>-... names.
	g := *cf
	g.Component = cf.Name
	if e.Name != "" {
		g.Name = cf.Name + "-" + e.Name
	}
	gp := &groupParts{f: &g, e: e, n: n, cluster: c, lbs: lbs, part: check.Partition(n.Region)}
	for _, step := range []func() error{gp.instanceGroup, gp.instanceProfile, gp.launchTemplate, gp.autoScalingGroup, gp.capacityProvider} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return &ec2Group{args: e, provider: gp.cp, asg: gp.asg, instanceSG: gp.sg.ID().ToStringOutput(), admitted: gp.admitted}, nil
}

// groupParts are what an EC2 group's steps hand each other.
type groupParts struct {
	f       *piece.Family
	e       Ec2CapacityArgs // defaulted
	n       network.NetworkContract
	cluster *ecs.Cluster
	lbs     []edge.LoadBalancerContract
	part    string

	sg *ec2.SecurityGroup
	// groups are the instances' security groups; waitFor is what the
	// Auto Scaling group waits for (the rules and the role's policies).
	groups   pulumi.StringArray
	waitFor  []pulumi.Resource
	admitted []string
	profile  *iam.InstanceProfile
	lt       *ec2.LaunchTemplate
	asg      *autoscaling.Group
	cp       *ecs.CapacityProvider
}

// instanceGroup creates the instances' security group and their way to
// the endpoints (the network's endpoint-clients group, or rules of their
// own), and in bridge mode opens the dynamic host ports to the load
// balancers.
func (gp *groupParts) instanceGroup() error {
	f, e, n, lbs := gp.f, gp.e, gp.n, gp.lbs

	desc := "ECS container instances: HTTPS out to the VPC endpoints"
	if e.NetworkMode == NetworkBridge {
		desc = "ECS container instances: dynamic host ports from the load balancer, HTTPS out to the VPC endpoints"
	}
	sgName := f.Name + "-instance-sg"
	sg, err := ec2.NewSecurityGroup(f.Ctx, sgName, &ec2.SecurityGroupArgs{
		VpcId:       n.VpcId,
		Description: pulumi.String(desc),
		Tags:        f.TagsFor(sgName),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create instance security group: %w", err)
	}
	groups := pulumi.StringArray{sg.ID()}
	var rules []pulumi.Resource
	if n.EndpointClientSecurityGroupId != nil {
		groups = append(groups, n.EndpointClientSecurityGroupId)
	} else if rules, err = network.NewRules(f, network.AccessRules("instance", "the container instances", sg.ID(), n)); err != nil {
		return err
	}
	var admitted []string
	if e.NetworkMode == NetworkBridge {
		made, joined, err := admitLoadBalancers(f, sg.ID().ToStringOutput(), lbs)
		if err != nil {
			return err
		}
		rules = append(rules, made...)
		groups = append(groups, joined...)
		for _, l := range lbs {
			admitted = append(admitted, l.Name)
		}
	}

	gp.sg, gp.groups, gp.admitted = sg, groups, admitted
	gp.waitFor = append(gp.waitFor, rules...)
	return nil
}

// instanceProfile creates the instances' role, its managed policies (the
// ECS agent's, and Session Manager's when asked for) and its profile.
func (gp *groupParts) instanceProfile() error {
	f, e, part := gp.f, gp.e, gp.part
	name := f.Name + "-instance-role"
	role, err := iam.NewRole(f.Ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("ECS container instances of " + f.Name),
		AssumeRolePolicy: pulumi.String(piece.AssumeRolePolicy("ec2.amazonaws.com")),
		Tags:             f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create instance role: %w", err)
	}
	policies := []struct{ suffix, arn string }{
		{"ecs", "arn:" + part + ":iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"},
	}
	if e.SessionManager {
		policies = append(policies, struct{ suffix, arn string }{"ssm", "arn:" + part + ":iam::aws:policy/AmazonSSMManagedInstanceCore"})
	}
	var attachments []pulumi.Resource
	for _, pol := range policies {
		att, err := iam.NewRolePolicyAttachment(f.Ctx, f.Name+"-instance-"+pol.suffix, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.String(pol.arn),
		}, f.Opts()...)
		if err != nil {
			return fmt.Errorf("attach instance policy %s: %w", pol.suffix, err)
		}
		attachments = append(attachments, att)
	}
	name = f.Name + "-instance-profile"
	profile, err := iam.NewInstanceProfile(f.Ctx, name, &iam.InstanceProfileArgs{
		Role: role.Name,
		Tags: f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create instance profile: %w", err)
	}

	gp.profile = profile
	gp.waitFor = append(attachments, gp.waitFor...)
	return nil
}

// launchTemplate creates the instances' launch template: the
// ECS-optimized AMI, IMDSv2 with hop limit 1, no public IP, an encrypted
// root volume, and the agent's configuration.
func (gp *groupParts) launchTemplate() error {
	f, e, c, profile, groups := gp.f, gp.e, gp.cluster, gp.profile, gp.groups
	var ami pulumi.StringInput = pulumi.String(e.AmiId)
	if e.AmiId == "" {
		param := EcsAmiParameterX86
		if e.AmiArchitecture == "arm64" {
			param = ecsAmiParameterArm64
		}
		ami = ssm.LookupParameterOutput(f.Ctx, ssm.LookupParameterOutputArgs{Name: pulumi.String(param)},
			pulumi.Parent(f.Parent)).Value()
	}
	data := c.Name.ApplyT(func(cluster string) string {
		return base64.StdEncoding.EncodeToString([]byte(userData(cluster, e.NetworkMode)))
	}).(pulumi.StringOutput)

	name := f.Name + "-lt"
	instanceTags := f.TagsFor(f.Name + "-instance")
	lt, err := ec2.NewLaunchTemplate(f.Ctx, name, &ec2.LaunchTemplateArgs{
		Description:  pulumi.String("ECS container instances of " + f.Name),
		ImageId:      ami,
		InstanceType: pulumi.String(e.InstanceTypes[0]),
		IamInstanceProfile: &ec2.LaunchTemplateIamInstanceProfileArgs{
			Arn: profile.Arn,
		},
		MetadataOptions: &ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"),
			HttpPutResponseHopLimit: pulumi.Int(imdsHopLimit),
			InstanceMetadataTags:    pulumi.String("disabled"),
		},
		NetworkInterfaces: ec2.LaunchTemplateNetworkInterfaceArray{&ec2.LaunchTemplateNetworkInterfaceArgs{
			DeviceIndex:              pulumi.Int(0),
			AssociatePublicIpAddress: pulumi.String("false"),
			DeleteOnTermination:      pulumi.String("true"),
			SecurityGroups:           groups,
		}},
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{&ec2.LaunchTemplateBlockDeviceMappingArgs{
			DeviceName: pulumi.String("/dev/xvda"),
			Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
				VolumeSize:          pulumi.Int(e.RootVolumeSize),
				VolumeType:          pulumi.String("gp3"),
				Encrypted:           pulumi.String("true"),
				DeleteOnTermination: pulumi.String("true"),
			},
		}},
		UserData:             data,
		UpdateDefaultVersion: pulumi.Bool(true),
		TagSpecifications: ec2.LaunchTemplateTagSpecificationArray{
			&ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("instance"), Tags: instanceTags},
			&ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("volume"), Tags: instanceTags},
		},
		Tags: f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create launch template: %w", err)
	}
	gp.lt = lt
	return nil
}

// autoScalingGroup creates the group in the private subnets, from the
// launch template, once the rules and the role's policies exist.
func (gp *groupParts) autoScalingGroup() error {
	f, e, n, lt := gp.f, gp.e, gp.n, gp.lt
	// A version number, not $Latest: a new template version changes the
	// group, which starts an instance refresh.
	version := lt.LatestVersion.ApplyT(func(v int) string { return fmt.Sprint(v) }).(pulumi.StringOutput)

	name := f.Name + "-asg"
	asgArgs := &autoscaling.GroupArgs{
		VpcZoneIdentifiers: n.PrivateSubnetIds,
		MinSize:            pulumi.Int(e.MinSize),
		MaxSize:            pulumi.Int(e.MaxSize),
		DesiredCapacity:    pulumi.Int(*e.DesiredCapacity),
		ProtectFromScaleIn: pulumi.Bool(e.ManagedTerminationProtection),
		ForceDelete:        pulumi.Bool(true),
		HealthCheckType:    pulumi.String("EC2"),
		InstanceRefresh: &autoscaling.GroupInstanceRefreshArgs{
			Strategy: pulumi.String("Rolling"),
			Preferences: &autoscaling.GroupInstanceRefreshPreferencesArgs{
				MinHealthyPercentage:      pulumi.Int(50),
				ScaleInProtectedInstances: pulumi.String("Refresh"),
				StandbyInstances:          pulumi.String("Terminate"),
			},
		},
		Tags: asgTags(f, name),
	}
	if len(e.InstanceTypes) == 1 {
		asgArgs.LaunchTemplate = &autoscaling.GroupLaunchTemplateArgs{Id: lt.ID(), Version: version}
	} else {
		overrides := autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArray{}
		for _, t := range e.InstanceTypes {
			overrides = append(overrides, &autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs{InstanceType: pulumi.String(t)})
		}
		asgArgs.MixedInstancesPolicy = &autoscaling.GroupMixedInstancesPolicyArgs{
			InstancesDistribution: &autoscaling.GroupMixedInstancesPolicyInstancesDistributionArgs{
				OnDemandPercentageAboveBaseCapacity: pulumi.Int(100),
			},
			LaunchTemplate: &autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs{
				LaunchTemplateSpecification: &autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs{
					LaunchTemplateId: lt.ID(),
					Version:          version,
				},
				Overrides: overrides,
			},
		}
	}
	// The instances' agent must reach ECS, ECR and CloudWatch as soon as
	// it starts: wait for the network (its endpoints) and the rules.
	asgOpts := []pulumi.ResourceOption{pulumi.DependsOn(gp.waitFor)}
	if *e.ManagedScaling {
		// ECS moves the desired capacity; a later `pulumi up` must not
		// undo it.
		asgOpts = append(asgOpts, pulumi.IgnoreChanges([]string{"desiredCapacity"}))
	}
	asg, err := autoscaling.NewGroup(f.Ctx, name, asgArgs, f.Opts(asgOpts...)...)
	if err != nil {
		return fmt.Errorf("create Auto Scaling group: %w", err)
	}

	gp.asg = asg
	return nil
}

// capacityProvider creates the group's ECS capacity provider with
// managed scaling and draining.
func (gp *groupParts) capacityProvider() error {
	f, e, asg := gp.f, gp.e, gp.asg
	enabled := func(on bool) pulumi.String {
		if on {
			return "ENABLED"
		}
		return "DISABLED"
	}
	name := f.Name + "-ec2"
	cp, err := ecs.NewCapacityProvider(f.Ctx, name, &ecs.CapacityProviderArgs{
		AutoScalingGroupProvider: &ecs.CapacityProviderAutoScalingGroupProviderArgs{
			AutoScalingGroupArn:          asg.Arn,
			ManagedTerminationProtection: enabled(e.ManagedTerminationProtection),
			ManagedDraining:              pulumi.String("ENABLED"),
			ManagedScaling: &ecs.CapacityProviderAutoScalingGroupProviderManagedScalingArgs{
				Status:                 enabled(*e.ManagedScaling),
				TargetCapacity:         pulumi.Int(e.TargetCapacity),
				MinimumScalingStepSize: pulumi.Int(1),
				MaximumScalingStepSize: pulumi.Int(10),
			},
		},
		Tags: f.TagsFor(name),
	}, f.Opts()...)
	if err != nil {
		return fmt.Errorf("create capacity provider: %w", err)
	}
	gp.cp = cp
	return nil
}

// asgTags are the group's tags, propagated to its instances, plus the
// AmazonECSManaged tag that ECS managed scaling requires.
func asgTags(f *piece.Family, name string) autoscaling.GroupTagArray {
	tags := f.TagsFor(name)
	out := autoscaling.GroupTagArray{&autoscaling.GroupTagArgs{
		Key: pulumi.String("AmazonECSManaged"), Value: pulumi.String(""), PropagateAtLaunch: pulumi.Bool(true),
	}}
	for _, k := range check.SortedKeys(tags) {
		// The launch template names the instances; the group's Name
		// stays on the group.
		propagate := k != "Name"
		out = append(out, &autoscaling.GroupTagArgs{Key: pulumi.String(k), Value: tags[k], PropagateAtLaunch: pulumi.Bool(propagate)})
	}
	return out
}

// admitLoadBalancers opens a bridge-mode group's dynamic host ports
// 32768-65535 to each load balancer (BRIEF fact 12: bridge tasks get a
// host port from that range, and the target group registers the
// instance): an ingress rule on the instances' group from the ALB's
// group, and an egress rule on the ALB's group to the instances, unless
// the load balancer reaches its targets through its targets group, which
// the instances then join. The rules belong to the group, so any number
// of services on it share one pair per load balancer (AWS refuses a
// duplicate rule). It returns the rules and the groups the instances join.
func admitLoadBalancers(f *piece.Family, instanceSG pulumi.StringOutput, lbs []edge.LoadBalancerContract) ([]pulumi.Resource, pulumi.StringArray, error) {
	var made []pulumi.Resource
	var joined pulumi.StringArray
	for i, l := range lbs {
		out, in := "alb-out-instance", "instance-in-alb"
		if i > 0 {
			out, in = fmt.Sprintf("alb-%d-out-instance", i), fmt.Sprintf("instance-in-alb-%d", i)
		}
		rules := []piece.SgRule{{
			Suffix: in, Group: instanceSG, Ingress: true, Port: DynamicPortLow, ToPort: DynamicPortHigh, Peer: l.SecurityGroupId,
			Description: fmt.Sprintf("From load balancer %s on dynamic host ports %d-%d", l.Name, DynamicPortLow, DynamicPortHigh),
		}}
		if l.TargetSecurityGroupId != nil {
			joined = append(joined, l.TargetSecurityGroupId)
		} else {
			rules = append(rules, piece.SgRule{
				Suffix: out, Group: l.SecurityGroupId, Port: DynamicPortLow, ToPort: DynamicPortHigh, Peer: instanceSG,
				Description: fmt.Sprintf("To the container instances on dynamic host ports %d-%d", DynamicPortLow, DynamicPortHigh),
			})
		}
		for _, r := range rules {
			res, err := piece.NewRule(f, r, bridgeRuleAlias(f)...)
			if err != nil {
				return nil, nil, err
			}
			made = append(made, res)
		}
	}
	return made, joined, nil
}

// bridgeRuleAlias keeps a one-call component's bridge rules where
// releases between the split into pieces and this one put them: under
// its WebService, which has the component's name, as the cluster does.
func bridgeRuleAlias(f *piece.Family) []pulumi.ResourceOption {
	if f.Released() == nil {
		return nil
	}
	svc := pulumi.CreateURN(pulumi.String(f.Name), pulumi.String(check.WebServiceType), f.Released().URN(),
		pulumi.String(f.Ctx.Project()), pulumi.String(f.Ctx.Stack()))
	return []pulumi.ResourceOption{pulumi.Aliases([]pulumi.Alias{{ParentURN: svc}})}
}
