package copilot

import (
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// svcConv converts one service manifest, merged for one environment,
// into that environment's service stack.
type svcConv struct {
	c    *converter
	e    *envStack
	m    *Manifest
	kind string
	cfg  *stackConfig
	r    reader
	root node
	st   *svcStack
	// skip, when set, says why the service gets no stack here.
	skip string
	// environment and secrets collect the app container's variables.
	environment map[string]string
	secrets     map[string]string
}

func (s *svcConv) out(n node) *outcome { return s.c.rec.out(s.m.File, n.path, s.e.name, s.cfg) }

// mark records that field n set show (a key, or a part of one) to v.
func (s *svcConv) mark(n node, key, show string, v any) {
	o := s.out(n)
	o.sets = append(o.sets, setting{key: key, show: show, value: v})
}

// put sets key from field n.
func (s *svcConv) put(n node, key string, v any) {
	s.cfg.set(key, v)
	s.mark(n, key, "", v)
}

func (s *svcConv) note(n node, text string) {
	o := s.out(n)
	o.notes = append(o.notes, text)
}

// not records that field n is not converted here after all.
func (s *svcConv) not(n node, why, instead string) {
	o := s.out(n)
	o.not, o.instead = why, instead
}

// convertService makes m's stack for e, or records why it has none.
func (c *converter) convertService(e *envStack, m *Manifest) {
	if m.Type == "" {
		return // refused by type already
	}
	merged := m.merged(e.name)
	w := walk(c.ps, m.File, merged, Fields()[m.Type], "environments")
	c.rec.present(m.File, e.name, w, false)
	kind := kindOf(m.Type)
	if kind == "" {
		t := Fields()[m.Type]
		e.skipped = append(e.skipped, skippedStack{m: m, why: t[len(t)-2].Reason + ". Instead: " + t[len(t)-2].Instead})
		return
	}
	s := &svcConv{
		c: c, e: e, m: m, kind: kind, root: node{v: merged},
		cfg:         newStackConfig(c.serviceProject(m.Name), e.name, c.opts.Region),
		environment: map[string]string{}, secrets: map[string]string{},
	}
	s.r = reader{ps: c.ps, file: m.File,
		vars: map[string]string{"COPILOT_APPLICATION_NAME": c.ws.App, "COPILOT_ENVIRONMENT_NAME": e.name},
		unset: func(n node, name string) {
			s.note(n, "${"+name+"} is kept as written: Copilot filled it in from the deploying shell's environment; write the value itself")
		}}
	s.st = &svcStack{m: m, kind: kind, cfg: s.cfg}
	s.convert()
	if s.skip != "" {
		e.skipped = append(e.skipped, skippedStack{m: m, why: s.skip})
		return
	}
	e.services = append(e.services, s.st)
}

// convert reads every field the table maps.
func (s *svcConv) convert() {
	root := s.root
	s.put(root.get("type"), "kind", s.kind)
	s.put(root.get("name"), "name", s.m.Name)
	s.cfg.gen("platformStack", s.c.stackName(s.c.platformProject(), s.e.name), "the "+s.e.name+" environment's platform stack, which this stack attaches to")
	s.cfg.gen("containerName", s.m.Name, "Copilot names the main container after the service; sidecars' depends_on and the log streams keep that name")
	s.image()
	s.task()
	switch s.kind {
	case "worker":
		s.workerCount()
	case "job":
	default:
		s.count()
	}
	s.exec()
	s.deployment()
	s.network()
	s.publish()
	s.logging()
	s.tracing()
	s.sidecars()
	switch s.kind {
	case "web":
		s.http()
	case "backend":
		s.appProtocol(root.at("http.version"))
	case "worker":
		s.subscribe()
	case "job":
		s.job()
	}
	s.copilotVariables()
	if len(s.environment) > 0 {
		s.cfg.set("environment", s.environment)
	}
	if len(s.secrets) > 0 {
		s.cfg.set("secrets", s.secrets)
	}
}

// appProtocol converts a backend's http.version into the protocol of its
// Service Connect port.
func (s *svcConv) appProtocol(v node) {
	raw, ok := s.r.str(v)
	if !ok {
		return
	}
	protocol, known := map[string]string{"http1": "http", "http2": "http2", "grpc": "grpc"}[strings.ToLower(raw)]
	if !known {
		s.r.fail(v, "%q is not a protocol version Copilot takes; use http1, http2 or grpc", raw)
		return
	}
	s.put(v, "appProtocol", protocol)
}

// image converts the image section: a build context, or a ready image
// the tasks can pull without NAT.
func (s *svcConv) image() {
	img := s.root.get("image")
	build, loc := img.get("build"), img.get("location")
	switch {
	case build.ok() && loc.ok():
		s.r.fail(loc, "is set beside image.build (line %d); Copilot builds an image or pulls one, not both: remove one", build.line())
	case !build.ok() && !loc.ok():
		s.r.fail(img, "sets neither build nor location; set image.build to build the image, or image.location to deploy a ready one")
	case loc.ok():
		ref, ok := s.r.str(loc)
		if !ok {
			return
		}
		if why, ok := s.c.pullable(s.e, ref); !ok {
			s.skip = fmt.Sprintf("its image %s cannot be pulled: %s", ref, why)
			s.e.refusals = append(s.e.refusals, refusal{stack: s.cfg.project + "/" + s.e.name, problem: s.cfg.full("image") + ": " + why, done: "the stack is left out; push the image to ECR and convert again"})
			s.not(loc, "the image cannot be pulled without NAT ("+why+")", "push it to ECR and convert again")
			return
		}
		s.put(loc, "image", ref)
	default:
		s.build(build)
	}
	if s.kind == "web" || s.kind == "backend" {
		if port := img.get("port"); port.ok() {
			if p, ok := s.r.integer(port); ok {
				s.put(port, "containerPort", p)
			}
		}
	}
	if hc := img.get("healthcheck"); hc.ok() {
		if v := s.healthcheck(hc, "containerHealthCheck"); v != nil {
			s.cfg.set("containerHealthCheck", v)
		}
	}
	if deps := img.get("depends_on"); deps.ok() {
		if v := s.dependsOn(deps, "containerDependsOn"); len(v) > 0 {
			s.cfg.set("containerDependsOn", v)
		}
	}
}

// build converts image.build into appPath, relative to the service
// project's directory.
func (s *svcConv) build(b node) {
	var context, dockerfile string
	var at node
	if b.isScalar() {
		dockerfile, _ = s.r.str(b)
		context, at = path.Dir(dockerfile), b
	} else {
		context, _ = s.r.str(b.get("context"))
		dockerfile, _ = s.r.str(b.get("dockerfile"))
		at = b.get("context")
		if context == "" {
			context, at = path.Dir(dockerfile), b.get("dockerfile")
		}
		if context == "" {
			context, at = ".", b
		}
	}
	context = path.Clean(strings.TrimPrefix(filepath.ToSlash(context), "./"))
	if dockerfile != "" && path.Clean(dockerfile) != path.Join(context, "Dockerfile") {
		df := b
		if !b.isScalar() {
			df = b.get("dockerfile")
		}
		s.not(df, fmt.Sprintf("the service program builds %s/Dockerfile, and this Dockerfile is %s", context, dockerfile),
			"move or rename it to "+path.Join(context, "Dockerfile"))
	}
	appPath := filepath.ToSlash(relPath(filepath.Join(s.c.opts.Out, s.m.Name), filepath.Join(s.c.ws.Dir, filepath.FromSlash(context))))
	s.put(at, "appPath", appPath)
	if at.path != b.path {
		s.mark(b, "appPath", "", appPath)
	}
	if df := b.get("dockerfile"); df.ok() && df.path != at.path && path.Clean(dockerfile) == path.Join(context, "Dockerfile") {
		s.mark(df, "appPath", "", appPath)
	}
}

// healthcheck converts a container health check {command, interval,
// retries, timeout, start_period} under key.
func (s *svcConv) healthcheck(hc node, key string) obj {
	var v obj
	if cmd := hc.get("command"); cmd.ok() {
		if list, ok := s.r.strs(cmd); ok {
			v = v.with("command", list)
			s.mark(cmd, s.keyOf(key), key+".command", list)
		}
	}
	for _, f := range []struct{ field, name string }{{"interval", "interval"}, {"timeout", "timeout"}, {"start_period", "startPeriod"}} {
		if n := hc.get(f.field); n.ok() {
			if sec, ok := s.r.seconds(n); ok {
				v = v.with(f.name, sec)
				s.mark(n, s.keyOf(key), key+"."+f.name, sec)
			}
		}
	}
	if n := hc.get("retries"); n.ok() {
		if r, ok := s.r.integer(n); ok {
			v = v.with("retries", r)
			s.mark(n, s.keyOf(key), key+".retries", r)
		}
	}
	if len(v) > 0 {
		if _, ok := v.get("command"); !ok {
			s.r.fail(hc, "has no command; a container health check runs one")
		}
	}
	return v
}

// keyOf is the stack key a shown part belongs to: "sidecars" for
// "sidecars[envoy].healthCheck".
func (s *svcConv) keyOf(show string) string {
	key, _, _ := strings.Cut(show, ".")
	key, _, _ = strings.Cut(key, "[")
	return key
}

// dependsOn converts a depends_on map into {container, condition}
// entries, sorted by container.
func (s *svcConv) dependsOn(deps node, key string) []obj {
	var out []obj
	entries := deps.entries()
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].name() < entries[j].name() })
	for _, d := range entries {
		cond, ok := s.r.str(d)
		if !ok {
			continue
		}
		up := strings.ToUpper(cond)
		switch up {
		case "START", "HEALTHY", "COMPLETE", "SUCCESS":
		default:
			s.r.fail(d, "%q is not a container condition; use start, healthy, complete or success", cond)
			continue
		}
		e := obj{{"container", d.name()}, {"condition", up}}
		out = append(out, e)
		s.mark(d, s.keyOf(key), key+"["+d.name()+"]", up)
	}
	return out
}

