package ner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sync"

	pner "github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/tag"
	ptoken "github.com/jdkato/prose/v3/token"
)

// TrainConfig controls Train. The zero value is not useful; start from
// DefaultTrainConfig.
type TrainConfig struct {
	// Epochs is the number of passes over the data (default 10).
	Epochs int
	// Bits is log2 of the number of weight rows features hash into
	// (default 20: 1M rows, 36 MB of float32 weights at run time).
	Bits uint
	// Seed fixes the order sentences are visited in, so training is
	// reproducible (default 1).
	Seed uint64
	// Dropout is the probability that a token's word-identity features
	// (the word, its bigrams) are left out of one training step, so that
	// the model learns to recognise names from their shape, context and
	// gazetteer entries as well as by heart (default 0.3).
	Dropout float64
	// Runs is the number of perceptrons trained, each visiting the
	// sentences in its own order, whose weights are averaged (default 3).
	Runs int
	// Log, when not nil, receives one line of progress per epoch.
	Log io.Writer

	features featureSet // feature groups; tests and ablations change it
}

// DefaultTrainConfig returns the configuration the shipped model was
// trained with.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Epochs: 10, Bits: 19, Seed: 1, Dropout: 0.3, Runs: 3, features: defaultFeatures}
}

// ErrNoTrainingData reports that Train was given no annotated sentences.
var ErrNoTrainingData = errors.New("no training sentences")

var posTagger = sync.OnceValues(func() (*tag.Tagger, error) {
	t, err := tag.New()
	if err != nil {
		return nil, fmt.Errorf("ner: load POS model: %w", err)
	}
	return t, nil
})

// posTags tags words as one sentence with prose's POS tagger.
func posTags(words []string) ([]string, error) {
	t, err := posTagger()
	if err != nil {
		return nil, err
	}
	toks := make([]ptoken.Token, len(words))
	for i, w := range words {
		toks[i].Text = w
	}
	t.TagTokens(toks)
	out := make([]string, len(words))
	for i := range toks {
		out[i] = toks[i].Tag
	}
	return out, nil
}

// ReadCoNLLFile reads a file with ReadCoNLL.
func ReadCoNLLFile(path string) ([]GoldDocument, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("ner: read %s: %w", path, err)
	}
	return docs, nil
}

type trainSent struct {
	feats []uint32
	offs  []int
	idEnd []int
	gold  []int
}

