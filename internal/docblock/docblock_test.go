package docblock

import "testing"

func TestReplaceKeepsTheMarkers(t *testing.T) {
	doc := "a\n<!-- x:begin -->\nold\n<!-- x:end -->\nb\n"
	got, err := Replace(doc, "x", "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "a\n<!-- x:begin -->\nnew\n<!-- x:end -->\nb\n"; got != want {
		t.Errorf("Replace = %q, want %q", got, want)
	}
	if body, _ := Get(got, "x"); body != "new\n" {
		t.Errorf("Get = %q, want %q", body, "new\n")
	}
	if _, err := Replace(doc, "y", ""); err == nil {
		t.Errorf("Replace of a missing block succeeded")
	}
	if _, err := Get(doc, "y"); err == nil {
		t.Errorf("Get of a missing block succeeded")
	}
}
