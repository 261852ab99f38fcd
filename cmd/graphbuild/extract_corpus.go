package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/graphbuild/graphbuild/pkg/ner"
)

// mentionWriter takes the mention lines of extract.
type mentionWriter interface {
	write(mentionLine) error
}

// lineWriter writes mention lines as JSON, one a line.
type lineWriter struct{ enc *json.Encoder }

func newLineWriter(w io.Writer) lineWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return lineWriter{enc}
}

func (l lineWriter) write(m mentionLine) error { return l.enc.Encode(m) }

// corpusLines keeps the mention lines of a whole run in a temporary file
// (memory stays flat whatever the corpus size) and counts the mentions of
// every entity, so that resolve can merge names across documents
// (ner.CorpusMerges) before anything is printed.
type corpusLines struct {
	f     *os.File
	buf   *bufio.Writer
	enc   *json.Encoder
	count map[ner.EntityKey]*ner.CorpusEntity
	order []ner.EntityKey
}

func newCorpusLines() (*corpusLines, error) {
	f, err := os.CreateTemp("", "graphbuild-extract-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("temporary file for --resolve corpus: %w (use --resolve document to need none)", err)
	}
	os.Remove(f.Name()) // gone when closed, whatever happens; the open file stays readable
	c := &corpusLines{f: f, buf: bufio.NewWriterSize(f, 1<<16), count: map[ner.EntityKey]*ner.CorpusEntity{}}
	c.enc = json.NewEncoder(c.buf)
	c.enc.SetEscapeHTML(false)
	return c, nil
}

func (c *corpusLines) write(m mentionLine) error {
	k := ner.KeyOf(m.Entity, ner.Type(m.Type))
	e, ok := c.count[k]
	if !ok {
		e = &ner.CorpusEntity{Name: m.Entity, Type: ner.Type(m.Type)}
		c.count[k] = e
		c.order = append(c.order, k)
	}
	e.Mentions++
	if err := c.enc.Encode(m); err != nil {
		return fmt.Errorf("temporary file for --resolve corpus: %w", err)
	}
	return nil
}

// resolve writes the lines kept to out, each entity through the merges.
func (c *corpusLines) resolve(al *ner.Aliases, out mentionWriter) error {
	if err := c.buf.Flush(); err != nil {
		return fmt.Errorf("temporary file for --resolve corpus: %w", err)
	}
	ents := make([]ner.CorpusEntity, 0, len(c.order))
	for _, k := range c.order {
		ents = append(ents, *c.count[k])
	}
	gaz, err := ner.DefaultGazetteer()
	if err != nil {
		return err
	}
	merges := ner.CorpusMerges(ents, gaz)
	al.KeepRules(merges)
	if _, err := c.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	dec := json.NewDecoder(bufio.NewReaderSize(c.f, 1<<16))
	for {
		var m mentionLine
		if err := dec.Decode(&m); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("temporary file for --resolve corpus: %w", err)
		}
		if to, ok := merges[ner.KeyOf(m.Entity, ner.Type(m.Type))]; ok {
			m.Entity, m.Type = to.Name, string(to.Type)
		}
		if err := out.write(m); err != nil {
			return err
		}
	}
}

func (c *corpusLines) close() { c.f.Close() }
