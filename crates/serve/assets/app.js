// parley dashboard: plain JavaScript, no dependencies, nothing from the network
// but this server's own /api.
"use strict";

const $ = (s) => document.querySelector(s);
const state = { offset: 0, limit: 25, query: null };

// A token for private servers: open the dashboard as /#token=...
(function keepToken() {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) sessionStorage.setItem("parley-token", decodeURIComponent(m[1]));
})();

async function api(path) {
  const headers = {};
  const token = sessionStorage.getItem("parley-token");
  if (token) headers["Authorization"] = "Bearer " + token;
  const r = await fetch(path, { headers });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

const svgNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

// Spans are byte offsets in the UTF-8 sentence.
function highlight(sentence, event) {
  const bytes = new TextEncoder().encode(sentence);
  const dec = new TextDecoder();
  const spans = [];
  if (event.source && event.source.span) spans.push([event.source.span[0], event.source.span[1], "src", "source " + event.source.code]);
  if (event.target && event.target.span) spans.push([event.target.span[0], event.target.span[1], "tgt", "target " + event.target.code]);
  if (event.verb && event.verb.span) spans.push([event.verb.span[0], event.verb.span[1], "verb", "event " + event.cameo]);
  spans.sort((a, b) => a[0] - b[0]);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e, cls, title] of spans) {
    if (s < at || e > bytes.length || s >= e) continue;
    frag.append(dec.decode(bytes.slice(at, s)));
    frag.append(el("mark", { class: cls, title }, dec.decode(bytes.slice(s, e))));
    at = e;
  }
  frag.append(dec.decode(bytes.slice(at)));
  return frag;
}

function selection() {
  const dyad = $("#dyad").value;
  const a = $("#actor-a").value.trim().toUpperCase();
  const b = $("#actor-b").value.trim().toUpperCase();
  const p = new URLSearchParams();
  let title = "";
  if (a && b) { p.set("dyad", a + "," + b); title = a + " – " + b; }
  else if (a) { p.set("actor", a); title = a; }
  else if (dyad) { p.set("dyad", dyad); title = dyad.replace(",", " – "); }
  else return null;
  if ($("#from").value) p.set("from", $("#from").value);
  if ($("#to").value) p.set("to", $("#to").value);
  p.set("unit", $("#unit").value);
  return { params: p, title };
}

async function loadStats() {
  try {
    const h = await api("/api/health");
    const s = h.store;
    $("#stats").textContent = `${s.documents} documents · ${s.events} events in ${s.clusters} happenings · ${s.actors} actors · ${s.alerts} alerts` +
      (s.first_day ? ` · ${s.first_day} to ${s.last_day}` : "");
  } catch (e) { $("#stats").textContent = "store unavailable: " + e.message; }
}

async function loadPickers() {
  const dyads = await api("/api/dyads?limit=200");
  const sel = $("#dyad");
  for (const d of dyads.rows) {
    sel.append(el("option", { value: d.a + "," + d.b }, `${d.a} – ${d.b} (${d.clusters})`));
  }
  const actors = await api("/api/actors?limit=300");
  const list = $("#actor-list");
  for (const a of actors.rows) {
    list.append(el("option", { value: a.code }, a.names.length ? a.names[0][0] : a.code));
  }
}

