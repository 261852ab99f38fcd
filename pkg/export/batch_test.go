package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// batchStore is a store of 400 entities and a few thousand links over
// many of the key ranges a graph.Streamed reads in parallel.
func batchStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := t.Context()
	st, err := graph.Open(graph.DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := rand.New(rand.NewPCG(3, 4))
	types := []string{"PERSON", "ORG", "GPE", "NORP"}
	ents := make([]graph.Entity, 400)
	for i := range ents {
		name, typ := fmt.Sprintf("Entity & <%d>", i), types[i%len(types)]
		ents[i] = graph.Entity{ID: graph.EntityID(name, typ), Name: name, Type: typ, Aliases: map[string]int{name: 1}}
	}
	var cs []graph.Contribution
	for d := range 300 {
		date := fmt.Sprintf("2016-%02d-%02d", 1+d%12, 1+d%28)
		doc := graph.Document{ID: fmt.Sprintf("d%03d", d), Title: fmt.Sprintf("Story \"%d\"", d), Source: "test", Date: date}
		c := graph.Contribution{Doc: doc}
		picked := map[int]bool{}
		for len(picked) < 6 {
			picked[r.IntN(len(ents))] = true
		}
		var in []graph.Entity
		for i := range picked {
			e := ents[i]
			e.Mentions, e.Documents, e.FirstSeen, e.LastSeen = 1, 1, date, date
			in = append(in, e)
		}
		c.Entities = in
		for a := range in {
			for b := a + 1; b < len(in); b++ {
				src, dst := in[a].ID, in[b].ID
				if src > dst {
					src, dst = dst, src
				}
				k := []graph.EdgeKind{graph.Cooccur, graph.Context, graph.Interaction}[r.IntN(3)]
				text := fmt.Sprintf("Sentence %d of d%03d, with é and a tab\there.", a*10+b, d)
				e := graph.Edge{Kind: k, Source: src, Target: dst, Weight: 1 + r.IntN(3), Documents: 1, FirstSeen: date, LastSeen: date,
					Evidence: []graph.Evidence{{Doc: doc.ID, End: len(text), Text: text, Date: date}}}
				if k == graph.Interaction {
					e.Predicates = map[string]int{"met": 1}
				}
				c.Edges = append(c.Edges, e)
			}
		}
		cs = append(cs, c)
	}
	if _, err := st.Apply(ctx, cs); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestBatchedMatchesSerial: GraphML and GEXF of a graph.Streamed, whose
// links are formatted in batches on several goroutines, are byte for byte
// the serial export of the same selection held in memory: with and
// without evidence, with and without metrics.
func TestBatchedMatchesSerial(t *testing.T) {
	ctx := t.Context()
	st := batchStore(t)
	sg, err := graph.Analyze(ctx, st, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sg.Links) < 2000 {
		t.Fatalf("%d links: too few to span the ranges", len(sg.Links))
	}
	for _, metrics := range []bool{false, true} {
		for _, evidence := range []bool{false, true} {
			for _, name := range []string{"graphml", "gexf"} {
				w, err := New(name, Options{Metrics: metrics})
				if err != nil {
					t.Fatal(err)
				}
				var want Graph = Memory(sg.Nodes, sg.Links, sg.Edges())
				s, ok, err := graph.Stream(ctx, st, graph.Filter{}, metrics)
				if err != nil || !ok {
					t.Fatalf("Stream: %v %v", ok, err)
				}
				var got Graph = s
				if evidence {
					want, got = WithEvidence(want, st), WithEvidence(s.WithEvidence(), st)
				}
				if _, ok := linkBatcher(got); !ok {
					t.Fatalf("%s: the streamed graph is not a LinkBatcher", name)
				}
				a, b := render(t, w, want)[0], render(t, w, got)[0]
				if !bytes.Equal(a, b) {
					t.Errorf("%s, metrics %v, evidence %v: batched export differs from serial (%d vs %d bytes)", name, metrics, evidence, len(b), len(a))
				}
				if evidence && !bytes.Contains(b, []byte(`Story "12"`)) && !bytes.Contains(b, []byte(`Story &quot;12&quot;`)) {
					t.Errorf("%s: no document title in the evidence", name)
				}
			}
		}
	}
}

// badBatches is a LinkBatcher whose batches break the order contract or
// name unknown nodes.
type badBatches struct {
	nodes   []graph.Node
	batches [][]graph.Link
}

func (g badBatches) Nodes(ctx context.Context, fn func(graph.Node) error) error {
	for _, n := range g.nodes {
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

func (g badBatches) Links(ctx context.Context, fn func(graph.Link) error) error {
	for _, b := range g.batches {
		for _, l := range b {
			if err := fn(l); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g badBatches) LinkBatches(ctx context.Context, prepare func([]graph.Link) (any, error), emit func(any) error) error {
	for _, b := range g.batches {
		v, err := prepare(b)
		if err != nil {
			return err
		}
		if err := emit(v); err != nil {
			return err
		}
	}
	return nil
}

// TestBatchedChecks: the batched path rejects what walk rejects: pairs out
// of order within a batch and across batches, and links to unknown nodes.
func TestBatchedChecks(t *testing.T) {
	a, b, c := node("A", "PERSON", 1, "", "", nil), node("B", "PERSON", 1, "", "", nil), node("C", "PERSON", 1, "", "", nil)
	nodes := []graph.Node{a, b, c}
	slices.SortFunc(nodes, func(x, y graph.Node) int { return strings.Compare(x.ID, y.ID) })
	ab := link(nodes[0], nodes[1], map[graph.EdgeKind]int{graph.Cooccur: 1}, 1, "", "", nil)
	ac := link(nodes[0], nodes[2], map[graph.EdgeKind]int{graph.Cooccur: 1}, 1, "", "", nil)
	bc := link(nodes[1], nodes[2], map[graph.EdgeKind]int{graph.Cooccur: 1}, 1, "", "", nil)
	ghost := ab
	ghost.Target = "zzzz"
	for _, tc := range []struct {
		name    string
		batches [][]graph.Link
		want    error
	}{
		{"in order", [][]graph.Link{{ab, ac}, {}, {bc}}, nil},
		{"within a batch", [][]graph.Link{{ac, ab}}, ErrOrder},
		{"across batches", [][]graph.Link{{ab, bc}, {ac}}, ErrOrder},
		{"repeated across batches", [][]graph.Link{{ab}, {ab}}, ErrOrder},
		{"unknown node", [][]graph.Link{{ab}, {ghost}}, ErrUnknownNode},
	} {
		g := badBatches{nodes: nodes, batches: tc.batches}
		err := GraphML{}.Write(context.Background(), g, io.Discard)
		if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: Write = %v, want %v", tc.name, err, tc.want)
		}
		// The serial path agrees.
		serr := GraphML{}.Write(context.Background(), Memory(nodes, flatten(tc.batches), nil), io.Discard)
		if (err == nil) != (serr == nil) {
			t.Errorf("%s: batched %v, serial %v", tc.name, err, serr)
		}
	}
}

func flatten(bs [][]graph.Link) []graph.Link {
	var out []graph.Link
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}
