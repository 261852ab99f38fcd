package beamgraph

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

func init() {
	register.DoFn4x1[context.Context, Input, func(string, DocRec), func(string), error](&readFn{})
	register.Emitter2[string, DocRec]()
	register.Emitter1[string]()
	register.Function2x1[DocRec, DocRec, DocRec](firstInOrder)
	register.DoFn5x1[context.Context, string, DocRec, func(string, []byte), func(string), error](&extractFn{})
	register.Emitter2[string, []byte]()
	register.Function3x1[string, []byte, func(string), error](fullNames)
	register.DoFn4x1[string, []byte, func(*string) bool, func(string, int), error](&votesFn{})
	register.Iter1[string]()
	register.Emitter2[string, int]()
	register.Function2x1[int, int, int](addVotes)
	register.DoFn7x1[string, []byte, func(*string) bool, func(*string, *int) bool, func(string, []byte), func(string, []byte), func(string, []byte), error](&corpusFn{})
	register.Iter2[string, int]()
	register.Function2x1[string, []byte, []byte](nameList)
	register.Function3x1[int, func(*[]byte) bool, func(string, []byte), error](resolveInOrder)
	register.Iter1[[]byte]()
	register.Function4x1[string, func(*[]byte) bool, func(*[]byte) bool, func(string, []byte), error](applyNames)
	register.DoFn5x1[string, []byte, func(string, []byte), func(string, []byte), func(string, []byte), error](&contributeFn{})
	register.Function2x1[[]byte, []byte, []byte](mergeEntityJSON)
	register.Function2x1[[]byte, []byte, []byte](mergeEdgeJSON)
}

// The recognizer is loaded once per worker process and shared by every
// bundle it runs (ner.Extractor is safe for concurrent use).
var (
	exOnce sync.Once
	exVal  *ner.Extractor
	exErr  error
)

func extractor() (*ner.Extractor, error) {
	exOnce.Do(func() { exVal, exErr = ingest.DefaultExtractor() })
	return exVal, exErr
}

// DocRec is one document as read, with its place in the input order
// (input index, then position in the input).
type DocRec struct {
	Input, Seq int
	Doc        []byte // JSON source.Document
}

// item is a document with its analysis; it crosses the shuffle as JSON in
// the compact form of wireItem.
type item struct {
	Input, Seq int
	Doc        source.Document
	A          *ner.Analysis
}

// wireItem is an item with its text once (not in Doc.Text, Doc.Raw and
// A.Text) and its tokens as offsets and tags, the text of each token
// being its span of the text (when one is not, Tokens holds them all).
type wireItem struct {
	Input, Seq int
	Doc        source.Document
	Text       string
	DocText    bool `json:",omitempty"` // Doc.Text is Text
	Sentences  []ner.Sentence
	Mentions   []ner.Mention
	TokStart   []int       `json:",omitempty"`
	TokLen     []int       `json:",omitempty"`
	TokTag     []string    `json:",omitempty"`
	Tokens     []ner.Token `json:",omitempty"`
}

// encodeItem writes it as a wireItem. Doc.Raw, read only by extraction,
// is dropped.
func encodeItem(it item) ([]byte, error) {
	w := wireItem{Input: it.Input, Seq: it.Seq, Doc: it.Doc, Text: it.A.Text,
		Sentences: it.A.Sentences, Mentions: it.A.Mentions}
	w.Doc.Raw = ""
	if w.Doc.Text == it.A.Text {
		w.Doc.Text, w.DocText = "", true
	}
	spans := true
	for _, t := range it.A.Tokens {
		if t.Start < 0 || t.Start+len(t.Text) > len(it.A.Text) || it.A.Text[t.Start:t.Start+len(t.Text)] != t.Text {
			spans = false
			break
		}
	}
	if spans {
		n := len(it.A.Tokens)
		w.TokStart, w.TokLen, w.TokTag = make([]int, n), make([]int, n), make([]string, n)
		for i, t := range it.A.Tokens {
			w.TokStart[i], w.TokLen[i], w.TokTag[i] = t.Start, len(t.Text), t.Tag
		}
	} else {
		w.Tokens = it.A.Tokens
	}
	return json.Marshal(w)
}

