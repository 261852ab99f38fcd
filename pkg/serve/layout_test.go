package serve

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/spatial/r2"
)

// ringOfCliques makes c cliques of size s, each joined to the next by one
// edge.
func ringOfCliques(c, s int) (int, []layoutEdge) {
	var edges []layoutEdge
	for k := range c {
		for i := range s {
			for j := i + 1; j < s; j++ {
				edges = append(edges, layoutEdge{k*s + i, k*s + j, 1})
			}
		}
		edges = append(edges, layoutEdge{k * s, ((k + 1) % c) * s, 1})
	}
	return c * s, edges
}

func dist(a, b r2.Vec) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// Linked nodes end up much closer than unlinked ones, nothing is NaN, the
// pinned node stays at the origin and the same input gives the same output.
func TestForceLayout(t *testing.T) {
	for _, tc := range []struct{ cliques, size int }{{2, 5}, {6, 8}, {20, 10}} {
		t.Run(fmt.Sprintf("%dx%d", tc.cliques, tc.size), func(t *testing.T) {
			n, edges := ringOfCliques(tc.cliques, tc.size)
			opt := layoutOptions{iterations: 200, seed: 3, fixed: 0}
			pos := forceLayout(context.Background(), n, edges, opt)
			if pos[0] != (r2.Vec{}) {
				t.Errorf("pinned node moved to %v", pos[0])
			}
			var in, out float64
			var nin, nout int
			for i := range n {
				if math.IsNaN(pos[i].X) || math.IsNaN(pos[i].Y) {
					t.Fatalf("node %d at %v", i, pos[i])
				}
				for j := i + 1; j < n; j++ {
					if i/tc.size == j/tc.size {
						in += dist(pos[i], pos[j])
						nin++
					} else {
						out += dist(pos[i], pos[j])
						nout++
					}
				}
			}
			in, out = in/float64(nin), out/float64(nout)
			if in*1.5 > out {
				t.Errorf("mean distance within cliques %.1f, between %.1f: want clusters", in, out)
			}
			if in < layoutScale/10 {
				t.Errorf("mean distance within cliques %.1f: nodes collapsed", in)
			}
			again := forceLayout(context.Background(), n, edges, opt)
			for i := range pos {
				if pos[i] != again[i] {
					t.Fatalf("node %d: %v then %v", i, pos[i], again[i])
				}
			}
		})
	}
}

// Coincident starting points and an empty or single-node graph do not
// break the layout.
func TestForceLayoutDegenerate(t *testing.T) {
	if got := forceLayout(context.Background(), 0, nil, layoutOptions{fixed: -1}); len(got) != 0 {
		t.Errorf("empty graph: %v", got)
	}
	init := make([]r2.Vec, 50)
	pos := forceLayout(context.Background(), 50, []layoutEdge{{0, 1, 3}}, layoutOptions{iterations: 50, fixed: -1, init: init})
	seen := map[r2.Vec]bool{}
	for i, p := range pos {
		if math.IsNaN(p.X) || math.IsInf(p.X, 0) {
			t.Fatalf("node %d at %v", i, p)
		}
		seen[p] = true
	}
	if len(seen) < 45 {
		t.Errorf("only %d distinct positions of 50 coincident nodes", len(seen))
	}
}

func BenchmarkForceLayout(b *testing.B) {
	for _, n := range []int{150, 400, 2000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			var edges []layoutEdge
			for i := 1; i < n; i++ {
				for range 3 {
					edges = append(edges, layoutEdge{i, rng.IntN(i), float64(1 + rng.IntN(5))})
				}
			}
			for b.Loop() {
				forceLayout(context.Background(), n, edges, layoutOptions{iterations: 100, fixed: -1, seed: 1})
			}
			b.ReportMetric(float64(n*100*b.N)/b.Elapsed().Seconds(), "node-iterations/s")
		})
	}
}
