import { test, expect } from "./support/fixtures";

test("pages name the front end's files by content hash; those are cached for good, pages never", async ({ page, request }) => {
  const home = await request.get("/");
  expect(home.status()).toBe(200);
  expect(home.headers()["cache-control"]).toBe("no-cache");
  const html = await home.text();
  const names = [...new Set([...html.matchAll(/\/pkg\/slipway\.[A-Za-z0-9_-]{10,}\.(?:js|wasm|css)/g)].map((m) => m[0]))];
  for (const kind of [".js", ".wasm", ".css"]) {
    expect(names.some((n) => n.endsWith(kind)), `a hashed ${kind} in ${names.join(", ")}`).toBe(true);
  }
  for (const name of names) {
    const asset = await request.get(name);
    expect(asset.status(), name).toBe(200);
    expect(asset.headers()["cache-control"], name).toBe("public, max-age=31536000, immutable");
  }
  // An unhashed name is never cached without asking.
  const plain = await request.get("/pkg/does-not-exist.wasm");
  expect(plain.headers()["cache-control"]).toBe("no-cache");

  // And the page still hydrates with them.
  await page.goto("/");
  await expect(page.locator("[data-hydrated='true']").first()).toBeVisible();
});

test("the main module carries the texts every page needs, not those of the wizard or review pages", async ({ request }) => {
  // The split build gives each piece its share of the read-only data; if
  // the shares ever outgrow the linked segment, every text of every page
  // lands in the main module instead (frontend/src/lib.rs, SPLIT_DATA_SLACK).
  const html = await (await request.get("/")).text();
  const main = html.match(/\/pkg\/slipway\.[A-Za-z0-9_-]{10,}\.wasm/)?.[0] ?? "";
  expect(main).not.toBe("");
  const bytes = Buffer.from(await (await request.get(main, { headers: { "accept-encoding": "identity" } })).body());
  const has = (text: string) => bytes.includes(Buffer.from(text));
  expect(has("Start from a preset"), "the home page's own text").toBe(true);
  expect(has("Decision records of this step"), "a wizard text").toBe(false);
  expect(has("Changes since a milestone"), "a review page text").toBe(false);
});
