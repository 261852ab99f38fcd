package beamgraph

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

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
	register.Function2x1[DocRec, DocRec, DocRec](keptCopy)
	register.DoFn7x1[context.Context, string, DocRec, func(string, []byte), func(string, []byte), func(string, []byte), func(string), error](&analyzeFn{})
	register.Emitter2[string, []byte]()
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

// keptCopy keeps, of two copies of one document id, the one build keeps
// (ingest.Preferred): the choice does not depend on the order the runner
// combines them in.
func keptCopy(a, b DocRec) DocRec {
	var da, db source.Document
	if json.Unmarshal(a.Doc, &da) != nil {
		return b
	}
	if json.Unmarshal(b.Doc, &db) != nil {
		return a
	}
	aFirst := a.Input < b.Input || a.Input == b.Input && a.Seq < b.Seq
	if ingest.Preferred(da, db, aFirst) {
		return a
	}
	return b
}

// failed remembers the ids FailOnce has failed in this process.
var failed sync.Map

// analyzeFn analyses one document (ingest.Analyze) and turns it into its
// graph.Contribution (ingest.Contribute), as build does, in one step: the
// analysis never crosses the runner. It emits the contribution whole, and
// its entities and edges keyed for combining. A document the recognizer
// fails on, or whose contribution the store could not take (graph
// ErrInvalid: an id over 4 KB), is a failure of that document alone, as
// in build.
type analyzeFn struct {
	Cfg Config
	ex  *ner.Extractor
	win ingest.Window
}

func (f *analyzeFn) Setup() error {
	var err error
	if f.win, err = ingest.ParseWindow(f.Cfg.Window); err != nil {
		return err
	}
	f.ex, err = extractor()
	return err
}

func (f *analyzeFn) ProcessElement(ctx context.Context, id string, d DocRec, contrib, entity, edge func(string, []byte), fail func(string)) error {
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
	c := ingest.Contribute(doc, a, f.ex, f.win)
	if err := c.Validate(); err != nil {
		fail(fmt.Sprintf("%s: %v", source.ShowPath(doc.Path), err))
		return nil
	}
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
