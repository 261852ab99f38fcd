package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// recorder is an empty store that keeps what a build applies, in order.
type recorder struct{ cs []graph.Contribution }

func (r *recorder) HasDocument(string) (bool, error) { return false, nil }

func (r *recorder) Apply(_ context.Context, cs []graph.Contribution) (graph.ApplyResult, error) {
	r.cs = append(r.cs, cs...)
	return graph.ApplyResult{Added: len(cs)}, nil
}

// writeContributions writes what build adds for the inputs, in the format
// graphbuild-beam writes: two shards, one gzipped, one JSON
// graph.Contribution a line.
func writeContributions(t *testing.T, dir string, paths ...string) {
	t.Helper()
	ins, errs := source.Expand(paths, source.DefaultOptions())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ex, err := ingest.DefaultExtractor()
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	opt := ingest.BuildOptions{}
	opt.Source = source.DefaultOptions()
	if _, err := ingest.Build(context.Background(), ins, ex, rec, opt); err != nil {
		t.Fatal(err)
	}
	plain, err := os.Create(filepath.Join(dir, "contributions-00000-of-00002.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	gzf, err := os.Create(filepath.Join(dir, "contributions-00001-of-00002.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gzf.Close()
	zw := gzip.NewWriter(gzf)
	for i, c := range rec.cs {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var w io.Writer = plain
		if i%2 == 1 {
			w = zw
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// import loads contributions into a store identical to a build of the same
// inputs; importing again adds nothing; a bad line is reported with its
// file and line and the rest is loaded.
func TestImportIsBuild(t *testing.T) {
	dir := t.TempDir()
	writeContributions(t, dir, "../../fixtures")
	built := filepath.Join(dir, "built.db")
	mustRun(t, "build", "--db", built, "--quiet", "../../fixtures")
	imported := filepath.Join(dir, "imported.db")
	_, _, errs := gb(t, "import", "--db", imported, dir)
	if !strings.Contains(errs, "2 files, 321 documents read, 321 new") {
		t.Errorf("import summary:\n%s", errs)
	}
	for _, f := range []string{"graphml", "json"} {
		if a, b := mustRun(t, "export", "--db", built, "--format", f), mustRun(t, "export", "--db", imported, "--format", f); a != b {
			t.Errorf("export --format %s of the imported store differs from the build's", f)
		}
	}
	_, _, errs = gb(t, "import", "--db", imported, dir)
	if !strings.Contains(errs, "0 new, 321 skipped") {
		t.Errorf("second import:\n%s", errs)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{not json\n{\"Doc\":{\"id\":\"\"}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := gb(t, "import", "--db", imported, bad)
	if code != 1 || !strings.Contains(errs, "bad.jsonl:1:") || !strings.Contains(errs, "bad.jsonl:2:") {
		t.Errorf("bad lines: exit %d\n%s", code, errs)
	}
	if code, _, _ := gb(t, "import", "--db", imported); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
}
