package plan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The plan reads where logs go from the registrations: the task
// definitions' awslogs groups, the cluster's execute-command logging and
// the flow logs' destinations, each with the group's retention.
func TestPlanShowsWhereLogsGoAndExec(t *testing.T) {
	dev := mustLoad(t, "dev")
	want := []LogGroup{
		{Name: "web-exec-logs", RetentionDays: 7, Writers: []string{"ECS Exec sessions on cluster web-cluster"}},
		{Name: "web-logs", RetentionDays: 7, Writers: []string{"container app of task web-task"}},
	}
	if diff := cmp.Diff(want, dev.LogGroups); diff != "" {
		t.Errorf("dev log groups (-want +got):\n%s", diff)
	}
	wantExec := []ExecService{{Service: "web-service", Cluster: "web-cluster", Container: "app"}}
	if diff := cmp.Diff(wantExec, dev.ExecServices); diff != "" {
		t.Errorf("dev exec (-want +got):\n%s", diff)
	}
	if got := dev.ExecServices[0].Command(); got != "aws ecs execute-command --cluster web-cluster --task <task id> --container app --interactive --command /bin/sh" {
		t.Errorf("exec command = %s", got)
	}

	prod := mustLoad(t, "prod")
	want = []LogGroup{
		{Name: "aws-waf-logs-web", RetentionDays: 90, Encrypted: true, Writers: []string{"AWS WAF web ACL web-waf"}},
		{Name: "web-flow-logs", RetentionDays: 90, Encrypted: true, Writers: []string{"VPC flow log web-flow-logs (ALL traffic)"}},
		{Name: "web-logs", RetentionDays: 90, Encrypted: true, Writers: []string{"container app of task web-task"}},
	}
	if diff := cmp.Diff(want, prod.LogGroups); diff != "" {
		t.Errorf("prod log groups (-want +got):\n%s", diff)
	}
	if len(prod.ExecServices) != 0 {
		t.Errorf("prod exec %v, want off", prod.ExecServices)
	}
}

// CloudWatch Logs ingestion is listed as a rate where the price table has
// it, and said to be missing where it has not.
func TestLogIngestionIsARate(t *testing.T) {
	pt := mustPrices(t)
	dev := mustLoad(t, "dev")
	var found bool
	for _, r := range dev.Cost.TrafficRates {
		if r.Unit == "GB" && r.Rate == pt.Regions["us-east-1"].LogsIngestGb && r.Item == "CloudWatch Logs ingested (container logs, ECS Exec sessions, flow logs)" {
			found = true
		}
	}
	if !found {
		t.Errorf("dev traffic rates %+v lack CloudWatch Logs ingestion at %v/GB", dev.Cost.TrafficRates, pt.Regions["us-east-1"].LogsIngestGb)
	}
	prod := mustLoad(t, "prod")
	want := "CloudWatch Logs ingestion and storage are not in internal/plan/prices.json for ap-northeast-2, so they are not listed"
	var said bool
	for _, a := range prod.Cost.Assumptions {
		said = said || a == want
	}
	if !said {
		t.Errorf("prod assumptions %v do not say %q", prod.Cost.Assumptions, want)
	}
}
