// graphbuild viewer: draws what /api/ answers on a canvas. No libraries.
"use strict";

const TYPE_COLORS = {
  PERSON: "#d95f02", ORG: "#1b9e77", GPE: "#7570b3", LOC: "#66a61e",
  FAC: "#a6761d", EVENT: "#e7298a", NORP: "#e6ab02", MISC: "#7f7f7f",
};
const KIND_COLORS = { cooccur: "rgba(110,120,130,A)", context: "rgba(59,125,216,A)", interaction: "rgba(192,57,43,A)" };
const DAY = 86400000;

const $ = (id) => document.getElementById(id);
const S = {
  stats: null,
  colorBy: "type",      // node fill: "type" or "community" (of the view)
  pins: new Map(),      // id → [x, y] of nodes the user dragged, kept while the focus stays
  focus: null,          // entity id of an ego view, null for the overview
  view: null,           // last View from the server
  nodes: [], links: [], byId: new Map(),
  t: { x: 0, y: 0, k: 1 },
  hover: null, hoverLink: null, selected: null, // selected: link
  day0: 0, days: 0,     // the date slider: day 0 is stats.first_seen
  relations: [],
  seq: 0,               // request sequence, to drop stale answers
};

function short(s, n) { return s && s.length > n ? s.slice(0, n - 1) + "…" : s; }
function typeColor(t) { return TYPE_COLORS[t] || "#999"; }
// COMMUNITY_COLORS is ColorBrewer Set1/Dark2 mixed for distinct hues;
// communities past the twelfth share grey.
const COMMUNITY_COLORS = ["#1f77b4", "#d95f02", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
  "#e7298a", "#17becf", "#bcbd22", "#66a61e", "#e6ab02", "#7570b3"];
// nodeColor is a node's fill under "colour by".
function nodeColor(n) {
  if (S.colorBy === "community" && n.community !== undefined) {
    return n.community < COMMUNITY_COLORS.length ? COMMUNITY_COLORS[n.community] : "#b0b0b0";
  }
  return typeColor(n.type);
}

// communities groups the view's nodes by weighted label propagation
// (deterministic: nodes in id order, ties to the smallest label), and
// numbers the groups by size, largest 0.
function communities() {
  const ns = [...S.nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
  const idx = new Map(ns.map((n, i) => [n, i]));
  const adj = ns.map(() => []);
  for (const l of S.links) {
    const a = idx.get(l.s), b = idx.get(l.d);
    if (a === undefined || b === undefined) continue;
    adj[a].push([b, l.weight]);
    adj[b].push([a, l.weight]);
  }
  const label = ns.map((_, i) => i);
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (let i = 0; i < ns.length; i++) {
      if (!adj[i].length) continue;
      const score = new Map();
      for (const [j, w] of adj[i]) score.set(label[j], (score.get(label[j]) || 0) + w);
      let best = label[i], bestW = score.get(label[i]) || 0;
      for (const [c, w] of score) if (w > bestW || (w === bestW && c < best)) { best = c; bestW = w; }
      if (best !== label[i]) { label[i] = best; changed = true; }
    }
    if (!changed) break;
  }
  const size = new Map();
  for (const c of label) size.set(c, (size.get(c) || 0) + 1);
  const order = [...size.keys()].sort((a, b) => size.get(b) - size.get(a) || a - b);
  const rank = new Map(order.map((c, i) => [c, i]));
  ns.forEach((n, i) => { n.community = rank.get(label[i]); });
  return order.map((c) => size.get(c));
}

// showCommunities lists the colours of the biggest communities.
function showCommunities() {
  const box = $("communities");
  box.hidden = S.colorBy !== "community";
  if (box.hidden) return;
  const sizes = communities();
  const items = [];
  sizes.slice(0, COMMUNITY_COLORS.length).forEach((n, i) => {
    const top = S.nodes.filter((x) => x.community === i).sort((a, b) => b.weight - a.weight)[0];
    items.push(el("div", {}, swatch(COMMUNITY_COLORS[i]), (top ? top.name : "") + " … (" + n + ")"));
  });
  box.replaceChildren(el("div", { text: sizes.length + " communities in the view (label propagation)" }), ...items);
}
function kindClass(l) {
  if (l.kinds.includes("interaction")) return "interaction";
  if (l.kinds.includes("context")) return "context";
  return "cooccur";
}
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of kids) if (c != null) e.append(c);
  return e;
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const res = await fetch("api/" + path + (q.toString() ? "?" + q : ""));
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function message(text) {
  const m = $("message");
  m.textContent = text;
  m.hidden = !text;
  clearTimeout(message.timer);
  if (text) message.timer = setTimeout(() => { m.hidden = true; }, 5000);
}

// ---- filters -------------------------------------------------------------

