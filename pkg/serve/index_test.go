package serve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// best keeps the same k candidates, in the same order, as a full sort.
func TestBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ix := &index{rank: make([]float64, 500)}
	for i := range ix.rank {
		ix.rank[i] = float64(rng.IntN(5))
	}
	for _, tc := range []struct{ n, k int }{{0, 3}, {5, 10}, {10, 10}, {100, 7}, {500, 1}, {500, 499}, {20, 0}} {
		t.Run(fmt.Sprintf("%d/%d", tc.n, tc.k), func(t *testing.T) {
			var ps []picked
			for i := range tc.n {
				ps = append(ps, picked{node: int32(i), score: float64(rng.IntN(4))})
			}
			rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
			want := slices.Clone(ps)
			ix.sortPicked(want)
			want = want[:min(tc.k, len(want))]
			got := ix.best(ps, tc.k)
			if !slices.Equal(got, want) {
				t.Errorf("best %v\nwant %v", got, want)
			}
		})
	}
}

// filter.weight sums the kept kinds seen in the date range, and drops
// links lighter than the minimum.
func TestFilterWeight(t *testing.T) {
	l := &link{w: [nKinds]int32{3, 1, 2}, first: [nKinds]int32{20160101, 20160301, 0}, last: [nKinds]int32{20160601, 20160301, 0}}
	all := [nKinds]bool{true, true, true}
	for _, tc := range []struct {
		f    filter
		want int
	}{
		{filter{kinds: all}, 6},
		{filter{kinds: [nKinds]bool{true}}, 3},
		{filter{kinds: all, minWeight: 7}, 0},
		{filter{kinds: all, since: 20160401}, 3}, // context was only seen in March; interaction is undated
		{filter{kinds: all, until: 20160228}, 3}, // cooccur overlaps
		{filter{kinds: all, since: 20160301, until: 20160301}, 4},
		{filter{kinds: all, since: 20170101}, 0},
		{filter{kinds: [nKinds]bool{false, false, true}, since: 20100101}, 0}, // undated goes with any range
	} {
		if got := tc.f.weight(l); got != tc.want {
			t.Errorf("%+v: weight %d, want %d", tc.f, got, tc.want)
		}
	}
}

// A link's kinds, counts and dates come from the same kinds as its weight:
// those kept and seen in the date range.
func TestViewLinkKeptKinds(t *testing.T) {
	ix := &index{ids: []string{"a", "b"}}
	// cooccur: 3 edges in 2016; context: 2 in 2018; interaction: undated.
	l := &link{a: 0, b: 1, w: [nKinds]int32{3, 2, 4}, first: [nKinds]int32{20160101, 20180101, 0}, last: [nKinds]int32{20161231, 20180601, 0}}
	all := [nKinds]bool{true, true, true}
	for _, tc := range []struct {
		f           filter
		weight      int
		kinds       []string
		counts      KindCounts
		first, last string
	}{
		{filter{kinds: all}, 9, []string{"cooccur", "context", "interaction"}, KindCounts{3, 2, 4}, "2016-01-01", "2018-06-01"},
		{filter{kinds: all, since: 20170101}, 2, []string{"context"}, KindCounts{Context: 2}, "2018-01-01", "2018-06-01"},
		{filter{kinds: all, until: 20171231}, 3, []string{"cooccur"}, KindCounts{Cooccur: 3}, "2016-01-01", "2016-12-31"},
		{filter{kinds: [nKinds]bool{true, false, true}}, 7, []string{"cooccur", "interaction"}, KindCounts{Cooccur: 3, Interaction: 4}, "2016-01-01", "2016-12-31"},
	} {
		w := tc.f.weight(l)
		vl := ix.viewLink(l, &tc.f, w)
		if w != tc.weight || !slices.Equal(vl.Kinds, tc.kinds) || vl.Counts != tc.counts || vl.FirstSeen != tc.first || vl.LastSeen != tc.last {
			t.Errorf("%+v: weight %d, link %+v; want weight %d kinds %v counts %+v %s – %s",
				tc.f, w, vl, tc.weight, tc.kinds, tc.counts, tc.first, tc.last)
		}
	}
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2016-03-22", "", "2016-3-22", "abcd-ef-gh", "0000-00-00", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := parseDate(s)
		if d == 0 {
			return
		}
		if got := formatDate(d); got != s {
			t.Errorf("parseDate(%q) = %d, formatted back %q", s, d, got)
		}
	})
}

// The index of the test store: every entity once, links symmetric in the
// adjacency, ranks with mean 1.
func TestIndex(t *testing.T) {
	ix, err := buildIndex(context.Background(), testStore(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.ids) != len(testEntities) || !slices.IsSorted(ix.ids) {
		t.Fatalf("ids %v", ix.ids)
	}
	sum := 0.0
	for _, r := range ix.rank {
		sum += r
	}
	if mean := sum / float64(len(ix.rank)); mean < 0.99 || mean > 1.01 {
		t.Errorf("mean rank %v", mean)
	}
	for u := range ix.ids {
		for i := ix.off[u]; i < ix.off[u+1]; i++ {
			l := ix.links[ix.lnk[i]]
			v := ix.nbr[i]
			if !(l.a == int32(u) && l.b == v || l.b == int32(u) && l.a == v) || l.a >= l.b {
				t.Errorf("adjacency %d→%d points at link %+v", u, v, l)
			}
		}
	}
	if len(ix.nbr) != 2*len(ix.links) {
		t.Errorf("%d adjacency entries for %d links", len(ix.nbr), len(ix.links))
	}
}
