package copilot

import (
	"math"
	"regexp"
	"strconv"
)

// rangePattern is count.range's string form, n-m.
var rangePattern = regexp.MustCompile(`^\s*(\d+)\s*-\s*(\d+)\s*$`)

// countRange is count.range, read and checked.
type countRange struct {
	min, max, spotFrom int
	hasSpotFrom        bool
	n                  node
}

// readCount reads count's shape and refuses what Copilot forbids: spot
// beside autoscaling fields, a range without a metric or metrics without
// a range, a cooldown without a metric, min above max, and spot_from
// above max (no task would ever run on Spot). metrics are the kind's
// scaling fields.
func (s *svcConv) readCount(count node, metrics []string) (spot *int, rng *countRange, ok bool) {
	var set []node
	for _, m := range metrics {
		if n := count.get(m); n.ok() {
			set = append(set, n)
		}
	}
	sp, r, cd := count.get("spot"), count.get("range"), count.get("cooldown")
	good := true
	if sp.ok() && (r.ok() || len(set) > 0 || cd.ok()) {
		other := r
		if !other.ok() && len(set) > 0 {
			other = set[0]
		} else if !other.ok() {
			other = cd
		}
		s.r.fail(sp, "is set beside count.%s (line %d); Copilot runs a fixed count of Spot tasks or autoscales, not both: remove one", other.name(), other.line())
		good = false
	}
	if r.ok() && len(set) == 0 {
		s.r.fail(r, "autoscales on no metric; Copilot needs one of %s with a range", listOr(metrics))
		good = false
	}
	if !r.ok() && len(set) > 0 {
		s.r.fail(set[0], "needs count.range, the task counts to scale between")
		good = false
	}
	if cd.ok() && len(set) == 0 {
		s.r.fail(cd, "is a cooldown for no metric; set one of %s", listOr(metrics))
		good = false
	}
	if sp.ok() {
		if v, ok := s.r.integer(sp); ok && v >= 0 {
			spot = &v
		} else if ok {
			s.r.fail(sp, "%d is not a task count", v)
			good = false
		}
	}
	if r.ok() {
		rng = s.readRange(r)
		good = good && rng != nil
	}
	return spot, rng, good
}

// readRange reads count.range: "n-m", or {min, max, spot_from}.
func (s *svcConv) readRange(r node) *countRange {
	out := &countRange{n: r}
	if r.isScalar() {
		v, _ := s.r.str(r)
		m := rangePattern.FindStringSubmatch(v)
		if m == nil {
			s.r.fail(r, "%q is not a range; write it as min-max, such as 1-10", v)
			return nil
		}
		out.min, _ = strconv.Atoi(m[1])
		out.max, _ = strconv.Atoi(m[2])
	} else {
		lo, hi := r.get("min"), r.get("max")
		if !lo.ok() || !hi.ok() {
			s.r.fail(r, "needs both min and max")
			return nil
		}
		var ok1, ok2 bool
		out.min, ok1 = s.r.integer(lo)
		out.max, ok2 = s.r.integer(hi)
		if !ok1 || !ok2 {
			return nil
		}
		if sf := r.get("spot_from"); sf.ok() {
			v, ok := s.r.integer(sf)
			if !ok {
				return nil
			}
			out.spotFrom, out.hasSpotFrom = v, true
		}
	}
	switch {
	case out.min < 0 || out.max < 0 || out.spotFrom < 0:
		s.r.fail(r, "counts cannot be negative")
		return nil
	case out.min > out.max:
		s.r.fail(r, "min %d is above max %d", out.min, out.max)
		return nil
	case out.hasSpotFrom && out.spotFrom > out.max:
		s.r.fail(r.get("spot_from"), "%d is above max %d, so no task would ever run on Spot; lower it, or remove it for Fargate only", out.spotFrom, out.max)
		return nil
	}
	return out
}

// spotCapacity is the capacity key for tasks from the spotFrom'th on on
// Fargate Spot: the ones before on Fargate as the strategy's base.
func spotCapacity(spotFrom int) []obj {
	if spotFrom <= 1 {
		return []obj{{{"provider", "FARGATE_SPOT"}, {"weight", 1}}}
	}
	return []obj{
		{{"provider", "FARGATE"}, {"base", spotFrom - 1}, {"weight", 0}},
		{{"provider", "FARGATE_SPOT"}, {"weight", 1}},
	}
}