function checked(container) {
  return [...container.querySelectorAll("input:checked")].map((i) => i.value);
}
function filterParams() {
  const p = {
    types: checked($("types")).join(","),
    kinds: checked($("kinds")).join(","),
    min_weight: $("minweight").value,
  };
  return p;
}
function dateOf(dayIndex) {
  return new Date(S.day0 + dayIndex * DAY).toISOString().slice(0, 10);
}
function dayIndexOf(date) {
  return Math.round((Date.parse(date + "T00:00:00Z") - S.day0) / DAY);
}
function rangeActive() {
  return S.days > 0 && (+$("since").value > 0 || +$("until").value < S.days);
}
function range() {
  return rangeActive() ? { since: dateOf(+$("since").value), until: dateOf(+$("until").value) } : {};
}
function inRange(first, last) {
  if (!rangeActive()) return true;
  if (!first) return false;
  const r = range();
  return first <= r.until && (last || first) >= r.since;
}

function buildFilters() {
  const st = S.stats, d = st.defaults;
  const types = new Set([...st.types, ...d.types]);
  for (const t of [...types].sort()) {
    $("types").append(el("label", {},
      el("input", { type: "checkbox", value: t, ...(d.types.includes(t) ? { checked: "" } : {}) }),
      " ", swatch(typeColor(t)), t, el("span", { class: "meta", text: " " + (st.entities[t] || 0) })));
  }
  for (const k of st.kinds) {
    $("kinds").append(el("label", {},
      el("input", { type: "checkbox", value: k, ...(d.kinds.includes(k) ? { checked: "" } : {}) }),
      " ", el("span", { class: "kind " + k, text: k }), el("span", { class: "meta", text: " " + (st.edges[k] || 0) })));
  }
  $("minweight").value = d.min_weight;
  $("depth").value = String(d.depth);
  $("limit").max = st.limits.max_nodes;
  for (const [t, c] of Object.entries(TYPE_COLORS)) {
    if (types.has(t)) $("legend").append(el("div", {}, swatch(c), t));
  }
  for (const k of st.kinds) {
    const line = el("span", { class: "line" });
    line.style.background = KIND_COLORS[k].replace("A", "1");
    $("legend").append(el("div", {}, line, k));
  }
  // The date slider spans the store's dates, one step a day.
  if (st.first_seen && st.last_seen) {
    S.day0 = Date.parse(st.first_seen + "T00:00:00Z");
    S.days = Math.round((Date.parse(st.last_seen + "T00:00:00Z") - S.day0) / DAY);
  }
  for (const id of ["since", "until"]) {
    $(id).max = S.days;
    $(id).disabled = S.days === 0;
  }
  $("since").value = d.since ? clampDay(dayIndexOf(d.since)) : 0;
  $("until").value = d.until ? clampDay(dayIndexOf(d.until)) : S.days;
  dateLabels();
}
function clampDay(i) { return Math.max(0, Math.min(S.days, i)); }
function swatch(color) {
  const s = el("span", { class: "swatch" });
  s.style.background = color;
  return s;
}
function dateLabels() {
  if (S.days === 0) {
    $("sinceLabel").textContent = "no dates";
    $("untilLabel").textContent = "";
    return;
  }
  $("sinceLabel").textContent = dateOf(+$("since").value);
  $("untilLabel").textContent = dateOf(+$("until").value);
}

// ---- loading views ------------------------------------------------------

async function openEntity(id, opts) {
  opts = opts || {};
  if (id !== S.focus) S.pins.clear();
  S.focus = id;
  S.selected = null;
  $("edge").hidden = true;
  const seq = ++S.seq;
  const fp = filterParams();
  setStatus("loading…");
  try {
    const [view, ent, rel] = await Promise.all([
      api("neighbors", { id, depth: $("depth").value, limit: $("limit").value, ...fp }),
      api("entity", { id }),
      api("relations", { id, sort: "date", limit: 500, ...fp }),
    ]);
    if (seq !== S.seq) return;
    setView(view, opts.keepZoom);
    showEntity(ent);
    if (document.activeElement !== search) search.value = ent.name;
    document.title = ent.name + " — graphbuild";
    S.relations = rel.relations;
    $("onlymet").parentElement.hidden = false;
    $("relcount").textContent = "(" + rel.total + (rel.total === 1 ? " entity" : " entities") + " with these filters)";
    showRelations();
    history.replaceState(null, "", "#id=" + encodeURIComponent(id));
  } catch (e) {
    if (seq === S.seq) message(e.message);
  }
}

async function openOverview() {
  if (S.focus !== null) S.pins.clear();
  S.focus = null;
  S.selected = null;
  $("edge").hidden = true;
  const seq = ++S.seq;
  setStatus("laying out the overview…");
  try {
    const view = await api("subgraph", { top: S.stats.defaults.top, ...filterParams() });
    if (seq !== S.seq) return;
    setView(view);
    $("entity").replaceChildren(el("p", { class: "hint", text: "Overview: the " + view.nodes.length +
      " best connected entities. Search for a name, or click a node." }));
    S.relations = [];
    $("relcount").textContent = "";
    $("onlymet").parentElement.hidden = true;
    showRelations();
    history.replaceState(null, "", "#");
  } catch (e) {
    if (seq === S.seq) message(e.message);
  }
}

function reload() {
  if (!checked($("types")).length || !checked($("kinds")).length) {
    message("Choose at least one entity type and one edge kind.");
    return;
  }
  if (S.focus) openEntity(S.focus, { keepZoom: true });
  else openOverview();
}

