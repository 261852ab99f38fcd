package query

import (
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// TestRelationsTextCounts: the header, the TIMES column and the footer
// give the same numbers (9 sentences, 6 distinct, 3 of them shown).
func TestRelationsTextCounts(t *testing.T) {
	r := &RelationsResult{
		Entity:   graph.Entity{Name: "Sergey Lavrov", Type: "PERSON"},
		Partners: []Partner{{Entity: graph.Entity{Name: "John Kerry", Type: "PERSON"}, Weight: 9, Documents: 7}},
		Total:    6,
	}
	for i := 0; i < 3; i++ {
		r.Interactions = append(r.Interactions, Interaction{Partner: graph.Entity{Name: "John Kerry"}, Predicate: "met"})
	}
	var b strings.Builder
	if err := r.WriteText(&b, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Interactions of Sergey Lavrov (PERSON): 1 partner, 9 interaction sentences (6 distinct)\n",
		"(3 more distinct sentences: --limit shows them)",
		"a sentence repeated in several documents is listed once",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}