// task converts cpu, memory, platform, variables, secrets and
// readonly_fs.
func (s *svcConv) task() {
	root := s.root
	for _, f := range []string{"cpu", "memory"} {
		if n := root.get(f); n.ok() {
			if v, ok := s.r.integer(n); ok {
				s.put(n, f, v)
			}
		}
	}
	s.platform(root.get("platform"))
	for _, v := range root.get("variables").entries() {
		s.variable(v, s.environment, "environment")
	}
	for _, v := range root.get("secrets").entries() {
		s.secret(v, s.secrets, "secrets")
	}
	if n := root.at("storage.readonly_fs"); n.ok() {
		if v, ok := s.r.boolean(n); ok {
			s.put(n, "readonlyRootFilesystem", v)
		}
	}
}

// platform converts the platform field into architecture.
func (s *svcConv) platform(p node) {
	if !p.ok() {
		return
	}
	var os, arch string
	if p.isScalar() {
		v, _ := s.r.str(p)
		os, arch, _ = strings.Cut(v, "/")
	} else {
		os, _ = s.r.str(p.get("osfamily"))
		arch, _ = s.r.str(p.get("architecture"))
	}
	if !strings.EqualFold(os, "linux") {
		s.not(p, "a "+os+" platform: the components run Linux tasks only", "build a Linux image of the service")
		s.skip = "its platform is " + os + "; the components run Linux tasks only"
		return
	}
	var value string
	switch strings.ToLower(arch) {
	case "x86_64", "amd64":
		value = "X86_64"
	case "arm64", "arm":
		value = "ARM64"
	default:
		s.r.fail(p, "%q is not an architecture Copilot takes; use x86_64 or arm64", arch)
		return
	}
	s.cfg.set("architecture", value)
	s.mark(p, "architecture", "", value)
	for _, c := range p.entries() {
		s.mark(c, "architecture", "", value)
	}
}

