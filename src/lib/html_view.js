// kgraph render -T html: pan and zoom, search, and the panel of an entity.
// Everything from the data goes in as text (textContent), and only http(s)
// IRIs become links.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const E = data.e;
  const P = data.p;
  const view = document.getElementById("view");
  const svg = view.querySelector("svg");
  const panel = document.getElementById("entity");
  const search = document.getElementById("search");
  const results = document.getElementById("results");
  const XLINK = "http://www.w3.org/1999/xlink";

  /// The IRI as a URL if its scheme is http or https, else null.
  const webUrl = (iri) => {
    if (typeof iri !== "string") {
      return null;
    }
    try {
      const u = new URL(iri);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  };

  // The picture's links are for the SVG opened alone: here a click
  // selects, and the panel links to the IRI (only http(s)).  The tooltips
  // (xlink:title) stay.
  if (svg) {
    for (const a of svg.querySelectorAll("a")) {
      for (const [ns, name] of [[XLINK, "href"], [null, "href"]]) {
        if (a.getAttributeNS(ns, name) !== null) {
          a.removeAttributeNS(ns, name);
        }
      }
    }
  }

  const byNode = new Map();
  E.forEach((e, i) => {
    if (e.d) {
      byNode.set("n" + e.d, i);
    }
  });
  const nodeOf = (i) => (E[i].d ? document.getElementById("n" + E[i].d) : null);
  const name = (i) => {
    const e = E[i];
    return e && e.l && e.l.length ? e.l[0][0] : e ? e.q || e.i || "" : "";
  };
  const propName = (p) => (P[p] ? P[p][0] : "");
  const propIri = (p) => (P[p] ? P[p][1] : "");

  let incoming = null;
  const linksIn = (i) => {
    if (!incoming) {
      incoming = E.map(() => []);
      E.forEach((e, s) => {
        for (const [p, o] of e.o || []) {
          incoming[o].push([p, s]);
        }
      });
    }
    return incoming[i];
  };
  const hedgesOf = (s, p, o) =>
    (E[s].h || []).filter((h) => h[0] === p && h[1] === o);

  /*
    The viewBox is the model of pan and zoom
  */
  let vb = null;
  let home = null;
  if (svg) {
    const b = svg.viewBox.baseVal;
    const w = b && b.width ? b.width : parseFloat(svg.getAttribute("width")) || 100;
    const h = b && b.height ? b.height : parseFloat(svg.getAttribute("height")) || 100;
    home = { x: b && b.width ? b.x : 0, y: b && b.width ? b.y : 0, w, h };
    vb = { ...home };
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
  }
  const show = () => {
    svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
  };
  const toSvg = (x, y) => {
    const m = svg.getScreenCTM();
    if (!m) {
      return { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 };
    }
    const pt = svg.createSVGPoint();
    pt.x = x;
    pt.y = y;
    return pt.matrixTransform(m.inverse());
  };
  const zoom = (f, cx, cy) => {
    const w = Math.min(Math.max(vb.w * f, home.w / 64), home.w * 16);
    const g = w / vb.w;
    vb.x = cx - (cx - vb.x) * g;
    vb.y = cy - (cy - vb.y) * g;
    vb.w *= g;
    vb.h *= g;
    show();
  };
  const pan = (dx, dy) => {
    vb.x += dx;
    vb.y += dy;
    show();
  };
  const centreOn = (i) => {
    const n = nodeOf(i);
    if (!n || !svg) {
      return;
    }
    const r = n.getBoundingClientRect();
    const c = toSvg(r.x + r.width / 2, r.y + r.height / 2);
    vb.x = c.x - vb.w / 2;
    vb.y = c.y - vb.h / 2;
    show();
  };

  if (svg) {
    show();
    view.addEventListener(
      "wheel",
      (ev) => {
        ev.preventDefault();
        const c = toSvg(ev.clientX, ev.clientY);
        zoom(Math.exp(Math.max(-1, Math.min(1, ev.deltaY * 0.002))), c.x, c.y);
      },
      { passive: false }
    );
    let drag = null;
    view.addEventListener("pointerdown", (ev) => {
      if (ev.button === 0) {
        drag = { x: ev.clientX, y: ev.clientY, moved: false };
      }
    });
    view.addEventListener("pointermove", (ev) => {
      if (!drag) {
        return;
      }
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) {
        return;
      }
      if (!drag.moved) {
        drag.moved = true;
        view.setPointerCapture(ev.pointerId);
        view.classList.add("dragging");
      }
      const m = svg.getScreenCTM();
      const s = m && m.a ? 1 / m.a : 1;
      pan(-dx * s, -dy * s);
      drag.x = ev.clientX;
      drag.y = ev.clientY;
    });
    const endDrag = (ev) => {
      if (drag && drag.moved) {
        view.releasePointerCapture(ev.pointerId);
        view.classList.remove("dragging");
        // The click that ends a drag selects nothing
        view.dataset.dragged = "1";
        setTimeout(() => delete view.dataset.dragged, 0);
      }
      drag = null;
    };
    view.addEventListener("pointerup", endDrag);
    view.addEventListener("pointercancel", endDrag);
    document.addEventListener("keydown", (ev) => {
      if (ev.target === search || ev.ctrlKey || ev.metaKey || ev.altKey) {
        return;
      }
      const c = { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 };
      const step = 0.1;
      const keys = {
        "+": () => zoom(1 / 1.25, c.x, c.y),
        "=": () => zoom(1 / 1.25, c.x, c.y),
        "-": () => zoom(1.25, c.x, c.y),
        _: () => zoom(1.25, c.x, c.y),
        0: () => {
          vb = { ...home };
          show();
        },
        ArrowLeft: () => pan(-vb.w * step, 0),
        ArrowRight: () => pan(vb.w * step, 0),
        ArrowUp: () => pan(0, -vb.h * step),
        ArrowDown: () => pan(0, vb.h * step),
      };
      if (keys[ev.key]) {
        ev.preventDefault();
        keys[ev.key]();
      }
    });
    svg.addEventListener("click", (ev) => {
      if (view.dataset.dragged) {
        delete view.dataset.dragged;
        ev.preventDefault();
        return;
      }
      const g = ev.target.closest("g.node");
      if (g && byNode.has(g.id)) {
        select(byNode.get(g.id), false);
      }
    });
  }

  /*
    The panel
  */
  const el = (tag, text, cls) => {
    const x = document.createElement(tag);
    if (text !== undefined && text !== null) {
      x.textContent = String(text);
    }
    if (cls) {
      x.className = cls;
    }
    return x;
  };
  const ref = (i) => {
    const b = el("button", name(i), "ref");
    b.type = "button";
    b.title = E[i].i || E[i].q || "";
    b.dataset.entity = String(i);
    if (!E[i].d) {
      b.classList.add("undrawn");
    }
    return b;
  };
  const iriLine = (iri) => {
    const p = el("p", null, "iri");
    const url = webUrl(iri);
    if (url) {
      const a = el("a", iri);
      a.setAttribute("href", url);
      a.setAttribute("rel", "noopener noreferrer");
      a.setAttribute("target", "_blank");
      p.append(a);
    } else {
      p.textContent = iri;
    }
    return p;
  };
  const hedgeText = (h) => {
    const span = el("span", null, "hedge");
    if (h[2].length) {
      span.append(el("span", "status: "));
      h[2].forEach((st, k) => {
        if (k) {
          span.append(", ");
        }
        span.append(ref(st));
      });
    }
    if (h[3].length) {
      span.append(el("span", h[2].length ? "; sources: " : "sources: "));
      h[3].forEach((src, k) => {
        if (k) {
          span.append(", ");
        }
        span.append(ref(src));
      });
    }
    return span;
  };
  const section = (title, items) => {
    if (!items.length) {
      return null;
    }
    const s = el("section");
    s.append(el("h3", title));
    const ul = el("ul");
    for (const li of items) {
      ul.append(li);
    }
    s.append(ul);
    return s;
  };

  const fill = (i) => {
    const e = E[i];
    panel.replaceChildren();
    const close = el("button", "\u00d7", "close");
    close.type = "button";
    close.title = "Close";
    close.addEventListener("click", () => {
      panel.hidden = true;
      mark(-1);
    });
    panel.append(close, el("h2", name(i)));
    if (e.i) {
      panel.append(iriLine(e.i));
    } else {
      panel.append(el("p", "blank node " + e.q, "iri"));
    }
    if (e.q && e.i && e.q !== e.i) {
      panel.append(el("p", e.q, "qname"));
    }
    if (!e.d) {
      panel.append(el("p", "not drawn in this picture", "undrawn"));
    }
    const parts = [];
    parts.push(
      section(
        "Labels",
        (e.l || []).map(([t, lang]) => {
          const li = el("li", t);
          if (lang) {
            li.append(el("span", "@" + lang, "lang"));
          }
          return li;
        })
      )
    );
    parts.push(
      section(
        "Types",
        (e.t || []).map((t) => {
          const li = el("li");
          li.append(ref(t));
          return li;
        })
      )
    );
    parts.push(
      section(
        "Literals",
        (e.a || []).map(([p, value, tag], _, all) => {
          const li = el("li");
          const prop = el("span", propName(p), "prop");
          prop.title = propIri(p);
          li.append(prop, el("span", value, "value"));
          if (tag) {
            li.append(el("span", tag, "lang"));
          }
          // The claims of a value: those of its property, when it is the
          // property's only value (a claim names its value, not its place)
          if (all.filter((a) => a[0] === p).length === 1) {
            for (const h of (e.h || []).filter((h) => h[0] === p && h[1] < 0)) {
              li.append(hedgeText(h));
              li.classList.add("hedged");
            }
          }
          return li;
        })
      )
    );
    const link = (p, other, hedges, arrow) => {
      const li = el("li");
      const prop = el("span", propName(p), "prop");
      prop.title = propIri(p);
      if (arrow === "in") {
        li.append(ref(other), el("span", " \u2192 ", "arrow"), prop);
      } else {
        li.append(prop, el("span", " \u2192 ", "arrow"), ref(other));
      }
      for (const h of hedges) {
        li.append(hedgeText(h));
        li.classList.add("hedged");
      }
      return li;
    };
    parts.push(
      section(
        "Links",
        (e.o || []).map(([p, o]) => link(p, o, hedgesOf(i, p, o), "out"))
      )
    );
    parts.push(
      section(
        "Linked from",
        linksIn(i).map(([p, s]) => link(p, s, hedgesOf(s, p, i), "in"))
      )
    );
    parts.push(
      section(
        "Claims about it",
        (e.h || []).map((h) => {
          const li = el("li", null, "hedged");
          const prop = el("span", propName(h[0]), "prop");
          prop.title = propIri(h[0]);
          li.append(prop, el("span", " \u2192 ", "arrow"));
          li.append(h[1] >= 0 ? ref(h[1]) : el("span", "(a value)"));
          li.append(hedgeText(h), el("span", " claim: "), ref(h[4]));
          return li;
        })
      )
    );
    for (const s of parts) {
      if (s) {
        panel.append(s);
      }
    }
    panel.hidden = false;
  };

  const marked = [];
  const mark = (i) => {
    for (const x of marked.splice(0)) {
      x.classList.remove("selected", "neighbour");
    }
    const n = i >= 0 ? nodeOf(i) : null;
    if (!n) {
      return;
    }
    n.classList.add("selected");
    marked.push(n);
    for (const edge of svg.querySelectorAll("g.edge." + n.id)) {
      edge.classList.add("selected");
      marked.push(edge);
      for (const c of edge.classList) {
        const other = /^n[0-9]+$/.test(c) && c !== n.id ? document.getElementById(c) : null;
        if (other && other.classList.contains("node")) {
          other.classList.add("neighbour");
          marked.push(other);
        }
      }
    }
  };

  const select = (i, centre) => {
    if (!(i >= 0 && i < E.length)) {
      return;
    }
    fill(i);
    mark(i);
    if (centre) {
      centreOn(i);
    }
    panel.dataset.entity = String(i);
  };
  panel.addEventListener("click", (ev) => {
    const b = ev.target.closest("button.ref");
    if (b) {
      select(Number(b.dataset.entity), true);
    }
  });

  /*
    Search: by label or prefixed name, case-insensitive, as one types
  */
  let keys = null;
  const matches = [];
  const find = () => {
    const q = search.value.trim().toLowerCase();
    for (const n of matches.splice(0)) {
      n.classList.remove("match");
    }
    results.replaceChildren();
    results.hidden = !q;
    if (!q) {
      return;
    }
    if (!keys) {
      keys = E.map((e) =>
        [e.q || "", ...(e.l || []).map((l) => l[0])].join("\n").toLowerCase()
      );
    }
    // Drawn entities first, then names that start with the text, then
    // the shorter names: what one looks for before the claims about it
    const found = [];
    for (let i = 0; i < E.length; ++i) {
      const at = keys[i].indexOf(q);
      if (at < 0) {
        continue;
      }
      const n = nodeOf(i);
      if (n) {
        n.classList.add("match");
        matches.push(n);
      }
      const starts = at === 0 || "\n:".includes(keys[i][at - 1]) ? 0 : 1;
      found.push([n ? 0 : 1, starts, name(i).length, i]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
    const total = found.length;
    const shown = Math.min(total, 30);
    for (const [, , , i] of found.slice(0, shown)) {
      const li = el("li");
      li.append(ref(i));
      if (!E[i].d) {
        li.append(el("span", " (not drawn)", "undrawn"));
      }
      results.append(li);
    }
    if (total > shown) {
      results.append(el("li", `\u2026 and ${total - shown} more`, "more"));
    }
    if (!total) {
      results.append(el("li", "nothing found", "more"));
    }
  };
  search.addEventListener("input", find);
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const b = results.querySelector("button.ref");
      if (b) {
        select(Number(b.dataset.entity), true);
      }
    }
  });
  results.addEventListener("click", (ev) => {
    const b = ev.target.closest("button.ref");
    if (b) {
      select(Number(b.dataset.entity), true);
    }
  });

  if (data.focus >= 0) {
    mark(data.focus);
  }
  document.documentElement.dataset.ready = "1";
})();
