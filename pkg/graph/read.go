package graph

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// get reads one value; a missing key gives ErrNotFound.
func (s *Store) get(key []byte, fn func([]byte) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return item.Value(fn)
	})
}

// HasDocument reports whether a document with this id is stored.
func (s *Store) HasDocument(id string) (bool, error) {
	err := s.get(docKey(id), func([]byte) error { return nil })
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store %s: has document %q: %w", s.name, id, err)
	}
	return true, nil
}

// Document returns the stored document with this id, or an error wrapping
// ErrNotFound.
func (s *Store) Document(id string) (Document, error) {
	var doc Document
	err := s.get(docKey(id), func(b []byte) error {
		var err error
		doc, err = decodeDocument(id, b)
		return err
	})
	if err != nil {
		return Document{}, fmt.Errorf("store %s: document %q: %w", s.name, id, err)
	}
	return doc, nil
}

// Mentions returns the mentions of a stored document in the order they were
// given, or an error wrapping ErrNotFound when the document is not stored.
func (s *Store) Mentions(docID string) ([]Mention, error) {
	var ms []Mention
	err := s.db.View(func(txn *badger.Txn) error {
		if _, err := txn.Get(docKey(docID)); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return ErrNotFound
			}
			return err
		}
		item, err := txn.Get(mentionsKey(docID))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(b []byte) error {
			ms, err = decodeMentions(docID, b)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store %s: mentions of %q: %w", s.name, docID, err)
	}
	return ms, nil
}

// Entity returns the entity with this id, or an error wrapping ErrNotFound.
func (s *Store) Entity(id string) (Entity, error) {
	n, err := parseID(id)
	if err != nil {
		return Entity{}, fmt.Errorf("store %s: entity: %w", s.name, errors.Join(err, ErrNotFound))
	}
	var en Entity
	err = s.get(entityKey(n), func(b []byte) error {
		var err error
		en, err = decodeEntity(n, b)
		return err
	})
	if err != nil {
		return Entity{}, fmt.Errorf("store %s: entity %s: %w", s.name, id, err)
	}
	return en, nil
}

// Edge returns the edge of this kind between a and b (in either order), or
// an error wrapping ErrNotFound.
func (s *Store) Edge(a, b string, kind EdgeKind) (Edge, error) {
	src, err1 := parseID(a)
	dst, err2 := parseID(b)
	kb, ok := kindByte(kind)
	if err := errors.Join(err1, err2); err != nil || !ok || src == dst {
		return Edge{}, fmt.Errorf("store %s: edge %s-%s %s: %w", s.name, a, b, kind, ErrNotFound)
	}
	if src > dst {
		src, dst = dst, src
	}
	var ed Edge
	err := s.get(edgeKey(src, dst, kb), func(v []byte) error {
		var err error
		ed, err = decodeEdge(src, dst, kind, v, true)
		return err
	})
	if err != nil {
		return Edge{}, fmt.Errorf("store %s: edge %s-%s %s: %w", s.name, a, b, kind, err)
	}
	return ed, nil
}

// scan calls fn for every key with the prefix, in key order, stopping at
// the first error. keysOnly skips fetching values.
func (s *Store) scan(ctx context.Context, prefix []byte, keysOnly bool, fn func(key, val []byte) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		o := badger.DefaultIteratorOptions
		o.Prefix = prefix
		// Values are read in place (Item.Value) rather than prefetched:
		// Badger prefetches each value on a goroutine of its own, which
		// cost a one-pass scan of a million edges more than the copy.
		o.PrefetchValues = false
		it := txn.NewIterator(o)
		defer it.Close()
		n := 0
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			if n++; n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			item := it.Item()
			var err error
			if keysOnly {
				err = fn(item.Key(), nil)
			} else {
				err = item.Value(func(v []byte) error { return fn(item.Key(), v) })
			}
			if err != nil {
				return err
			}
		}
		return ctx.Err()
	})
}

