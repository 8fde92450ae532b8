package copilot

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// base is a workspace with one environment, dev, for the refusal cases to
// add a manifest to.
func base(files map[string]string) map[string]string {
	out := map[string]string{
		"copilot/.workspace":                      "application: shop\n",
		"copilot/environments/dev/manifest.yml":   "name: dev\ntype: Environment\n",
		"copilot/environments/stage/manifest.yml": "name: stage\ntype: Environment\n",
	}
	for k, v := range files {
		out[k] = v
	}
	return out
}

const web = "name: api\ntype: Load Balanced Web Service\nhttp:\n  path: /\nimage:\n  build: api/Dockerfile\n  port: 8080\n"

// problemsOf converts a workspace and returns every problem it is
// refused with, as they print.
func problemsOf(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := writeWorkspace(t, files)
	_, err := ReadAndConvert(dir, testOptions(t, dir))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *Error with the problems", err)
	}
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.String())
	}
	return out
}

// TestBadInputIsRefusedByFileLineAndField converts workspaces Copilot
// would refuse, or that contradict themselves, and checks that each
// problem names the file, the line and the field, and says how to fix
// it.
func TestBadInputIsRefusedByFileLineAndField(t *testing.T) {
	svc := "copilot/api/manifest.yml"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"invalid YAML", base(map[string]string{svc: "name: api\ntype: Load Balanced Web Service\nhttp:\n  path: '/\nimage:\n  port: 80\n"}),
			[]string{"copilot/api/manifest.yml:4: invalid YAML: found unexpected end of stream"}},
		{"a tab where YAML wants spaces", base(map[string]string{svc: "name: api\ntype: Backend Service\nimage:\n\tport: 80\n"}),
			[]string{"copilot/api/manifest.yml:4: invalid YAML: found character that cannot start any token"}},
		{"a field given twice", base(map[string]string{svc: web + "cpu: 256\ncpu: 512\n"}),
			[]string{"copilot/api/manifest.yml:9: cpu: is given twice (first on line 8); keep one"}},
		{"unknown workload type", base(map[string]string{svc: "name: api\ntype: Lambda Function\n"}),
			[]string{`copilot/api/manifest.yml:2: type: "Lambda Function" is not a workload type Copilot knows; use "Load Balanced Web Service", "Backend Service", "Worker Service", "Scheduled Job", "Request-Driven Web Service" or "Static Site"`}},
		{"no type", base(map[string]string{svc: "name: api\n"}),
			[]string{`copilot/api/manifest.yml:1: type: is missing; set the manifest's type ("Load Balanced Web Service", "Backend Service", "Worker Service", "Scheduled Job", "Request-Driven Web Service" or "Static Site")`}},
		{"a name that is not the directory's", base(map[string]string{svc: strings.Replace(web, "name: api", "name: web", 1)}),
			[]string{`copilot/api/manifest.yml:1: name: "web" is not its directory's name "api"; Copilot names a manifest after its directory, so rename one of them`}},
		{"an environment manifest of another type", base(map[string]string{"copilot/environments/dev/manifest.yml": "name: dev\ntype: Backend Service\n"}),
			[]string{`copilot/environments/dev/manifest.yml:2: type: "Backend Service" is not "Environment", the only type an environment manifest has`}},
		{"an override of a missing environment", base(map[string]string{svc: web + "environments:\n  prod:\n    cpu: 512\n  dev:\n    cpu: 1024\n"}),
			[]string{"copilot/api/manifest.yml:9: environments.prod: names no environment of the workspace (dev, stage); fix the name or remove the override"}},
		{"image built and pulled", base(map[string]string{svc: web + "environments:\n  stage:\n    image:\n      build: api/Dockerfile\n      location: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1\n"}),
			[]string{"copilot/api/manifest.yml:12: image.location: is set beside image.build (line 11); Copilot builds an image or pulls one, not both: remove one"}},
		{"image neither built nor pulled", base(map[string]string{svc: "name: api\ntype: Backend Service\nimage:\n  port: 80\n"}),
			[]string{"copilot/api/manifest.yml:3: image: sets neither build nor location; set image.build to build the image, or image.location to deploy a ready one"}},
		{"a fixed Spot count beside a range", base(map[string]string{svc: web + "count:\n  spot: 2\n  range: 1-4\n  cpu_percentage: 70\n"}),
			[]string{"copilot/api/manifest.yml:9: count.spot: is set beside count.range (line 10); Copilot runs a fixed count of Spot tasks or autoscales, not both: remove one"}},
		{"spot_from above the range's max", base(map[string]string{svc: web + "count:\n  range:\n    min: 1\n    max: 4\n    spot_from: 5\n  cpu_percentage: 70\n"}),
			[]string{"copilot/api/manifest.yml:12: count.range.spot_from: 5 is above max 4, so no task would ever run on Spot; lower it, or remove it for Fargate only"}},
		{"min above max", base(map[string]string{svc: web + "count:\n  range: 5-2\n  cpu_percentage: 70\n"}),
			[]string{"copilot/api/manifest.yml:9: count.range: min 5 is above max 2"}},
		{"a range that is no range", base(map[string]string{svc: web + "count:\n  range: two to four\n  cpu_percentage: 70\n"}),
			[]string{`copilot/api/manifest.yml:9: count.range: "two to four" is not a range; write it as min-max, such as 1-10`}},
		{"a range without a metric", base(map[string]string{svc: web + "count:\n  range: 1-4\n  cooldown:\n    in: 30s\n"}),
			[]string{
				"copilot/api/manifest.yml:9: count.range: autoscales on no metric; Copilot needs one of cpu_percentage, memory_percentage, requests or response_time with a range",
				"copilot/api/manifest.yml:10: count.cooldown: is a cooldown for no metric; set one of cpu_percentage, memory_percentage, requests or response_time",
			}},
		{"a metric without a range", base(map[string]string{svc: web + "count:\n  cpu_percentage: 70\n"}),
			[]string{"copilot/api/manifest.yml:9: count.cpu_percentage: needs count.range, the task counts to scale between"}},
		{"a percentage above 100", base(map[string]string{svc: web + "count:\n  range: 1-4\n  cpu_percentage: 170\n"}),
			[]string{"copilot/api/manifest.yml:10: count.cpu_percentage: 170 is not a percentage above 0 and at most 100"}},
		{"a message slower than its latency", base(map[string]string{svc: "name: api\ntype: Worker Service\nimage:\n  build: api/Dockerfile\ncount:\n  range: 1-4\n  queue_delay:\n    acceptable_latency: 1s\n    msg_processing_time: 2s\n"}),
			[]string{"copilot/api/manifest.yml:9: count.queue_delay.msg_processing_time: 2s is longer than acceptable_latency 1s; a message could never be handled in time"}},
		{"a web service without a path or a port", base(map[string]string{svc: "name: api\ntype: Load Balanced Web Service\nhttp:\n  healthcheck: /health\nimage:\n  build: api/Dockerfile\n"}),
			[]string{
				"copilot/api/manifest.yml:3: http: has no path; set http.path ('/' for every path)",
				"copilot/api/manifest.yml:5: image: has no port; a Load Balanced Web Service forwards to image.port",
			}},
		{"a hosted zone without an alias", base(map[string]string{svc: strings.Replace(web, "  path: /\n", "  path: /\n  hosted_zone: Z0123\n  deregistration_delay: 30\n", 1)}),
			[]string{
				"copilot/api/manifest.yml:5: http.hosted_zone: is set without http.alias; Copilot writes the alias's record into this zone, so set the alias or remove the zone",
				`copilot/api/manifest.yml:6: http.deregistration_delay: "30" is not a duration; write it as 30s, 5m or 1h30m`,
			}},
		{"a job without a schedule", base(map[string]string{svc: "name: api\ntype: Scheduled Job\non: {}\nimage:\n  build: api/Dockerfile\n"}),
			[]string{"copilot/api/manifest.yml:3: on: on.schedule is missing; a Scheduled Job runs on a schedule"}},
		{"a cron that sets both days", base(map[string]string{svc: "name: api\ntype: Scheduled Job\non:\n  schedule: \"0 9 1 * 1\"\nimage:\n  build: api/Dockerfile\n"}),
			[]string{`copilot/api/manifest.yml:4: on.schedule: "0 9 1 * 1" sets both the day of the month and the day of the week; cron runs on either, EventBridge takes one: set the other to *`}},
		{"a schedule that is none of Copilot's", base(map[string]string{svc: "name: api\ntype: Scheduled Job\non:\n  schedule: every day\nimage:\n  build: api/Dockerfile\n"}),
			[]string{`copilot/api/manifest.yml:4: on.schedule: "every day" is not a schedule Copilot takes: a preset such as @daily, @every 30m, a 5-field cron such as "0 9 * * 1-5", rate(...) or cron(...)`}},
		{"a topic nobody publishes", base(map[string]string{
			svc:                         "name: api\ntype: Worker Service\nimage:\n  build: api/Dockerfile\nsubscribe:\n  topics:\n    - name: orders\n      service: shop\n    - name: refunds\n      service: billing\n",
			"copilot/shop/manifest.yml": "name: shop\ntype: Backend Service\nimage:\n  build: shop/Dockerfile\n  port: 80\npublish:\n  topics:\n    - name: carts\n"}),
			[]string{
				`copilot/api/manifest.yml:7: subscribe.topics[0].name: service shop publishes no topic "orders" in dev (publish.topics)`,
				`copilot/api/manifest.yml:7: subscribe.topics[0].name: service shop publishes no topic "orders" in stage (publish.topics)`,
				`copilot/api/manifest.yml:10: subscribe.topics[1].service: "billing" is no service of the workspace`,
			}},
		{"an imported VPC with a CIDR", base(map[string]string{"copilot/environments/dev/manifest.yml": "name: dev\ntype: Environment\nnetwork:\n  vpc:\n    id: vpc-1\n    cidr: 10.0.0.0/16\n    subnets:\n      private:\n        - id: subnet-1\n          az: us-east-1a\n        - cidr: 10.0.1.0/24\n"}),
			[]string{
				"copilot/environments/dev/manifest.yml:6: network.vpc.cidr: is set beside network.vpc.id (line 5); Copilot imports a VPC by id or makes one from cidr, not both: remove one",
				"copilot/environments/dev/manifest.yml:9: network.vpc.subnets.private[0].id: is set beside cidr or az; a subnet is imported by id or made from cidr and az, not both",
				"copilot/environments/dev/manifest.yml:11: network.vpc.subnets.private[1]: has no id; the subnets of an imported VPC (network.vpc.id) are named by id",
			}},
		{"no workspace file", map[string]string{"copilot/environments/dev/manifest.yml": "name: dev\ntype: Environment\n"},
			[]string{"copilot/.workspace: cannot be read (no such file or directory); --workspace names the directory that holds copilot/"}},
		{"no environment", map[string]string{"copilot/.workspace": "application: shop\n"},
			[]string{"copilot/environments: holds no environment manifest; Copilot before v1.20 kept environments out of the workspace: write each one with `copilot env show -n <env> --manifest`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, problemsOf(t, tt.files)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEveryProblemIsReportedAtOnce checks that problems in several files,
// found while reading and while converting, come back together, sorted by
// file and line.
func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	got := problemsOf(t, base(map[string]string{
		"copilot/api/manifest.yml":    web + "count:\n  range: 4-1\n  cpu_percentage: 50\n",
		"copilot/broken/manifest.yml": "name: broken\ntype: [Backend Service\n",
		"copilot/odd/manifest.yml":    "name: odd\ntype: Static Website\n",
	}))
	want := []string{
		"copilot/api/manifest.yml:9: count.range: min 4 is above max 1",
		"copilot/broken/manifest.yml:1: invalid YAML: did not find expected ',' or ']'",
		`copilot/odd/manifest.yml:2: type: "Static Website" is not a workload type Copilot knows; use "Load Balanced Web Service", "Backend Service", "Worker Service", "Scheduled Job", "Request-Driven Web Service" or "Static Site"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
