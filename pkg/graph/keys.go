package graph

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Key layout of the Badger store.
//
// Every key starts with one prefix byte naming the record. Entity ids are
// the 16 lower-case hex digits made by EntityID, stored as their 8 raw bytes
// (big-endian), so that byte order of keys is the order of the id strings.
// Document ids are stored as their UTF-8 bytes.
//
//	prefix  bytes after the prefix                      value
//	'D'     docID                                       Document
//	'M'     docID                                       []Mention of the document
//	'E'     id[8]                                       Entity
//	'G'     source[8] target[8] kind[1]                 Edge (source < target)
//	'A'     id[8] neighbour[8] kind[1]                  empty: adjacency index, both directions
//	'N'     name 0x00 id[8]                             empty: lower-cased name or alias → entity
//	                                                    (a name over 1024 bytes: its start and a hash, see indexName)
//	'S'     name                                        uint64 big-endian: store state
//	'X'     filter[8] chunk[4]                          cached analytics and adjacency, see cache.go and pathcache.go
//
// The kind byte is 1 for cooccur, 2 for context and 3 for interaction, so
// iterating 'G' gives edges in (Source, Target, Kind) order with kinds in
// EdgeKinds order. Every edge has two 'A' keys, one under each end. The
// edges of an entity are read (see adjacent in read.go) from its 'A' keys
// up to its own id, one point read each, then from the 'G' keys it is the
// source of, in one sweep: both halves come in neighbour order.
//
// All values but the state counters are encoded as codec.go describes.
//
// Example: the cooccur edge between entities 0x0102030405060708 and
// 0x1112131415161718 is the key
//
//	47 01 02 03 04 05 06 07 08 11 12 13 14 15 16 17 18 01
//	'G'  source                  target                  kind A name in an 'N' key is normalized by normName (lower
//
// case, runs of white space made one space, trimmed); it may itself contain
// 0x00, which is why parseKey reads the id from the end of the key.
//
// State names under 'S': "version" (bumped by every Apply that adds a
// document), "schema" (the layout version, schemaVersion), "docs" (number
// of documents), "t:<TYPE>" (entities of a type) and "k:<kind>" (edges of a
// kind).
const (
	prefixDoc      byte = 'D'
	prefixMentions byte = 'M'
	prefixEntity   byte = 'E'
	prefixEdge     byte = 'G'
	prefixAdj      byte = 'A'
	prefixName     byte = 'N'
	prefixState    byte = 'S'
	prefixCache    byte = 'X'
)

// schemaVersion is the version of the key layout and value encoding.
const schemaVersion = 1

// maxDocIDLen bounds document ids so keys stay well below Badger's limit.
const maxDocIDLen = 4096

const idLen = 8

// ErrInvalid is returned for input that cannot be stored: a malformed id, an
// unknown edge kind, a self-loop, an edge to an entity its document does not
// name.
var ErrInvalid = errors.New("invalid input")

// kindByte maps an edge kind to its key byte.
func kindByte(k EdgeKind) (byte, bool) {
	switch k {
	case Cooccur:
		return 1, true
	case Context:
		return 2, true
	case Interaction:
		return 3, true
	}
	return 0, false
}

// byteKind maps a key byte back to its edge kind.
func byteKind(b byte) (EdgeKind, bool) {
	switch b {
	case 1:
		return Cooccur, true
	case 2:
		return Context, true
	case 3:
		return Interaction, true
	}
	return "", false
}

// parseID turns an entity id made by EntityID into its 8 bytes.
func parseID(id string) (uint64, error) {
	if len(id) != 2*idLen {
		return 0, fmt.Errorf("entity id %q: want %d hex digits: %w", id, 2*idLen, ErrInvalid)
	}
	var b [idLen]byte
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return 0, fmt.Errorf("entity id %q: want lower-case hex digits: %w", id, ErrInvalid)
		}
	}
	if _, err := hex.Decode(b[:], []byte(id)); err != nil {
		return 0, fmt.Errorf("entity id %q: %w", id, ErrInvalid)
	}
	return binary.BigEndian.Uint64(b[:]), nil
}

// formatID is the inverse of parseID.
func formatID(id uint64) string {
	var b [idLen]byte
	binary.BigEndian.PutUint64(b[:], id)
	return hex.EncodeToString(b[:])
}

// normName is the form of a name in the name index.
func normName(s string) string { return NormalizeName(s) }

// NormalizeName returns the form in which names are compared and indexed:
// lower case, white space collapsed to single spaces, trimmed.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func docKey(id string) []byte      { return append([]byte{prefixDoc}, id...) }
func mentionsKey(id string) []byte { return append([]byte{prefixMentions}, id...) }

func entityKey(id uint64) []byte {
	k := make([]byte, 1+idLen)
	k[0] = prefixEntity
	binary.BigEndian.PutUint64(k[1:], id)
	return k
}

func edgeKey(src, dst uint64, kind byte) []byte {
	k := make([]byte, 1+2*idLen+1)
	k[0] = prefixEdge
	binary.BigEndian.PutUint64(k[1:], src)
	binary.BigEndian.PutUint64(k[1+idLen:], dst)
	k[1+2*idLen] = kind
	return k
}

func adjKey(id, nb uint64, kind byte) []byte {
	k := edgeKey(id, nb, kind)
	k[0] = prefixAdj
	return k
}

// adjPrefix is the prefix of every adjacency key of id.
func adjPrefix(id uint64) []byte {
	k := make([]byte, 1+idLen)
	k[0] = prefixAdj
	binary.BigEndian.PutUint64(k[1:], id)
	return k
}

