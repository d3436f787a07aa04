import { test, expect, watchConsole } from "./support/fixtures";
import { HomePage, WizardPage } from "./support/pages";

test("a reviewer opens a review link read-only, comments, and loses access once it is revoked", async ({ page, browser }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Reviewed platform");
  await wizard.goTo("review");
  await page.getByTestId("review-label").fill("security review");
  await page.getByTestId("create-review").click();
  const link = page.getByTestId("review-url");
  await expect(link).toBeVisible();
  const url = (await link.getAttribute("href")) ?? "";
  expect(url).toMatch(/\/r\/[0-9a-f]{64}$/);

  // A second browser with no cookies and no local storage.
  const reviewerContext = await browser.newContext();
  const problems: string[] = [];
  watchConsole(reviewerContext, problems);
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto(url);
  await expect(reviewer.getByTestId("review")).toHaveAttribute("data-hydrated", "true");
  await expect(reviewer.getByTestId("review-title")).toHaveText("Reviewed platform");
  await expect(reviewer.locator("[data-test^='spec.']")).toHaveCount(0);
  await expect(reviewer.getByTestId("diagram").locator("svg")).toBeVisible();
  await expect(reviewer.getByTestId("review-capacity")).toContainText("vCPU");
  // The generated file tree, with contents, read-only.
  await reviewer.locator(".repo-tree button[data-path='docs/critique.md']").click();
  await expect(reviewer.getByTestId("repo-file")).toContainText("Critique of Reviewed platform");

  const hostile = "<script>window.pwned = 1</script> {{ config }}";
  await reviewer.getByTestId("comment-target").selectOption("cluster");
  await reviewer.getByTestId("comment-author").fill("Ana (security)");
  await reviewer.getByTestId("comment-body").fill(hostile);
  await reviewer.getByTestId("comment-submit").click();
  await expect(reviewer.getByTestId("comments")).toContainText(hostile);
  expect(await reviewer.evaluate(() => (window as any).pwned)).toBeUndefined();

  // A comment on a finding, which the owner sees beside that finding.
  const targets = await reviewer.getByTestId("comment-target").locator("option").evaluateAll(
    (options) => options.map((o) => (o as HTMLOptionElement).value),
  );
  const rule = targets.find((t) => /^[A-Z]+-\d{3}$/.test(t)) ?? "";
  expect(rule).not.toBe("");
  await reviewer.getByTestId("comment-target").selectOption(rule);
  await reviewer.getByTestId("comment-body").fill("Why is this accepted risk?");
  await reviewer.getByTestId("comment-submit").click();
  await expect(reviewer.getByTestId("comments")).toContainText(`on ${rule}`);
  expect(problems).toEqual([]);

  // The owner sees the comment beside the review step and resolves it.
  await page.reload();
  await wizard.waitUntilLoaded();
  await wizard.goTo("cluster");
  await expect(page.getByTestId("step-comments-cluster")).toContainText(hostile);
  await expect(page.getByTestId(`finding-comments-${rule}`)).toContainText("Why is this accepted risk?");
  await wizard.goTo("review");
  await expect(page.getByTestId("owner-comments")).toContainText(hostile);
  await expect(page.getByTestId("resolve-comment")).toHaveCount(2);
  await page.getByTestId("resolve-comment").first().click();
  await expect(page.getByTestId("resolve-comment")).toHaveCount(1);

  // Revoked: the reviewer's reload says the link is no longer valid.
  await page.getByTestId("revoke-review").click();
  await expect(page.getByTestId("review-links")).toContainText("revoked");
  const reload = await reviewer.reload();
  expect(reload?.status()).toBe(404);
  await expect(reviewer.getByTestId("review-gone")).toContainText("not valid");
  await reviewerContext.close();
});

test("the owner freezes a milestone and compares it with the current design", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Milestoned platform");
  await wizard.goTo("review");
  await page.getByTestId("milestone-name").fill("v1 for security review");
  await page.getByTestId("create-milestone").click();
  await expect(page.getByTestId("milestone-list")).toContainText("v1 for security review");
  await expect(page.getByTestId("milestone-list")).toContainText(/overall \d+/);

  await wizard.goTo("cluster");
  await wizard.setNumber("spec.cluster.zones", "2");
  await wizard.expectSaved();
  await wizard.goTo("review");
  await page.getByTestId("compare-milestone").click();
  const comparison = page.getByTestId("comparison");
  await expect(comparison).toContainText("spec.cluster.zones");
  await expect(comparison.locator("tbody tr")).toHaveCount(1);
  await expect(comparison).toContainText(/Resilience & disaster recovery: \d+ → \d+/);

  // Two milestones side by side.
  await page.getByTestId("milestone-name").fill("v2 two zones");
  await page.getByTestId("create-milestone").click();
  await expect(page.getByTestId("milestone-list")).toContainText("v2 two zones");
  await page.getByTestId("compare-from").selectOption({ label: "v1 for security review" });
  await page.getByTestId("compare-to").selectOption({ label: "v2 two zones" });
  await page.getByTestId("compare").click();
  await expect(comparison.locator("h4")).toHaveText("“v1 for security review” → “v2 two zones”");
  await expect(comparison.locator("tbody tr")).toHaveCount(1);
  await expect(comparison).toContainText("spec.cluster.zones");

  // A link to the milestone, with a last day.
  await page.getByTestId("review-target").selectOption({ label: "v1 for security review" });
  await page.getByTestId("review-expires").fill("2099-12-31");
  await page.getByTestId("create-review").click();
  await expect(page.getByTestId("review-links")).toContainText("until 2099-12-31");
});

