package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/private-fargate/pulumi-private-ecs/components"
	"github.com/private-fargate/pulumi-private-ecs/components/edge"
)

// writeContract plans a platform stack's contract into a file, as
// --contract-out writes it.
func writeContract(t *testing.T, dir, stack string) string {
	t.Helper()
	data, err := PlatformContract(dir, stack)
	if err != nil {
		t.Fatalf("PlatformContract(%s, %s): %v", dir, stack, err)
	}
	path := filepath.Join(t.TempDir(), "platform.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A platform stack's contract, planned, is what `pulumi stack output
// --json` prints for it: the contract under "platform", with ids of the
// forms AWS gives, so that a service reads it (ParsePlatformContract
// checks those forms). The team-orders service stack is planned against
// it as against the fixture of a deployed platform: its services go in
// the orders team's block on load balancer main, through the platform's
// endpoints.
func TestPlatformContractPlansServiceStacksAgainstIt(t *testing.T) {
	path := writeContract(t, platformProgramDir, "dev")
	v, c, err := ReadPlatformFile(path)
	if err != nil {
		t.Fatalf("the planned contract is not one a service reads: %v", err)
	}
	data, _ := os.ReadFile(path)
	var outputs map[string]any
	if err := json.Unmarshal(data, &outputs); err != nil || len(outputs) != 1 || outputs[components.PlatformOutput] == nil {
		t.Errorf("%s holds %v, want one stack output, %q", path, outputs, components.PlatformOutput)
	}
	for _, id := range []string{c.Network.VpcId, c.Network.PrivateSubnets[0].Id, c.Network.PrivateRouteTableIds[0], c.Network.EndpointSecurityGroupId, c.LoadBalancers[0].TargetSecurityGroupId} {
		if regexp.MustCompile(`_id$`).MatchString(id) {
			t.Errorf("the contract keeps the mocks' id %s", id)
		}
	}
	if c.Network.EndpointClientSecurityGroupId == c.Network.EndpointSecurityGroupId {
		t.Errorf("two groups share the stand-in id %s", c.Network.EndpointClientSecurityGroupId)
	}
	blocks := []edge.PriorityRange{{Team: "orders", From: 1, To: 5000, MaxServices: 10}, {Team: "payments", From: 5001, To: 10000, MaxServices: 20}}
	if diff := cmp.Diff(blocks, c.LoadBalancers[0].PriorityRanges); diff != "" {
		t.Errorf("the contract's team blocks (-want +got):\n%s", diff)
	}
	if v["name"] != "platform" || c.Cluster.ServiceConnect == nil || c.Cluster.Exec == nil || c.KeyArn == "" {
		t.Errorf("contract %v, want platform's, with Service Connect, ECS Exec and the key", v)
	}

	p, err := LoadWith(teamOrdersDir, "dev", Options{Platform: path})
	if err != nil {
		t.Fatalf("team-orders against the planned contract: %v", err)
	}
	if p.Platform == nil || p.Platform.Source != path || len(p.Platform.Adds) != 8 || len(p.Platform.PlatformGroupRules) != 0 {
		t.Fatalf("team-orders' platform share %+v, want 8 additions from %s and no platform group rule", p.Platform, path)
	}
	for _, want := range []string{"orders-api", "orders-admin"} {
		found := false
		for _, a := range p.Platform.Adds {
			found = found || (a.Service == want && a.Kind == "listener rule" && strings.Contains(a.Detail, "orders"))
		}
		if !found {
			t.Errorf("team-orders adds no listener rule of %s in the orders block: %+v", want, p.Platform.Adds)
		}
	}
}

// An adopted VPC's ids are its own in the contract: the plan keeps ids
// of AWS's form, and the route tables the program looked up.
func TestPlatformContractKeepsAnAdoptedVpcsIds(t *testing.T) {
	_, c, err := ReadPlatformFile(writeContract(t, platformProgramDir, "adopted"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Network.VpcId != "vpc-0123456789abcdef0" || c.Network.PrivateSubnets[1].Id != "subnet-0bb2222222222222b" || c.Network.GatewayPrefixListIds["s3"] == "" {
		t.Errorf("contract network %+v, want the adopted VPC's ids", c.Network)
	}
	if len(c.Network.PrivateRouteTableIds) != 2 {
		t.Errorf("private route tables %v, want the two looked up", c.Network.PrivateRouteTableIds)
	}
}

// PlatformContract plans the platform example too, and refuses a project
// that exports no contract, or a stack whose config its program refuses.
func TestPlatformContractOfOtherProjects(t *testing.T) {
	if _, _, err := ReadPlatformFile(writeContract(t, platformDir, "dev")); err != nil {
		t.Errorf("the platform example's planned contract: %v", err)
	}
	if _, err := PlatformContract(teamOrdersDir, "dev"); err == nil || !strings.Contains(err.Error(), "project team-orders exports no platform contract") {
		t.Errorf("PlatformContract of a service project = %v, want it refused by name", err)
	}
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(platformProgramDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	main, err := os.ReadFile(filepath.Join(platformProgramDir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"Pulumi.yaml": proj, "main.go": main,
		"Pulumi.bad.yaml": []byte("config:\n  aws:region: us-east-1\n  acme-platform:azCount: 1\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = PlatformContract(dir, "bad")
	if err == nil || !strings.Contains(err.Error(), "acme-platform:azCount: 1 AZs is too few") || strings.Contains(err.Error(), "error occurred") {
		t.Errorf("PlatformContract of a bad stack = %v, want its problem by key, unwrapped", err)
	}
}
