package relation

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestImports keeps the layering: relation reads ner's types and imports
// no other graphbuild package (ingest imports relation, not the reverse).
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if strings.HasPrefix(p, "github.com/graphbuild/graphbuild/") && p != "github.com/graphbuild/graphbuild/pkg/ner" {
				t.Errorf("%s imports %s: relation may import only pkg/ner", f, p)
			}
		}
	}
}
