// parley dashboard, what an analyst opens first: the overview (most active
// dyads and actors with sparklines, latest alerts, a world map with country
// outlines), the situation brief, the actor network, and the selection kept
// in the URL (#dyad=A,B&from=...: a shared link reopens it). Plain
// JavaScript on top of app.js (api, el, svg, show, openEvent, state), nothing
// from the network but this server.
"use strict";

// ---- Country outlines: Natural Earth 1:110m, TopoJSON served by parley itself.

let world = null;

async function loadWorld() {
  if (world) return world;
  const r = await fetch("/countries-110m.json");
  world = decodeTopology(await r.json());
  return world;
}

// TopoJSON arcs are quantized and delta-encoded; a ring is a list of arcs
// (a negative index ~i is arc i reversed) sharing their end points.
function decodeTopology(topo) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  const ring = (ids) => {
    const pts = [];
    for (const i of ids) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  };
  return topo.objects.countries.geometries.map((g) => {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return { name: (g.properties || {}).name || "", rings: polygons.flatMap((p) => p.map(ring)) };
  });
}

// Draws the countries into svg `s` with the projection px/py, skipping rings
// outside [x0, x1] x [y0, y1]; a ring crossing the antimeridian is cut there
// rather than drawn across the map.
function drawOutlines(s, px, py, x0, x1, y0, y1) {
  if (!world) return;
  const g = svg("g", { class: "countries" });
  for (const c of world) {
    let d = "";
    for (const r of c.rings) {
      if (r.every(([lon]) => lon < x0) || r.every(([lon]) => lon > x1) || r.every(([, lat]) => lat < y0) || r.every(([, lat]) => lat > y1)) continue;
      let prev = null;
      for (const [lon, lat] of r) {
        const jump = prev === null || Math.abs(lon - prev) > 180;
        d += (jump ? (d ? "ZM" : "M") : "L") + px(lon).toFixed(1) + "," + py(lat).toFixed(1);
        prev = lon;
      }
      d += "Z";
    }
    if (d) {
      const p = svg("path", { d, class: "country" });
      p.append(svg("title", {}, c.name));
      g.append(p);
    }
  }
  s.append(g);
}

// ---- The selection in the URL.

function hashParams() {
  return new URLSearchParams(location.hash.replace(/^#/, ""));
}

function setHash(p) {
  history.replaceState(null, "", "#" + p.toString().replace(/%2C/g, ","));
}

// Called by app.js's show() with the new selection.
window.onSelection = (sel) => {
  const h = new URLSearchParams(sel.params);
  if (h.get("unit") === "clusters") h.delete("unit");
  if ($("#granularity").value !== "month") h.set("g", $("#granularity").value);
  setHash(h);
  $("#brief-btn").disabled = false;
  if (!$("#brief-panel").hidden) openBrief();
  markNetworkSelection();
};

function selectDyad(a, b) {
  const value = a + "," + b, other = b + "," + a;
  const opt = [...$("#dyad").options].find((o) => o.value === value || o.value === other);
  if (opt) { $("#dyad").value = opt.value; $("#actor-a").value = ""; $("#actor-b").value = ""; }
  else { $("#dyad").value = ""; $("#actor-a").value = a; $("#actor-b").value = b; }
  show();
}

function selectActor(code) {
  $("#dyad").value = ""; $("#actor-a").value = code; $("#actor-b").value = "";
  show();
}

// Opens what the URL says: a dyad or an actor (with period, granularity and
// count), an event, a document's events, the brief.
async function applyHash() {
  const h = hashParams();
  if (h.get("from")) $("#from").value = h.get("from");
  if (h.get("to")) $("#to").value = h.get("to");
  if (h.get("g")) $("#granularity").value = h.get("g");
  if (h.get("unit")) $("#unit").value = h.get("unit");
  const wantBrief = h.get("brief") === "1";
  if (h.get("dyad")) {
    const [a, b] = h.get("dyad").split(",");
    if (a && b) { selectDyad(a, b); }
  } else if (h.get("actor")) {
    selectActor(h.get("actor"));
  }
  if (h.get("event")) openEvent(Number(h.get("event")));
  if (h.get("doc")) showDocument(h.get("doc"));
  if (wantBrief && (h.get("dyad") || h.get("actor"))) openBrief();
}

// The events of one document, in the events table.
function showDocument(doc) {
  state.query = { params: new URLSearchParams({ doc, unit: "mentions", order: "oldest" }), title: "document " + doc };
  state.offset = 0;
  $("#timeline-title").textContent = "document " + doc;
  loadEvents();
  $("#events-panel").scrollIntoView({ block: "nearest" });
}

// ---- Overview.

function sparkline(spark) {
  const W = 120, H = 28, mid = H / 2;
  const max = Math.max(1, ...spark.map((s) => Math.max(s.cooperative, s.conflictual)));
  const step = W / Math.max(1, spark.length);
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "spark", role: "img", "aria-label": "sparkline" });
  s.append(svg("line", { x1: 0, x2: W, y1: mid, y2: mid, stroke: "#d1d5db" }));
  spark.forEach((p, i) => {
    const x = i * step, w = Math.max(1, step * 0.8);
    const up = (p.cooperative / max) * (mid - 1), down = (p.conflictual / max) * (mid - 1);
    if (up > 0) s.append(svg("rect", { x, y: mid - up, width: w, height: up, class: "coop" }, null));
    if (down > 0) s.append(svg("rect", { x, y: mid, width: w, height: down, class: "conflict" }));
  });
  s.append(svg("title", {}, spark.map((p) => `${p.period}: +${p.cooperative} / -${p.conflictual}`).join("\n")));
  return s;
}

