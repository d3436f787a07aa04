import { test, expect } from "./support/fixtures";
import { HomePage } from "./support/pages";

test("a second region answers the 99.99 % finding and exports its clusters and failover runbook", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Two regions");

  // 99.99 % from one region is a finding.
  await wizard.field("spec.workload.availability").selectOption("99.99");
  await expect(page.getByTestId("finding-REL-009")).toBeVisible();

  await wizard.goTo("cluster");
  await wizard.field("spec.cluster.multiRegion").check();
  // The primary's neighbour is offered first.
  await expect(wizard.field("spec.cluster.multiRegion.regions")).toHaveValue("us-west-2");
  await expect(page.getByTestId("finding-REL-009")).toHaveCount(0);
  await wizard.field("spec.cluster.multiRegion.mode").selectOption("active-active");
  await wizard.field("spec.cluster.multiRegion.dataReplication").selectOption("none");
  await expect(page.getByTestId("finding-REL-010")).toBeVisible();
  await wizard.field("spec.cluster.multiRegion.dataReplication").selectOption("asynchronous");
  await expect(page.getByTestId("finding-REL-010")).toHaveCount(0);
  // A region that is not a name is refused beside the field, and nothing is lost.
  await wizard.field("spec.cluster.multiRegion.regions").fill("US West");
  await wizard.field("spec.cluster.multiRegion.regions").press("Tab");
  await expect(page.getByTestId("error-spec.cluster.multiRegion.regions")).toContainText("as the provider spells it");
  await wizard.field("spec.cluster.multiRegion.regions").fill("us-west-2");
  await wizard.field("spec.cluster.multiRegion.regions").press("Tab");
  await wizard.expectSaved();

  await wizard.goTo("review");
  await page.locator(".repo-tree button[data-path='docs/dr-plan.md']").click();
  const file = page.getByTestId("repo-file");
  await expect(file).toContainText("## Losing a region, step by step");
  await expect(file).toContainText("`platform-prod-us-west-2`");
  await page.locator(".repo-tree button[data-path='terraform/eks/versions.tf']").click();
  await expect(file).toContainText('alias  = "us_west_2"');
  await expect(page.locator(".repo-tree button[data-path^='bootstrap/platform-prod-us-west-2/']").first()).toBeVisible();
});