func decodeItem(b []byte) (item, error) {
	var w wireItem
	if err := json.Unmarshal(b, &w); err != nil {
		return item{}, fmt.Errorf("decode document: %w", err)
	}
	it := item{Input: w.Input, Seq: w.Seq, Doc: w.Doc,
		A: &ner.Analysis{Text: w.Text, Sentences: w.Sentences, Mentions: w.Mentions, Tokens: w.Tokens}}
	if w.DocText {
		it.Doc.Text = w.Text
	}
	if len(w.TokStart) != len(w.TokLen) || len(w.TokStart) != len(w.TokTag) {
		return item{}, fmt.Errorf("decode document %s: token arrays of different lengths", w.Doc.ID)
	}
	if len(w.TokStart) > 0 {
		it.A.Tokens = make([]ner.Token, len(w.TokStart))
		for i := range w.TokStart {
			st, n := w.TokStart[i], w.TokLen[i]
			if st < 0 || n < 0 || st+n > len(w.Text) {
				return item{}, fmt.Errorf("decode document %s: token %d out of the text", w.Doc.ID, i)
			}
			it.A.Tokens[i] = ner.Token{Text: w.Text[st : st+n], Start: st, Tag: w.TokTag[i]}
		}
	}
	return it, nil
}

func encode(v any) ([]byte, error) { return json.Marshal(v) }

// readFn reads one input with source.Read: the documents and ids build
// reads. A failing input or line is reported on the failure output and the
// rest goes on, as in build.
type readFn struct{ Cfg Config }

func (f *readFn) ProcessElement(ctx context.Context, in Input, emit func(string, DocRec), fail func(string)) error {
	seq := 0
	err := source.Read(ctx, source.Input{Path: in.Path, Size: in.Size}, f.Cfg.sourceOptions(), func(d source.Document) error {
		b, err := encode(d)
		if err != nil {
			return err
		}
		emit(d.ID, DocRec{Input: in.Index, Seq: seq, Doc: b})
		seq++
		return nil
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		for _, e := range source.Errors(err) {
			fail(e.Error())
		}
	}
	return nil
}

// firstInOrder keeps, of two reads of one document id, the first in input
// order: the one build analyses and stores.
func firstInOrder(a, b DocRec) DocRec {
	if b.Input < a.Input || b.Input == a.Input && b.Seq < a.Seq {
		return b
	}
	return a
}

// failed remembers the ids FailOnce has failed in this process.
var failed sync.Map

// extractFn analyses one document (ingest.Analyze).
type extractFn struct {
	Cfg Config
	ex  *ner.Extractor
}

func (f *extractFn) Setup() error {
	var err error
	f.ex, err = extractor()
	return err
}

func (f *extractFn) ProcessElement(ctx context.Context, id string, d DocRec, emit func(string, []byte), fail func(string)) error {
	if f.Cfg.FailOnce != "" && id == f.Cfg.FailOnce {
		if _, again := failed.LoadOrStore(id, true); !again {
			return fmt.Errorf("extract %s: failing once, as asked (FailOnce)", id)
		}
	}
	var doc source.Document
	if err := json.Unmarshal(d.Doc, &doc); err != nil {
		return fmt.Errorf("decode document %s: %w", id, err)
	}
	a, err := ingest.Analyze(ctx, f.ex, doc)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		fail(err.Error())
		return nil
	}
	// The warnings of a document went to build's stderr; here they ride
	// along in the document.
	b, err := encodeItem(item{Input: d.Input, Seq: d.Seq, Doc: doc, A: a})
	if err != nil {
		return err
	}
	emit(id, b)
	return nil
}

// fullNames emits the full person names (two words or more) of a document.
func fullNames(id string, b []byte, emit func(string)) error {
	it, err := decodeItem(b)
	if err != nil {
		return err
	}
	for _, m := range it.A.Mentions {
		if m.Type == ner.Person && len(strings.Fields(m.Entity)) >= 2 {
			emit(m.Entity)
		}
	}
	return nil
}

// partials resolves the one-word person names of documents to the one
// full name of the corpus they belong to: a ner.Registry per document,
// seeded with the corpus's full names that share a part with them. The
// index is built from the side input on the first element; the side
// input is the same for every bundle (one global window), so a DoFn
// instance reused across bundles keeps it.
type partials struct {
	parts map[string][]string // lower-case name part → full names
}

