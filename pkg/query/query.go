package query

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/relation"
)

// ErrInvalid is returned (wrapped) for options a query cannot use: an
// unknown ranking or edge kind, a malformed date.
var ErrInvalid = errors.New("invalid query")

// Evidence is one sentence behind an answer, with the document it is from.
type Evidence struct {
	Kind graph.EdgeKind `json:"kind"`
	graph.Evidence
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
}

// Range keeps what was seen between two dates (YYYY-MM-DD, inclusive,
// either may be empty): edges whose first and last dates overlap it, and
// evidence dated within it. Undated edges and evidence are dropped when
// either end is set.
type Range struct {
	Since, Until string
}

func (r Range) check() error {
	for _, d := range []string{r.Since, r.Until} {
		if d != "" && !graph.ValidDate(d) {
			return fmt.Errorf("date %q (want YYYY-MM-DD): %w", d, ErrInvalid)
		}
	}
	return nil
}

func (r Range) set() bool { return r.Since != "" || r.Until != "" }

func (r Range) overlaps(first, last string) bool {
	if !r.set() {
		return true
	}
	if first == "" {
		return false
	}
	return (r.Until == "" || first <= r.Until) && (r.Since == "" || last >= r.Since)
}

func (r Range) has(date string) bool { return r.overlaps(date, date) }

// within reports whether everything between first and last is in r.
func (r Range) within(first, last string) bool {
	if !r.set() {
		return true
	}
	return first != "" && (r.Since == "" || first >= r.Since) && (r.Until == "" || last <= r.Until)
}

// edgeView is an edge as a query with dates and predicates sees it: its
// counts, dates and evidence within them.
type edgeView struct {
	Weight, Documents   int
	FirstSeen, LastSeen string
	Predicates          map[string]int
	Evidence            []graph.Evidence
	// Partial says the counts are lower bounds: the dates or predicates
	// cut an edge whose store record keeps only some of its sentences.
	Partial bool
}

// viewEdge returns e as seen within r and with the predicates preds
// (interaction edges only; none keeps all), and false when nothing of it
// is left. An edge wholly within r keeps its stored counts; one that r cuts
// is counted from its evidence sentences, exactly when the store kept all
// of them (an interaction edge keeps up to graph.MaxInteractionEvidence).
// checkPredicates reports an unknown predicate.
func checkPredicates(preds []string) error {
	for _, p := range preds {
		if !slices.Contains(relation.Predicates, p) {
			return fmt.Errorf("predicate %q (want one of %s): %w", p, strings.Join(relation.Predicates, ", "), ErrInvalid)
		}
	}
	return nil
}

func viewEdge(e graph.Edge, r Range, preds []string) (edgeView, bool) {
	if len(preds) > 0 && e.Kind != graph.Interaction || !r.overlaps(e.FirstSeen, e.LastSeen) {
		return edgeView{}, false
	}
	keep := func(p string) bool { return len(preds) == 0 || slices.Contains(preds, p) }
	if r.within(e.FirstSeen, e.LastSeen) && len(preds) == 0 {
		return edgeView{Weight: e.Weight, Documents: e.Documents, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen,
			Predicates: e.Predicates, Evidence: e.Evidence}, true
	}
	v := edgeView{Partial: len(e.Evidence) < e.Weight}
	docs := map[string]bool{}
	for _, ev := range e.Evidence {
		if r.set() && !r.has(ev.Date) || !keep(ev.Predicate) {
			continue
		}
		v.Evidence = append(v.Evidence, ev)
		v.Weight++
		docs[ev.Doc] = true
		v.FirstSeen = graph.MinDate(v.FirstSeen, ev.Date)
		v.LastSeen = graph.MaxDate(v.LastSeen, ev.Date)
		if ev.Predicate != "" {
			if v.Predicates == nil {
				v.Predicates = map[string]int{}
			}
			v.Predicates[ev.Predicate]++
		}
	}
	v.Documents = len(docs)
	if r.within(e.FirstSeen, e.LastSeen) {
		// Only predicates cut it: the stored counts per predicate are exact.
		v.Weight, v.Predicates = 0, map[string]int{}
		for p, n := range e.Predicates {
			if keep(p) {
				v.Predicates[p] = n
				v.Weight += n
			}
		}
	}
	if v.Weight == 0 {
		return edgeView{}, false
	}
	return v, true
}

