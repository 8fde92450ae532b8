package copilot_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/internal/copilot"
	"github.com/private-fargate/pulumi-private-ecs/internal/plan"
	"github.com/private-fargate/pulumi-private-ecs/stacks"
)

// resourcesOf lists a plan's resources of a type.
func resourcesOf(p *plan.Plan, typ string) []plan.Resource {
	var out []plan.Resource
	for _, r := range p.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// TestShopConvertsAndEveryStackPlans converts testdata/shop, an
// application with a Load Balanced Web Service on its own path and host,
// one on the catch-all path, a Backend Service, a Worker Service on the
// backend's topic and a Scheduled Job, in two environments (dev in a VPC
// Copilot made, prod in an imported one), writes the module, and plans
// every generated stack offline as cmd/plan does: each environment's
// platform stack first, its contract then the backend's outputs, and
// every service stack against them. Nothing is refused, no stack has a
// NAT gateway, and the platform offers each endpoint its services need.
func TestShopConvertsAndEveryStackPlans(t *testing.T) {
	out := filepath.Join(t.TempDir(), "shop-infra")
	root, goVersion := copilot.FindRoot(".")
	res, err := copilot.ReadAndConvert(filepath.Join("testdata", "shop"), copilot.Options{
		Out: out, Org: "acme", Region: "us-east-1", Account: "210987654321", AccountGiven: true, RegionGiven: true,
		Root: root, GoVersion: goVersion, Check: stacks.ServiceEndpoints,
	})
	if err != nil {
		t.Fatalf("convert testdata/shop: %v", err)
	}
	if err := copilot.Write(out, res); err != nil {
		t.Fatal(err)
	}
	services := []string{"api", "billing", "frontend", "orders", "report"}
	for _, env := range []string{"dev", "prod"} {
		t.Run(env, func(t *testing.T) {
			platformDir := filepath.Join(out, "platform")
			p, err := plan.Load(platformDir, env)
			if err != nil {
				t.Fatalf("plan platform/%s: %v", env, err)
			}
			if nats := resourcesOf(p, "aws:ec2/natGateway:NatGateway"); len(nats) > 0 {
				t.Errorf("platform/%s has NAT gateways: %v", env, nats)
			}
			vpcs := resourcesOf(p, "aws:ec2/vpc:Vpc")
			switch {
			case env == "dev" && (len(vpcs) != 1 || vpcs[0].Inputs["cidrBlock"] != "10.10.0.0/16"):
				t.Errorf("platform/dev: VPCs %v, want one of 10.10.0.0/16, the manifest's cidr", vpcs)
			case env == "prod" && len(vpcs) != 0:
				t.Errorf("platform/prod registers VPCs %v; the manifest imports vpc-0a1b2c3d4e5f60718", vpcs)
			}
			var offered []string
			for _, e := range p.Endpoints {
				offered = append(offered, e.Service)
			}
			want := []string{"ecr.api", "ecr.dkr", "ecs-agent", "logs", "s3", "secretsmanager", "sns", "sqs", "ssm", "ssmmessages", "xray"}
			if !slices.Equal(offered, want) {
				t.Errorf("platform/%s endpoints %v, want %v: the base set and what the services need", env, offered, want)
			}

			contract, err := plan.PlatformContract(platformDir, env)
			if err != nil {
				t.Fatalf("platform/%s contract: %v", env, err)
			}
			contractFile := filepath.Join(t.TempDir(), "platform.json")
			if err := os.WriteFile(contractFile, contract, 0o644); err != nil {
				t.Fatal(err)
			}
			outputs, err := plan.ServiceOutputs(filepath.Join(out, "orders"), env, plan.Options{Platform: contractFile})
			if err != nil {
				t.Fatalf("orders/%s outputs: %v", env, err)
			}
			ordersFile := filepath.Join(t.TempDir(), "orders.json")
			if err := os.WriteFile(ordersFile, outputs, 0o644); err != nil {
				t.Fatal(err)
			}
			plans := map[string]*plan.Plan{}
			for _, svc := range services {
				opts := plan.Options{Platform: contractFile}
				if svc == "api" || svc == "frontend" {
					// The web services call the backend: they plan
					// against its outputs.
					opts.Backends = map[string]string{"acme/shop-orders/" + env: ordersFile}
				}
				sp, err := plan.LoadWith(filepath.Join(out, svc), env, opts)
				if err != nil {
					t.Errorf("plan %s/%s against the platform's contract: %v", svc, env, err)
					continue
				}
				plans[svc] = sp
				if nats := resourcesOf(sp, "aws:ec2/natGateway:NatGateway"); len(nats) > 0 {
					t.Errorf("%s/%s has NAT gateways: %v", svc, env, nats)
				}
			}
			if t.Failed() {
				return
			}
			// The rules try /api before the catch-all, as Copilot orders them.
			rules := map[string]any{}
			for _, svc := range []string{"api", "frontend"} {
				for _, r := range resourcesOf(plans[svc], "aws:lb/listenerRule:ListenerRule") {
					rules[svc] = r.Inputs["priority"]
				}
			}
			if rules["api"] != float64(10) || rules["frontend"] != float64(20) {
				t.Errorf("%s: rule priorities %v, want api 10 before frontend 20 (the catch-all)", env, rules)
			}
			if s := plans["report"].Schedules; len(s) != 1 {
				t.Errorf("report/%s: schedules %+v, want one", env, s)
			}
			if q := plans["billing"].Queues; len(q) == 0 {
				t.Errorf("billing/%s: no queue", env)
			}
		})
	}
	md, err := os.ReadFile(filepath.Join(out, "MIGRATION.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| dev | 2 | $73.00 (2 × 730 h) |") {
		t.Errorf("MIGRATION.md lacks dev's NAT cost against its endpoints:\n%.3000s", md)
	}
}
