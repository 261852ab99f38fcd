package ner

import "math"

// The model tags tokens with IOB2 labels over four coarse classes.
var labelNames = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const numLabels = 9

// labelIndex maps an IOB2 label to its index; unknown labels are O.
func labelIndex(l string) int {
	for i, n := range labelNames {
		if n == l {
			return i
		}
	}
	return 0
}

// isInside reports whether label y is an I- label, and of which B- label.
func isInside(y int) bool { return y > 0 && y%2 == 0 }

// allowed reports whether label y may follow label prev (prev = -1 at the
// start of a sentence): an I- label continues only its own class.
func allowed(prev, y int) bool {
	if !isInside(y) {
		return true
	}
	return prev == y || prev == y-1
}

// weights is a perceptron's parameters: a table of buckets × labels
// emission weights and a (labels+1) × labels transition table whose last
// row holds the start-of-sentence transitions.
type weights struct {
	mask  uint64
	emit  []float32 // while training; nil once quantized
	q     []int16   // emission weights quantized: weight = q × scale
	scale float32
	trans []float32
}

// quantize replaces the float emission table by int16 weights with one
// scale for the table: half the memory, and the table a model file holds.
func (w *weights) quantize() {
	maxAbs := float32(0)
	for _, v := range w.emit {
		maxAbs = max(maxAbs, v, -v)
	}
	w.scale = 1
	if maxAbs > 0 {
		w.scale = maxAbs / 32767
	}
	w.q = make([]int16, len(w.emit))
	for i, v := range w.emit {
		w.q[i] = int16(math.Round(float64(v / w.scale)))
	}
	w.emit = nil
}

// rows returns the number of emission rows.
func (w *weights) rows() int { return int(w.mask) + 1 }

func newWeights(bits uint) *weights {
	n := 1 << bits
	return &weights{
		mask:  uint64(n - 1),
		emit:  make([]float32, n*numLabels),
		trans: make([]float32, (numLabels+1)*numLabels),
	}
}

// scores fills s (len(offs)-1 rows of numLabels) with emission scores
// from the quantized table.
func (w *weights) scores(feats []uint32, offs []int, s []float32) {
	for i := 0; i+1 < len(offs); i++ {
		var acc [numLabels]int32
		for _, f := range feats[offs[i]:offs[i+1]] {
			row := w.q[int(f)*numLabels : int(f)*numLabels+numLabels : int(f)*numLabels+numLabels]
			for y := range numLabels {
				acc[y] += int32(row[y])
			}
		}
		out := s[i*numLabels : i*numLabels+numLabels]
		for y := range numLabels {
			out[y] = float32(acc[y]) * w.scale
		}
	}
}

// scoresFrom is scores from the float table being trained, with token
// i's features starting at from[i] instead of offs[i] (training drops
// some features that way).
func (w *weights) scoresFrom(feats []uint32, offs, from []int, s []float32) {
	for i := 0; i+1 < len(offs); i++ {
		var acc [numLabels]float32
		for _, f := range feats[from[i]:offs[i+1]] {
			row := w.emit[int(f)*numLabels : int(f)*numLabels+numLabels : int(f)*numLabels+numLabels]
			for y := range numLabels {
				acc[y] += row[y]
			}
		}
		copy(s[i*numLabels:], acc[:])
	}
}

// viterbi finds the best allowed label sequence for emission scores s
// (n rows of numLabels) and writes it to out.
func (w *weights) viterbi(s []float32, n int, back []int8, out []int) {
	if n == 0 {
		return
	}
	negInf := float32(math.Inf(-1))
	var cur, next [numLabels]float32
	start := w.trans[numLabels*numLabels:]
	for y := range numLabels {
		if allowed(-1, y) {
			cur[y] = s[y] + start[y]
		} else {
			cur[y] = negInf
		}
	}
	for i := 1; i < n; i++ {
		row := s[i*numLabels : i*numLabels+numLabels]
		for y := range numLabels {
			best, arg := negInf, 0
			for p := range numLabels {
				if cur[p] == negInf || !allowed(p, y) {
					continue
				}
				v := cur[p] + w.trans[p*numLabels+y]
				if v > best {
					best, arg = v, p
				}
			}
			next[y] = best + row[y]
			back[i*numLabels+y] = int8(arg)
		}
		cur = next
	}
	best, arg := negInf, 0
	for y := range numLabels {
		if cur[y] > best {
			best, arg = cur[y], y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		if i > 0 {
			arg = int(back[i*numLabels+arg])
		}
	}
}

// trainer holds an averaged perceptron being trained: the current weights
// and the running sums used to average them (the usual trick of keeping
// Σ c·Δ and subtracting it from c·w at the end).
type trainer struct {
	w      *weights
	uEmit  []float64
	uTrans []float64
	c      float64
}

func newTrainer(bits uint) *trainer {
	w := newWeights(bits)
	return &trainer{w: w, uEmit: make([]float64, len(w.emit)), uTrans: make([]float64, len(w.trans)), c: 1}
}

// update moves weights towards gold and away from pred for one sentence.
func (t *trainer) update(feats []uint32, offs, from []int, gold, pred []int) {
	n := len(gold)
	for i := 0; i < n; i++ {
		g, p := gold[i], pred[i]
		gp, pp := numLabels, numLabels // start row
		if i > 0 {
			gp, pp = gold[i-1], pred[i-1]
		}
		if g != p {
			for _, f := range feats[from[i]:offs[i+1]] {
				base := int(f) * numLabels
				t.w.emit[base+g]++
				t.uEmit[base+g] += t.c
				t.w.emit[base+p]--
				t.uEmit[base+p] -= t.c
			}
		}
		if g != p || gp != pp {
			t.w.trans[gp*numLabels+g]++
			t.uTrans[gp*numLabels+g] += t.c
			t.w.trans[pp*numLabels+p]--
			t.uTrans[pp*numLabels+p] -= t.c
		}
	}
}

// averaged returns the averaged weights.
func (t *trainer) averaged() *weights {
	w := &weights{mask: t.w.mask, emit: make([]float32, len(t.w.emit)), trans: make([]float32, len(t.w.trans))}
	for i, v := range t.w.emit {
		w.emit[i] = float32(float64(v) - t.uEmit[i]/t.c)
	}
	for i, v := range t.w.trans {
		w.trans[i] = float32(float64(v) - t.uTrans[i]/t.c)
	}
	return w
}
