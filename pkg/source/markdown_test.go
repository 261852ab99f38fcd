package source

import (
	"strings"
	"testing"
)

func TestBlankLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# Heading", "  Heading"},
		{"### Heading ###", "    Heading    "},
		{"#hashtag stays", "#hashtag stays"},
		{"1. First item", "   First item"},
		{"  - bullet", "    bullet"},
		{"> quoted > text", "  quoted > text"},
		{"---", "   "},
		{"See [the report](http://x.org/a_(b)) now", "See  the report                      now"},
		{"An ![alt text](img.png) image", "An                      image"},
		{"Ref [text][r1] link", "Ref  text      link"},
		{"[sic] stays", "[sic] stays"},
		{"**bold** and _it_ and snake_case", "  bold   and  it  and snake_case"},
		{"''wiki'' italics, it's", "  wiki   italics, it's"},
		{"code `x` here", "code  x  here"},
		{`escaped \*star\*`, `escaped  *star *`},
		{"a <b>bold</b> <http://x.org> tag", "a    bold                    tag"},
		{"1 < 2 > 0", "1 < 2 > 0"},
		{"treaty {{ru icon}}.", "treaty            ."},
		{"AT&amp;T and &quot;quoted&quot;", "AT&    T and       quoted      "},
		{"Colombia&#8217;s capital", "Colombia         capital"},
		{"don&#8217;t", "don       t"},
		{"Formats: [HTML](a.html)  [JSON](a.json)", "                                       "},
		{"Café *Zürich*", "Café  Zürich "},
		{"x _Context: A, B_", "x                "},
	}
	for _, tt := range tests {
		b := []byte(tt.in)
		blankLine(b)
		if got := string(b); got != tt.want {
			t.Errorf("blankLine(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if len(b) != len(tt.in) {
			t.Errorf("blankLine(%q) changed the length", tt.in)
		}
	}
}

func TestBlankMarkdownContexts(t *testing.T) {
	src := "a\n_Context: A, B_\nb\n1. [x](/news/2016/1/2/y.md) _Context: C, 2016_\n_Context:_\n"
	text, ctxs := blankMarkdown([]byte(src))
	if len(text) != len(src) || strings.Contains(string(text), "Context") {
		t.Errorf("text %q", text)
	}
	var got []string
	for _, c := range ctxs {
		got = append(got, strings.Join(c.names, "|"))
	}
	if strings.Join(got, ";") != "A|B;C, 2016" {
		t.Errorf("contexts %q", got)
	}
	if ctxs[0].pos != 2 {
		t.Errorf("first context line at %d, want 2", ctxs[0].pos)
	}
}