// variable converts one variable into vars.
func (s *svcConv) variable(v node, vars map[string]string, key string) {
	if v.isMap() {
		if cfn := v.get("from_cfn"); cfn.ok() {
			return // not converted, as the table says
		}
	}
	val, ok := s.r.str(v)
	if !ok {
		if !v.ok() {
			val, ok = "", true
		} else {
			return
		}
	}
	vars[v.name()] = val
	s.mark(v, s.keyOf(key), key+"."+v.name(), val)
}

// secret converts one secret into an ARN: an SSM parameter name or a
// Secrets Manager secret name becomes the ARN of that name in the stack's
// region and account; an ARN is kept.
func (s *svcConv) secret(v node, into map[string]string, key string) {
	at, arn := v, ""
	switch {
	case v.isMap() && v.get("from_cfn").ok():
		return // not converted, as the table says
	case v.isMap():
		at = v.get("secretsmanager")
		name, ok := s.r.str(at)
		if !ok {
			s.r.fail(v, "is a map without secretsmanager; name a Secrets Manager secret (secretsmanager: <name>) or give an SSM parameter name")
			return
		}
		arn = name
		if !strings.HasPrefix(name, "arn:") {
			arn = s.c.arn("secretsmanager", "secret:"+name)
			s.c.warn("A Secrets Manager secret named by its name (secretsmanager: <name>) becomes a partial ARN, without the six characters Secrets Manager appends to the name: ECS reads it, and the execution role is granted <name>-?????? so that the grant matches the secret; a name that itself ends in a hyphen and six letters or digits reads as a full ARN, so give such a secret's full ARN in the stack files.")
		}
	default:
		name, ok := s.r.str(v)
		if !ok {
			return
		}
		arn = name
		if !strings.HasPrefix(name, "arn:") {
			arn = s.c.arn("ssm", "parameter/"+strings.TrimPrefix(name, "/"))
		}
	}
	into[v.name()] = arn
	s.mark(at, s.keyOf(key), key+"."+v.name(), arn)
}

