// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// node open-time.mjs [--runs N] FILE [SEARCH]...
//
// For tests/bench/bench-html: open each FILE (a file:// URL) in headless
// Chromium, N times (default 3), and print one line per file:
//   FILE READY_MS SEARCH_MS
// the medians of the time from navigation to the page's ready state (an
// HTML view: html[data-ready]; anything else: the load event and a
// frame painted), and for an HTML view, from typing SEARCH (default
// "a") in its search field to the first result ("-" otherwise).
// CHROMIUM names the browser (default /usr/bin/chromium).

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import puppeteer from "puppeteer-core";

const args = process.argv.slice(2);
let runs = 3;
if (args[0] === "--runs") {
  runs = Number(args[1]);
  args.splice(0, 2);
}
const jobs = [];
for (const a of args) {
  if (/\.(html|svg)$/i.test(a)) {
    jobs.push({ file: resolve(a), search: "a" });
  } else if (jobs.length) {
    jobs[jobs.length - 1].search = a;
  }
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-extensions"],
});
try {
  for (const job of jobs) {
    const ready = [];
    const found = [];
    const view = /\.html$/i.test(job.file);
    for (let r = 0; r < runs; ++r) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const t0 = performance.now();
      await page.goto(pathToFileURL(job.file).href, {
        waitUntil: "load",
        timeout: 120000,
      });
      if (view) {
        await page.waitForSelector("html[data-ready]", { timeout: 120000 });
      }
      await page.evaluate(() => new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(done))));
      ready.push(performance.now() - t0);
      if (view) {
        const t1 = performance.now();
        await page.type("input[type=search]", job.search);
        await page.waitForSelector("#results li", { timeout: 60000 });
        found.push(performance.now() - t1);
      }
      await page.close();
    }
    console.log(`${job.file} ${Math.round(median(ready))} ` +
      (found.length ? Math.round(median(found)) : "-"));
  }
} finally {
  await browser.close();
}
