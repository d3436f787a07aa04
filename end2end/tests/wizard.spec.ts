import { test, expect } from "./support/fixtures";
import { HomePage, WizardPage, keyFor, requestsMatching } from "./support/pages";

/** The wizard's design engine: validation, critique, live score panel. */
const ENGINE_PIECE = /split_slipway_design_engine[^/]*\.wasm$/;

const REQUESTS = "spec.workload.traffic.requestsPerDay";

test("a design created on the home page keeps a changed field across a reload", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Payments platform");
  await expect(page.locator("h1.design-title")).toHaveText("Payments platform");

  await wizard.setNumber(REQUESTS, "10000000");
  await expect(wizard.status).toHaveText(/Unsaved changes|Saving…|Saved/);
  await wizard.expectSaved();
  await expect(page.getByTestId("revision")).toHaveText("revision 2");
  await expect(page.getByTestId("avg-rps")).toHaveText("116 req/s");

  await page.reload();
  await wizard.waitUntilLoaded();
  await expect(wizard.field(REQUESTS)).toHaveValue("10000000");
  await expect(page.getByTestId("revision")).toHaveText("revision 2");
});

test("every step shows a saved field and the steps are reachable by keyboard", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Keyboard platform");

  await wizard.tab("workload").focus();
  await page.keyboard.press("ArrowDown");
  await expect(wizard.tab("cluster")).toBeFocused();
  await expect(wizard.tab("cluster")).toHaveAttribute("aria-selected", "true");
  await expect(wizard.field("spec.cluster.provider")).toHaveValue("eks");

  await page.keyboard.press("End");
  await expect(wizard.tab("review")).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(wizard.tab("workload")).toHaveAttribute("aria-selected", "true");

  const fields: Record<string, [string, string]> = {
    cluster: ["spec.cluster.provider", "gke"],
    gitops: ["spec.gitops.tool", "flux"],
    security: ["spec.security.podSecurity", "baseline"],
    observability: ["spec.observability.metrics", "victoria-metrics"],
    cost: ["spec.cost.rightSizing", "automatic"],
  };
  for (const [step, [path, value]] of Object.entries(fields)) {
    await wizard.goTo(step);
    await wizard.field(path).selectOption(value);
    await wizard.expectSaved();
  }
  await page.reload();
  await wizard.waitUntilLoaded();
  for (const [step, [path, value]] of Object.entries(fields)) {
    await wizard.goTo(step);
    await expect(wizard.field(path)).toHaveValue(value);
  }
});

test("a decimal is read and shown by the browser's own number conversions", async ({ page, request }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Decimal platform");
  const PEAK = "spec.workload.traffic.peakFactor";
  await wizard.setNumber("spec.workload.traffic.requestsPerDay", "8640000");
  await wizard.setNumber(PEAK, "2.25");
  await expect(page.getByTestId("avg-rps")).toHaveText("100 req/s");
  await expect(page.getByTestId("peak-rps")).toHaveText("225 req/s");
  await wizard.expectSaved();
  // An emptied box is no number: said beside it, and the design keeps 2.25.
  await wizard.setNumber(PEAK, "");
  await expect(page.getByTestId(`error-${PEAK}`)).toContainText("Enter a number");
  await wizard.setNumber(PEAK, "1.5e0");
  await expect(page.getByTestId("peak-rps")).toHaveText("150 req/s");
  await wizard.expectSaved();

  const id = wizard.designId();
  const key = await keyFor(page, id);
  const saved = await (await request.get(`/api/designs/${id}`, { headers: { authorization: `Bearer ${key}` } })).json();
  expect(saved.design.spec.workload.traffic.peakFactor).toBe(1.5);
  await page.reload();
  await wizard.waitUntilLoaded();
  await expect(wizard.field(PEAK)).toHaveValue("1.5");
});

test("a set of choices is kept in the wizard's order, whatever the click order", async ({ page, request }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Order platform");
  const box = (wire: string) => page.locator(`#f-spec-workload-compliance-${wire}`);
  await box("soc2").check();
  await box("pci-dss").check();
  await box("hipaa").check();
  await box("soc2").uncheck();
  await wizard.field("spec.workload.availability").selectOption("99.95");
  await wizard.expectSaved();
  await expect(box("pci-dss")).toBeChecked();
  await expect(box("soc2")).not.toBeChecked();

  const id = wizard.designId();
  const key = await keyFor(page, id);
  const saved = await (await request.get(`/api/designs/${id}`, { headers: { authorization: `Bearer ${key}` } })).json();
  expect(saved.design.spec.workload.compliance).toEqual(["pci-dss", "hipaa"]);
  expect(saved.design.spec.workload.availability).toBe("99.95");
  await page.reload();
  await wizard.waitUntilLoaded();
  await expect(wizard.field("spec.workload.availability")).toHaveValue("99.95");
  await expect(box("hipaa")).toBeChecked();
});

