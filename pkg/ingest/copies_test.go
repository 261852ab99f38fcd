package ingest

import (
	"testing"

	"github.com/graphbuild/graphbuild/pkg/source"
)

func TestPreferred(t *testing.T) {
	item := func(path, text string) source.Document {
		return source.Document{ID: "/news/2016/1/1/x.md", Path: path, Text: text, Topic: "T"}
	}
	long, short := item("b.md", "a longer copy"), item("a.md", "short")
	plain := source.Document{ID: "/news/2016/1/1/x.md", Path: "c.jsonl", Text: "the longest copy of all"}
	same1, same2 := item("a.md", "same"), item("b.md", "same")
	for _, c := range []struct {
		name   string
		a, b   source.Document
		aFirst bool
		want   bool
	}{
		{"longer text wins, later", long, short, false, true},
		{"shorter text loses, earlier", short, long, true, false},
		{"same content: smaller path", same1, same2, false, true},
		{"same content: larger path loses", same2, same1, true, false},
		{"a chosen copy beats a non-Markdown one", short, plain, false, true},
		{"non-Markdown copies: first in input order", plain, plain, true, true},
		{"non-Markdown copies: not first", plain, plain, false, false},
	} {
		if got := Preferred(c.a, c.b, c.aFirst); got != c.want {
			t.Errorf("%s: Preferred = %v", c.name, got)
		}
		if c.a.Path != c.b.Path && Preferred(c.b, c.a, !c.aFirst) == c.want {
			t.Errorf("%s: not antisymmetric", c.name)
		}
	}
}
