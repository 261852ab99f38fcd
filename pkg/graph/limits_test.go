package graph

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// clique is a document naming n entities, every pair of them linked.
func clique(docID string, n int) Contribution {
	c := Contribution{Doc: Document{ID: docID, Source: docID + ".md"}}
	for i := range n {
		name := fmt.Sprintf("Person %s %d", docID, i)
		c.Entities = append(c.Entities, Entity{ID: EntityID(name, "PERSON"), Name: name, Type: "PERSON",
			Mentions: 1, Documents: 1, Aliases: map[string]int{name: 1}})
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			c.Edges = append(c.Edges, Edge{Kind: Context, Source: c.Entities[i].ID, Target: c.Entities[j].ID, Weight: 1, Documents: 1,
				Evidence: []Evidence{{Doc: docID, Start: -1, End: -1, Text: "Context: ..."}}})
		}
	}
	return c
}

// TestApplyRejectsTooLargeDocument: a document with more edges than one
// transaction holds is left out and reported; the rest of its batch is
// stored.
func TestApplyRejectsTooLargeDocument(t *testing.T) {
	s, err := Open(DefaultOptions("").WithInMemory(true).WithMemTableSize(1 << 20))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := clique("big", 200) // 19,900 edges, ~60,000 keys
	cs := []Contribution{kerryContribution("a", ""), big, kerryContribution("b", ""), clique("small", 10)}
	res, err := s.Apply(t.Context(), cs)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if res.Added != 3 || len(res.Rejected) != 1 {
		t.Fatalf("added %d, rejected %v; want 3 added, 1 rejected", res.Added, res.Rejected)
	}
	r := res.Rejected[0]
	if r.ID != "big" || r.Source != "big.md" || !errors.Is(r, ErrTooLarge) {
		t.Errorf("rejected %+v (%v), want document big from big.md wrapping ErrTooLarge", r, r)
	}
	if msg := r.Error(); !strings.Contains(msg, `document "big"`) || !strings.Contains(msg, "19900 edges") {
		t.Errorf("message %q does not name the document and its size", msg)
	}
	if st := mustStats(t, s); st.Documents != 3 {
		t.Errorf("store holds %d documents, want 3", st.Documents)
	}
	if ok, _ := s.HasDocument("big"); ok {
		t.Error("the rejected document was stored")
	}
}

// TestApplyGroupsWithinLimits: documents that each fit but not together are
// written in several transactions without a failed attempt, and the store
// is the same as with roomy limits.
func TestApplyGroupsWithinLimits(t *testing.T) {
	s, err := Open(DefaultOptions("").WithInMemory(true).WithMemTableSize(1 << 20))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var cs []Contribution
	for i := range 30 {
		cs = append(cs, clique(fmt.Sprintf("d%02d", i), 25)) // 300 edges, ~1,000 keys each
	}
	res := mustApply(t, s, cs)
	if res.Added != len(cs) || len(res.Rejected) != 0 {
		t.Fatalf("added %d, rejected %v", res.Added, res.Rejected)
	}
	if s.retries != 0 {
		t.Errorf("%d transactions were too big and retried", s.retries)
	}
	if v, _ := s.Version(); v < 2 {
		t.Errorf("version %d: the batch was not split", v)
	}
	ref := openMem(t)
	mustApply(t, ref, cs)
	if string(dump(t, s)) != string(dump(t, ref)) {
		t.Error("grouped batch stored something else than one transaction")
	}
}

// TestApplyHugeName: a name longer than Badger's key limit is stored whole
// in the entity and found by Lookup through its capped index key.
func TestApplyHugeName(t *testing.T) {
	s := openMem(t)
	huge := "Angela " + strings.Repeat("Merkel", 12000) // 72,007 bytes
	c := kerryContribution("a", "")
	c.Entities[1].Name = huge
	c.Entities[1].Aliases = map[string]int{huge: 1, huge + " Jr": 1}
	res := mustApply(t, s, []Contribution{c, kerryContribution("b", "")})
	if res.Added != 2 {
		t.Fatalf("added %d, want 2", res.Added)
	}
	got, err := s.Lookup(strings.ToUpper(huge))
	if err != nil {
		t.Fatalf("Lookup(huge): %v", err)
	}
	if len(got) != 1 || got[0].Name != huge {
		t.Errorf("Lookup(huge) gave %d entities, name of %d bytes", len(got), len(got[0].Name))
	}
	if got, err := s.Lookup(huge + " jr"); err != nil || len(got) != 1 {
		t.Errorf("Lookup(alias) = %d entities, %v", len(got), err)
	}
	if _, err := s.Lookup(huge[:len(huge)-1]); !errors.Is(err, ErrNotFound) {
		t.Errorf("Lookup(prefix of huge) error = %v, want ErrNotFound", err)
	}
}

func TestIndexName(t *testing.T) {
	long := strings.Repeat("é", 3000)
	for _, n := range []string{"", "john kerry", strings.Repeat("a", maxNameKeyLen), long, long + "x"} {
		in := indexName(n)
		if len(in) > maxNameKeyLen || indexName(in) != in {
			t.Errorf("indexName(%d bytes) = %d bytes, not a fixed point", len(n), len(in))
		}
		if len(n) <= maxNameKeyLen && in != n {
			t.Errorf("indexName changed a short name %q", n)
		}
	}
	if indexName(long) == indexName(long+"x") {
		t.Error("two long names with one start share an index name")
	}
	if k, err := parseKey(nameKey(long, 7)); err != nil || k.Name != indexName(long) || k.ID != 7 {
		t.Errorf("parseKey(nameKey(long)) = %+v, %v", k, err)
	}
}

// TestHasAnalytics: the cache counts only when whole and of this state.
func TestHasAnalytics(t *testing.T) {
	s := openMem(t)
	mustApply(t, s, newSynth(3, 40).docs(0, 30))
	has := func() bool {
		ok, err := s.HasAnalytics(Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if has() {
		t.Fatal("analytics before Analyze")
	}
	if _, err := Analyze(t.Context(), s, Filter{}); err != nil {
		t.Fatal(err)
	}
	if !has() {
		t.Fatal("no analytics after Analyze")
	}
	if ok, _ := s.HasAnalytics(Filter{Top: 3}); ok {
		t.Error("analytics of another filter")
	}
	mustApply(t, s, newSynth(3, 40).docs(30, 31))
	if has() {
		t.Error("analytics of an older state")
	}
}

// TestOpenReadOnlyEmptyDir: a directory a killed writer created but wrote
// nothing in is no store, and says so.
func TestOpenReadOnlyEmptyDir(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(DefaultOptions(dir).WithReadOnly(true))
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "holds no store yet") {
		t.Errorf("read-only open of an empty directory: %v", err)
	}
}
