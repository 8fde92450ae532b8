package plan

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// archX86 is the architecture every region must price for Fargate, and
// the one a task definition without a runtime platform runs on.
const archX86 = "X86_64"

// PricesFile is where the price table lives in the repository, for
// messages that tell the reader what to edit.
const PricesFile = "internal/plan/prices.json"

//go:embed prices.json
var pricesJSON []byte

// PriceTable is prices.json: list prices per region, where each was read,
// and the assumptions the estimate makes.
type PriceTable struct {
	ReadOn        string                  `json:"readOn"`
	HowRead       string                  `json:"howRead"`
	HoursPerMonth float64                 `json:"hoursPerMonth"`
	Assumptions   Assumptions             `json:"assumptions"`
	Global        GlobalPrices            `json:"global"`
	Regions       map[string]RegionPrices `json:"regions"`
}

// GlobalPrices are the prices of services that are not regional, in USD:
// Route 53, the ACM public certificate (free), and AWS WAF and KMS, whose
// prices are the same in every region.
type GlobalPrices struct {
	// Route53HostedZoneMonth is one hosted zone's monthly charge (the
	// first 25 zones of an account).
	Route53HostedZoneMonth float64 `json:"route53HostedZoneMonth"`
	// Route53QueriesPerMillion is the standard query rate (the first
	// billion a month); queries to alias records for an ELB load
	// balancer are free.
	Route53QueriesPerMillion float64 `json:"route53QueriesPerMillion"`
	// WafWebAclMonth, WafRuleMonth and WafRequestsPerMillion are AWS
	// WAF's charges, the same in every region: a web ACL a month, a rule
	// or rule group in it a month, and a million requests it inspects.
	WafWebAclMonth        float64 `json:"wafWebAclMonth"`
	WafRuleMonth          float64 `json:"wafRuleMonth"`
	WafRequestsPerMillion float64 `json:"wafRequestsPerMillion"`
	// KmsKeyMonth is a customer-managed KMS key a month, and
	// KmsRequestsPer10k its API requests beyond the free tier; the same
	// in every region.
	KmsKeyMonth       float64       `json:"kmsKeyMonth"`
	KmsRequestsPer10k float64       `json:"kmsRequestsPer10k"`
	Sources           []PriceSource `json:"sources"`
}

// Items names the global prices, as sources name them; the ACM public
// certificate is named though its price is nothing.
func (g GlobalPrices) Items() []string {
	return []string{"acmPublicCertificate", "kmsKeyMonth", "kmsRequestsPer10k", "route53HostedZoneMonth", "route53QueriesPerMillion", "wafRequestsPerMillion", "wafRuleMonth", "wafWebAclMonth"}
}

// Assumptions are the figures that are not list prices.
type Assumptions struct {
	// FargateSpotDiscount is the share taken off the on-demand Fargate
	// rates for Fargate Spot, such as 0.7.
	FargateSpotDiscount     float64 `json:"fargateSpotDiscount"`
	FargateSpotDiscountNote string  `json:"fargateSpotDiscountNote"`
}

// RegionPrices are one region's on-demand list prices in USD.
// AlarmMetricMonth is a standard-resolution alarm metric a month, 0 when
// the region has no price for it (its alarms then go unpriced).
type RegionPrices struct {
	AlbHour               float64 `json:"albHour"`
	AlbLcuHour            float64 `json:"albLcuHour"`
	InterfaceEndpointHour float64 `json:"interfaceEndpointHour"` // per endpoint per AZ
	InterfaceEndpointGb   float64 `json:"interfaceEndpointGb"`
	NatHour               float64 `json:"natHour"`
	NatGb                 float64 `json:"natGb"`
	PublicIpv4Hour        float64 `json:"publicIpv4Hour"`
	S3StandardGbMonth     float64 `json:"s3StandardGbMonth"` // S3 Standard storage, first 50 TB
	// LogsIngestGb and LogsStorageGbMonth are CloudWatch Logs' standard
	// class rates; 0 means the table has none for the region.
	LogsIngestGb       float64 `json:"logsIngestGb,omitempty"`
	LogsStorageGbMonth float64 `json:"logsStorageGbMonth,omitempty"`
	AlarmMetricMonth   float64 `json:"alarmMetricMonth,omitempty"`
	// EcrStorageGbMonth is ECR private repository storage, which holds
	// pull-through cached images; 0 means the table has none for the
	// region.
	EcrStorageGbMonth float64 `json:"ecrStorageGbMonth,omitempty"`
	// XrayTracesRecordedPerMillion and XrayTracesScannedPerMillion are
	// AWS X-Ray's rates for a million traces recorded, and a million
	// retrieved or scanned; 0 means the table has none for the region.
	XrayTracesRecordedPerMillion float64 `json:"xrayTracesRecordedPerMillion,omitempty"`
	XrayTracesScannedPerMillion  float64 `json:"xrayTracesScannedPerMillion,omitempty"`
	// SqsRequestsPerMillion is SQS's rate for a million requests to
	// standard queues beyond the free tier,
	// SchedulerInvocationsPerMillion EventBridge Scheduler's for a million
	// invocations beyond its free tier, and
	// StepFunctionsTransitionsPer1000 Step Functions Standard's for a
	// thousand state transitions; 0 means the table has none for the
	// region.
	SqsRequestsPerMillion           float64                 `json:"sqsRequestsPerMillion,omitempty"`
	SchedulerInvocationsPerMillion  float64                 `json:"schedulerInvocationsPerMillion,omitempty"`
	StepFunctionsTransitionsPer1000 float64                 `json:"stepFunctionsTransitionsPer1000,omitempty"`
	Fargate                         map[string]FargateRates `json:"fargate"` // by cpuArchitecture
	Ec2                             map[string]float64      `json:"ec2"`     // Linux on-demand per hour, by instance type
	Sources                         []PriceSource           `json:"sources"`
	Unconfirmed                     []PriceNote             `json:"unconfirmed"`
}

