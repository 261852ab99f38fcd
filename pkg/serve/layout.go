package serve

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/spatial/r2"
)

// layoutEdge is an edge of the graph to lay out, by node position.
type layoutEdge struct {
	a, b int
	w    float64
}

// layoutOptions tune forceLayout.
type layoutOptions struct {
	iterations int
	seed       uint64
	fixed      int      // node pinned at the origin, -1 for none
	init       []r2.Vec // starting positions; nil: random
}

// layoutScale is the ideal edge length; coordinates come out within a few
// hundred of these units of the origin.
const layoutScale = 30.0

// gravityScale weakens gravity below the balance at radius k·√n.
const gravityScale = 0.5

// layoutTheta is the Barnes–Hut opening criterion: a cell of side s seen
// from distance d is taken as one mass when s/d < layoutTheta.
const layoutTheta = 0.8

// forceLayout places n nodes in the plane with a Fruchterman–Reingold force
// model: nodes repel each other (Barnes–Hut approximated, so an iteration is
// O(n log n)), links pull their ends together (more for heavier links), and
// a weak gravity keeps separate components on screen. Better connected
// nodes repel harder, which spreads hubs apart. The result depends only on
// the inputs.
func forceLayout(ctx context.Context, n int, edges []layoutEdge, opt layoutOptions) []r2.Vec {
	pos := make([]r2.Vec, n)
	if n == 0 {
		return pos
	}
	rng := rand.New(rand.NewPCG(opt.seed, 0x9e3779b97f4a7c15))
	spread := layoutScale * math.Sqrt(float64(n))
	for i := range pos {
		if opt.init != nil && i < len(opt.init) {
			pos[i] = opt.init[i]
		} else {
			pos[i] = r2.Vec{X: (rng.Float64() - 0.5) * spread, Y: (rng.Float64() - 0.5) * spread}
		}
	}
	if opt.fixed >= 0 && opt.fixed < n {
		pos[opt.fixed] = r2.Vec{}
	}
	if n == 1 {
		return pos
	}
	mass := make([]float64, n)
	for i := range mass {
		mass[i] = 1
	}
	for _, e := range edges {
		mass[e.a]++
		mass[e.b]++
	}
	total := 0.0
	for i := range mass {
		mass[i] = math.Sqrt(mass[i])
		total += mass[i]
	}
	// Gravity balances the repulsion of the whole graph at about the
	// radius k·√n, the area Fruchterman and Reingold give n nodes, so that
	// loose nodes stay near instead of being flung far out.
	gravity := gravityScale * total / float64(n)
	k := layoutScale
	// A link pulls with d²/k, more for heavier links.
	pull := make([]float64, len(edges))
	for j, e := range edges {
		pull[j] = (1 + math.Log1p(e.w)) / (2 * k)
	}
	disp := make([]r2.Vec, n)
	iters := max(opt.iterations, 1)
	temp := spread / 4
	cool := temp / float64(iters+1)
	var qt quadTree
	for it := 0; it < iters && ctx.Err() == nil; it++ {
		if n <= exactLimit {
			exactRepulsion(pos, mass, k*k, disp)
		} else {
			qt.build(pos, mass)
			parallel(n, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					disp[i] = r2.Scale(1/mass[i], qt.repulsion(i, pos, mass[i], k*k))
				}
			})
		}
		for j, e := range edges {
			dx, dy := pos[e.b].X-pos[e.a].X, pos[e.b].Y-pos[e.a].Y
			s := math.Sqrt(dx*dx+dy*dy) * pull[j]
			disp[e.a].X += s * dx / mass[e.a]
			disp[e.a].Y += s * dy / mass[e.a]
			disp[e.b].X -= s * dx / mass[e.b]
			disp[e.b].Y -= s * dy / mass[e.b]
		}
		for i := range pos {
			if i == opt.fixed {
				continue
			}
			disp[i] = r2.Sub(disp[i], r2.Scale(gravity, pos[i]))
			l := math.Hypot(disp[i].X, disp[i].Y)
			if l < 1e-12 || math.IsNaN(l) || math.IsInf(l, 0) {
				continue
			}
			pos[i] = r2.Add(pos[i], r2.Scale(math.Min(l, temp)/l, disp[i]))
		}
		temp = math.Max(temp-cool, k/20)
	}
	return pos
}

// exactLimit is the largest graph whose repulsion is computed over every
// pair: below it that is faster than building a tree.
const exactLimit = 400

// exactRepulsion sets disp[i] to the repulsion on i from every other
// point, divided by i's mass.
func exactRepulsion(pos []r2.Vec, mass []float64, k2 float64, disp []r2.Vec) {
	for i := range disp {
		disp[i] = r2.Vec{}
	}
	for i := range pos {
		pi, mi := pos[i], mass[i]
		var fx, fy float64
		for j := i + 1; j < len(pos); j++ {
			dx, dy := pi.X-pos[j].X, pi.Y-pos[j].Y
			d2 := dx*dx + dy*dy
			if d2 < 1e-6 {
				a := float64(i+j) * 2.399963
				dx, dy, d2 = math.Cos(a)*1e-2, math.Sin(a)*1e-2, 1e-4
			}
			s := k2 * mi * mass[j] / d2
			fx += s * dx
			fy += s * dy
			disp[j].X -= s * dx / mass[j]
			disp[j].Y -= s * dy / mass[j]
		}
		disp[i].X += fx / mi
		disp[i].Y += fy / mi
	}
}