function hashLink(params, text, onclick) {
  const p = new URLSearchParams(params);
  return el("a", { href: "#" + p.toString().replace(/%2C/g, ","), onclick: (ev) => { ev.preventDefault(); onclick(); } }, text);
}

async function loadOverview() {
  let ov;
  try { ov = await api("/api/overview"); } catch (e) { $("#overview-period").textContent = e.message; return; }
  $("#overview-period").textContent = ov.store.first_day ? `— the store runs from ${ov.store.first_day} to ${ov.store.last_day}` : "— the store is empty: ingest reports with `parley ingest`";
  const dyads = $("#top-dyads");
  dyads.textContent = "";
  for (const { edge, spark } of ov.dyads) {
    dyads.append(el("li", { "data-dyad": edge.a + "," + edge.b },
      hashLink({ dyad: edge.a + "," + edge.b }, `${edge.a} – ${edge.b}`, () => selectDyad(edge.a, edge.b)),
      el("span", { class: "muted" }, ` ${edge.events}`), sparkline(spark)));
  }
  if (!ov.dyads.length) dyads.append(el("li", { class: "muted" }, "No dyad yet."));
  const actors = $("#top-actors");
  actors.textContent = "";
  for (const { node, spark } of ov.actors) {
    const label = node.name && node.name !== node.code ? `${node.name} (${node.code})` : node.code;
    actors.append(el("li", { "data-actor": node.code },
      hashLink({ actor: node.code }, label, () => selectActor(node.code)),
      el("span", { class: "muted" }, ` ${node.events}`), sparkline(spark)));
  }
  if (!ov.actors.length) actors.append(el("li", { class: "muted" }, "No actor yet."));
  const alerts = $("#latest-alerts");
  alerts.textContent = "";
  for (const a of ov.alerts) {
    const li = el("li", { class: "alert" }, el("span", { class: "rule " + a.rule }, a.rule.replace(/_/g, " ")), el("b", {}, a.day), " ",
      hashLink({ dyad: a.actor_a + "," + a.actor_b }, `${a.actor_a} – ${a.actor_b}`, () => selectDyad(a.actor_a, a.actor_b)), ": ", a.message);
    if (a.event) li.append(" ", hashLink({ event: a.event }, "#" + a.event, () => openEvent(a.event)));
    alerts.append(li);
  }
  if (!ov.alerts.length) alerts.append(el("li", { class: "muted" }, "No alert in the store."));
  await loadWorld().catch(() => null);
  drawWorldMap(ov.places);
}

