package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// Store is the part of graph.Store a build writes to.
type Store interface {
	HasDocument(id string) (bool, error)
	Apply(ctx context.Context, cs []graph.Contribution) (graph.ApplyResult, error)
}

// DefaultBatchSize is the number of documents written in one store
// transaction unless BuildOptions say otherwise.
const DefaultBatchSize = 256

// BuildOptions configures Build.
type BuildOptions struct {
	Options
	// BatchSize is the number of documents per store transaction
	// (DefaultBatchSize when 0). Each document is written atomically with
	// everything it adds, so an interrupted build never leaves half of one.
	BatchSize int
	// Registry resolves partial person names across documents; nil gives a
	// fresh one.
	Registry *ner.Registry
}

// Summary is what a build did.
type Summary struct {
	Documents int // documents read
	New       int // documents added to the store
	Skipped   int // documents the store already had
	Failed    int // inputs or documents that failed
	Warnings  int
	Duration  time.Duration
}

// Build reads inputs, analyses them and merges what they add into st. An
// input or document that fails is reported through opt.OnError and counted
// in Summary.Failed; the rest is still built. The returned error is for
// what stops the whole build: a store write that fails, or ctx.
func Build(ctx context.Context, inputs []source.Input, ex Extractor, st Store, opt BuildOptions) (Summary, error) {
	start := time.Now()
	var sum Summary
	batchSize := opt.BatchSize
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	reg := opt.Registry
	if reg == nil {
		reg = ner.NewRegistry()
	}
	inner := opt.Options
	onError := opt.OnError
	inner.OnError = func(err error) {
		sum.Failed++
		if onError != nil {
			onError(err)
		}
	}
	onWarning := opt.OnWarning
	inner.OnWarning = func(path, msg string) {
		sum.Warnings++
		if onWarning != nil {
			onWarning(path, msg)
		}
	}
	inner.Skip = func(id string) bool {
		ok, err := st.HasDocument(id)
		return err == nil && ok
	}
	var batch []graph.Contribution
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.Apply(context.WithoutCancel(ctx), batch) // a started batch is finished, even when interrupted
		if err != nil {
			return fmt.Errorf("write %d documents to the store: %w", len(batch), err)
		}
		sum.New += res.Added
		sum.Skipped += res.Skipped
		batch = batch[:0]
		return nil
	}
	err := Run(ctx, inputs, ex, inner, func(r Result) error {
		sum.Documents++
		if r.Skipped {
			sum.Skipped++
			return nil
		}
		reg.Resolve(r.Analysis)
		batch = append(batch, Contribute(r.Doc, r.Analysis, ex))
		if len(batch) >= batchSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	} else if ctx.Err() != nil {
		// Keep what was analysed before the interruption.
		if ferr := flush(); ferr != nil {
			err = fmt.Errorf("%w (and %v)", err, ferr)
		}
	}
	sum.Duration = time.Since(start)
	return sum, err
}
