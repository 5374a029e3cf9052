// End-to-end: `parley ingest` a store from the seed and AG News world reports,
// `parley serve` it, and drive the dashboard in Debian's headless Chromium:
// load it, select a dyad, check the timeline and the events table, open an
// event; check the overview it opens on (top dyads and actors with
// sparklines, latest alerts, the world map's country outlines), the actor
// network, a brief with its citations, and a shared link; save screenshots
// to artifacts/browser/.
//
// Environment: PARLEY_BIN (default target/debug/parley), CHROMIUM (default
// /usr/bin/chromium), PARLEY_SHARED (default ../shared beside the repo).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = process.env.PARLEY_BIN || join(repo, "target/debug/parley");
const shared = process.env.PARLEY_SHARED || resolve(repo, "../shared");
const artifacts = join(repo, "artifacts/browser");
const work = mkdtempSync(join(tmpdir(), "parley-browser-"));

// A CSV reader for AG News (quoted fields, doubled quotes).
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// The seed and AG News "World" items as JSON lines. AG News carries no
// dates: each report gets a day in Aug-Nov 2004 from its position, so the
// timeline has a shape (converted here at test time, never copied).
function writeReports(path) {
  const lines = [];
  const seed = join(shared, "seed/article.txt");
  assert.ok(existsSync(seed), `the seed report is missing at ${seed}`);
  lines.push(JSON.stringify({ id: "seed-article", text: readFileSync(seed, "utf8"), date: "2024-03-05", source: "seed" }));
  const ag = join(shared, "anchors/agnews/test.csv");
  if (existsSync(ag)) {
    let n = 0;
    parseCsv(readFileSync(ag, "utf8")).forEach((r, i) => {
      if (r[0] !== "1" || n >= 1900) return;
      const d = new Date(Date.UTC(2004, 7, 1) + (n % 120) * 86400000).toISOString().slice(0, 10);
      lines.push(JSON.stringify({ id: `agnews-${i + 1}`, title: r[1], text: r[2].replace(/\\/g, " "), date: d, source: "AG News" }));
      n++;
    });
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return lines.length;
}

let server, browser, base;

before(async () => {
  const docs = join(work, "reports.jsonl");
  const n = writeReports(docs);
  const db = join(work, "events.db");
  execFileSync(bin, ["ingest", "--db", db, docs], { stdio: ["ignore", "inherit", "inherit"] });
  server = spawn(bin, ["serve", "--db", db, "--bind", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error("parley serve did not start: " + out)), 30000);
    server.stdout.on("data", (b) => {
      out += b;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); ok(m[0]); }
    });
    server.on("exit", (code) => fail(new Error(`parley serve exited with ${code}`)));
  });
  console.log(`# ${n} reports ingested; serving ${base}`);
  // A fresh profile directory (the --user-data-dir) for every run.
  browser = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

