package plan

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPriceTableNamesASourceForEveryPrice(t *testing.T) {
	pt, err := Prices()
	if err != nil {
		t.Fatal(err)
	}
	if pt.ReadOn == "" || pt.HoursPerMonth != 730 {
		t.Errorf("readOn %q hoursPerMonth %v, want a date and 730", pt.ReadOn, pt.HoursPerMonth)
	}
	if d := pt.Assumptions.FargateSpotDiscount; d != 0.7 || !strings.Contains(pt.Assumptions.FargateSpotDiscountNote, "ASSUMPTION") {
		t.Errorf("Fargate Spot discount %v with note %q, want 0.7 labelled as an assumption", d, pt.Assumptions.FargateSpotDiscountNote)
	}
	for _, region := range []string{"us-east-1", "ap-northeast-2"} {
		rp, ok := pt.Regions[region]
		if !ok {
			t.Errorf("no prices for %s", region)
			continue
		}
		for _, typ := range []string{"m6i.large", "m7g.large", "t3.medium"} {
			if rp.Ec2[typ] <= 0 {
				t.Errorf("%s: no EC2 price for %s", region, typ)
			}
		}
		for _, arch := range []string{"X86_64", "ARM64"} {
			if r := rp.Fargate[arch]; r.VcpuHour <= 0 || r.GbHour <= 0 {
				t.Errorf("%s: Fargate %s rates %+v", region, arch, r)
			}
		}
		sourced := map[string]bool{}
		for _, s := range rp.Sources {
			if !strings.HasPrefix(s.URL, "https://") || s.Read == "" || s.Note == "" {
				t.Errorf("%s: source %+v lacks a URL, the date it was read, or a note", region, s)
			}
			for _, item := range s.Items {
				sourced[item] = true
			}
		}
		items := rp.Items()
		for _, item := range items {
			if !sourced[item] {
				t.Errorf("%s: %s has no source in %s", region, item, PricesFile)
			}
		}
		for _, u := range rp.Unconfirmed {
			if !slices.Contains(items, u.Item) {
				t.Errorf("%s: unconfirmed item %q is not a price in the table", region, u.Item)
			}
		}
	}
	// Seoul costs more than N. Virginia for the network pieces, as BRIEF.md says.
	us, seoul := pt.Regions["us-east-1"], pt.Regions["ap-northeast-2"]
	if seoul.NatHour <= us.NatHour || seoul.InterfaceEndpointHour <= us.InterfaceEndpointHour || seoul.Fargate["X86_64"].VcpuHour <= us.Fargate["X86_64"].VcpuHour {
		t.Errorf("Seoul prices %+v are not above us-east-1's %+v", seoul, us)
	}
}

func TestParsePricesRejectsAnIncompleteTable(t *testing.T) {
	tests := []struct{ name, body, wantErr string }{
		{"no hours", `{"regions":{}}`, "hoursPerMonth must be above 0"},
		{"missing price", `{"hoursPerMonth":730,"regions":{"us-east-1":{"albHour":0.0225}}}`, "regions.us-east-1."},
		{"misspelt key", `{"hoursPerMonth":730,"regons":{}}`, `unknown field "regons"`},
		{"discount of 100%", `{"hoursPerMonth":730,"assumptions":{"fargateSpotDiscount":1},"regions":{}}`, "fargateSpotDiscount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePrices([]byte(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParsePrices(%s) = %v, want an error containing %q", tt.body, err, tt.wantErr)
			}
		})
	}
}

// us-east-1's SQS, EventBridge Scheduler and Step Functions prices
// (sources in prices.json): SQS standard requests $0.40 per million after the first
// million, and Scheduler $1.00 per million invocations after 14 million,
// both from third-party pages only, which their sources say and the
// unconfirmed list repeats; Step Functions Standard $0.025 per 1,000
// state transitions, from the AWS page. Seoul has none of them, and a
// job's state machine there is reported unpriced rather than guessed.
func TestPriceTableHasQueueScheduleAndStateMachinePrices(t *testing.T) {
	pt := mustPrices(t)
	us := pt.Regions["us-east-1"]
	if us.SqsRequestsPerMillion != 0.40 || us.SchedulerInvocationsPerMillion != 1.00 || us.StepFunctionsTransitionsPer1000 != 0.025 {
		t.Errorf("us-east-1: SQS %v, Scheduler %v, Step Functions %v; want 0.40, 1.00 and 0.025",
			us.SqsRequestsPerMillion, us.SchedulerInvocationsPerMillion, us.StepFunctionsTransitionsPer1000)
	}
	sources := map[string]PriceSource{}
	for _, s := range us.Sources {
		for _, item := range s.Items {
			sources[item] = s
		}
	}
	for item, url := range map[string]string{
		"sqsRequestsPerMillion":           "https://cloudburn.io/blog/amazon-sqs-pricing",
		"schedulerInvocationsPerMillion":  "https://cloudburn.io/blog/amazon-eventbridge-pricing",
		"stepFunctionsTransitionsPer1000": "https://aws.amazon.com/step-functions/pricing/",
	} {
		s := sources[item]
		if s.URL != url || s.Read != "2026-12-06" {
			t.Errorf("%s: source %s read %s, want %s read 2026-12-06", item, s.URL, s.Read, url)
		}
		thirdParty := strings.Contains(s.Note, "THIRD-PARTY PAGES ONLY")
		unconfirmed := slices.ContainsFunc(us.Unconfirmed, func(u PriceNote) bool { return u.Item == item })
		if want := item != "stepFunctionsTransitionsPer1000"; thirdParty != want || unconfirmed != want {
			t.Errorf("%s: third-party note %v, unconfirmed %v; want both %v", item, thirdParty, unconfirmed, want)
		}
	}
	seoul := pt.Regions["ap-northeast-2"]
	if seoul.SqsRequestsPerMillion != 0 || seoul.SchedulerInvocationsPerMillion != 0 || seoul.StepFunctionsTransitionsPer1000 != 0 {
		t.Errorf("ap-northeast-2 has SQS, Scheduler or Step Functions prices no source gives")
	}
	j := jobFootprint{name: "report", arch: archX86, vcpu: 0.25, gb: 0.5, run: jobRun{duration: time.Hour},
		schedule: Schedule{RunsPerMonth: 30, StatesPerRun: 6, StateMachine: "report-state-machine"}}
	if _, _, missing := priceJob(j, seoul, 0.3); missing != "report: no stepFunctionsTransitionsPer1000 price in internal/plan/prices.json for its state machine; add it" {
		t.Errorf("a state machine in Seoul: missing %q", missing)
	}
}
