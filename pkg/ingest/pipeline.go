package ingest

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/relation"
	"github.com/graphbuild/graphbuild/pkg/source"

	"golang.org/x/sync/semaphore"
)

// Extractor is the part of ner.Extractor the pipeline uses.
type Extractor interface {
	Extract(ctx context.Context, text string, hints ner.Hints) (*ner.Analysis, error)
	Classify(name string) (canonical string, typ ner.Type)
}

var _ Extractor = (*ner.Extractor)(nil)

// DefaultExtractor returns the Extractor build uses: ner.Default, tagging
// only the sentences the interaction rules read (relation.NeedsTags).
func DefaultExtractor() (*ner.Extractor, error) {
	ex, err := ner.Default()
	if err != nil {
		return nil, err
	}
	return ex.WithTagFilter(relation.NeedsTags), nil
}

// Options configures a run of the pipeline.
type Options struct {
	// Workers is the number of extraction goroutines; 0 means GOMAXPROCS.
	Workers int
	// Source configures the readers.
	Source source.Options
	// Skip, when set, is asked for every document before extraction; a
	// document it returns true for is counted as skipped and not analysed.
	Skip func(id string) bool
	// OnError is called, from one goroutine, for every input, document or
	// input line (of JSONL) that fails; the run goes on with the rest.
	OnError func(err error)
	// OnWarning is called for problems that were repaired.
	OnWarning func(path, msg string)
	// Progress, when set, is called from one goroutine after each document.
	Progress func(Progress)
}

// Progress is a snapshot of a running pipeline.
type Progress struct {
	Inputs, InputsDone int
	Documents          int // documents analysed or skipped so far
	// Bytes is how far the delivered documents reach into the inputs
	// (whole inputs done plus Document.ReadTo of the current one), so
	// Bytes/TotalBytes is the share of the work done, within a big file
	// too; TotalBytes is -1 when unknown (standard input).
	Bytes, TotalBytes int64
	Elapsed           time.Duration
}

// Result is one analysed document, delivered in input order.
type Result struct {
	Doc      source.Document
	Analysis *ner.Analysis // nil when Skipped
	Skipped  bool
}

// queue holds the jobs of one input, in the order it yields them.
type queue struct {
	in   source.Input
	jobs chan *job
	// budget bounds the text bytes of this input's documents read but not
	// yet delivered, so one big input split in parts holds a few parts in
	// memory (and their analyses), not the 64 the channel could.
	budget *semaphore.Weighted
}

// queueBudget is the text bytes one input may have in flight: a few
// documents of maxDoc bytes, at least 4 MiB.
func queueBudget(maxDoc int) int64 {
	return max(4<<20, 3*int64(maxDoc))
}

type job struct {
	w    int64 // budget held until the collector is done with it
	seq  int   // -1 for an input's read error
	doc  source.Document
	res  Result
	err  error
	done chan struct{}
}

// Run reads every input, analyses its documents on opt.Workers goroutines
// and calls fn with each result in input order. Errors of single inputs or
// documents go to opt.OnError and do not stop the run; an error returned by
// fn or the cancellation of ctx does.
func Run(ctx context.Context, inputs []source.Input, ex Extractor, opt Options, fn func(Result) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	onError := opt.OnError
	if onError == nil {
		onError = func(error) {}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Inputs are read by several readers at once (extracting an HTML page
	// costs more than analysing it), each into a queue of its own; the
	// queues reach the collector in input order and it drains one after the
	// other, so results keep input order whatever finishes first. Every job
	// also goes to the workers. Memory is bounded by the queues' buffers.
	budget := queueBudget(opt.Source.MaxDocBytes)
	todo := make(chan *job, workers*4)
	queues := make(chan queue, workers)
	var readers sync.WaitGroup
	go func() {
		defer func() {
			close(queues)
			readers.Wait() // every Add happened above
			close(todo)
		}()
		for _, in := range inputs {
			q := queue{in: in, jobs: make(chan *job, 64), budget: semaphore.NewWeighted(budget)}
			select {
			case queues <- q:
			case <-ctx.Done():
				return
			}
			readers.Add(1)
			go func() {
				defer readers.Done()
				defer close(q.jobs)
				err := source.Read(ctx, q.in, opt.Source, func(d source.Document) error {
					j := &job{doc: d, done: make(chan struct{}), w: min(int64(len(d.Text))+1, budget)}
					if err := q.budget.Acquire(ctx, j.w); err != nil {
						return err
					}
					select {
					case q.jobs <- j:
					case <-ctx.Done():
						return ctx.Err()
					}
					select {
					case todo <- j:
					case <-ctx.Done():
						return ctx.Err()
					}
					return nil
				})
				if err != nil && ctx.Err() == nil {
					j := &job{seq: -1, err: err, done: make(chan struct{})}
					close(j.done)
					select {
					case q.jobs <- j:
					case <-ctx.Done():
					}
				}
			}()
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				j.res.Doc = j.doc
				if opt.Skip != nil && opt.Skip(j.doc.ID) {
					j.res.Skipped = true
				} else {
					j.res.Analysis, j.err = Analyze(ctx, ex, j.doc)
				}
				close(j.done)
			}
		}()
	}
	defer wg.Wait()

	var total int64 = 0
	for _, in := range inputs {
		if in.Size < 0 {
			total = -1
			break
		}
		total += in.Size
	}
	start := time.Now()
	docs, inputsDone := 0, 0
	var bytesDone int64 // input bytes of the delivered documents
	for q := range queues {
		for j := range q.jobs {
			select {
			case <-j.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if j.w > 0 {
				q.budget.Release(j.w)
			}
			if j.err != nil {
				if errors.Is(j.err, context.Canceled) && ctx.Err() != nil {
					return ctx.Err()
				}
				// The line errors of one input come joined: report
				// (and count) each on its own.
				for _, e := range source.Errors(j.err) {
					onError(e)
				}
				continue
			}
			for _, w := range j.doc.Warnings {
				if opt.OnWarning != nil {
					opt.OnWarning(j.doc.Path, w)
				}
			}
			docs++
			if err := fn(j.res); err != nil {
				cancel()
				return err
			}
			if opt.Progress != nil {
				in := min(j.doc.ReadTo, q.in.Size)
				if q.in.Size < 0 {
					in = j.doc.ReadTo
				}
				opt.Progress(Progress{Inputs: len(inputs), InputsDone: inputsDone, Documents: docs, Bytes: bytesDone + max(in, 0), TotalBytes: total, Elapsed: time.Since(start)})
			}
		}
		inputsDone++
		bytesDone += max(q.in.Size, 0)
	}
	return ctx.Err()
}

// keepFileText drops the mentions whose text is not the file's text at the
// same place: names that ran across markup blanked to spaces. raw is the
// file's text (empty when unknown: nothing is dropped).
func keepFileText(a *ner.Analysis, raw string) {
	if raw == "" || len(raw) != len(a.Text) {
		return
	}
	kept := a.Mentions[:0]
	for _, m := range a.Mentions {
		if raw[m.Start:m.End] == m.Text {
			kept = append(kept, m)
		}
	}
	a.Mentions = kept
}
