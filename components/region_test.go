package components

import (
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Everything regional is checked against the stack's region and its
// partition, naming the value's region and the stack's:
//   - an ALB can only use an ACM certificate of its own region (ACM
//     certificates are regional; ELB docs, "SSL certificates");
//   - without NAT, the tasks reach Secrets Manager, SSM and ECR through
//     the VPC endpoints of the stack's region only (PrivateLink endpoints
//     are regional), so a secret, parameter or repository of another
//     region is out of reach;
//   - an ARN of another partition (aws-cn, aws-us-gov) never resolves in
//     this one, not even for IAM, which is global within a partition;
//   - a zone belongs to one region, and an ALB takes one subnet per zone.
func TestRegionalValuesMustBeOfTheStacksRegion(t *testing.T) {
	for _, tt := range []struct {
		name string
		give func(a *PrivateFargateServiceArgs)
		want string
	}{
		{"certificate of another region", func(a *PrivateFargateServiceArgs) {
			a.Ingress.CertificateArn = pulumi.String("arn:aws:acm:eu-west-1:123456789012:certificate/abc")
		}, `Ingress.CertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" is in region eu-west-1, but the stack's region is us-east-1; request or import the certificate in ACM in us-east-1`},
		{"certificate of another partition", func(a *PrivateFargateServiceArgs) {
			a.Ingress.CertificateArn = pulumi.String("arn:aws-cn:acm:us-east-1:123456789012:certificate/abc")
		}, `Ingress.CertificateArn: "arn:aws-cn:acm:us-east-1:123456789012:certificate/abc" is in partition aws-cn, but the stack's region us-east-1 is in aws`},
		{"secret of another region", func(a *PrivateFargateServiceArgs) {
			a.Container.Secrets = literalSecrets(map[string]string{"DB": "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf"})
		}, `Container.Secrets.DB: "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf" is in region us-west-2, but the stack's region is us-east-1; the tasks read secrets through the VPC endpoints of us-east-1 only`},
		{"parameter of another region", func(a *PrivateFargateServiceArgs) {
			a.Container.Secrets = literalSecrets(map[string]string{"TOKEN": "arn:aws:ssm:eu-central-1:123456789012:parameter/token"})
		}, `Container.Secrets.TOKEN: "arn:aws:ssm:eu-central-1:123456789012:parameter/token" is in region eu-central-1`},
		{"repository of another region", func(a *PrivateFargateServiceArgs) {
			a.Repository.ExtraPullRepositoryArns = pulumi.ToStringArray([]string{"arn:aws:ecr:eu-west-1:123456789012:repository/base"})
		}, `Repository.ExtraPullRepositoryArns[0]: "arn:aws:ecr:eu-west-1:123456789012:repository/base" is in region eu-west-1, but the stack's region is us-east-1; the tasks reach ECR through the VPC endpoints of us-east-1 only`},
		{"policy of another partition", func(a *PrivateFargateServiceArgs) {
			a.TaskRole.PolicyArns = pulumi.ToStringArray([]string{"arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess"})
		}, `TaskRole.PolicyArns[0]: "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess" is in partition aws-us-gov, but the stack's region us-east-1 is in aws`},
		{"zone of another region", func(a *PrivateFargateServiceArgs) {
			a.Network.AvailabilityZones = []string{"us-east-1a", "eu-west-1b"}
		}, `Network.AvailabilityZones[1]: "eu-west-1b" is not a zone of the stack's region us-east-1`},
		{"zone named twice", func(a *PrivateFargateServiceArgs) {
			a.Network.AvailabilityZones = []string{"us-east-1a", "us-east-1a"}
		}, `Network.AvailabilityZones[1]: "us-east-1a" is listed twice; an ALB takes one subnet per AZ`},
		{"zones against the AZ count", func(a *PrivateFargateServiceArgs) {
			a.Network.AzCount = 3
			a.Network.AvailabilityZones = []string{"us-east-1a", "us-east-1b"}
		}, "Network.AvailabilityZones: 2 zones are named but AzCount is 3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := baseArgs()
			tt.give(&a)
			err := a.withDefaults().validate(testName, testRegion)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// With NAT, the tasks reach other regions' secrets and repositories over
// the internet, so those are accepted; the partition still must match.
func TestOtherRegionsAreReachableWithNat(t *testing.T) {
	a := baseArgs()
	a.Network.NatGateways = network.NatSingle
	a.Container.Secrets = literalSecrets(map[string]string{"DB": "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf"})
	a.Repository.ExtraPullRepositoryArns = pulumi.ToStringArray([]string{"arn:aws:ecr:eu-west-1:123456789012:repository/base"})
	a.Ingress.CertificateArn = pulumi.String("arn:aws:acm:us-east-1:123456789012:certificate/abc")
	a.Network.AvailabilityZones = []string{"us-east-1a", "us-east-1-bos-1a"}
	if err := a.withDefaults().validate(testName, testRegion); err != nil {
		t.Errorf("validate: %v", err)
	}
}

// A certificate that arrives as an Output is held to its region when it
// resolves, with the same message.
func TestCertificateOutputOfAnotherRegionFailsTheDeployment(t *testing.T) {
	_, err := runWith(t, func(ctx *pulumi.Context) PrivateFargateServiceArgs {
		a := baseArgs()
		a.Ingress.CertificateArn = stored(ctx, "cert", "arn:aws:acm:eu-west-1:123456789012:certificate/abc")
		return a
	})
	want := `Ingress.CertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" is in region eu-west-1, but the stack's region is us-east-1`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want it to contain %q", err, want)
	}
}
