package ingest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
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
	// Aliases are the user's merge, split and type rules (nil: none),
	// applied to every document on its own. Nothing else carries over from
	// one document to the next: each document's contribution depends only
	// on the document, the extractor and Aliases, so one build, several
	// builds, a resumed build and any input order give the same store.
	Aliases *ner.Aliases
}

// Summary is what a build did.
type Summary struct {
	Documents int // documents read
	New       int // documents added to the store
	Skipped   int // documents the store already had
	Failed    int // inputs, documents or JSONL lines that failed, documents the store rejected included
	Warnings  int
	Dropped   int // lines (or photo credits) of page clutter left out of the new documents
	Tokens    int // tokens analysed
	Bytes     int // bytes of text analysed
	Duration  time.Duration
}

// Build reads inputs, analyses them and merges what they add into st. An
// input or document that fails is reported through opt.OnError and counted
// in Summary.Failed; the rest is still built. So is a document the store
// cannot take: invalid (graph.ErrInvalid, such as an id over 4 KB) or too
// large for one transaction (graph.ErrTooLarge); its error starts with its
// path. The returned error is for
// what stops the whole build: a store write that fails, or ctx.
func Build(ctx context.Context, inputs []source.Input, ex Extractor, st Store, opt BuildOptions) (Summary, error) {
	start := time.Now()
	var sum Summary
	batchSize := opt.BatchSize
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	if opt.Aliases.Len() > 0 {
		ex = aliasedExtractor{ex, opt.Aliases}
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
		mu       sync.Mutex // guards werr, rejected and the counts the writer adds
		werr     error
		rejected []error // documents the store left out, not yet reported
		batch    []graph.Contribution
		batches  = make(chan []graph.Contribution, 2)
		written  = make(chan struct{})
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
			for _, r := range res.Rejected {
				rejected = append(rejected, fmt.Errorf("%s: %w", source.ShowPath(r.Source), r))
			}
			mu.Unlock()
		}
	}()
	writerErr := func() error {
		mu.Lock()
		defer mu.Unlock()
		return werr
	}
	// The writer's rejections are reported from the collector's goroutine,
	// as OnError promises.
	reportRejected := func() {
		mu.Lock()
		rs := rejected
		rejected = nil
		mu.Unlock()
		for _, err := range rs {
			inner.OnError(err)
		}
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
	// depending on timing, but counted, resolved and written once. When
	// its copies differ (the item's own file, its entry in a day page),
	// the one kept is chosen by chooseCopies, whatever the input order.
	seen := map[string]bool{}
	batchBytes := 0 // text bytes of the documents in batch
	chosen := chooseCopies(ctx, inputs, inner.Source)
	err := Run(ctx, inputs, ex, inner, func(r Result) error {
		mu.Lock()
		sum.Documents++
		if want, ok := chosen[r.Doc.ID]; ok && !r.Skipped && copyKey(r.Doc.Path, contentDigest(r.Doc)) != want {
			sum.Skipped++ // another copy of the document is the one kept
			mu.Unlock()
			return nil
		}
		if r.Skipped || seen[r.Doc.ID] {
			sum.Skipped++
			mu.Unlock()
			return nil
		}
		seen[r.Doc.ID] = true
		sum.Dropped += len(r.Doc.Dropped)
		sum.Tokens += len(r.Analysis.Tokens)
		sum.Bytes += len(r.Analysis.Text)
		mu.Unlock()
		reportRejected()
		doc := r.Doc
		if opt.Aliases.Len() > 0 {
			opt.Aliases.Apply(r.Analysis)
			doc = aliasContexts(doc, opt.Aliases)
		}
		c := Contribute(doc, r.Analysis, ex, opt.Window)
		if err := c.Validate(); err != nil {
			// One document the store cannot take (an id over 4 KB) fails
			// alone instead of its whole batch.
			inner.OnError(fmt.Errorf("%s: %w", source.ShowPath(r.Doc.Path), err))
			return nil
		}
		batch = append(batch, c)
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
	reportRejected()
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

// aliasedExtractor types Context names by the user's type rules.
type aliasedExtractor struct {
	Extractor
	al *ner.Aliases
}

func (e aliasedExtractor) Classify(name string) (string, ner.Type) {
	c, t := e.Extractor.Classify(name)
	if ut, ok := e.al.TypeOf(c); ok {
		t = ut
	}
	return c, t
}

// aliasContexts renames the Context names and the topic of doc by the
// merge rules.
func aliasContexts(doc source.Document, al *ner.Aliases) source.Document {
	if len(doc.Contexts) > 0 {
		lines := make([][]string, len(doc.Contexts))
		for i, line := range doc.Contexts {
			for _, n := range line {
				lines[i] = append(lines[i], al.Canonical(n))
			}
		}
		doc.Contexts = lines
	}
	if doc.Topic != "" {
		doc.Topic = al.Canonical(doc.Topic)
	}
	return doc
}

// chooseCopies reads the Markdown inputs (where Current Events items, and
// so one document in several files, come from) once before the build and
// returns, for every document met more than once, the key (copyKey) of
// the copy to keep: the longest text, then the smallest digest of what
// it says, then the smallest path. Reading costs little beside analysing;
// standard input is not read twice.
func chooseCopies(ctx context.Context, inputs []source.Input, opt source.Options) map[string][32]byte {
	type copyOf struct {
		n      int
		digest [32]byte // of the content
		path   string
		copies int
	}
	better := func(c, b *copyOf) bool {
		if c.n != b.n {
			return c.n > b.n
		}
		if c.digest != b.digest {
			return string(c.digest[:]) < string(b.digest[:])
		}
		return c.path < b.path
	}
	best := map[string]*copyOf{}
	for _, in := range inputs {
		p := strings.ToLower(in.Path)
		if in.Path == source.StdinPath || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".md.gz") || strings.HasSuffix(p, ".markdown")) {
			continue
		}
		o := opt
		o.BytesRead = nil
		source.Read(ctx, in, o, func(d source.Document) error {
			if d.Topic == "" && len(d.Contexts) == 0 && !strings.HasPrefix(d.ID, "/") {
				return nil // identified by its content: copies are equal
			}
			c := &copyOf{n: len(d.Text), digest: contentDigest(d), path: d.Path, copies: 1}
			if b := best[d.ID]; b == nil {
				best[d.ID] = c
			} else if c.copies = b.copies + 1; better(c, b) {
				best[d.ID] = c
			} else {
				b.copies = c.copies
			}
			return nil
		})
	}
	out := map[string][32]byte{}
	for id, b := range best {
		if b.copies > 1 {
			out[id] = copyKey(b.path, b.digest)
		}
	}
	return out
}

// contentDigest hashes what a document says (not where it was read).
func contentDigest(d source.Document) [32]byte {
	h := sha256.New()
	for _, f := range []string{d.Text, d.Title, d.Date, d.URL, d.Topic} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	for _, line := range d.Contexts {
		h.Write([]byte(strings.Join(line, "\x1f")))
		h.Write([]byte{1})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// copyKey names one copy of a document: its path and content.
func copyKey(path string, digest [32]byte) [32]byte {
	return sha256.Sum256(append([]byte(path+"\x00"), digest[:]...))
}
