// Typing on a big design: the wizard of a design with 300 service groups;
// each keystroke changes the first group's service count. Measured inside
// the page: from the input event to the end of the next painted frame (the
// reactive updates run before it), and the event handler alone. A keystroke
// that changes nothing measures up to one frame (16.7 ms at 60 Hz). The
// critique runs after that frame (the wizard counts its runs in
// data-critiqued); "scores" is the time until the frame after it is painted.
//   node bench/keystroke.mjs [base-url] [groups] [keystrokes]
import { api, launch, median } from "./browser.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const groups = Number(process.argv[3] ?? 300);
const keystrokes = Number(process.argv[4] ?? 30);

const created = await api(base, "POST", "/api/designs", { preset: "enterprise-aks" });
const loaded = await api(base, "GET", `/api/designs/${created.id}`, undefined, created.edit_key);
const design = loaded.design;
const template = design.spec.workload.services[0];
design.spec.workload.services = Array.from({ length: groups }, (_, i) => ({ ...template, name: `group-${i}` }));
// Every group belongs to a team: deal them out over the preset's teams
// (as many teams as there are groups, at most).
design.spec.workload.tenants = (design.spec.workload.tenants ?? []).slice(0, groups);
const tenants = design.spec.workload.tenants;
tenants.forEach((t, k) => {
  t.services = design.spec.workload.services.filter((_, i) => i % tenants.length === k).map((g) => g.name);
});
const big = await api(base, "POST", "/api/designs", design);

const browser = await launch();
const page = await browser.newPage();
await page.goto(big.links.edit);
await page.waitForSelector("[data-test='wizard'][data-state='saved']", { timeout: 120000 });
// Long lists start folded: open the first group.
const toggle = page.locator("[data-test='service-0'] .row-toggle");
if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
const field = "[data-test='spec.workload.services[0].count']";
await page.waitForSelector(field);
const samples = await page.evaluate(async ({ field, keystrokes }) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const input = document.querySelector(field);
  const wizard = document.querySelector("[data-test='wizard']");
  const critiqued = () => Number(wizard.dataset.critiqued ?? 0);
  const out = [];
  for (let i = 0; i < keystrokes; i++) {
    await frame();
    const before = critiqued();
    const started = performance.now();
    input.value = String(2 + (i % 7));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const handled = performance.now();
    // The next frame renders the update; a task queued from its callback
    // runs once that frame is painted.
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const painted = performance.now() - started;
    while (critiqued() === before) await new Promise((resolve) => setTimeout(resolve, 0));
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 0));
    out.push({ handler: handled - started, frame: painted, scores: performance.now() - started });
  }
  return out;
}, { field, keystrokes });
await browser.close();
const handler = median(samples.map((s) => s.handler));
const frame = median(samples.map((s) => s.frame));
const scores = median(samples.map((s) => s.scores));
console.log(JSON.stringify({ groups, keystrokes, median_handler_ms: +handler.toFixed(1), median_to_next_frame_ms: +frame.toFixed(1), median_to_scores_ms: +scores.toFixed(1) }));