// Train learns a Model from annotated documents with the gazetteer g
// (nil for none). Sentences are POS-tagged with prose's tagger, as text
// is when the model runs. Training is deterministic for a given config
// and input, and stops early with ctx's error when ctx is cancelled.
func Train(ctx context.Context, cfg TrainConfig, g *Gazetteer, docs []GoldDocument) (*Model, error) {
	if cfg.Epochs <= 0 {
		cfg.Epochs = 10
	}
	if cfg.Bits == 0 {
		cfg.Bits = 19
	}
	if cfg.Bits < 8 || cfg.Bits > 26 {
		return nil, fmt.Errorf("ner: train: bits %d out of range 8..26", cfg.Bits)
	}
	if cfg.features == 0 {
		cfg.features = defaultFeatures
	}
	mask := uint64(1)<<cfg.Bits - 1
	if cfg.features&fsClusters != 0 {
		if _, err := defaultClusters(); err != nil {
			return nil, fmt.Errorf("ner: train: %w", err)
		}
	}
	// Pass 1: tag every sentence; with fsDictPOS, learn the word → tag
	// dictionary the model will read instead of a tagger.
	type tagged struct {
		s    GoldSentence
		tags []string
	}
	var all []tagged
	pc := newPOSCounter()
	for _, d := range docs {
		for _, s := range d.Sentences {
			if len(s.Tokens) == 0 {
				continue
			}
			tags, err := posTags(s.Tokens)
			if err != nil {
				return nil, fmt.Errorf("ner: train: %w", err)
			}
			if cfg.features&fsDictPOS != 0 {
				pc.add(s.Tokens, tags)
			}
			all = append(all, tagged{s, tags})
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	var pd *posDict
	if cfg.features&fsDictPOS != 0 {
		pd = pc.dict()
	}
	var sents []trainSent
	var sc featureScratch
	for _, ts0 := range all {
		s, tags := ts0.s, ts0.tags
		if cfg.features&fsProse != 0 {
			sc.prose = proseLabels(s.Tokens, tags)
		}
		extract(&sc, g, pd, cfg.features, s.Tokens, tags, mask)
		ts := trainSent{
			feats: append([]uint32(nil), sc.feats...),
			offs:  append([]int(nil), sc.offs...),
			idEnd: append([]int(nil), sc.idEnd...),
			gold:  make([]int, len(s.Tokens)),
		}
		for i, l := range s.Labels {
			ts.gold[i] = labelIndex(l)
		}
		dropHandles(s.Tokens, ts.gold)
		sents = append(sents, ts)
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("ner: train: %w", ErrNoTrainingData)
	}
	runs := max(cfg.Runs, 1)
	var sum *weights
	for r := range runs {
		w, err := trainRun(ctx, cfg, cfg.Seed+uint64(r)*7919, sents)
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = w
			continue
		}
		for i, v := range w.emit {
			sum.emit[i] += v
		}
		for i, v := range w.trans {
			sum.trans[i] += v
		}
	}
	if runs > 1 {
		for i := range sum.emit {
			sum.emit[i] /= float32(runs)
		}
		for i := range sum.trans {
			sum.trans[i] /= float32(runs)
		}
	}
	sum.quantize()
	return &Model{w: sum, set: cfg.features, gaz: g, pos: pd}, nil
}

// trainRun trains one averaged perceptron over sents, visiting them in
// an order drawn from seed.
func trainRun(ctx context.Context, cfg TrainConfig, seed uint64, sents []trainSent) (*weights, error) {
	tr := newTrainer(cfg.Bits)
	rng := rand.New(rand.NewPCG(seed, 0x6772617068))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var (
		scores []float32
		back   []int8
		pred   []int
		from   []int
	)
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, toks := 0, 0
		for k, idx := range order {
			if k%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			s := &sents[idx]
			n := len(s.gold)
			if cap(scores) < n*numLabels {
				scores = make([]float32, 2*n*numLabels)
				back = make([]int8, 2*n*numLabels)
				pred = make([]int, 2*n)
			}
			from = from[:0]
			for i := 0; i < n; i++ {
				if cfg.Dropout > 0 && rng.Float64() < cfg.Dropout {
					from = append(from, s.idEnd[i])
				} else {
					from = append(from, s.offs[i])
				}
			}
			tr.w.scoresFrom(s.feats, s.offs, from, scores[:n*numLabels])
			tr.w.viterbi(scores, n, back, pred[:n])
			for i := 0; i < n; i++ {
				if pred[i] != s.gold[i] {
					errs++
				}
			}
			toks += n
			tr.update(s.feats, s.offs, from, s.gold, pred[:n])
			tr.c++
		}
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "epoch %d: %d sentences, token error rate %.4f\n", epoch, len(sents), float64(errs)/float64(max(toks, 1)))
		}
	}
	return tr.averaged(), nil
}

// dropHandles unlabels social-media user handles ("@" "name" or "@name"),
// which one training corpus tags as people and the others do not: news
// text has none, and learning them teaches that odd tokens are people.
func dropHandles(words []string, gold []int) {
	for i, w := range words {
		if gold[i] == 0 || !(w == "@" || len(w) > 1 && w[0] == '@') {
			continue
		}
		gold[i] = 0
		j := i + 1
		if w == "@" && j < len(words) && gold[j] != 0 {
			gold[j] = 0
			j++
		}
		for j < len(words) && isInside(gold[j]) {
			gold[j] = 0
			j++
		}
	}
}

var proseNER = sync.OnceValues(pner.New)

// proseLabels returns prose/v3's IOB entity labels for one tagged
// sentence, or nil when its model cannot be loaded.
func proseLabels(words, tags []string) (out []string) {
	ex, err := proseNER()
	if err != nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	toks := make([]ptoken.Token, len(words))
	for i := range words {
		toks[i] = ptoken.Token{Text: words[i], Tag: tags[i]}
	}
	ex.Label(toks)
	out = make([]string, len(words))
	for i := range toks {
		out[i] = toks[i].Label
	}
	return out
}