// copilotVariables adds the variables Copilot sets in every task, so an
// app that reads them keeps working.
func (s *svcConv) copilotVariables() {
	for _, v := range []struct{ name, value string }{
		{"COPILOT_APPLICATION_NAME", s.c.ws.App}, {"COPILOT_ENVIRONMENT_NAME", s.e.name}, {"COPILOT_SERVICE_NAME", s.m.Name},
	} {
		if _, set := s.environment[v.name]; !set {
			s.environment[v.name] = v.value
			s.cfg.genPart("environment", "environment."+v.name, v.value, "Copilot set it in every task")
		}
	}
}

// exec converts exec; the platform's cluster then logs the sessions.
func (s *svcConv) exec() {
	n := s.root.get("exec")
	if !n.ok() {
		return
	}
	at := n
	if n.isMap() {
		at = n.get("enable")
	}
	on, ok := s.r.boolean(at)
	if !ok {
		return
	}
	s.put(at, "enableExecuteCommand", on)
	if at.path != n.path {
		s.mark(n, "enableExecuteCommand", "", on)
	}
}

// deployment converts the rolling strategy and the rollback alarms'
// thresholds.
func (s *svcConv) deployment() {
	d := s.root.get("deployment")
	if r := d.get("rolling"); r.ok() {
		v, _ := s.r.str(r)
		switch v {
		case "default":
			s.put(r, "minHealthyPercent", 100)
			s.put(r, "maxPercent", 200)
		case "recreate":
			s.put(r, "minHealthyPercent", 0)
			s.put(r, "maxPercent", 100)
		default:
			s.r.fail(r, "%q is not a rolling strategy; use default or recreate", v)
		}
	}
	ra := d.get("rollback_alarms")
	if !ra.isMap() {
		return
	}
	s.note(ra, "a map of thresholds: each of its fields says what it became")
	var thresholds obj
	for _, f := range []struct{ field, name, metric string }{{"cpu_utilization", "cpu", "CPU"}, {"memory_utilization", "memory", "memory"}} {
		n := ra.get(f.field)
		if !n.ok() {
			continue
		}
		if v, ok := s.r.number(n); ok {
			if v < 0 || v > 100 {
				s.r.fail(n, "%v is not a percentage from 0 to 100", v)
				continue
			}
			thresholds = thresholds.with(f.name, obj{{"threshold", v}})
			s.mark(n, "alarmThresholds", "alarmThresholds."+f.name+".threshold", v)
			s.mark(n, "alarms", "", true)
			s.note(n, rollbackNotCarried(f.metric)+"; to roll back on it, keep a CloudWatch alarm of your own on the metric and name it in the ECS service's deployment alarms outside these stacks")
		}
	}
	if len(thresholds) > 0 {
		s.cfg.set("alarms", true)
		s.cfg.set("alarmThresholds", thresholds)
	}
}

