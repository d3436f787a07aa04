import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. The networking flags stop
// Chromium from reaching for Google's services on this closed network.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry, reported as "flaky" in the list: the review-link test lost
  // its typed label once in 2026-12-03's runs (race not yet found; see the
  // issue notes). A test that fails twice still fails the run.
  retries: 1,
  reporter: [["list"]],
  use: {
    baseURL,
    // Stable selectors live in data-test attributes.
    testIdAttribute: "data-test",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // `cargo leptos end-to-end` starts the server itself and sets NO_WEBSERVER.
  webServer: process.env.NO_WEBSERVER
    ? undefined
    : {
        command: "cd .. && SLIPWAY_DATABASE_URL=sqlite://target/e2e.db cargo leptos serve --split",
        url: `${baseURL}/health/ready`,
        reuseExistingServer: true,
        timeout: 600_000,
      },
});
