package source

import "testing"

func TestNormalizeDate(t *testing.T) {
	tests := map[string]string{
		"2016-09-28":                    "2016-09-28",
		"2016-12-9":                     "2016-12-09",
		"2016/12/09":                    "2016-12-09",
		"2016.3.1":                      "2016-03-01",
		"20161209":                      "2016-12-09",
		"2016-09-28T23:30:00-07:00":     "2016-09-28",
		"2016-09-28T14:05:00Z":          "2016-09-28",
		"2016-09-28 14:05:00":           "2016-09-28",
		"September 28, 2016":            "2016-09-28",
		"Sept. 28, 2016":                "2016-09-28",
		"Sep 28 2016":                   "2016-09-28",
		"Wednesday, September 28, 2016": "2016-09-28",
		"28 September 2016":             "2016-09-28",
		"28th of September, 2016":       "2016-09-28",
		"Wed, 28 Sep 2016 10:00:00 GMT": "2016-09-28",
		"1481241600":                    "2016-12-09",
		"1481241600000":                 "2016-12-09",
		"  2016-12-9 ":                  "2016-12-09",
		"2016-02-30":                    "",
		"2016-13-01":                    "",
		"Smarch 3, 2016":                "",
		"not a date":                    "",
		"":                              "",
		"12/09/2016":                    "", // ambiguous day/month order: left out
	}
	for in, want := range tests {
		if got := NormalizeDate(in); got != want {
			t.Errorf("NormalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameDate(t *testing.T) {
	tests := map[string]string{
		"seeds/al-monitor-us-russia-syria-2016-09-28.txt": "2016-09-28",
		"2016_9_28-report.md":                             "2016-09-28",
		"wcep-2016-12-9-battle-of-aleppo.md":              "2016-12-09",
		"2016-02-30.txt":                                  "",
		"12016-09-28.txt":                                 "",
		"report-v2.txt":                                   "",
		"2016/09/28/story.txt":                            "",
	}
	for in, want := range tests {
		if got := nameDate(in); got != want {
			t.Errorf("nameDate(%q) = %q, want %q", in, got, want)
		}
	}
}
