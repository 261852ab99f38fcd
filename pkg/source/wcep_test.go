package source

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	seedMD    = "../../fixtures/seeds/wcep-2016-12-9-battle-of-aleppo.md"
	wcepNews  = "../../fixtures/wcep/news"
	aleppoDir = wcepNews + "/2016/12/9/"
	aleppoID  = "/news/2016/12/9/battle-of-aleppo-aleppo-offensive-november-december-2016-russia-and-the-united-states-will-continue-talks-on-aleppo-after-talks-betwee.md"
)

// TestSeedItem checks the seed: the item and its 10 Related entries, with
// dates, IDs, topics and contexts taken from the file itself.
func TestSeedItem(t *testing.T) {
	docs, err := readAll(t, seedMD, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 11 {
		t.Fatalf("%d documents, want the item and 10 Related entries", len(docs))
	}
	raw := fileBytes(t, seedMD)
	checkOffsets(t, raw, docs)

	item := docs[0]
	if item.ID != aleppoID || item.Date != "2016-12-09" || item.Topic != "Battle of Aleppo" {
		t.Errorf("item: ID %q Date %q Topic %q", item.ID, item.Date, item.Topic)
	}
	if !strings.HasPrefix(item.Text, "Russia and the United States will continue talks") ||
		!strings.HasSuffix(item.Text, "civilian evacuation was reached.") {
		t.Errorf("item Text = %q: want headline without topics, and the description", item.Text)
	}
	for _, gone := range []string{"Source", "AlJazeera", "aljazeera.com", "Related", "Battle of Aleppo:"} {
		if strings.Contains(item.Text, gone) {
			t.Errorf("item Text holds %q", gone)
		}
	}
	if item.URL != "http://www.aljazeera.com/news/2016/12/russia-close-deal-syria-aleppo-161208091820997.html" {
		t.Errorf("item URL = %q", item.URL)
	}

	// Expected values of the Related entries read straight from the file.
	entry := regexp.MustCompile(`(?m)^(\d+)\. \[(.*)\]\((/news/(\d{4})/(\d\d)/(\d{1,2})/[^)]+)\) _Context: (.*)_$`)
	ms := entry.FindAllStringSubmatch(string(raw), -1)
	if len(ms) != 10 {
		t.Fatalf("fixture has %d Related entries, want 10", len(ms))
	}
	for i, m := range ms {
		d := docs[i+1]
		day := m[6]
		if len(day) == 1 {
			day = "0" + day
		}
		if d.ID != m[3] || d.Date != m[4]+"-"+m[5]+"-"+day {
			t.Errorf("entry %s: ID %q Date %q, want %q %s-%s-%s", m[1], d.ID, d.Date, m[3], m[4], m[5], day)
		}
		if len(d.Contexts) != 1 || strings.Join(d.Contexts[0], ", ") != m[7] {
			t.Errorf("entry %s: Contexts %q, want %q", m[1], d.Contexts, m[7])
		}
		if head := d.Text[:min(40, len(d.Text))]; !strings.Contains(m[2], head) {
			t.Errorf("entry %s: Text %q not within the link text", m[1], d.Text)
		}
		if strings.Contains(d.Text, "_Context") || strings.Contains(d.Text, "/news/") {
			t.Errorf("entry %s: markup left in %q", m[1], d.Text)
		}
	}
	first := docs[1]
	if first.Date != "2016-03-22" || strings.Join(first.Contexts[0], "|") != "John Kerry|Sergey Lavrov|United States" {
		t.Errorf("entry 1: %q %q", first.Date, first.Contexts)
	}
	if first.Topic != "Russia-United States relations" || !strings.HasPrefix(first.Text, "U.S. Secretary of State John Kerry leaves") {
		t.Errorf("entry 1: Topic %q Text %q", first.Topic, first.Text)
	}
	if docs[6].Topic != "Battle of Aleppo" || docs[5].Topic != "" {
		t.Errorf("entry 6 Topic %q (want Battle of Aleppo), entry 5 Topic %q (want none)", docs[6].Topic, docs[5].Topic)
	}
}

// TestSameItemSameID reads the seed and the two stored versions of the same
// item (one with an @hash file name and ". " topic separators): the item and
// each Related entry have the same ID in all three.
func TestSameItemSameID(t *testing.T) {
	var sets [][]string
	for _, p := range []string{
		seedMD,
		aleppoDir + "battle-of-aleppo-aleppo-offensive-november-december-2016-russia-and-the-united-states-will-continue-talks-on-aleppo-after-talks-betwee.md",
		aleppoDir + "battle-of-aleppo-aleppo-offensive-november-december-2016-russia-and-the-united-states-will-continue-talks-on-aleppo-after-talks-betwee@c9de58ec.md",
	} {
		docs, err := readAll(t, p, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
		sets = append(sets, ids)
		if len(docs) > 1 && docs[1].Topic != "Russia-United States relations" {
			t.Errorf("%s: entry 1 Topic %q", p, docs[1].Topic)
		}
	}
	for i := 1; i < len(sets); i++ {
		if strings.Join(sets[i], "\n") != strings.Join(sets[0], "\n") {
			t.Errorf("IDs differ:\n%v\n%v", sets[0], sets[i])
		}
	}
	if sets[0][0] != aleppoID {
		t.Errorf("item ID %q, want %q", sets[0][0], aleppoID)
	}
}

// TestCurrentEventsCorpus reads every fixture file and checks what holds for
// all: offsets, dates, IDs, and that a Related entry met in several files is
// the same document with the same date.
func TestCurrentEventsCorpus(t *testing.T) {
	files := fixtureFiles(t)
	dates := map[string]string{}
	seenIn := map[string]int{}
	for _, p := range files {
		docs, err := readAll(t, p, DefaultOptions())
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		raw := fileBytes(t, p)
		checkOffsets(t, raw, docs)
		ids := map[string]bool{}
		for _, d := range docs {
			if !reLinkDate.MatchString(d.ID) || !strings.HasSuffix(d.ID, ".md") || strings.Contains(d.ID, "@") {
				t.Errorf("%s: ID %q is not a news link path", p, d.ID)
			}
			if ids[d.ID] {
				t.Errorf("%s: ID %q emitted twice", p, d.ID)
			}
			ids[d.ID] = true
			seenIn[d.ID]++
			if d.Date != linkDate(d.ID) {
				t.Errorf("%s: %s dated %q", p, d.ID, d.Date)
			}
			if old, ok := dates[d.ID]; ok && old != d.Date {
				t.Errorf("%s dated %s and %s", d.ID, old, d.Date)
			}
			dates[d.ID] = d.Date
			if strings.TrimSpace(d.Text) != d.Text || d.Text == "" {
				t.Errorf("%s: %s Text not trimmed or empty: %q", p, d.ID, d.Text)
			}
			for _, gone := range []string{"](/news/", "_Context:", "### ", "Formats:"} {
				if strings.Contains(d.Text, gone) {
					t.Errorf("%s: %s Text holds %q", p, d.ID, gone)
				}
			}
			for _, line := range d.Contexts {
				for _, n := range line {
					if n == "2016" || strings.HasPrefix(n, " ") || n == "" {
						t.Errorf("%s: bad context name %q in %q", p, n, line)
					}
				}
			}
		}
		if strings.HasSuffix(p, "index.md") {
			items := regexp.MustCompile(`(?m)^### \[`).FindAll(raw, -1)
			dateHeads := regexp.MustCompile(`(?m)^#{2,3} \[\d{4}-`).FindAll(raw, -1)
			if want := len(items) - countPrefix(dateHeads, "### "); len(docs) != want {
				t.Errorf("%s: %d documents, want one per item: %d", p, len(docs), want)
			}
		} else if want := NewsLinkID(p); len(docs) == 0 || docs[0].ID != want {
			t.Errorf("%s: first document should be the item %s", p, want)
		}
	}
	shared := 0
	for _, n := range seenIn {
		if n > 1 {
			shared++
		}
	}
	if shared < 10 {
		t.Errorf("only %d documents met in more than one file; the same item must keep its ID", shared)
	}
}

func countPrefix(bs [][]byte, p string) int {
	n := 0
	for _, b := range bs {
		if strings.HasPrefix(string(b), p) {
			n++
		}
	}
	return n
}

func fixtureFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(wcepNews, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) < 30 {
		t.Fatalf("fixtures: %d files, %v", len(files), err)
	}
	return files
}

func TestDayPage(t *testing.T) {
	docs, err := readAll(t, aleppoDir+"index.md", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	byTopic := map[string]Document{}
	for _, d := range docs {
		byTopic[d.Topic] = d
		if d.Date != "2016-12-09" {
			t.Errorf("%s dated %s", d.ID, d.Date)
		}
	}
	g := byTopic["Gambian presidential election, 2016"]
	want := []string{"Gambian presidential election, 2016", "President of Gambia", "Adama Barrow", "Yahya Jammeh"}
	if len(g.Contexts) != 1 || strings.Join(g.Contexts[0], "|") != strings.Join(want, "|") {
		t.Errorf("Gambian item Contexts %q, want %q", g.Contexts, want)
	}
	if !strings.HasPrefix(g.Text, "The President of Gambia Yahya Jammeh states") || strings.Contains(g.Text, "Context") {
		t.Errorf("Gambian item Text %q", g.Text)
	}
	a := byTopic["Battle of Aleppo"]
	if !strings.Contains(a.Text, "US State Department confirms Kerry and Lavrov met") {
		t.Errorf("item description missing: %q", a.Text)
	}
	if strings.Contains(a.Text, "Cairo") {
		t.Errorf("next item leaked into %q", a.Text)
	}
}

func TestParseContextNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"John Kerry, Sergey Lavrov, United States", "John Kerry|Sergey Lavrov|United States"},
		{"Gambian presidential election, 2016, President of Gambia, Adama Barrow", "Gambian presidential election, 2016|President of Gambia|Adama Barrow"},
		{"Aleppo offensive (November-December 2016), Battle of Aleppo", "Aleppo offensive (November-December 2016)|Battle of Aleppo"},
		{"Aftermath of the United Kingdom European Union membership referendum, 2016", "Aftermath of the United Kingdom European Union membership referendum, 2016"},
		{"Martin Luther King, Jr., Atlanta", "Martin Luther King, Jr.|Atlanta"},
		{"2015-16 South Pacific cyclone season, Vanuatu", "2015-16 South Pacific cyclone season|Vanuatu"},
		{"Kurdish-Turkish conflict, 1978-present, Turkey", "Kurdish-Turkish conflict, 1978-present|Turkey"},
		{"Foo (a, b), Bar", "Foo (a, b)|Bar"},
		{"in absentia, Cambodia", "in absentia|Cambodia"},
		{"MV ''ACX Crysta''l, USS ''Fitzgerald''", "MV ACX Crystal|USS Fitzgerald"},
		{" , A,,  B ,", "A,|B ,"},
		{"1990s, Music", "1990s|Music"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(parseContextNames(tt.in), "|")
		if got != tt.want {
			t.Errorf("parseContextNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := ParseContext("_Context: Russia, United States_"); strings.Join(got, "|") != "Russia|United States" {
		t.Errorf("ParseContext = %q", got)
	}
}

func TestTopicPrefix(t *testing.T) {
	tests := []struct {
		h       string
		names   []string
		dot     bool
		topic   string
		stripTo string
	}{
		{"Battle of Aleppo: Aleppo offensive (November-December 2016): Russia and the US talk.", nil, false, "Battle of Aleppo", "Russia and"},
		{"Russia-United States relations, Syrian peace process: War in Donbass: U.S. Secretary leaves.", nil, false, "Russia-United States relations", "U.S. Secretary"},
		{"Gambian presidential election, 2016: Adama Barrow wins.", nil, false, "Gambian presidential election, 2016", "Adama Barrow"},
		{"Kerry says: talks will go on.", nil, false, "", "Kerry says"},
		{"The report concludes with a long sentence that is clearly not any kind of title at all: yes.", nil, false, "", "The report"},
		{"Battle of Aleppo. Aleppo offensive (November-December 2016). The warring parties agree.", []string{"Aleppo offensive (November-December 2016)", "Battle of Aleppo"}, false, "Battle of Aleppo", "The warring"},
		{"Syrian Civil War. Russia vetoes.", nil, false, "", "Syrian Civil War."},
		{"Syrian Civil War. Russia vetoes.", nil, true, "Syrian Civil War", "Russia vetoes"},
		{"U.S. President Obama visits Cuba. He meets Castro.", nil, true, "", "U.S."},
		{"He was 46. Rob Ford dies.", nil, true, "", "He was"},
		{"Topic only: ", nil, false, "", "Topic only"},
	}
	for _, tt := range tests {
		cut := topicPrefixLen(tt.h, tt.names, tt.dot)
		topic := ""
		if cut > 0 {
			topic = topicName(tt.h[:cut])
		}
		if topic != tt.topic || !strings.HasPrefix(tt.h[cut:], tt.stripTo) {
			t.Errorf("%q: topic %q rest %q; want %q, %q...", tt.h, topic, tt.h[cut:], tt.topic, tt.stripTo)
		}
	}
}

// TestSlugify checks that the slug of each fixture item's headline is its
// file name, for the files whose topics are separated by ": " or that have
// no topics (the export made some of the others from a text we do not have).
func TestSlugify(t *testing.T) {
	checked := 0
	for _, p := range fixtureFiles(t) {
		if strings.HasSuffix(p, "index.md") {
			continue
		}
		raw := string(fileBytes(t, p))
		m := regexp.MustCompile(`(?m)^# (.*)$`).FindStringSubmatch(raw)
		if m == nil {
			t.Errorf("%s: no headline", p)
			continue
		}
		h := strings.TrimRight(m[1], "\r")
		base := filepath.Base(NewsLinkID(p))
		_, ctxs := blankMarkdown([]byte(raw))
		ctxAt := map[int][]string{}
		for _, c := range ctxs {
			ctxAt[c.pos] = c.names
		}
		if topicPrefixLen(h, nil, false) == 0 && topicPrefixLen(h, nil, dotStyleFile([]byte(raw), ctxAt)) > 0 {
			continue // ". " topic separators: the export made some of these slugs from another text
		}
		if got := slugify(h) + ".md"; got != base {
			t.Errorf("slugify(%q)\n = %s\nwant %s", h, got, base)
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("only %d headlines checked", checked)
	}
	for in, want := range map[string]string{
		"Portugal's António Guterres begins": "portugal-s-anta3nio-guterres-begins",
		"British–American actress":           "britishaamerican-actress",
		"  --Hello,  World!--  ":             "hello-world",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewsLinkID(t *testing.T) {
	tests := map[string]string{
		"/news/2016/03/22/slug.md":                      "/news/2016/03/22/slug.md",
		"fixtures/wcep/news/2016/12/9/slug@c9de58ec.md": "/news/2016/12/9/slug.md",
		"news/2016/12/9/index.md":                       "/news/2016/12/9/index.md",
		"/news/2016/12/9/slug.html":                     "",
		"notes/2016/12/9/slug.md":                       "",
		"renews/2016/12/9/slug.md":                      "",
		"/news/16/12/9/slug.md":                         "",
		"/news/2016/123/9/slug.md":                      "",
		"/news/2016/12/9/.md":                           "",
		"/news/2016/12/9/a/b.md":                        "",
		"/news/2016/12/9/a@b-c.md":                      "/news/2016/12/9/a@b-c.md",
		"/x/news/2016/1/2/news/2016/1/3/s.md":           "/news/2016/1/3/s.md",
	}
	for in, want := range tests {
		if got := NewsLinkID(in); got != want {
			t.Errorf("NewsLinkID(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCRLFAndBOM: a Current Events file saved with CRLF line ends and a
// byte-order mark gives the same documents.
func TestCRLFAndBOM(t *testing.T) {
	raw := fileBytes(t, seedMD)
	crlf := "\ufeff" + strings.ReplaceAll(string(raw), "\n", "\r\n")
	p := filepath.Join(t.TempDir(), "item.md")
	if err := os.WriteFile(p, []byte(crlf), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := readAll(t, seedMD, DefaultOptions())
	got, err := readAll(t, p, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, []byte(crlf), got)
	if len(got) != len(want) {
		t.Fatalf("%d documents, want %d", len(got), len(want))
	}
	for i := range want {
		g := strings.ReplaceAll(got[i].Text, "\r", "")
		if got[i].ID != want[i].ID || got[i].Date != want[i].Date || got[i].Topic != want[i].Topic || g != want[i].Text ||
			!equalContexts(got[i].Contexts, want[i].Contexts) {
			t.Errorf("document %d differs:\n%+v\n%+v", i, got[i], want[i])
		}
	}
}

// TestCurrentEventsStructure: hand-made pages for the cases the fixtures do
// not have.
func TestCurrentEventsStructure(t *testing.T) {
	page := "## [2016-12-9](/news/2016/12/9/index.md)\n\n" +
		"##### Topic A\n### [First headline here. ](/news/2016/12/9/first@ab12.md)\nFirst description.\n\n" +
		"### Unknown heading\nNot part of any item.\n\n" +
		"### [Second: No topic prefix in a sentence? ](/news/2016/12/9/second.md)\n_Context: Name One, 2016, Two_\n" +
		"### [Second: repeated link](/news/2016/12/9/second.md)\n"
	docs := readTextual("in/page.md", formatMarkdown, []byte(page), false)
	if len(docs) != 2 {
		t.Fatalf("%d documents: %+v", len(docs), docs)
	}
	if docs[0].ID != "/news/2016/12/9/first.md" || docs[0].Topic != "Topic A" || docs[0].Date != "2016-12-09" ||
		!strings.HasPrefix(docs[0].Text, "First headline here.") {
		t.Errorf("first: %+v", docs[0])
	}
	if strings.Contains(docs[0].Text, "Not part") || !strings.HasSuffix(docs[0].Text, "First description.") {
		t.Errorf("first Text %q", docs[0].Text)
	}
	if docs[1].Topic != "Topic A" || docs[1].Title != "No topic prefix in a sentence?" ||
		len(docs[1].Contexts) != 1 || strings.Join(docs[1].Contexts[0], "|") != "Name One, 2016|Two" {
		t.Errorf("second: %+v", docs[1])
	}
}