// network converts placement, the security groups and Service Connect.
func (s *svcConv) network() {
	vpc := s.root.at("network.vpc")
	if p := vpc.get("placement"); p.ok() {
		if p.isScalar() {
			v, _ := s.r.str(p)
			switch v {
			case "private":
				s.e.privatePlacement = append(s.e.privatePlacement, s.m.Name)
				s.note(p, "kept: the tasks run in the platform's private subnets, reaching AWS through its VPC endpoints instead of Copilot's NAT gateways")
			case "public":
				s.e.publicPlacement = append(s.e.publicPlacement, s.m.Name)
				s.note(p, "now private: the tasks run in the platform's private subnets with no public IP; an app that calls the internet itself needs the platform's NAT")
			default:
				s.r.fail(p, "%q is not a placement; use public or private", v)
			}
		} else {
			s.e.privatePlacement = append(s.e.privatePlacement, s.m.Name)
		}
	} else {
		s.e.publicPlacement = append(s.e.publicPlacement, s.m.Name)
	}
	sg := vpc.get("security_groups")
	list := sg
	if sg.isMap() {
		list = sg.get("groups")
	}
	var ids []string
	for _, item := range list.items() {
		if item.isMap() {
			continue // from_cfn: not converted, as the table says
		}
		if id, ok := s.r.str(item); ok {
			ids = append(ids, id)
		}
	}
	if list.isScalar() {
		id, _ := s.r.str(list)
		ids = append(ids, id)
	}
	if len(ids) > 0 {
		s.put(list, "taskSecurityGroupIds", ids)
		if list.path != sg.path {
			s.mark(sg, "taskSecurityGroupIds", "", ids)
		}
	}
	conn := s.root.at("network.connect")
	switch s.kind {
	case "backend":
		if a := conn.get("alias"); a.ok() {
			if v, ok := s.r.str(a); ok {
				s.put(a, "discoveryName", v)
			}
		}
	case "web":
		if conn.ok() {
			s.note(conn, "the service calls every backend of its environment (calls)")
		}
	}
}

// publish converts publish.topics: the task role may publish to the
// topics Copilot made, whose ARNs COPILOT_SNS_TOPIC_ARNS holds.
func (s *svcConv) publish() {
	topics := s.root.at("publish.topics")
	arns := map[string]string{}
	var resources []string
	for _, t := range topics.items() {
		name, ok := s.r.str(t.get("name"))
		if !ok {
			s.r.fail(t, "has no name; a topic needs one")
			continue
		}
		arn := s.c.topicArn(s.e.name, s.m.Name, name, s.fifo(t.get("fifo")))
		arns[name] = arn
		resources = append(resources, arn)
		s.mark(t.get("name"), "taskRoleStatements", "taskRoleStatements[sns:Publish]", arn)
		if f := t.get("fifo"); f.ok() {
			s.mark(f, "taskRoleStatements", "taskRoleStatements[sns:Publish]", arn)
		}
	}
	if len(resources) == 0 {
		return
	}
	b, _ := json.Marshal(arns)
	s.environment["COPILOT_SNS_TOPIC_ARNS"] = string(b)
	s.mark(topics, "environment", "environment.COPILOT_SNS_TOPIC_ARNS", string(b))
	s.cfg.set("taskRoleStatements", []obj{{{"actions", []string{"sns:Publish"}}, {"resources", resources}}})
	s.e.extraEndpoints["sns"] = append(s.e.extraEndpoints["sns"], s.m.Name)
	s.c.warn("The topics of publish are the ones Copilot made (%s-<env>-<service>-<topic>): they live as long as Copilot's service stacks. Create them in a stack of your own, and replace the ARNs in taskRoleStatements, COPILOT_SNS_TOPIC_ARNS and the workers' topics, before you delete Copilot's stacks.", s.c.ws.App)
}

// fifo tells whether a topic's fifo field turns FIFO on.
func (s *svcConv) fifo(f node) bool {
	switch {
	case !f.ok():
		return false
	case f.isMap():
		return true
	}
	on, _ := s.r.boolean(f)
	return on
}

// topicArn is the ARN of a topic Copilot's publish made: its stack's name
// (<app>-<env>-<service>) and the topic's, with .fifo for a FIFO topic.
func (c *converter) topicArn(env, svc, name string, fifo bool) string {
	n := c.ws.App + "-" + env + "-" + svc + "-" + name
	if fifo {
		n += ".fifo"
	}
	return c.arn("sns", n)
}

// logging converts logging.retention.
func (s *svcConv) logging() {
	if n := s.root.at("logging.retention"); n.ok() {
		if v, ok := s.r.integer(n); ok {
			s.put(n, "logRetentionDays", v)
		}
	}
}

// tracing converts observability.tracing.
func (s *svcConv) tracing() {
	n := s.root.at("observability.tracing")
	if !n.ok() {
		return
	}
	v, _ := s.r.str(n)
	if v != "awsxray" {
		s.r.fail(n, "%q is not a tracing vendor Copilot takes; use awsxray", v)
		return
	}
	s.put(n, "tracing", "xray")
	s.c.needCache(s.e, "ecr-public", "the tracing collector (public.ecr.aws/aws-observability/aws-otel-collector)")
}