test("an invalid value is shown beside its field and not saved", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const wizard = await home.createDesign("Validation platform");
  await wizard.goTo("cluster");
  await wizard.setNumber("spec.cluster.zones", "9");
  await expect(page.getByTestId("error-spec.cluster.zones")).toContainText("Use between 1 and 6 zones");
  await expect(wizard.status).toHaveText("Not saved: 1 field(s) to fix");
  await expect(wizard.tab("cluster").locator(".badge")).toHaveText("1");
  await expect(page.getByTestId("revision")).toHaveText("revision 1");

  await wizard.setNumber("spec.cluster.zones", "2");
  await wizard.expectSaved();
  await expect(page.getByTestId("revision")).toHaveText("revision 2");
});

test("two pages editing one design: the second save shows a conflict, resolved by reloading theirs", async ({ context }) => {
  const first = await context.newPage();
  const home = new HomePage(first);
  await home.open();
  const mine = await home.createDesign("Shared platform");
  const path = `/d/${mine.designId()}`;

  const second = await context.newPage();
  const theirs = new WizardPage(second);
  await theirs.open(path);

  await mine.setNumber(REQUESTS, "2000000");
  await mine.expectSaved();

  await theirs.setNumber(REQUESTS, "3000000");
  await expect(theirs.status).toHaveText("Conflict");
  await expect(second.getByTestId("conflict")).toBeVisible();

  await second.getByTestId("reload-theirs").click();
  await theirs.expectSaved();
  await expect(theirs.field(REQUESTS)).toHaveValue("2000000");
});

test("keeping mine after a conflict saves my value over theirs", async ({ context }) => {
  const first = await context.newPage();
  const home = new HomePage(first);
  await home.open();
  const mine = await home.createDesign("Contested platform");
  const second = await context.newPage();
  const theirs = new WizardPage(second);
  await theirs.open(`/d/${mine.designId()}`);

  await mine.setNumber(REQUESTS, "2000000");
  await mine.expectSaved();
  await theirs.setNumber(REQUESTS, "5000000");
  await expect(theirs.status).toHaveText("Conflict");
  await second.getByTestId("keep-mine").click();
  await theirs.expectSaved();
  await expect(second.getByTestId("revision")).toHaveText("revision 3");

  await first.reload();
  await mine.waitUntilLoaded();
  await expect(mine.field(REQUESTS)).toHaveValue("5000000");
});

test("the API's edit link opens the design with edit rights in a fresh browser", async ({ browser, request }) => {
  const created = await request.post("/api/designs", { data: { name: "Linked platform" } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  const editUrl = new URL(body.links.edit);

  const context = await browser.newContext();
  const problems: string[] = [];
  const { watchConsole } = await import("./support/fixtures");
  watchConsole(context, problems);
  const page = await context.newPage();
  const wizard = new WizardPage(page);
  await wizard.open(`${editUrl.pathname}${editUrl.hash}`);
  await expect(page.locator("h1.design-title")).toHaveText("Linked platform");
  // The key leaves the address bar once it is remembered.
  expect(new URL(page.url()).hash).toBe("");
  await wizard.setNumber(REQUESTS, "4000000");
  await wizard.expectSaved();

  await page.goto("/");
  await expect(page.getByTestId("my-designs")).toContainText("Linked platform");
  await context.close();
  expect(problems).toEqual([]);
});

test("the designs this browser remembers are read as earlier builds stored them", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Written as the JSON list every build since the first has stored; an
  // entry missing its key is dropped, extra fields are ignored.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(
        "slipway.designs",
        JSON.stringify([
          { id: "aaaaaaaaaaaaaaaaaaaaaaaa", key: "k1", name: "Stored platform", seen: 3 },
          { id: "bbbbbbbbbbbbbbbbbbbbbbbb", name: "Keyless platform" },
        ]),
      );
    }
  });
  await page.goto("/");
  await expect(page.getByTestId("home")).toHaveAttribute("data-hydrated", "true");
  const list = page.getByTestId("my-designs");
  await expect(list).toContainText("Stored platform");
  await expect(list.locator("li")).toHaveCount(1);
  // Creating a design writes the list back as JSON, newest first.
  await page.getByTestId("new-design-name").fill("Fresh platform");
  await page.getByTestId("create-design").click();
  await expect(page.locator("h1.design-title")).toHaveText("Fresh platform");
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("slipway.designs"))) ?? "[]");
  expect(stored.map((d: { name: string }) => d.name)).toEqual(["Fresh platform", "Stored platform"]);
  expect(stored[1]).toEqual({ id: "aaaaaaaaaaaaaaaaaaaaaaaa", key: "k1", name: "Stored platform" });
  await context.close();
});

