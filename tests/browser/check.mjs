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
import { mkdirSync } from "node:fs";
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

  // 1b. A compare report in both languages: the parties' table, no untranslated name, no
  // text wider than its box or the page, screenshots at laptop and projector sizes, and a
  // clean A4 PDF from the print stylesheet.
  const cmpDir = path.join(outDir, "compare");
  execFileSync(bin, ["compare", "scenarios/baseline.ron", "scenarios/levers/06-maintenance-supplement.ron",
                     "--runs", "2", "--years", "2", "--out", cmpDir]);
  for (const [lang, heading] of [["nl", "Wie betaalt, wie profiteert"], ["en", "Who pays, who gains"]]) {
    execFileSync(bin, ["report", cmpDir, "--lang", lang]);
    for (const [w, h] of [[1366, 768], [1920, 1080]]) {
      const cp = await browser.newPage({ viewport: { width: w, height: h } });
      await cp.goto("file://" + path.resolve(cmpDir, "report.html"));
      const text = await cp.locator("body").innerText();
      check(`compare report ${lang} ${w}: the parties' table`, text.includes(heading));
      const parties = await cp.locator("h2:has-text(\"" + heading + "\") + p + table tr").count();
      check(`compare report ${lang} ${w}: eleven parties and their sum`, parties === 13, parties + " rows");
      const raw = text.match(/\b[a-z]+(_[a-z0-9]+)+\b/g) || [];
      check(`compare report ${lang} ${w}: no untranslated name`, raw.length === 0, raw.slice(0, 5).join(", "));
      const over = await cp.evaluate(() => {
        const bad = [];
        for (const el of document.querySelectorAll("td, th, h1, h2, p")) {
          if (el.scrollWidth > el.clientWidth + 1) bad.push(el.textContent.slice(0, 40));
        }
        if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push("the page is wider than the window");
        return bad;
      });
      check(`compare report ${lang} ${w}: no text overflows its box`, over.length === 0, over.slice(0, 3).join(" | "));
      await cp.screenshot({ path: path.join(outDir, `compare-${lang}-${w}.png`), fullPage: true });
      if (w === 1366) {
        const pdf = path.join(outDir, `compare-${lang}.pdf`);
        await cp.pdf({ path: pdf, format: "A4" });
        const { statSync } = await import("node:fs");
        check(`compare report ${lang}: prints to an A4 PDF`, statSync(pdf).size > 10000, statSync(pdf).size + " bytes");
      }
      await cp.close();
    }
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
  check("workshop: stepping moves the month", (await wp.textContent("#month")).includes("month 3"));
  check("workshop: coins circulate when the coin is switched on", (await wp.textContent("#coins_in_circulation_count")) !== "0");
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
