package beamgraph

import (
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"

	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// Resolve says how partial person names and types are resolved across
// documents.
type Resolve string

const (
	// Corpus resolves the distributed way, independent of input order: the
	// full person names of the whole corpus and the type votes of every
	// name are aggregated per key and applied to each document as side
	// inputs. A surname resolves to the one full name it belongs to
	// anywhere in the corpus; a name takes the type most of its mentions
	// in the corpus have.
	Corpus Resolve = "corpus"
	// Ordered resolves exactly as graphbuild build does today: one
	// ner.Registry fed the documents in input order, so a surname resolves
	// only to a full name seen earlier. It brings the resolution (names and
	// types only, not the texts) of every document to one worker: meant
	// for checking the pipeline against build, not for 10^8 documents.
	Ordered Resolve = "ordered"
)

// ParseResolve returns the Resolve named corpus or ordered.
func ParseResolve(s string) (Resolve, error) {
	switch Resolve(s) {
	case Corpus, "":
		return Corpus, nil
	case Ordered:
		return Ordered, nil
	}
	return "", fmt.Errorf("unknown resolution %q (want corpus or ordered)", s)
}

// Config is what the workers need to know: plain values, serialised with
// the DoFns.
type Config struct {
	// Source fields of source.Options (the rest are the defaults).
	TextField, IDField, DateField, TitleField, URLField string
	MaxDocBytes                                         int
	NoTrimBoilerplate                                   bool
	// Window is the co-occurrence window (ingest.ParseWindow).
	Window string
	// Resolve is Corpus (default) or Ordered.
	Resolve Resolve
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
	// document, resolved.
	Contributions beam.PCollection
	// Entities are KV<entity id, JSON graph.Entity>, combined.
	Entities beam.PCollection
	// Edges are KV<kind\x00source\x00target, JSON graph.Edge>, combined.
	Edges beam.PCollection
	// Failed counts the inputs, lines and documents that failed, as
	// KV<"failed", 1> per failure.
	Failed beam.PCollection
}

// Build adds the pipeline to s: inputs in, combined graph out.
func Build(s beam.Scope, inputs []Input, cfg Config) (Graph, error) {
	if _, err := ingest.ParseWindow(cfg.Window); err != nil {
		return Graph{}, err
	}
	if _, err := ParseResolve(string(cfg.Resolve)); err != nil {
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
	docs = beam.CombinePerKey(s.Scope("dedup"), firstInOrder, docs)
	items, failedExtract := beam.ParDo2(s, &extractFn{Cfg: cfg}, docs)

	var contribs, ents, edges beam.PCollection
	if cfg.Resolve == Ordered {
		resolved := resolveOrdered(s.Scope("resolve-ordered"), items)
		contribs, ents, edges = beam.ParDo3(s, &contributeFn{Cfg: cfg}, resolved)
	} else {
		contribs, ents, edges = resolveCorpus(s.Scope("resolve-corpus"), items, cfg)
	}
	ents = beam.CombinePerKey(s.Scope("entities"), mergeEntityJSON, ents)
	edges = beam.CombinePerKey(s.Scope("edges"), mergeEdgeJSON, edges)
	return Graph{Contributions: contribs, Entities: ents, Edges: edges,
		Failed: beam.Flatten(s, failedRead, failedExtract)}, nil
}

// resolveCorpus is Corpus resolution: full names and type votes
// aggregated over the corpus, applied as side inputs; it returns the
// contributions, entities and edges of the resolved documents.
func resolveCorpus(s beam.Scope, items beam.PCollection, cfg Config) (contribs, ents, edges beam.PCollection) {
	full := filter.Distinct(s, beam.ParDo(s, fullNames, items))
	votes := beam.ParDo(s, &votesFn{}, items, beam.SideInput{Input: full})
	votes = beam.CombinePerKey(s, addVotes, votes)
	return beam.ParDo3(s, &corpusFn{Cfg: cfg}, items,
		beam.SideInput{Input: full}, beam.SideInput{Input: votes})
}

// resolveOrdered is Ordered resolution: every document's mentions on one
// worker, through one ner.Registry in input order.
func resolveOrdered(s beam.Scope, items beam.PCollection) beam.PCollection {
	names := beam.ParDo(s, nameList, items)
	grouped := beam.GroupByKey(s, beam.AddFixedKey(s, names))
	types := beam.ParDo(s, resolveInOrder, grouped)
	joined := beam.CoGroupByKey(s, items, types)
	return beam.ParDo(s, applyNames, joined)
}
