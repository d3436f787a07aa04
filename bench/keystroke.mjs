// Typing on a big design: the wizard of a design with 300 service groups;
// each keystroke changes the first group's service count. Measured inside
// the page, from the input event:
// - "updated": until the page's own work is done (the handler and every
//   reactive update it queued have run; a message-channel task runs after
//   them), i.e. the DOM shows the new value;
// - "next frame": until the next painted frame, with keystrokes sent right
//   after a frame (the worst phase: up to a whole frame of waiting, 16.7 ms
//   at 60 Hz, even when the page does nothing);
// - "next frame, any phase": the same with each keystroke sent at a random
//   moment of the frame, as a typist's are;
// - "scores": until the frame after the critique has run (the wizard counts
//   its runs in data-critiqued).
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
  // A task that runs once the current task and its microtasks are done.
  const channel = new MessageChannel();
  const queued = [];
  channel.port1.onmessage = () => queued.shift()();
  const afterWork = () => new Promise((resolve) => { queued.push(resolve); channel.port2.postMessage(0); });
  const input = document.querySelector(field);
  const wizard = document.querySelector("[data-test='wizard']");
  const critiqued = () => Number(wizard.dataset.critiqued ?? 0);
  const settle = async () => {
    await frame();
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const out = [];
  for (let i = 0; i < keystrokes; i++) {
    for (const phase of ["aligned", "random"]) {
      await settle();
      await frame();
      if (phase === "random") await new Promise((resolve) => setTimeout(resolve, Math.random() * 16));
      const before = critiqued();
      const started = performance.now();
      input.value = String(2 + ((2 * i + (phase === "random" ? 1 : 0)) % 7));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const handled = performance.now();
      // Asked for now, as a frame request from the handler would be: the
      // next frame renders the update; a task queued from its callback runs
      // once that frame is painted.
      const next = frame();
      await afterWork();
      const updated = performance.now() - started;
      await next;
      await new Promise((resolve) => setTimeout(resolve, 0));
      const painted = performance.now() - started;
      while (critiqued() === before) await new Promise((resolve) => setTimeout(resolve, 0));
      await frame();
      await new Promise((resolve) => setTimeout(resolve, 0));
      out.push({ phase, handler: handled - started, updated, frame: painted, scores: performance.now() - started });
    }
  }
  return out;
}, { field, keystrokes });
await browser.close();
const of = (phase, key) => +median(samples.filter((s) => s.phase === phase).map((s) => s[key])).toFixed(1);
console.log(JSON.stringify({
  groups,
  keystrokes,
  median_handler_ms: of("aligned", "handler"),
  median_to_updated_ms: of("aligned", "updated"),
  median_to_next_frame_ms: of("aligned", "frame"),
  median_to_next_frame_any_phase_ms: of("random", "frame"),
  median_to_scores_ms: of("aligned", "scores"),
}));
