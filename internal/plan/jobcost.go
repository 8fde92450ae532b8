package plan

import (
	"fmt"
	"strings"
	"time"
)

// Cost line items of Service Connect and scheduled jobs.
const (
	ItemServiceConnect = "Service Connect"
	ItemJobRuns        = "Scheduled job runs"
	ItemStateMachine   = "Step Functions transitions"
)

// jobFootprint is what one schedule's runs cost depends on.
type jobFootprint struct {
	name     string // the job's name, or the schedule's resource name
	schedule Schedule
	vcpu, gb float64
	arch     string
	run      jobRun
}

// connectFootprint is the Service Connect services' proxy share, priced
// at the Fargate rates of the tasks it runs in.
type connectFootprint struct {
	namespaces []string
	services   []string
	// fargate are the services' Fargate tasks: provider, count and
	// architecture.
	fargate []proxyTasks
}

type proxyTasks struct {
	service, provider, arch string
	tasks                   int
}

// readJobs finds each schedule's task and how long a run is priced to
// last.
func readJobs(scds []Schedule, given time.Duration) []jobFootprint {
	var out []jobFootprint
	for _, s := range scds {
		if s.taskDef == nil {
			continue
		}
		name := s.Job
		if name == "" {
			name = s.Resource
		}
		j := jobFootprint{name: name, schedule: s, arch: archX86, run: runDuration(s, given)}
		cpu, _ := num(s.taskDef.Inputs, "cpu")
		mem, _ := num(s.taskDef.Inputs, "memory")
		j.vcpu, j.gb = cpu/1024, mem/1024
		if a := str(object(s.taskDef.Inputs, "runtimePlatform"), "cpuArchitecture"); a != "" {
			j.arch = a
		}
		out = append(out, j)
	}
	return out
}

// readConnect finds the services in a Service Connect namespace and their
// Fargate tasks.
func readConnect(sc *ServiceConnect, fp footprint) connectFootprint {
	var cf connectFootprint
	if sc == nil {
		return cf
	}
	for _, ns := range sc.Namespaces {
		cf.namespaces = append(cf.namespaces, ns.Name)
	}
	for _, s := range sc.Services {
		cf.services = append(cf.services, s.Service)
		for _, sf := range fp.services {
			if sf.name != s.resource {
				continue
			}
			for _, pt := range sf.placement {
				if pt.Tasks > 0 && (pt.Provider == providerFargate || pt.Provider == providerFargateSpot) {
					cf.fargate = append(cf.fargate, proxyTasks{service: s.Service, provider: pt.Provider, arch: sf.arch, tasks: pt.Tasks})
				}
			}
		}
	}
	return cf
}

// priceConnect is the Service Connect line: no charge for Service Connect
// or the Cloud Map names it uses, and what the proxy's recommended share
// of the tasks comes to within the Fargate lines.
func priceConnect(cf connectFootprint, rp RegionPrices, h, spotShare float64) (CostLine, bool) {
	if len(cf.services) == 0 {
		return CostLine{}, false
	}
	var share float64
	for _, pt := range cf.fargate {
		rates, ok := rp.Fargate[pt.arch]
		if !ok {
			continue
		}
		f := 1.0
		if pt.provider == providerFargateSpot {
			f = spotShare
		}
		share += float64(pt.tasks) * h * f * (float64(proxyCPU)/1024*rates.VcpuHour + float64(proxyMemory)/1024*rates.GbHour)
	}
	detail := fmt.Sprintf("%s in namespace %s: no charge for Service Connect or its Cloud Map names", plural(len(cf.services), "service"), strings.Join(cf.namespaces, ", "))
	if len(cf.fargate) > 0 {
		detail += fmt.Sprintf("; its proxy runs in each task, where AWS recommends 256 CPU units and 64 MiB for it: %s a month of the Fargate lines", Money(share))
	}
	return CostLine{Item: ItemServiceConnect, Detail: detail, Unit: "service", Resources: cf.services}, true
}

// priceJob is one job's runs: what one run's task costs for its duration,
// times the runs a month; and with a state machine, its transitions.
func priceJob(j jobFootprint, rp RegionPrices, spotShare float64) ([]CostLine, []string, string) {
	rates, ok := rp.Fargate[j.arch]
	if !ok {
		return nil, nil, fmt.Sprintf("%s: no Fargate %s prices in %s; add them", j.name, j.arch, PricesFile)
	}
	provider := placementOf(j.schedule.Placement)
	if provider == "" {
		provider = providerFargate
	}
	if provider != providerFargate && provider != providerFargateSpot {
		return nil, nil, fmt.Sprintf("%s: its runs on %s are paid for as the EC2 instances they run on", j.name, provider)
	}
	share, note := 1.0, ""
	if provider == providerFargateSpot {
		share = spotShare
		note = fmt.Sprintf("Fargate Spot, assumed %s%% of on-demand", fmtNum(round(spotShare*100)))
	}
	hours := j.run.duration.Hours()
	perRun := hours * share * (j.vcpu*rates.VcpuHour + j.gb*rates.GbHour)
	runs := j.schedule.RunsPerMonth
	lines := []CostLine{{
		Item: ItemJobRuns,
		Detail: fmt.Sprintf("%s: %s runs a month × 1 task of %s vCPU and %s GB (%s) on %s for %s (%s)",
			j.name, fmtNum(runs), fmtNum(j.vcpu), fmtNum(j.gb), j.arch, provider, fmtDuration(j.run.duration), j.run.why),
		Quantity: runs, Unit: "run", Rate: perRun, Note: note, Resources: []string{j.name},
	}}
	items := []string{"fargate." + j.arch}
	if states := j.schedule.StatesPerRun; states > 0 {
		if rp.StepFunctionsTransitionsPer1000 <= 0 {
			return lines, items, fmt.Sprintf("%s: no stepFunctionsTransitionsPer1000 price in %s for its state machine; add it", j.name, PricesFile)
		}
		lines = append(lines, CostLine{
			Item: ItemStateMachine,
			Detail: fmt.Sprintf("%s: %s runs a month × at most %d transitions (one per state of %s)",
				j.name, fmtNum(runs), states, j.schedule.StateMachine),
			Quantity: runs * float64(states), Unit: "state transition", Rate: rp.StepFunctionsTransitionsPer1000 / 1000,
			Resources: []string{j.name},
		})
		items = append(items, "stepFunctionsTransitionsPer1000")
	}
	return lines, items, ""
}
