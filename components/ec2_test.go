package components

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/cluster"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	tLaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate"
	tASG            = "aws:autoscaling/group:Group"
	tCapProvider    = "aws:ecs/capacityProvider:CapacityProvider"
	tProfile        = "aws:iam/instanceProfile:InstanceProfile"
)

// ec2Args runs two awsvpc tasks on m6i.large instances.
func ec2Args() PrivateFargateServiceArgs {
	a := baseArgs()
	two := 2
	a.Service.DesiredCount = &two
	a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderEC2, Weight: 1}}
	a.Task = service.TaskArgs{Cpu: 512, Memory: 1024}
	a.Ec2 = &cluster.Ec2CapacityArgs{InstanceTypes: []string{"m6i.large"}, MinSize: 2, MaxSize: 4}
	return a
}

func TestLaunchTemplateIsPrivateHardenedAndJoinsTheCluster(t *testing.T) {
	m, _ := mustRun(t, ec2Args())
	lt := get(t, m, tLaunchTemplate, "web-lt")
	// The AMI comes from AWS's public parameter, read at deploy time.
	expect(t, lt, "imageId", awsmock.EcsAmiX86)
	var asked []string
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:ssm/getParameter:getParameter" {
			asked = append(asked, inv.Args["name"].StringValue())
		}
	}
	if strings.Join(asked, ",") != cluster.EcsAmiParameterX86 {
		t.Errorf("SSM parameters read = %v, want [%s]", asked, cluster.EcsAmiParameterX86)
	}
	expect(t, lt, "instanceType", "m6i.large")
	expect(t, lt, "metadataOptions", map[string]any{
		"httpEndpoint": "enabled", "httpTokens": "required", "httpPutResponseHopLimit": 1, "instanceMetadataTags": "disabled",
	})
	expect(t, lt, "networkInterfaces", []map[string]any{{
		"deviceIndex": 0, "associatePublicIpAddress": "false", "deleteOnTermination": "true",
		"securityGroups": []string{"web-instance-sg_id"},
	}})
	expect(t, lt, "vpcSecurityGroupIds", nil)
	expect(t, lt, "blockDeviceMappings", []map[string]any{{
		"deviceName": "/dev/xvda",
		"ebs":        map[string]any{"volumeSize": 30, "volumeType": "gp3", "encrypted": "true", "deleteOnTermination": "true"},
	}})
	expect(t, lt, "iamInstanceProfile", map[string]any{"arn": "arn:aws:iam::123456789012:instance-profile/web-instance-profile"})
	raw, err := base64.StdEncoding.DecodeString(in(lt, "userData").(string))
	if err != nil {
		t.Fatalf("%s: user data is not base64: %v", lt.URN, err)
	}
	want := "#!/bin/bash\ncat <<'EOF' >> /etc/ecs/ecs.config\nECS_CLUSTER=web-cluster\nECS_ENABLE_TASK_IAM_ROLE=true\n" +
		"ECS_RESERVED_MEMORY=256\nECS_ENABLE_CONTAINER_METADATA=true\nECS_AWSVPC_BLOCK_IMDS=true\nEOF\n"
	if string(raw) != want {
		t.Errorf("%s: user data\n%s\nwant\n%s", lt.URN, raw, want)
	}
}

func TestArmInstancesGetTheArmAmiAndAnAmiOverrideSkipsTheLookup(t *testing.T) {
	a := ec2Args()
	a.Ec2.InstanceTypes = []string{"m7g.large"}
	m, _ := mustRun(t, a)
	expect(t, get(t, m, tLaunchTemplate, "web-lt"), "imageId", awsmock.EcsAmiArm64)
	expect(t, get(t, m, tTaskDef, "web-task"), "runtimePlatform.cpuArchitecture", "ARM64")
	expect(t, get(t, m, tImage, "web-image"), "platform", "linux/arm64")

	a = ec2Args()
	a.Ec2.AmiId = "ami-0123456789abcdef0"
	m, _ = mustRun(t, a)
	expect(t, get(t, m, tLaunchTemplate, "web-lt"), "imageId", "ami-0123456789abcdef0")
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:ssm/getParameter:getParameter" {
			t.Errorf("an AMI override still read SSM parameter %v", inv.Args["name"])
		}
	}
}

