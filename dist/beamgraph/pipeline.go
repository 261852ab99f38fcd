package beamgraph

import (
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// Config is what the workers need to know: plain values, serialised with
// the DoFns.
type Config struct {
	// Source fields of source.Options (the rest are the defaults).
	TextField, IDField, DateField, TitleField, URLField string
	MaxDocBytes                                         int
	NoTrimBoilerplate                                   bool
	// Window is the co-occurrence window (ingest.ParseWindow).
	Window string
	// Out is the output directory (a local path, or gs://... on Dataflow).
	Out string
	// Shards is the number of contributions-*.jsonl files (1 when 0).
	Shards int
	// FailOnce, for tests, makes the extract step fail the first time it
	// meets this document id in a process, as a crashed worker would.
	FailOnce string
}

func (c Config) sourceOptions() source.Options {
	o := source.DefaultOptions()
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&o.TextField, c.TextField)
	set(&o.IDField, c.IDField)
	set(&o.DateField, c.DateField)
	set(&o.TitleField, c.TitleField)
	set(&o.URLField, c.URLField)
	if c.MaxDocBytes != 0 {
		o.MaxDocBytes = c.MaxDocBytes
	}
	o.TrimBoilerplate = !c.NoTrimBoilerplate
	return o
}

// Input is one file to read, with its place in the input order.
type Input struct {
	Index int
	Path  string
	Size  int64
}

// Inputs numbers inputs (as source.Expand returns them) in order.
func Inputs(in []source.Input) []Input {
	out := make([]Input, len(in))
	for i, x := range in {
		out[i] = Input{Index: i, Path: x.Path, Size: x.Size}
	}
	return out
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Input)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Config)(nil)).Elem())
}

// Graph is what Build returns: the PCollections the sinks write.
type Graph struct {
	// Contributions are KV<document id, JSON graph.Contribution>, one per
	// document.
	Contributions beam.PCollection
	// Entities are KV<entity id, JSON graph.Entity>, combined.
	Entities beam.PCollection
	// Edges are KV<kind\x00source\x00target, JSON graph.Edge>, combined.
	Edges beam.PCollection
	// Failed holds a message for every input, JSONL line and document
	// that failed.
	Failed beam.PCollection
}

// Build adds the pipeline to s: inputs in, combined graph out.
func Build(s beam.Scope, inputs []Input, cfg Config) (Graph, error) {
	if _, err := ingest.ParseWindow(cfg.Window); err != nil {
		return Graph{}, err
	}
	if len(inputs) == 0 {
		return Graph{}, fmt.Errorf("no inputs")
	}
	s = s.Scope("graphbuild")
	ins := beam.CreateList(s, inputs)
	// Reshuffle so that files spread over the workers.
	ins = beam.Reshuffle(s, ins)
	docs, failedRead := beam.ParDo2(s, &readFn{Cfg: cfg}, ins)
	docs = beam.CombinePerKey(s.Scope("dedup"), keptCopy, docs)
	// Resolution is per document (pkg/ner resolves each text against
	// fixed knowledge only), so a document's contribution needs nothing
	// from the others.
	contribs, ents, edges, failed := beam.ParDo4(s, &analyzeFn{Cfg: cfg}, docs)
	ents = beam.CombinePerKey(s.Scope("entities"), mergeEntityJSON, ents)
	edges = beam.CombinePerKey(s.Scope("edges"), mergeEdgeJSON, edges)
	return Graph{Contributions: contribs, Entities: ents, Edges: edges,
		Failed: beam.Flatten(s, failedRead, failed)}, nil
}
