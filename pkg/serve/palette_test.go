package serve

import (
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/export"
	"github.com/graphbuild/graphbuild/pkg/graph"
)

// TestOnePalette: the viewer draws types and edge kinds in the colours
// the exports (GEXF, DOT, GraphML) use.
func TestOnePalette(t *testing.T) {
	js, err := os.ReadFile("web/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"} {
		m := regexp.MustCompile(`\b` + typ + `: "(#[0-9a-f]{6})"`).FindSubmatch(js)
		if m == nil {
			t.Errorf("app.js: no colour for %s", typ)
			continue
		}
		if got, want := string(m[1]), export.TypeColor(typ); got != want {
			t.Errorf("%s: viewer %s, exports %s", typ, got, want)
		}
	}
	for _, k := range graph.EdgeKinds {
		m := regexp.MustCompile(`\b` + string(k) + `: "rgba\((\d+),(\d+),(\d+),A\)"`).FindSubmatch(js)
		if m == nil {
			t.Errorf("app.js: no colour for %s", k)
			continue
		}
		if got, want := fmt.Sprintf("#%02x%02x%02x", atoi(m[1]), atoi(m[2]), atoi(m[3])), export.KindColor(k); got != want {
			t.Errorf("%s: viewer %s, exports %s", k, got, want)
		}
	}
}

func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}
