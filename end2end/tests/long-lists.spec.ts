import { test, expect } from "./support/fixtures";

// A design with many service groups shows each as one summary line; a
// group's fields exist only while it is open, and typing there updates its
// summary and the scores.
test("long lists of service groups start folded and open one row at a time", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: { preset: "enterprise-aks" } })).json();
  const loaded = await (await request.get(`/api/designs/${created.id}`, { headers: { authorization: `Bearer ${created.edit_key}` } })).json();
  const design = loaded.design;
  const template = design.spec.workload.services[0];
  design.spec.workload.services = Array.from({ length: 20 }, (_, i) => ({ ...template, name: `group-${i}` }));
  const tenants = design.spec.workload.tenants;
  tenants.forEach((t: { services: string[] }, k: number) => {
    t.services = design.spec.workload.services.filter((_: unknown, i: number) => i % tenants.length === k).map((g: { name: string }) => g.name);
  });
  const big = await (await request.post("/api/designs", { data: design })).json();
  expect(big.links?.edit, JSON.stringify(big)).toBeTruthy();

  await page.goto(big.links.edit);
  await expect(page.getByTestId("wizard")).toHaveAttribute("data-state", "saved");
  const row = page.getByTestId("service-7");
  const toggle = row.locator(".row-toggle");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toContainText("Group 8: group-7");
  await expect(page.locator("[data-test='spec.workload.services[7].count']")).toHaveCount(0);
  await expect(page.locator("[data-test^='spec.workload.services[']")).toHaveCount(0);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const count = page.locator("[data-test='spec.workload.services[7].count']");
  await count.fill("3");
  await expect(toggle).toContainText("· 3 service(s)");
  await expect(page.getByTestId("wizard")).toHaveAttribute("data-state", "saved");
  // Only the opened row has inputs.
  await expect(page.locator("[data-test$='].count'][data-test^='spec.workload.services[']")).toHaveCount(1);

  // A field to fix in a folded row shows on its summary line.
  await count.fill("0");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(row.locator(".badge.bad")).toHaveText(/^[1-9][0-9]*$/);
});
