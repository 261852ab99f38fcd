package export

import (
	"context"
	"fmt"
	"math"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// style is how a node type is drawn.
type style struct {
	color string // #rrggbb fill
	shape string // Graphviz shape
}

// typeStyles are the viewer's colours (ColorBrewer Dark2, also in
// pkg/serve/web/app.js TYPE_COLORS; a test keeps them equal), one per
// entity type, and a Graphviz shape that tells the types apart in black
// and white. DOT fills with a tint of the colour, so black labels stay
// legible, and draws the border in the colour itself.
var typeStyles = map[string]style{
	"PERSON": {"#d95f02", "ellipse"},
	"ORG":    {"#1b9e77", "box"},
	"GPE":    {"#7570b3", "hexagon"},
	"LOC":    {"#66a61e", "house"},
	"FAC":    {"#a6761d", "cylinder"},
	"NORP":   {"#e6ab02", "octagon"},
	"EVENT":  {"#e7298a", "note"},
	"MISC":   {"#7f7f7f", "diamond"},
}

// TypeColor returns the colour graphbuild draws entity type t in, in every
// export and in the viewer ("#rrggbb"; white for an unknown type).
func TypeColor(t string) string { return typeStyle(t).color }

// KindColor returns the colour of an edge kind in every export and in the
// viewer ("#rrggbb").
func KindColor(k graph.EdgeKind) string { return edgeColors[k] }

// tint mixes hex with white: f 0 is hex, 1 is white.
func tint(hex string, f float64) string {
	r, g, b := rgb(hex)
	m := func(c int) int { return c + int(math.Round(float64(255-c)*f)) }
	return fmt.Sprintf("#%02x%02x%02x", m(r), m(g), m(b))
}

var otherStyle = style{"#ffffff", "ellipse"}

// communityColors is ColorBrewer Set3, cycled by community number.
var communityColors = []string{
	"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
	"#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
}

func typeStyle(t string) style {
	if s, ok := typeStyles[t]; ok {
		return s
	}
	return otherStyle
}

// nodeColor is the fill of n under opts.
func nodeColor(n *graph.Node, opts Options) string {
	if opts.colorByCommunity() {
		c := n.Community % len(communityColors)
		if c < 0 {
			c += len(communityColors)
		}
		return communityColors[c]
	}
	return typeStyle(n.Type).color
}

// rgb splits "#rrggbb".
func rgb(hex string) (r, g, b int) {
	v := func(i int) int {
		h := func(c byte) int {
			switch {
			case c >= '0' && c <= '9':
				return int(c - '0')
			case c >= 'a' && c <= 'f':
				return int(c-'a') + 10
			}
			return 0
		}
		return h(hex[i])*16 + h(hex[i+1])
	}
	return v(1), v(3), v(5)
}

// edgeColors colour a link by its strongest kind, as the viewer does
// (KIND_COLORS in pkg/serve/web/app.js).
var edgeColors = map[graph.EdgeKind]string{
	graph.Cooccur:     "#6e7882",
	graph.Context:     "#3b7dd8",
	graph.Interaction: "#c0392b",
}

// sizeValue is what a node's drawn size grows with (Options.SizeBy).
func sizeValue(o Options, n *graph.Node) float64 {
	var v float64
	switch o.sizeBy() {
	case "degree":
		v = float64(n.Degree)
	case "pagerank":
		v = n.PageRank
	default:
		v = float64(n.Mentions)
	}
	if math.IsNaN(v) || v < 0 || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// nodeScan is what a first pass over the nodes learns for sizing.
type nodeScan struct {
	nodes int
	max   float64 // largest sizeValue
	types map[string]bool
}

func scanNodes(ctx context.Context, g Graph, o Options) (nodeScan, error) {
	sc := nodeScan{types: map[string]bool{}}
	err := g.Nodes(ctx, func(n graph.Node) error {
		sc.nodes++
		sc.max = math.Max(sc.max, sizeValue(o, &n))
		sc.types[n.Type] = true
		return nil
	})
	return sc, err
}

// scale maps a node's size value to lo..hi by the square root of its share
// of the largest.
func (sc nodeScan) scale(o Options, n *graph.Node, lo, hi float64) float64 {
	if sc.max <= 0 {
		return lo
	}
	return math.Min(lo+(hi-lo)*math.Sqrt(sizeValue(o, n)/sc.max), hi)
}