func TestInstanceRoleTrustsEc2AndHasContainerInstancePermissions(t *testing.T) {
	m, _ := mustRun(t, ec2Args())
	role := get(t, m, tRole, "web-instance-role")
	expect(t, role, "assumeRolePolicy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":["sts:AssumeRole"]}]}`)
	att := get(t, m, tAttachment, "web-instance-ecs")
	expect(t, att, "role", "web-instance-role")
	expect(t, att, "policyArn", "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role")
	if m.Find(tAttachment, "web-instance-ssm") != nil {
		t.Error("Session Manager policy attached without SessionManager")
	}
	expect(t, get(t, m, tProfile, "web-instance-profile"), "role", "web-instance-role")

	a := ec2Args()
	a.Ec2.SessionManager = true
	m, _ = mustRun(t, a)
	expect(t, get(t, m, tAttachment, "web-instance-ssm"), "policyArn", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")
}

func TestAutoScalingGroupIsPrivateAndProtectedOnlyWithManagedTermination(t *testing.T) {
	for _, mtp := range []bool{false, true} {
		t.Run(fmt.Sprintf("managedTerminationProtection=%v", mtp), func(t *testing.T) {
			a := ec2Args()
			a.Ec2.ManagedTerminationProtection = mtp
			m, _ := mustRun(t, a)
			asg := get(t, m, tASG, "web-asg")
			expect(t, asg, "vpcZoneIdentifiers", []string{"web-private-0_id", "web-private-1_id"})
			expect(t, asg, "minSize", 2)
			expect(t, asg, "maxSize", 4)
			expect(t, asg, "desiredCapacity", 2)
			expect(t, asg, "protectFromScaleIn", mtp)
			expect(t, asg, "forceDelete", true)
			expect(t, asg, "launchTemplate", map[string]any{"id": "web-lt_id", "version": "1"})
			expect(t, asg, "instanceRefresh", map[string]any{"strategy": "Rolling", "preferences": map[string]any{
				"minHealthyPercentage": 50, "scaleInProtectedInstances": "Refresh", "standbyInstances": "Terminate",
			}})
			if strings.Join(asg.IgnoreChanges, ",") != "desiredCapacity" {
				t.Errorf("%s: ignoreChanges = %v, want [desiredCapacity] (managed scaling owns it)", asg.URN, asg.IgnoreChanges)
			}
			tags := map[string]string{}
			for _, tag := range in(asg, "tags").([]any) {
				tm := tag.(map[string]any)
				tags[tm["key"].(string)] = fmt.Sprintf("%v/%v", tm["value"], tm["propagateAtLaunch"])
			}
			if tags["AmazonECSManaged"] != "/true" {
				t.Errorf("%s: AmazonECSManaged tag = %q, want an empty value propagated at launch", asg.URN, tags["AmazonECSManaged"])
			}

			cp := get(t, m, tCapProvider, "web-ec2")
			mtpState := map[bool]string{true: "ENABLED", false: "DISABLED"}[mtp]
			expect(t, cp, "autoScalingGroupProvider", map[string]any{
				"autoScalingGroupArn":          "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0000:autoScalingGroupName/web-asg",
				"managedTerminationProtection": mtpState,
				"managedDraining":              "ENABLED",
				"managedScaling": map[string]any{
					"status": "ENABLED", "targetCapacity": 100, "minimumScalingStepSize": 1, "maximumScalingStepSize": 10,
				},
			})
		})
	}
}

func TestEc2ServiceUsesOnlyTheGroupProviderAndTearsDownInOrder(t *testing.T) {
	m, _ := mustRun(t, ec2Args())
	assoc := get(t, m, tCapProviders, "web-capacity-providers")
	expect(t, assoc, "capacityProviders", []string{"web-ec2"})
	expect(t, assoc, "defaultCapacityProviderStrategies", []map[string]any{{"capacityProvider": "web-ec2", "base": 0, "weight": 1}})
	svc := get(t, m, tService, "web-service")
	expect(t, svc, "capacityProviderStrategies", []map[string]any{{"capacityProvider": "web-ec2", "base": 0, "weight": 1}})
	expect(t, svc, "launchType", nil)
	expect(t, svc, "platformVersion", nil)
	expect(t, svc, "orderedPlacementStrategies", []map[string]any{
		{"type": "spread", "field": "attribute:ecs.availability-zone"},
		{"type": "binpack", "field": "memory"},
	})
	expect(t, svc, "networkConfiguration", map[string]any{
		"assignPublicIp": false,
		"subnets":        []string{"web-private-0_id", "web-private-1_id"},
		"securityGroups": []string{"web-task-sg_id"},
	})
	td := get(t, m, tTaskDef, "web-task")
	expect(t, td, "requiresCompatibilities", []string{"EC2"})
	expect(t, td, "networkMode", "awsvpc")
	expect(t, get(t, m, tTG, "web-tg"), "targetType", "ip")

	// Destroy runs these edges backwards: service, association,
	// capacity provider, group.
	cp, asg := get(t, m, tCapProvider, "web-ec2"), get(t, m, tASG, "web-asg")
	for _, edge := range []struct{ from, to *awsmock.Resource }{
		{svc, assoc}, {assoc, cp}, {cp, asg}, {asg, get(t, m, tAttachment, "web-instance-ecs")},
	} {
		if !contains(edge.from.Dependencies, edge.to.URN) {
			t.Errorf("%s does not depend on %s", edge.from.URN, edge.to.URN)
		}
	}
	for _, ep := range m.ByType(tEndpoint) {
		if !contains(asg.Dependencies, ep.URN) {
			t.Errorf("%s starts before endpoint %s, so its agents could not register", asg.URN, ep.URN)
		}
	}
}

func TestEc2AddsTheEcsEndpointsAndInstanceRules(t *testing.T) {
	a := ec2Args()
	a.Ec2.SessionManager = true
	m, _ := mustRun(t, a)
	var services []string
	for _, e := range m.ByType(tEndpoint) {
		services = append(services, strings.TrimPrefix(in(e, "serviceName").(string), "com.amazonaws.us-east-1."))
		if e.Name != "web-vpce-s3" {
			expect(t, e, "securityGroupIds", []string{"web-endpoint-sg_id"})
		}
	}
	sort.Strings(services)
	want := "ec2messages ecr.api ecr.dkr ecs ecs-agent ecs-telemetry logs s3 ssm ssmmessages"
	if strings.Join(services, " ") != want {
		t.Errorf("endpoints = %v, want %s", services, want)
	}
	wantRules := []rule{
		{"web-alb-sg_id", "egress", "8080", "web-task-sg_id"},
		{"web-alb-sg_id", "ingress", "80", "0.0.0.0/0"},
		{"web-endpoint-sg_id", "ingress", "443", "web-instance-sg_id"},
		{"web-endpoint-sg_id", "ingress", "443", "web-task-sg_id"},
		{"web-instance-sg_id", "egress", "443", "pl-s3"},
		{"web-instance-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-task-sg_id", "egress", "443", "pl-s3"},
		{"web-task-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-task-sg_id", "ingress", "8080", "web-alb-sg_id"},
	}
	expectRules(t, m, wantRules)
}

func TestBridgeModeOpensDynamicPortsBothWays(t *testing.T) {
	a := ec2Args()
	a.Ec2.NetworkMode = cluster.NetworkBridge
	m, out := mustRun(t, a)
	expect(t, get(t, m, tTG, "web-tg"), "targetType", "instance")
	wantRules := []rule{
		// CDK's bridge pattern forgets the ALB's egress; without it the
		// ALB can never reach a target.
		{"web-alb-sg_id", "egress", "32768-65535", "web-instance-sg_id"},
		{"web-alb-sg_id", "ingress", "80", "0.0.0.0/0"},
		{"web-endpoint-sg_id", "ingress", "443", "web-instance-sg_id"},
		{"web-instance-sg_id", "egress", "443", "pl-s3"},
		{"web-instance-sg_id", "egress", "443", "web-endpoint-sg_id"},
		{"web-instance-sg_id", "ingress", "32768-65535", "web-alb-sg_id"},
	}
	expectRules(t, m, wantRules)
	if sg := m.Find(tSG, "web-task-sg"); sg != nil {
		t.Errorf("%s exists in bridge mode, where no task has its own ENI", sg.URN)
	}
	svc := get(t, m, tService, "web-service")
	expect(t, svc, "networkConfiguration", nil)
	td := get(t, m, tTaskDef, "web-task")
	expect(t, td, "networkMode", "bridge")
	if cd := in(td, "containerDefinitions").(string); !strings.Contains(cd, `"portMappings":[{"containerPort":8080,"hostPort":0,"protocol":"tcp"}]`) {
		t.Errorf("%s: container does not ask for a dynamic host port: %s", td.URN, cd)
	}
	raw, _ := base64.StdEncoding.DecodeString(in(get(t, m, tLaunchTemplate, "web-lt"), "userData").(string))
	if strings.Contains(string(raw), "ECS_AWSVPC_BLOCK_IMDS") {
		t.Errorf("bridge user data sets an awsvpc-only setting:\n%s", raw)
	}
	expectOut(t, out, "taskSecurityGroupId", "web-instance-sg_id")
}

func TestMixedInstanceTypes(t *testing.T) {
	a := ec2Args()
	a.Ec2.InstanceTypes = []string{"m6i.large", "m5.large"}
	m, _ := mustRun(t, a)
	asg := get(t, m, tASG, "web-asg")
	expect(t, asg, "launchTemplate", nil)
	expect(t, asg, "mixedInstancesPolicy", map[string]any{
		"instancesDistribution": map[string]any{"onDemandPercentageAboveBaseCapacity": 100},
		"launchTemplate": map[string]any{
			"launchTemplateSpecification": map[string]any{"launchTemplateId": "web-lt_id", "version": "1"},
			"overrides":                   []map[string]any{{"instanceType": "m6i.large"}, {"instanceType": "m5.large"}},
		},
	})
}

func TestEc2Validation(t *testing.T) {
	tests := []struct {
		name    string
		give    func(a *PrivateFargateServiceArgs)
		wantErr []string
	}{
		{"EC2 mixed with Fargate", func(a *PrivateFargateServiceArgs) {
			a.Service.CapacityProviderStrategy = append(a.Service.CapacityProviderStrategy, cluster.CapacityProviderStrategyItem{Provider: cluster.ProviderFargateSpot, Weight: 1})
		}, []string{"Service.CapacityProviderStrategy: EC2 is mixed with FARGATE_SPOT; ECS does not mix an Auto Scaling group provider with Fargate providers"}},
		{"min above max", func(a *PrivateFargateServiceArgs) { a.Ec2.MinSize, a.Ec2.MaxSize = 5, 3 },
			[]string{"Ec2.MinSize: 5 is above MaxSize (3)"}},
		{"desired outside min..max", func(a *PrivateFargateServiceArgs) { d := 9; a.Ec2.DesiredCapacity = &d },
			[]string{"Ec2.DesiredCapacity: 9 is outside MinSize..MaxSize (2..4)"}},
		{"empty instance type", func(a *PrivateFargateServiceArgs) { a.Ec2.InstanceTypes = []string{""} },
			[]string{"Ec2.InstanceTypes[0]: the instance type is empty"}},
		{"no instance type", func(a *PrivateFargateServiceArgs) { a.Ec2.InstanceTypes = nil },
			[]string{"Ec2.InstanceTypes: no instance type given"}},
		{"ARM AMI on x86 instances", func(a *PrivateFargateServiceArgs) {
			a.Ec2.AmiId, a.Ec2.AmiArchitecture = "ami-0123456789abcdef0", "arm64"
		}, []string{"Ec2.AmiArchitecture: an arm64 AMI cannot boot x86_64 instance types (m6i.large)"}},
		{"x86 AMI on ARM instances", func(a *PrivateFargateServiceArgs) {
			a.Ec2.InstanceTypes, a.Ec2.AmiArchitecture = []string{"m7g.large"}, "x86_64"
		}, []string{"Ec2.AmiArchitecture: an x86_64 AMI cannot boot arm64 instance types (m7g.large)"}},
		{"two architectures in one group", func(a *PrivateFargateServiceArgs) { a.Ec2.InstanceTypes = []string{"m6i.large", "m7g.large"} },
			[]string{"Ec2.InstanceTypes[1]: m7g.large is ARM64 but m6i.large is X86_64"}},
		{"x86 tasks on ARM instances", func(a *PrivateFargateServiceArgs) {
			a.Ec2.InstanceTypes, a.Task.Architecture = []string{"m7g.large"}, cluster.ArchX86_64
		}, []string{"Task.Architecture: X86_64 tasks cannot run on ARM64 instances (m7g.large)"}},
		{"task CPU larger than an instance", func(a *PrivateFargateServiceArgs) {
			a.Ec2.InstanceTypes, a.Task.Cpu = []string{"t3.small"}, 2048
		}, []string{"Task.Cpu: 2048 CPU units do not fit one t3.small (2 vCPU, 1920 units left after 128 for the OS and agent)"}},
		{"task memory larger than an instance", func(a *PrivateFargateServiceArgs) { a.Task.Memory = 8192 },
			[]string{"Task.Memory: 8192 MiB does not fit one m6i.large (8192 MiB, 7117 left after the OS's tenth and the agent's 256)"}},
		{"more awsvpc tasks than ENIs", func(a *PrivateFargateServiceArgs) { n := 5; a.Service.DesiredCount = &n },
			[]string{"Ec2.MaxSize: 4 m6i.large instances hold 8 tasks (2 each, limited by ENIs (3, one for the instance)), but a deployment of 5 tasks at MaximumPercent 200 runs 10"}},
		{"bridge with task security groups", func(a *PrivateFargateServiceArgs) {
			a.Ec2.NetworkMode = cluster.NetworkBridge
			a.Service.ExtraSecurityGroupIds = pulumi.StringArray{pulumi.String("sg-0123")}
		}, []string{"Service.ExtraSecurityGroupIds: bridge networking gives tasks the instance security group"}},
		{"termination protection without managed scaling", func(a *PrivateFargateServiceArgs) {
			off := false
			a.Ec2.ManagedScaling, a.Ec2.ManagedTerminationProtection = &off, true
		}, []string{"Ec2.ManagedTerminationProtection: managed termination protection needs managed scaling"}},
		{"strategy names EC2 without EC2 settings", func(a *PrivateFargateServiceArgs) { a.Ec2 = nil },
			[]string{"Ec2: the capacity provider strategy names EC2 but no EC2 capacity is configured"}},
		{"EC2 settings with a Fargate strategy", func(a *PrivateFargateServiceArgs) {
			a.Service.CapacityProviderStrategy = []cluster.CapacityProviderStrategyItem{{Provider: cluster.ProviderFargate, Weight: 1}}
		}, []string{"Ec2: EC2 capacity is configured but the capacity provider strategy does not name EC2"}},
		{"unknown network mode", func(a *PrivateFargateServiceArgs) { a.Ec2.NetworkMode = "host" },
			[]string{`Ec2.NetworkMode: "host" is not a network mode for EC2 tasks; use awsvpc or bridge`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ec2Args()
			tt.give(&a)
			expectInvalid(t, a, tt.wantErr)
		})
	}
}

func TestEc2ComponentNameMustSuitACapacityProvider(t *testing.T) {
	a := ec2Args().withDefaults()
	err := a.validate("ecs-web", testRegion)
	if err == nil || !strings.Contains(err.Error(), `name: "ecs-web" starts with "ecs"`) {
		t.Errorf("validate = %v, want the capacity provider name rule", err)
	}
}

func TestInstanceArch(t *testing.T) {
	for typ, want := range map[string]string{
		"m6i.large": cluster.ArchX86_64, "m7g.large": cluster.ArchARM64, "c7gn.xlarge": cluster.ArchARM64, "r6gd.large": cluster.ArchARM64,
		"t4g.nano": cluster.ArchARM64, "g5g.xlarge": cluster.ArchARM64, "g5.xlarge": cluster.ArchX86_64, "a1.large": cluster.ArchARM64,
		"inf2.xlarge": cluster.ArchX86_64, "x2gd.large": cluster.ArchARM64, "c5n.large": cluster.ArchX86_64,
	} {
		if got := cluster.InstanceArch(typ); got != want {
			t.Errorf("InstanceArch(%s) = %s, want %s", typ, got, want)
		}
	}
}