func (p *partials) resolve(a *ner.Analysis, full func(*string) bool) {
	if p.parts == nil {
		p.parts = map[string][]string{}
		var n string
		for full(&n) {
			for _, part := range strings.Fields(n) {
				lp := strings.ToLower(part)
				p.parts[lp] = append(p.parts[lp], n)
			}
		}
	}
	reg := ner.NewRegistry()
	seeded := map[string]bool{}
	for _, m := range a.Mentions {
		if m.Type != ner.Person || strings.Contains(m.Entity, " ") {
			continue
		}
		lp := strings.ToLower(m.Entity)
		if seeded[lp] {
			continue
		}
		seeded[lp] = true
		for _, n := range p.parts[lp] {
			reg.Learn(n)
		}
	}
	// Resolve on a copy: keep its name rewrites, not its one-document type
	// vote (the corpus's vote comes after).
	stub := &ner.Analysis{Mentions: append([]ner.Mention(nil), a.Mentions...)}
	reg.Resolve(stub)
	for i := range a.Mentions {
		a.Mentions[i].Entity = stub.Mentions[i].Entity
	}
}

// votesFn emits every mention's type vote, keyed by lower-case name and
// type, once partial names are resolved.
type votesFn struct{ partials }

func (f *votesFn) ProcessElement(id string, b []byte, full func(*string) bool, vote func(string, int)) error {
	it, err := decodeItem(b)
	if err != nil {
		return err
	}
	f.resolve(it.A, full)
	for _, m := range it.A.Mentions {
		vote(voteKey(m.Entity, m.Type), 1)
	}
	return nil
}

func voteKey(name string, t ner.Type) string { return strings.ToLower(name) + "\x00" + string(t) }

func addVotes(a, b int) int { return a + b }

// corpusFn resolves a document with the corpus's side inputs (partial
// names as votesFn does, then every name the type most of its mentions in
// the corpus have) and emits what it contributes, as contributeFn does.
// Doing all three in one step spares the shuffle two more encodings of
// every analysed document.
type corpusFn struct {
	Cfg Config
	c   contributeFn
	partials
	votes map[string]map[ner.Type]int
}

func (f *corpusFn) Setup() error {
	f.c = contributeFn{Cfg: f.Cfg}
	return f.c.Setup()
}

func (f *corpusFn) ProcessElement(id string, b []byte, full func(*string) bool, votes func(*string, *int) bool, contrib, entity, edge func(string, []byte)) error {
	if f.votes == nil {
		f.votes = map[string]map[ner.Type]int{}
		var k string
		var n int
		for votes(&k, &n) {
			name, t, _ := strings.Cut(k, "\x00")
			if f.votes[name] == nil {
				f.votes[name] = map[ner.Type]int{}
			}
			f.votes[name][ner.Type(t)] += n
		}
	}
	it, err := decodeItem(b)
	if err != nil {
		return err
	}
	f.resolve(it.A, full)
	// A ner.Registry seeded with the corpus's votes minus the document's
	// own, which Resolve adds back; with no full names learnt it renames
	// nothing.
	own := map[string]map[ner.Type]int{}
	for _, m := range it.A.Mentions {
		k := strings.ToLower(m.Entity)
		if own[k] == nil {
			own[k] = map[ner.Type]int{}
		}
		own[k][m.Type]++
	}
	reg := ner.NewRegistry()
	for name, mine := range own {
		for t, n := range f.votes[name] {
			if d := n - mine[t]; d > 0 {
				reg.LearnType(name, t, d)
			}
		}
	}
	reg.Resolve(it.A)
	return f.c.contribute(id, it, contrib, entity, edge)
}

// names is what Ordered resolution needs of a document.
type names struct {
	ID         string
	Input, Seq int
	Mentions   []ner.Mention
}

func nameList(id string, b []byte) []byte {
	it, err := decodeItem(b)
	if err != nil {
		panic(fmt.Sprintf("beamgraph: %v", err)) // our own encoding: a bug
	}
	ms := make([]ner.Mention, len(it.A.Mentions))
	for i, m := range it.A.Mentions {
		ms[i] = ner.Mention{Type: m.Type, Entity: m.Entity}
	}
	out, _ := encode(names{ID: id, Input: it.Input, Seq: it.Seq, Mentions: ms})
	return out
}

