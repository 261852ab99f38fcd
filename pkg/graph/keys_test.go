package graph

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

func TestKeyRoundTrip(t *testing.T) {
	for _, k := range []storeKey{
		{Prefix: prefixDoc, Doc: "wcep/2016/December/9#1"},
		{Prefix: prefixMentions, Doc: "3f2a"},
		{Prefix: prefixEntity, ID: 0xdeadbeef},
		{Prefix: prefixEdge, ID: 1, Other: 2, Kind: Interaction},
		{Prefix: prefixAdj, ID: 9, Other: 2, Kind: Context},
		{Prefix: prefixName, Name: "john kerry", ID: 42},
		{Prefix: prefixName, Name: "a\x00b", ID: 42},
		{Prefix: prefixState, Name: stateVersion},
		{Prefix: prefixCache, Filter: 77, Chunk: 3},
	} {
		got, err := parseKey(k.encode())
		if err != nil {
			t.Errorf("parseKey(%q): %v", k.encode(), err)
			continue
		}
		if !reflect.DeepEqual(got, k) {
			t.Errorf("round trip of %+v gave %+v", k, got)
		}
	}
}

func TestParseKeyRejects(t *testing.T) {
	for _, b := range [][]byte{
		nil,
		{prefixDoc},
		{'?', 1},
		{prefixEntity, 1, 2},
		edgeKey(2, 1, 1),
		edgeKey(1, 2, 9),
		adjKey(3, 3, 1),
		{prefixName, 'a', 1, 2, 3, 4, 5, 6, 7, 8},
		{prefixCache, 1},
	} {
		if _, err := parseKey(b); !errors.Is(err, ErrInvalid) {
			t.Errorf("parseKey(%q) error = %v, want ErrInvalid", b, err)
		}
	}
}

// TestKeyOrder checks that key order is id-string order, as iteration
// promises.
func TestKeyOrder(t *testing.T) {
	ids := []string{EntityID("a", "PERSON"), EntityID("b", "ORG"), EntityID("c", "GPE"), "0000000000000000", "ffffffffffffffff", "0f00000000000000"}
	for _, a := range ids {
		for _, b := range ids {
			na, _ := parseID(a)
			nb, _ := parseID(b)
			if (a < b) != (bytes.Compare(entityKey(na), entityKey(nb)) < 0) {
				t.Errorf("order of %s and %s differs from their keys'", a, b)
			}
		}
	}
	if bytes.Compare(edgeKey(1, 2, 1), edgeKey(1, 2, 3)) >= 0 || bytes.Compare(edgeKey(1, 2, 3), edgeKey(1, 3, 1)) >= 0 {
		t.Error("edge keys not in (source, target, kind) order")
	}
}

func TestParseID(t *testing.T) {
	id := EntityID("John Kerry", "PERSON")
	n, err := parseID(id)
	if err != nil || formatID(n) != id {
		t.Fatalf("parseID(%s) = %x, %v", id, n, err)
	}
	for _, bad := range []string{"", "abc", "ABCDEF0123456789", "g000000000000000", id + "0"} {
		if _, err := parseID(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("parseID(%q) error = %v", bad, err)
		}
	}
}

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{
		"John Kerry":          "john kerry",
		"  JOHN \t\n KERRY  ": "john kerry",
		"Ünïcode Näme":        "ünïcode näme",
		"":                    "",
		"   ":                 "",
	} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzKey(f *testing.F) {
	f.Add([]byte("Djohn"))
	f.Add(edgeKey(1, 2, 3))
	f.Add(adjKey(5, 2, 1))
	f.Add(nameKey("kerry", 9))
	f.Add(stateKey(stateVersion))
	f.Add(cacheKey(3, 1))
	f.Add(entityKey(12))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := parseKey(b)
		if err != nil {
			return
		}
		// Whatever parses encodes back to the same bytes and parses again
		// to the same key.
		enc := k.encode()
		if !bytes.Equal(enc, b) {
			t.Fatalf("parseKey(%q) = %+v encodes to %q", b, k, enc)
		}
		k2, err := parseKey(enc)
		if err != nil || !reflect.DeepEqual(k, k2) {
			t.Fatalf("re-parse of %q: %+v, %v", enc, k2, err)
		}
	})
}