// FargateRates are the per-hour rates for one CPU architecture.
type FargateRates struct {
	VcpuHour float64 `json:"vcpuHour"`
	GbHour   float64 `json:"gbHour"`
}

// PriceSource says where some of a region's prices were read.
type PriceSource struct {
	Items []string `json:"items"`
	URL   string   `json:"url"`
	Read  string   `json:"read"`
	Note  string   `json:"note"`
}

// PriceNote marks one price that could not be confirmed.
type PriceNote struct {
	Item string `json:"item"`
	Note string `json:"note"`
}

// Items names every price the region sets, as sources and notes name
// them: "albHour", "fargate.X86_64", "ec2.m6i.large".
func (r RegionPrices) Items() []string {
	items := []string{"albHour", "albLcuHour", "interfaceEndpointHour", "interfaceEndpointGb", "natHour", "natGb", "publicIpv4Hour", "s3StandardGbMonth"}
	if r.LogsIngestGb > 0 {
		items = append(items, "logsIngestGb")
	}
	if r.LogsStorageGbMonth > 0 {
		items = append(items, "logsStorageGbMonth")
	}
	if r.AlarmMetricMonth > 0 {
		items = append(items, "alarmMetricMonth")
	}
	if r.EcrStorageGbMonth > 0 {
		items = append(items, "ecrStorageGbMonth")
	}
	if r.XrayTracesRecordedPerMillion > 0 {
		items = append(items, "xrayTracesRecordedPerMillion")
	}
	if r.XrayTracesScannedPerMillion > 0 {
		items = append(items, "xrayTracesScannedPerMillion")
	}
	if r.SqsRequestsPerMillion > 0 {
		items = append(items, "sqsRequestsPerMillion")
	}
	if r.SchedulerInvocationsPerMillion > 0 {
		items = append(items, "schedulerInvocationsPerMillion")
	}
	if r.StepFunctionsTransitionsPer1000 > 0 {
		items = append(items, "stepFunctionsTransitionsPer1000")
	}
	for arch := range r.Fargate {
		items = append(items, "fargate."+arch)
	}
	for typ := range r.Ec2 {
		items = append(items, "ec2."+typ)
	}
	sort.Strings(items)
	return items
}

// Prices returns the embedded price table, read once.
var Prices = sync.OnceValues(func() (*PriceTable, error) {
	return ParsePrices(pricesJSON)
})

// ParsePrices reads a price table and checks that it can be used: every
// region sets every hourly price, and the month has hours.
func ParsePrices(data []byte) (*PriceTable, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var t PriceTable
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("read %s: %w", PricesFile, err)
	}
	if t.HoursPerMonth <= 0 {
		return nil, fmt.Errorf("read %s: hoursPerMonth must be above 0", PricesFile)
	}
	if d := t.Assumptions.FargateSpotDiscount; d < 0 || d >= 1 {
		return nil, fmt.Errorf("read %s: assumptions.fargateSpotDiscount %v must be from 0 up to 1", PricesFile, d)
	}
	for name, r := range t.Regions {
		for item, v := range map[string]float64{
			"albHour": r.AlbHour, "albLcuHour": r.AlbLcuHour,
			"interfaceEndpointHour": r.InterfaceEndpointHour, "interfaceEndpointGb": r.InterfaceEndpointGb,
			"natHour": r.NatHour, "natGb": r.NatGb, "publicIpv4Hour": r.PublicIpv4Hour,
			"s3StandardGbMonth": r.S3StandardGbMonth,
		} {
			if v <= 0 {
				return nil, fmt.Errorf("read %s: regions.%s.%s is missing or not above 0", PricesFile, name, item)
			}
		}
		if _, ok := r.Fargate[archX86]; !ok {
			return nil, fmt.Errorf("read %s: regions.%s.fargate has no %s rates", PricesFile, name, archX86)
		}
	}
	return &t, nil
}
