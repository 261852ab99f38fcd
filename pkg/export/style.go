package export

import "github.com/graphbuild/graphbuild/pkg/graph"

// style is how a node type is drawn.
type style struct {
	color string // #rrggbb fill
	shape string // Graphviz shape
}

// typeStyles are soft ColorBrewer colours, one per entity type, and a
// Graphviz shape that tells the types apart in black and white.
var typeStyles = map[string]style{
	"PERSON": {"#a6cee3", "ellipse"},
	"ORG":    {"#fdbf6f", "box"},
	"GPE":    {"#b2df8a", "hexagon"},
	"LOC":    {"#cab2d6", "house"},
	"FAC":    {"#ffff99", "cylinder"},
	"NORP":   {"#fb9a99", "octagon"},
	"EVENT":  {"#e5c494", "note"},
	"MISC":   {"#d9d9d9", "diamond"},
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

// edgeColors colour a link by its strongest kind.
var edgeColors = map[graph.EdgeKind]string{
	graph.Cooccur:     "#999999",
	graph.Context:     "#4a7bb7",
	graph.Interaction: "#d7301f",
}