func FuzzDecodeValues(f *testing.F) {
	c := kerryContribution("a", "2016-01-02")
	f.Add(encodeDocument(&c.Doc))
	f.Add(encodeEntity(&c.Entities[0]))
	f.Add(encodeEdge(&c.Edges[1]))
	f.Add(encodeMentions(c.Mentions))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Decoders return errors, never panic, on any bytes; what decodes
		// survives a second round trip unchanged.
		if d, err := decodeDocument("x", b); err == nil {
			d2, err := decodeDocument("x", encodeDocument(&d))
			if err != nil || d2 != d {
				t.Fatalf("document round trip: %+v then %+v, %v", d, d2, err)
			}
		}
		if e, err := decodeEntity(1, b); err == nil {
			e2, err := decodeEntity(1, encodeEntity(&e))
			if err != nil || !reflect.DeepEqual(e, e2) {
				t.Fatalf("entity round trip: %+v then %+v, %v", e, e2, err)
			}
		}
		decodeEntityType(b)
		decodeEdge(1, 2, Cooccur, b, true)
		decodeEdge(1, 2, Cooccur, b, false)
		decodeMentions("x", b)
	})
}

func TestCodecRoundTrip(t *testing.T) {
	c := kerryContribution("a", "2016-01-02")
	d, err := decodeDocument("a", encodeDocument(&c.Doc))
	if err != nil || d != c.Doc {
		t.Errorf("document: %+v, %v", d, err)
	}
	ms, err := decodeMentions("a", encodeMentions(c.Mentions))
	if err != nil || !reflect.DeepEqual(ms, c.Mentions) {
		t.Errorf("mentions: %+v, %v", ms, err)
	}
	en := c.Entities[0]
	id, _ := parseID(en.ID)
	e, err := decodeEntity(id, encodeEntity(&en))
	if err != nil || !reflect.DeepEqual(e, en) {
		t.Errorf("entity: %+v, %v", e, err)
	}
	typ, err := decodeEntityType(encodeEntity(&en))
	if err != nil || typ != "PERSON" {
		t.Errorf("entity type: %q, %v", typ, err)
	}
	ed := c.Edges[1]
	ed.Source, ed.Target = ed.Target, ed.Source // stored order
	src, _ := parseID(ed.Source)
	dst, _ := parseID(ed.Target)
	got, err := decodeEdge(src, dst, ed.Kind, encodeEdge(&ed), true)
	if err != nil || !reflect.DeepEqual(got, ed) {
		t.Errorf("edge: %+v, %v\nwant %+v", got, err, ed)
	}
	got, err = decodeEdge(src, dst, ed.Kind, encodeEdge(&ed), false)
	ed.Evidence = nil
	if err != nil || !reflect.DeepEqual(got, ed) {
		t.Errorf("edge without evidence: %+v, %v", got, err)
	}
	for _, b := range [][]byte{nil, {0}, {valueFormat, 200}} {
		if _, err := decodeEntity(1, b); !errors.Is(err, errCorrupt) {
			t.Errorf("decodeEntity(%q) error = %v", b, err)
		}
	}
}

func TestKeyBytes(t *testing.T) {
	// The example of the layout comment.
	got := edgeKey(0x0102030405060708, 0x1112131415161718, 1)
	want := []byte{'G', 1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 1}
	if !bytes.Equal(got, want) {
		t.Errorf("edge key % x, want % x", got, want)
	}
	if got := nameKey("kerry", 1); !bytes.Equal(got, []byte("Nkerry\x00\x00\x00\x00\x00\x00\x00\x00\x01")) {
		t.Errorf("name key %q", got)
	}
}
