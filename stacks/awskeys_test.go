package stacks

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/private-fargate/pulumi-private-ecs/internal/awsmock"
)

// The aws provider ignores a key it does not know, so a typo such as
// aws:regoin silently deploys to the default region. The program refuses
// aws: keys the provider does not read (the getters of pulumi-aws
// v6.83.4's config package, the provider's documented configuration),
// with the nearest one, and creates nothing.
func TestUnknownAwsKeysAreRefusedWithTheNearestOne(t *testing.T) {
	tests := []struct {
		name    string
		key     string
		wantErr string
	}{
		{"swapped letters", "aws:regoin", "aws:regoin: is not a configuration key of the aws provider; did you mean region?"},
		{"wrong case is still a typo", "aws:Profile", "aws:Profile: is not a configuration key of the aws provider; did you mean profile?"},
		{"missing letter", "aws:defaulTags", "did you mean defaultTags?"},
		{"nothing near", "aws:colour", "aws:colour: is not a configuration key of the aws provider; the keys are listed at https://www.pulumi.com/registry/packages/aws/installation-configuration/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := map[string]string{"aws:region": "us-east-1", tt.key: "x"}
			b, _ := json.Marshal(cfg)
			t.Setenv(pulumi.EnvConfig, string(b))
			m := awsmock.New("us-east-1")
			err := pulumi.RunErr(Program, func(info *pulumi.RunInfo) {
				info.Project, info.Stack, info.Config, info.Mocks = "private-fargate", "dev", cfg, m
			})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if n := len(m.Resources()); n != 0 {
				t.Errorf("registered %d resources, want 0", n)
			}
		})
	}
}

// Every key the provider documents is taken, profile and defaultTags
// among them.
func TestKnownAwsKeysAreTaken(t *testing.T) {
	cfg := map[string]string{"aws:region": "us-east-1", "aws:profile": "ops", "aws:defaultTags": `{"tags":{"team":"web"}}`, "aws:skipMetadataApiCheck": "false"}
	b, _ := json.Marshal(cfg)
	t.Setenv(pulumi.EnvConfig, string(b))
	m := awsmock.New("us-east-1")
	if err := pulumi.RunErr(Program, func(info *pulumi.RunInfo) {
		info.Project, info.Stack, info.Config, info.Mocks = "private-fargate", "dev", cfg, m
	}); err != nil && strings.Contains(err.Error(), "aws provider") {
		t.Fatalf("a documented aws key was refused: %v", err)
	}
}
