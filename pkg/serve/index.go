package serve

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// nKinds is the number of edge kinds; kind k of a link is graph.EdgeKinds[k].
const nKinds = 3

// kindIndex returns the position of k in graph.EdgeKinds, or -1.
func kindIndex(k graph.EdgeKind) int {
	return slices.Index(graph.EdgeKinds, k)
}

// index is the whole graph held in memory, without evidence, so that every
// API call is answered without scanning the store: the store is opened
// read-only and does not change while the server runs.
type index struct {
	ids      []string // entity ids, ascending; node i is ids[i]
	pos      map[string]int32
	name     []string
	typ      []uint8 // index into types
	types    []string
	mentions []int32

	off   []int32 // neighbours of node u are nbr[off[u]:off[u+1]]
	nbr   []int32
	lnk   []int32 // the link behind nbr[i]
	links []link

	wdeg []float64 // weighted degree over every kind
	rank []float64 // PageRank over every kind, scaled so the mean is 1

	names []nameKey // search keys, sorted

	minDate, maxDate int32 // over every dated link, 0 when none is dated
}

// link is every edge of one pair: weight, first and last date per kind.
type link struct {
	a, b        int32 // a < b
	w           [nKinds]int32
	first, last [nKinds]int32 // yyyymmdd, 0 when undated
	docs        int32
}

// nameKey is one searchable form of an entity's name: the normalized
// canonical name or alias, or a suffix of it starting at a word.
type nameKey struct {
	key   string
	node  int32
	alias bool // the key comes from an alias, not the canonical name
	word  bool // the key starts inside the name, at a later word
}

// normalize lower-cases s and collapses white space, as the store does for
// its name index.
func normalize(s string) string { return graph.NormalizeName(s) }

