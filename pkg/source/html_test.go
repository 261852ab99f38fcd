package source

import (
	"strings"
	"testing"
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
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "decoded from windows-1252") {
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
