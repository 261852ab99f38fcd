package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/graphbuild/graphbuild/dist/beamgraph"
)

func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// The README's one command, on the fixtures, on Prism.
func TestRunFixtures(t *testing.T) {
	var o options
	o.cfg = beamgraph.Config{Out: t.TempDir(), Shards: 2, Window: "sentence"}
	var stderr bytes.Buffer
	if err := run(context.Background(), o, []string{"../../../fixtures"}, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	for _, n := range []string{"contributions-00000-of-00002.jsonl", "contributions-00001-of-00002.jsonl",
		beamgraph.NQuadsFile, beamgraph.SchemaFile, beamgraph.Neo4jNodes, beamgraph.Neo4jRelationships} {
		if fi, err := os.Stat(filepath.Join(o.cfg.Out, n)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", n, err)
		}
	}
	if !strings.Contains(stderr.String(), "37 inputs") {
		t.Errorf("summary: %q", stderr.String())
	}
}

func TestRunUsage(t *testing.T) {
	var ue usageError
	for _, c := range []struct {
		out  string
		args []string
	}{{"", []string{"x"}}, {t.TempDir(), nil}, {t.TempDir(), []string{"-"}}} {
		var o options
		o.cfg.Out = c.out
		err := run(context.Background(), o, c.args, &bytes.Buffer{})
		if !errors.As(err, &ue) {
			t.Errorf("out %q args %q: err = %v, want a usage error", c.out, c.args, err)
		}
	}
}
