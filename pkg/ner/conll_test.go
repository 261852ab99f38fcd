package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		docs   int
		tokens [][]string // per sentence, over all documents
		labels [][]string
	}{
		{
			name:   "two columns IOB2 with tabs",
			in:     "John\tB-PER\nKerry\tI-PER\nmet\tO\n\nParis\tB-LOC\n",
			docs:   1,
			tokens: [][]string{{"John", "Kerry", "met"}, {"Paris"}},
			labels: [][]string{{"B-PER", "I-PER", "O"}, {"B-LOC"}},
		},
		{
			name:   "IO with spaces and DOCSTART",
			in:     "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nband O\nJapanese I-MISC\n\n-DOCSTART- O\nRome I-LOC\n",
			docs:   2,
			tokens: [][]string{{"The", "Mad", "band", "Japanese"}, {"Rome"}},
			labels: [][]string{{"B-ORG", "I-ORG", "O", "B-MISC"}, {"B-LOC"}},
		},
		{
			name:   "IOB1 B between adjacent entities",
			in:     "Germany I-LOC\nFrance B-LOC\nsigned O\n",
			docs:   1,
			tokens: [][]string{{"Germany", "France", "signed"}},
			labels: [][]string{{"B-LOC", "B-LOC", "O"}},
		},
		{
			name:   "four columns",
			in:     "EU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n",
			docs:   1,
			tokens: [][]string{{"EU", "rejects", "German"}},
			labels: [][]string{{"B-ORG", "O", "B-MISC"}},
		},
		{
			name: "UNER with comments and newdoc",
			in: "# newdoc id = a\n# sent_id = a-1\n# text = Al-Zaman: American forces\n" +
				"1\tAl\tB-ORG\t-\tx\n2\t-\tI-ORG\t-\tx\n3\tZaman\tI-ORG\t-\tx\n4\t:\tO\n5\tAmerican\tB-OTH\t-\tx\n6\tforces\tB-O\n\n" +
				"# newdoc id = b\n# text = Hi\n1\tHi\tO\n",
			docs:   2,
			tokens: [][]string{{"Al", "-", "Zaman", ":", "American", "forces"}, {"Hi"}},
			labels: [][]string{{"B-ORG", "I-ORG", "I-ORG", "O", "B-MISC", "O"}, {"O"}},
		},
		{
			name:   "fine-grained classes",
			in:     "Labour\tB-politicalparty\nwon\tO\nthe\tO\n1997\tB-election\nelection\tI-election\nin\tO\nWales\tB-country\nwith\tO\nBlair\tB-politician\n",
			docs:   1,
			tokens: [][]string{{"Labour", "won", "the", "1997", "election", "in", "Wales", "with", "Blair"}},
			labels: [][]string{{"B-ORG", "O", "O", "B-MISC", "I-MISC", "O", "B-LOC", "O", "B-PER"}},
		},
		{
			name:   "hash token and white-space token",
			in:     "#\tO\n# O\n\u00a0\tO\nok\tO\n",
			docs:   1,
			tokens: [][]string{{"#", "#", "ok"}},
			labels: [][]string{{"O", "O", "O"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ReadCoNLL(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != tt.docs {
				t.Errorf("%d documents, want %d", len(docs), tt.docs)
			}
			var toks, labs [][]string
			for _, d := range docs {
				for _, s := range d.Sentences {
					toks = append(toks, s.Tokens)
					labs = append(labs, s.Labels)
				}
			}
			if !reflect.DeepEqual(toks, tt.tokens) {
				t.Errorf("tokens %q, want %q", toks, tt.tokens)
			}
			if !reflect.DeepEqual(labs, tt.labels) {
				t.Errorf("labels %q, want %q", labs, tt.labels)
			}
		})
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	if _, err := ReadCoNLL(strings.NewReader("John\tB-PER\nlonely\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error = %v, want one naming line 2", err)
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("John\tB-PER\nKerry\tI-PER\n\n-DOCSTART-\nx O\n")
	f.Add("# text = a\n1\ta\tB-LOC\t-\n")
	f.Add("a I-X\nb B-Y\nc E-Y\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				if len(s.Tokens) != len(s.Labels) || len(s.Tokens) == 0 {
					t.Fatalf("sentence with %d tokens and %d labels", len(s.Tokens), len(s.Labels))
				}
				for i, l := range s.Labels {
					// IOB2: an I- label continues its own class.
					if strings.HasPrefix(l, "I-") && (i == 0 || s.Labels[i-1][2:] != l[2:]) {
						t.Fatalf("labels %q are not IOB2", s.Labels)
					}
					if l != "O" && (len(l) < 3 || classNames[classIndex(l[2:])] != l[2:]) {
						t.Fatalf("label %q is not one the model knows", l)
					}
				}
				for _, sp := range goldSpans(s.Labels) {
					if sp.First < 0 || sp.Last > len(s.Labels) || sp.First >= sp.Last {
						t.Fatalf("bad span %+v", sp)
					}
				}
			}
		}
	})
}
