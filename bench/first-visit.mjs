// First visits in a real browser: the home page, the wizard of a design and a
// review page, each in a fresh browser context (cold cache). For each: bytes
// on the wire (all, and the WebAssembly alone), time to hydration (the page
// marks itself hydrated or loaded) and largest contentful paint. For the
// wizard also the WebAssembly after the reader's first move into it (the
// design engine follows then: validation, critique, live score panel).
//   node bench/first-visit.mjs [base-url]   (a release build: cargo leptos serve --release --split)
import { api, launch } from "./browser.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const created = await api(base, "POST", "/api/designs", { preset: "fintech-eks" });
const review = await api(base, "POST", `/api/designs/${created.id}/reviews`, { label: "first visit" }, created.edit_key);

const pages = [
  { name: "home", url: base + "/", ready: "[data-test='home'][data-hydrated='true']" },
  { name: "wizard (fintech-eks)", url: created.links.edit, ready: "[data-test='wizard'][data-state='saved']", move: "[data-test='wizard'] .wizard-body" },
  { name: "review page (fintech-eks)", url: review.url, ready: "[data-test='review'][data-hydrated='true']" },
];

const browser = await launch();
const rows = [];
for (const { name, url, ready, move } of pages) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map();
  let total = 0;
  let wasm = 0;
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    total += e.encodedDataLength;
    if ((types.get(e.requestId) ?? "").endsWith(".wasm")) wasm += e.encodedDataLength;
  });
  await page.addInitScript((selector) => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    const watch = () => {
      if (window.__ready === undefined && document.querySelector(selector)) window.__ready = performance.now();
    };
    new MutationObserver(watch).observe(document, { subtree: true, childList: true, attributes: true });
  }, ready);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(ready);
  // Let the paint that follows hydration be observed.
  await page.waitForTimeout(300);
  const timing = await page.evaluate(() => ({ ready: window.__ready, lcp: window.__lcp }));
  const [firstVisit, firstTotal] = [wasm, total];
  if (move) {
    await page.hover(move);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
  }
  rows.push({
    page: name,
    kb_on_wire: +(firstTotal / 1024).toFixed(1),
    wasm_kb_on_wire: +(firstVisit / 1024).toFixed(1),
    wasm_kb_after_first_move: move ? +(wasm / 1024).toFixed(1) : null,
    hydrated_ms: Math.round(timing.ready),
    lcp_ms: Math.round(timing.lcp),
  });
  await context.close();
}
await browser.close();
console.table(rows);
console.log(JSON.stringify(rows));