test("comparing with a milestone shows what a mesh switch does to the repository, to the owner and on a review page", async ({ page, browser }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByTestId("preset-fintech-eks").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  await wizard.goTo("review");
  await page.getByTestId("milestone-name").fill("with Istio");
  await page.getByTestId("create-milestone").click();
  await expect(page.getByTestId("milestone-list")).toContainText("with Istio");
  await wizard.goTo("security");
  await wizard.field("spec.security.mesh").selectOption("linkerd");
  await wizard.expectSaved();
  await wizard.goTo("review");
  await page.getByTestId("compare-milestone").click();
  const files = page.getByTestId("repo-changes");
  await expect(files).toContainText("platform/istiod/values.yaml removed");
  await expect(files).toContainText("platform/linkerd-control-plane/values.yaml added");
  const namespaces = files.locator("li", { has: page.locator("summary code", { hasText: /namespaces\.yaml$/ }) }).first();
  await namespaces.locator("summary").click();
  await expect(namespaces.locator("pre.diff")).toContainText("-    istio-injection: enabled");
  await expect(namespaces.locator("pre.diff")).toContainText("linkerd.io/inject: enabled");
  const changed = page.getByTestId("changed-decisions");
  await expect(changed).toContainText("Service mesh: Istio (accepted) → Linkerd");
  const mesh = changed.locator("li", { hasText: "Service mesh:" });
  await mesh.getByRole("button", { name: "Records before and after" }).click();
  await expect(mesh.getByTestId("record-pair").locator("[data-test='record'][data-slug='service-mesh'] h4")).toHaveText([/Istio/, /Linkerd/]);

  // The same view for a reviewer, through a link to the latest state.
  await page.getByTestId("review-label").fill("mesh change");
  await page.getByTestId("create-review").click();
  const url = (await page.getByTestId("review-url").getAttribute("href")) ?? "";
  const reviewer = await (await browser.newContext()).newPage();
  await reviewer.goto(url);
  await expect(reviewer.getByTestId("review")).toHaveAttribute("data-hydrated", "true");
  await expect(reviewer.getByTestId("review-since")).toContainText("with Istio");
  await reviewer.getByTestId("review-compare").click();
  const seen = reviewer.getByTestId("comparison");
  await expect(seen.locator("h4")).toHaveText("Since “with Istio”");
  await expect(seen).toContainText("spec.security.mesh");
  const reviewed = seen.getByTestId("repo-changes");
  await expect(reviewed).toContainText("platform/istiod/values.yaml removed");
  const ns = reviewed.locator("li", { has: reviewer.locator("summary code", { hasText: /namespaces\.yaml$/ }) }).first();
  await ns.locator("summary").click();
  await expect(ns.locator("pre.diff")).toContainText("linkerd.io/inject: enabled");
  await expect(seen.getByTestId("changed-decisions")).toContainText("Service mesh: Istio (accepted) → Linkerd");
});

test("a review link followed inside the studio builds the page in the browser, sections and records included", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Followed link");
  await wizard.goTo("review");
  await page.getByTestId("review-label").fill("followed");
  await page.getByTestId("create-review").click();
  // The router takes this click: no page load, so the derived sections
  // (rendered on the server, never in the page's data) are fetched.
  await page.getByTestId("review-url").click();
  await page.waitForURL(/\/r\/[0-9a-f]{64}$/);
  await expect(page.getByTestId("review-title")).toHaveText("Followed link");
  await expect(page.getByTestId("review-overall")).toContainText(/Overall \d+\/100/);
  await expect(page.getByTestId("diagram").locator("svg")).toBeVisible();
  const record = page.locator("[data-test='record'][data-slug='service-mesh']");
  const toggle = record.getByRole("button", { name: "Context, options and consequences" });
  await toggle.click();
  await expect(record.getByTestId("record-details")).toContainText("Options considered");
  await expect(record.getByRole("button", { name: "Hide the record" })).toHaveAttribute("aria-expanded", "true");
  await record.getByRole("button", { name: "Hide the record" }).click();
  await expect(record.getByTestId("record-details")).toHaveCount(0);
});