// kindSet returns the kept kinds; empty means all.
func kindSet(kinds []graph.EdgeKind) (map[graph.EdgeKind]bool, error) {
	m := map[graph.EdgeKind]bool{}
	for _, k := range kinds {
		if !slices.Contains(graph.EdgeKinds, k) {
			return nil, fmt.Errorf("edge kind %q (want cooccur, context or interaction): %w", k, ErrInvalid)
		}
		m[k] = true
	}
	if len(kinds) == 0 {
		for _, k := range graph.EdgeKinds {
			m[k] = true
		}
	}
	return m, nil
}

// kindRank orders evidence kinds by how much they say: an interaction
// sentence, then a sentence naming both, then a Context line.
func kindRank(k graph.EdgeKind) int {
	switch k {
	case graph.Interaction:
		return 0
	case graph.Cooccur:
		return 1
	}
	return 2
}

// betterEvidence reports whether a says more than b: a stronger kind, then
// a sentence rather than a list line, then the later date (news moves on),
// then the earlier document and offset.
func betterEvidence(a, b *Evidence) bool {
	if b == nil {
		return true
	}
	if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
		return ra < rb
	}
	if (a.Start >= 0) != (b.Start >= 0) {
		return a.Start >= 0
	}
	return cmp.Or(-cmp.Compare(a.Date, b.Date), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Start, b.Start)) < 0
}

// strongest returns the best of the evidence evs of an edge of kind k and
// best, or nil.
func strongest(k graph.EdgeKind, evs []graph.Evidence, best *Evidence) *Evidence {
	for _, ev := range evs {
		cand := &Evidence{Kind: k, Evidence: ev}
		if betterEvidence(cand, best) {
			best = cand
		}
	}
	return best
}

// docCache looks documents up once per query.
type docCache struct {
	st   *graph.Store
	docs map[string]graph.Document
}

func newDocCache(st *graph.Store) *docCache {
	return &docCache{st: st, docs: map[string]graph.Document{}}
}

// fill adds the document's title, source and URL to ev. A document that
// cannot be read leaves them empty: the sentence still stands.
func (c *docCache) fill(ev *Evidence) {
	if ev == nil || ev.Doc == "" {
		return
	}
	d, ok := c.docs[ev.Doc]
	if !ok {
		d, _ = c.st.Document(ev.Doc)
		c.docs[ev.Doc] = d
	}
	ev.Title, ev.Source, ev.URL = d.Title, d.Source, d.URL
}

// Rankings of neighbours.
const (
	ByWeight    = "weight"    // sentences, context lines and interactions together
	ByDocuments = "documents" // documents naming both
	ByNPMI      = "npmi"      // normalized pointwise mutual information of the document counts
)

// NeighborOptions configures Neighbors.
type NeighborOptions struct {
	// By ranks the neighbours: ByWeight (default), ByDocuments or ByNPMI.
	By string
	// Kinds are the edge kinds that count; empty means all.
	Kinds []graph.EdgeKind
	// Types are the neighbour types kept; empty means graph.DefaultTypes.
	Types []string
	// Range keeps what was seen between two dates: weights, document
	// counts, first and last dates and evidence are those of the period.
	Range
	// Predicates keeps only interactions with these predicates ("met",
	// "phone call"...), and so only interaction edges; empty keeps all.
	Predicates []string
	// Limit is the number of neighbours returned; 0 returns all.
	Limit int
}

