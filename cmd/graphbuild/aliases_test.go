package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// build --aliases: a merge, a split and a type fix, each on a text of its
// own; query and export take names through the merges; a changed file is
// refused until --rebuild.
func TestAliasesFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Andrzej Duda met Kiki in Warsaw on Monday, officials said.\n")
	b := write("b.txt", "Kirsten Dunst opened a shop in London. Dunst thanked Sofia Coppola in Paris.\n")
	c := write("c.txt", "Angela Merkel spoke at the Reichstag in Berlin on Friday.\n")
	rules := write("aliases.txt", "# test rules\nKiki = Kirsten Dunst\nDunst != Kirsten Dunst\nReichstag : FAC\n")
	db := filepath.Join(dir, "g.db")
	mustRun(t, "build", "--quiet", "--aliases", rules, "--db", db, a, b, c)
	out := mustRun(t, "export", "--db", db, "--format", "json", "--types", "PERSON,ORG,GPE,LOC,FAC,EVENT,MISC,NORP")
	for _, want := range []string{`"label":"Kirsten Dunst","type":"PERSON"`, `"label":"Dunst","type":"PERSON"`, `"label":"Reichstag","type":"FAC"`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"label":"Kiki"`) {
		t.Error("Kiki is still a node of its own")
	}
	if q := mustRun(t, "query", "--db", db, "--aliases", rules, "neighbors", "Kiki"); !strings.Contains(q, "Andrzej Duda") {
		t.Errorf("query does not take Kiki through the aliases:\n%s", q)
	}
	mustRun(t, "export", "--db", db, "--aliases", rules, "--focus", "Kiki", "--format", "json")

	// Changing the rules and building again is refused, --rebuild applies them.
	os.WriteFile(rules, []byte("Reichstag : ORG\n"), 0o644)
	if code, _, errs := gb(t, "build", "--quiet", "--aliases", rules, "--db", db, a, b, c); code != 2 || !strings.Contains(errs, "--rebuild") {
		t.Errorf("changed aliases: exit %d, %s", code, errs)
	}
	mustRun(t, "build", "--quiet", "--rebuild", "--aliases", rules, "--db", db, a, b, c)
	out = mustRun(t, "export", "--db", db, "--format", "json", "--types", "PERSON,ORG,GPE,LOC,FAC,EVENT,MISC,NORP")
	if !strings.Contains(out, `"label":"Reichstag","type":"ORG"`) || !strings.Contains(out, `"label":"Kiki"`) || strings.Contains(out, `"label":"Dunst"`) {
		t.Errorf("the rebuilt store does not follow the new rules:\n%s", out)
	}
}

func TestAliasesFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("Zelensky\n"), 0o644)
	in := filepath.Join(dir, "a.txt")
	os.WriteFile(in, []byte("Kerry met Lavrov.\n"), 0o644)
	code, _, errs := gb(t, "build", "--aliases", bad, "--db", filepath.Join(dir, "g.db"), in)
	if code != 2 || !strings.Contains(errs, "bad.txt:1") {
		t.Errorf("exit %d, %s", code, errs)
	}
}
