import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./support/fixtures";
import { HomePage, WizardPage, keyFor } from "./support/pages";

const STEPS = ["workload", "cluster", "gitops", "security", "observability", "cost", "review"];

test("the fintech case entered through the UI alone matches the preset", async ({ page, request }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Fintech by hand");

  // Two service groups: 30 Java/Spring Boot and 20 Python/FastAPI services.
  await wizard.field("spec.workload.services[0].name").fill("java-services");
  await wizard.field("spec.workload.services[0].runtime").selectOption("java-spring");
  await wizard.field("spec.workload.services[0].count").fill("30");
  await page.getByTestId("add-service").click();
  await wizard.field("spec.workload.services[1].name").fill("python-services");
  await wizard.field("spec.workload.services[1].runtime").selectOption("python-fastapi");
  await wizard.field("spec.workload.services[1].count").fill("20");

  await wizard.setNumber("spec.workload.traffic.requestsPerDay", "10000000");
  await wizard.setNumber("spec.workload.traffic.growthFactor12Months", "3");
  await expect(page.getByTestId("avg-rps")).toHaveText("116 req/s");
  await expect(page.getByTestId("avg-rps-growth")).toHaveText("347 req/s");
  await page.locator("#f-spec-workload-compliance-pci-dss").check();
  await wizard.field("spec.workload.availability").selectOption("99.9");
  await wizard.setNumber("spec.workload.team.developers", "15");
  await wizard.field("spec.workload.team.kubernetesExperience").selectOption("limited");
  await wizard.goTo("cluster");
  await expect(wizard.field("spec.cluster.provider")).toHaveValue("eks");
  await wizard.expectSaved();

  const id = wizard.designId();
  const key = await keyFor(page, id);
  const saved = await (await request.get(`/api/designs/${id}`, { headers: { authorization: `Bearer ${key}` } })).json();
  const presetReply = await request.post("/api/designs", { data: { preset: "fintech-eks" } });
  const presetCreated = await presetReply.json();
  const preset = await (
    await request.get(`/api/designs/${presetCreated.id}`, { headers: { authorization: `Bearer ${presetCreated.edit_key}` } })
  ).json();

  const keyFields = (d: any) => ({
    services: d.spec.workload.services.map((g: any) => [g.name, g.runtime, g.count]),
    traffic: [d.spec.workload.traffic.requestsPerDay, d.spec.workload.traffic.growthFactor12Months],
    compliance: d.spec.workload.compliance,
    availability: d.spec.workload.availability,
    team: [d.spec.workload.team.developers, d.spec.workload.team.kubernetesExperience],
    provider: d.spec.cluster.provider,
  });
  expect(keyFields(saved.design)).toEqual(keyFields(preset.design));
});

test("a preset starts a complete design", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByTestId("preset-startup-gke").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  await expect(page.locator("h1.design-title")).toHaveText("Startup platform on GKE");
  await wizard.goTo("cluster");
  await expect(wizard.field("spec.cluster.provider")).toHaveValue("gke");
  await expect(wizard.field("spec.cluster.nodePools[0].instanceType")).toHaveValue("e2-standard-4");
  await wizard.goTo("review");
  await expect(page.getByTestId("no-problems")).toBeVisible();
});

test("rows can be added and removed, and a bad name is explained without losing the text", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Rows platform");
  await wizard.goTo("cluster");
  await page.getByTestId("add-pool").click();
  await expect(page.getByTestId("pool-1")).toBeVisible();
  await wizard.field("spec.cluster.nodePools[1].name").fill("Spot Pool");
  await expect(page.getByTestId("error-spec.cluster.nodePools[1].name")).toContainText("lowercase letters");
  await expect(wizard.field("spec.cluster.nodePools[1].name")).toHaveValue("Spot Pool");
  await wizard.field("spec.cluster.nodePools[1].name").fill("spot");
  await wizard.field("spec.cluster.nodePools[1].purchase").selectOption("spot");
  await wizard.expectSaved();

  await page.getByRole("button", { name: "Remove node pool 1" }).click();
  await expect(page.getByTestId("pool-1")).toHaveCount(0);
  await expect(wizard.field("spec.cluster.nodePools[0].name")).toHaveValue("spot");
  await expect(page.getByRole("button", { name: "Remove node pool 1" })).toBeDisabled();
  await wizard.expectSaved();

  await page.reload();
  await wizard.waitUntilLoaded();
  await wizard.goTo("cluster");
  await expect(wizard.field("spec.cluster.nodePools[0].purchase")).toHaveValue("spot");
});

test("switching provider keeps the design valid", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Moving platform");
  await wizard.goTo("cluster");
  await wizard.field("spec.cluster.provider").selectOption("aks");
  await expect(wizard.field("spec.cluster.region")).toHaveValue("eastus");
  await expect(wizard.field("spec.cluster.nodePools[0].instanceType")).toHaveValue("Standard_D4s_v5");
  await wizard.expectSaved();
});