// Neighbor is one entity linked to the queried one, with the links of the
// kept kinds merged.
type Neighbor struct {
	Entity    graph.Entity `json:"entity"`
	Weight    int          `json:"weight"`
	Documents int          `json:"documents"`
	// NPMI is the normalized pointwise mutual information of the two
	// entities' document counts over the whole store (entities' counts are
	// not kept per date), in [-1, 1].
	NPMI float64 `json:"npmi"`
	// Partial says Weight, Documents and the dates are lower bounds: the
	// dates or predicates cut a link of which the store keeps only some
	// sentences.
	Partial    bool                   `json:"partial,omitempty"`
	Counts     map[graph.EdgeKind]int `json:"kinds"` // weight per kind
	Predicates map[string]int         `json:"predicates,omitempty"`
	FirstSeen  string                 `json:"first_seen,omitempty"`
	LastSeen   string                 `json:"last_seen,omitempty"`
	// Evidence is the strongest sentence linking the two (see Evidence).
	Evidence *Evidence `json:"evidence,omitempty"`
}

// NeighborsResult answers Neighbors.
type NeighborsResult struct {
	Entity graph.Entity `json:"entity"`
	By     string       `json:"by"`
	// Linked is the number of entities linked by the kept kinds and
	// dates, before the type filter and Limit.
	Linked    int        `json:"linked"`
	Neighbors []Neighbor `json:"neighbors"`
}

