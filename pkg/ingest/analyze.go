package ingest

import (
	"context"
	"fmt"

	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/source"
)

// Analyze runs ex over one document exactly as Run's workers do: the
// document's Context names are the recognizer's hints, and mentions whose
// text is not the file's text at the same place are dropped. It is the
// per-document step for pipelines that schedule documents themselves (the
// Beam pipeline in dist/).
func Analyze(ctx context.Context, ex Extractor, doc source.Document) (*ner.Analysis, error) {
	var names []string
	for _, line := range doc.Contexts {
		names = append(names, line...)
	}
	a, err := ex.Extract(ctx, doc.Text, ner.Hints{Names: names})
	if err != nil {
		if ctx.Err() == nil {
			err = fmt.Errorf("%s: document %s: %w", source.ShowPath(doc.Path), doc.ID, err)
		}
		return nil, err
	}
	keepFileText(a, doc.Raw)
	return a, nil
}
