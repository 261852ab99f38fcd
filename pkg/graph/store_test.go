package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func openMem(t testing.TB) *Store {
	t.Helper()
	s, err := Open(DefaultOptions("").WithInMemory(true))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dump writes every key and value of the store except the version counter,
// which counts Apply calls rather than content.
func dump(t testing.TB, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	skip := stateKey(stateVersion)
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().KeyCopy(nil)
			if bytes.Equal(k, skip) {
				continue
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			fmt.Fprintf(&buf, "%q=%q\n", k, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustApply(t testing.TB, s *Store, cs []Contribution) ApplyResult {
	t.Helper()
	res, err := s.Apply(context.Background(), cs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustStats(t testing.TB, s *Store) Stats {
	t.Helper()
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestApplyTwiceChangesNothing(t *testing.T) {
	cs := newSynth(1, 60).docs(0, 200)
	s := openMem(t)
	res := mustApply(t, s, cs)
	if res.Added != len(cs) || res.Skipped != 0 {
		t.Fatalf("first apply: %+v, want %d added", res, len(cs))
	}
	st1, d1 := mustStats(t, s), dump(t, s)
	v1, _ := s.Version()
	res = mustApply(t, s, cs)
	if res.Added != 0 || res.Skipped != len(cs) {
		t.Fatalf("second apply: %+v, want %d skipped", res, len(cs))
	}
	st2, d2 := mustStats(t, s), dump(t, s)
	v2, _ := s.Version()
	if !reflect.DeepEqual(st1, st2) {
		t.Errorf("stats changed: %+v then %+v", st1, st2)
	}
	if !bytes.Equal(d1, d2) {
		t.Error("dump changed by applying the same documents again")
	}
	if v1 != v2 || v1 == 0 {
		t.Errorf("version %d then %d, want unchanged and non-zero", v1, v2)
	}
	if st1.Documents != len(cs) {
		t.Errorf("documents = %d, want %d", st1.Documents, len(cs))
	}
}

func TestApplyOrderDoesNotMatter(t *testing.T) {
	cs := newSynth(2, 40).docs(0, 150)
	ref := openMem(t)
	mustApply(t, ref, cs)
	want := dump(t, ref)
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 4 {
		shuffled := slices.Clone(cs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		s := openMem(t)
		batch := 1 + trial*17
		for i := 0; i < len(shuffled); i += batch {
			mustApply(t, s, shuffled[i:min(i+batch, len(shuffled))])
		}
		if got := dump(t, s); !bytes.Equal(got, want) {
			t.Fatalf("trial %d (batches of %d): store differs from in-order apply", trial, batch)
		}
	}
}

func TestApplySkipsRepeatsInBatch(t *testing.T) {
	cs := newSynth(5, 20).docs(0, 10)
	s := openMem(t)
	batch := append(slices.Clone(cs), cs[3], cs[7], cs[3])
	res := mustApply(t, s, batch)
	if res.Added != 10 || res.Skipped != 3 {
		t.Fatalf("apply: %+v, want 10 added 3 skipped", res)
	}
	other := openMem(t)
	mustApply(t, other, cs)
	if !bytes.Equal(dump(t, s), dump(t, other)) {
		t.Error("a repeated document in the batch changed the store")
	}
	res = mustApply(t, s, append(cs[:2:2], newSynth(5, 20).doc(10)))
	if res.Added != 1 || res.Skipped != 2 {
		t.Fatalf("apply with one new document: %+v, want 1 added 2 skipped", res)
	}
}

// TestApplySplitsBigBatches applies a batch far above one transaction's limit.
func TestApplySplitsBigBatches(t *testing.T) {
	cs := newSynth(6, 500).docs(0, 600)
	s, err := Open(DefaultOptions("").WithInMemory(true).WithMemTableSize(1 << 20))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res := mustApply(t, s, cs)
	if res.Added != len(cs) {
		t.Fatalf("added %d, want %d", res.Added, len(cs))
	}
	v, _ := s.Version()
	if v < 2 {
		t.Errorf("version %d: the batch was not split", v)
	}
	ref := openMem(t)
	mustApply(t, ref, cs)
	if !bytes.Equal(dump(t, s), dump(t, ref)) {
		t.Error("split batch stored something else than one transaction")
	}
}

func kerryContribution(docID, date string) Contribution {
	kerry := Entity{ID: EntityID("John Kerry", "PERSON"), Name: "John Kerry", Type: "PERSON", Mentions: 2, Documents: 1, FirstSeen: date, LastSeen: date,
		Aliases: map[string]int{"John Kerry": 1, "Kerry": 1}}
	lavrov := Entity{ID: EntityID("Sergey Lavrov", "PERSON"), Name: "Sergey Lavrov", Type: "PERSON", Mentions: 1, Documents: 1, FirstSeen: date, LastSeen: date,
		Aliases: map[string]int{"Lavrov": 1}}
	us := Entity{ID: EntityID("United States", "GPE"), Name: "United States", Type: "GPE", Mentions: 1, Documents: 1, FirstSeen: date, LastSeen: date,
		Aliases: map[string]int{"U.S.": 1}}
	text := "Kerry and Lavrov met in Geneva."
	return Contribution{
		Doc: Document{ID: docID, Source: docID + ".txt", Date: date, Bytes: 100, Sentences: 2, Mentions: 4},
		Mentions: []Mention{
			{Entity: kerry.ID, Start: 0, End: 5, Text: "Kerry"},
			{Entity: lavrov.ID, Start: 10, End: 16, Text: "Lavrov"},
			{Entity: us.ID, Start: 40, End: 44, Text: "U.S.", Sentence: 1},
			{Entity: kerry.ID, Start: 50, End: 60, Text: "John Kerry", Sentence: 1},
		},
		Entities: []Entity{kerry, lavrov, us},
		Edges: []Edge{
			{Kind: Cooccur, Source: kerry.ID, Target: lavrov.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
				Evidence: []Evidence{{Doc: docID, Start: 0, End: len(text), Date: date, Text: text}}},
			{Kind: Interaction, Source: lavrov.ID, Target: kerry.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date,
				Predicates: map[string]int{"met": 1}, Evidence: []Evidence{{Doc: docID, Start: 0, End: len(text), Date: date, Text: text, Predicate: "met"}}},
			{Kind: Cooccur, Source: us.ID, Target: kerry.ID, Weight: 1, Documents: 1, FirstSeen: date, LastSeen: date},
		},
	}
}

func TestReads(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	mustApply(t, s, []Contribution{kerryContribution("b", "2016-12-09"), kerryContribution("a", "2016-09-10")})
	kerryID, lavrovID, usID := EntityID("John Kerry", "PERSON"), EntityID("Sergey Lavrov", "PERSON"), EntityID("United States", "GPE")

	if ok, err := s.HasDocument("a"); !ok || err != nil {
		t.Errorf("HasDocument(a) = %v, %v", ok, err)
	}
	if ok, err := s.HasDocument("zzz"); ok || err != nil {
		t.Errorf("HasDocument(zzz) = %v, %v", ok, err)
	}
	doc, err := s.Document("b")
	if err != nil || doc.Date != "2016-12-09" || doc.Source != "b.txt" || doc.Mentions != 4 {
		t.Errorf("Document(b) = %+v, %v", doc, err)
	}
	if _, err := s.Document("zzz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(zzz) error = %v, want ErrNotFound", err)
	}
	ms, err := s.Mentions("a")
	if err != nil || len(ms) != 4 || ms[3].Text != "John Kerry" || ms[3].Entity != kerryID || ms[2].Sentence != 1 {
		t.Errorf("Mentions(a) = %+v, %v", ms, err)
	}
	if _, err := s.Mentions("zzz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Mentions(zzz) error = %v, want ErrNotFound", err)
	}

	kerry, err := s.Entity(kerryID)
	if err != nil {
		t.Fatal(err)
	}
	want := Entity{ID: kerryID, Name: "John Kerry", Type: "PERSON", Mentions: 4, Documents: 2, FirstSeen: "2016-09-10", LastSeen: "2016-12-09",
		Aliases: map[string]int{"John Kerry": 2, "Kerry": 2}}
	if !reflect.DeepEqual(kerry, want) {
		t.Errorf("Entity(kerry) = %+v\nwant %+v", kerry, want)
	}
	if _, err := s.Entity("0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entity(unknown) error = %v", err)
	}
	if _, err := s.Entity("not an id"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entity(bad id) error = %v", err)
	}

	ed, err := s.Edge(lavrovID, kerryID, Interaction)
	if err != nil {
		t.Fatal(err)
	}
	if ed.Source > ed.Target || ed.Weight != 2 || ed.Documents != 2 || ed.Predicates["met"] != 2 || len(ed.Evidence) != 2 ||
		ed.Evidence[0].Date != "2016-09-10" || ed.Evidence[0].Doc != "a" || ed.FirstSeen != "2016-09-10" || ed.LastSeen != "2016-12-09" {
		t.Errorf("Edge(lavrov, kerry, interaction) = %+v", ed)
	}

	var docs []string
	if err := s.Documents(ctx, func(d Document) error { docs = append(docs, d.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(docs, []string{"a", "b"}) {
		t.Errorf("Documents = %v", docs)
	}
	var ents []string
	if err := s.Entities(ctx, func(e Entity) error { ents = append(ents, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ents) != 3 || !slices.IsSorted(ents) {
		t.Errorf("Entities = %v, want 3 sorted ids", ents)
	}
	var edges []string
	if err := s.Edges(ctx, func(e Edge) error {
		edges = append(edges, fmt.Sprintf("%s %s %d", e.Source, e.Target, slices.Index(EdgeKinds, e.Kind)))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(edges) != 3 || !slices.IsSorted(edges) {
		t.Errorf("Edges = %v, want 3 in (source, target, kind) order", edges)
	}
	// Without evidence: the same edges, weights and dates, no sentences.
	var full, bare []Edge
	s.Edges(ctx, func(e Edge) error { full = append(full, e); return nil })
	if err := s.EdgesWithoutEvidence(ctx, func(e Edge) error { bare = append(bare, e); return nil }); err != nil {
		t.Fatal(err)
	}
	withEvidence := 0
	for i := range full {
		if len(full[i].Evidence) > 0 {
			withEvidence++
		}
		if i >= len(bare) || len(bare[i].Evidence) != 0 {
			t.Errorf("EdgesWithoutEvidence edge %d: %+v", i, bare)
			continue
		}
		f := full[i]
		f.Evidence = nil
		bare[i].Evidence = nil
		if !reflect.DeepEqual(f, bare[i]) {
			t.Errorf("EdgesWithoutEvidence edge %d = %+v, want %+v", i, bare[i], f)
		}
	}
	if len(bare) != len(full) || withEvidence == 0 {
		t.Errorf("EdgesWithoutEvidence gave %d edges of %d (%d with evidence)", len(bare), len(full), withEvidence)
	}
	var of []string
	if err := s.EdgesOf(ctx, kerryID, func(e Edge) error {
		if e.Source != kerryID && e.Target != kerryID {
			t.Errorf("EdgesOf(kerry) gave %+v", e)
		}
		of = append(of, string(e.Kind))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(of) != 3 {
		t.Errorf("EdgesOf(kerry) = %v, want 3 edges", of)
	}
	of = nil
	s.EdgesOf(ctx, usID, func(e Edge) error { of = append(of, string(e.Kind)); return nil })
	if !slices.Equal(of, []string{"cooccur"}) {
		t.Errorf("EdgesOf(us) = %v", of)
	}
	stop := errors.New("stop")
	if err := s.EdgesOf(ctx, kerryID, func(Edge) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("EdgesOf error = %v, want the callback's", err)
	}

	st := mustStats(t, s)
	wantSt := Stats{Documents: 2, Entities: map[string]int{"PERSON": 2, "GPE": 1}, Edges: map[string]int{"cooccur": 2, "interaction": 1}}
	if !reflect.DeepEqual(st, wantSt) {
		t.Errorf("Stats = %+v, want %+v", st, wantSt)
	}
}

func TestLookup(t *testing.T) {
	s := openMem(t)
	mustApply(t, s, []Contribution{kerryContribution("a", "2016-09-10")})
	for _, tc := range []struct {
		name, want string
	}{
		{"John Kerry", "John Kerry"},
		{"john kerry", "John Kerry"},
		{"  JOHN   kerry ", "John Kerry"},
		{"kerry", "John Kerry"},
		{"LAVROV", "Sergey Lavrov"},
		{"sergey lavrov", "Sergey Lavrov"},
		{"u.s.", "United States"},
	} {
		got, err := s.Lookup(tc.name)
		if err != nil || len(got) != 1 || got[0].Name != tc.want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", tc.name, got, err, tc.want)
		}
	}
	for _, name := range []string{"kery", "", "John"} {
		if got, err := s.Lookup(name); !errors.Is(err, ErrNotFound) {
			t.Errorf("Lookup(%q) = %v, %v; want ErrNotFound", name, got, err)
		}
	}
}

func TestSuggest(t *testing.T) {
	s := openMem(t)
	mustApply(t, s, []Contribution{kerryContribution("a", "2016-09-10")})
	for _, tc := range []struct {
		q    string
		want string
	}{
		{"kery", "John Kerry"},
		{"Jon Kerry", "John Kerry"},
		{"lavrof", "Sergey Lavrov"},
		{"Sergei Lavrov", "Sergey Lavrov"},
		{"united", "United States"},
	} {
		got := s.Suggest(tc.q, 3)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("Suggest(%q) = %v, want %s first", tc.q, got, tc.want)
		}
	}
	if got := s.Suggest("zzzzzzzzzz", 3); len(got) != 0 {
		t.Errorf("Suggest(far) = %v, want none", got)
	}
}

func TestApplyRejectsInvalid(t *testing.T) {
	good := kerryContribution("a", "")
	for _, tc := range []struct {
		name   string
		change func(c *Contribution)
	}{
		{"empty doc id", func(c *Contribution) { c.Doc.ID = "" }},
		{"long doc id", func(c *Contribution) { c.Doc.ID = strings.Repeat("x", maxDocIDLen+1) }},
		{"bad entity id", func(c *Contribution) { c.Entities[0].ID = "John Kerry" }},
		{"upper-case entity id", func(c *Contribution) { c.Entities[0].ID = strings.ToUpper(c.Entities[0].ID) }},
		{"entity without type", func(c *Contribution) { c.Entities[1].Type = "" }},
		{"bad mention entity", func(c *Contribution) { c.Mentions[0].Entity = "x" }},
		{"self-loop", func(c *Contribution) { c.Edges[0].Target = c.Edges[0].Source }},
		{"unknown kind", func(c *Contribution) { c.Edges[0].Kind = "likes" }},
		{"edge to absent entity", func(c *Contribution) { c.Edges[0].Target = EntityID("Nobody", "PERSON") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := kerryContribution("a", "")
			c.Entities = slices.Clone(c.Entities)
			c.Edges = slices.Clone(c.Edges)
			c.Mentions = slices.Clone(c.Mentions)
			tc.change(&c)
			s := openMem(t)
			_, err := s.Apply(context.Background(), []Contribution{kerryContribution("z", ""), c})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Apply error = %v, want ErrInvalid", err)
			}
			if st := mustStats(t, s); st.Documents != 0 {
				t.Errorf("an invalid batch stored %d documents", st.Documents)
			}
		})
	}
	if err := good.Validate(); err != nil {
		t.Errorf("Validate(good) = %v", err)
	}
}

func TestMergeEntityName(t *testing.T) {
	// The canonical name must not depend on the order records arrive in.
	recs := []Entity{
		{Name: "JOHN KERRY", Aliases: map[string]int{"JOHN KERRY": 1}},
		{Name: "John Kerry", Aliases: map[string]int{"John Kerry": 1, "Kerry": 3}},
		{Name: "John Kerry", Aliases: map[string]int{"John Kerry": 1}},
		{Name: "john kerry", Aliases: map[string]int{"Kerry": 1}},
	}
	perms := [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}}
	for _, p := range perms {
		var e Entity
		for _, i := range p {
			r := recs[i]
			r.Aliases = addCounts(nil, r.Aliases)
			mergeEntity(&e, &r)
		}
		if e.Name != "John Kerry" || e.Aliases["Kerry"] != 4 {
			t.Errorf("order %v: name %q aliases %v", p, e.Name, e.Aliases)
		}
	}
	var e Entity
	for _, n := range []string{"b name", "B Name", "B NAME"} {
		mergeEntity(&e, &Entity{Name: n})
	}
	if e.Name != "B NAME" {
		t.Errorf("no alias spelled like the name: got %q, want the smallest name", e.Name)
	}
}

func TestMergeEvidence(t *testing.T) {
	var all []Evidence
	for i := range 9 {
		date := fmt.Sprintf("2016-01-%02d", 9-i)
		if i == 4 {
			date = ""
		}
		all = append(all, Evidence{Doc: fmt.Sprint("d", i), Date: date, Start: i})
	}
	got := mergeEvidence(nil, nil, MaxEvidence)
	for _, e := range all {
		got = mergeEvidence(got, []Evidence{e, e}, MaxEvidence)
	}
	if len(got) != MaxEvidence {
		t.Fatalf("kept %d, want %d", len(got), MaxEvidence)
	}
	// The four earliest and the last: the undated one, which sorts after
	// every dated one.
	for i, e := range got {
		want := fmt.Sprintf("2016-01-%02d", []int{1, 2, 3, 4}[min(i, 3)])
		if i == 4 {
			want = ""
		}
		if e.Date != want {
			t.Errorf("evidence %d date %q, want %q", i, e.Date, want)
		}
	}
}

func TestCutText(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"}, {"abcdef", 3, "abc"}, {"aé", 2, "a"}, {"éé", 3, "é"},
	} {
		if got := cutText(tc.s, tc.n); got != tc.want {
			t.Errorf("cutText(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

func TestOpenLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "graphbuild.db")
	s, err := Open(DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, s, []Contribution{kerryContribution("a", "")})
	_, err = Open(DefaultOptions(dir))
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open error = %v, want ErrLocked", err)
	}
	if want := "store " + dir + " is in use by another graphbuild process"; err.Error() != want {
		t.Errorf("error %q does not say %q", err, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Closed, it opens again with what was stored.
	s, err = Open(DefaultOptions(dir).WithReadOnly(true))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := mustStats(t, s); st.Documents != 1 {
		t.Errorf("reopened store has %d documents", st.Documents)
	}
	if _, err := s.Apply(context.Background(), []Contribution{kerryContribution("b", "")}); err == nil {
		t.Error("Apply on a read-only store succeeded")
	}
}

// TestOpenLockedByOtherProcess holds the store in a child process.
func TestOpenLockedByOtherProcess(t *testing.T) {
	if dir := os.Getenv("GRAPH_TEST_HOLD"); dir != "" {
		s, err := Open(DefaultOptions(dir))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("holding")
		os.Stdin.Read(make([]byte, 1)) // until the parent closes stdin
		s.Close()
		os.Exit(0)
	}
	dir := filepath.Join(t.TempDir(), "db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenLockedByOtherProcess$")
	cmd.Env = append(os.Environ(), "GRAPH_TEST_HOLD="+dir)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "holding" {
		t.Fatalf("child: %q, %v", buf, err)
	}
	_, err := Open(DefaultOptions(dir))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("Open while another process holds the store: %v", err)
	}
}

func TestOpenReadOnlyMissing(t *testing.T) {
	_, err := Open(DefaultOptions(filepath.Join(t.TempDir(), "none")).WithReadOnly(true))
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(read-only, missing) = %v, want ErrNotFound", err)
	}
}

func TestApplyCanceled(t *testing.T) {
	s := openMem(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Apply(ctx, newSynth(1, 10).docs(0, 3)); !errors.Is(err, context.Canceled) {
		t.Errorf("Apply(canceled) = %v", err)
	}
}

type countLogger struct{ n atomic.Int64 }

func (l *countLogger) Errorf(string, ...any)   { l.n.Add(1) }
func (l *countLogger) Warningf(string, ...any) { l.n.Add(1) }
func (l *countLogger) Infof(string, ...any)    { l.n.Add(1) }
func (l *countLogger) Debugf(string, ...any)   { l.n.Add(1) }

func TestOptions(t *testing.T) {
	l := &countLogger{}
	dir := t.TempDir()
	opt := DefaultOptions("elsewhere").WithDir(dir).WithLogger(l).WithSyncWrites(true).
		WithBlockCacheSize(1 << 20).WithIndexCacheSize(1 << 20).WithMemTableSize(4 << 20)
	if opt.Dir != dir || !opt.SyncWrites || opt.BlockCacheSize != 1<<20 || opt.IndexCacheSize != 1<<20 || opt.MemTableSize != 4<<20 {
		t.Fatalf("options not set: %+v", opt)
	}
	s, err := Open(opt)
	if err != nil {
		t.Fatal(err)
	}
	if s.String() != dir {
		t.Errorf("String() = %q", s.String())
	}
	mustApply(t, s, []Contribution{kerryContribution("a", "")})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if l.n.Load() == 0 {
		t.Error("the storage engine's messages did not reach the logger")
	}
	if _, err := Open(DefaultOptions("")); !errors.Is(err, ErrInvalid) {
		t.Errorf("Open without a directory: %v", err)
	}
}

func TestZeroOptions(t *testing.T) {
	// Sizes left at zero take their defaults.
	s, err := Open(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustApply(t, s, newSynth(1, 30).docs(0, 50))
	if st := mustStats(t, s); st.Documents != 50 {
		t.Errorf("stored %d documents", st.Documents)
	}
}

func TestConcurrentUse(t *testing.T) {
	// Apply from several goroutines while others read: the store ends as
	// if the documents had come in one batch.
	cs := newSynth(41, 60).docs(0, 120)
	s := openMem(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := w; i < len(cs); i += 4 * 5 {
				if _, err := s.Apply(ctx, cs[i:min(len(cs), i+5)]); err != nil {
					t.Error(err)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 5 {
				if _, err := s.Stats(); err != nil {
					t.Error(err)
				}
				if _, err := Select(ctx, s, Filter{}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	mustApply(t, s, cs) // whatever the goroutines did not cover
	ref := openMem(t)
	mustApply(t, ref, cs)
	if !bytes.Equal(dump(t, s), dump(t, ref)) {
		t.Error("concurrent applies give another store")
	}
}

// fuzzContributions decodes bytes into a few small documents over a tiny
// vocabulary, so that the fuzzer explores merges of the same entities and
// edges in many combinations.
func fuzzContributions(b []byte) []Contribution {
	names := []string{"Kerry", "Lavrov", "Assad", "Putin", "kerry"}
	types := []string{"PERSON", "PERSON", "PERSON", "PERSON", "ORG"}
	var cs []Contribution
	for len(b) >= 4 && len(cs) < 12 {
		h, ents, nEdges, day := b[0], b[1], int(b[2]%4), b[3]
		b = b[4:]
		date := ""
		if day%7 != 0 {
			date = fmt.Sprintf("2016-01-%02d", 1+day%28)
		}
		c := Contribution{Doc: Document{ID: fmt.Sprintf("d%d", h%16), Date: date}}
		var ids []string
		for i, n := range names {
			if ents&(1<<i) == 0 {
				continue
			}
			id := EntityID(names[i], types[i])
			alias := n
			if ents&(1<<(i+3)) != 0 {
				alias = strings.ToUpper(n)
			}
			c.Entities = append(c.Entities, Entity{ID: id, Name: alias, Type: types[i], Mentions: 1, Documents: 1,
				FirstSeen: date, LastSeen: date, Aliases: map[string]int{alias: 1}})
			ids = append(ids, id)
		}
		for e := 0; e < nEdges && len(b) > 0 && len(ids) > 1; e++ {
			x := b[0]
			b = b[1:]
			s, t := ids[int(x)%len(ids)], ids[int(x>>3)%len(ids)]
			if s == t {
				continue
			}
			kind := EdgeKinds[int(x>>6)%len(EdgeKinds)]
			ed := Edge{Kind: kind, Source: s, Target: t, Weight: 1 + int(x%3), Documents: 1, FirstSeen: date, LastSeen: date,
				Evidence: []Evidence{{Doc: c.Doc.ID, Start: int(x), End: int(x) + 10, Date: date, Text: fmt.Sprint("sentence ", x)}}}
			if kind == Interaction {
				ed.Predicates = map[string]int{[]string{"met", "talks"}[x%2]: 1}
				ed.Evidence[0].Predicate = "met"
			}
			c.Edges = append(c.Edges, ed)
		}
		cs = append(cs, c)
	}
	return cs
}

// FuzzApplyOrder checks that the store is a function of the set of
// documents: applying them in reverse order, one at a time, gives the same
// bytes as one batch.
func FuzzApplyOrder(f *testing.F) {
	f.Add([]byte{1, 3, 2, 5, 9, 17, 2, 7, 3, 1, 8, 2, 30, 130, 4, 31, 1, 2, 3, 4})
	f.Add([]byte{0, 31, 3, 0, 7, 63, 200, 5, 31, 3, 1, 1, 64, 128})
	f.Fuzz(func(t *testing.T, b []byte) {
		cs := fuzzContributions(b)
		if len(cs) == 0 {
			return
		}
		a := openMem(t)
		if _, err := a.Apply(context.Background(), cs); err != nil {
			t.Fatal(err)
		}
		r := openMem(t)
		for i := len(cs) - 1; i >= 0; i-- {
			if _, err := r.Apply(context.Background(), cs[i:i+1]); err != nil {
				t.Fatal(err)
			}
		}
		// Later repeats of a document id are skipped in a batch, earlier
		// ones when reversed: compare only when ids are unique.
		seen := map[string]bool{}
		for _, c := range cs {
			if seen[c.Doc.ID] {
				return
			}
			seen[c.Doc.ID] = true
		}
		if !bytes.Equal(dump(t, a), dump(t, r)) {
			t.Fatal("the order of documents changed the store")
		}
	})
}
