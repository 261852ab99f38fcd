package main

import (
	"bufio"
	"encoding/binary"
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
// (memory stays flat whatever the corpus size), with the entity of every
// line as a number in a second one, and counts the mentions of every
// entity, so that resolve can merge names across documents
// (ner.CorpusMerges) before anything is printed. Lines whose entity is
// not merged are copied as they were written.
type corpusLines struct {
	lines, ents *os.File
	lw, ew      *bufio.Writer
	enc         *json.Encoder
	index       map[ner.EntityKey]uint32
	count       []ner.CorpusEntity
}

func newCorpusLines() (*corpusLines, error) {
	var fs [2]*os.File
	for i := range fs {
		f, err := os.CreateTemp("", "graphbuild-extract-*")
		if err != nil {
			for _, g := range fs[:i] {
				g.Close()
			}
			return nil, fmt.Errorf("temporary file for --resolve corpus: %w (use --resolve document to need none)", err)
		}
		os.Remove(f.Name()) // gone when closed, whatever happens; the open file stays readable
		fs[i] = f
	}
	c := &corpusLines{lines: fs[0], ents: fs[1], lw: bufio.NewWriterSize(fs[0], 1<<16), ew: bufio.NewWriterSize(fs[1], 1<<14),
		index: map[ner.EntityKey]uint32{}}
	c.enc = json.NewEncoder(c.lw)
	c.enc.SetEscapeHTML(false)
	return c, nil
}

func (c *corpusLines) write(m mentionLine) error {
	k := ner.KeyOf(m.Entity, ner.Type(m.Type))
	i, ok := c.index[k]
	if !ok {
		i = uint32(len(c.count))
		c.index[k] = i
		c.count = append(c.count, ner.CorpusEntity{Name: m.Entity, Type: ner.Type(m.Type)})
	}
	c.count[i].Mentions++
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], i)
	c.ew.Write(b[:])
	if err := c.enc.Encode(m); err != nil {
		return fmt.Errorf("temporary file for --resolve corpus: %w", err)
	}
	return nil
}

// resolve writes the lines kept to w, each entity through the merges.
func (c *corpusLines) resolve(al *ner.Aliases, w io.Writer) error {
	for _, b := range []*bufio.Writer{c.lw, c.ew} {
		if err := b.Flush(); err != nil {
			return fmt.Errorf("temporary file for --resolve corpus: %w", err)
		}
	}
	gaz, err := ner.DefaultGazetteer()
	if err != nil {
		return err
	}
	merges := ner.CorpusMerges(c.count, gaz)
	al.KeepRules(merges)
	to := make([]*ner.CorpusEntity, len(c.count))
	for i, e := range c.count {
		if t, ok := merges[ner.KeyOf(e.Name, e.Type)]; ok {
			to[i] = &t
		}
	}
	for _, f := range []*os.File{c.lines, c.ents} {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("temporary file for --resolve corpus: %w", err)
		}
	}
	lr, er := bufio.NewReaderSize(c.lines, 1<<16), bufio.NewReaderSize(c.ents, 1<<14)
	out := newLineWriter(w)
	var b [4]byte
	for {
		if _, err := io.ReadFull(er, b[:]); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("temporary file for --resolve corpus: %w", err)
		}
		line, err := lr.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			var long []byte
			long = append(long, line...)
			for err == bufio.ErrBufferFull {
				line, err = lr.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if err != nil {
			return fmt.Errorf("temporary file for --resolve corpus: %w", err)
		}
		t := to[binary.LittleEndian.Uint32(b[:])]
		if t == nil {
			if _, err := w.Write(line); err != nil {
				return err
			}
			continue
		}
		var m mentionLine
		if err := json.Unmarshal(line, &m); err != nil {
			return fmt.Errorf("temporary file for --resolve corpus: %w", err)
		}
		m.Entity, m.Type = t.Name, string(t.Type)
		if err := out.write(m); err != nil {
			return err
		}
	}
}

func (c *corpusLines) close() {
	c.lines.Close()
	c.ents.Close()
}