function drawWorldMap(places) {
  const W = 800, H = 360, x0 = -180, x1 = 180, y0 = -58, y1 = 84;
  const px = (lon) => ((lon - x0) / (x1 - x0)) * W, py = (lat) => ((y1 - lat) / (y1 - y0)) * H;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "world map of events" });
  s.append(svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  drawOutlines(s, px, py, x0, x1, y0, y1);
  const max = Math.max(1, ...places.map((p) => p.events));
  for (const p of places) {
    const c = svg("circle", { cx: px(p.lon), cy: py(p.lat), r: 2 + 8 * Math.sqrt(p.events / max), class: "map-point" });
    c.append(svg("title", {}, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events} happenings`));
    c.addEventListener("click", () => openEvent(p.event));
    s.append(c);
  }
  const box = $("#world-map");
  box.textContent = "";
  box.append(s);
  if (!places.length) box.append(el("p", { class: "muted" }, "No event with a known place yet."));
}

// ---- Brief.

async function openBrief() {
  const sel = state.query;
  if (!sel || !(sel.params.get("dyad") || sel.params.get("actor"))) return;
  const p = new URLSearchParams();
  for (const k of ["dyad", "actor", "from", "to"]) if (sel.params.get(k)) p.set(k, sel.params.get(k));
  const panel = $("#brief-panel"), box = $("#brief");
  panel.hidden = false;
  $("#brief-title").textContent = sel.title;
  box.textContent = "writing…";
  let b;
  try { b = await api("/api/brief?" + p); } catch (e) { box.textContent = e.message; return; }
  box.textContent = "";
  box.append(el("h3", {}, b.title), el("p", { class: "muted" }, `Period: ${b.period}. Every line links to the events and documents it rests on.`));
  for (const s of b.sections) {
    box.append(el("h4", {}, s.heading));
    if (!s.lines.length) { box.append(el("p", { class: "muted" }, s.empty)); continue; }
    const ul = el("ul", { class: "brief-lines" });
    for (const line of s.lines) {
      const li = el("li", {}, line.text);
      for (const c of line.citations) {
        li.append(" ");
        if (c.kind === "event") li.append(hashLink({ event: c.id }, "e" + c.id, () => openEvent(c.id)));
        else li.append(hashLink({ doc: c.id }, c.sentence != null ? `${c.id} s${c.sentence}` : c.id, () => showDocument(c.id)));
        li.lastChild.classList.add("cite");
      }
      ul.append(li);
    }
    box.append(ul);
  }
  const h = hashParams();
  h.set("brief", "1");
  h.delete("event"); h.delete("doc");
  setHash(h);
  panel.scrollIntoView({ block: "nearest" });
}

// ---- Actor network: a force layout computed here (Fruchterman-Reingold).

const net = { nodes: [], edges: [], pos: new Map() };

function goldsteinColour(g) {
  const t = Math.max(-1, Math.min(1, g / 6));
  const grey = [156, 163, 175], green = [46, 125, 50], red = [198, 40, 40];
  const to = t >= 0 ? green : red, a = Math.abs(t);
  const c = grey.map((v, i) => Math.round(v + (to[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function layout(nodes, edges, W, H) {
  const n = nodes.length, index = new Map(nodes.map((d, i) => [d.code, i]));
  const pos = nodes.map((_, i) => [W / 2 + Math.cos((2 * Math.PI * i) / n) * W * 0.35, H / 2 + Math.sin((2 * Math.PI * i) / n) * H * 0.35]);
  const links = edges.map((e) => [index.get(e.a), index.get(e.b)]).filter(([i, j]) => i != null && j != null);
  const k = 0.75 * Math.sqrt((W * H) / Math.max(1, n));
  const rounds = 300;
  for (let it = 0; it < rounds; it++) {
    const disp = pos.map(() => [0, 0]);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
      const d = Math.max(0.5, Math.hypot(dx, dy)), f = (k * k) / d;
      disp[i][0] += (dx / d) * f; disp[i][1] += (dy / d) * f;
      disp[j][0] -= (dx / d) * f; disp[j][1] -= (dy / d) * f;
    }
    for (const [i, j] of links) {
      const dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
      const d = Math.max(0.5, Math.hypot(dx, dy)), f = (d * d) / k;
      disp[i][0] -= (dx / d) * f; disp[i][1] -= (dy / d) * f;
      disp[j][0] += (dx / d) * f; disp[j][1] += (dy / d) * f;
    }
    const temp = (W / 8) * (1 - it / rounds) + 0.5;
    for (let i = 0; i < n; i++) {
      // Gravity grows with the number of nodes, so that actors outside the
      // main component stay near it instead of being pushed to the edges.
      disp[i][0] += (W / 2 - pos[i][0]) * 0.01 * n; disp[i][1] += (H / 2 - pos[i][1]) * 0.01 * n;
      const d = Math.max(0.01, Math.hypot(disp[i][0], disp[i][1])), step = Math.min(d, temp);
      pos[i][0] += (disp[i][0] / d) * step;
      pos[i][1] += (disp[i][1] / d) * step;
    }
  }
  // Fit the drawing into the box, with room for the labels.
  const xs = pos.map((p) => p[0]), ys = pos.map((p) => p[1]);
  const [ax, bx, ay, by] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const fx = (x) => 24 + ((x - ax) / Math.max(1, bx - ax)) * (W - 70), fy = (y) => 14 + ((y - ay) / Math.max(1, by - ay)) * (H - 28);
  return new Map(nodes.map((d, i) => [d.code, [fx(pos[i][0]), fy(pos[i][1])]]));
}

async function loadNetwork() {
  const p = new URLSearchParams({ min_events: $("#min-events").value || "2", limit: "120" });
  if ($("#from").value) p.set("from", $("#from").value);
  if ($("#to").value) p.set("to", $("#to").value);
  let g;
  try { g = await api("/api/network?" + p); } catch (e) { $("#network").textContent = e.message; return; }
  net.nodes = g.nodes; net.edges = g.edges;
  drawNetwork();
}

function drawNetwork() {
  const W = 900, H = 520;
  const box = $("#network");
  box.textContent = "";
  if (!net.nodes.length) { box.append(el("p", { class: "muted" }, "No dyad with that many happenings.")); return; }
  net.pos = layout(net.nodes, net.edges, W, H);
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" });
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  for (const e of net.edges) {
    const [x1, y1] = net.pos.get(e.a), [x2, y2] = net.pos.get(e.b);
    const line = svg("line", { x1, y1, x2, y2, class: "edge", "data-dyad": e.a + "," + e.b,
      stroke: goldsteinColour(e.goldstein_mean), "stroke-width": (1 + 7 * Math.sqrt(e.events / maxE)).toFixed(1) });
    line.append(svg("title", {}, `${e.a} – ${e.b}: ${e.events} happenings (${e.cooperative} cooperative, ${e.conflictual} conflictual), mean Goldstein ${e.goldstein_mean.toFixed(1)}`));
    line.addEventListener("click", () => selectDyad(e.a, e.b));
    s.append(line);
  }
  const maxN = Math.max(1, ...net.nodes.map((n) => n.events));
  for (const n of net.nodes) {
    const [x, y] = net.pos.get(n.code);
    const g = svg("g", { class: "node", "data-code": n.code, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` });
    const c = svg("circle", { r: (4 + 8 * Math.sqrt(n.events / maxN)).toFixed(1), fill: goldsteinColour(n.goldstein_mean) });
    c.append(svg("title", {}, `${n.name} (${n.code}): ${n.events} happenings`));
    g.append(c, svg("text", { x: 9, y: 4, class: "node-label" }, n.code));
    g.addEventListener("click", () => showAllies(n.code));
    s.append(g);
  }
  box.append(s);
  markNetworkSelection();
}