// needCache gives the platform a pull-through cache rule for an upstream
// that needs no credentials.
func (c *converter) needCache(e *envStack, upstream, why string) {
	for _, r := range e.cache {
		if up, _ := r.get("upstream"); up == upstream {
			c.cacheImage(e, upstream, why)
			return
		}
	}
	e.cache = append(e.cache, obj{{"upstream", upstream}})
	c.cacheImage(e, upstream, why)
}

// sidecars converts each sidecar into a sidecars entry, sorted by name.
func (s *svcConv) sidecars() {
	var out []obj
	entries := s.root.get("sidecars").entries()
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].name() < entries[j].name() })
	for _, sc := range entries {
		name := sc.name()
		show := "sidecars[" + name + "]"
		v := obj{{"name", name}}
		img := sc.get("image")
		ref, at := "", img
		switch {
		case img.isScalar():
			ref, _ = s.r.str(img)
		case img.isMap() && img.get("location").ok():
			at = img.get("location")
			ref, _ = s.r.str(at)
		case img.isMap():
			s.not(sc, "its image is built (image.build), and the service program builds the app's image only", "build and push the sidecar's image to ECR, then name it")
			s.dropSidecar(name)
			continue
		default:
			s.r.fail(sc, "has no image; a sidecar needs one")
			continue
		}
		if why, ok := s.c.pullable(s.e, ref); !ok {
			s.not(sc, "its image "+ref+" cannot be pulled without NAT ("+why+"), so the sidecar is left out", "push the image to ECR and add the sidecar back (sidecars)")
			s.e.refusals = append(s.e.refusals, refusal{stack: s.cfg.project + "/" + s.e.name, problem: s.cfg.full("sidecars") + "[" + name + "].image: " + why, done: "left sidecars[" + name + "] out"})
			s.dropSidecar(name)
			continue
		}
		s.mark(sc, "sidecars", show+".name", name)
		v = v.with("image", ref)
		s.mark(at, "sidecars", show+".image", ref)
		if p := sc.get("port"); p.ok() {
			raw, _ := s.r.str(p)
			num, proto, _ := strings.Cut(raw, "/")
			port, err := strconv.Atoi(num)
			if err != nil || (proto != "" && !strings.EqualFold(proto, "tcp")) {
				s.r.fail(p, "%q is not a TCP port such as 8080 or 8080/tcp", raw)
			} else {
				v = v.with("ports", []int{port})
				s.mark(p, "sidecars", show+".ports", []int{port})
			}
		}
		if e := sc.get("essential"); e.ok() {
			if b, ok := s.r.boolean(e); ok {
				v = v.with("essential", b)
				s.mark(e, "sidecars", show+".essential", b)
			}
		}
		if d := sc.get("depends_on"); d.ok() {
			if deps := s.dependsOn(d, show+".dependsOn"); len(deps) > 0 {
				v = v.with("dependsOn", deps)
			}
		}
		vars, secrets := map[string]string{}, map[string]string{}
		for _, e := range sc.get("variables").entries() {
			s.variable(e, vars, show+".environment")
		}
		for _, e := range sc.get("secrets").entries() {
			s.secret(e, secrets, show+".secrets")
		}
		if len(vars) > 0 {
			v = v.with("environment", vars)
		}
		if len(secrets) > 0 {
			v = v.with("secrets", secrets)
		}
		if hc := sc.get("healthcheck"); hc.ok() {
			if h := s.healthcheck(hc, show+".healthCheck"); h != nil {
				v = v.with("healthCheck", h)
			}
		}
		out = append(out, v)
	}
	if len(out) > 0 {
		s.cfg.set("sidecars", out)
	}
}

// dropSidecar removes the dependencies on a sidecar that is left out.
func (s *svcConv) dropSidecar(name string) {
	deps := s.root.at("image.depends_on")
	if d := deps.get(name); d.ok() {
		s.not(d, "the sidecar "+name+" is left out", "add the sidecar and this dependency back once its image is in ECR")
		if v, ok := s.cfg.values["containerDependsOn"].([]obj); ok {
			var keep []obj
			for _, e := range v {
				if c, _ := e.get("container"); c != name {
					keep = append(keep, e)
				}
			}
			if len(keep) == 0 {
				s.cfg.del("containerDependsOn")
			} else {
				s.cfg.set("containerDependsOn", keep)
			}
		}
	}
}
