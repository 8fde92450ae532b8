package plan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadShowsSecretsAsPlaceholders(t *testing.T) {
	dir := writeProject(t, "s", `secretsprovider: passphrase
encryptionsalt: v1:abc:def
config:
  aws:region: us-east-1
  private-fargate:appPath:
    secure: v1:AAAA:BBBB
`)
	p, err := Load(dir, "s")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Config["private-fargate:appPath"]; got != "[secret]" {
		t.Errorf("config private-fargate:appPath = %q, want [secret]", got)
	}
	if len(p.SecretKeys) != 1 || p.SecretKeys[0] != "private-fargate:appPath" {
		t.Errorf("secret keys %v, want [private-fargate:appPath]", p.SecretKeys)
	}
	b, err := p.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": p.Text(), "JSON": string(b), "Mermaid": p.Mermaid()} {
		if strings.Contains(out, "v1:AAAA:BBBB") {
			t.Errorf("the %s output shows the secret's ciphertext", name)
		}
	}
	if !strings.Contains(p.Text(), "private-fargate:appPath  [secret]") {
		t.Errorf("the text does not list private-fargate:appPath as [secret]:\n%s", p.Text())
	}
}

func TestLoadRefusesBadInputWithEveryProblem(t *testing.T) {
	tests := []struct {
		name, stack, body string
		wantErr           []string
	}{
		{"unknown stack", "staging", "", []string{`stack "staging": no file Pulumi.staging.yaml`}},
		{"config the component rejects", "bad", "config:\n  aws:region: us-east-1\n  private-fargate:azCount: 1\n  private-fargate:image: nginx\n",
			[]string{"invalid stack configuration (2 problems)", "private-fargate:azCount:", "private-fargate:image:"}},
		{"undeclared key", "bad", "config:\n  aws:region: us-east-1\n  private-fargate:desiredCuont: 2\n",
			[]string{"private-fargate:desiredCuont: Pulumi.bad.yaml sets a key that Pulumi.yaml does not declare"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeProject(t, "bad", tt.body)
			p, err := Load(dir, tt.stack)
			if err == nil {
				t.Fatalf("planned stack %s; want an error", tt.stack)
			}
			if p != nil {
				t.Errorf("Load returned a plan with its error")
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain %q:\n%v", want, err)
				}
			}
			if strings.Contains(err.Error(), "error occurred") {
				t.Errorf("error keeps the engine's wrapping:\n%v", err)
			}
		})
	}
}

// The plan runs the program of the project Pulumi.yaml names; a project
// it has no program for is refused by name, with the ones it knows.
func TestLoadChoosesTheProgramByProject(t *testing.T) {
	for _, tc := range []struct {
		dir, project string
		resources    int
	}{
		{projectDir, "private-fargate", 56},
		{sharedPlatformDir, "shared-platform", 175}, // with the api's scalable target, 2 policies, 6 alarms and topic, its tracing policy, the xray endpoint and the ECR Public cache rule; the ledger backend (15), its two call rules and the Service Connect namespace; the settlements worker (21), its topic and the sqs endpoint
		{existingVpcDir, "existing-vpc", 30},
	} {
		p := mustLoadDir(t, tc.dir, "dev")
		if p.Project != tc.project || len(p.Resources) != tc.resources {
			t.Errorf("%s: project %s with %d resources, want %s with %d", tc.dir, p.Project, len(p.Resources), tc.project, tc.resources)
		}
	}

	dir := t.TempDir()
	for name, body := range map[string]string{"Pulumi.yaml": "name: billing\nruntime: go\n", "Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Load(dir, "dev")
	want := `names project "billing", which the plan has no program for, and its main.go hands pulumi.Run none of stacks.PlatformProgram, stacks.ServiceProgram; it plans existing-vpc, platform, private-fargate, shared-platform, team-orders, and any project whose main.go runs one of stacks.PlatformProgram, stacks.ServiceProgram`
	if err == nil || p != nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load of an unknown project = %v, %v; want no plan and an error containing %q", p, err, want)
	}
}

// The existing-vpc plan says what it assumed the account holds, registers
// nothing of the VPC, and counts the zones from the adopted subnets.
func TestLoadExistingVpcStatesItsAssumptions(t *testing.T) {
	p := mustLoadDir(t, existingVpcDir, "dev")
	want := []string{
		"VPC vpc-0123456789abcdef0 exists with DNS support and DNS hostnames on",
		"its private and public subnets pair up by position in zones us-east-1a, us-east-1b, and each private subnet has its own listed route table",
		"its public subnets route 0.0.0.0/0 to internet gateway igw-vpc-0123456789abcdef0, and its private subnets map no public IPs and have no route to it",
		"its s3 gateway endpoint is on every private route table, with prefix list pl-existing-s3",
	}
	if !slices.Equal(p.Assumed, want) {
		t.Errorf("assumed %q, want %q", p.Assumed, want)
	}
	for _, r := range p.Resources {
		if r.Type == typeVpc || r.Type == typeSubnet {
			t.Errorf("%s registered for an adopted VPC", r.URN)
		}
	}
	if p.ZoneCount != 2 || len(p.AvailabilityZones) != 0 {
		t.Errorf("zone count %d, zones %v; want 2 from the subnets and no zone names", p.ZoneCount, p.AvailabilityZones)
	}
	if nat, ok := p.Cost.Estimates[1].Line(ItemNAT); !ok || nat.Quantity != 2*730 {
		t.Errorf("NAT alternative %+v, want one NAT gateway per AZ (2)", nat)
	}
	if !strings.Contains(p.Text(), "Assumed, since the account is not read:\n  - VPC vpc-0123456789abcdef0 exists") {
		t.Errorf("text does not state the assumptions:\n%s", p.Text())
	}
}

// A config the example program refuses comes back with every problem by
// key, without the engine's wrapping and with no plan.
func TestLoadExistingVpcRefusesBadConfig(t *testing.T) {
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(existingVpcDir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"Pulumi.yaml": string(proj), "Pulumi.bad.yaml": "config:\n  aws:region: us-east-1\n  existing-vpc:vpcId: vpc-1\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Load(dir, "bad")
	if err == nil || p != nil {
		t.Fatalf("Load = %v, %v; want no plan and an error", p, err)
	}
	for _, want := range []string{"stack bad: invalid stack configuration (3 problems)", "existing-vpc:publicSubnetIds: not set",
		"existing-vpc:privateSubnetIds: not set", "existing-vpc:privateRouteTableIds: not set"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "error occurred") {
		t.Errorf("error keeps the engine's wrapping:\n%v", err)
	}
}
