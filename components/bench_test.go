package components

import (
	"fmt"
	"testing"

	"github.com/private-fargate/pulumi-private-ecs/components/edge"
	"github.com/private-fargate/pulumi-private-ecs/components/network"
	"github.com/private-fargate/pulumi-private-ecs/components/service"
)

// manyServices is a platform of n Fargate services on one network, load
// balancer and cluster, each on its own path.
func manyServices(n int) platform {
	pl := platform{
		network:  network.NetworkArgs{Region: testRegion, Features: map[string]network.EndpointFeatures{}},
		services: map[string]service.WebServiceArgs{},
	}
	for i := range n {
		name := fmt.Sprintf("svc%02d", i)
		pl.network.Features[name] = network.EndpointFeatures{}
		pl.lb.Routes = append(pl.lb.Routes, edge.ListenerRoute{Service: name, Paths: []string{"/" + name + "/*"}})
		pl.services[name] = service.WebServiceArgs{Container: service.ContainerArgs{Build: &service.ImageBuild{Context: "./" + name}}}
	}
	return pl
}

// BenchmarkSharedPlatform measures building a platform of 3 and 20
// services under mocks: validation, registration and the mock monitor.
// Cost should grow about linearly with the services.
func BenchmarkSharedPlatform(b *testing.B) {
	for _, tc := range []struct {
		name string
		pl   platform
	}{{"3-services", sharedPlatform()}, {"20-services", manyServices(20)}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tc.pl.run(b); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestTwentyServicesShareOneEndpointSet(t *testing.T) {
	m := manyServices(20).mustRun(t)
	if n := len(m.ByType(tEndpoint)); n != 4 {
		t.Errorf("20 Fargate services registered %d endpoints, want the 4 they all share", n)
	}
	if n := len(m.ByType(tListenerRule)); n != 20 {
		t.Errorf("registered %d listener rules, want 20", n)
	}
}
