// Browser test: loads a report and the workshop page in Debian's headless Chromium
// (driven by playwright-core), moves a slider, checks that the indicators change and that
// the console shows no errors (a Content-Security-Policy violation would show as one), and
// saves screenshots.
//
//   node tests/browser/check.mjs WIJKSIM_BINARY OUTPUT_DIR
//
// Needs: /usr/bin/chromium (Debian package `chromium`) and the npm package
// `playwright-core` (NODE_PATH pointing at its node_modules). Prints "N passed, N failed".
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [bin, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log("ok   " + name); }
  else { failed++; console.log("FAIL " + name + (detail ? ": " + detail : "")); }
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn(bin, ["workshop", "--port", String(port)], { stdio: ["ignore", "pipe", "inherit"] });
try {
  // 1. A report: self-contained, with charts, no console errors, no network requests.
  const runDir = path.join(outDir, "run");
  execFileSync(bin, ["run", "--years", "3", "--out", runDir, "-q", "--report", "en"]);
  const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
  const errors = [], requests = [];
  page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", e => errors.push(String(e)));
  page.on("request", r => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto("file://" + path.resolve(runDir, "report.html"));
  const charts = await page.locator("svg").count();
  check("report shows charts", charts >= 8, charts + " svg elements");
  check("report has the flow matrix", (await page.locator("table tr").count()) > 5);
  check("report makes no network request", requests.length === 0, requests.join(", "));
  check("report: no console errors", errors.length === 0, errors.join(" | "));
  await page.screenshot({ path: path.join(outDir, "report.png"), fullPage: true });

  // 1b. A run (two neighbourhoods), a compare and a sweep report, each in both languages:
  // no untranslated name (no snake_case name outside <code>, and no label left the same in
  // Dutch and English but names and numbers), no text wider than its box or the page,
  // screenshots at laptop and projector sizes, and a clean A4 PDF from the print stylesheet.
  const cmpDir = path.join(outDir, "compare");
  execFileSync(bin, ["compare", "scenarios/baseline.ron", "scenarios/levers/06-maintenance-supplement.ron",
                     "--runs", "2", "--years", "2", "--uncertainty", "--out", cmpDir]);
  const wijkDir = path.join(outDir, "run-wijken");
  execFileSync(bin, ["run", "scenarios/cases/example3-two-wijken.ron", "--years", "2", "-q", "--out", wijkDir]);
  const sweepDir = path.join(outDir, "sweep");
  rmSync(sweepDir, { recursive: true, force: true }); // a sweep folder of an earlier check would resume
  execFileSync(bin, ["sweep", "tests/experiments/small.ron", "--out", sweepDir]);
  // Names that read the same in both languages: scenario and neighbourhood names, symbols.
  // and words that are the same in Dutch and English.
  const names = new Set(["baseline", "lever-06-maintenance-supplement", "example3-two-wijken", "A", "B", "p",
                         "LM3", "mu*", "sigma", "small", "ODD", "Gini", "Subsidies", "effect", "indicator",
                         "parameter"]);
  const labels = async (pg) => pg.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("h1, h2, h3, th, td:first-child, figcaption, svg text, li")) {
      if (el.matches(".name") || el.closest(".appendix")) continue;
      const c = el.cloneNode(true);
      for (const code of c.querySelectorAll("code, a, .name")) code.remove();
      out.push(c.textContent.trim());
    }
    return out;
  });
  const reports = [
    ["run", wijkDir, ["Geldstromen", "Money flows"], 0],
    ["compare", cmpDir, ["Wie betaalt, wie profiteert", "Who pays, who gains"], 13],
    ["sweep", sweepDir, ["Methode en aannames", "Methods and assumptions"], 0],
  ];
  for (const [kind, dir, headings, partyRows] of reports) {
    const seen = {};
    for (const [li, lang] of ["nl", "en"].entries()) {
      execFileSync(bin, ["report", dir, "--lang", lang]);
      for (const [w, h] of [[1366, 768], [1920, 1080]]) {
        const cp = await browser.newPage({ viewport: { width: w, height: h } });
        await cp.goto("file://" + path.resolve(dir, "report.html"));
        const text = await cp.evaluate(() => {
          const c = document.body.cloneNode(true);
          // The appendix is the model description, in English in both reports.
          for (const code of c.querySelectorAll("code, .name, .appendix")) code.remove();
          return c.innerText;
        });
        check(`${kind} report ${lang} ${w}: its heading`, text.includes(headings[li]));
        if (partyRows > 0) {
          const rows = await cp.locator("h2:has-text(\"" + headings[li] + "\") + p + table tr").count();
          check(`${kind} report ${lang} ${w}: eleven parties and their sum`, rows === partyRows, rows + " rows");
        }
        const raw = text.match(/\b[a-z]+(_[a-z0-9]+)+\b/g) || [];
        check(`${kind} report ${lang} ${w}: no snake_case name`, raw.length === 0, raw.slice(0, 5).join(", "));
        const over = await cp.evaluate(() => {
          const bad = [];
          for (const el of document.querySelectorAll("td, th, h1, h2, h3, p, li")) {
            if (el.closest(".wide")) continue; // wide tables scroll inside their box
            if (el.scrollWidth > el.clientWidth + 1) bad.push(el.textContent.slice(0, 40));
          }
          if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push("the page is wider than the window");
          return bad;
        });
        check(`${kind} report ${lang} ${w}: no text overflows its box`, over.length === 0, over.slice(0, 3).join(" | "));
        if (w === 1366) seen[lang] = await labels(cp);
        await cp.screenshot({ path: path.join(outDir, `${kind}-${lang}-${w}.png`), fullPage: true });
        if (w === 1366) {
          const pdf = path.join(outDir, `${kind}-${lang}.pdf`);
          await cp.pdf({ path: pdf, format: "A4" });
          const { statSync } = await import("node:fs");
          check(`${kind} report ${lang}: prints to an A4 PDF`, statSync(pdf).size > 10000, statSync(pdf).size + " bytes");
        }
        await cp.close();
      }
    }
    // The same label in both languages is a label nobody translated, unless it holds no
    // word (a number) or is a name.
    const same = [];
    const [nl, en] = [seen.nl, seen.en];
    check(`${kind} report: the same structure in both languages`, nl.length === en.length, nl.length + " and " + en.length + " labels");
    for (let i = 0; i < Math.min(nl.length, en.length); i++) {
      const words = (nl[i].match(/\p{L}{2,}/gu) || []).filter(w => !names.has(w));
      if (nl[i] === en[i] && words.length > 0 && !names.has(nl[i])) same.push(nl[i]);
    }
    check(`${kind} report: every label differs between Dutch and English`, same.length === 0, [...new Set(same)].slice(0, 8).join(" | "));
  }

  // 2. The workshop page: move a slider, the indicators change.
  await new Promise((resolve, reject) => {
    server.stdout.on("data", d => { if (String(d).includes("workshop: open")) resolve(); });
    server.on("exit", c => reject(new Error("workshop exited with " + c)));
    setTimeout(() => reject(new Error("workshop did not start")), 15000);
  });
  const wp = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const werrors = [];
  wp.on("console", m => { if (m.type() === "error") werrors.push(m.text()); });
  wp.on("pageerror", e => werrors.push(String(e)));
  const resp = await wp.goto(`http://127.0.0.1:${port}/`);
  const csp = resp.headers()["content-security-policy"] || "";
  check("workshop: the page is served with a strict Content-Security-Policy", csp.includes("default-src 'none'"), csp);
  // The panel is built from the first answer (its labels come from the catalogue).
  await wp.waitForFunction(() => { const e = document.getElementById("business_turnover_eur"); return e && e.textContent !== "-"; }, null, { timeout: 15000 });
  check("workshop: the panel carries the catalogue's labels", (await wp.textContent("#panel")).includes("Werkloosheid"));
  const before = await wp.textContent("#leakage_share");
  const t0 = Date.now();
  await wp.$eval("#local_share", el => { el.value = "0.7"; el.dispatchEvent(new Event("input", { bubbles: true })); });
  await wp.waitForFunction(b => document.getElementById("leakage_share").textContent !== b, before, { timeout: 10000 });
  const after = await wp.textContent("#leakage_share");
  const ms = Date.now() - t0;
  check("workshop: moving the buy-local slider changes leakage", before !== after, before + " -> " + after);
  check("workshop: the change shows within a second", ms < 1000, ms + " ms");
  await wp.click("#coin");
  await wp.waitForFunction(() => document.getElementById("coins_in_circulation_count").textContent !== "0", null, { timeout: 10000 });
  await wp.click("#step");
  await wp.click("#step");
  check("workshop: stepping moves the month", (await wp.textContent("#month")).includes("maand 3"));
  const line = async () => (await wp.getAttribute("#chart_business_turnover_eur polyline", "points")).trim().split(" ").length;
  check("workshop: a chart over time per panel indicator", (await wp.locator("#charts svg").count()) === 6);
  check("workshop: the chart grows as the months step", (await line()) === 3, String(await line()));
  const lm3 = (await wp.textContent("#lm3")).trim();
  check("workshop: follow one euro adds up to the panel's LM3", (await wp.textContent("#euro_total")).includes(": " + lm3 + " "), lm3 + " / " + (await wp.textContent("#euro_total")));
  check("workshop: the flows have directions and a legend", (await wp.locator("#edges line[marker-end]").count()) > 0 && (await wp.textContent("#legend")).includes("munt"));
  check("workshop: a surprising number says what it means", (await wp.textContent("#panel")).includes("gemeente"));
  check("workshop: sliders read as percentages", (await wp.textContent("#local_share_v")).endsWith("%"));
  await wp.click("#coin");
  check("workshop: the coin's controls are off without the coin", await wp.$eval("#fee", e => e.disabled) && await wp.$eval("#lever_benefits_tied_to_coins", e => e.disabled));
  await wp.click("#coin");
  check("workshop: and on with it", !(await wp.$eval("#fee", e => e.disabled)));
  await wp.click("#lang");
  const en = await wp.textContent("body");
  check("workshop: one language at a time, switched to English", en.includes("Unemployment") && !en.includes("Werkloosheid") && en.includes("month 3 of"), en.slice(0, 80));
  for (const [w, h] of [[1920, 1080], [1024, 768]]) {
    await wp.setViewportSize({ width: w, height: h });
    await wp.screenshot({ path: path.join(outDir, `workshop-en-${w}.png`), fullPage: true });
  }
  await wp.setViewportSize({ width: 1400, height: 800 });
  await wp.click("#lang");
  const months = await wp.evaluate(() => data.months.length);
  for (let i = 0; i < months + 2; i++) await wp.click("#step");
  const end = await wp.textContent("#month");
  check("workshop: stepping stops at the last month and says so", end.includes("maand " + months + " van") && end.includes("einde"), end);
  check("workshop: coins circulate when the coin is switched on", (await wp.textContent("#coins_in_circulation_count")) !== "0");
  // Item 3: the scenario from the shipped ones, levers from the registry, run length, seed,
  // speed, exports; item 1: follow one euro on the map.
  const options = await wp.$$eval("#scenario option", os => os.map(o => o.value));
  check("workshop: the scenario is chosen on the page from the shipped ones", options.length >= 10 && options.includes("cases/example4-baseline") && options.includes("presets/chiemgauer"), options.join(" "));
  const answered = () => wp.waitForResponse(r => r.url().includes("/api/simulate"), { timeout: 30000 });
  let got = answered();
  await wp.selectOption("#scenario", "cases/example4-baseline");
  await got;
  await wp.waitForFunction(() => data.scenario === "cases/example4-baseline", null, { timeout: 30000 });
  const controls = await wp.evaluate(() => catalogue.scenarios.find(s => s.id === "cases/example4-baseline").controls.length);
  check("workshop: a lever's dial shows only while the lever is on", !(await wp.isVisible("#dial_procurement_quota")) && (await wp.isVisible("#dial_shops_accept_coins")) === (await wp.$eval("#lever_shops_accept_coins", e => e.checked)));
  check("workshop: the levers shown come from the registry", (await wp.locator("#levers .lever").count()) === controls && controls >= 10, String(controls));
  check("workshop: a new scenario starts with its own settings (coin off)", !(await wp.$eval("#coin", e => e.checked)));
  got = answered();
  await wp.click("#coin");
  await got;
  await wp.waitForFunction(() => data.settings.coin === true, null, { timeout: 30000 });
  check("workshop: switching the coin on brings its levers", await wp.$eval("#lever_shops_accept_coins", e => e.checked && !e.disabled));
  got = answered();
  await wp.selectOption("#years", "1");
  await got;
  await wp.waitForFunction(() => data.months.length === 12, null, { timeout: 30000 });
  check("workshop: the run length is chosen on the page", true);
  const seedBefore = await wp.evaluate(() => data.settings.seed);
  got = answered();
  await wp.click("#reseed");
  await got;
  await wp.waitForFunction(s => data.settings.seed !== s, seedBefore, { timeout: 30000 });
  const seedAfter = await wp.evaluate(() => data.settings.seed);
  check("workshop: reset with a new seed runs another draw and shows its seed", (await wp.textContent("#seed")).includes(String(seedAfter)), seedBefore + " -> " + seedAfter);
  check("workshop: speed has four settings", (await wp.locator("#speed option").count()) === 4);
  // The speed sets the player's interval (recorded, not timed: a slow machine cannot fail it),
  // and months then pass.
  await wp.evaluate(() => {
    const real = window.setInterval;
    window.__intervals = [];
    window.setInterval = (f, ms, ...rest) => { window.__intervals.push(ms); return real(f, ms, ...rest); };
  });
  await wp.selectOption("#speed", "375");
  await wp.click("#reset");
  await wp.click("#play");
  await wp.waitForFunction(() => month >= 2, null, { timeout: 30000 });
  await wp.click("#pause");
  const intervals = await wp.evaluate(() => window.__intervals);
  check("workshop: at 4x speed a month passes every 375 ms", intervals.length > 0 && intervals.every(ms => ms === 375), "intervals " + JSON.stringify(intervals));
  const [csv1] = await Promise.all([wp.waitForEvent("download"), wp.click("#export_csv")]);
  const csvText = readFileSync(await csv1.path(), "utf8");
  check("workshop: the run exports as a tidy CSV", csv1.suggestedFilename().endsWith("-indicators.csv") && csvText.startsWith("scenario,seed,month,indicator,value\n") && csvText.split("\n").length > 12 * 20, csv1.suggestedFilename());
  const [png] = await Promise.all([wp.waitForEvent("download"), wp.click("#export_png")]);
  const pngBytes = readFileSync(await png.path());
  check("workshop: the map exports as a picture", png.suggestedFilename().endsWith(".png") && pngBytes.length > 10000 && pngBytes[1] === 0x50, png.suggestedFilename() + " " + pngBytes.length + " bytes");
  await wp.click("#follow");
  await wp.evaluate(() => window.scrollTo(0, 0));
  await wp.waitForFunction(() => { const t = document.getElementById("follow_text"); return t && t.textContent.includes("ronde 3"); }, null, { timeout: 10000 });
  const followed = await wp.textContent("#follow_text");
  const lm3now = (await wp.textContent("#lm3")).trim();
  check("workshop: one euro followed on the map adds up round by round to the panel's LM3", followed.endsWith(lm3now), followed + " / " + lm3now);
  await wp.screenshot({ path: path.join(outDir, "workshop-follow.png") });
  // Item 4: a room of phones. The projector starts a session with its settings; 20 phones
  // (360 px wide) join with the code, choose, and the facilitator plays three rounds.
  const overflowing = async page => page.evaluate(() => [...document.querySelectorAll("button, label, td, th, h2, h3, span, p, div")]
    .filter(e => e.offsetParent !== null && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow === "visible")
    .map(e => (e.id || e.tagName) + ":" + e.textContent.trim().slice(0, 30)));
  await wp.selectOption("#rounds", "4");
  await wp.click("#session_start");
  await wp.waitForFunction(() => document.getElementById("join_code").textContent.length === 4, null, { timeout: 60000 });
  const code = (await wp.textContent("#join_code")).trim();
  check("workshop: a session shows its code and where to join", (await wp.textContent("#join_url")).includes("/join?code=" + code));
  const phones = [];
  for (let i = 0; i < 20; i++) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const ph = await ctx.newPage();
    ph.on("pageerror", e => werrors.push("phone: " + e.message));
    await ph.goto(`http://127.0.0.1:${port}/join?code=${code}`);
    await ph.click(i < 14 ? "#as_household" : "#as_shop");
    await ph.waitForSelector("#play:not([hidden])", { timeout: 10000 });
    phones.push(ph);
  }
  for (const [i, ph] of phones.entries()) {
    if (i < 14) {
      await ph.click('#local_share button[data-v="0.8"]');
      await ph.click('#volunteer button[data-v="1"]');
    } else {
      await ph.click('#accept_coins button[data-v="1"]');
      await ph.click('#redeem_coins button[data-v="0"]');
    }
  }
  await wp.waitForFunction(() => session && session.session.chosen === 20, null, { timeout: 10000 });
  check("workshop: the projector counts the phones and their choices", (await wp.textContent("#session_counts")).includes("14 huishoudens, 6 winkels"), await wp.textContent("#session_counts"));
  for (let r = 1; r <= 3; r++) {
    await wp.click("#session_round");
    await wp.waitForFunction(n => session && session.session.round === n && !session.session.playing && session.run.months.length === 3 * n, r, { timeout: 60000 });
  }
  const moved = await wp.evaluate(() => {
    const last = session.run.months.length - 1, w = session.run.months[last].indicators, wo = session.run.without[last];
    return { with: w.leakage_share, without: wo.leakage_share, turnover: w.business_turnover_eur, turnover_without: wo.business_turnover_eur };
  });
  check("workshop: three rounds of the room's choices measurably change the projector's numbers", moved.without - moved.with > 0.05 && moved.turnover > moved.turnover_without, JSON.stringify(moved));
  check("workshop: the projector compares with and without the room", (await wp.textContent("#session_compare")).includes("met de zaal"));
  await phones[0].waitForFunction(() => document.querySelectorAll("#fares tr").length === 4, null, { timeout: 10000 });
  check("workshop: a phone shows how its households fared each round", (await phones[0].textContent("#fares")).includes("inkomen"));
  await phones[19].waitForFunction(() => document.querySelectorAll("#fares tr").length === 4, null, { timeout: 10000 });
  check("workshop: a phone keeps its choice from round to round and says so", (await phones[0].textContent("#sent")).includes("blijft staan"));
  await phones[0].screenshot({ path: path.join(outDir, "phone-household.png"), fullPage: true });
  await phones[19].screenshot({ path: path.join(outDir, "phone-shop.png"), fullPage: true });
  check("workshop: no text overflows on a 360 px phone", (await overflowing(phones[0])).length === 0 && (await overflowing(phones[19])).length === 0, (await overflowing(phones[0])).concat(await overflowing(phones[19])).join(" | "));
  for (const l of ["nl", "en"]) {
    for (const [w, h] of [[1920, 1080], [1024, 768]]) {
      await wp.setViewportSize({ width: w, height: h });
      const over = await overflowing(wp);
      check(`workshop: no text overflows its box in a session at ${w}x${h} (${l})`, over.length === 0, over.join(" | "));
      await wp.screenshot({ path: path.join(outDir, `workshop-session-${l}-${w}.png`), fullPage: true });
    }
    await wp.click("#lang");
  }
  await wp.setViewportSize({ width: 1400, height: 800 });
  for (const ph of phones) await ph.context().close();
  check("workshop: no console errors", werrors.length === 0, werrors.join(" | "));
  await wp.screenshot({ path: path.join(outDir, "workshop.png") });
  // Last, as the browser logs the refused request as a console error.
  const bad = await wp.evaluate(async () => (await fetch("/api/simulate?local_share=5")).status);
  check("workshop: an invalid parameter gets 400", bad === 400, String(bad));
} catch (e) {
  check("browser test ran", false, String(e));
} finally {
  server.kill();
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
