package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixtureStore builds the two seed documents once per test binary.
func fixtureStore(t *testing.T) string {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "graphbuild-fixtures")
		if err != nil {
			fixtureErr = err
			return
		}
		fixtureDB = filepath.Join(dir, "g.db")
		code, _, errs := gb(t, "build", "--db", fixtureDB, "--quiet", "../../fixtures/seeds")
		if code != 0 {
			fixtureErr = &buildError{errs}
		}
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureDB
}

// The exports of the fixture graph are byte-identical to the golden files:
// a change in extraction, resolution or a writer shows up here as a diff to
// review (go test ./cmd/graphbuild -run Golden -update rewrites them).
func TestGoldenExports(t *testing.T) {
	db := fixtureStore(t)
	for _, format := range []string{"graphml", "dot", "json"} {
		t.Run(format, func(t *testing.T) {
			got := mustRun(t, "export", "--db", db, "--format", format)
			path := filepath.Join("testdata", "fixtures."+format)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("export --format %s differs from %s (run with -update after reviewing the change)", format, path)
			}
		})
	}
}

// interop returns the path of a consumer tool, or skips the test when it is
// missing and CI is unset; under CI a missing tool fails.
func interop(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (.ci/run installs it)", tool)
		}
		t.Skipf("%s is not installed", tool)
	}
	return p
}

// python returns Debian's python3, which sees python3-networkx, in
// preference to another python3 on PATH.
func python(t *testing.T) string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return interop(t, "python3")
}

func TestInteropFixtures(t *testing.T) {
	db := fixtureStore(t)
	dir := t.TempDir()
	graphml := filepath.Join(dir, "g.graphml")
	dot := filepath.Join(dir, "g.dot")
	mustRun(t, "export", "--db", db, "--format", "graphml", "-o", graphml)
	mustRun(t, "export", "--db", db, "--format", "dot", "-o", dot)
	nodes := strings.Count(mustRun(t, "export", "--db", db, "--format", "graphml"), "<node ")

	t.Run("networkx", func(t *testing.T) {
		py := python(t)
		script := `
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
labels = {d["label"] for _, d in g.nodes(data=True)}
assert "John Kerry" in labels and "Sergey Lavrov" in labels, "missing labels"
w = [d["weight"] for _, _, d in g.edges(data=True)]
assert all(isinstance(x, int) and x > 0 for x in w), "weights not typed int"
print(g.number_of_nodes(), g.number_of_edges())
`
		out, err := exec.Command(py, "-c", script, graphml).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "No module named") && os.Getenv("CI") == "" {
				t.Skip("networkx is not installed")
			}
			t.Fatalf("networkx: %v\n%s", err, out)
		}
		var n, m int
		if _, err := fmtSscan(string(out), &n, &m); err != nil || n != nodes || m == 0 {
			t.Errorf("networkx read %q; want %d nodes and some edges", out, nodes)
		}
	})
	t.Run("graphviz", func(t *testing.T) {
		for _, layout := range []string{"dot", "sfdp"} {
			bin := interop(t, layout)
			out, err := exec.Command(bin, "-Tsvg", dot).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", layout, err, out)
			}
			if !strings.Contains(string(out), "John Kerry") {
				t.Errorf("%s rendered no John Kerry", layout)
			}
		}
	})
}
