package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Word clusters: every one of the 100,000 most frequent lower-cased
// GloVe words belongs to one cluster at each of three granularities (64,
// 256 and 1,024 clusters). A cluster id says "this word is used like
// those words" ("ministry" beside "department", "Lagos" beside other
// cities), which carries what the model learned about frequent words to
// rare ones of the same kind.

//go:embed data/clusters/glove6b100d_clusters.tsv.gz
var embeddedClusters []byte

// wordCluster packs a word's three cluster ids, each plus one so that 0
// means "no cluster": bits 0-7 k64, 8-17 k256, 18-29 k1024.
type wordCluster uint32

func (c wordCluster) k64() uint64   { return uint64(c & 0xff) }
func (c wordCluster) k256() uint64  { return uint64(c >> 8 & 0x3ff) }
func (c wordCluster) k1024() uint64 { return uint64(c >> 18 & 0xfff) }

// clusterTable maps lowerHash(word) to the word's clusters.
type clusterTable struct {
	m map[uint64]wordCluster
}

func (t *clusterTable) lookup(lower uint64) wordCluster {
	if t == nil {
		return 0
	}
	return t.m[lower]
}

// readClusters reads the gzipped "word k64 k256 k1024" table.
func readClusters(data []byte) (*clusterTable, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ner: word clusters: %w", err)
	}
	t := &clusterTable{m: make(map[uint64]wordCluster, 100_000)}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("ner: word clusters: line %d: want 4 columns, got %d", line, len(f))
		}
		var ids [3]uint64
		for i, lim := range [3]uint64{64, 256, 1024} {
			v, err := strconv.ParseUint(f[i+1], 10, 32)
			if err != nil || v >= lim {
				return nil, fmt.Errorf("ner: word clusters: line %d: bad cluster id %q", line, f[i+1])
			}
			ids[i] = v + 1
		}
		t.m[lowerHash(f[0])] = wordCluster(ids[0] | ids[1]<<8 | ids[2]<<18)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: word clusters: %w", err)
	}
	return t, nil
}

// defaultClusters is the embedded table, read once per process on first use.
var defaultClusters = sync.OnceValues(func() (*clusterTable, error) {
	return readClusters(embeddedClusters)
})
