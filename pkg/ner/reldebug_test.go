package ner

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestRelDebugTags(t *testing.T) {
	if os.Getenv("RELDEBUG") == "" {
		t.Skip()
	}
	an, err := NewProseAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open("testdata/relations.tsv")
	sc := bufio.NewScanner(f)
	seen := map[string]bool{}
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		s := strings.Split(sc.Text(), "\t")[0]
		if seen[s] {
			continue
		}
		seen[s] = true
		toks, _ := an.Analyze(s)
		var b strings.Builder
		for _, tk := range toks {
			fmt.Fprintf(&b, "%s/%s ", tk.Text, tk.Tag)
		}
		fmt.Println(b.String())
	}
}
