// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// node view.mjs --deepseek FILE --hostile FILE --hostile-svg FILE
//               [--big FILE --bound MS] [--shot PNG]
//
// Opens the pages of `kgraph render -T html` (file:// URLs) in headless
// Chromium and fails on any console error or warning, page error, dialog,
// or request for anything but the file itself.
//
// --deepseek: the view of graphs/deepseek-v2.ttl: typing "Liang" marks
// Liang Wenfeng's node `match`; a click on the DeepSeek node opens
// #entity, which names its founder; a link in the panel moves to another
// entity; the wheel, the keys and a drag change the viewBox.
// --hostile: the view of tests/data/dot/hostile-view.ttl, every node and
// every panel link clicked: nothing runs (no dialog, window.__pwned stays
// unset), the payloads show as text, no link but to http(s).
// --hostile-svg: the plain SVG of the same graph opened alone, the same.
// --big: a generated graph of 10,000 nodes: ready (html[data-ready]) in
// at most --bound milliseconds, and a search answered.
// CHROMIUM names the browser (default /usr/bin/chromium).

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import puppeteer from "puppeteer-core";

const opts = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [flag, value] = [args[i], args[i + 1]];
  if (!/^--(deepseek|hostile|hostile-svg|big|bound|shot)$/.test(flag) ||
      value === undefined) {
    console.error(`view.mjs: bad argument '${flag}'`);
    process.exit(2);
  }
  opts[flag.slice(2)] = flag === "--bound" ? Number(value) : resolve(value);
}

const failures = [];
const fail = (file, what) => failures.push(`${file}: ${what}`);
const check = (cond, file, what) => {
  if (!cond) {
    fail(file, what);
  }
};

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

