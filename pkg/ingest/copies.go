package ingest

import (
	"strings"

	"github.com/graphbuild/graphbuild/pkg/source"
)

// Preferred reports whether a build keeps copy a of a document rather than
// copy b (the same ID read twice); aFirst says a comes first in input
// order. A copy that Build chooses among (one read from Markdown that is a
// Current Events item) beats one it does not; between two of those the
// longer text wins, then the smaller content digest, then the smaller
// path, whatever the input order, as Build's chooseCopies does; otherwise
// the first in input order. It lets a pipeline that meets the copies in
// any order (the Beam pipeline in dist/) keep the copy build keeps.
func Preferred(a, b source.Document, aFirst bool) bool {
	ca, cb := choosable(a), choosable(b)
	switch {
	case ca && cb:
		if len(a.Text) != len(b.Text) {
			return len(a.Text) > len(b.Text)
		}
		da, db := contentDigest(a), contentDigest(b)
		if da != db {
			return string(da[:]) < string(db[:])
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return aFirst
	case ca != cb:
		return ca
	}
	return aFirst
}

// choosable is the test chooseCopies applies to the copies it reads.
func choosable(d source.Document) bool {
	p := strings.ToLower(d.Path)
	if d.Path == source.StdinPath || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".md.gz") || strings.HasSuffix(p, ".markdown")) {
		return false
	}
	return d.Topic != "" || len(d.Contexts) > 0 || strings.HasPrefix(d.ID, "/")
}
