package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

const (
	seedArticle = "../../fixtures/seeds/al-monitor-us-russia-syria-2016-09-28.txt"
	seedWCEP    = "../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md"
	wcepDir     = "../../fixtures/wcep"
)

// gb runs one graphbuild command line in-process.
func gb(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := gb(t, args...)
	if code != 0 {
		t.Fatalf("graphbuild %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func statsOf(t *testing.T, db string) graph.Stats {
	t.Helper()
	var s graph.Stats
	if err := json.Unmarshal([]byte(mustRun(t, "stats", "--db", db, "--json")), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBuildTwiceChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", "../../fixtures")
	first := statsOf(t, db)
	if first.Documents == 0 || first.Entities["PERSON"] == 0 || first.Edges["cooccur"] == 0 || first.Edges["context"] == 0 {
		t.Fatalf("fixture build is too small: %+v", first)
	}
	exp1 := mustRun(t, "export", "--db", db, "--format", "graphml")
	_, _, errs := gb(t, "build", "--db", db, "../../fixtures")
	if !strings.Contains(errs, "0 new") {
		t.Errorf("second build reported new documents:\n%s", errs)
	}
	second := statsOf(t, db)
	a, _ := json.Marshal(first)
	b, _ := json.Marshal(second)
	if !bytes.Equal(a, b) {
		t.Errorf("stats changed by a second build:\n%s\n%s", a, b)
	}
	if exp2 := mustRun(t, "export", "--db", db, "--format", "graphml"); exp1 != exp2 {
		t.Error("export changed by a second build")
	}
}

// The acceptance test of the seed documents: one node per real-world
// entity, the Kerry — Lavrov edge, and no nodes from page furniture.
func TestSeedGraph(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	mustRun(t, "build", "--db", db, "--quiet", seedArticle, seedWCEP)
	var g struct {
		Nodes []struct {
			ID, Label, Type string
		} `json:"nodes"`
		Links []struct {
			Source, Target string
		} `json:"links"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "export", "--db", db, "--format", "json", "--metrics=false")), &g); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	ids := map[string]string{}
	for _, n := range g.Nodes {
		count[n.Label]++
		ids[n.Label] = n.ID
	}
	for _, name := range []string{"John Kerry", "Sergey Lavrov", "United States", "Aleppo", "UNICEF"} {
		if count[name] != 1 {
			t.Errorf("%d nodes named %q, want 1", count[name], name)
		}
	}
	for _, bad := range []string{"Kerry", "US", "U.S.", "Lavrov", "Sergey Lavrov Sept", "UNICEF Deputy Executive Director Justin Forsyth",
		"Sign", "Become Member", "Al-Monitor PRO", "Middle East Minute", "Daily Briefing", "Premium Membership", "Turkey Briefing"} {
		if count[bad] > 0 {
			t.Errorf("unwanted node %q", bad)
		}
	}
	kerry, lavrov := ids["John Kerry"], ids["Sergey Lavrov"]
	found := false
	for _, l := range g.Links {
		if l.Source == kerry && l.Target == lavrov || l.Source == lavrov && l.Target == kerry {
			found = true
		}
	}
	if !found {
		t.Error("no edge John Kerry — Sergey Lavrov")
	}
}

// extract's offsets are byte offsets into the file as read.
func TestExtractOffsets(t *testing.T) {
	out := mustRun(t, "extract", seedArticle, seedWCEP, wcepDir)
	files := map[string][]byte{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var m mentionLine
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
		b, ok := files[m.Doc]
		if !ok {
			var err error
			if b, err = os.ReadFile(m.Doc); err != nil {
				t.Fatal(err)
			}
			files[m.Doc] = b
		}
		if m.Start < 0 || m.End > len(b) || m.Start >= m.End || string(b[m.Start:m.End]) != m.Text {
			t.Fatalf("%s[%d:%d] != %q", m.Doc, m.Start, m.End, m.Text)
		}
		if m.Type == "" || m.Entity == "" {
			t.Errorf("line without type or entity: %s", sc.Text())
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d mentions in the fixtures", n)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("John Kerry met Sergey Lavrov in Geneva on Friday.\n"))
	bin := write("image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...))
	empty := write("empty.txt", nil)
	bad := write("latin1.txt", []byte("Fran\xe7ois Hollande met Angela Merkel in Berlin.\n"))
	missing := filepath.Join(dir, "missing.txt")
	db := filepath.Join(dir, "g.db")
	code, _, errs := gb(t, "build", "--db", db, good, bin, empty, bad, missing)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, want := range []string{bin, empty, missing} {
		found := false
		for _, line := range strings.Split(errs, "\n") {
			if strings.Contains(line, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error line names %s:\n%s", want, errs)
		}
	}
	if !strings.Contains(errs, bad) {
		t.Errorf("the invalid UTF-8 in %s is not reported:\n%s", bad, errs)
	}
	if s := statsOf(t, db); s.Documents != 2 {
		t.Errorf("%d documents stored, want 2 (good.txt and the repaired latin1.txt)", s.Documents)
	}
	if code, _, _ := gb(t, "build", "--db", db); code != 2 {
		t.Errorf("build without inputs: exit %d, want 2", code)
	}
	if code, _, _ := gb(t, "build", "--no-such-flag", good); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, _ := gb(t, "export", "--db", db, "--format", "svg"); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}

func TestStoreInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	good := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(good, []byte("Angela Merkel visited Paris.\n"), 0o644)
	mustRun(t, "build", "--db", db, "--quiet", good)
	before := statsOf(t, db)
	st, err := graph.Open(graph.DefaultOptions(db))
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := gb(t, "build", "--db", db, seedArticle)
	st.Close()
	if code != 1 || !strings.Contains(errs, db) {
		t.Errorf("build on a held store: exit %d, stderr %q; want 1 and a message naming %s", code, errs, db)
	}
	if after := statsOf(t, db); after.Documents != before.Documents {
		t.Errorf("documents %d → %d", before.Documents, after.Documents)
	}
}