// scanRange calls fn for every key with the prefix from key from to key to
// (nil: to the end of the prefix), in key order, within txn, stopping at
// the first error. Several goroutines may scan one read-only txn at once.
func scanRange(ctx context.Context, txn *badger.Txn, prefix, from, to []byte, fn func(key, val []byte) error) error {
	o := badger.DefaultIteratorOptions
	o.Prefix = prefix
	o.PrefetchValues = false // see scan
	it := txn.NewIterator(o)
	defer it.Close()
	n := 0
	for it.Seek(from); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		k := item.Key()
		if to != nil && bytes.Compare(k, to) >= 0 {
			break
		}
		if n++; n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := item.Value(func(v []byte) error { return fn(k, v) }); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Documents calls fn for every stored document in id order, stopping at
// the first error, which it returns.
func (s *Store) Documents(ctx context.Context, fn func(Document) error) error {
	err := s.scan(ctx, []byte{prefixDoc}, false, func(k, v []byte) error {
		doc, err := decodeDocument(string(k[1:]), v)
		if err != nil {
			return err
		}
		return fn(doc)
	})
	if err != nil {
		return fmt.Errorf("store %s: documents: %w", s.name, err)
	}
	return nil
}

// Entities calls fn for every entity in id order, stopping at the first
// error, which it returns.
func (s *Store) Entities(ctx context.Context, fn func(Entity) error) error {
	err := s.scan(ctx, []byte{prefixEntity}, false, func(k, v []byte) error {
		key, err := parseKey(k)
		if err != nil {
			return err
		}
		en, err := decodeEntity(key.ID, v)
		if err != nil {
			return err
		}
		return fn(en)
	})
	if err != nil {
		return fmt.Errorf("store %s: entities: %w", s.name, err)
	}
	return nil
}

// Edges calls fn for every edge in (Source, Target, Kind) order, kinds in
// EdgeKinds order, stopping at the first error, which it returns.
func (s *Store) Edges(ctx context.Context, fn func(Edge) error) error {
	err := s.scanEdges(ctx, true, fn)
	if err != nil {
		return fmt.Errorf("store %s: edges: %w", s.name, err)
	}
	return nil
}

// EdgesWithoutEvidence is Edges with every edge's Evidence left empty:
// cheaper, for callers that read only counts, weights and dates.
func (s *Store) EdgesWithoutEvidence(ctx context.Context, fn func(Edge) error) error {
	err := s.scanEdges(ctx, false, fn)
	if err != nil {
		return fmt.Errorf("store %s: edges: %w", s.name, err)
	}
	return nil
}

func (s *Store) scanEdges(ctx context.Context, evidence bool, fn func(Edge) error) error {
	return s.scan(ctx, []byte{prefixEdge}, false, func(k, v []byte) error {
		key, err := parseKey(k)
		if err != nil {
			return err
		}
		ed, err := decodeEdge(key.ID, key.Other, key.Kind, v, evidence)
		if err != nil {
			return err
		}
		return fn(ed)
	})
}

// EdgesOf calls fn for every edge of the entity id, ordered by neighbour id
// then kind, stopping at the first error, which it returns. Edges keep
// Source < Target, so id is either end. An unknown id has no edges.
func (s *Store) EdgesOf(ctx context.Context, id string, fn func(Edge) error) error {
	err := s.edgesOf(ctx, id, true, fn)
	if err != nil {
		return fmt.Errorf("store %s: edges of %s: %w", s.name, id, err)
	}
	return nil
}

func (s *Store) edgesOf(ctx context.Context, id string, evidence bool, fn func(Edge) error) error {
	n, err := parseID(id)
	if err != nil {
		return nil
	}
	return s.db.View(func(txn *badger.Txn) error {
		return adjacent(ctx, txn, n, nil, func(nb uint64, kb byte, v []byte) error {
			src, dst := min(n, nb), max(n, nb)
			kind, _ := byteKind(kb)
			ed, err := decodeEdge(src, dst, kind, v, evidence)
			if err != nil {
				return err
			}
			return fn(ed)
		})
	})
}

// adjacent calls fn with the value of every edge of entity n, ordered by
// neighbour then kind. Edges to smaller ids are found through the adjacency
// index and read one by one; edges to larger ids, where n is the source,
// are read in one sweep of the edge records. skip, when set, is asked
// before reading an edge whether to pass it by.
func adjacent(ctx context.Context, txn *badger.Txn, n uint64, skip func(nb uint64, kb byte) bool, fn func(nb uint64, kb byte, val []byte) error) error {
	count := 0
	tick := func() error {
		if count++; count%1024 == 0 {
			return ctx.Err()
		}
		return nil
	}
	prefix := adjPrefix(n)
	o := badger.DefaultIteratorOptions
	o.Prefix = prefix
	o.PrefetchValues = false
	it := txn.NewIterator(o)
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := tick(); err != nil {
			it.Close()
			return err
		}
		k := it.Item().Key()
		nb := binary.BigEndian.Uint64(k[1+idLen:])
		if nb > n {
			break
		}
		kb := k[1+2*idLen]
		if skip != nil && skip(nb, kb) {
			continue
		}
		item, err := txn.Get(edgeKey(nb, n, kb))
		if err != nil {
			it.Close()
			return fmt.Errorf("adjacency %s-%s without edge: %w", formatID(nb), formatID(n), err)
		}
		if err := item.Value(func(v []byte) error { return fn(nb, kb, v) }); err != nil {
			it.Close()
			return err
		}
	}
	it.Close()

	prefix = edgeKey(n, 0, 0)[:1+idLen]
	o.Prefix = prefix
	o.PrefetchValues = false // see scan
	it = txn.NewIterator(o)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := tick(); err != nil {
			return err
		}
		item := it.Item()
		k := item.Key()
		nb := binary.BigEndian.Uint64(k[1+idLen:])
		kb := k[1+2*idLen]
		if skip != nil && skip(nb, kb) {
			continue
		}
		if err := item.Value(func(v []byte) error { return fn(nb, kb, v) }); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Lookup returns the entities whose canonical name or an alias is name,
// compared case-insensitively with runs of white space as one space: those
// whose canonical name matches first, then by mentions (most first) and id.
// When none matches the error wraps ErrNotFound.
func (s *Store) Lookup(name string) ([]Entity, error) {
	norm := normName(name)
	if norm == "" {
		return nil, fmt.Errorf("store %s: lookup %q: %w", s.name, name, ErrNotFound)
	}
	prefix := namePrefix(norm)
	var ids []uint64
	err := s.scan(context.Background(), prefix, true, func(k, _ []byte) error {
		key, err := parseKey(k)
		if err != nil {
			return err
		}
		ids = append(ids, key.ID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store %s: lookup %q: %w", s.name, name, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("store %s: no entity named %q: %w", s.name, name, ErrNotFound)
	}
	out := make([]Entity, 0, len(ids))
	for _, id := range ids {
		en, err := s.Entity(formatID(id))
		if err != nil {
			return nil, fmt.Errorf("store %s: lookup %q: %w", s.name, name, err)
		}
		out = append(out, en)
	}
	slices.SortFunc(out, func(a, b Entity) int {
		am, bm := normName(a.Name) == norm, normName(b.Name) == norm
		if am != bm {
			if am {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Suggest returns up to n canonical names of entities known under a name
// close to name (a misspelling, a missing or extra word), closest first,
// for "did you mean" messages. It scans every known name.
func (s *Store) Suggest(name string, n int) []string {
	q := normName(name)
	if q == "" || n <= 0 {
		return nil
	}
	limit := max(1, len([]rune(q))/3)
	type cand struct {
		dist int
		name string
		id   uint64
	}
	var cands []cand
	best := map[uint64]int{}
	err := s.scan(context.Background(), []byte{prefixName}, true, func(k, _ []byte) error {
		key, err := parseKey(k)
		if err != nil {
			return nil
		}
		d := nameDistance(q, key.Name, limit)
		if d > limit {
			return nil
		}
		if old, ok := best[key.ID]; ok && old <= d {
			return nil
		}
		best[key.ID] = d
		cands = append(cands, cand{d, key.Name, key.ID})
		return nil
	})
	if err != nil {
		return nil
	}
	// Keep the best distance per entity, then rank.
	cands = slices.DeleteFunc(cands, func(c cand) bool { return best[c.id] != c.dist })
	type scored struct {
		dist     int
		mentions int
		name     string
	}
	var out []scored
	seen := map[uint64]bool{}
	for _, c := range cands {
		if seen[c.id] {
			continue
		}
		seen[c.id] = true
		en, err := s.Entity(formatID(c.id))
		if err != nil {
			continue
		}
		out = append(out, scored{c.dist, en.Mentions, en.Name})
	}
	slices.SortFunc(out, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(b.mentions, a.mentions), cmp.Compare(a.name, b.name))
	})
	var names []string
	for _, o := range out {
		if !slices.Contains(names, o.name) {
			names = append(names, o.name)
		}
		if len(names) == n {
			break
		}
	}
	return names
}

// nameDistance is the edit distance between query q and a known name, or
// one more than that to a single word of the name or to its prefix of q's
// length, whichever is smallest. Results above limit are not exact.
func nameDistance(q, name string, limit int) int {
	d := levenshtein(q, name, limit)
	if d == 0 {
		return 0
	}
	if strings.HasPrefix(name, q) {
		d = min(d, 1)
	}
	if strings.Contains(name, " ") {
		for w := range strings.SplitSeq(name, " ") {
			if len(w) > 1 {
				d = min(d, levenshtein(q, w, limit)+1)
			}
		}
	}
	return d
}

// levenshtein returns the edit distance of a and b in runes, or a value
// above limit once it is certain to exceed limit.
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Stats counts documents, entities by type and edges by kind. It reads
// counters the store keeps, so it is cheap at any size.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Entities: map[string]int{}, Edges: map[string]int{}}
	err := s.scan(context.Background(), []byte{prefixState}, false, func(k, v []byte) error {
		n, err := decodeUint(v)
		if err != nil {
			return err
		}
		name := string(k[1:])
		switch {
		case name == stateDocs:
			st.Documents = int(n)
		case strings.HasPrefix(name, "t:") && n > 0:
			st.Entities[name[2:]] = int(n)
		case strings.HasPrefix(name, "k:") && n > 0:
			st.Edges[name[2:]] = int(n)
		}
		return nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("store %s: stats: %w", s.name, err)
	}
	return st, nil
}

// Version returns the store state version: 0 for an empty store, bumped by
// every Apply that adds a document. Anything derived from the store (such
// as analytics) is current while the version is unchanged.
func (s *Store) Version() (uint64, error) {
	var v uint64
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		v, err = getUint(txn, stateKey(stateVersion))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store %s: version: %w", s.name, err)
	}
	return v, nil
}
