import { readFile } from "node:fs/promises";
import { test, expect } from "./support/fixtures";
import { HomePage, WizardPage } from "./support/pages";

test("the Review step previews the generated repository and downloads it as a zip", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByTestId("preset-fintech-eks").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  await wizard.goTo("review");

  const repository = page.getByTestId("repository");
  await expect(repository).toBeVisible();
  // The developer guide is open first.
  await expect(page.getByTestId("repo-file-path")).toHaveText("README.md");
  await expect(page.getByTestId("repo-file")).toContainText("developer guide");

  // A click on a file shows its content.
  await page.locator(".repo-tree button[data-path='bootstrap/platform-prod/platform/karpenter.yaml']").click();
  await expect(page.getByTestId("repo-file-path")).toHaveText("bootstrap/platform-prod/platform/karpenter.yaml");
  await expect(page.getByTestId("repo-file")).toContainText("kind: Application");
  await expect(page.getByTestId("repo-file")).toContainText('targetRevision: "1.14.1"');

  // Only the chosen layout: Argo CD, not Flux.
  await expect(page.locator(".repo-tree button[data-path^='bootstrap/platform-prod/']").first()).toBeVisible();
  await expect(page.locator(".repo-tree button[data-path^='clusters/']")).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("download-repository").click(),
  ]);
  expect(download.suggestedFilename()).toBe("fintech-platform-on-eks.zip");
  const bytes = await readFile((await download.path()) ?? "");
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");

  // The same archive as the API's, byte for byte.
  const id = wizard.designId();
  const key = await page.evaluate(
    (id) => JSON.parse(localStorage.getItem("slipway.designs") ?? "[]").find((d: { id: string }) => d.id === id)?.key,
    id,
  );
  const api = await page.request.get(`/api/designs/${id}/bundle.zip`, { headers: { authorization: `Bearer ${key}` } });
  expect(api.status()).toBe(200);
  expect(Buffer.compare(await api.body(), bytes)).toBe(0);

  // The preview follows the design: typing a new name renames the archive and the guide.
  await wizard.field("metadata.name").fill("Renamed: platform");
  await expect(page.getByTestId("download-repository")).toHaveAttribute("download", "renamed-platform.zip");
  await expect(page.getByTestId("repo-file")).toContainText("# Renamed: platform: developer guide");
});

test("the Review step lists what the team supplies: a named domain leaves the list, a mirror joins it", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByTestId("preset-startup-gke").click();
  await page.waitForURL(/\/d\/[0-9a-f]{24}$/);
  const wizard = new WizardPage(page);
  await wizard.waitUntilLoaded();
  await wizard.goTo("review");

  const domain = page.locator("[data-test='input'][data-id='public-domain']");
  await expect(domain).toContainText("plain HTTP");
  await expect(page.locator("[data-test='input'][data-id='backup-bucket']")).toBeVisible();

  // The input names its field: the link opens the step that holds it.
  await domain.getByTestId("input-field").click();
  await expect(page.getByTestId("panel-cluster")).toBeVisible();
  await wizard.field("spec.cluster.publicDomain").fill("shop.example.com");
  await wizard.field("spec.cluster.mirror").fill("mirror.example.internal");
  await wizard.goTo("review");
  await expect(page.locator("[data-test='input'][data-id='backup-bucket']")).toBeVisible();
  await expect(domain).toHaveCount(0);
  await expect(page.locator("[data-test='input'][data-id='mirror-contents']")).toContainText("oci://mirror.example.internal/charts");
});