// resolveInOrder runs one ner.Registry over every document in input
// order, as build does, and emits each document's resolved mentions.
func resolveInOrder(_ int, it func(*[]byte) bool, emit func(string, []byte)) error {
	var all []names
	var b []byte
	for it(&b) {
		var n names
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("decode names: %w", err)
		}
		all = append(all, n)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Input != all[j].Input {
			return all[i].Input < all[j].Input
		}
		return all[i].Seq < all[j].Seq
	})
	reg := ner.NewRegistry()
	for _, n := range all {
		a := &ner.Analysis{Mentions: n.Mentions}
		reg.Resolve(a)
		out, err := encode(a.Mentions)
		if err != nil {
			return err
		}
		emit(n.ID, out)
	}
	return nil
}

// applyNames puts the resolved names and types back into the document.
func applyNames(id string, items func(*[]byte) bool, resolved func(*[]byte) bool, emit func(string, []byte)) error {
	var b, r []byte
	if !items(&b) {
		return nil
	}
	if !resolved(&r) {
		return fmt.Errorf("document %s: no resolution", id)
	}
	it, err := decodeItem(b)
	if err != nil {
		return err
	}
	var ms []ner.Mention
	if err := json.Unmarshal(r, &ms); err != nil {
		return fmt.Errorf("decode resolution of %s: %w", id, err)
	}
	if len(ms) != len(it.A.Mentions) {
		return fmt.Errorf("document %s: %d mentions resolved, %d found", id, len(ms), len(it.A.Mentions))
	}
	for i := range ms {
		it.A.Mentions[i].Entity, it.A.Mentions[i].Type = ms[i].Entity, ms[i].Type
	}
	out, err := encodeItem(it)
	if err != nil {
		return err
	}
	emit(id, out)
	return nil
}

// contributeFn turns a resolved document into its graph.Contribution
// (ingest.Contribute) and emits it whole, and its entities and edges keyed
// for combining.
type contributeFn struct {
	Cfg Config
	ex  *ner.Extractor
	win ingest.Window
}

func (f *contributeFn) Setup() error {
	var err error
	if f.win, err = ingest.ParseWindow(f.Cfg.Window); err != nil {
		return err
	}
	f.ex, err = extractor()
	return err
}

func (f *contributeFn) ProcessElement(id string, b []byte, contrib, entity, edge func(string, []byte)) error {
	it, err := decodeItem(b)
	if err != nil {
		return err
	}
	return f.contribute(id, it, contrib, entity, edge)
}

func (f *contributeFn) contribute(id string, it item, contrib, entity, edge func(string, []byte)) error {
	c := ingest.Contribute(it.Doc, it.A, f.ex, f.win)
	out, err := encode(c)
	if err != nil {
		return err
	}
	contrib(id, out)
	for _, e := range c.Entities {
		out, err := encode(e)
		if err != nil {
			return err
		}
		entity(e.ID, out)
	}
	for _, e := range c.Edges {
		out, err := encode(e)
		if err != nil {
			return err
		}
		edge(EdgeKey(e), out)
	}
	return nil
}

// EdgeKey is the key edges are combined by.
func EdgeKey(e graph.Edge) string { return string(e.Kind) + "\x00" + e.Source + "\x00" + e.Target }

// The merges panic only on JSON this package did not write (a bug); the
// runner reports a panic as a failed bundle.
func mergeEntityJSON(a, b []byte) []byte {
	var x, y graph.Entity
	if err := json.Unmarshal(a, &x); err != nil {
		panic(fmt.Sprintf("beamgraph: decode entity: %v", err))
	}
	if err := json.Unmarshal(b, &y); err != nil {
		panic(fmt.Sprintf("beamgraph: decode entity: %v", err))
	}
	graph.MergeEntity(&x, y)
	out, _ := encode(x)
	return out
}

func mergeEdgeJSON(a, b []byte) []byte {
	var x, y graph.Edge
	if err := json.Unmarshal(a, &x); err != nil {
		panic(fmt.Sprintf("beamgraph: decode edge: %v", err))
	}
	if err := json.Unmarshal(b, &y); err != nil {
		panic(fmt.Sprintf("beamgraph: decode edge: %v", err))
	}
	graph.MergeEdge(&x, y)
	out, _ := encode(x)
	return out
}

var _ = beam.Init
