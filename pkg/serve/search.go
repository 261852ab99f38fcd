package serve

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// maxSearchScan bounds the number of index keys one search reads, so that
// a one-letter prefix over a million names stays fast.
const maxSearchScan = 20000

// Hit is one answer of a name search.
type Hit struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Type     string  `json:"type"`
	Mentions int     `json:"mentions"`
	Rank     float64 `json:"rank"`
	// Match is the name or alias that matched, as indexed (lower case).
	Match string `json:"match"`
	// Alias is true when Match is an alias rather than the canonical name.
	Alias bool `json:"alias,omitempty"`
}

// search finds entities whose canonical name or an alias starts with q, or
// has a word starting with q; the best limit of them come first: exact
// matches, then whole-name prefixes, then word prefixes, each by mentions.
func (ix *index) search(q string, limit int, types []bool) []Hit {
	q = normalize(q)
	if q == "" || limit <= 0 {
		return nil
	}
	type cand struct {
		node  int32
		score int // lower is better
		key   nameKey
	}
	best := map[int32]cand{}
	i := sort.Search(len(ix.names), func(i int) bool { return ix.names[i].key >= q })
	for scanned := 0; i < len(ix.names) && scanned < maxSearchScan; i, scanned = i+1, scanned+1 {
		k := ix.names[i]
		if !strings.HasPrefix(k.key, q) {
			break
		}
		if types != nil && !types[ix.typ[k.node]] {
			continue
		}
		score := 2
		switch {
		case k.key == q && !k.word:
			score = 0
		case !k.word:
			score = 1
		}
		if k.alias {
			score = score*2 + 1
		} else {
			score *= 2
		}
		if c, ok := best[k.node]; !ok || score < c.score {
			best[k.node] = cand{k.node, score, k}
		}
	}
	cands := make([]cand, 0, len(best))
	for _, c := range best {
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b cand) int {
		// Exact and whole-name matches first; within a class, the better
		// known entity.
		return cmp.Or(cmp.Compare(a.score/2, b.score/2), cmp.Compare(ix.mentions[b.node], ix.mentions[a.node]),
			cmp.Compare(a.score, b.score), cmp.Compare(ix.ids[a.node], ix.ids[b.node]))
	})
	if len(cands) > limit {
		cands = cands[:limit]
	}
	hits := make([]Hit, len(cands))
	for j, c := range cands {
		hits[j] = Hit{ID: ix.ids[c.node], Name: ix.name[c.node], Type: ix.types[ix.typ[c.node]], Mentions: int(ix.mentions[c.node]),
			Rank: round3(ix.rank[c.node]), Match: c.key.key, Alias: c.key.alias}
		if c.key.word {
			// Show the whole name or alias the word belongs to.
			hits[j].Match = ix.fullKey(c.node, c.key)
		}
	}
	return hits
}

// fullKey returns the indexed canonical name or alias of node that ends
// with the word suffix k.
func (ix *index) fullKey(node int32, k nameKey) string {
	if n := normalize(ix.name[node]); strings.HasSuffix(n, k.key) {
		return n
	}
	return k.key
}

func round3(f float64) float64 {
	return float64(int64(f*1000+0.5)) / 1000
}

// suggest finds up to n entities a user may have meant by an unknown name:
// those the name, one of its words, or its longest known prefix (three
// letters at least) starts. It reads the in-memory index only, so it is as
// fast as a search.
func (ix *index) suggest(name string, n int) []Hit {
	q := normalize(name)
	if hits := ix.search(q, n, nil); len(hits) > 0 {
		return hits
	}
	var out []Hit
	seen := map[string]bool{}
	add := func(hs []Hit) {
		for _, h := range hs {
			if !seen[h.ID] && len(out) < n {
				seen[h.ID] = true
				out = append(out, h)
			}
		}
	}
	for _, w := range strings.Fields(q) {
		if len(w) >= 3 && w != q {
			add(ix.search(w, n, nil))
		}
	}
	for l := len(q) - 1; len(out) == 0 && l >= 3; l-- {
		add(ix.search(q[:l], n, nil))
	}
	return out
}