function setView(view, keepZoom) {
  // Where the nodes were on screen, to move them from there to their new
  // places rather than jump.
  const before = new Map();
  if (S.nodes.length && S.nodes.length < 3000 && view.nodes.length < 3000) {
    for (const n of S.nodes) before.set(n.id, [sx(n), sy(n)]);
  }
  S.anim = null;
  S.view = view;
  S.byId = new Map();
  S.nodes = view.nodes.map((n) => ({ ...n }));
  for (const n of S.nodes) {
    S.byId.set(n.id, n);
    const pin = S.pins.get(n.id); // a node the user placed stays there
    if (pin) [n.x, n.y, n.pinned] = [pin[0], pin[1], true];
  }
  S.links = view.links.map((l) => ({ ...l, s: S.byId.get(l.source), d: S.byId.get(l.target), cls: kindClass(l) }));
  S.hover = S.hoverLink = null;
  sizeNodes();
  showCommunities();
  applyRange();
  if (!keepZoom || !S.fitted) fit();
  S.fitted = true;
  separateFromFocus();
  updateDownloads();
  if (before.size) {
    const origin = before.get(view.focus);
    let moved = false;
    for (const n of S.nodes) {
      const from = before.get(n.id) || origin || [n.x * S.t.k + S.t.x, n.y * S.t.k + S.t.y];
      n.ax = from[0];
      n.ay = from[1];
      moved = moved || before.has(n.id);
    }
    if (moved) S.anim = { start: performance.now(), e: 0 };
  }
  redraw();
}

const ANIM_MS = 450;

// separateFromFocus moves the nodes that the layout put on top of the
// focus (drawn bigger than the layout assumed) out of its circle, along
// the line from it, at the current zoom.
function separateFromFocus() {
  const f = S.focus && S.byId.get(S.focus);
  if (!f) return;
  const k = S.t.k, rf = sr(f);
  for (const n of S.nodes) {
    if (n === f || n.pinned) continue;
    let dx = (n.x - f.x) * k, dy = (n.y - f.y) * k;
    let d = Math.hypot(dx, dy);
    const min = rf + sr(n) + 4;
    if (d >= min) continue;
    if (d < 1e-6) { dx = 1; dy = 0; d = 1; } // on the same spot: to the right
    n.x = f.x + (dx / d) * (min / k);
    n.y = f.y + (dy / d) * (min / k);
  }
}

// expand adds a node's neighbours (depth 1, the same filters) to the view
// in place, around it, instead of re-centring on it (shift-click). The
// newcomers keep their places relative to each other from the server's
// layout, scaled to a ring about 140 pixels wide.
async function expand(n) {
  const seq = S.seq;
  setStatus("expanding " + n.name + "…");
  try {
    const v = await api("neighbors", { id: n.id, depth: 1, limit: $("limit").value, ...filterParams() });
    if (seq !== S.seq) return;
    const c = v.nodes.find((x) => x.id === n.id);
    const fresh = v.nodes.filter((x) => !S.byId.has(x.id));
    let far = 0;
    for (const x of fresh) far = Math.max(far, Math.hypot(x.x - c.x, x.y - c.y));
    const k = far > 0 ? (140 / S.t.k) / far : 1;
    for (const x of fresh) {
      const m = { ...x, x: n.x + (x.x - c.x) * k, y: n.y + (x.y - c.y) * k, expandedFrom: n.id };
      S.nodes.push(m);
      S.byId.set(m.id, m);
    }
    const have = new Set(S.links.map((l) => l.source + " " + l.target));
    for (const l of v.links) {
      if (have.has(l.source + " " + l.target)) continue;
      const s = S.byId.get(l.source), d = S.byId.get(l.target);
      if (s && d) S.links.push({ ...l, s, d, cls: kindClass(l) });
    }
    S.expanded = (S.expanded || 0) + 1;
    sizeNodes();
    showCommunities();
    applyRange();
    redraw();
  } catch (e) {
    message(e.message);
  }
}

function sizeNodes() {
  const by = $("sizeby").value;
  const val = (n) => (by === "rank" ? n.rank : n.weight);
  let mx = 0;
  for (const n of S.nodes) mx = Math.max(mx, val(n));
  for (const n of S.nodes) n.r = 3 + 13 * Math.sqrt(mx > 0 ? val(n) / mx : 0);
}

// applyRange hides the links outside the date range, and the nodes left
// without a link (but the focus).
function applyRange() {
  let visible = 0;
  for (const n of S.nodes) n.visible = false;
  for (const l of S.links) {
    l.visible = inRange(l.first_seen, l.last_seen);
    if (l.visible) {
      visible++;
      l.s.visible = l.d.visible = true;
    }
  }
  let shown = 0;
  for (const n of S.nodes) {
    if (n.id === S.focus || !rangeActive()) n.visible = true;
    if (n.visible) shown++;
  }
  S.visibleLinks = visible;
  drawTimeline();
  S.fastLinks = S.links.length > FAST_LINKS
    ? S.links.filter((l) => l.visible).sort((a, b) => b.weight - a.weight).slice(0, FAST_LINKS) : S.links;
  S.visibleNodes = shown;
  const v = S.view;
  let text = shown + " nodes · " + visible + " links";
  if (v && v.truncated) text += " (of " + v.matched + " matching nodes)";
  if (v && v.links_matched > v.links.length) text += " (strongest " + v.links.length + " of " + v.links_matched + " links)";
  if (rangeActive()) text += " · " + range().since + " to " + range().until;
  setStatus(text);
  const st = $("status");
  st.dataset.nodes = shown;
  st.dataset.links = visible;
  for (const li of $("relations").children) {
    li.classList.toggle("out", !inRange(li.dataset.first, li.dataset.last));
  }
  for (const li of document.querySelectorAll("#edge .evidence li")) {
    li.classList.toggle("out", !inRange(li.dataset.date, li.dataset.date));
  }
}
function setStatus(text) { $("status").textContent = text; }

