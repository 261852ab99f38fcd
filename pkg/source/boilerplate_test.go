package source

import (
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
