package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/graphbuild/graphbuild/pkg/graph"
)

// ImportOptions configures Import.
type ImportOptions struct {
	// BatchSize is the number of documents per store transaction
	// (DefaultBatchSize when 0).
	BatchSize int
	// OnError is called for every line that cannot be loaded (malformed
	// JSON, an invalid contribution); the import goes on with the rest.
	OnError func(err error)
}

// Import loads contributions, one graph.Contribution as JSON per line (the
// format the Beam pipeline in dist/ writes as contributions-*.jsonl), into
// st in batches. The store merges them as it merges a build's, and a
// document already stored is skipped, so importing the contributions of a
// corpus gives the store a local build of it gives (with the same
// resolution), and importing again, or after an interruption, adds
// nothing twice. name is r's name in errors. Summary.Tokens and Bytes stay
// 0: nothing is analysed.
func Import(ctx context.Context, r io.Reader, name string, st Store, opt ImportOptions) (Summary, error) {
	start := time.Now()
	var sum Summary
	batchSize := opt.BatchSize
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	fail := func(err error) {
		sum.Failed++
		if opt.OnError != nil {
			opt.OnError(err)
		}
	}
	var batch []graph.Contribution
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.Apply(context.WithoutCancel(ctx), batch)
		sum.New += res.Added
		sum.Skipped += res.Skipped
		batch = batch[:0]
		if err != nil {
			return fmt.Errorf("%s: write to the store: %w", name, err)
		}
		return nil
	}
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return sum, errors.Join(err, flush())
		}
		b, err := br.ReadBytes('\n')
		if len(b) > 0 && !(len(b) == 1 && b[0] == '\n') {
			var c graph.Contribution
			if jerr := json.Unmarshal(b, &c); jerr != nil {
				fail(fmt.Errorf("%s:%d: %w", name, line, jerr))
			} else if verr := c.Validate(); verr != nil {
				fail(fmt.Errorf("%s:%d: %w", name, line, verr))
			} else {
				sum.Documents++
				batch = append(batch, c)
				if len(batch) >= batchSize {
					if err := flush(); err != nil {
						return sum, err
					}
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, errors.Join(fmt.Errorf("%s: read: %w", name, err), flush())
		}
	}
	err := flush()
	sum.Duration = time.Since(start)
	return sum, err
}