// Neighbors returns the entities linked to the entity id by edges of the
// kept kinds and dates, strongest first (ties: more documents, then name
// and id), each with its strongest evidence sentence. It reads the
// entity's adjacency in the store, so its cost grows with the entity's
// degree, not with the store.
func Neighbors(ctx context.Context, st *graph.Store, id string, opt NeighborOptions) (*NeighborsResult, error) {
	by := cmp.Or(opt.By, ByWeight)
	if by != ByWeight && by != ByDocuments && by != ByNPMI {
		return nil, fmt.Errorf("neighbors: rank by %q (want weight, documents or npmi): %w", opt.By, ErrInvalid)
	}
	if err := opt.Range.check(); err != nil {
		return nil, fmt.Errorf("neighbors: %w", err)
	}
	if err := checkPredicates(opt.Predicates); err != nil {
		return nil, fmt.Errorf("neighbors: %w", err)
	}
	kinds, err := kindSet(opt.Kinds)
	if err != nil {
		return nil, fmt.Errorf("neighbors: %w", err)
	}
	types := typeSet(opt.Types)
	center, err := st.Entity(id)
	if err != nil {
		return nil, fmt.Errorf("neighbors: %w", err)
	}
	var ns []*Neighbor
	index := map[string]int{}
	allDocs := map[string]int{} // documents naming both, whatever the dates
	err = st.EdgesOf(ctx, id, func(e graph.Edge) error {
		if !kinds[e.Kind] {
			return nil
		}
		v, ok := viewEdge(e, opt.Range, opt.Predicates)
		if !ok {
			return nil
		}
		other := e.Target
		if other == id {
			other = e.Source
		}
		i, ok := index[other]
		if !ok {
			i = len(ns)
			index[other] = i
			ns = append(ns, &Neighbor{Entity: graph.Entity{ID: other}, Counts: map[graph.EdgeKind]int{}})
		}
		n := ns[i]
		n.Weight += v.Weight
		n.Documents = max(n.Documents, v.Documents)
		allDocs[other] = max(allDocs[other], e.Documents)
		n.Counts[e.Kind] += v.Weight
		n.Partial = n.Partial || v.Partial
		for p, c := range v.Predicates {
			if n.Predicates == nil {
				n.Predicates = map[string]int{}
			}
			n.Predicates[p] += c
		}
		n.FirstSeen = graph.MinDate(n.FirstSeen, v.FirstSeen)
		n.LastSeen = graph.MaxDate(n.LastSeen, v.LastSeen)
		n.Evidence = strongest(e.Kind, v.Evidence, n.Evidence)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("neighbors of %s: %w", center.Name, err)
	}
	res := &NeighborsResult{Entity: center, By: by, Linked: len(ns), Neighbors: []Neighbor{}}
	// Entities are read lazily in rank order, so that a hub with thousands
	// of neighbours costs a read per neighbour shown, not per neighbour;
	// NPMI needs every neighbour's document count.
	load := func(n *Neighbor) (bool, error) {
		if n.Entity.Name != "" {
			return types[n.Entity.Type], nil
		}
		en, err := st.Entity(n.Entity.ID)
		if err != nil {
			return false, fmt.Errorf("neighbors of %s: %w", center.Name, err)
		}
		n.Entity = en
		return types[en.Type], nil
	}
	stats, err := st.Stats()
	if err != nil {
		return nil, fmt.Errorf("neighbors: %w", err)
	}
	if by == ByNPMI {
		// Every neighbour is read; the reads are independent, so they run
		// on all cores.
		oks := make([]bool, len(ns))
		var g errgroup.Group
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			g.Go(func() error {
				for i := w; i < len(ns); i += workers {
					ok, err := load(ns[i])
					if err != nil {
						return err
					}
					oks[i] = ok
				}
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return nil, err
		}
		kept := ns[:0]
		for i, n := range ns {
			if oks[i] {
				n.NPMI = npmi(allDocs[n.Entity.ID], center.Documents, n.Entity.Documents, stats.Documents)
				kept = append(kept, n)
			}
		}
		ns = kept
	}
	slices.SortFunc(ns, func(a, b *Neighbor) int {
		var c int
		switch by {
		case ByDocuments:
			c = cmp.Or(cmp.Compare(b.Documents, a.Documents), cmp.Compare(b.Weight, a.Weight))
		case ByNPMI:
			c = cmp.Or(cmp.Compare(b.NPMI, a.NPMI), cmp.Compare(b.Documents, a.Documents))
		default:
			c = cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(b.Documents, a.Documents))
		}
		return cmp.Or(c, cmp.Compare(a.Entity.Name, b.Entity.Name), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	if by != ByNPMI {
		// Read in rank order until Limit neighbours of the kept types are
		// found; ties on the ranking key are ordered by name, so a tied
		// group is read whole and sorted.
		kept := make([]*Neighbor, 0, min(len(ns), max(opt.Limit, 16)))
		for i := 0; i < len(ns) && (opt.Limit <= 0 || len(kept) < opt.Limit); {
			j := i + 1
			for j < len(ns) && sameKey(by, ns[i], ns[j]) {
				j++
			}
			start := len(kept)
			for _, n := range ns[i:j] {
				ok, err := load(n)
				if err != nil {
					return nil, err
				}
				if ok {
					kept = append(kept, n)
				}
			}
			slices.SortStableFunc(kept[start:], func(a, b *Neighbor) int {
				return cmp.Or(cmp.Compare(a.Entity.Name, b.Entity.Name), cmp.Compare(a.Entity.ID, b.Entity.ID))
			})
			i = j
		}
		ns = kept
	}
	if opt.Limit > 0 && len(ns) > opt.Limit {
		ns = ns[:opt.Limit]
	}
	docs := newDocCache(st)
	for _, n := range ns {
		if by != ByNPMI {
			n.NPMI = npmi(allDocs[n.Entity.ID], center.Documents, n.Entity.Documents, stats.Documents)
		}
		docs.fill(n.Evidence)
		res.Neighbors = append(res.Neighbors, *n)
	}
	return res, nil
}

func sameKey(by string, a, b *Neighbor) bool {
	if by == ByDocuments {
		return a.Documents == b.Documents && a.Weight == b.Weight
	}
	return a.Weight == b.Weight && a.Documents == b.Documents
}

func typeSet(ts []string) map[string]bool {
	if len(ts) == 0 {
		ts = graph.DefaultTypes
	}
	m := make(map[string]bool, len(ts))
	for _, t := range ts {
		m[strings.ToUpper(t)] = true
	}
	return m
}

// npmi is the normalized pointwise mutual information of two entities
// named together in both documents, from their document counts out of
// total: log(p(xy) / p(x)p(y)) / -log p(xy), in [-1, 1].
func npmi(both, x, y, total int) float64 {
	if both <= 0 || x <= 0 || y <= 0 || total <= 0 {
		return -1
	}
	pxy := float64(min(both, total)) / float64(total)
	px := float64(min(x, total)) / float64(total)
	py := float64(min(y, total)) / float64(total)
	if pxy >= 1 {
		return 1
	}
	v := math.Log(pxy/(px*py)) / -math.Log(pxy)
	return math.Max(-1, math.Min(1, v))
}

// RelationOptions configures Relations.
type RelationOptions struct {
	Range
	// Predicates keeps only these predicates ("met", "talks", "phone
	// call"...); empty keeps all.
	Predicates []string
	// Limit is the number of interactions returned; 0 returns all.
	Limit int
}

// Interaction is one sentence saying the queried entity met, talked,
// phoned, visited, hosted, received, negotiated or signed with Partner.
type Interaction struct {
	Partner   graph.Entity `json:"partner"`
	Predicate string       `json:"predicate"`
	Date      string       `json:"date,omitempty"`
	Evidence  Evidence     `json:"evidence"`
	// Repeats counts the other documents that carry the same sentence
	// (a news item copied into several pages); they are not listed.
	Repeats int `json:"repeats,omitempty"`
}

// Partner sums the interactions with one entity.
type Partner struct {
	Entity     graph.Entity   `json:"entity"`
	Weight     int            `json:"weight"` // interaction sentences
	Documents  int            `json:"documents"`
	Predicates map[string]int `json:"predicates"`
	FirstSeen  string         `json:"first_seen,omitempty"`
	LastSeen   string         `json:"last_seen,omitempty"`
	// Partial says the counts and dates are lower bounds (see
	// Neighbor.Partial).
	Partial bool `json:"partial,omitempty"`
}

// RelationsResult answers Relations.
type RelationsResult struct {
	Entity graph.Entity `json:"entity"`
	// Partners are everyone the entity interacted with, most interactions
	// first.
	Partners []Partner `json:"partners"`
	// Interactions are the sentences, in date order (undated last); a
	// sentence repeated in several documents is one Interaction with
	// Repeats. The store keeps graph.MaxInteractionEvidence sentences per
	// pair: Partners has the full counts.
	Interactions []Interaction `json:"interactions"`
	// Total is the number of interactions before Limit.
	Total int `json:"total"`
}

// Relations returns who the entity id met, talked or spoke with: its
// interaction edges and their sentences, with dates and documents.
func Relations(ctx context.Context, st *graph.Store, id string, opt RelationOptions) (*RelationsResult, error) {
	if err := opt.Range.check(); err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	if err := checkPredicates(opt.Predicates); err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	center, err := st.Entity(id)
	if err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	res := &RelationsResult{Entity: center, Partners: []Partner{}, Interactions: []Interaction{}}
	var edges []graph.Edge
	err = st.EdgesOf(ctx, id, func(e graph.Edge) error {
		if e.Kind == graph.Interaction {
			edges = append(edges, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", center.Name, err)
	}
	docs := newDocCache(st)
	for _, e := range edges {
		v, ok := viewEdge(e, opt.Range, opt.Predicates)
		if !ok {
			continue
		}
		other := e.Target
		if other == id {
			other = e.Source
		}
		en, err := st.Entity(other)
		if err != nil {
			return nil, fmt.Errorf("relations of %s: %w", center.Name, err)
		}
		p := Partner{Entity: en, Weight: v.Weight, Documents: v.Documents, Predicates: map[string]int{},
			FirstSeen: v.FirstSeen, LastSeen: v.LastSeen, Partial: v.Partial}
		maps.Copy(p.Predicates, v.Predicates)
		res.Partners = append(res.Partners, p)
		for _, ev := range v.Evidence {
			x := Evidence{Kind: e.Kind, Evidence: ev}
			docs.fill(&x)
			res.Interactions = append(res.Interactions, Interaction{Partner: en, Predicate: ev.Predicate, Date: ev.Date, Evidence: x})
		}
	}
	slices.SortFunc(res.Partners, func(a, b Partner) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.Entity.Name, b.Entity.Name), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	slices.SortFunc(res.Interactions, func(a, b Interaction) int {
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Partner.Name, b.Partner.Name),
			cmp.Compare(a.Evidence.Doc, b.Evidence.Doc), cmp.Compare(a.Evidence.Start, b.Evidence.Start), cmp.Compare(a.Predicate, b.Predicate))
	})
	// The same sentence from several documents is one interaction.
	merged := res.Interactions[:0]
	seen := map[[4]string]int{}
	for _, in := range res.Interactions {
		k := [4]string{in.Date, in.Predicate, in.Partner.ID, in.Evidence.Text}
		if i, ok := seen[k]; ok {
			merged[i].Repeats++
			continue
		}
		seen[k] = len(merged)
		merged = append(merged, in)
	}
	res.Interactions = merged
	res.Total = len(res.Interactions)
	if opt.Limit > 0 && len(res.Interactions) > opt.Limit {
		res.Interactions = res.Interactions[:opt.Limit]
	}
	return res, nil
}

// PathOptions configures Paths.
type PathOptions struct {
	// K is the number of paths, cheapest first; 0 means 1 (the shortest).
	K int
	// Filter selects the graph the paths run through (kinds, types,
	// dates, minimum weight). The ends are kept whatever their type.
	Filter graph.Filter
}

// Hop is one link of a path.
type Hop struct {
	From     graph.Entity           `json:"from"`
	To       graph.Entity           `json:"to"`
	Weight   int                    `json:"weight"`
	Counts   map[graph.EdgeKind]int `json:"kinds"`
	Cost     float64                `json:"cost"` // graph.LinkCost of the weight
	Evidence *Evidence              `json:"evidence,omitempty"`
}

// Route is one path: its entities and the links between them.
type Route struct {
	Cost  float64        `json:"cost"`
	Nodes []graph.Entity `json:"nodes"`
	Hops  []Hop          `json:"hops"`
}

// PathResult answers Paths.
type PathResult struct {
	From  graph.Entity `json:"from"`
	To    graph.Entity `json:"to"`
	Paths []Route      `json:"paths"`
}

// Paths returns the cheapest path between the entities from and to, or the
// K cheapest loopless ones, through the graph opt.Filter selects; a link
// costs graph.LinkCost of its weight, so strong links are preferred. Each
// hop carries its strongest evidence. The error wraps graph.ErrNotFound
// when no path joins them.
func Paths(ctx context.Context, st *graph.Store, from, to string, opt PathOptions) (*PathResult, error) {
	a, err := st.Entity(from)
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	b, err := st.Entity(to)
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	f := opt.Filter
	types := f.Types
	if len(types) == 0 {
		types = graph.DefaultTypes
	}
	f.Types = slices.Clone(types)
	for _, t := range []string{a.Type, b.Type} {
		if !slices.Contains(f.Types, t) {
			f.Types = append(f.Types, t)
		}
	}
	kinds, err := kindSet(f.Kinds)
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	r := Range{f.Since, f.Until}
	if err := r.check(); err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	res := &PathResult{From: a, To: b, Paths: []Route{}}
	if from == to {
		res.Paths = append(res.Paths, Route{Nodes: []graph.Entity{a}, Hops: []Hop{}})
		return res, nil
	}
	sub, err := graph.SelectPaths(ctx, st, f)
	if err != nil {
		return nil, fmt.Errorf("path: %w", err)
	}
	var ps []graph.Path
	if opt.K <= 1 {
		p, err := sub.ShortestPath(from, to)
		if err != nil {
			return nil, fmt.Errorf("path from %s to %s: %w", a.Name, b.Name, err)
		}
		ps = []graph.Path{p}
	} else {
		ps, err = sub.KShortestPaths(from, to, opt.K)
		if err != nil {
			return nil, fmt.Errorf("paths from %s to %s: %w", a.Name, b.Name, err)
		}
	}
	ents := map[string]graph.Entity{from: a, to: b}
	entity := func(id string) (graph.Entity, error) {
		if en, ok := ents[id]; ok {
			return en, nil
		}
		en, err := st.Entity(id)
		if err != nil {
			return graph.Entity{}, err
		}
		ents[id] = en
		return en, nil
	}
	docs := newDocCache(st)
	for _, p := range ps {
		route := Route{Cost: p.Cost, Hops: []Hop{}}
		for i, id := range p.Nodes {
			en, err := entity(id)
			if err != nil {
				return nil, fmt.Errorf("path: %w", err)
			}
			route.Nodes = append(route.Nodes, en)
			if i == 0 {
				continue
			}
			h := Hop{From: route.Nodes[i-1], To: en, Counts: map[graph.EdgeKind]int{}}
			for _, k := range graph.EdgeKinds {
				if !kinds[k] {
					continue
				}
				e, err := st.Edge(p.Nodes[i-1], id, k)
				if errors.Is(err, graph.ErrNotFound) {
					continue
				}
				if err != nil {
					return nil, fmt.Errorf("path: %w", err)
				}
				v, ok := viewEdge(e, r, nil)
				if !ok {
					continue
				}
				h.Weight += v.Weight
				h.Counts[k] += v.Weight
				h.Evidence = strongest(k, v.Evidence, h.Evidence)
			}
			h.Cost = graph.LinkCost(float64(h.Weight))
			docs.fill(h.Evidence)
			route.Hops = append(route.Hops, h)
		}
		res.Paths = append(res.Paths, route)
	}
	return res, nil
}

// Centrality measures Top ranks by.
const (
	ByDegree         = "degree"
	ByWeightedDegree = "weighted-degree"
	ByPageRank       = "pagerank"
	ByBetweenness    = "betweenness"
)

// TopOptions configures Top.
type TopOptions struct {
	// By is the measure: ByDegree, ByWeightedDegree, ByPageRank (default)
	// or ByBetweenness.
	By string
	// Type keeps only entities of this type in the ranking; the measures
	// are still computed over the whole selected graph.
	Type string
	// Limit is the number of entities returned; 0 means 10.
	Limit int
	// Filter selects the graph the measures are computed on.
	Filter graph.Filter
}

// Ranked is one entity of a ranking with its metrics. Its Community is
// numbered as Communities numbers it (1 for the largest).
type Ranked struct {
	Rank  int     `json:"rank"`
	Score float64 `json:"score"`
	graph.Node
}

// TopResult answers Top.
type TopResult struct {
	By    string   `json:"by"`
	Total int      `json:"total"` // entities ranked before Limit
	Nodes []Ranked `json:"nodes"`
}

// Top ranks the entities of the selected graph by a centrality measure
// computed by graph.Analyze (cached in the store per state when it is
// writable). Ties are broken by mentions, then name and id, so the same
// store gives the same answer every time.
func Top(ctx context.Context, st *graph.Store, opt TopOptions) (*TopResult, error) {
	by := cmp.Or(opt.By, ByPageRank)
	score, ok := map[string]func(graph.Metrics) float64{
		ByDegree:         func(m graph.Metrics) float64 { return float64(m.Degree) },
		ByWeightedDegree: func(m graph.Metrics) float64 { return m.WeightedDegree },
		ByPageRank:       func(m graph.Metrics) float64 { return m.PageRank },
		ByBetweenness:    func(m graph.Metrics) float64 { return m.Betweenness },
	}[by]
	if !ok {
		return nil, fmt.Errorf("top: rank by %q (want degree, weighted-degree, pagerank or betweenness): %w", opt.By, ErrInvalid)
	}
	nodes, err := graph.AnalyzeNodes(ctx, st, opt.Filter)
	if err != nil {
		return nil, fmt.Errorf("top: %w", err)
	}
	typ := strings.ToUpper(opt.Type)
	res := &TopResult{By: by, Nodes: []Ranked{}}
	for _, n := range nodes {
		if typ == "" || n.Type == typ {
			n.Community++ // numbered from 1, as Communities numbers them
			res.Nodes = append(res.Nodes, Ranked{Score: score(n.Metrics), Node: n})
		}
	}
	slices.SortFunc(res.Nodes, func(a, b Ranked) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	res.Total = len(res.Nodes)
	limit := opt.Limit
	if limit <= 0 {
		limit = 10
	}
	if len(res.Nodes) > limit {
		res.Nodes = res.Nodes[:limit]
	}
	for i := range res.Nodes {
		res.Nodes[i].Rank = i + 1
	}
	return res, nil
}

// CommunityOptions configures Communities.
type CommunityOptions struct {
	// Limit is the number of communities returned, largest first; 0 means 10.
	Limit int
	// Members is the number of members listed per community, most
	// connected first; 0 means 8.
	Members int
	// MinSize drops communities smaller than this.
	MinSize int
	// Filter selects the graph.
	Filter graph.Filter
}

// Community is one group of the Louvain partition.
type Community struct {
	// ID numbers the communities by size, 1 for the largest (ties: the
	// smallest member id first), so that it is stable across runs.
	ID   int `json:"id"`
	Size int `json:"size"`
	// Weight is the weighted degree of the members summed.
	Weight float64 `json:"weight"`
	// Members are the most connected members (by weighted degree).
	Members []graph.Node `json:"members"`
}

// CommunitiesResult answers Communities.
type CommunitiesResult struct {
	Total       int         `json:"total"` // communities before Limit and MinSize
	Communities []Community `json:"communities"`
}

// Communities returns the communities graph.Analyze finds (Louvain
// modularity, seeded with graph.CommunitySeed: the same store gives the
// same partition), largest first, each with its most connected members.
func Communities(ctx context.Context, st *graph.Store, opt CommunityOptions) (*CommunitiesResult, error) {
	nodes, err := graph.AnalyzeNodes(ctx, st, opt.Filter)
	if err != nil {
		return nil, fmt.Errorf("communities: %w", err)
	}
	cs := groupCommunities(nodes)
	res := &CommunitiesResult{Total: len(cs), Communities: []Community{}}
	limit := cmp.Or(opt.Limit, 10)
	members := cmp.Or(opt.Members, 8)
	for _, c := range cs {
		if c.Size < opt.MinSize || len(res.Communities) >= limit {
			continue
		}
		if len(c.Members) > members {
			c.Members = c.Members[:members]
		}
		res.Communities = append(res.Communities, c)
	}
	return res, nil
}

// groupCommunities groups nodes by their community and numbers the groups
// from 1 in graph.Analyze's order (largest first, ties by smallest member),
// so a community has the same number here as in Top and in the exports.
// Members are sorted most connected first.
func groupCommunities(nodes []graph.Node) []Community {
	groups := map[int][]graph.Node{}
	for _, n := range nodes {
		n.Community++
		groups[n.Community] = append(groups[n.Community], n)
	}
	cs := make([]Community, 0, len(groups))
	for id, members := range groups {
		c := Community{ID: id, Size: len(members)}
		for _, m := range members {
			c.Weight += m.WeightedDegree
		}
		slices.SortFunc(members, func(a, b graph.Node) int {
			return cmp.Or(cmp.Compare(b.WeightedDegree, a.WeightedDegree), cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
		})
		c.Members = members
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b Community) int { return cmp.Compare(a.ID, b.ID) })
	return cs
}