// drawTimeline draws the links of the view by month, interactions in red,
// the months outside the period dimmed.
function drawTimeline() {
  const c = $("timeline");
  const dpr = window.devicePixelRatio || 1;
  const w = c.clientWidth, h = c.clientHeight;
  if (!w || !S.days) return;
  c.width = Math.round(w * dpr);
  c.height = Math.round(h * dpr);
  const g = c.getContext("2d");
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const month = (d) => +d.slice(0, 4) * 12 + +d.slice(5, 7) - 1;
  const m0 = month(S.stats.first_seen), m1 = month(S.stats.last_seen);
  const n = m1 - m0 + 1;
  const all = new Array(n).fill(0), inter = new Array(n).fill(0);
  // A link counts in the month it was first seen and in the month it was
  // last seen.
  for (const l of S.links) {
    if (!l.first_seen) continue;
    const months = new Set([month(l.first_seen), month(l.last_seen || l.first_seen)]);
    for (const m of months) {
      const i = m - m0;
      if (i < 0 || i >= n) continue;
      all[i]++;
      if (l.kinds.includes("interaction")) inter[i]++;
    }
  }
  const top = Math.max(1, ...all);
  const bw = w / n;
  const r = range();
  const lo = r.since ? month(r.since) - m0 : 0, hi = r.until ? month(r.until) - m0 : n - 1;
  for (let i = 0; i < n; i++) {
    if (!all[i]) continue;
    const inside = i >= lo && i <= hi;
    const bh = Math.max(1, (h - 2) * Math.sqrt(all[i] / top));
    g.fillStyle = inside ? "#7a8591" : "#d5d9de";
    g.fillRect(i * bw, h - bh, Math.max(bw - 0.5, 0.8), bh);
    if (inter[i]) {
      const ih = Math.max(1, bh * inter[i] / all[i]);
      g.fillStyle = inside ? "#c0392b" : "#ebc2bd";
      g.fillRect(i * bw, h - ih, Math.max(bw - 0.5, 0.8), ih);
    }
  }
}

function updateDownloads() {
  const p = { ...filterParams(), ...range() };
  if (S.focus) Object.assign(p, { focus: S.focus, depth: $("depth").value, limit: $("limit").value });
  else p.top = S.stats.defaults.top;
  for (const f of ["graphml", "gexf"]) {
    $("dl-" + f).href = "api/export?" + new URLSearchParams({ format: f, ...p });
  }
}

// ---- panels -------------------------------------------------------------

function showEntity(en) {
  const aliases = Object.entries(en.aliases || {}).sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([a, c]) => a + " (" + c + ")").join(", ");
  const dates = en.first_seen ? en.first_seen + (en.last_seen && en.last_seen !== en.first_seen ? " – " + en.last_seen : "") : "undated";
  $("entity").replaceChildren(
    el("h2", { text: en.name }),
    el("div", { class: "meta" }, swatch(typeColor(en.type)), en.type + " · " + en.mentions + " mentions in " +
      en.documents + " documents · " + dates),
    el("div", { class: "meta", title: "rank is the entity's PageRank over every link, scaled so that the average entity has 1",
      text: en.degree + " linked entities in the whole graph · rank " + en.rank.toFixed(2) + " (1 = average)" }),
    // replaceChildren would print a null as the text "null"
    ...(aliases ? [el("div", { class: "aliases", text: "Also: " + aliases })] : []),
  );
}

function showRelations() {
  const ol = $("relations");
  ol.replaceChildren();
  const only = $("onlymet").checked;
  for (const r of S.relations) {
    if (only && !r.kinds.includes("interaction")) continue;
    const preds = r.predicates ? Object.keys(r.predicates).join(", ") : "";
    const when = r.first_seen ? r.first_seen + (r.last_seen && r.last_seen !== r.first_seen ? " – " + r.last_seen : "") : "undated";
    const li = el("li", { "data-id": r.id, "data-first": r.first_seen || "", "data-last": r.last_seen || "", tabindex: "0",
      title: "Show the evidence", onclick: () => showEdge(S.focus, r.id),
      onkeydown: (e) => { if (e.key === "Enter") showEdge(S.focus, r.id); } },
      el("span", {}, swatch(typeColor(r.type)), r.name),
      el("span", { class: "w", text: String(r.weight) }),
      el("span", { class: "when" }, when + " · ", ...r.kinds.map((k) => el("span", { class: "kind " + k, text: k === "interaction" && preds ? preds : k }))));
    if (!inRange(r.first_seen, r.last_seen)) li.classList.add("out");
    ol.append(li);
  }
}

