// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// node report.mjs [--hostile FILE | --page FILE | --shot PNG]...
//
// Opens each HTML report (a file:// URL) in headless Chromium and fails on
// any console error or warning, page error, dialog, or request for
// anything but the file itself.  A --hostile report is of the hostile
// graph (tests/data/diff/hostile-*.ttl): its labels and IRIs must show as
// text, with no script, image or event handler in the DOM and no link but
// to http(s).  --shot saves a screenshot of the top (and a PDF beside it,
// the whole report as printed) of the --page before it.  CHROMIUM names the browser (default
// /usr/bin/chromium).

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import puppeteer from "puppeteer-core";

const hostileTexts = [
  "<script>alert(1)</script>",
  "</script><script>alert(2)</script>",
  '"><img src=x onerror=alert(3)>',
  "javascript:alert(4)",
];

const jobs = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (value === undefined) {
    console.error(`report.mjs: ${flag} needs a value`);
    process.exit(2);
  }
  if (flag === "--hostile" || flag === "--page") {
    jobs.push({ file: resolve(value), hostile: flag === "--hostile" });
  } else if (flag === "--shot" && jobs.length) {
    jobs[jobs.length - 1].shot = resolve(value);
  } else {
    console.error(`report.mjs: unknown argument '${flag}'`);
    process.exit(2);
  }
}

const failures = [];
const fail = (file, what) => failures.push(`${file}: ${what}`);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", // CI runs as root
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
  ],
});

try {
  for (const job of jobs) {
    const url = pathToFileURL(job.file).href;
    const page = await browser.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn" || m.type() === "warning") {
        fail(job.file, `console ${m.type()}: ${m.text()}`);
      }
    });
    page.on("pageerror", (e) => fail(job.file, `page error: ${e.message}`));
    page.on("dialog", async (d) => {
      fail(job.file, `dialog (${d.type()}): ${d.message()}`);
      await d.dismiss();
    });
    page.on("request", (r) => {
      if (r.url() !== url) {
        fail(job.file, `request for '${r.url()}'`);
      }
    });
    page.on("requestfailed", (r) => {
      if (r.url() === url) {
        fail(job.file, `cannot load: ${r.failure()?.errorText}`);
      }
    });

    const response = await page.goto(url, { waitUntil: "load", timeout: 10000 });
    if (!response || !response.ok()) {
      fail(job.file, "the page did not load");
    }
    // Give a handler that would fire late (an image's onerror) its chance
    await new Promise((done) => setTimeout(done, 300));

    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll("*")];
      return {
        text: document.body ? document.body.textContent : "",
        title: document.title,
        tables: document.querySelectorAll("table").length,
        active: document.querySelectorAll(
          "script, img, iframe, frame, object, embed, svg, math, form, " +
            "input, button, link, base, video, audio, source").length,
        handlers: all.flatMap((e) =>
          [...e.attributes].filter((a) => /^on/i.test(a.name))
            .map((a) => `${e.tagName} ${a.name}`)),
        hrefs: [...document.querySelectorAll("[href]")].map((e) =>
          e.getAttribute("href")),
        srcs: [...document.querySelectorAll("[src]")].length,
        sections: ["changed", "added", "removed"].map((id) =>
          document.getElementById(id) !== null),
      };
    });

    if (!dom.title.startsWith("Changes")) {
      fail(job.file, `title '${dom.title}'`);
    }
    if (dom.sections.includes(false)) {
      fail(job.file, "a section (changed, added or removed) is missing");
    }
    if (dom.active) {
      fail(job.file, `${dom.active} script, image, frame or other active element(s)`);
    }
    if (dom.srcs) {
      fail(job.file, `${dom.srcs} element(s) with src`);
    }
    for (const h of dom.handlers) {
      fail(job.file, `event handler ${h}`);
    }
    for (const href of dom.hrefs) {
      if (!/^https?:\/\//i.test(href)) {
        fail(job.file, `link to '${href}'`);
      }
    }
    if (job.hostile) {
      for (const t of hostileTexts) {
        if (!dom.text.includes(t)) {
          fail(job.file, `text '${t}' is not shown`);
        }
      }
    }

    if (job.shot) {
      // The top of the page (the whole report is in the PDF)
      await page.setViewport({ width: 1280, height: 1600 });
      await page.screenshot({ path: job.shot });
      await page.emulateMediaType("print");
      await page.pdf({ path: job.shot.replace(/\.png$/, "") + ".pdf", format: "A4" });
    }
    await page.close();
    console.log(`${failures.length ? "checked" : "ok"}: ${job.file}` +
      (job.shot ? ` (screenshot: ${job.shot})` : ""));
  }
} finally {
  await browser.close();
}

for (const f of failures) {
  console.error(`FAIL: ${f}`);
}
if (!jobs.length) {
  console.error("report.mjs: no report to open");
  process.exit(2);
}
process.exit(failures.length ? 1 : 0);
