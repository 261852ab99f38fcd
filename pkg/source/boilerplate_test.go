package source

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const seedTXT = "../../fixtures/seeds/al-monitor-us-russia-syria-2016-09-28.txt"

// TestTrimBoilerplateSeed: the scraped seed page keeps its article and loses
// its furniture, byte offsets unchanged.
func TestTrimBoilerplateSeed(t *testing.T) {
	raw := fileBytes(t, seedTXT)
	docs, err := readAll(t, seedTXT, DefaultOptions())
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d docs, %v", len(docs), err)
	}
	d := docs[0]
	if len(d.Text) != len(raw) || d.Offset != 0 {
		t.Fatalf("Text has %d bytes at %d, want the whole file of %d", len(d.Text), d.Offset, len(raw))
	}
	checkOffsets(t, raw, docs)
	if d.Title != "US threatens to halt talks with Russia on Syria" || d.Date != "2016-09-28" {
		t.Errorf("Title %q Date %q: want the headline and the date in the file name", d.Title, d.Date)
	}
	for _, kept := range []string{
		"US threatens to halt talks with Russia on Syria",
		"Secretary of State John Kerry to his Russian counterpart Sergey Lavrov",
		"UNICEF Deputy Executive Director Justin Forsyth",
		"“Those using ever more destructive weapons know exactly what they are doing.",
	} {
		if !strings.Contains(d.Text, kept) {
			t.Errorf("article text lost: %q", kept)
		}
	}
	for _, gone := range []string{"Skip to main content", "Sign in", "Become Member", "$25.00", "Newsletters", "Israel Briefing",
		"Premium Membership", "Banking", "Al-Monitor PRO", "free trial", "team plans", "Middle East professionals"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("furniture kept: %q", gone)
		}
	}
	opt := DefaultOptions()
	opt.TrimBoilerplate = false
	docs, _ = readAll(t, seedTXT, opt)
	if docs[0].Text != string(raw) {
		t.Error("TrimBoilerplate=false changed the text")
	}
	if docs[0].ID != d.ID {
		t.Error("the ID depends on the trimming; it must be the file's")
	}
}

func TestTrimBoilerplate(t *testing.T) {
	prose := strings.Repeat("The minister said the talks in Geneva would resume next week after a pause.\n\n", 6)
	tests := []struct {
		name, in   string
		kept, gone []string
	}{
		{"prose mentioning furniture words",
			prose + "Readers can subscribe to the ministry's newsletter, which lists every meeting, the spokesman said.\n",
			[]string{"subscribe to the ministry's newsletter"}, nil},
		{"short furniture lines anywhere",
			"Skip to main content\nLog in\n" + prose + "Share on Facebook\n" + prose,
			[]string{"The minister said"}, []string{"Skip to main content", "Log in", "Share on Facebook"}},
		{"furniture tail",
			prose + "Sign up for our newsletter\n  • Morning Briefing\n  • Evening Briefing\nOnly $4.99 / month\nAlready a member? Log in\n",
			[]string{"resume next week after a pause."}, []string{"Sign up", "Morning Briefing", "$4.99", "Already a member"}},
		{"no tail inside the first third",
			"Subscribe\nNewsletter\nSign in\n" + prose,
			[]string{"The minister said"}, []string{"Subscribe", "Sign in"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := []byte(tt.in)
			trimBoilerplate(b)
			out := string(b)
			if len(out) != len(tt.in) {
				t.Fatalf("length changed")
			}
			for _, k := range tt.kept {
				if !strings.Contains(out, k) {
					t.Errorf("lost %q:\n%s", k, out)
				}
			}
			if strings.Count(out, "The minister said") != strings.Count(tt.in, "The minister said") {
				t.Errorf("prose lost:\n%s", out)
			}
			for _, g := range tt.gone {
				if strings.Contains(out, g) {
					t.Errorf("kept %q:\n%s", g, out)
				}
			}
		})
	}
}

// TestClutterKeepsSentences: a line that reads as a sentence is never
// clutter, whatever clutter words it holds; the rest of the old furniture
// rules still apply (they moved here from pkg/ner).
func TestClutterKeepsSentences(t *testing.T) {
	text := strings.Join([]string{
		"Skip to main content",
		"",
		"Recep Tayyip Erdogan approved Sweden's NATO membership on Tuesday, Jens Stoltenberg said.",
		"Kerry called Lavrov on Wednesday to discuss the ceasefire in Aleppo and the aid convoys.",
		"Stacks of bread in Aleppo, Syria. REUTERS/Abdalrhman Ismail",
		"",
		"The talks in Geneva will go on next week, officials in Washington said on Thursday night.",
		"Readers who want the premium edition paid for it, Murdoch told investors in New York.",
		"",
		"Join hundreds of Middle East professionals with Al-Monitor PRO.",
		"Already a Member? Sign in",
		"  • Turkey Briefing",
		"$25.00 / month",
		"We also offer team plans. Please send us an email.",
		"Become Member Start with 1-week free trial",
	}, "\n")
	spans := Clutter(text)
	dropped := func(s string) bool {
		i := strings.Index(text, s)
		for _, sp := range spans {
			if sp.Start < i+len(s) && i < sp.End {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"Skip to main content", "REUTERS/Abdalrhman Ismail", "Al-Monitor PRO", "Turkey Briefing", "$25.00", "team plans", "Become Member"} {
		if !dropped(s) {
			t.Errorf("%q is not clutter", s)
		}
	}
	for _, s := range []string{"Recep Tayyip Erdogan approved", "Jens Stoltenberg said", "Kerry called Lavrov", "Stacks of bread in Aleppo", "The talks in Geneva", "Murdoch told investors"} {
		if dropped(s) {
			t.Errorf("%q is clutter", s)
		}
	}
}

// TestReadListsDropped: Read blanks the clutter of every kind of document
// but Current Events items and lists it in Dropped.
func TestReadListsDropped(t *testing.T) {
	body := "Recep Tayyip Erdogan approved Sweden's NATO membership on Tuesday, Jens Stoltenberg said.\n\nSign up for our newsletter\n"
	for _, tt := range []struct{ name, content string }{
		{"a.txt", body},
		{"a.jsonl", `{"text": ` + strconvQuote(body) + `}` + "\n"},
	} {
		path := writeTemp(t, tt.name, tt.content)
		docs, err := readAll(t, path, DefaultOptions())
		if err != nil || len(docs) != 1 {
			t.Fatalf("%s: %d docs, %v", tt.name, len(docs), err)
		}
		d := docs[0]
		if !strings.Contains(d.Text, "Erdogan approved Sweden's NATO membership") || strings.Contains(d.Text, "Sign up") {
			t.Errorf("%s: text %q", tt.name, d.Text)
		}
		if len(d.Dropped) != 1 || body[d.Dropped[0].Start:d.Dropped[0].End] != "Sign up for our newsletter" {
			t.Errorf("%s: Dropped %v", tt.name, d.Dropped)
		}
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func strconvQuote(s string) string { return strconv.Quote(s) }
