package graph

import "testing"

func TestValidDate(t *testing.T) {
	tests := map[string]bool{
		"2016-12-09": true, "2016-02-29": true, "2015-02-29": false, "1900-02-29": false, "2000-02-29": true,
		"2016-13-01": false, "2016-00-10": false, "2016-04-31": false, "2016-12-9": false, "": false,
		"2016/12/09": false, "20a6-12-09": false, "0001-01-01": true, "2016-12-09T10:00": false,
	}
	for in, want := range tests {
		if got := ValidDate(in); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestMinMaxDate(t *testing.T) {
	if got := MinDate("", "2016-01-02"); got != "2016-01-02" {
		t.Errorf("MinDate ignores no empty date: %q", got)
	}
	if got := MinDate("2016-01-02", "2015-12-31"); got != "2015-12-31" {
		t.Errorf("MinDate = %q", got)
	}
	if got := MaxDate("2016-01-02", ""); got != "2016-01-02" {
		t.Errorf("MaxDate = %q", got)
	}
}
