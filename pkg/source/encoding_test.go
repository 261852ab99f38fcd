package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestDecodeLegacy(t *testing.T) {
	enc := func(c *charmap.Charmap, s string) []byte {
		b, err := c.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want string // "" when the bytes must come back unchanged
		enc  string
	}{
		{"utf-8", []byte("François Hollande met José Manuel Barroso."), "", ""},
		{"windows-1252", enc(charmap.Windows1252, "François Hollande met José Manuel Barroso in Brussels on Monday, the Élysée said."),
			"François Hollande met José Manuel Barroso in Brussels on Monday, the Élysée said.", "windows-1252"},
		{"windows-1252 curly quotes", enc(charmap.Windows1252, "“We agreed,” said François Hollande — and José Barroso nodded."),
			"“We agreed,” said François Hollande — and José Barroso nodded.", "windows-1252"},
		{"short latin-1", []byte("Fran\xe7ois Hollande"), "François Hollande", "windows-1252"},
		{"windows-1251", enc(charmap.Windows1251, "Президент Владимир Путин встретился с министром иностранных дел Сергеем Лавровым в Москве."),
			"Президент Владимир Путин встретился с министром иностранных дел Сергеем Лавровым в Москве.", "windows-1251"},
		// UTF-8 with one broken byte is UTF-8, repaired later byte for byte
		{"utf-8 with a broken byte", []byte("José María and François met in Málaga \xff today."), "", ""},
	} {
		got, warn := decodeLegacy(tc.in)
		if tc.want == "" {
			if string(got) != string(tc.in) || warn != "" {
				t.Errorf("%s: decoded to %q (%q), want it unchanged", tc.name, got, warn)
			}
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
		if !strings.Contains(warn, "decoded as "+tc.enc) {
			t.Errorf("%s: warning %q does not name %s", tc.name, warn, tc.enc)
		}
	}
}

// TestReadLegacyText: a Windows-1252 .txt and .md are decoded, whole and
// streamed part by part, and the names come out whole.
func TestReadLegacyText(t *testing.T) {
	text := "Hollande meets Barroso\n\nFrançois Hollande met José Manuel Barroso in Paris. “It was useful,” the Élysée said.\n\n"
	raw, err := charmap.Windows1252.NewEncoder().Bytes([]byte(strings.Repeat(text, 40)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "a.md"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		docs, err := readAll(t, path, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(docs[0].Text, "François Hollande met José Manuel Barroso") {
			t.Errorf("%s: Text %q", name, docs[0].Text[:80])
		}
		if len(docs[0].Warnings) == 0 || !strings.Contains(docs[0].Warnings[0], "windows-1252") {
			t.Errorf("%s: Warnings %q", name, docs[0].Warnings)
		}
	}
	defer func(old int64) { streamThreshold = old }(streamThreshold)
	streamThreshold = 1000
	opt := DefaultOptions()
	opt.MaxDocBytes = 700
	docs, err := readAll(t, filepath.Join(dir, "a.txt"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 5 {
		t.Fatalf("%d parts", len(docs))
	}
	var all strings.Builder
	for i, d := range docs {
		if d.Offset != all.Len() {
			t.Errorf("part %d: Offset %d, want %d (offsets into the UTF-8 text)", i, d.Offset, all.Len())
		}
		all.WriteString(d.Text)
	}
	if all.String() != strings.Repeat(text, 40) {
		t.Errorf("streamed parts do not add up to the decoded text")
	}
	if !strings.Contains(strings.Join(docs[0].Warnings, "; "), "windows-1252") {
		t.Errorf("first part's Warnings %q", docs[0].Warnings)
	}
}
