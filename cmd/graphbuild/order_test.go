package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ambiguousCorpus writes documents about two people of one surname (Joe
// and Jill Biden), surnames met before the full name, a surname alone in
// a text that names both, and one that names neither.
func ambiguousCorpus(t *testing.T, dir string, n int) []string {
	t.Helper()
	texts := []string{
		"Biden arrived in Warsaw on Monday. President Joe Biden met Andrzej Duda at the palace, officials said.",
		"Jill Biden visited a school in Nairobi. Biden met William Ruto later that day, aides said.",
		"Joe Biden and Jill Biden flew to Paris on Friday. Biden spoke with Emmanuel Macron about Ukraine, officials said. Jill Biden met Brigitte Macron.",
		"Sergei Lavrov met Antony Blinken in Geneva. Lavrov said the talks were useful, the ministry said.",
		"Sergey Lavrov told reporters in Moscow that Blinken had called him, the ministry said.",
		"Biden spoke to reporters in Delaware on Sunday, the White House said.",
		"Clinton spoke to reporters in Little Rock on Sunday, aides said.",
	}
	var paths []string
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("doc%03d.txt", i))
		body := fmt.Sprintf("Report %d.\n\n%s\n", i, texts[i%len(texts)])
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// One build, two builds, and the same documents in another order give
// byte-identical exports, on a corpus with an ambiguous surname.
func TestOrderIndependence(t *testing.T) {
	dir := t.TempDir()
	paths := ambiguousCorpus(t, dir, 42)
	export := func(db string) string {
		return mustRun(t, "export", "--db", db, "--format", "graphml")
	}
	build := func(db string, ps ...string) {
		mustRun(t, append([]string{"build", "--quiet", "--batch", "4", "--db", db}, ps...)...)
	}
	one := filepath.Join(dir, "one.db")
	build(one, paths...)
	want := export(one)

	two := filepath.Join(dir, "two.db")
	build(two, paths[21:]...)
	build(two, paths...)
	if got := export(two); got != want {
		t.Error("two builds give another graph than one build")
	}
	rev := make([]string, len(paths))
	for i, p := range paths {
		rev[len(paths)-1-i] = p
	}
	shuffled := filepath.Join(dir, "shuffled.db")
	build(shuffled, rev...)
	if got := export(shuffled); got != want {
		t.Error("the input order changes the graph")
	}
	// The surname resolves to a full name wherever the text names one,
	// also before the full name; alone and ambiguous, it is no node.
	for _, node := range []string{"Joe Biden", "Jill Biden", "Andrzej Duda", "Sergey Lavrov"} {
		node = `"n_label">` + node + "<"
		if !strings.Contains(want, node) {
			t.Errorf("no node %s", node)
		}
	}
	for _, hub := range []string{"Biden", "Clinton", "Lavrov", "Sergei Lavrov"} {
		hub = `"n_label">` + hub + "<"
		if strings.Contains(want, hub) {
			t.Errorf("%s is a node of its own", hub)
		}
	}
}

// The Current Events fixtures hold one item in several files, with
// different texts: the copy kept does not depend on the input order.
func TestOrderIndependenceCurrentEvents(t *testing.T) {
	var files []string
	filepath.Walk(wcepDir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "LICENSE.md") {
			files = append(files, p)
		}
		return nil
	})
	files = append(files, seedWCEP)
	rev := make([]string, len(files))
	for i, p := range files {
		rev[len(files)-1-i] = p
	}
	dir := t.TempDir()
	var exports []string
	for i, order := range [][]string{files, rev} {
		db := filepath.Join(dir, fmt.Sprintf("g%d.db", i))
		mustRun(t, append([]string{"build", "--quiet", "--db", db}, order...)...)
		exports = append(exports, mustRun(t, "export", "--db", db, "--format", "json"))
	}
	if exports[0] != exports[1] {
		t.Error("the order of the Current Events files changes the graph")
	}
}