test("a design file imported on the home page opens, and a broken one is explained", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Exported platform");
  const originalId = wizard.designId();
  await wizard.goTo("review");
  const preview = page.getByTestId("yaml-preview");
  await expect(preview).toContainText("apiVersion: slipway.dev/v1alpha1");
  await expect(page.getByTestId("download-yaml")).toHaveAttribute("href", /^data:application\/yaml/);
  const yaml = (await preview.textContent()) ?? "";

  await home.open();
  await page.getByTestId("import-text").fill(yaml.replace("  cluster:\n", "  cluster:\n    colour: blue\n"));
  await page.getByTestId("import-design").click();
  await expect(page.getByTestId("import-problems")).toContainText("spec.cluster.colour");
  await expect(page.getByTestId("import-problems")).toContainText(/line \d+, column \d+/);

  await page.getByTestId("import-text").fill(yaml);
  await page.getByTestId("import-design").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const copy = new WizardPage(page);
  await copy.waitUntilLoaded();
  expect(copy.designId()).not.toBe(originalId);
  await expect(page.locator("h1.design-title")).toHaveText("Exported platform");
});

test("no step has a serious or critical accessibility violation", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const homeScan = await new AxeBuilder({ page }).analyze();
  expect(homeScan.violations.filter((v) => ["serious", "critical"].includes(v.impact ?? ""))).toEqual([]);

  await page.getByTestId("preset-fintech-eks").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  for (const step of STEPS) {
    await wizard.goTo(step);
    const scan = await new AxeBuilder({ page }).analyze();
    const serious = scan.violations
      .filter((v) => ["serious", "critical"].includes(v.impact ?? ""))
      .map((v) => `${step}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(serious).toEqual([]);
  }
});

test("the cost step charts the estimate and follows the design live", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Costed platform");
  await wizard.goTo("cost");
  await expect(page.locator("[data-test='cost-chart'] rect")).toHaveCount(16);
  const total = page.getByTestId("cost-total");
  const before = (await total.textContent()) ?? "";
  expect(before).toMatch(/≈ \$\d+ a month/);
  await wizard.goTo("cluster");
  await wizard.setNumber("spec.cluster.nodePools[0].desiredNodes", "6");
  await wizard.setNumber("spec.cluster.nodePools[0].maxNodes", "12");
  await wizard.goTo("cost");
  await expect(total).not.toHaveText(before);
  await expect(page.getByTestId("savings")).toContainText("Right-size");
  await wizard.expectSaved();
});

test("capacity and cost are shown per cluster, with each line's derivation, in the UI and the API", async ({ page, request }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByTestId("preset-fintech-eks").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  await wizard.goTo("cluster");
  // Each cluster is judged on its own pools; the spot pool runs in non-production only.
  await expect(page.getByTestId("capacity-platform-prod")).toContainText("sidecars");
  await expect(page.getByTestId("capacity-platform-non-prod")).toContainText("enough");
  await expect(wizard.field("spec.cluster.nodePools[2].runsIn")).toHaveValue("non-production");
  await expect(page.getByTestId("pool-2-needed")).not.toContainText("platform-prod");
  // Leaving production short is noticed at once.
  await wizard.setNumber("spec.cluster.nodePools[0].desiredNodes", "6");
  await expect(page.getByTestId("capacity-platform-prod")).toContainText("short");
  await wizard.goTo("cost");
  await expect(page.getByTestId("cost-per-cluster")).toContainText("platform-prod: $");
  await expect(page.getByTestId("cost-sensitivity")).toContainText("+10 % nodes of pool general");
  await page.locator("details.derivation summary").click();
  await expect(page.getByTestId("cost-lines")).toContainText("× 730 h × $0.384/h × (1 − 37 % reserved");
  await expect(page.getByTestId("cost-lines")).toContainText("not priced");
  await wizard.expectSaved();

  const id = wizard.designId();
  const key = await keyFor(page, id);
  const reply = await request.get(`/api/designs/${id}/cost`, { headers: { authorization: `Bearer ${key}` } });
  expect(reply.status()).toBe(200);
  const cost = await reply.json();
  expect(cost.per_cluster.map((c: any) => c.cluster)).toEqual(["platform-non-prod", "platform-prod"]);
  const prodPools = cost.lines.filter((l: any) => l.cluster === "platform-prod" && l.category === "compute");
  expect(prodPools.map((l: any) => l.label)).toEqual([
    "Node pool general (m6i.2xlarge, reserved / committed)",
    "Node pool compute (c6i.2xlarge, on-demand)",
  ]);
  expect(prodPools[0].derivation).toContain("6 node(s) × 730 h");
  expect(cost.lines.find((l: any) => l.category === "data-services").priced).toBe(false);
  expect(cost.sensitivity).toHaveLength(3);
  const sum = cost.lines.reduce((t: number, l: any) => t + l.monthly_usd, 0);
  expect(Math.abs(sum - cost.total_monthly_usd)).toBeLessThan(0.01);
});
