package components

import (
	"github.com/private-fargate/pulumi-private-ecs/components/internal/check"
)

// The names below moved to package check; they stay here for one release so
// that programs importing this package keep compiling.

// CheckFargateSize is check.CheckFargateSize.
func CheckFargateSize(cpu int, memory int) error {
	return check.CheckFargateSize(cpu, memory)
}

// Count is check.Count.
func Count(n int, noun string) string {
	return check.Count(n, noun)
}

// DeployTimeFieldNamer is check.DeployTimeFieldNamer.
type DeployTimeFieldNamer = check.DeployTimeFieldNamer

// FargateMemoryOptions is check.FargateMemoryOptions.
func FargateMemoryOptions(cpu int) []int {
	return check.FargateMemoryOptions(cpu)
}

// FieldError is check.FieldError.
type FieldError = check.FieldError

// SetDeployTimeFieldNamer is check.SetDeployTimeFieldNamer.
func SetDeployTimeFieldNamer(f check.DeployTimeFieldNamer) {
	check.SetDeployTimeFieldNamer(f)
}

// SubnetCidrs is check.SubnetCidrs.
func SubnetCidrs(vpcCidr string, azCount int) (public []string, private []string, err error) {
	return check.SubnetCidrs(vpcCidr, azCount)
}

// ValidationError is check.ValidationError.
type ValidationError = check.ValidationError