function drawTimeline(buckets) {
  const box = $("#timeline");
  box.textContent = "";
  if (!buckets.length) { box.append(el("p", { class: "muted" }, "No dated events for this selection.")); return; }
  const W = 760, H = 260, top = 12, mid = 130, left = 36, right = 10;
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.cooperation, b.conflict)));
  const step = (W - left - right) / buckets.length;
  const bw = Math.max(1, step * 0.8);
  const scale = (mid - top) / max;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline" });
  s.append(svg("line", { x1: left, x2: W - right, y1: mid, y2: mid, stroke: "#9ca3af" }));
  s.append(svg("text", { x: 2, y: top + 8, class: "map-label" }, max));
  s.append(svg("text", { x: 2, y: mid + (mid - top) - 2, class: "map-label" }, "-" + max));
  const pts = [];
  buckets.forEach((b, i) => {
    const x = left + i * step + (step - bw) / 2;
    let y = mid;
    for (const q of [0, 1]) { // cooperation stacks up
      const h = b.quad[q] * scale;
      if (h > 0) {
        y -= h;
        const r = svg("rect", { x, y, width: bw, height: h, class: `bar q${q + 1} coop` });
        r.append(svg("title", {}, `${b.period}: ${b.quad[q]} ${q === 0 ? "verbal" : "material"} cooperation`));
        s.append(r);
      }
    }
    y = mid;
    for (const q of [2, 3]) { // conflict stacks down
      const h = b.quad[q] * scale;
      if (h > 0) {
        const r = svg("rect", { x, y, width: bw, height: h, class: `bar q${q + 1} conflict` });
        r.append(svg("title", {}, `${b.period}: ${b.quad[q]} ${q === 2 ? "verbal" : "material"} conflict`));
        s.append(r);
        y += h;
      }
    }
    if (b.goldstein_mean != null) pts.push([x + bw / 2, mid - (b.goldstein_mean / 10) * (mid - top)]);
  });
  if (pts.length > 1) s.append(svg("polyline", { points: pts.map((p) => p.join(",")).join(" "), fill: "none", stroke: "#1d4ed8", "stroke-width": 1.5, class: "goldstein" }));
  const every = Math.ceil(buckets.length / 12);
  buckets.forEach((b, i) => {
    if (i % every === 0) s.append(svg("text", { x: left + i * step, y: H - 4, class: "map-label" }, b.period));
  });
  box.append(s);
}