// maxNameKeyLen bounds the name part of an 'N' key, far below Badger's
// 65,000-byte key limit: a longer normalized name is indexed under its first
// bytes and a hash of all of it (see indexName); the entity's value keeps
// the whole name.
const maxNameKeyLen = 1024

// indexName is the form of a normalized name in an 'N' key: the name itself
// when it has at most maxNameKeyLen bytes, else its first bytes (cut at a
// rune boundary), " #" and the 16 hex digits of the name's SHA-256, at most
// maxNameKeyLen bytes in all. indexName of an index name is itself, so a
// parsed key encodes back to the same bytes.
func indexName(norm string) string {
	if len(norm) <= maxNameKeyLen {
		return norm
	}
	sum := sha256.Sum256([]byte(norm))
	tail := " #" + hex.EncodeToString(sum[:8])
	return cutText(norm, maxNameKeyLen-len(tail)) + tail
}

// nameKey indexes a normalized name (through indexName).
func nameKey(norm string, id uint64) []byte {
	norm = indexName(norm)
	k := make([]byte, 0, 1+len(norm)+1+idLen)
	k = append(k, prefixName)
	k = append(k, norm...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, id)
}

// namePrefix is the prefix of every name key of exactly norm.
func namePrefix(norm string) []byte {
	norm = indexName(norm)
	k := make([]byte, 0, 1+len(norm)+1)
	k = append(k, prefixName)
	k = append(k, norm...)
	return append(k, 0)
}

func stateKey(name string) []byte { return append([]byte{prefixState}, name...) }

func cacheKey(filter uint64, chunk uint32) []byte {
	k := make([]byte, 1+8+4)
	k[0] = prefixCache
	binary.BigEndian.PutUint64(k[1:], filter)
	binary.BigEndian.PutUint32(k[9:], chunk)
	return k
}

// cachePrefix is the prefix of every chunk of a filter's cache.
func cachePrefix(filter uint64) []byte { return cacheKey(filter, 0)[:9] }

const (
	stateVersion = "version"
	stateSchema  = "schema"
	stateDocs    = "docs"
)

func stateTypeName(typ string) string    { return "t:" + typ }
func stateKindName(kind EdgeKind) string { return "k:" + string(kind) }

// storeKey is a parsed store key. Only the fields of its prefix are set.
type storeKey struct {
	Prefix byte
	Doc    string   // 'D', 'M'
	ID     uint64   // 'E', 'A' (the entity), 'N', 'G' (the source)
	Other  uint64   // 'G' (the target), 'A' (the neighbour)
	Kind   EdgeKind // 'G', 'A'
	Name   string   // 'N' (normalized name), 'S' (state name)
	Filter uint64   // 'X'
	Chunk  uint32   // 'X'
}

// encode returns the bytes of k as the store writes them.
func (k storeKey) encode() []byte {
	switch k.Prefix {
	case prefixDoc:
		return docKey(k.Doc)
	case prefixMentions:
		return mentionsKey(k.Doc)
	case prefixEntity:
		return entityKey(k.ID)
	case prefixEdge, prefixAdj:
		kb, _ := kindByte(k.Kind)
		if k.Prefix == prefixEdge {
			return edgeKey(k.ID, k.Other, kb)
		}
		return adjKey(k.ID, k.Other, kb)
	case prefixName:
		return nameKey(k.Name, k.ID)
	case prefixState:
		return stateKey(k.Name)
	case prefixCache:
		return cacheKey(k.Filter, k.Chunk)
	}
	return nil
}

// parseKey parses a store key; it returns an error wrapping ErrInvalid for
// bytes the store never writes.
func parseKey(b []byte) (storeKey, error) {
	if len(b) == 0 {
		return storeKey{}, fmt.Errorf("parse key: empty: %w", ErrInvalid)
	}
	k := storeKey{Prefix: b[0]}
	rest := b[1:]
	bad := func(why string) (storeKey, error) {
		return storeKey{}, fmt.Errorf("parse key %q: %s: %w", b, why, ErrInvalid)
	}
	switch k.Prefix {
	case prefixDoc, prefixMentions:
		if len(rest) == 0 || len(rest) > maxDocIDLen {
			return bad("document id length")
		}
		k.Doc = string(rest)
	case prefixEntity:
		if len(rest) != idLen {
			return bad("entity key length")
		}
		k.ID = binary.BigEndian.Uint64(rest)
	case prefixEdge, prefixAdj:
		if len(rest) != 2*idLen+1 {
			return bad("edge key length")
		}
		k.ID = binary.BigEndian.Uint64(rest)
		k.Other = binary.BigEndian.Uint64(rest[idLen:])
		kind, ok := byteKind(rest[2*idLen])
		if !ok {
			return bad("edge kind")
		}
		k.Kind = kind
		if k.Prefix == prefixEdge && k.ID >= k.Other {
			return bad("edge source not below target")
		}
		if k.Prefix == prefixAdj && k.ID == k.Other {
			return bad("adjacency self-loop")
		}
	case prefixName:
		if len(rest) < 1+idLen || rest[len(rest)-idLen-1] != 0 || len(rest)-idLen-1 > maxNameKeyLen {
			return bad("name key")
		}
		k.Name = string(rest[:len(rest)-idLen-1])
		k.ID = binary.BigEndian.Uint64(rest[len(rest)-idLen:])
	case prefixState:
		if len(rest) == 0 {
			return bad("state name")
		}
		k.Name = string(rest)
	case prefixCache:
		if len(rest) != 12 {
			return bad("cache key length")
		}
		k.Filter = binary.BigEndian.Uint64(rest)
		k.Chunk = binary.BigEndian.Uint32(rest[8:])
	default:
		return bad("unknown prefix")
	}
	return k, nil
}
