import { test, expect } from "./support/fixtures";
import { HomePage, WizardPage } from "./support/pages";

for (const preset of ["fintech-eks", "startup-gke", "regulated-kubeadm", "enterprise-aks"]) {
  test(`the ${preset} diagram renders with no two labels overlapping`, async ({ page }) => {
    const home = new HomePage(page);
    await home.open();
    await page.getByTestId(`preset-${preset}`).click();
    await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
    const wizard = new WizardPage(page);
    await wizard.waitUntilLoaded();
    await wizard.goTo("review");
    const diagram = page.getByTestId("diagram").locator("svg");
    await expect(diagram).toBeVisible();
    const boxes = await page.getByTestId("diagram").locator("text").evaluateAll((texts) =>
      texts.map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    expect(boxes.length).toBeGreaterThan(10);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
          overlaps.push(`${a.text} × ${b.text}`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });
}

test("the printable report shows decisions, scores, cost and the diagram", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByTestId("preset-fintech-eks").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  await wizard.goTo("review");
  await page.getByTestId("open-report").click();
  await expect(page.getByTestId("report")).toHaveAttribute("data-state", "saved");
  await expect(page.locator("h1")).toHaveText("Fintech platform on EKS");
  await expect(page.getByTestId("report-overall")).toHaveText(/Overall \d+\/100/);
  // One record per decision, grouped by step: 22 decisions and one per node pool.
  await expect(page.locator("[data-test='record']")).toHaveCount(25);
  await expect(page.locator("h3", { hasText: "Security" })).toBeVisible();
  await expect(page.locator("[data-test='record'][data-slug='service-mesh'] h4")).toContainText("Istio");
  await expect(page.locator("[data-test='cost-chart'] rect").first()).toBeVisible();
  await expect(page.getByTestId("diagram").locator("svg")).toBeVisible();
});