// parseDate turns YYYY-MM-DD into yyyymmdd; "" and malformed dates give 0.
func parseDate(s string) int32 {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	var n int32
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// formatDate is the inverse of parseDate; 0 gives "".
func formatDate(d int32) string {
	if d <= 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}

// buildIndex reads every entity and edge of st once.
func buildIndex(ctx context.Context, st *graph.Store) (*index, error) {
	ix := &index{pos: map[string]int32{}}
	typeOf := map[string]uint8{}
	type ent struct {
		id, name, typ string
		mentions      int
		aliases       map[string]int
	}
	var ents []ent
	err := st.Entities(ctx, func(en graph.Entity) error {
		ents = append(ents, ent{en.ID, en.Name, en.Type, en.Mentions, en.Aliases})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	slices.SortFunc(ents, func(a, b ent) int { return cmp.Compare(a.id, b.id) })
	for _, e := range ents {
		if _, ok := typeOf[e.typ]; !ok {
			typeOf[e.typ] = 0
		}
	}
	for t := range typeOf {
		ix.types = append(ix.types, t)
	}
	slices.Sort(ix.types)
	if len(ix.types) > 255 {
		return nil, fmt.Errorf("index: %d entity types, at most 255 supported", len(ix.types))
	}
	for i, t := range ix.types {
		typeOf[t] = uint8(i)
	}
	n := len(ents)
	ix.ids = make([]string, n)
	ix.name = make([]string, n)
	ix.typ = make([]uint8, n)
	ix.mentions = make([]int32, n)
	for i, e := range ents {
		ix.ids[i] = e.id
		ix.pos[e.id] = int32(i)
		ix.name[i] = e.name
		ix.typ[i] = typeOf[e.typ]
		ix.mentions[i] = int32(min(e.mentions, math.MaxInt32))
		ix.addNames(int32(i), e.name, false)
		for a := range e.aliases {
			ix.addNames(int32(i), a, true)
		}
	}
	slices.SortFunc(ix.names, func(a, b nameKey) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.node, b.node), boolCmp(a.word, b.word), boolCmp(a.alias, b.alias))
	})
	ix.names = slices.CompactFunc(ix.names, func(a, b nameKey) bool { return a.key == b.key && a.node == b.node })

	// Edges arrive in (Source, Target, Kind) order: consecutive edges of
	// one pair make one link.
	deg := make([]int32, n+1)
	err = st.EdgesWithoutEvidence(ctx, func(e graph.Edge) error {
		a, okA := ix.pos[e.Source]
		b, okB := ix.pos[e.Target]
		k := kindIndex(e.Kind)
		if !okA || !okB || k < 0 || a == b {
			return nil
		}
		if a > b {
			a, b = b, a
		}
		var l *link
		if last := len(ix.links) - 1; last >= 0 && ix.links[last].a == a && ix.links[last].b == b {
			l = &ix.links[last]
		} else {
			ix.links = append(ix.links, link{a: a, b: b})
			l = &ix.links[len(ix.links)-1]
			deg[a+1]++
			deg[b+1]++
		}
		l.w[k] += int32(min(e.Weight, math.MaxInt32/4))
		l.first[k], l.last[k] = parseDate(e.FirstSeen), parseDate(e.LastSeen)
		l.docs = max(l.docs, int32(min(e.Documents, math.MaxInt32)))
		for _, d := range [2]int32{l.first[k], l.last[k]} {
			if d == 0 {
				continue
			}
			if ix.minDate == 0 || d < ix.minDate {
				ix.minDate = d
			}
			ix.maxDate = max(ix.maxDate, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	for i := 1; i <= n; i++ {
		deg[i] += deg[i-1]
	}
	ix.off = deg
	ix.nbr = make([]int32, deg[n])
	ix.lnk = make([]int32, deg[n])
	fill := slices.Clone(deg[:n])
	ix.wdeg = make([]float64, n)
	for li, l := range ix.links {
		ix.nbr[fill[l.a]], ix.lnk[fill[l.a]] = l.b, int32(li)
		fill[l.a]++
		ix.nbr[fill[l.b]], ix.lnk[fill[l.b]] = l.a, int32(li)
		fill[l.b]++
		w := float64(l.w[0] + l.w[1] + l.w[2])
		ix.wdeg[l.a] += w
		ix.wdeg[l.b] += w
	}
	ix.rank = ix.pageRank(ctx)
	return ix, ctx.Err()
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// addNames indexes name and every suffix of it that starts at a word.
func (ix *index) addNames(node int32, name string, alias bool) {
	key := normalize(name)
	if key == "" {
		return
	}
	ix.names = append(ix.names, nameKey{key: key, node: node, alias: alias})
	for i := 0; i < len(key); i++ {
		if key[i] == ' ' || key[i] == '-' {
			if rest := key[i+1:]; rest != "" {
				ix.names = append(ix.names, nameKey{key: rest, node: node, alias: alias, word: true})
			}
		}
	}
}

// pageRank computes weighted PageRank (damping 0.85, 30 iterations at
// most, fewer once the ranks move by less than 1e-7 in all) over every
// link, scaled so that the mean rank is 1.
func (ix *index) pageRank(ctx context.Context) []float64 {
	n := len(ix.ids)
	pr := make([]float64, n)
	if n == 0 {
		return pr
	}
	next := make([]float64, n)
	for i := range pr {
		pr[i] = 1 / float64(n)
	}
	// The weight of every adjacency entry, read in order on every
	// iteration rather than through the links.
	wadj := make([]float32, len(ix.nbr))
	for i, li := range ix.lnk {
		l := &ix.links[li]
		wadj[i] = float32(l.w[0] + l.w[1] + l.w[2])
	}
	const d = 0.85
	for iter := 0; iter < 30 && ctx.Err() == nil; iter++ {
		dangling := 0.0
		for u := range pr {
			if ix.wdeg[u] == 0 {
				dangling += pr[u]
			}
		}
		base := (1-d)/float64(n) + d*dangling/float64(n)
		for v := range next {
			next[v] = base
		}
		for u := range n {
			if ix.wdeg[u] == 0 {
				continue
			}
			share := d * pr[u] / ix.wdeg[u]
			for i := ix.off[u]; i < ix.off[u+1]; i++ {
				next[ix.nbr[i]] += share * float64(wadj[i])
			}
		}
		delta := 0.0
		for i := range pr {
			delta += math.Abs(next[i] - pr[i])
		}
		pr, next = next, pr
		if delta < 1e-7 {
			break
		}
	}
	for i := range pr {
		pr[i] *= float64(n)
	}
	return pr
}

// filter is a parsed set of the query parameters shared by the graph
// endpoints.
type filter struct {
	types     []bool // by index type; nil keeps graph.DefaultTypes
	kinds     [nKinds]bool
	minWeight int
	since     int32 // 0: open
	until     int32 // 0: open
}

// keepKind reports whether kind k (an index into graph.EdgeKinds) of l
// counts under f: the kind is kept, l has some of it, and it was seen in
// the date range (an undated kind is dropped when a range is set). The
// weight of a link and its kinds, counts and dates all come from the kinds
// kept.
func (f *filter) keepKind(l *link, k int) bool {
	if !f.kinds[k] || l.w[k] == 0 {
		return false
	}
	if f.since != 0 || f.until != 0 {
		if l.first[k] == 0 || (f.until != 0 && l.first[k] > f.until) || (f.since != 0 && l.last[k] < f.since) {
			return false
		}
	}
	return true
}

// weight returns the weight of l under f: the sum of the weights of its
// kept kinds (see keepKind), 0 when that is below the minimum weight.
func (f *filter) weight(l *link) int {
	w := 0
	for k := range nKinds {
		if f.keepKind(l, k) {
			w += int(l.w[k])
		}
	}
	if w < max(f.minWeight, 1) {
		return 0
	}
	return w
}

// span returns the first and last dates (yyyymmdd) of the kinds of l kept
// under f, 0 when none of them is dated.
func (f *filter) span(l *link) (first, last int32) {
	for k := range nKinds {
		if !f.keepKind(l, k) {
			continue
		}
		if l.first[k] != 0 && (first == 0 || l.first[k] < first) {
			first = l.first[k]
		}
		last = max(last, l.last[k])
	}
	return first, last
}

// keepNode reports whether node u's type is kept.
func (f *filter) keepNode(ix *index, u int32) bool {
	return f.types[ix.typ[u]]
}

// typeMask turns type names into a mask over ix.types; names the index
// does not know are ignored (no entity has them).
func (ix *index) typeMask(names []string) []bool {
	m := make([]bool, len(ix.types))
	for _, t := range names {
		if i, ok := slices.BinarySearch(ix.types, t); ok {
			m[i] = true
		}
	}
	return m
}
