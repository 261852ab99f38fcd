package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// buildInto builds inputs into a fresh in-memory store with the real
// recognizer and returns the summary, the errors reported and the store.
func buildInto(t *testing.T, paths []string) (Summary, []error, *graph.Store) {
	t.Helper()
	ex, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opt := source.DefaultOptions()
	inputs, errs := source.Expand(paths, opt)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var reported []error
	bopt := BuildOptions{Options: Options{Workers: 2, Source: opt, OnError: func(err error) { reported = append(reported, err) }}}
	sum, err := Build(context.Background(), inputs, ex, st, bopt)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return sum, reported, st
}

// TestBuildSurvivesBadDocuments: a document too large for one store
// transaction and a JSONL id over 4 KB, placed before the fixtures so they
// share a batch with them, fail alone: each is reported with its path and
// reason and counted as failed, and every fixture document is stored. A
// name longer than Badger's key limit is stored.
func TestBuildSurvivesBadDocuments(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var md strings.Builder
	md.WriteString("# Many contexts\n\nAngela Merkel met Barack Obama in Berlin.\n\n")
	for line := range 20 { // 1,000 names, as many as a document keeps
		var names []string
		for i := range 50 {
			names = append(names, fmt.Sprintf("Zed%dq%d Person", line, i))
		}
		fmt.Fprintf(&md, "_Context: %s_\n\n", strings.Join(names, ", "))
	}
	big := write("big.md", md.String())
	longID := write("longid.jsonl", `{"id": "`+strings.Repeat("x", 5000)+`", "text": "Angela Merkel met Barack Obama in Berlin."}`+"\n"+
		`{"id": "fine", "text": "Vladimir Putin met Recep Tayyip Erdogan in Sochi."}`+"\n")
	hugeName := strings.Repeat("Q", 70000)
	huge := write("huge.md", "# Huge\n\nAngela Merkel met Barack Obama in Paris.\n\n_Context: "+hugeName+", Angela Merkel_\n")

	want, _, ref := buildInto(t, []string{"../../fixtures/wcep"})
	refStats, _ := ref.Stats()
	if want.New < 100 || want.Failed != 0 {
		t.Fatalf("clean build: %+v", want)
	}

	sum, reported, st := buildInto(t, []string{big, longID, huge, "../../fixtures/wcep"})
	if sum.Failed != 2 || len(reported) != 2 {
		t.Fatalf("Failed = %d, reported %v; want the two bad documents", sum.Failed, reported)
	}
	msgs := map[string]error{}
	for _, err := range reported {
		msgs[strings.SplitN(err.Error(), ":", 2)[0]] = err
	}
	if err := msgs[big]; !errors.Is(err, graph.ErrTooLarge) || !strings.Contains(err.Error(), "edges") {
		t.Errorf("error for %s = %v, want ErrTooLarge with its size", big, err)
	}
	if err := msgs[longID]; !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "id longer than 4096 bytes") || len(err.Error()) > 300 {
		t.Errorf("error for %s = %v, want a short ErrInvalid about the id", longID, err)
	}
	if sum.New != want.New+2 {
		t.Errorf("stored %d documents, want the %d fixture ones plus 2", sum.New, want.New)
	}
	stats, _ := st.Stats()
	if stats.Documents != refStats.Documents+2 {
		t.Errorf("store holds %d documents, want %d", stats.Documents, refStats.Documents+2)
	}
	if ok, _ := st.HasDocument("fine"); !ok {
		t.Error("the good line after the long id was not stored")
	}
	if ens, err := st.Lookup(hugeName); err != nil || len(ens) != 1 || ens[0].Name != hugeName {
		t.Errorf("Lookup(huge name) = %d entities, %v", len(ens), err)
	}
}
