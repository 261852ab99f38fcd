package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Values are encoded in a compact binary form: a format byte (valueFormat),
// then fields in a fixed order as unsigned varints and length-prefixed
// strings; maps are written sorted by key so that equal records encode to
// equal bytes. The ids and kinds held by a key are not repeated in its value.
//
//	Document:  source title date url bytes sentences mentions
//	Mentions:  n, then n × (entity[8] start end text sentence)
//	Entity:    type name mentions documents first last n, n × (alias count)
//	Edge:      weight documents first last n, n × (predicate count),
//	           m, m × (doc start end date text predicate)
//
// An Edge's evidence comes last so that decodeEdge can stop before it.
const valueFormat = 1

// errCorrupt marks a value the store cannot decode.
var errCorrupt = errors.New("corrupt value")

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64)    { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)        { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) str(s string)     { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) fixed64(v uint64) { e.b = binary.BigEndian.AppendUint64(e.b, v) }

func (e *encoder) counts(m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.int(m[k])
	}
}

type decoder struct {
	b   []byte
	err error
	in  *interner // shares date strings when set
}

// date reads a string that is a date, shared through d.in when set.
func (d *decoder) date() string {
	if d.in == nil {
		return d.str()
	}
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := d.in.date(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// bytes reads a length-prefixed string without copying it.
func (d *decoder) bytes() []byte {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	s := d.b[:n:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) fixed64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.BigEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// length reads a count of items each at least min bytes long.
func (d *decoder) length(min int) int {
	n := d.uint()
	if n > uint64(len(d.b)/min) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) counts() map[string]int {
	n := d.length(2)
	if n == 0 {
		return nil
	}
	m := make(map[string]int, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		m[k] = d.int()
	}
	return m
}

func (d *decoder) header() {
	if len(d.b) == 0 || d.b[0] != valueFormat {
		d.fail()
		return
	}
	d.b = d.b[1:]
}

func newEncoder(size int) *encoder {
	e := &encoder{b: make([]byte, 0, size)}
	e.b = append(e.b, valueFormat)
	return e
}

func encodeDocument(doc *Document) []byte {
	e := newEncoder(64 + len(doc.Source) + len(doc.Title) + len(doc.URL))
	e.str(doc.Source)
	e.str(doc.Title)
	e.str(doc.Date)
	e.str(doc.URL)
	e.int(doc.Bytes)
	e.int(doc.Sentences)
	e.int(doc.Mentions)
	return e.b
}

func decodeDocument(id string, b []byte) (Document, error) {
	d := decoder{b: b}
	d.header()
	doc := Document{ID: id}
	doc.Source = d.str()
	doc.Title = d.str()
	doc.Date = d.str()
	doc.URL = d.str()
	doc.Bytes = d.int()
	doc.Sentences = d.int()
	doc.Mentions = d.int()
	if d.err != nil {
		return Document{}, fmt.Errorf("decode document %q: %w", id, d.err)
	}
	return doc, nil
}

// encodeMentions encodes mentions whose entity ids were validated.
func encodeMentions(ms []Mention) []byte {
	size := 8
	for i := range ms {
		size += 24 + len(ms[i].Text)
	}
	e := newEncoder(size)
	e.uint(uint64(len(ms)))
	for _, m := range ms {
		id, _ := parseID(m.Entity)
		e.fixed64(id)
		e.int(m.Start)
		e.int(m.End)
		e.str(m.Text)
		e.int(m.Sentence)
	}
	return e.b
}

func decodeMentions(doc string, b []byte) ([]Mention, error) {
	d := decoder{b: b}
	d.header()
	n := d.length(12)
	ms := make([]Mention, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		var m Mention
		m.Entity = formatID(d.fixed64())
		m.Start = d.int()
		m.End = d.int()
		m.Text = d.str()
		m.Sentence = d.int()
		ms = append(ms, m)
	}
	if d.err != nil {
		return nil, fmt.Errorf("decode mentions of %q: %w", doc, d.err)
	}
	return ms, nil
}

func encodeEntity(en *Entity) []byte {
	size := 32 + len(en.Type) + len(en.Name)
	for a := range en.Aliases {
		size += len(a) + 4
	}
	e := newEncoder(size)
	e.str(en.Type)
	e.str(en.Name)
	e.int(en.Mentions)
	e.int(en.Documents)
	e.str(en.FirstSeen)
	e.str(en.LastSeen)
	e.counts(en.Aliases)
	return e.b
}

func decodeEntity(id uint64, b []byte) (Entity, error) {
	return decodeEntityAs(formatID(id), b)
}

// decodeEntityAs is decodeEntity with the id already formatted.
func decodeEntityAs(id string, b []byte) (Entity, error) {
	d := decoder{b: b}
	d.header()
	en := Entity{ID: id}
	en.Type = d.str()
	en.Name = d.str()
	en.Mentions = d.int()
	en.Documents = d.int()
	en.FirstSeen = d.str()
	en.LastSeen = d.str()
	en.Aliases = d.counts()
	if d.err != nil {
		return Entity{}, fmt.Errorf("decode entity %s: %w", en.ID, d.err)
	}
	return en, nil
}

// decodeEntityType reads only the type of an encoded entity.
func decodeEntityType(b []byte) (string, error) {
	d := decoder{b: b}
	d.header()
	t := d.str()
	return t, d.err
}

func encodeEdge(ed *Edge) []byte {
	size := 32
	for p := range ed.Predicates {
		size += len(p) + 4
	}
	for _, ev := range ed.Evidence {
		size += 24 + len(ev.Doc) + len(ev.Date) + len(ev.Text) + len(ev.Predicate)
	}
	e := newEncoder(size)
	e.int(ed.Weight)
	e.int(ed.Documents)
	e.str(ed.FirstSeen)
	e.str(ed.LastSeen)
	e.counts(ed.Predicates)
	e.uint(uint64(len(ed.Evidence)))
	for _, ev := range ed.Evidence {
		e.str(ev.Doc)
		e.int(ev.Start)
		e.int(ev.End)
		e.str(ev.Date)
		e.str(ev.Text)
		e.str(ev.Predicate)
	}
	return e.b
}

// decodeEdge decodes an edge value; with evidence false it skips the
// evidence, the bulk of the value.
func decodeEdge(src, dst uint64, kind EdgeKind, b []byte, evidence bool) (Edge, error) {
	return decodeEdgeAs(formatID(src), formatID(dst), kind, b, evidence, nil)
}

// decodeEdgeAs is decodeEdge with the ids already formatted, sharing date
// strings through in when it is set.
func decodeEdgeAs(src, dst string, kind EdgeKind, b []byte, evidence bool, in *interner) (Edge, error) {
	d := decoder{b: b, in: in}
	d.header()
	ed := Edge{Kind: kind, Source: src, Target: dst}
	ed.Weight = d.int()
	ed.Documents = d.int()
	ed.FirstSeen = d.date()
	ed.LastSeen = d.date()
	ed.Predicates = d.counts()
	if evidence {
		n := d.length(6)
		if n > 0 {
			ed.Evidence = make([]Evidence, 0, n)
		}
		for i := 0; i < n && d.err == nil; i++ {
			var ev Evidence
			ev.Doc = d.str()
			ev.Start = d.int()
			ev.End = d.int()
			ev.Date = d.str()
			ev.Text = d.str()
			ev.Predicate = d.str()
			ed.Evidence = append(ed.Evidence, ev)
		}
	}
	if d.err != nil {
		return Edge{}, fmt.Errorf("decode edge %s-%s %s: %w", ed.Source, ed.Target, kind, d.err)
	}
	return ed, nil
}

// decodeEdgeHead reads what a scan that only counts needs of an encoded
// edge: its weight and its first and last dates, the dates aliasing b.
func decodeEdgeHead(b []byte) (weight int, first, last []byte, err error) {
	d := decoder{b: b}
	d.header()
	weight = d.int()
	d.int()
	first = d.bytes()
	last = d.bytes()
	return weight, first, last, d.err
}

// decodeEdgeFirst is decodeEdgeAs without evidence, plus the edge's first
// piece of evidence when first is set (ok reports that it has one), read
// in the same pass over the value.
func decodeEdgeFirst(src, dst string, kind EdgeKind, b []byte, first bool, in *interner) (ed Edge, ev Evidence, ok bool, err error) {
	d := decoder{b: b, in: in}
	d.header()
	ed = Edge{Kind: kind, Source: src, Target: dst}
	ed.Weight = d.int()
	ed.Documents = d.int()
	ed.FirstSeen = d.date()
	ed.LastSeen = d.date()
	ed.Predicates = d.counts()
	if first {
		if n := d.length(6); n > 0 {
			ev.Doc = d.str()
			ev.Start = d.int()
			ev.End = d.int()
			ev.Date = d.str()
			ev.Text = d.str()
			ev.Predicate = d.str()
			ok = true
		}
	}
	if d.err != nil {
		return Edge{}, Evidence{}, false, fmt.Errorf("decode edge %s-%s %s: %w", src, dst, kind, d.err)
	}
	return ed, ev, ok, nil
}

func encodeUint(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func decodeUint(b []byte) (uint64, error) {
	if len(b) != 8 {
		return 0, errCorrupt
	}
	return binary.BigEndian.Uint64(b), nil
}