// count converts a web service's or backend's count.
func (s *svcConv) count() {
	count := s.root.get("count")
	if !count.ok() {
		return
	}
	if count.isScalar() {
		if v, ok := s.r.integer(count); ok {
			s.put(count, "desiredCount", v)
		}
		return
	}
	metrics := []string{"cpu_percentage", "memory_percentage", "requests", "response_time"}
	spot, rng, ok := s.readCount(count, metrics)
	if !ok {
		return
	}
	if spot != nil {
		s.spot(count.get("spot"), *spot)
		return
	}
	if rng == nil {
		return
	}
	s.rangeKeys(rng)
	var policies []obj
	defIn, defOut := s.cooldowns(count.get("cooldown"))
	for _, m := range []struct{ field, metric string }{
		{"cpu_percentage", "ECSServiceAverageCPUUtilization"},
		{"memory_percentage", "ECSServiceAverageMemoryUtilization"},
		{"requests", "ALBRequestCountPerTarget"},
	} {
		n := count.get(m.field)
		if !n.ok() || (m.field == "requests" && s.kind != "web") {
			continue // a backend's requests: not converted, as the table says
		}
		val := n
		in, out := defIn, defOut
		if n.isMap() {
			val = n.get("value")
			if !val.ok() {
				s.r.fail(n, "has no value, the target to track")
				continue
			}
			if c := n.get("cooldown"); c.ok() {
				if i, o := s.cooldowns(c); i != nil || o != nil {
					in, out = or(i, in), or(o, out)
				}
			}
		}
		target, ok := s.r.number(val)
		if !ok {
			continue
		}
		if m.field != "requests" && (target <= 0 || target > 100) {
			s.r.fail(val, "%v is not a percentage above 0 and at most 100", target)
			continue
		}
		if m.field == "requests" && target <= 0 {
			s.r.fail(val, "%v is not a request count above 0", target)
			continue
		}
		p := obj{{"metric", m.metric}, {"targetValue", target}}
		if in != nil {
			p = p.with("scaleInCooldown", *in)
		}
		if out != nil {
			p = p.with("scaleOutCooldown", *out)
		}
		policies = append(policies, p)
		show := "scalingPolicies[" + m.metric + "]"
		s.mark(n, "scalingPolicies", show, p)
		if val.path != n.path {
			s.mark(val, "scalingPolicies", show+".targetValue", target)
		}
		if c := n.at("cooldown.in"); c.ok() && in != nil {
			s.mark(c, "scalingPolicies", show+".scaleInCooldown", *in)
		}
		if c := n.at("cooldown.out"); c.ok() && out != nil {
			s.mark(c, "scalingPolicies", show+".scaleOutCooldown", *out)
		}
	}
	if len(policies) > 0 {
		if c := count.at("cooldown.in"); c.ok() && defIn != nil {
			s.mark(c, "scalingPolicies", "scalingPolicies[].scaleInCooldown", *defIn)
		}
		if c := count.at("cooldown.out"); c.ok() && defOut != nil {
			s.mark(c, "scalingPolicies", "scalingPolicies[].scaleOutCooldown", *defOut)
		}
	}
	if len(policies) > 0 {
		s.cfg.set("scalingPolicies", policies)
	} else {
		// Only metrics the components do not scale on: keep the range's
		// counts fixed at its minimum.
		s.cfg.del("autoscaling")
		s.c.rec.leaveOut(s.cfg, "autoscaling", "none of the range's metrics is one the components scale on; scale on cpu_percentage, memory_percentage or requests (the service runs min tasks meanwhile)")
	}
}

// spot converts count.spot: every task on Fargate Spot.
func (s *svcConv) spot(n node, tasks int) {
	s.put(n, "desiredCount", tasks)
	capacity := spotCapacity(1)
	s.put(n, "capacity", capacity)
}

// rangeKeys sets autoscaling, desiredCount and capacity from a range.
func (s *svcConv) rangeKeys(r *countRange) {
	as := obj{{"minCount", r.min}, {"maxCount", r.max}}
	s.cfg.set("autoscaling", as)
	s.cfg.set("desiredCount", r.min)
	s.mark(r.n, "autoscaling", "", as)
	s.mark(r.n, "desiredCount", "", r.min)
	if !r.n.isScalar() {
		s.mark(r.n.get("min"), "autoscaling", "autoscaling.minCount", r.min)
		s.mark(r.n.get("min"), "desiredCount", "", r.min)
		s.mark(r.n.get("max"), "autoscaling", "autoscaling.maxCount", r.max)
	}
	if r.hasSpotFrom {
		capacity := spotCapacity(r.spotFrom)
		s.put(r.n.get("spot_from"), "capacity", capacity)
	}
}