// A page whose errors and requests outside the server are collected.
async function watchedPage() {
  const page = await browser.newPage();
  const errors = [];
  const outside = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("request", (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
  return { page, errors, outside };
}

test("the dashboard shows a dyad's timeline, events and one event", async () => {
  const { page, errors, outside } = await watchedPage();

  await page.goto(base);
  await page.waitForFunction(() => document.querySelectorAll("#dyad option").length > 1, null, { timeout: 15000 });
  assert.match(await page.textContent("#stats"), /documents/);

  // The busiest dyad.
  const dyad = await page.$eval("#dyad option:nth-child(2)", (o) => o.value);
  await page.selectOption("#dyad", dyad);
  await page.selectOption("#granularity", "week");
  await page.click("#show");
  await page.waitForSelector("#timeline svg rect.bar", { timeout: 15000 });
  const bars = await page.$$eval("#timeline svg rect.bar", (rs) => rs.length);
  assert.ok(bars > 0, "the timeline has bars");
  assert.equal(await page.textContent("#timeline-title"), dyad.replace(",", " – "));

  await page.waitForSelector("#events tbody tr[data-id]", { timeout: 15000 });
  const rows = await page.$$eval("#events tbody tr[data-id]", (trs) => trs.map((tr) => ({
    id: tr.dataset.id,
    source: tr.children[1].textContent,
    target: tr.children[2].textContent,
    sentence: tr.querySelector("td.sentence").textContent,
    verbs: tr.querySelectorAll("mark.verb").length,
  })));
  assert.ok(rows.length > 0, "the events table has rows");
  const [a, b] = dyad.split(",");
  for (const r of rows) {
    const sides = r.source + " " + r.target;
    assert.ok(sides.includes(a) && sides.includes(b), `row ${r.id} (${sides}) belongs to the dyad ${dyad}`);
    assert.equal(r.verbs, 1, `row ${r.id} highlights its verb`);
  }
  assert.ok(await page.$("#events mark.src, #events mark.tgt"), "actor spans are highlighted");

  // The dyad's likely next events, each between the two sides and backed by past events.
  await page.waitForSelector("#forecast li.forecast", { timeout: 15000 });
  const forecasts = await page.$$eval("#forecast li.forecast", (lis) => lis.map((li) => ({
    pair: li.querySelector("b").textContent,
    links: li.querySelectorAll(".support a").length,
  })));
  assert.ok(forecasts.length > 0, "the forecast panel lists events");
  for (const f of forecasts) {
    assert.ok(f.pair.includes(a) && f.pair.includes(b), `forecast ${f.pair} belongs to the dyad ${dyad}`);
    assert.ok(f.links > 0, `forecast ${f.pair} names the past events behind it`);
  }

  // Open the first event.
  await page.click(`#events tbody tr[data-id="${rows[0].id}"]`);
  await page.waitForSelector("#detail:not([hidden])", { timeout: 15000 });
  const detail = await page.textContent("#detail-body");
  assert.ok(detail.includes(rows[0].sentence.slice(0, 40)), "the event view shows its sentence");
  assert.match(detail, /Told by/);
  assert.match(await page.textContent("#detail-id"), new RegExp("#" + rows[0].id));
  assert.ok(await page.$("#detail-body mark.verb"), "the verb is highlighted in the event view");

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, "dashboard.png");
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(existsSync(shot));
  console.log(`# screenshot: ${shot}`);

  assert.deepEqual(errors, [], "no errors in the page");
  assert.deepEqual(outside, [], "nothing is loaded from outside the server");
  await page.close();
});

test("the dashboard opens on an overview, a network and a brief, and a link reopens the selection", async () => {
  const { page, errors, outside } = await watchedPage();
  mkdirSync(artifacts, { recursive: true });

  // The overview: populated before anything is picked.
  await page.goto(base);
  await page.waitForSelector("#top-dyads li a", { timeout: 15000 });
  const dyads = await page.$$eval("#top-dyads li", (lis) => lis.map((li) => ({ text: li.textContent, sparks: li.querySelectorAll("svg.spark rect").length })));
  assert.ok(dyads.length >= 5, `most active dyads listed: ${dyads.length}`);
  assert.ok(dyads.every((d) => d.sparks > 0), "every dyad has a sparkline with bars");
  assert.ok((await page.$$("#top-actors li a")).length >= 5, "most active actors listed");
  assert.ok((await page.$$("#latest-alerts li.alert")).length >= 1, "latest alerts listed");
  assert.match(await page.textContent("#overview-period"), /\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
  // The world map: country outlines from the binary, and event places on them.
  await page.waitForSelector("#world-map path.country", { timeout: 15000 });
  const countries = await page.$$eval("#world-map path.country", (ps) => ps.map((p) => p.textContent));
  assert.ok(countries.length > 150, `country outlines drawn: ${countries.length}`);
  assert.ok(countries.includes("France") && countries.includes("Brazil"), "outlines carry country names");
  assert.ok((await page.$$("#world-map circle.map-point")).length > 10, "event places on the map");
  await (await page.$("#overview")).screenshot({ path: join(artifacts, "overview.png") });

  // The network: nodes and edges; clicking an edge opens its dyad and puts it in the URL.
  await page.waitForSelector("#network line.edge", { timeout: 15000 });
  assert.ok((await page.$$("#network g.node")).length > 10, "actors as nodes");
  const edge = await page.$eval("#network line.edge", (l) => l.dataset.dyad);
  await page.$eval("#network line.edge", (l) => l.dispatchEvent(new MouseEvent("click", { bubbles: true })));
  await page.waitForFunction(() => location.hash.includes("dyad="), null, { timeout: 15000 });
  const [ea, eb] = edge.split(",");
  const hash = decodeURIComponent(await page.evaluate(() => location.hash));
  assert.ok(hash.includes(`dyad=${ea},${eb}`) || hash.includes(`dyad=${eb},${ea}`), `the URL keeps the dyad: ${hash}`);
  await page.waitForSelector("#network line.edge.selected", { timeout: 15000 });
  assert.match(await page.textContent("#allies"), /against/);
  await (await page.$("#network-panel")).screenshot({ path: join(artifacts, "network.png") });

  // A shared link reopens the selection: the founding report's dyad, with its brief.
  const link = base + "#dyad=X-COUNTRY-X-GOV,X-REVOLUTIONARY-FRONT-REB&brief=1";
  await page.goto("about:blank");
  await page.goto(link);
  await page.waitForSelector("#brief li a.cite", { timeout: 15000 });
  assert.equal(await page.textContent("#timeline-title"), "X-COUNTRY-X-GOV – X-REVOLUTIONARY-FRONT-REB");
  const lines = await page.$$eval("#brief li", (lis) => lis.map((li) => ({ text: li.textContent, cites: li.querySelectorAll("a.cite").length })));
  assert.ok(lines.every((l) => l.cites > 0), "every line of the brief cites something");
  const all = lines.map((l) => l.text).join("\n");
  for (const words of ["sanctions", "200,000", "5 million", "Security Council", "identity"]) assert.ok(all.includes(words), `the brief tells ${words}`);
  await (await page.$("#brief-panel")).screenshot({ path: join(artifacts, "brief.png") });
  // A citation opens the event it names.
  const cite = await page.$("#brief a.cite[href^='#event=']");
  const id = (await cite.getAttribute("href")).split("=")[1];
  await cite.click();
  await page.waitForSelector("#detail:not([hidden])", { timeout: 15000 });
  assert.match(await page.textContent("#detail-id"), new RegExp("#" + id + "$"));

  assert.deepEqual(errors, [], "no errors in the page");
  assert.deepEqual(outside, [], "nothing is loaded from outside the server");
  await page.close();
});
