package main

import (
	"path/filepath"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"strings"
	"testing"
)

// TestStaleAnalytics: past analyzeAutoEdges a build leaves the analytics
// stale and says so; the first query or export that needs them computes and
// caches them, later ones read them back, and the answers are those of a
// build that computed them.
func TestStaleAnalytics(t *testing.T) {
	dir := t.TempDir()
	eager, lazy := filepath.Join(dir, "eager.db"), filepath.Join(dir, "lazy.db")
	mustRun(t, "build", "--db", eager, "--quiet", wcepDir)

	old := analyzeAutoEdges
	analyzeAutoEdges = 0
	defer func() { analyzeAutoEdges = old }()
	_, _, errs := gb(t, "build", "--db", lazy, wcepDir)
	if !strings.Contains(errs, "graph analytics are out of date") || strings.Contains(errs, "computing graph analytics") {
		t.Fatalf("build over the threshold did not leave analytics stale:\n%s", errs)
	}

	want := mustRun(t, "query", "--db", eager, "top", "--limit", "20")

	// Another reader holds the store: computed, not cached, same answer.
	other, err := graph.Open(graph.DefaultOptions(lazy).WithReadOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	code, got, errs := gb(t, "query", "--db", lazy, "top", "--limit", "20")
	other.Close()
	if code != 0 || !strings.Contains(errs, "not cached") || got != want {
		t.Fatalf("query top while another process reads: exit %d, same answer %v, stderr:\n%s", code, got == want, errs)
	}

	code, got, errs = gb(t, "query", "--db", lazy, "top", "--limit", "20")
	if code != 0 || !strings.Contains(errs, "computing graph analytics") || !strings.Contains(errs, "computed and cached") {
		t.Fatalf("first query top: exit %d, stderr:\n%s", code, errs)
	}
	if got != want {
		t.Errorf("query top after lazy analytics:\n%s\nwant (analytics computed by build):\n%s", got, want)
	}
	code, got, errs = gb(t, "query", "--db", lazy, "top", "--limit", "20")
	if code != 0 || errs != "" || got != want {
		t.Errorf("second query top: exit %d, stderr %q, same answer %v", code, errs, got == want)
	}
	for _, format := range []string{"graphml", "gexf"} {
		w := mustRun(t, "export", "--db", eager, "--format", format)
		code, g, errs := gb(t, "export", "--db", lazy, "--format", format)
		if code != 0 || errs != "" || g != w {
			t.Errorf("export %s from the lazy store: exit %d, stderr %q, same bytes %v", format, code, errs, g == w)
		}
	}

	// analyze computes now; a second run has nothing to do.
	mustRun(t, "build", "--db", lazy, "--quiet", seedArticle)
	if _, _, errs := gb(t, "analyze", "--db", lazy); !strings.Contains(errs, "computed and cached") {
		t.Errorf("analyze after a build: %s", errs)
	}
	if _, _, errs := gb(t, "analyze", "--db", lazy); !strings.Contains(errs, "up to date") {
		t.Errorf("analyze twice: %s", errs)
	}
}
