import { test as base, expect, type Page, type BrowserContext } from "@playwright/test";

/** Collects console errors and uncaught exceptions of every page in a context. */
export function watchConsole(context: BrowserContext, problems: string[]) {
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
}

type Fixtures = { consoleProblems: string[] };

/** Every test fails on any browser console error, in any page it opened. */
export const test = base.extend<Fixtures>({
  consoleProblems: [
    async ({ context }, use) => {
      const problems: string[] = [];
      watchConsole(context, problems);
      await use(problems);
      expect(problems, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