// parallel runs fn over [0, n) split between the CPUs.
func parallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/2000, 1))
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	step := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += step {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, min(n, lo+step))
	}
	wg.Wait()
}

// quadTree is a Barnes–Hut tree over points, rebuilt every iteration into
// the same slices.
type quadTree struct {
	cells []qcell
}

// qcell is a square cell: a leaf holds one point (or several coincident
// ones at the depth limit), an inner cell four children.
type qcell struct {
	cx, cy, half float64 // centre and half side
	mass         float64
	mx, my       float64 // mass-weighted coordinate sums, then the centre of mass
	point        int32   // the point of a leaf, -1 for an empty or inner cell
	child        [4]int32
	inner        bool
}

const maxTreeDepth = 40

func (t *quadTree) build(pos []r2.Vec, mass []float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	half := math.Max(maxX-minX, maxY-minY)/2 + 1
	t.cells = t.cells[:0]
	t.cells = append(t.cells, qcell{cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half: half, point: -1})
	for i := range pos {
		t.insert(0, int32(i), pos, mass, 0)
	}
	for i := range t.cells {
		c := &t.cells[i]
		if c.mass > 0 {
			c.mx /= c.mass
			c.my /= c.mass
		}
	}
}

func (t *quadTree) insert(ci int, p int32, pos []r2.Vec, mass []float64, depth int) {
	for {
		c := &t.cells[ci]
		c.mass += mass[p]
		c.mx += mass[p] * pos[p].X
		c.my += mass[p] * pos[p].Y
		if !c.inner {
			if c.point < 0 && c.mass == mass[p] {
				c.point = p
				return
			}
			if depth >= maxTreeDepth {
				return // coincident points share the leaf's mass
			}
			// Split: push the resident point down.
			old := c.point
			c.inner, c.point = true, -1
			for q := range 4 {
				c.child[q] = -1
			}
			if old >= 0 {
				t.descend(ci, old, pos, mass, depth)
			}
		}
		ci = t.childFor(ci, p, pos)
		depth++
	}
}

// descend adds point p below inner cell ci without counting it in ci again.
func (t *quadTree) descend(ci int, p int32, pos []r2.Vec, mass []float64, depth int) {
	t.insert(t.childFor(ci, p, pos), p, pos, mass, depth+1)
}

// childFor returns the child of inner cell ci holding p, creating it.
func (t *quadTree) childFor(ci int, p int32, pos []r2.Vec) int {
	c := t.cells[ci]
	q := 0
	h := c.half / 2
	nx, ny := c.cx-h, c.cy-h
	if pos[p].X >= c.cx {
		q |= 1
		nx = c.cx + h
	}
	if pos[p].Y >= c.cy {
		q |= 2
		ny = c.cy + h
	}
	if c.child[q] < 0 {
		t.cells = append(t.cells, qcell{cx: nx, cy: ny, half: h, point: -1})
		t.cells[ci].child[q] = int32(len(t.cells) - 1)
	}
	return int(t.cells[ci].child[q])
}

// repulsion is the force on point i from every other point: magnitude
// k2·m_i·m_j/d away from each, cells far enough taken as one mass.
func (t *quadTree) repulsion(i int, pos []r2.Vec, m, k2 float64) r2.Vec {
	var f r2.Vec
	p := pos[i]
	stack := [64 * 4]int32{0}
	sp := 1
	for sp > 0 {
		sp--
		c := &t.cells[stack[sp]]
		if c.mass == 0 {
			continue
		}
		dx, dy := p.X-c.mx, p.Y-c.my
		d2 := dx*dx + dy*dy
		inside := math.Abs(p.X-c.cx) <= c.half && math.Abs(p.Y-c.cy) <= c.half
		if c.inner && (inside || 4*c.half*c.half >= layoutTheta*layoutTheta*d2) {
			for _, ch := range c.child {
				if ch >= 0 && sp < len(stack) {
					stack[sp] = ch
					sp++
				}
			}
			continue
		}
		mc := c.mass
		if !c.inner && c.point == int32(i) {
			mc -= m // the point itself (and coincident ones stay)
			if mc <= 1e-12 {
				continue
			}
		}
		if d2 < 1e-6 {
			// Coincident: push apart in a direction fixed by the index.
			a := float64(i) * 2.399963
			dx, dy, d2 = math.Cos(a)*1e-2, math.Sin(a)*1e-2, 1e-4
		}
		s := k2 * m * mc / d2
		f.X += s * dx
		f.Y += s * dy
	}
	return f
}
