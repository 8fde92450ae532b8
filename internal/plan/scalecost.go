package plan

import (
	"fmt"
	"strings"
)

// ScalingCost is an autoscaled service's monthly cost at its fewest and
// at its most tasks. The estimates price the desired count; this is the
// range the scaler may move it in.
type ScalingCost struct {
	// Service is the ECS service's resource name.
	Service  string `json:"service"`
	MinTasks int    `json:"minTasks"`
	MaxTasks int    `json:"maxTasks"`
	// Min and Max are the monthly cost of what the tasks run on: Fargate
	// tasks at each count, and EC2 groups from their minSize to their
	// maxSize instances, which managed scaling moves within.
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	// Parts say how, one per kind of capacity the tasks run on.
	Parts []ScalingPart `json:"parts"`
	// Missing lists what could not be priced; Min and Max leave it out.
	Missing []string `json:"missing,omitempty"`
}

// ScalingPart is the range of one kind of capacity.
type ScalingPart struct {
	// What the tasks run on: "on FARGATE_SPOT", "paid as web-asg's 2 to
	// 6 m6i.large instances".
	What string  `json:"what"`
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
}

// Text says the range in one sentence.
func (c ScalingCost) Text() string {
	var s string
	if len(c.Parts) == 1 {
		s = fmt.Sprintf("%s runs %d to %d tasks, %s: %s to %s a month", c.Service, c.MinTasks, c.MaxTasks, c.Parts[0].What, Money(c.Min), Money(c.Max))
	} else {
		parts := make([]string, len(c.Parts))
		for i, p := range c.Parts {
			parts[i] = fmt.Sprintf("%s %s to %s", p.What, Money(p.Min), Money(p.Max))
		}
		s = fmt.Sprintf("%s runs %d to %d tasks (%s): %s to %s a month", c.Service, c.MinTasks, c.MaxTasks, strings.Join(parts, "; "), Money(c.Min), Money(c.Max))
	}
	s += "; the table prices the desired count"
	if len(c.Missing) > 0 {
		s += " (not priced: " + strings.Join(c.Missing, "; ") + ")"
	}
	return s
}

// scalingCosts prices each scalable target's range.
func scalingCosts(ix *index, fp footprint, rp RegionPrices, t *PriceTable, scaling []ScalingTarget) []ScalingCost {
	h := t.HoursPerMonth
	spotShare := 1 - t.Assumptions.FargateSpotDiscount
	var out []ScalingCost
	for _, st := range scaling {
		var sf *serviceFootprint
		for i := range fp.services {
			if fp.services[i].name == st.ServiceResource {
				sf = &fp.services[i]
			}
		}
		if sf == nil {
			continue
		}
		c := ScalingCost{Service: sf.name, MinTasks: st.MinCapacity, MaxTasks: st.MaxCapacity}
		rates, priced := rp.Fargate[sf.arch]
		lo, hi := SplitTasks(st.MinCapacity, sf.items), SplitTasks(st.MaxCapacity, sf.items)
		for i, item := range sf.items {
			switch item.Provider {
			case providerFargate, providerFargateSpot:
				if hi[i].Tasks == 0 {
					continue
				}
				if !priced {
					c.Missing = append(c.Missing, fmt.Sprintf("no Fargate %s prices", sf.arch))
					continue
				}
				share := 1.0
				if item.Provider == providerFargateSpot {
					share = spotShare
				}
				perTask := (sf.vcpu*rates.VcpuHour + sf.gb*rates.GbHour) * share * h
				a, b := round(float64(lo[i].Tasks)*perTask), round(float64(hi[i].Tasks)*perTask)
				c.Min, c.Max = round(c.Min+a), round(c.Max+b)
				what := "on " + item.Provider
				if lo[i].Tasks != st.MinCapacity || hi[i].Tasks != st.MaxCapacity {
					what = fmt.Sprintf("%d to %d on %s", lo[i].Tasks, hi[i].Tasks, item.Provider)
				}
				c.Parts = append(c.Parts, ScalingPart{What: what, Min: a, Max: b})
			default:
				g := providerGroup(ix, item.Provider)
				if g == nil {
					continue
				}
				gf := instanceGroup(ix, g)
				minSize, _ := num(g.Inputs, "minSize")
				maxSize, _ := num(g.Inputs, "maxSize")
				rate, ok := rp.Ec2[gf.instanceType]
				if !ok {
					c.Missing = append(c.Missing, fmt.Sprintf("%s: no price for %s", g.Name, orNone(gf.instanceType)))
					continue
				}
				a, b := round(minSize*h*rate), round(maxSize*h*rate)
				c.Min, c.Max = round(c.Min+a), round(c.Max+b)
				c.Parts = append(c.Parts, ScalingPart{What: fmt.Sprintf("paid as %s's %s to %s %s instances", g.Name, fmtNum(minSize), fmtNum(maxSize), gf.instanceType), Min: a, Max: b})
			}
		}
		nonNil(&c.Parts)
		out = append(out, c)
	}
	return out
}
