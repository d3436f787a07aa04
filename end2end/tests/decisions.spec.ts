import { test, expect } from "./support/fixtures";
import { HomePage, WizardPage, requestsMatching } from "./support/pages";

test("each step shows its decision records, which argue against a weaker choice and name the finding", async ({ page, browser }) => {
  const home = new HomePage(page);
  await home.open();
  // The default design: a platform team of two with limited Kubernetes experience.
  const wizard = await home.createDesign("Argued platform");
  await wizard.goTo("security");
  await wizard.field("spec.security.mesh").selectOption("istio");
  await wizard.expectSaved();

  const records = page.getByTestId("step-decisions");
  await records.locator("button").first().click();
  const mesh = records.locator("[data-test='record'][data-slug='service-mesh']");
  await expect(mesh).toHaveAttribute("data-status", "questioned");
  await expect(mesh.locator(".verdict")).toContainText("Istio is the weaker fit");
  await expect(mesh.locator(".verdict")).toContainText("It fails FIT-001");
  await mesh.getByRole("button", { name: "Context, options and consequences" }).click();
  const details = mesh.getByTestId("record-details");
  await expect(details).toContainText("platform team: 2 people");
  await expect(details).toContainText("Kubernetes experience: Limited");
  await expect(details).toContainText("Fails FIT-001");
  await expect(details).toContainText("istiod");

  // The record follows the field at once: Linkerd does not fail FIT-001.
  await wizard.field("spec.security.mesh").selectOption("linkerd");
  await expect(mesh.locator("h4")).toContainText("Linkerd");
  await expect(mesh.locator(".verdict")).not.toContainText("FIT-001");
  await expect(details).not.toContainText("Fails FIT-001");
  await wizard.expectSaved();

  // A reviewer sees the same records, and the exported ones in the repository.
  await wizard.goTo("review");
  await page.getByTestId("review-label").fill("records");
  await page.getByTestId("create-review").click();
  const url = (await page.getByTestId("review-url").getAttribute("href")) ?? "";
  const context = await browser.newContext();
  const reviewer = await context.newPage();
  await reviewer.goto(url);
  await expect(reviewer.getByTestId("review")).toHaveAttribute("data-hydrated", "true");
  const seen = reviewer.locator("[data-test='record'][data-slug='service-mesh']").first();
  await expect(seen.locator("h4")).toContainText("Linkerd");
  await seen.getByRole("button", { name: "Context, options and consequences" }).click();
  await expect(seen.getByTestId("record-details")).toContainText("platform team: 2 people");
  await reviewer.locator(".repo-tree button[data-path='docs/adr/0013-service-mesh.md']").click();
  await expect(reviewer.getByTestId("repo-file")).toContainText("## Considered options");
  await context.close();
});

test("the code that derives and shows a step's records loads when they are first opened", async ({ page, request }) => {
  const pieces = requestsMatching(page, /split_(record_list|step_records)_[^/]*\.wasm$/);
  const wizard = await WizardPage.openNew(page, request, "Records on request");
  await expect(page.getByTestId("spec.workload.traffic.requestsPerDay")).toBeVisible();
  await expect(page.getByTestId("score-overall")).not.toHaveText("");
  expect(pieces).toEqual([]);

  await wizard.goTo("security");
  const records = page.getByTestId("step-decisions");
  const toggle = records.locator("button").first();
  await toggle.click();
  await expect(records.locator("[data-test='record'][data-slug='service-mesh']")).toBeVisible();
  expect(pieces).toHaveLength(2);
  // Closed and opened again, on another step too: loaded once.
  await toggle.click();
  await toggle.click();
  await expect(records.locator("[data-test='record']").first()).toBeVisible();
  await wizard.goTo("cluster");
  await page.getByTestId("step-decisions").locator("button").first().click();
  await expect(page.getByTestId("step-decisions").locator("[data-test='record']").first()).toBeVisible();
  expect(pieces).toHaveLength(2);
});