function drawMap(rows) {
  const placed = rows.filter((r) => r.event.place && typeof r.event.place.lat === "number");
  const panel = $("#map-panel");
  if (!placed.length) { panel.hidden = true; return; }
  panel.hidden = false;
  const byPlace = new Map();
  for (const r of placed) {
    const p = r.event.place;
    const k = p.name + "|" + p.lat + "|" + p.lon;
    if (!byPlace.has(k)) byPlace.set(k, { p, n: 0, id: r.id });
    byPlace.get(k).n += r.mentions;
  }
  const places = [...byPlace.values()].sort((x, y) => y.n - x.n);
  // Fit the view to the places (equirectangular), with a margin.
  const lons = places.map((x) => x.p.lon), lats = places.map((x) => x.p.lat);
  let x0 = Math.min(...lons), x1 = Math.max(...lons), y0 = Math.min(...lats), y1 = Math.max(...lats);
  const padX = Math.max(8, (x1 - x0) * 0.15), padY = Math.max(5, (y1 - y0) * 0.15);
  x0 = Math.max(-180, x0 - padX); x1 = Math.min(180, x1 + padX); y0 = Math.max(-90, y0 - padY); y1 = Math.min(90, y1 + padY);
  const W = 400, H = Math.max(120, Math.min(300, W * (y1 - y0) / (x1 - x0)));
  const px = (lon) => ((lon - x0) / (x1 - x0)) * W, py = (lat) => ((y1 - lat) / (y1 - y0)) * H;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of events" });
  s.append(svg("rect", { x: 0, y: 0, width: W, height: H, fill: "#f8fafc" }));
  if (typeof drawOutlines === "function") drawOutlines(s, px, py, x0, x1, y0, y1); // analyst.js: country outlines
  const stepDeg = (x1 - x0) > 90 ? 30 : (x1 - x0) > 30 ? 10 : 5;
  for (let lon = Math.ceil(x0 / stepDeg) * stepDeg; lon <= x1; lon += stepDeg) {
    s.append(svg("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H, class: "map-grid" }));
    s.append(svg("text", { x: px(lon) + 2, y: H - 2, class: "map-label muted" }, lon + "°"));
  }
  for (let lat = Math.ceil(y0 / stepDeg) * stepDeg; lat <= y1; lat += stepDeg) {
    s.append(svg("line", { x1: 0, x2: W, y1: py(lat), y2: py(lat), class: "map-grid" }));
    s.append(svg("text", { x: 2, y: py(lat) - 2, class: "map-label muted" }, lat + "°"));
  }
  const labelled = [];
  for (const { p, n, id } of places) {
    const x = px(p.lon), y = py(p.lat);
    const c = svg("circle", { cx: x, cy: y, r: Math.min(10, 3 + Math.sqrt(n)), class: "map-point" });
    c.append(svg("title", {}, `${p.name} (${p.country}): ${n} reports`));
    c.addEventListener("click", () => openEvent(id));
    s.append(c);
    if (labelled.every(([lx, ly]) => Math.abs(lx - x) > 40 || Math.abs(ly - y) > 12)) {
      s.append(svg("text", { x: x + 6, y: y - 4, class: "map-label" }, `${p.name} (${n})`));
      labelled.push([x, y]);
    }
  }
  const box = $("#map");
  box.textContent = "";
  box.append(s);
}

function actorCell(a) {
  if (!a) return el("span", { class: "muted" }, "—");
  return el("span", { title: a.text }, a.code);
}

async function loadEvents() {
  const sel = state.query;
  const p = new URLSearchParams(sel.params);
  p.set("limit", state.limit);
  p.set("offset", state.offset);
  p.set("total", "true");
  const page = await api("/api/events?" + p);
  const body = $("#events tbody");
  body.textContent = "";
  for (const r of page.rows) {
    const e = r.event;
    const tr = el("tr", { "data-id": r.id, onclick: () => openEvent(r.id) },
      el("td", {}, e.date || "—"),
      el("td", {}, actorCell(e.source)),
      el("td", {}, actorCell(e.target)),
      el("td", {}, el("span", { class: "quad q" + e.quad_class }), `${e.cameo} ${e.event_name}`),
      el("td", {}, e.goldstein),
      el("td", { title: `${r.articles} articles, ${r.sources} sources` }, r.mentions),
      el("td", { class: "sentence" }, highlight(e.sentence, e)));
    body.append(tr);
  }
  if (!page.rows.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No events.")));
  $("#events-count").textContent = page.total != null ? `(${page.total} ${sel.params.get("unit") === "mentions" ? "reports" : "happenings"})` : "";
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = page.next_offset == null;
  drawMap(page.rows);
}

async function loadAlerts() {
  const sel = state.query;
  const p = new URLSearchParams();
  if (sel.params.get("dyad")) p.set("dyad", sel.params.get("dyad"));
  if (sel.params.get("actor")) p.set("actor", sel.params.get("actor"));
  p.set("limit", "50");
  const list = $("#alerts");
  list.textContent = "";
  let page;
  try { page = await api("/api/alerts?" + p); } catch (e) { list.append(el("li", { class: "muted" }, e.message)); return; }
  if (!page.rows.length) list.append(el("li", { class: "muted" }, "No alerts for this selection."));
  for (const a of page.rows) {
    const links = a.events.slice(0, 6).map((id) => el("a", { onclick: () => openEvent(id) }, "#" + id));
    const li = el("li", { class: "alert" }, el("span", { class: "rule " + a.rule }, a.rule.replace(/_/g, " ")), el("b", {}, a.day), " ", a.message, el("br"), el("span", { class: "muted" }, "events: "));
    links.forEach((l, i) => { if (i) li.append(", "); li.append(l); });
    if (a.events.length > 6) li.append(` … (${a.events.length})`);
    list.append(li);
  }
}

// The likely next events of the selected dyad or actor (GET /api/forecast),
// each with the past events (links) and the rule behind it.
async function loadForecast() {
  const sel = state.query;
  const p = new URLSearchParams();
  if (sel.params.get("dyad")) p.set("dyad", sel.params.get("dyad"));
  else p.set("actor", sel.params.get("actor"));
  p.set("limit", "8");
  const list = $("#forecast");
  list.textContent = "";
  $("#forecast-panel").hidden = false;
  let f;
  try { f = await api("/api/forecast?" + p); } catch (e) { list.append(el("li", { class: "muted" }, e.message)); return; }
  $("#forecast-day").textContent = f.day ? "from " + f.day : "";
  if (!f.rows.length) list.append(el("li", { class: "muted" }, f.note || "Nothing in the history supports a forecast."));
  for (const r of f.rows) {
    const li = el("li", { class: "forecast" }, el("b", {}, `${r.source} → ${r.target}`), ` ${r.cameo} ${r.event_name || ""} `, el("span", { class: "muted" }, `score ${r.score.toFixed(3)}`));
    for (const s of r.support) {
      const why = s.kind === "recurrence" ? `happened ${s.times}×, last ${s.last_day}: ` : `rule ${s.rule} (confidence ${s.confidence.toFixed(2)}): `;
      const line = el("div", { class: "support" }, why);
      s.events.forEach((id, i) => { if (i) line.append(", "); line.append(el("a", { onclick: () => openEvent(id) }, "#" + id)); });
      li.append(line);
    }
    list.append(li);
  }
}

async function show() {
  const sel = selection();
  if (!sel) return;
  state.query = sel;
  state.offset = 0;
  if (window.onSelection) window.onSelection(sel); // analyst.js: the URL keeps the selection
  $("#timeline-title").textContent = sel.title;
  const t = new URLSearchParams(sel.params);
  t.set("granularity", $("#granularity").value);
  try {
    const tl = await api("/api/timeline?" + t);
    drawTimeline(tl.buckets);
  } catch (e) { $("#timeline").textContent = e.message; }
  await Promise.all([loadEvents(), loadAlerts(), loadForecast()]);
}

async function openEvent(id) {
  const d = await api("/api/events/" + id);
  const e = d.event;
  const panel = $("#detail");
  $("#detail-id").textContent = "#" + id;
  const body = $("#detail-body");
  body.textContent = "";
  body.append(el("p", { class: "big" }, highlight(e.sentence, e)));
  const dl = el("dl");
  const row = (k, v) => { dl.append(el("dt", {}, k), el("dd", {}, v == null || v === "" ? "—" : v)); };
  row("who", e.source ? `${e.source.code} (“${e.source.text}”${e.source.refers_to ? " = " + e.source.refers_to : ""})` : null);
  row("did", `${e.cameo} ${e.event_name} · quad class ${e.quad_class} · Goldstein ${e.goldstein}` + (e.plover ? ` · PLOVER ${e.plover.type}` : ""));
  row("to whom", e.target ? `${e.target.code} (“${e.target.text}”${e.target.refers_to ? " = " + e.target.refers_to : ""})` : null);
  row("when", e.date);
  row("where", e.place ? `${e.place.name}, ${e.place.country}` : null);
  row("how sure", `${e.mode}, ${e.certainty}${e.hedges.length ? " (" + e.hedges.join(", ") + ")" : ""}`);
  row("document", `${d.document.id}${d.document.title ? " — " + d.document.title : ""}`);
  row("reports", `${d.cluster.mentions} reports in ${d.cluster.articles} articles from ${d.cluster.sources} sources`);
  body.append(dl);
  const reports = el("ul", { class: "reports" });
  for (const r of d.cluster.reports) reports.append(el("li", {}, el("b", {}, r.doc_id + ": "), r.sentence));
  body.append(el("h3", {}, "Told by"), reports);
  if (d.alerts.length) body.append(el("p", {}, "Named by alerts " + d.alerts.map((a) => "#" + a).join(", ")));
  body.append(el("details", {}, el("summary", {}, "JSON"), el("pre", {}, JSON.stringify(e, null, 1))));
  panel.hidden = false;
  panel.scrollIntoView({ block: "nearest" });
}

$("#controls").addEventListener("submit", (ev) => { ev.preventDefault(); show(); });
$("#dyad").addEventListener("change", () => { $("#actor-a").value = ""; $("#actor-b").value = ""; show(); });
$("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadEvents(); });
$("#next").addEventListener("click", () => { state.offset += state.limit; loadEvents(); });
$("#detail-close").addEventListener("click", () => { $("#detail").hidden = true; });

loadStats();
window.pickersLoaded = loadPickers().catch((e) => { $("#stats").textContent = e.message; });
