package graph

// ValidDate reports whether s is a real calendar date written YYYY-MM-DD,
// the form of every date in the graph model.
func ValidDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	num := func(i, j int) int {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := num(0, 4), num(5, 7), num(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := monthDays[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// MinDate returns the earlier of two YYYY-MM-DD dates, ignoring empty ones.
func MinDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

// MaxDate returns the later of two YYYY-MM-DD dates.
func MaxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}

var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
