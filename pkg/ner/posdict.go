package ner

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
)

// posDict is a word's most frequent part-of-speech tag, learned from the
// training text as prose's tagger tagged it. The recognizer reads it in
// place of a tagger: a dictionary lookup costs a map probe per token where
// the tagger costs most of the pipeline, and the recognizer's own context
// features recover most of what the tagger's context adds.
//
// Keys are the hash of the word as written and, separately, of its
// lower-case form (mixed with a constant), so "US" and "us" can differ while
// an unseen casing still finds its word.
type posDict struct {
	tags  []string          // tag names, indexed by the map's values
	words map[uint64]uint16 // word hash → index into tags
	hash  []uint64          // strHash of each tag, the feature value
}

// posMinCount is how often a word must occur in training to enter the
// dictionary; rarer words read as unknown, as at run time most rare words
// are.
const posMinCount = 2

var hPOSUnknown = strHash("<pos?>")

func lowerKey(l uint64) uint64 { return mix(97, l) }

// find returns the index into tags of a word given its hash and its
// lower-case hash: the word as written first, then its lower-case form.
func (d *posDict) find(w, l uint64) (uint16, bool) {
	if i, ok := d.words[w]; ok {
		return i, true
	}
	i, ok := d.words[lowerKey(l)]
	return i, ok
}

// lookup returns the tag hash for a token given its word and lower-case
// hashes, or hPOSUnknown.
func (d *posDict) lookup(w, l uint64) uint64 {
	if d == nil {
		return hPOSUnknown
	}
	if i, ok := d.find(w, l); ok {
		return d.hash[i]
	}
	return hPOSUnknown
}

// posCounter gathers (word, tag) counts for buildPOSDict.
type posCounter struct {
	tagIndex map[string]uint16
	tags     []string
	counts   map[uint64]map[uint16]int
}

func newPOSCounter() *posCounter {
	return &posCounter{tagIndex: map[string]uint16{}, counts: map[uint64]map[uint16]int{}}
}

func (c *posCounter) add(words, tags []string) {
	for i, w := range words {
		t, ok := c.tagIndex[tags[i]]
		if !ok {
			t = uint16(len(c.tags))
			c.tagIndex[tags[i]] = t
			c.tags = append(c.tags, tags[i])
		}
		for _, k := range [2]uint64{strHash(w), lowerKey(lowerHash(w))} {
			m := c.counts[k]
			if m == nil {
				m = map[uint16]int{}
				c.counts[k] = m
			}
			m[t]++
		}
	}
}

// dict keeps, for every word seen at least posMinCount times, its
// ambiguity class. The result depends only on the counts.
func (c *posCounter) dict() *posDict {
	d := &posDict{words: map[uint64]uint16{}}
	classOf := map[string]uint16{}
	keys := make([]uint64, 0, len(c.counts))
	for k := range c.counts {
		keys = append(keys, k)
	}
	slices.Sort(keys) // classes are numbered in a fixed order
	for _, k := range keys {
		m := c.counts[k]
		total := 0
		for _, n := range m {
			total += n
		}
		if total < posMinCount {
			continue
		}
		// The word's ambiguity class: every tag it carries at least a
		// tenth of the time ("NN|VB"), which tells more than its most
		// frequent tag alone.
		var parts []string
		for t, n := range m {
			if n*10 >= total {
				parts = append(parts, c.tags[t])
			}
		}
		if len(parts) == 0 {
			continue
		}
		slices.Sort(parts)
		class := strings.Join(parts, "|")
		i, ok := classOf[class]
		if !ok {
			i = uint16(len(d.tags))
			classOf[class] = i
			d.tags = append(d.tags, class)
		}
		d.words[k] = i
	}
	d.index()
	return d
}

func (d *posDict) index() {
	d.hash = make([]uint64, len(d.tags))
	for i, t := range d.tags {
		d.hash[i] = strHash(t)
	}
}

// tagOf returns the dictionary's tag name for a word ("" when unknown),
// for tests and tools.
func (d *posDict) tagOf(word string) string {
	if i, ok := d.find(strHash(word), lowerHash(word)); ok {
		return d.tags[i]
	}
	return ""
}

// writeTo appends the dictionary to a model file: the tag count and names,
// then the entry count and (key, tag index) pairs in key order.
func (d *posDict) writeTo(w *bufio.Writer) error {
	binary.Write(w, binary.LittleEndian, uint32(len(d.tags)))
	for _, t := range d.tags {
		w.WriteByte(byte(len(t)))
		w.WriteString(t)
	}
	keys := make([]uint64, 0, len(d.words))
	for k := range d.words {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	binary.Write(w, binary.LittleEndian, uint32(len(keys)))
	for _, k := range keys {
		binary.Write(w, binary.LittleEndian, k)
		binary.Write(w, binary.LittleEndian, d.words[k])
	}
	return nil
}

func readPOSDict(r io.Reader) (*posDict, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	if n > 1<<10 {
		return nil, fmt.Errorf("%w (%d POS tags)", ErrBadModel, n)
	}
	d := &posDict{tags: make([]string, n)}
	var b [256]byte
	for i := range d.tags {
		if _, err := io.ReadFull(r, b[:1]); err != nil {
			return nil, err
		}
		l := int(b[0])
		if _, err := io.ReadFull(r, b[:l]); err != nil {
			return nil, err
		}
		d.tags[i] = string(b[:l])
	}
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, err
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("%w (%d POS entries)", ErrBadModel, n)
	}
	d.words = make(map[uint64]uint16, n)
	var rec [10]byte
	for range n {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			return nil, err
		}
		t := binary.LittleEndian.Uint16(rec[8:])
		if int(t) >= len(d.tags) {
			return nil, fmt.Errorf("%w (POS tag %d of %d)", ErrBadModel, t, len(d.tags))
		}
		d.words[binary.LittleEndian.Uint64(rec[:8])] = t
	}
	d.index()
	return d, nil
}