// cooldowns reads a cooldown's in and out, in whole seconds.
func (s *svcConv) cooldowns(c node) (in, out *int) {
	if n := c.get("in"); n.ok() {
		if v, ok := s.r.seconds(n); ok {
			in = &v
		}
	}
	if n := c.get("out"); n.ok() {
		if v, ok := s.r.seconds(n); ok {
			out = &v
		}
	}
	return in, out
}

func or(a, b *int) *int {
	if a != nil {
		return a
	}
	return b
}

// workerCount converts a worker's count: a fixed count, Spot, or a range
// with queue_delay, which becomes workerScaling.
func (s *svcConv) workerCount() {
	count := s.root.get("count")
	if !count.ok() {
		return
	}
	if count.isScalar() {
		if v, ok := s.r.integer(count); ok {
			s.put(count, "desiredCount", v)
		}
		return
	}
	spot, rng, ok := s.readCount(count, []string{"cpu_percentage", "memory_percentage", "queue_delay"})
	if !ok {
		return
	}
	if spot != nil {
		s.spot(count.get("spot"), *spot)
		return
	}
	if rng == nil {
		return
	}
	s.cfg.set("desiredCount", rng.min)
	if rng.hasSpotFrom {
		s.put(rng.n.get("spot_from"), "capacity", spotCapacity(rng.spotFrom))
	}
	qd := count.get("queue_delay")
	if !qd.ok() {
		s.mark(rng.n, "desiredCount", "", rng.min)
		s.not(rng.n, "a worker scales on its queue's backlog (workerScaling), and this range has no queue_delay", "add count.queue_delay; the worker runs min tasks meanwhile")
		return
	}
	lat, proc := qd.get("acceptable_latency"), qd.get("msg_processing_time")
	if !lat.ok() || !proc.ok() {
		s.r.fail(qd, "needs both acceptable_latency and msg_processing_time")
		return
	}
	l, ok1 := s.r.duration(lat)
	p, ok2 := s.r.duration(proc)
	if !ok1 || !ok2 {
		return
	}
	if l <= 0 || p <= 0 {
		s.r.fail(qd, "acceptable_latency and msg_processing_time must be above 0")
		return
	}
	if p > l {
		s.r.fail(proc, "%s is longer than acceptable_latency %s; a message could never be handled in time", p, l)
		return
	}
	backlog := math.Round(float64(l)/float64(p)*1000) / 1000
	minCount := rng.min
	sc := obj{{"minCount", max(minCount, 1)}, {"maxCount", max(rng.max, 1)}, {"backlogPerTask", backlog}}
	in, out := s.cooldowns(qd.get("cooldown"))
	di, do := s.cooldowns(count.get("cooldown"))
	for _, d := range []struct {
		n    node
		own  *int
		show string
	}{{count.at("cooldown.in"), in, "workerScaling.scaleInCooldown"}, {count.at("cooldown.out"), out, "workerScaling.scaleOutCooldown"}} {
		switch {
		case !d.n.ok():
		case d.own != nil:
			s.note(d.n, "queue_delay's own cooldown applies to workerScaling, so this default is not used")
		default:
			v, _ := s.r.seconds(d.n)
			s.mark(d.n, "workerScaling", d.show, v)
		}
	}
	in, out = or(in, di), or(out, do)
	if in != nil {
		sc = sc.with("scaleInCooldown", *in)
	}
	if out != nil {
		sc = sc.with("scaleOutCooldown", *out)
	}
	s.cfg.set("workerScaling", sc)
	s.cfg.set("desiredCount", max(minCount, 1))
	for _, n := range []node{rng.n, qd, lat, proc, qd.get("cooldown"), qd.at("cooldown.in"), qd.at("cooldown.out"), rng.n.get("min"), rng.n.get("max")} {
		if n.ok() {
			s.mark(n, "workerScaling", "", sc)
		}
	}
	s.mark(rng.n, "desiredCount", "", max(minCount, 1))
	if minCount < 1 {
		s.note(rng.n, "minCount is 1, not 0: the backlog per task has no value with no task running")
	}
}

// listOr joins names with "or".
func listOr(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	out := ""
	for i, n := range names {
		switch {
		case i == 0:
			out = n
		case i == len(names)-1:
			out += " or " + n
		default:
			out += ", " + n
		}
	}
	return out
}
