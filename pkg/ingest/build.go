package ingest

import (
	"context"
	"fmt"
	"sync"
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

// maxBatchBytes ends a batch early when its documents hold this much text:
// the parts of one big file (1 MiB each by default) carry tens of
// thousands of mentions and edges each, and 256 of them held for one
// transaction took memory far past --memory-limit.
const maxBatchBytes = 8 << 20

// BuildOptions configures Build.
type BuildOptions struct {
	Options
	// BatchSize is the number of documents per store transaction
	// (DefaultBatchSize when 0); a batch also ends at 8 MiB of text. Each document is written atomically with
	// everything it adds, so an interrupted build never leaves half of one.
	BatchSize int
	// Window is the co-occurrence window (SentenceWindow by default).
	Window Window
	// Registry resolves partial person names across documents; nil gives a
	// fresh one.
	Registry *ner.Registry
}

// Summary is what a build did.
type Summary struct {
	Documents int // documents read
	New       int // documents added to the store
	Skipped   int // documents the store already had
	Failed    int // inputs, documents or JSONL lines that failed
	Warnings  int
	Tokens    int // tokens analysed
	Bytes     int // bytes of text analysed
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
	// One goroutine writes: it applies full batches while the collector
	// goes on resolving the next documents, so extraction and writing
	// overlap. A started batch is finished even when the build is
	// interrupted.
	var (
		mu      sync.Mutex // guards werr and the counts the writer adds
		werr    error
		batch   []graph.Contribution
		batches = make(chan []graph.Contribution, 2)
		written = make(chan struct{})
	)
	go func() {
		defer close(written)
		for b := range batches {
			mu.Lock()
			failed := werr != nil
			mu.Unlock()
			if failed {
				continue
			}
			res, err := st.Apply(context.WithoutCancel(ctx), b)
			mu.Lock()
			if err != nil {
				werr = fmt.Errorf("write %d documents to the store: %w", len(b), err)
			}
			sum.New += res.Added
			sum.Skipped += res.Skipped
			mu.Unlock()
		}
	}()
	writerErr := func() error {
		mu.Lock()
		defer mu.Unlock()
		return werr
	}
	flush := func() error {
		if len(batch) > 0 {
			batches <- batch
			batch = nil
		}
		return writerErr()
	}
	// seen holds the documents of this run: a document read twice (a
	// Current Events item in several files) is analysed once or twice
	// depending on timing, but counted, resolved and written once, the
	// first time in input order.
	seen := map[string]bool{}
	batchBytes := 0 // text bytes of the documents in batch
	err := Run(ctx, inputs, ex, inner, func(r Result) error {
		mu.Lock()
		sum.Documents++
		if r.Skipped || seen[r.Doc.ID] {
			sum.Skipped++
			mu.Unlock()
			return nil
		}
		seen[r.Doc.ID] = true
		sum.Tokens += len(r.Analysis.Tokens)
		sum.Bytes += len(r.Analysis.Text)
		mu.Unlock()
		reg.Resolve(r.Analysis)
		batch = append(batch, Contribute(r.Doc, r.Analysis, ex, opt.Window))
		batchBytes += len(r.Analysis.Text)
		if len(batch) >= batchSize || batchBytes >= maxBatchBytes {
			batchBytes = 0
			return flush()
		}
		return nil
	})
	// Keep what was analysed, also before an interruption.
	ferr := flush()
	close(batches)
	<-written
	if werr := writerErr(); werr != nil {
		ferr = werr
	}
	switch {
	case err == nil:
		err = ferr
	case ferr != nil && ferr != err:
		err = fmt.Errorf("%w (and %v)", err, ferr)
	}
	sum.Duration = time.Since(start)
	return sum, err
}