async function showEdge(a, b) {
  if (!a || !b) return;
  S.selected = S.links.find((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a)) || null;
  redraw();
  const box = $("edge");
  try {
    const info = await api("edge", { a, b });
    const rows = [];
    const order = { interaction: 0, context: 1, cooccur: 2 };
    const edges = [...info.edges].sort((x, y) => (order[x.kind] ?? 3) - (order[y.kind] ?? 3));
    const names = namePattern([info.source, info.target]);
    for (const e of edges) {
      const preds = e.predicates ? " · " + Object.entries(e.predicates).map(([p, c]) => p + " ×" + c).join(", ") : "";
      rows.push(el("div", { class: "meta" }, el("span", { class: "kind " + e.kind, text: e.kind }),
        "weight " + e.weight + " · " + e.documents + " documents · " + (e.first_seen || "undated") +
        (e.last_seen && e.last_seen !== e.first_seen ? " – " + e.last_seen : "") + preds));
      const ul = el("ul", { class: "evidence" });
      for (const ev of e.evidence || []) {
        const doc = info.documents[ev.doc] || {};
        const src = [short(doc.title, 90), ev.date || doc.date, (doc.source || "").split("/").pop()].filter(Boolean).join(" · ");
        const li = el("li", { class: e.kind, "data-date": ev.date || doc.date || "" },
          el("span", { class: "text" }, ...highlight(ev.text, names)),
          el("span", { class: "src" }, ev.predicate ? el("b", { text: ev.predicate + " — " }) : null, src,
            doc.url && /^https?:\/\//.test(doc.url) ? el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer", text: " ↗" }) : null));
        if (!inRange(ev.date || doc.date, ev.date || doc.date)) li.classList.add("out");
        ul.append(li);
      }
      rows.push(ul);
    }
    box.replaceChildren(
      el("button", { class: "close", type: "button", text: "×", title: "Close", onclick: () => { box.hidden = true; S.selected = null; redraw(); } }),
      el("h3", { text: info.source.name + " — " + info.target.name }),
      el("div", { class: "meta", text: "total weight " + info.weight }),
      ...rows);
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  } catch (e) {
    message(e.message);
  }
}

// namePattern matches the names of the entities in a sentence: each
// canonical name and alias, and a person's surname alone ("Kerry").
function namePattern(ents) {
  const words = new Set();
  for (const en of ents) {
    if (!en || !en.name) continue;
    words.add(en.name);
    for (const a of Object.keys(en.aliases || {})) if (a.length > 2) words.add(a);
    const parts = en.name.split(" ");
    if (en.type === "PERSON" && parts.length > 1 && parts[parts.length - 1].length > 2) words.add(parts[parts.length - 1]);
  }
  if (!words.size) return null;
  const esc = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp("(" + esc.join("|") + ")", "g");
}

// highlight returns text as nodes with the matches of re in <mark>.
function highlight(text, re) {
  if (!re) return [text];
  const out = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(el("mark", { text: m[0] }));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// ---- drawing ------------------------------------------------------------

const canvas = $("graph");
const ctx = canvas.getContext("2d");
let frame = 0;
function redraw() {
  if (!frame) frame = requestAnimationFrame(draw);
}

function resize() {
  const dpr = window.devicePixelRatio || 1;
  const r = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(r.width * dpr));
  canvas.height = Math.max(1, Math.round(r.height * dpr));
  redraw();
}

function fit() {
  const r = canvas.getBoundingClientRect();
  const ns = S.nodes;
  if (ns.length === 0 || r.width === 0) { S.t = { x: r.width / 2, y: r.height / 2, k: 1 }; return; }
  // Fit the middle 98% so that a few far nodes do not shrink the rest.
  const xs = ns.map((n) => n.x).sort((a, b) => a - b), ys = ns.map((n) => n.y).sort((a, b) => a - b);
  const cut = ns.length > 100 ? Math.floor(ns.length / 100) : 0;
  const x0 = xs[cut], x1 = xs[xs.length - 1 - cut], y0 = ys[cut], y1 = ys[ys.length - 1 - cut];
  // Room for the labels, drawn beside the nodes, at the left and right.
  const padX = Math.min(130, r.width / 5), padY = 40;
  const k = Math.min((r.width - 2 * padX) / Math.max(x1 - x0, 1), (r.height - 2 * padY) / Math.max(y1 - y0, 1), 3);
  S.t = { k, x: r.width / 2 - k * (x0 + x1) / 2, y: r.height / 2 - k * (y0 + y1) / 2 };
}

function sx(n) {
  const x = n.x * S.t.k + S.t.x;
  return S.anim ? n.ax + (x - n.ax) * S.anim.e : x;
}
function sy(n) {
  const y = n.y * S.t.k + S.t.y;
  return S.anim ? n.ay + (y - n.ay) * S.anim.e : y;
}
function sr(n) { return Math.max(2, n.r * Math.sqrt(S.t.k)); }

// While the user pans or zooms a large view, frames draw only the
// strongest links and no labels; the full drawing follows when they stop.
const FAST_LINKS = 5000;
let settleTimer = 0;
function interacting() {
  S.moving = true;
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => { S.moving = false; redraw(); }, 180);
}

function draw() {
  frame = 0;
  if (S.anim) {
    const t = Math.min(1, (performance.now() - S.anim.start) / ANIM_MS);
    S.anim.e = t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t);
    if (t >= 1) S.anim = null;
    else redraw();
  }
  const fast = S.moving && S.links.length > FAST_LINKS;
  const dpr = window.devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const w = canvas.width / dpr, h = canvas.height / dpr;
  ctx.clearRect(0, 0, w, h);
  const many = S.links.length > 5000;
  // Links: one path per kind and width class.
  const groups = new Map();
  let maxW = 1;
  const drawn = fast ? S.fastLinks : S.links;
  for (const l of drawn) if (l.visible) maxW = Math.max(maxW, l.weight);
  for (const l of drawn) {
    if (!l.visible) continue;
    const wc = Math.min(4, 1 + Math.floor(3 * Math.log1p(l.weight) / Math.log1p(maxW)));
    const key = l.cls + wc;
    if (!groups.has(key)) groups.set(key, { cls: l.cls, wc, links: [] });
    groups.get(key).links.push(l);
  }
  const near = S.hover ? new Set([S.hover.id]) : null;
  for (const g of groups.values()) {
    ctx.beginPath();
    for (const l of g.links) {
      ctx.moveTo(sx(l.s), sy(l.s));
      ctx.lineTo(sx(l.d), sy(l.d));
      if (near && (l.s === S.hover || l.d === S.hover)) { near.add(l.s.id); near.add(l.d.id); }
    }
    ctx.lineWidth = g.wc * (many ? 0.5 : 1);
    ctx.strokeStyle = KIND_COLORS[g.cls].replace("A", many ? "0.25" : near ? "0.25" : "0.55");
    ctx.stroke();
  }
  // Emphasis: links of the hovered node, the selected link.
  const emph = [];
  if (S.hover) for (const l of S.links) if (l.visible && (l.s === S.hover || l.d === S.hover)) emph.push([l, 2]);
  if (S.hoverLink) emph.push([S.hoverLink, 3]);
  if (S.selected && S.selected.visible) emph.push([S.selected, 4]);
  for (const [l, width] of emph) {
    ctx.beginPath();
    ctx.moveTo(sx(l.s), sy(l.s));
    ctx.lineTo(sx(l.d), sy(l.d));
    ctx.lineWidth = width;
    ctx.strokeStyle = KIND_COLORS[l.cls].replace("A", "0.95");
    ctx.stroke();
  }
  // Nodes: one path per colour (type, or community).
  const byType = new Map();
  for (const n of S.nodes) {
    if (!n.visible) continue;
    const c = nodeColor(n);
    if (!byType.has(c)) byType.set(c, []);
    byType.get(c).push(n);
  }
  for (const [t, ns] of byType) {
    ctx.beginPath();
    for (const n of ns) {
      const x = sx(n), y = sy(n), r = sr(n);
      if (x < -r || y < -r || x > w + r || y > h + r) continue;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fillStyle = t;
    ctx.globalAlpha = near ? 0.5 : 1;
    ctx.fill();
    ctx.globalAlpha = 1;
    if (S.nodes.length < 3000) {
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#fff";
      ctx.stroke();
    }
  }
  if (near) {
    for (const id of near) {
      const n = S.byId.get(id);
      if (!n || !n.visible) continue;
      ctx.beginPath();
      ctx.arc(sx(n), sy(n), sr(n), 0, 2 * Math.PI);
      ctx.fillStyle = nodeColor(n);
      ctx.fill();
    }
  }
  // Pinned nodes (dragged by the user) get a dashed ring.
  if (S.pins.size) {
    ctx.setLineDash([3, 2]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "#444";
    for (const n of S.nodes) {
      if (!n.pinned || !n.visible) continue;
      ctx.beginPath();
      ctx.arc(sx(n), sy(n), sr(n) + 2, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  const focus = S.focus && S.byId.get(S.focus);
  if (focus) {
    ctx.beginPath();
    ctx.arc(sx(focus), sy(focus), sr(focus) + 3, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#222";
    ctx.stroke();
  }
  if (fast) return;
  // Labels: the focus, the hovered node and its neighbours, then the
  // biggest nodes that fit.
  const cand = S.nodes.filter((n) => n.visible).sort((a, b) => b.r - a.r);
  const budget = S.nodes.length <= 200 ? 200 : Math.min(150, Math.round(40 * S.t.k + 20));
  const labelled = [];
  if (focus) labelled.push(focus);
  if (near) for (const id of near) { const n = S.byId.get(id); if (n && n.visible) labelled.push(n); }
  for (const n of cand) { if (labelled.length >= budget) break; labelled.push(n); }
  ctx.font = "12px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  const boxes = [];
  const seen = new Set();
  for (const n of labelled) {
    if (seen.has(n)) continue;
    seen.add(n);
    const tw = ctx.measureText(n.name).width;
    let x = sx(n) + sr(n) + 3;
    const y = sy(n);
    // A label that would run off the right edge goes on the left.
    if (x + tw > w) x = sx(n) - sr(n) - 3 - tw;
    if (x < 0 || x + tw > w || y < 7 || y > h - 7) continue;
    const box = [x, y - 7, x + tw, y + 7];
    const important = n === focus || (near && near.has(n.id));
    if (!important && boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
    boxes.push(box);
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.85)";
    ctx.strokeText(n.name, x, y);
    ctx.fillStyle = important ? "#000" : "#333";
    ctx.fillText(n.name, x, y);
  }
  S.labelBoxes = boxes; // for tests: where the labels went, in canvas pixels
}

// ---- hit testing and input -------------------------------------------------

function nodeAt(px, py) {
  let best = null, bestD = Infinity;
  for (const n of S.nodes) {
    if (!n.visible) continue;
    const dx = sx(n) - px, dy = sy(n) - py, d = Math.hypot(dx, dy);
    if (d <= sr(n) + 3 && d < bestD) { best = n; bestD = d; }
  }
  return best;
}

function linkAt(px, py) {
  let best = null, bestD = 6;
  for (const l of S.links) {
    if (!l.visible) continue;
    const ax = sx(l.s), ay = sy(l.s), bx = sx(l.d), by = sy(l.d);
    const vx = bx - ax, vy = by - ay, len2 = vx * vx + vy * vy;
    let t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    const d = Math.hypot(ax + t * vx - px, ay + t * vy - py);
    if (d < bestD) { best = l; bestD = d; }
  }
  return best;
}

function pointer(e) {
  const r = canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

let drag = null;
canvas.addEventListener("pointerdown", (e) => {
  const [x, y] = pointer(e);
  // On a node the drag moves it and pins it there; elsewhere it pans.
  const n = S.anim ? null : nodeAt(x, y);
  drag = { x, y, tx: S.t.x, ty: S.t.y, moved: false, node: n, nx: n ? n.x : 0, ny: n ? n.y : 0 };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener("pointermove", (e) => {
  const [x, y] = pointer(e);
  if (drag) {
    if (Math.hypot(x - drag.x, y - drag.y) > 3) drag.moved = true;
    if (drag.moved && drag.node) {
      const n = drag.node;
      n.x = drag.nx + (x - drag.x) / S.t.k;
      n.y = drag.ny + (y - drag.y) / S.t.k;
      n.pinned = true;
      S.pins.set(n.id, [n.x, n.y]);
      redraw();
    } else if (drag.moved) {
      canvas.classList.add("dragging");
      S.t.x = drag.tx + x - drag.x;
      S.t.y = drag.ty + y - drag.y;
      interacting();
      redraw();
    }
    return;
  }
  const n = nodeAt(x, y);
  const l = n || S.links.length > 20000 ? null : linkAt(x, y);
  if (n !== S.hover || l !== S.hoverLink) {
    S.hover = n; S.hoverLink = l;
    redraw();
  }
  const tip = $("tooltip");
  if (n) tip.textContent = n.name + " · " + n.type + " · weight " + n.weight;
  else if (l) tip.textContent = l.s.name + " — " + l.d.name + " · " + l.kinds.join(", ") + " · " + l.weight;
  tip.hidden = !(n || l);
  tip.style.left = x + 12 + "px";
  tip.style.top = y + 12 + "px";
});
canvas.addEventListener("pointerup", (e) => {
  const [x, y] = pointer(e);
  const d = drag;
  drag = null;
  canvas.classList.remove("dragging");
  if (!d || d.moved) return;
  const n = nodeAt(x, y);
  if (n) {
    if (e.shiftKey) expand(n); // add its neighbours in place
    else if (n.id !== S.focus) openEntity(n.id);
    return;
  }
  const l = linkAt(x, y);
  if (l) showEdge(l.source, l.target);
});
canvas.addEventListener("pointerleave", () => {
  $("tooltip").hidden = true;
  if (S.hover || S.hoverLink) { S.hover = S.hoverLink = null; redraw(); }
});
canvas.addEventListener("wheel", (e) => {
  e.preventDefault();
  const [x, y] = pointer(e);
  const f = Math.exp(-e.deltaY * 0.0015);
  const k = Math.max(0.01, Math.min(40, S.t.k * f));
  S.t.x = x - (x - S.t.x) * (k / S.t.k);
  S.t.y = y - (y - S.t.y) * (k / S.t.k);
  S.t.k = k;
  interacting();
  redraw();
}, { passive: false });
canvas.addEventListener("dblclick", (e) => {
  // On a pinned node: unpin it (it goes back to the layout's place on the
  // next view); elsewhere: fit the view.
  const [x, y] = pointer(e);
  const n = nodeAt(x, y);
  if (n && n.pinned) {
    n.pinned = false;
    S.pins.delete(n.id);
    redraw();
    return;
  }
  fit();
  redraw();
});

// ---- search -----------------------------------------------------------------

const search = $("search"), suggest = $("suggest");
let active = -1, searchTimer = 0, searchCtl = null;
search.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 120);
});
async function runSearch() {
  const q = search.value.trim();
  if (!q) { closeSuggest(); return; }
  if (searchCtl) searchCtl.abort();
  searchCtl = new AbortController();
  try {
    const res = await fetch("api/search?" + new URLSearchParams({ q, limit: 12 }), { signal: searchCtl.signal });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error);
    showSuggest(body.hits);
  } catch (e) {
    if (e.name !== "AbortError") message(e.message);
  }
}
function showSuggest(hits) {
  suggest.replaceChildren();
  active = -1;
  for (const h of hits) {
    const alias = h.alias || h.match !== h.name.toLowerCase() ? el("span", { class: "alias", text: "“" + h.match + "”" }) : null;
    suggest.append(el("li", { role: "option", "data-id": h.id, onmousedown: (e) => { e.preventDefault(); choose(h); } },
      swatch(typeColor(h.type)), el("span", { text: h.name }), el("span", { class: "type", text: h.type + " · " + h.mentions }), alias));
  }
  if (hits.length === 0) suggest.append(el("li", { class: "none", text: "no match" }));
  suggest.hidden = false;
  search.setAttribute("aria-expanded", "true");
}
function closeSuggest() {
  suggest.hidden = true;
  search.setAttribute("aria-expanded", "false");
}
function choose(h) {
  search.value = h.name;
  closeSuggest();
  openEntity(h.id);
}
search.addEventListener("keydown", async (e) => {
  const items = [...suggest.querySelectorAll("li[data-id]")];
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    if (!items.length) return;
    active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items.forEach((li, i) => li.classList.toggle("active", i === active));
  } else if (e.key === "Enter") {
    e.preventDefault();
    const li = items[Math.max(active, 0)];
    if (li && !suggest.hidden) {
      search.value = li.children[1].textContent;
      closeSuggest();
      openEntity(li.dataset.id);
    } else if (search.value.trim()) {
      try {
        const en = await api("entity", { name: search.value.trim() });
        openEntity(en.id);
      } catch (err) { message(err.message); }
    }
  } else if (e.key === "Escape") {
    closeSuggest();
  }
});
search.addEventListener("blur", () => setTimeout(closeSuggest, 150));

// ---- controls -----------------------------------------------------------

function wire() {
  for (const id of ["types", "kinds"]) $(id).addEventListener("change", reload);
  $("minweight").addEventListener("change", reload);
  // A new depth or limit is a new neighbourhood: fit it to the window.
  for (const id of ["depth", "limit"]) $(id).addEventListener("change", () => { S.fitted = false; reload(); });
  $("sizeby").addEventListener("change", () => { sizeNodes(); redraw(); });
  $("colorby").addEventListener("change", () => { S.colorBy = $("colorby").value; showCommunities(); redraw(); });
  $("overview").addEventListener("click", openOverview);
  $("onlymet").addEventListener("change", showRelations);
  const onRange = (e) => {
    const s = $("since"), u = $("until");
    if (+s.value > +u.value) {
      if (e.target === s) u.value = s.value; else s.value = u.value;
    }
    dateLabels();
    applyRange();
    updateDownloads();
    redraw();
  };
  $("since").addEventListener("input", onRange);
  $("until").addEventListener("input", onRange);
  $("alltime").addEventListener("click", () => {
    $("since").value = 0;
    $("until").value = S.days;
    onRange({ target: null });
  });
  window.addEventListener("resize", () => { resize(); });
  window.addEventListener("hashchange", () => {
    const id = new URLSearchParams(location.hash.slice(1)).get("id");
    if (id && id !== S.focus) openEntity(id);
  });
}

// Hooks for tests and scripts: where on the screen a node or link is.
window.graphbuild = {
  state: S,
  nodePoint(name) {
    const n = S.nodes.find((x) => x.name === name && x.visible);
    if (!n) return null;
    const r = canvas.getBoundingClientRect();
    return { x: r.left + sx(n), y: r.top + sy(n) };
  },
  // settled is true when no animation or frame is pending.
  settled() { return !S.anim && !frame; },
  // drawMillis redraws n times and returns the mean time of a frame.
  drawMillis(n, moving) {
    S.moving = !!moving;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) draw();
    S.moving = false;
    return (performance.now() - t0) / n;
  },
  linkPoint(a, b) {
    const l = S.links.find((x) => x.visible && ((x.s.name === a && x.d.name === b) || (x.s.name === b && x.d.name === a)));
    if (!l) return null;
    const r = canvas.getBoundingClientRect();
    // A point on the link away from both nodes and their labels.
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      const x = sx(l.s) + t * (sx(l.d) - sx(l.s)), y = sy(l.s) + t * (sy(l.d) - sy(l.s));
      if (!nodeAt(x, y) && linkAt(x, y) === l) return { x: r.left + x, y: r.top + y };
    }
    return null;
  },
};

async function main() {
  wire();
  resize();
  try {
    S.stats = await api("stats");
  } catch (e) {
    message(e.message);
    return;
  }
  buildFilters();
  const hash = new URLSearchParams(location.hash.slice(1));
  const start = hash.get("id") || (S.stats.defaults.focus && S.stats.defaults.focus.id);
  if (start) await openEntity(start);
  if (!S.view) await openOverview(); // no start, or an unknown one
  document.body.dataset.ready = "1";
}
main();