function edgeBetween(a, b) {
  return net.edges.find((e) => (e.a === a && e.b === b) || (e.a === b && e.b === a));
}

// Allies of A against B: actors cooperative with A (mean Goldstein > 0) and
// conflictual with B (< 0).
function alliesOf(a, b) {
  return net.nodes.map((n) => n.code).filter((x) => {
    if (x === a || x === b) return false;
    const ea = edgeBetween(x, a), eb = edgeBetween(x, b);
    return ea && eb && ea.goldstein_mean > 0 && eb.goldstein_mean < 0;
  });
}

function markNetworkSelection() {
  const sel = state.query;
  document.querySelectorAll("#network .selected, #network .ally-a, #network .ally-b").forEach((e) => e.classList.remove("selected", "ally-a", "ally-b"));
  const dyad = sel && sel.params.get("dyad");
  if (!dyad) return;
  const [a, b] = dyad.split(",");
  document.querySelectorAll("#network line.edge").forEach((l) => {
    const [x, y] = l.dataset.dyad.split(",");
    if ((x === a && y === b) || (x === b && y === a)) l.classList.add("selected");
  });
  const withA = alliesOf(a, b), withB = alliesOf(b, a);
  for (const x of withA) document.querySelector(`#network g.node[data-code="${CSS.escape(x)}"]`)?.classList.add("ally-a");
  for (const x of withB) document.querySelector(`#network g.node[data-code="${CSS.escape(x)}"]`)?.classList.add("ally-b");
  $("#allies").textContent = `${a} – ${b}. With ${a} against ${b}: ${withA.join(", ") || "no one in view"}. With ${b} against ${a}: ${withB.join(", ") || "no one in view"}.`;
}

function showAllies(code) {
  const partners = net.edges.filter((e) => e.a === code || e.b === code).map((e) => ({ other: e.a === code ? e.b : e.a, g: e.goldstein_mean }));
  const friends = partners.filter((p) => p.g > 0).map((p) => p.other), foes = partners.filter((p) => p.g < 0).map((p) => p.other);
  document.querySelectorAll("#network .ally-a, #network .ally-b").forEach((e) => e.classList.remove("ally-a", "ally-b"));
  for (const x of friends) document.querySelector(`#network g.node[data-code="${CSS.escape(x)}"]`)?.classList.add("ally-a");
  for (const x of foes) document.querySelector(`#network g.node[data-code="${CSS.escape(x)}"]`)?.classList.add("ally-b");
  $("#allies").textContent = `${code} cooperates with ${friends.join(", ") || "no one in view"}; is in conflict with ${foes.join(", ") || "no one in view"}.`;
}

// ---- Wiring.

$("#brief-btn").addEventListener("click", openBrief);
$("#brief-close").addEventListener("click", () => {
  $("#brief-panel").hidden = true;
  const h = hashParams(); h.delete("brief"); setHash(h);
});
$("#min-events").addEventListener("change", loadNetwork);
window.addEventListener("hashchange", applyHash);

(async function init() {
  await loadWorld().catch(() => null);
  loadOverview();
  loadNetwork();
  await window.pickersLoaded;
  await applyHash();
})();
