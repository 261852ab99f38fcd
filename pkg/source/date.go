package source

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	reNumericDate = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])`)
	reCompactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reMonthFirst  = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reDayFirst    = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\.?,?\s+(\d{4})\b`)
	reWeekday     = regexp.MustCompile(`^(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+`)
)

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
	"nov": 11, "november": 11, "dec": 12, "december": 12,
}

// NormalizeDate returns the calendar date s names as YYYY-MM-DD, or "" when
// s is not a date it knows. Accepted: RFC 3339 and ISO 8601 date-times (the
// date part as written, no time-zone conversion), "2006-01-02",
// "2016-12-9", "2016/12/09", "20161209", "September 28, 2016",
// "Sept. 28, 2016", "Wednesday, September 28, 2016", "28 September 2016",
// RFC 1123 and RFC 822 ("Wed, 28 Sep 2016 10:00:00 GMT"), and Unix time in
// seconds or milliseconds as digits. The day must exist in its month.
func NormalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if m := reNumericDate.FindStringSubmatch(s); m != nil {
		return mkdate(m[1], atoi(m[2]), atoi(m[3]))
	}
	if m := reCompactDate.FindStringSubmatch(s); m != nil {
		if d := mkdate(m[1], atoi(m[2]), atoi(m[3])); d != "" {
			return d
		}
	}
	if isDigits(s) && len(s) >= 9 && len(s) <= 13 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			if len(s) >= 12 {
				return time.UnixMilli(n).UTC().Format("2006-01-02")
			}
			return time.Unix(n, 0).UTC().Format("2006-01-02")
		}
	}
	t := reWeekday.ReplaceAllString(s, "")
	if m := reMonthFirst.FindStringSubmatch(t); m != nil {
		if mo, ok := months[strings.ToLower(m[1])]; ok {
			return mkdate(m[3], mo, atoi(m[2]))
		}
	}
	if m := reDayFirst.FindStringSubmatch(t); m != nil {
		if mo, ok := months[strings.ToLower(m[2])]; ok {
			return mkdate(m[3], mo, atoi(m[1]))
		}
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC, time.UnixDate} {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm.Format("2006-01-02")
		}
	}
	return ""
}

func mkdate(year string, month, day int) string {
	y := atoi(year)
	if y < 1 || month < 1 || month > 12 || day < 1 || day > 31 {
		return ""
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return ""
	}
	return t.Format("2006-01-02")
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