/// Open `file` in a new page that records what must not happen.
async function open(file) {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warn" || m.type() === "warning") {
      fail(file, `console ${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => fail(file, `page error: ${e.message}`));
  page.on("dialog", async (d) => {
    fail(file, `dialog (${d.type()}): ${d.message()}`);
    await d.dismiss();
  });
  page.on("request", (r) => {
    if (r.url() !== url) {
      fail(file, `request for '${r.url()}'`);
    }
  });
  page.on("popup", () => fail(file, "a window opened"));
  const start = performance.now();
  const response = await page.goto(url, { waitUntil: "load", timeout: 30000 });
  check(response && response.ok(), file, "the page did not load");
  return { page, start };
}

/// The entity of the data whose prefixed name is `q`: its index and node.
const entity = (page, q) =>
  page.evaluate((q) => {
    const data = JSON.parse(document.getElementById("kg-data").textContent);
    const i = data.e.findIndex((e) => e.q === q);
    return i < 0 ? null : { i, d: data.e[i].d, labels: data.e[i].l };
  }, q);

const viewBox = (page) =>
  page.$eval("#view svg", (s) => s.getAttribute("viewBox"));

/// What the page holds that could run or load something.
const audit = (page) =>
  page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const links = [];
    for (const e of all) {
      for (const a of e.attributes) {
        if (a.localName === "href") {
          links.push(a.value);
        }
      }
    }
    return {
      pwned: window.__pwned,
      scripts: document.querySelectorAll("script").length,
      active: document.querySelectorAll(
        "img, iframe, frame, object, embed, foreignObject, link, base, " +
          "video, audio, source, form").length,
      handlers: all.flatMap((e) =>
        [...e.attributes].filter((a) => /^on/i.test(a.name))
          .map((a) => `${e.tagName} ${a.name}`)),
      links,
      text: document.documentElement.textContent,
    };
  });

const hostileTexts = [
  "<script>window.__pwned=1;alert(1)</script>",
  "</script><script>window.__pwned=2;alert(2)</script>",
  '"><img src=x onerror="window.__pwned=5;alert(5)">',
  "javascript:window.__pwned=6;alert(6)",
];

function auditResult(file, a, scripts) {
  check(a.pwned === undefined, file, `window.__pwned is ${a.pwned}`);
  check(a.scripts === scripts, file, `${a.scripts} script elements`);
  check(!a.active, file, `${a.active} image, frame or other active element(s)`);
  for (const h of a.handlers) {
    fail(file, `event handler ${h}`);
  }
  for (const href of a.links) {
    check(/^https?:\/\//i.test(href), file, `link to '${href}'`);
  }
}

try {
  if (opts.deepseek) {
    const file = opts.deepseek;
    const { page } = await open(file);
    await page.waitForSelector("html[data-ready]", { timeout: 10000 });

    // Search
    const liang = await entity(page, "ds:LiangWenfeng");
    check(liang && liang.d, file, "Liang Wenfeng is not drawn");
    await page.type("input[type=search]", "Liang");
    const marked = await page.$eval(`#n${liang.d}`, (n) =>
      n.classList.contains("match"));
    check(marked, file, "typing 'Liang' does not mark Liang Wenfeng's node");
    const listed = await page.$eval("#results", (r) => r.textContent);
    check(listed.includes("Liang Wenfeng"), file, "no result 'Liang Wenfeng'");

    // What one looks for comes first: the entity, before the claims about it
    await page.$eval("input[type=search]", (s) => {
      s.value = "deepseek";
      s.dispatchEvent(new Event("input"));
    });
    const first = await page.$eval("#results li", (li) => li.textContent);
    check(first.trim() === "DeepSeek", file,
          `the first result for 'deepseek' is '${first.trim()}'`);
    await page.$eval("input[type=search]", (s) => {
      s.value = "";
      s.dispatchEvent(new Event("input"));
    });
    check(!(await page.$$(".match")).length, file, "matches left after clearing");

    // A click on the DeepSeek node
    const ds = await entity(page, "ds:DeepSeek");
    check(ds && ds.d, file, "DeepSeek is not drawn");
    await page.click(`#n${ds.d}`);
    const panel = await page.$eval("#entity", (p) => ({
      hidden: p.hidden,
      title: p.querySelector("h2") ? p.querySelector("h2").textContent : "",
      text: p.textContent,
      entity: p.dataset.entity,
    }));
    check(!panel.hidden, file, "#entity is hidden after a click on DeepSeek");
    check(panel.title === "DeepSeek", file, `#entity is titled '${panel.title}'`);
    check(/Liang Wenfeng\s*→\s*founder/.test(panel.text) ||
          panel.text.includes("Liang Wenfeng"), file,
          "#entity of DeepSeek does not name its founder");
    check(await page.$eval(`#n${ds.d}`, (n) => n.classList.contains("selected")),
          file, "the DeepSeek node is not marked selected");
    check((await page.$$("g.node.neighbour")).length > 0, file,
          "no neighbour of DeepSeek is highlighted");
    // A value the subject states of itself says so where it stands
    const values = await page.$$eval("#entity li", (lis) =>
      lis.map((li) => li.textContent));
    check(values.some((t) => t.includes("has immediate financial constraints") &&
                             t.includes("xsd:boolean") &&
                             t.includes("subject itself")),
          file, "DeepSeek's own statement on its finances is not marked");
    check((await page.$$("g.edge.selected")).length > 0, file,
          "no edge of DeepSeek is highlighted");

    // A link in the panel moves to that entity
    const target = await page.$eval("#entity button.ref[data-entity]", (b) => ({
      entity: b.dataset.entity,
      name: b.textContent,
    }));
    await page.click("#entity button.ref[data-entity]");
    const moved = await page.$eval("#entity", (p) => ({
      entity: p.dataset.entity,
      title: p.querySelector("h2").textContent,
    }));
    check(moved.entity === target.entity && moved.title === target.name, file,
          `the panel link to '${target.name}' shows '${moved.title}'`);

    // Pan and zoom: the viewBox changes
    const before = await viewBox(page);
    const box = await (await page.$("#view")).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel({ deltaY: -400 });
    await new Promise((done) => setTimeout(done, 100));
    const zoomed = await viewBox(page);
    check(zoomed !== before, file, "the wheel does not change the viewBox");
    const w = (vb) => Number(vb.split(" ")[2]);
    check(w(zoomed) < w(before), file, "the wheel up does not zoom in");
    await page.keyboard.press("0");
    check((await viewBox(page)) !== zoomed, file, "key 0 does not reset");
    await page.keyboard.press("-");
    check(w(await viewBox(page)) > w(before) * 1.01, file, "key - does not zoom out");
    const panned0 = await viewBox(page);
    await page.keyboard.press("ArrowRight");
    check((await viewBox(page)) !== panned0, file, "an arrow key does not pan");
    const dragged0 = await viewBox(page);
    await page.mouse.move(box.x + 50, box.y + box.height - 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 250, box.y + box.height - 60, { steps: 5 });
    await page.mouse.up();
    check((await viewBox(page)) !== dragged0, file, "a drag does not pan");

    auditResult(file, await audit(page), 2);
    if (opts.shot) {
      await page.keyboard.press("0");
      await page.click(`#n${ds.d}`);
      await page.screenshot({ path: opts.shot });
    }
    await page.close();
    console.log(`checked: ${file}`);
  }

  if (opts.hostile) {
    const file = opts.hostile;
    const { page } = await open(file);
    await page.waitForSelector("html[data-ready]", { timeout: 10000 });
    const ids = await page.$$eval("#view g.node[id^=n]", (ns) => ns.map((n) => n.id));
    check(ids.length >= 4, file, `only ${ids.length} nodes`);
    let panelLinks = 0;
    for (const id of ids) {
      await page.click(`#${id}`);
      const n = await page.$$eval("#entity button.ref", (bs) => bs.length);
      for (let k = 0; k < n; ++k) {
        await page.click(`#${id}`);
        const bs = await page.$$("#entity button.ref");
        if (k < bs.length) {
          await bs[k].click();
          ++panelLinks;
        }
      }
    }
    check(panelLinks > 0, file, "no panel link was clicked");
    // Every entity's panel, drawn or not, through the search
    await page.type("input[type=search]", "a");
    const results = await page.$$eval("#results button.ref", (bs) => bs.length);
    for (let k = 0; k < results; ++k) {
      const bs = await page.$$("#results button.ref");
      await bs[k].click();
    }
    await new Promise((done) => setTimeout(done, 300));
    const a = await audit(page);
    auditResult(file, a, 2);
    for (const t of hostileTexts) {
      check(a.text.includes(t), file, `text '${t}' is not shown`);
    }
    // The javascript: IRI shows as text in its panel, not as a link
    const js = await entity(page, "javascript:window.__pwned=3;alert(3)");
    check(js !== null, file, "the javascript: entity is not in the data");
    await page.$eval("input[type=search]", (s) => {
      s.value = "";
      s.dispatchEvent(new Event("input"));
    });
    await page.type("input[type=search]", "__pwned=6");
    await page.click("#results button.ref");
    const iri = await page.$eval("#entity .iri", (p) => ({
      text: p.textContent,
      links: p.querySelectorAll("a").length,
    }));
    check(iri.text === "javascript:window.__pwned=3;alert(3)" && !iri.links,
          file, `the javascript: IRI shows as '${iri.text}' with ${iri.links} link(s)`);
    await page.close();
    console.log(`checked: ${file}`);
  }

  if (opts["hostile-svg"]) {
    const file = opts["hostile-svg"];
    const { page } = await open(file);
    // Nodes link to their IRIs: a click that would follow one is recorded
    // (http(s) only is allowed) and stays on the page, whatever else it
    // would run still runs
    await page.evaluate(() => {
      window.__followed = [];
      document.addEventListener("click", (ev) => {
        // An <a> without href is only a tooltip
        const a = ev.target.closest("a[href], a[*|href]");
        if (a) {
          window.__followed.push(a.getAttribute("xlink:href") || a.getAttribute("href"));
          ev.preventDefault();
        }
      }, true);
    });
    const ids = await page.$$eval("g.node", (ns) => ns.map((n) => n.id));
    for (const id of ids) {
      const n = await page.$(`[id="${id}"]`);
      if (n) {
        await n.click().catch(() => {});
      }
    }
    await new Promise((done) => setTimeout(done, 300));
    const followed = await page.evaluate(() => window.__followed);
    for (const href of followed) {
      check(/^https?:\/\//i.test(href), file, `a click follows '${href}'`);
    }
    check(followed.length > 0, file, "no node links to its IRI");
    const a = await audit(page);
    auditResult(file, a, 0);
    await page.close();
    console.log(`checked: ${file}`);
  }

  if (opts.big) {
    const file = opts.big;
    const bound = opts.bound || 5000;
    const { page, start } = await open(file);
    await page.waitForSelector("html[data-ready]", { timeout: 60000 });
    const ready = performance.now() - start;
    const n = await page.evaluate(() =>
      JSON.parse(document.getElementById("kg-data").textContent).e.length);
    check(n >= 10000, file, `only ${n} entities in the data`);
    const t0 = performance.now();
    await page.type("input[type=search]", "org");
    await page.waitForSelector("#results button.ref", { timeout: 10000 });
    const found = performance.now() - t0;
    console.log(`big view: ${n} entities, ready in ${Math.round(ready)} ms ` +
      `(bound ${bound} ms), first search result in ${Math.round(found)} ms`);
    check(ready <= bound, file, `ready in ${Math.round(ready)} ms, over ${bound} ms`);
    await page.close();
  }
} finally {
  await browser.close();
}

for (const f of failures) {
  console.log(`FAIL: ${f}`);
}
console.log(failures.length ? `${failures.length} failure(s)` : "ok");
process.exit(failures.length ? 1 : 0);
