package source

import (
	"path/filepath"
	"testing"
)

func TestBodyDate(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Kerry and Lavrov meet\n\nPublished October 28, 2022\n\nJohn Kerry met Sergey Lavrov.", "2022-10-28"},
		{"Date: 25 October 2022\nSubject: talks\n\nThe talks went on.", "2022-10-25"},
		{"Headline here\nBy Jane Doe | Oct. 3, 2021\n\nText of the story follows here.", "2021-10-03"},
		{"Headline\nTuesday 25 October 2022 10.02 BST\n\nText.", "2022-10-25"},
		{"Posted on 2019-04-17 by admin\n\nText.", "2019-04-17"},
		{"**Updated:** 28.10.2022\n\nText.", "2022-10-28"},
		{"Published: 3 March 2020 | By Staff\n\nText.", "2020-03-03"},
		// a date inside a sentence of the story does not date the story
		{"Headline\n\nOn October 28, 2022, John Kerry met Sergey Lavrov in Geneva to discuss the ceasefire in Syria and the aid convoys.", ""},
		// a relative date or one without a day would depend on today
		{"Updated 2 hours ago\n\nText.", ""},
		{"Published October 2022\n\nText.", ""},
		// too far down
		{"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nPublished October 28, 2022", ""},
		{"No date at all here.\n\nJust text.", ""},
		{"Date: 31 February 2022\n\nText.", ""},
	} {
		if got := bodyDate([]byte(tc.text)); got != tc.want {
			t.Errorf("bodyDate(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestReadBodyDate: a .txt, .md and .html without a date in their name or
// metadata take the one in their first lines; the file name still wins.
func TestReadBodyDate(t *testing.T) {
	dir := tree(t, map[string]string{
		"a.txt":            "Kerry meets Lavrov\nPublished October 28, 2022\n\nJohn Kerry met Sergey Lavrov in Geneva on Friday.\n",
		"b.md":             "# Kerry meets Lavrov\n\nDate: 25 October 2022\n\nJohn Kerry met Sergey Lavrov in Geneva on Friday.\n",
		"c-2016-09-28.txt": "Kerry meets Lavrov\nPublished October 28, 2022\n\nJohn Kerry met Sergey Lavrov.\n",
		"d.html": `<html><head><title>Kerry meets Lavrov</title></head><body><article><h1>Kerry meets Lavrov</h1>` +
			`<p>Published October 28, 2022</p><p>John Kerry met Sergey Lavrov in Geneva on Friday, officials of both sides said.</p></article></body></html>`,
	})
	for name, want := range map[string]string{"a.txt": "2022-10-28", "b.md": "2022-10-25", "c-2016-09-28.txt": "2016-09-28", "d.html": "2022-10-28"} {
		docs, err := readAll(t, filepath.Join(dir, name), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if docs[0].Date != want {
			t.Errorf("%s: Date %q, want %q", name, docs[0].Date, want)
		}
	}
}
