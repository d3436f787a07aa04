// Critique speed in the browser: loads the studio in Debian's Chromium and
// times full critiques of the largest preset inside the WebAssembly module.
//   node end2end/bench/browser-critique.mjs [base-url]
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto(base + "/");
await page.waitForSelector("[data-hydrated='true']");
const result = await page.evaluate(async () => {
  // The module the page already loaded and initialised (hashed name).
  const script = [...document.querySelectorAll("link[rel=modulepreload], script[type=module]")]
    .map((e) => e.href || e.src || (e.textContent.match(/\/pkg\/slipway\.[^'"]+\.js/) ?? [])[0])
    .find((u) => u && /\/pkg\/slipway\.[^/]+\.js$/.test(u));
  const wasm = await import(script);
  await wasm.critique_benchmark(200); // warm-up
  const iterations = 2000;
  const ms = await wasm.critique_benchmark(iterations);
  return { iterations, ms, microsPerCritique: (ms * 1000) / iterations };
});
console.log(JSON.stringify(result));
await browser.close();
