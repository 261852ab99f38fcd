package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/graphbuild/graphbuild/pkg/ingest"
)

// TestReadHonestly: a Windows-1252 file gives whole names and a warning
// naming the encoding; a walk reports what it did not read, with reasons
// under --verbose and a count in the summary.
func TestReadHonestly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	latin := write("in/hollande.txt", "Fran\xe7ois Hollande met Jos\xe9 Manuel Barroso in Brussels on Monday.\n")
	write("in/paper.pdf", "%PDF-1.4\n")
	write("in/table.csv", "a,b\n")
	write("in/NOTES", "John Kerry met Sergey Lavrov in Geneva on Friday.\n")

	code, out, errs := gb(t, "extract", latin)
	if code != 0 {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, `"text":"François Hollande"`) || !strings.Contains(out, `"José Manuel Barroso"`) {
		t.Errorf("names not decoded:\n%s", out)
	}
	if !strings.Contains(errs, "hollande.txt: not UTF-8: decoded as windows-1252") {
		t.Errorf("no warning naming the encoding:\n%s", errs)
	}

	db := filepath.Join(dir, "g.db")
	code, _, errs = gb(t, "build", "--db", db, "--analyze=false", filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "2 file(s) in the directories not read (1 CSV, 1 PDF); --verbose lists them") {
		t.Errorf("summary does not count the skipped files:\n%s", errs)
	}
	if s := statsOf(t, db); s.Documents != 2 {
		t.Errorf("%d documents, want 2 (hollande.txt and the extension-less NOTES)", s.Documents)
	}
	code, _, errs = gb(t, "extract", "--verbose", filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("extract --verbose: exit %d\n%s", code, errs)
	}
	for _, want := range []string{"skipped " + filepath.Join(dir, "in/paper.pdf") + ": PDF: convert it to text first", "skipped " + filepath.Join(dir, "in/table.csv") + ": CSV"} {
		if !strings.Contains(errs, want) {
			t.Errorf("--verbose does not say %q:\n%s", want, errs)
		}
	}
}

// TestBadFlagValues: unknown type and kind names and negative counts are
// bad usage that says what is valid; PER is read as PERSON.
func TestBadFlagValues(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "--analyze=false", seedArticle)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--db", db, "--format", "json", "--types", "PERSONS"}, `unknown entity type "PERSONS" (want PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, MISC)`},
		{[]string{"export", "--db", db, "--format", "json", "--kinds", "meets"}, `unknown edge kind "meets"`},
		{[]string{"export", "--db", db, "--format", "json", "--top", "-3"}, "--top must be 0 (all) or more"},
		{[]string{"query", "--db", db, "neighbors", "Kerry", "--types", "PEOPLE"}, `unknown entity type "PEOPLE"`},
		{[]string{"query", "--db", db, "neighbors", "Kerry", "--kinds", "x"}, `unknown edge kind "x"`},
		{[]string{"query", "--db", db, "top", "--limit", "-5"}, "--limit must be 0 (the default) or more, got -5"},
		{[]string{"query", "--db", db, "top", "--type", "PERSONS"}, `unknown entity type "PERSONS"`},
	} {
		code, _, errs := gb(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", strings.Join(tc.args, " "), code, errs, tc.want)
		}
	}
	per := mustRun(t, "query", "--db", db, "--json", "neighbors", "Kerry", "--types", "PER")
	all := mustRun(t, "query", "--db", db, "--json", "neighbors", "Kerry", "--types", "PERSON")
	if per != all || !strings.Contains(per, "Lavrov") {
		t.Errorf("--types PER is not PERSON:\n%s\n%s", per, all)
	}
	if code, out, _ := gb(t, "--version"); code != 0 || !strings.HasPrefix(out, "graphbuild ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

// TestProgressLine: the bar and ETA come from the share of bytes done;
// the ETA waits for the first percent.
func TestProgressLine(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b, tty: true}
	p.update(ingest.Progress{Inputs: 1, Documents: 1, Bytes: 1, TotalBytes: 1000, Elapsed: time.Second})
	if !strings.Contains(b.String(), "ETA estimating") {
		t.Errorf("early line %q", b.String())
	}
	b.Reset()
	p.last = time.Time{}
	p.update(ingest.Progress{Inputs: 1, Documents: 50, Bytes: 250, TotalBytes: 1000, Elapsed: 60 * time.Second})
	if !strings.Contains(b.String(), " 25% ") || !strings.Contains(b.String(), "ETA 3m0s") {
		t.Errorf("line %q, want 25%% and ETA 3m0s", b.String())
	}
}

// TestDOTReadableByDefault: a large graph's DOT is its top-150 subgraph,
// said on stderr; --top 0 writes all of it.
func TestDOTReadableByDefault(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "--analyze=false", "../../fixtures")
	code, out, errs := gb(t, "export", "--db", db, "--format", "dot")
	if code != 0 || !strings.Contains(errs, "writing the 150 of highest weighted degree") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	nodes := func(dot string) int {
		n := 0
		for _, line := range strings.Split(dot, "\n") {
			if strings.Contains(line, " [label=") && !strings.Contains(line, `"legend:`) {
				n++
			}
		}
		return n
	}
	small := nodes(out)
	if !strings.Contains(out, "subgraph cluster_legend") {
		t.Error("no legend")
	}
	code, all, errs := gb(t, "export", "--db", db, "--format", "dot", "--top", "0", "--legend=false")
	// The only stderr allowed: the analytics the build left to the export.
	if code != 0 || strings.Contains(errs, "hairball") || strings.Contains(all, "legend") {
		t.Fatalf("--top 0: exit %d, stderr %q", code, errs)
	}
	if n := nodes(all); n <= 150 || small > 150 || small < 100 {
		t.Errorf("default %d nodes, --top 0 %d", small, n)
	}
}

// TestExportEvidence: a GraphML export says why Kerry and Lavrov are
// linked, and networkx (when installed) reads it as an edge attribute.
func TestExportEvidence(t *testing.T) {
	db := fixtureStore(t)
	path := filepath.Join(t.TempDir(), "g.graphml")
	mustRun(t, "export", "--db", db, "--format", "graphml", "-o", path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `<key id="e_evidence" for="edge" attr.name="evidence" attr.type="string"/>`) {
		t.Fatal("no evidence key")
	}
	if off := filepath.Join(t.TempDir(), "off.graphml"); true {
		mustRun(t, "export", "--db", db, "--format", "graphml", "--evidence=false", "-o", off)
		if b, _ := os.ReadFile(off); strings.Contains(string(b), "e_evidence") {
			t.Error("--evidence=false still writes evidence")
		}
	}
	py := ""
	for _, c := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(c, "-c", "import networkx").Run() == nil {
			py = c
			break
		}
	}
	if py == "" {
		t.Skip("no python3 with networkx")
	}
	out, err := exec.Command(py, "-c", `
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
for a, b, d in g.edges(data=True):
    names = {g.nodes[a]["label"], g.nodes[b]["label"]}
    if names == {"John Kerry", "Sergey Lavrov"}:
        print(d.get("evidence", ""))
`, path).CombinedOutput()
	if err != nil {
		t.Skipf("networkx: %v %s", err, out)
	}
	if s := string(out); !strings.Contains(s, "Kerry") || !strings.Contains(s, "Lavrov") {
		t.Errorf("networkx reads the Kerry — Lavrov evidence as %q", s)
	}
}