test("a design this browser has no key for says so instead of showing it", async ({ browser, request }) => {
  const created = await request.post("/api/designs", { data: { name: "Private platform" } });
  const { id } = await created.json();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/d/${id}`);
  await expect(page.getByTestId("save-status")).toHaveText("No access");
  await expect(page.getByTestId("placeholder")).toContainText("no edit key");
  await expect(page.getByTestId("tab-workload")).toHaveCount(0);
  await context.close();
});

test("the later steps' code loads when the reader reaches for the steps, not with the wizard", async ({ page, request }) => {
  const later = requestsMatching(page, /split_later_step_[^/]*\.wasm$/);
  const wizard = await WizardPage.openNew(page, request, "Lazy steps");
  await expect(page.getByTestId("spec.workload.traffic.requestsPerDay")).toBeVisible();
  // The first step is on screen, and the scores with it; the rest has not been asked for.
  await expect(page.getByTestId("score-overall")).not.toHaveText("");
  expect(later).toEqual([]);
  await wizard.goTo("cluster");
  await expect(page.getByTestId("spec.cluster.zones")).toBeVisible();
  expect(later).toHaveLength(1);
  // Back and forth: loaded once.
  await wizard.goTo("workload");
  await wizard.goTo("security");
  await expect(page.getByTestId("spec.security.podSecurity")).toBeVisible();
  expect(later).toHaveLength(1);
});

test("the critique engine arrives when the reader reaches into the wizard; the server's panel stands in until then", async ({ page, request }) => {
  const engine = requestsMatching(page, ENGINE_PIECE);
  const wizard = await WizardPage.openNew(page, request, "Engine on demand");
  const overall = page.getByTestId("score-overall");
  await expect(overall).not.toHaveText("");
  const served = (await overall.textContent()) ?? "";
  await expect(page.getByTestId("served-panel")).toHaveCount(1);
  await expect(page.getByTestId("finding-SEC-013")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(engine).toEqual([]);

  // A button pressed on the server's panel is pressed again on the live one.
  await page.getByTestId("accept-SEC-013").click();
  await expect(page.getByTestId("accept-SEC-013-reason")).toBeVisible();
  await expect(page.getByTestId("served-panel")).toHaveCount(0);
  expect(engine).toHaveLength(1);
  await expect(overall).toHaveText(served);

  // From then on the critique follows every change, in the browser.
  await wizard.goTo("security");
  await wizard.field("spec.security.podSecurity").selectOption("privileged");
  await expect(page.getByTestId("finding-SEC-001")).toBeVisible();
  expect(Number(await overall.textContent())).toBeLessThan(Number(served));
  expect(engine).toHaveLength(1);
});

test("a wizard whose engine cannot be fetched keeps working, and fetches it on a later move", async ({ page, request, consoleProblems }) => {
  await page.route(ENGINE_PIECE, (route) => route.abort());
  const wizard = await WizardPage.openNew(page, request, "Engine offline");
  const failed = page.waitForEvent("requestfailed", (r) => ENGINE_PIECE.test(r.url()));
  await wizard.field("spec.workload.traffic.requestsPerDay").fill("2000000");
  await failed;
  // The page still answers: the edit is saved (the server validates it) and
  // the server's panel stays.
  await wizard.expectSaved();
  await expect(page.getByTestId("served-panel")).toHaveCount(1);

  await page.unroute(ENGINE_PIECE);
  await wizard.field("spec.workload.traffic.requestsPerDay").fill("3000000");
  await expect(page.getByTestId("served-panel")).toHaveCount(0);
  await expect(page.getByTestId("score-overall")).not.toHaveText("");
  await wizard.expectSaved();
  // The browser reported the failed fetches, and nothing else.
  expect(consoleProblems.length).toBeGreaterThan(0);
  const unexpected = consoleProblems.filter((p) => !/ERR_FAILED|Failed to fetch|TypeError/.test(p));
  expect(unexpected).toEqual([]);
  consoleProblems.splice(0);
});
