package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusTexts are three texts that name two players two ways each, the
// full name only in another text: no text alone can tell "Cheeks" is
// Maurice Cheeks, or "Sam Dalembert" Samuel Dalembert.
var corpusTexts = map[string]string{
	"a.txt": "Maurice Cheeks was fired by the Portland Trail Blazers on Monday. Maurice Cheeks had coached Samuel Dalembert since 2001.\n",
	"b.txt": "Cheeks met Billy King in Philadelphia on Tuesday, the team said.\n",
	"c.txt": "Sam Dalembert thanked the fans in Portland on Sunday.\n",
}

func writeCorpus(t *testing.T, dir string) []string {
	var paths []string
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(corpusTexts[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// extract resolves names across its inputs (--resolve corpus, the
// default), whatever their order; --resolve document keeps each text's
// own.
func TestExtractResolvesCorpus(t *testing.T) {
	paths := writeCorpus(t, t.TempDir())
	entities := func(args ...string) map[string]string {
		out := mustRun(t, append([]string{"extract"}, args...)...)
		got := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var m mentionLine
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			got[filepath.Base(m.Doc)+" "+m.Text] = m.Entity
		}
		return got
	}
	one := entities(paths...)
	for k, want := range map[string]string{"b.txt Cheeks": "Maurice Cheeks", "c.txt Sam Dalembert": "Samuel Dalembert", "b.txt Philadelphia": "Philadelphia"} {
		if one[k] != want {
			t.Errorf("%s is %q, want %s (all: %v)", k, one[k], want, one)
		}
	}
	reversed := entities(paths[2], paths[1], paths[0])
	for k, v := range one {
		if reversed[k] != v {
			t.Errorf("input order changed %s: %q vs %q", k, v, reversed[k])
		}
	}
	if doc := entities(append([]string{"--resolve", "document"}, paths...)...); doc["b.txt Cheeks"] != "Cheeks" {
		t.Errorf("--resolve document: b.txt Cheeks is %q, want Cheeks", doc["b.txt Cheeks"])
	}
}

// graphbuild aliases suggests the merges the whole store shows; building
// again with them gives one node, and nothing more to suggest.
func TestSuggestAliases(t *testing.T) {
	dir := t.TempDir()
	paths := writeCorpus(t, dir)
	db := filepath.Join(dir, "g.db")
	mustRun(t, append([]string{"build", "--quiet", "--db", db}, paths...)...)
	out := mustRun(t, "aliases", "--db", db)
	if !strings.Contains(out, "Cheeks = Maurice Cheeks") || !strings.Contains(out, "Sam Dalembert = Samuel Dalembert") {
		t.Fatalf("aliases suggests:\n%s", out)
	}
	rules := filepath.Join(dir, "aliases.txt")
	if err := os.WriteFile(rules, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, append([]string{"build", "--quiet", "--db", db, "--aliases", rules, "--rebuild"}, paths...)...)
	exp := mustRun(t, "export", "--db", db, "--format", "json", "--types", "PERSON,ORG,GPE,LOC,FAC,EVENT,MISC,NORP")
	if strings.Contains(exp, `"label":"Cheeks"`) || strings.Contains(exp, `"label":"Sam Dalembert"`) || !strings.Contains(exp, `"label":"Maurice Cheeks"`) {
		t.Errorf("after the rebuild the export still splits Maurice Cheeks:\n%s", exp)
	}
	if again := mustRun(t, "aliases", "--db", db); strings.Contains(again, "=") {
		t.Errorf("still suggested after the rebuild:\n%s", again)
	}
}
