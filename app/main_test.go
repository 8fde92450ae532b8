package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRoutes(t *testing.T) {
	srv := httptest.NewServer(handler())
	defer srv.Close()
	for path, want := range map[string]struct {
		code int
		body string
	}{
		"/healthz": {200, "ok\n"},
		"/":        {200, "hello from "},
		"/missing": {404, ""},
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want.code || !strings.HasPrefix(string(body), want.body) {
			t.Errorf("GET %s = %d %q, want %d %q...", path, resp.StatusCode, body, want.code, want.body)
		}
	}
}

func TestProbe(t *testing.T) {
	srv := httptest.NewServer(handler())
	defer srv.Close()
	if got := probe(srv.URL + "/healthz"); got != 0 {
		t.Errorf("probe of a healthy server = %d, want 0", got)
	}
	if got := probe(srv.URL + "/missing"); got != 1 {
		t.Errorf("probe of a 404 = %d, want 1", got)
	}
	if got := probe("http://127.0.0.1:1/healthz"); got != 1 {
		t.Errorf("probe of nothing = %d, want 1", got)
	}
}
