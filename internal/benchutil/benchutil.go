package benchutil

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"
)

// ReportRates reports tokens per wall-second and, where the CPU time is
// known, per CPU-second since cpu0 (see CPUTime), which a busy machine
// distorts less than wall time.
func ReportRates(b *testing.B, tokens int, cpu0 time.Duration) {
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	if c := CPUTime() - cpu0; c > 0 && cpu0 > 0 {
		b.ReportMetric(float64(tokens*b.N)/c.Seconds(), "tokens/cpu-s")
	}
}

// CoNLLText returns the text of a CoNLL file (token in the first column,
// sentences separated by blank lines, -DOCSTART- lines ignored): each
// sentence's tokens joined by spaces, one paragraph a sentence.
func CoNLLText(b *testing.B, path string) string {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	var sent []string
	flush := func() {
		if len(sent) > 0 {
			sb.WriteString(strings.Join(sent, " "))
			sb.WriteString("\n\n")
			sent = sent[:0]
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "-DOCSTART-"):
		default:
			if tok := strings.Fields(line); len(tok) > 0 {
				sent = append(sent, tok[0])
			}
		}
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	flush()
	return sb.String()
}
