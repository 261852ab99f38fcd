package ner

import (
	"os"
	"strings"
	"testing"
)

func TestFurniture(t *testing.T) {
	text := strings.Join([]string{
		"Skip to main content",
		"",
		"Kerry called Lavrov on Wednesday to discuss the ceasefire in Aleppo and the aid convoys.",
		"Stacks of bread in Aleppo, Syria. REUTERS/Abdalrhman Ismail",
		"",
		"The talks in Geneva will go on next week, officials in Washington said on Thursday night.",
		"",
		"Join hundreds of Middle East professionals with Al-Monitor PRO.",
		"Already a Member? Sign in",
		"  • Turkey Briefing",
		"$25.00 / month",
		"Become Member Start with 1-week free trial",
	}, "\n")
	rs := furniture(text)
	masked := func(s string) bool {
		i := strings.Index(text, s)
		return inRanges(rs, i, i+len(s))
	}
	for _, s := range []string{"Skip to main content", "REUTERS/Abdalrhman Ismail", "Al-Monitor PRO", "Turkey Briefing", "$25.00", "Become Member"} {
		if !masked(s) {
			t.Errorf("%q is not marked as furniture", s)
		}
	}
	for _, s := range []string{"Kerry called Lavrov", "Stacks of bread in Aleppo", "The talks in Geneva"} {
		if masked(s) {
			t.Errorf("%q is marked as furniture", s)
		}
	}
}

// The seed article's subscription tail yields no entities at all.
func TestFurnitureSeed(t *testing.T) {
	b, err := os.ReadFile("../../fixtures/seeds/al-monitor-us-russia-syria-2016-09-28.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	rs := furniture(text)
	tail := strings.Index(text, "Join hundreds of Middle East professionals")
	last := strings.Index(text, "Even a slaughterhouse is more humane")
	if tail < 0 || last < 0 {
		t.Fatal("seed text changed")
	}
	if inRanges(rs, last, last+10) {
		t.Error("the article's last paragraph is marked as furniture")
	}
	for _, s := range []string{"Middle East Minute", "Premium Membership", "Become Member", "Join Al-Monitor PRO"} {
		i := strings.Index(text, s)
		if !inRanges(rs, i, i+len(s)) {
			t.Errorf("%q is not furniture", s)
		}
	}
}
