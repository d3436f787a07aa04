import { test, expect } from "./support/fixtures";
import { HomePage } from "./support/pages";

test("teams own service groups: the export gives each its roles and Argo CD project", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Two teams");

  // The first team takes every group; it still needs an owner and a cost centre.
  await page.getByTestId("add-team").click();
  const first = page.getByTestId("team-0");
  await expect(first.locator("input[value='api']")).toBeChecked();
  await expect(page.getByTestId("error-spec.workload.tenants[0].owner")).toContainText("Name who answers");
  await wizard.field("spec.workload.tenants[0].name").fill("shop");
  await wizard.field("spec.workload.tenants[0].owner").fill("shop-leads@example.com");
  await wizard.field("spec.workload.tenants[0].costCentre").fill("cost centre");
  await expect(page.getByTestId("error-spec.workload.tenants[0].costCentre")).toContainText("label value");
  await wizard.field("spec.workload.tenants[0].costCentre").fill("cc-1042");
  await expect(page.getByTestId("error-spec.workload.tenants[0].costCentre")).toHaveText("");

  // A new group goes to the last team; a second team takes it over with one tick.
  await page.getByTestId("add-service").click();
  await expect(first.locator("input[value='service']")).toBeChecked();
  await page.getByTestId("add-team").click();
  const second = page.getByTestId("team-1");
  await expect(page.getByTestId("error-spec.workload.tenants[1].services")).toContainText("at least one service group");
  await wizard.field("spec.workload.tenants[1].owner").fill("ops@example.com");
  await wizard.field("spec.workload.tenants[1].costCentre").fill("cc-2000");
  await second.locator("input[value='service']").check();
  await expect(first.locator("input[value='service']")).not.toBeChecked();
  await expect(page.getByTestId("error-spec.workload.tenants[1].services")).toHaveText("");
  // Renaming the group keeps it with its team.
  await wizard.field("spec.workload.services[1].name").fill("billing");
  await expect(second.locator("input[value='billing']")).toBeChecked();
  // The defaults sync non-production; the team gives up staging.
  await expect(second.locator("input[value='staging']")).toBeChecked();
  await second.locator("input[value='staging']").uncheck();
  await wizard.expectSaved();

  await wizard.goTo("review");
  await page.locator(".repo-tree button[data-path='bootstrap/platform-prod/projects.yaml']").click();
  const file = page.getByTestId("repo-file");
  // The second team is "team" again (the first was renamed); each signs in with its own groups.
  await expect(file).toContainText('name: "team"');
  await expect(file).toContainText('- "shop-developers"');
  await expect(file).toContainText('- "team-developers"');
  await expect(file).toContainText('namespace: "billing-prod"');
  await expect(file).toContainText("clusterResourceWhitelist: []");
  await page.locator(".repo-tree button[data-path='bootstrap/platform-non-prod/projects.yaml']").click();
  await expect(file).toContainText("applications, sync, shop/api-staging, allow");
  await expect(file).toContainText("applications, sync, team/billing-dev, allow");
  await expect(file).not.toContainText("team/billing-staging");
  await page.locator(".repo-tree button[data-path='policies/clusters/platform-prod/namespaces.yaml']").click();
  await expect(file).toContainText('slipway.dev/cost-centre: "cc-1042"');
});
