package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/graphbuild/graphbuild/pkg/source"
)

// FuzzOffsets checks the contract of `graphbuild extract`: for every mention
// of a text or Markdown file, file[start:end] == text, whatever the file
// holds (markup, invalid UTF-8, furniture, Current Events layout). A file
// in a legacy encoding (no valid UTF-8 sequence in it) is read as its UTF-8
// decoding, and offsets are into that.
func FuzzOffsets(f *testing.F) {
	for _, seed := range []string{
		"John Kerry met Sergey Lavrov in Geneva.",
		"**John** Kerry and _Lavrov_ met in [Moscow](/news/x.md) on Friday.",
		"### [2016-12-9](/news/2016/12/9/index.md)\n\n# Battle of Aleppo: Russia and the United States talk. \n\n1. [Kerry leaves for Moscow](/news/2016/03/22/kerry.md) _Context: John Kerry, Sergey Lavrov_\n",
		"Fran\xe7ois Hollande met Angela Merkel in Berlin.\n",
		"Skip to main content\n\nUNICEF Deputy Executive Director Justin Forsyth spoke.\n\nAlready a Member? Sign in\n",
		"# Title\n\n* Barack Obama\n* Vladimir Putin\n\n> Ban Ki-moon said **UN** staff left.",
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	ex, err := DefaultExtractor()
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content string, markdown bool) {
		name := "doc.txt"
		if markdown {
			name = "doc.md"
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		in := []source.Input{{Path: path, Size: int64(len(content))}}
		asRead, _ := source.DecodeText([]byte(content))
		content = string(asRead)
		err := Run(context.Background(), in, ex, Options{Workers: 1}, func(r Result) error {
			base := r.Doc.Offset
			for _, m := range r.Analysis.Mentions {
				s, e := base+m.Start, base+m.End
				if base < 0 || s < 0 || e > len(content) || s >= e || content[s:e] != m.Text {
					t.Fatalf("mention %q at [%d:%d] is not the file's text (offset %d)", m.Text, s, e, base)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
