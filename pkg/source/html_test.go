package source

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

func TestReadHTML(t *testing.T) {
	tests := []struct {
		path, title, date, url string
		kept, gone             []string
	}{
		{
			path:  "testdata/html/harbour-bridge.html",
			title: "Harbour bridge reopens after two-year repair",
			date:  "2019-04-17",
			url:   "https://www.coastal-ledger.example/news/2019/04/harbour-bridge-reopens",
			kept: []string{
				"The Westhaven harbour bridge reopened to traffic on Wednesday morning",
				"Mayor Helena Brandt cut the ribbon",
				"Engineers from Nordbau Consulting found corrosion",
				"Opposition councillor Tomas Rey said",
				"tolls would stay suspended until the end of May",
			},
			gone: []string{"We use cookies", "Accept All", "Subscribe for $1", "Sign in", "ADVERTISEMENT", "Holiday cruises",
				"Win a new SUV", "Morning Briefing", "Become a member", "Ferry workers announce", "All rights reserved", "Privacy policy", "analytics"},
		},
		{
			path:  "testdata/html/glacier-study.html",
			title: "Alpine glaciers lost a tenth of their ice in two years, survey finds",
			date:  "2023-09-28",
			kept: []string{
				"Switzerland's glaciers lost ten percent of their remaining volume",
				"The network's director, Matthias Huss, said",
				"St. Annafirn in the canton of Uri",
				"The Federal Office for the Environment said",
			},
			gone: []string{"uses cookies", "I agree", "Breaking: markets", "Log in", "Trending now", "energy bill", "$4.99",
				"Share on Facebook", "Hearing aids", "skier88", "the climate always changed", "registered trademark"},
		},
		{
			path:  "testdata/html/council-vote.htm",
			title: "Council votes to ban cars from market square",
			date:  "2021-03-05",
			kept: []string{
				"Riverside town council voted eleven to four on Thursday night",
				"Council leader Priya Natarajan said",
				"Its chairman, Derek Holloway, said",
				"sixty-two percent of residents",
			},
			gone: []string{"Front page", "Classifieds", "Cheap flights", "agree to our use of cookies", "12 Mill Lane"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			docs, err := readAll(t, tt.path, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			d := docs[0]
			if d.Offset != -1 || d.ID != HashID(d.Text) {
				t.Errorf("Offset %d ID %q: want -1 and the hash of the text", d.Offset, d.ID)
			}
			if d.Title != tt.title || d.Date != tt.date {
				t.Errorf("Title %q Date %q, want %q %q", d.Title, d.Date, tt.title, tt.date)
			}
			if tt.url != "" && d.URL != tt.url {
				t.Errorf("URL %q, want %q", d.URL, tt.url)
			}
			for _, k := range tt.kept {
				if !strings.Contains(d.Text, k) {
					t.Errorf("article text lost: %q\nText: %s", k, d.Text)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(d.Text, g) {
					t.Errorf("page furniture kept: %q\nText: %s", g, d.Text)
				}
			}
		})
	}
}

func TestReadHTMLLegacyEncoding(t *testing.T) {
	docs, err := readAll(t, "testdata/html/latin1-page.html", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if !strings.Contains(d.Text, "The Café Central in Málaga reopened") || !strings.Contains(d.Text, "José María García") ||
		d.Title != "Café reopens in Málaga" || strings.Contains(d.Text, "\ufffd") {
		t.Errorf("Latin-1 page not decoded: Title %q Text %q", d.Title, d.Text)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "decoded as windows-1252") {
		t.Errorf("Warnings %q", d.Warnings)
	}
}

func TestReadHTMLWithoutArticle(t *testing.T) {
	dir := tree(t, map[string]string{"nav.html": `<html><body><nav><a href="/">Home</a></nav></body></html>`})
	_, err := readAll(t, dir+"/nav.html", DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "nav.html: ") {
		t.Errorf("page without article: error %v, want one naming the file", err)
	}
}

// TestReadHTMLParagraphs: the headline, paragraphs, list items and quotes
// stay apart, and inline markup adds no space ("Greece</b>." stays
// "Greece.").
func TestReadHTMLParagraphs(t *testing.T) {
	page := `<html><head><title>Dinner</title></head><body><nav><a href="/">Home</a></nav><article>` +
		`<h1>Hollande hosts Merkel for dinner in Paris</h1>` +
		`<p>PARIS — French President François Hollande met Angela Merkel for dinner in Paris on Sunday evening, officials said.</p>` +
		`<p>The two leaders discussed <a href="x">Ukraine</a> and <b>Greece</b>.<br>A second line after a break, with enough words.</p>` +
		`<ul><li>First item of the list, with words</li><li>Second item of the list, with words</li></ul>` +
		`<h2>Next steps</h2><p>They will meet again in Berlin next month, a spokesman said on Monday.</p></article></body></html>`
	dir := tree(t, map[string]string{"dinner.html": page})
	docs, err := readAll(t, dir+"/dinner.html", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := "Hollande hosts Merkel for dinner in Paris\n\n" +
		"PARIS — French President François Hollande met Angela Merkel for dinner in Paris on Sunday evening, officials said.\n\n" +
		"The two leaders discussed Ukraine and Greece.\n\nA second line after a break, with enough words.\n\n" +
		"First item of the list, with words\n\nSecond item of the list, with words\n\n" +
		"Next steps\n\nThey will meet again in Berlin next month, a spokesman said on Monday."
	if docs[0].Text != want {
		t.Errorf("Text\n%q\nwant\n%q", docs[0].Text, want)
	}
}

// failingEncoding is an encoding whose decoder always fails, as
// go-trafilatura's transform chain did on one page ("short internal
// buffer").
type failingEncoding struct{}

func (failingEncoding) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: failingTransformer{}}
}
func (failingEncoding) NewEncoder() *encoding.Encoder { return encoding.Nop.NewEncoder() }

type failingTransformer struct{ transform.NopResetter }

func (failingTransformer) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	return 0, 0, errors.New("transform: short internal buffer")
}

func TestDecodeHTMLFallback(t *testing.T) {
	s, warn := decodeWith([]byte("<p>Caf\xe9 owner Jos\xe9 met the mayor.</p>"), failingEncoding{}, "x-test")
	if s != "<p>Caf\ufffd owner Jos\ufffd met the mayor.</p>" {
		t.Errorf("fallback text %q", s)
	}
	if !strings.Contains(warn, "could not decode as x-test") || !strings.Contains(warn, "short internal buffer") {
		t.Errorf("warning %q", warn)
	}
}
