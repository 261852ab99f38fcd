package main

import (
	"fmt"
	"os"

	"github.com/graphbuild/graphbuild/pkg/ingest"
	"github.com/graphbuild/graphbuild/pkg/ner"
	"github.com/graphbuild/graphbuild/pkg/relation"
)

// loadModel reads a recognizer model written by `graphbuild train`; the
// error names the file.
func loadModel(path string) (*ner.Model, error) {
	g, err := ner.DefaultGazetteer()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--model: %w", err)
	}
	defer f.Close()
	m, err := ner.ReadModel(f, g)
	if err != nil {
		return nil, fmt.Errorf("--model %s: %w", path, err)
	}
	return m, nil
}

// buildExtractor is the extractor of build: the embedded model, or the one
// in modelPath.
func buildExtractor(modelPath string) (*ner.Extractor, error) {
	if modelPath == "" {
		return ingest.DefaultExtractor()
	}
	m, err := loadModel(modelPath)
	if err != nil {
		return nil, err
	}
	an, err := ner.NewProseAnalyzer()
	if err != nil {
		return nil, err
	}
	gaz, err := ner.DefaultGazetteer()
	if err != nil {
		return nil, err
	}
	return ner.NewExtractor(an, m, gaz).WithTagFilter(relation.NeedsTags), nil
}
