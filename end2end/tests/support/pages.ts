import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** The home page: create a design, list this browser's designs. */
export class HomePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await expect(this.page.getByTestId("home")).toHaveAttribute("data-hydrated", "true");
  }

  async createDesign(name: string): Promise<WizardPage> {
    await this.page.getByTestId("new-design-name").fill(name);
    await this.page.getByTestId("create-design").click();
    await this.page.waitForURL(/\/d\/[0-9a-f]{24}$/);
    const wizard = new WizardPage(this.page);
    await wizard.waitUntilLoaded();
    return wizard;
  }
}

/** The URLs of the requests `page` makes whose URL matches `pattern`, as they are made. */
export function requestsMatching(page: Page, pattern: RegExp): string[] {
  const urls: string[] = [];
  page.on("request", (r) => {
    if (pattern.test(r.url())) urls.push(r.url());
  });
  return urls;
}

/** The wizard of one design. */
export class WizardPage {
  constructor(readonly page: Page) {}

  /** Creates a design named `name` through the API and opens its edit link. */
  static async openNew(page: Page, request: APIRequestContext, name: string): Promise<WizardPage> {
    const created = await request.post("/api/designs", { data: { name } });
    const editUrl = new URL((await created.json()).links.edit);
    const wizard = new WizardPage(page);
    await wizard.open(`${editUrl.pathname}${editUrl.hash}`);
    return wizard;
  }

  get status(): Locator {
    return this.page.getByTestId("save-status");
  }

  async open(path: string) {
    await this.page.goto(path);
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded() {
    await expect(this.page.getByTestId("wizard")).not.toHaveAttribute("data-state", "loading");
    await expect(this.status).toHaveText("Saved");
  }

  designId(): string {
    return new URL(this.page.url()).pathname.split("/").pop() ?? "";
  }

  tab(slug: string): Locator {
    return this.page.getByTestId(`tab-${slug}`);
  }

  async goTo(slug: string) {
    await this.tab(slug).click();
    await expect(this.page.getByTestId(`panel-${slug}`)).toBeVisible();
  }

  field(path: string): Locator {
    return this.page.locator(`[data-test="${path}"]`);
  }

  async setNumber(path: string, value: string) {
    await this.field(path).fill(value);
  }

  async expectSaved() {
    await expect(this.status).toHaveText("Saved");
  }
}

/** The edit key this browser remembers for a design. */
export async function keyFor(page: Page, id: string): Promise<string> {
  const list = await page.evaluate(() => localStorage.getItem("slipway.designs"));
  const entry = JSON.parse(list ?? "[]").find((d: { id: string }) => d.id === id);
  return entry?.key ?? "";
}
