import { test, expect } from "./support/fixtures";
import { HomePage } from "./support/pages";

test("breaking a rule drops the score in the browser without a network request, and the fix restores it", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Critiqued platform");
  const overall = page.getByTestId("score-overall");
  const security = page.getByTestId("score-security");
  await expect(overall).not.toHaveText("");
  const before = Number(await overall.textContent());
  const securityBefore = (await security.textContent()) ?? "";

  // Opening a step fetches reviewers' comments for it; let that settle first.
  await wizard.goTo("security");
  await page.waitForLoadState("networkidle");
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await wizard.field("spec.security.podSecurity").selectOption("privileged");
  await expect(page.getByTestId("finding-SEC-001")).toBeVisible();
  await expect(security).not.toHaveText(securityBefore);
  expect(Number(await overall.textContent())).toBeLessThan(before);
  // The critique ran in WebAssembly: nothing left the browser before the finding showed.
  expect(requests).toEqual([]);

  await page.getByTestId("fix-SEC-001").click();
  await expect(page.getByTestId("finding-SEC-001")).toHaveCount(0);
  await expect(security).toHaveText(securityBefore);
  await expect(overall).toHaveText(String(before));
  await expect(wizard.field("spec.security.podSecurity")).toHaveValue("restricted");
  await wizard.expectSaved();
});

test("an accepted finding moves aside and travels with the design", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Accepting platform");
  await expect(page.getByTestId("finding-SEC-013")).toBeVisible();
  const before = Number(await page.getByTestId("score-overall").textContent());

  await page.getByTestId("accept-SEC-013").click();
  await page.getByTestId("accept-SEC-013-reason").fill("Registry mirror arrives in January");
  await page.getByTestId("accept-SEC-013-owner").fill("platform team");
  await page.getByTestId("accept-SEC-013-save").click();
  await expect(page.getByTestId("finding-SEC-013")).toHaveCount(0);
  await expect(page.getByTestId("accepted-SEC-013")).toContainText("Registry mirror arrives in January");
  expect(Number(await page.getByTestId("score-overall").textContent())).toBeGreaterThan(before);
  await wizard.expectSaved();

  await page.reload();
  await wizard.waitUntilLoaded();
  await expect(page.getByTestId("accepted-SEC-013")).toBeVisible();
});

test("the rules page documents every rule from the registry", async ({ page }) => {
  await page.goto("/rules");
  await expect(page.getByTestId("rule-SEC-001")).toContainText("Why it matters");
  expect(await page.locator("[data-test^='rule-']").count()).toBeGreaterThanOrEqual(45);
});
