// Drives the web page in a real headless Chromium: classify a ticket, check what is shown against what
// the API answered, then submit an empty ticket and check the 400 message is shown.
//
// Usage: node web-tests/page.test.mjs BASE_URL [SCREENSHOT.png]
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).
// Exit codes: 0 passed, 1 a check failed, 2 cannot run (no browser, no server).

import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  console.error("page.test: playwright-core is not installed: run `npm ci` at the repository root");
  process.exit(2);
}

const [baseUrl, screenshot] = process.argv.slice(2);
if (!baseUrl) {
  console.error("usage: node web-tests/page.test.mjs BASE_URL [SCREENSHOT.png]");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  console.error(`page.test: no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  process.exit(2);
}

const TICKET = {
  subject: "Charged twice on my invoice",
  description: "My card was charged twice for the March invoice. Please refund the duplicate payment.",
  priority: "High",
};

const failures = [];
function expect(condition, message) {
  if (!condition) failures.push(message);
}

// What the page should show is what the API says for the same ticket.
const apiResponse = await fetch(new URL("classify", baseUrl), {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(TICKET),
}).catch((e) => {
  console.error(`page.test: cannot reach ${baseUrl}: ${e.message}`);
  process.exit(2);
});
const expected = await apiResponse.json();
expect(apiResponse.status === 200, `API answered ${apiResponse.status} for the sample ticket`);

const profile = mkdtempSync(join(tmpdir(), "triage-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1000, height: 1400 },
});
try {
  const page = context.pages()[0] || (await context.newPage());
  const origin = new URL(baseUrl).origin;
  const foreign = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("data:")) foreign.push(url);
  });
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  await page.goto(baseUrl, { waitUntil: "load" });
  expect((await page.title()) === "Ticket triage", "page title is 'Ticket triage'");

  // Labels are wired to their fields: fill them by their accessible names, as a screen-reader user would.
  await page.getByLabel("Subject").fill(TICKET.subject);
  await page.getByLabel("Description").fill(TICKET.description);
  await page.getByLabel(/Priority/).selectOption(TICKET.priority);
  await page.getByRole("button", { name: "Classify" }).click();
  await page.locator("#result").waitFor({ state: "visible", timeout: 10000 });

  const text = async (selector) => (await page.locator(selector).textContent()).trim();
  expect((await text("#category")) === expected.category, `category shown is ${await text("#category")}, API said ${expected.category}`);
  expect((await text("#team")) === expected.team, `team shown is ${await text("#team")}, API said ${expected.team}`);
  expect((await text("#queue")) === expected.queue, `queue shown is ${await text("#queue")}, API said ${expected.queue}`);
  expect((await text("#result-priority")) === expected.priority, "priority shown matches the API");
  expect((await text("#decided-by")) === expected.decidedBy, "decidedBy shown matches the API");
  expect((await text("#confidence")) === (Math.round(expected.confidence * 1000) / 10).toFixed(1) + "%", "confidence shown as a percentage");
  const reasons = await page.locator("#reasons li").allTextContents();
  expect(JSON.stringify(reasons) === JSON.stringify(expected.reasons), `reasons shown ${JSON.stringify(reasons)}, API said ${JSON.stringify(expected.reasons)}`);
  const bars = await page.locator("#probabilities .fill").count();
  expect(bars === Object.keys(expected.probabilities).length, `one bar per category (${bars})`);
  const firstBar = await page.locator("#probabilities .fill").first().evaluate((el) => el.style.width);
  expect(firstBar === `${Object.values(expected.probabilities)[0] * 100}%`, `first bar width ${firstBar}`);
  const features = await page.locator("#explanation tr td:first-child").allTextContents();
  expect(JSON.stringify(features) === JSON.stringify(expected.explanation.map((f) => f.feature)), "explanation features shown");
  expect(await page.locator("#error").isHidden(), "no error shown after a good ticket");

  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  // An empty ticket: the API answers 400 and the page must say why, and hide the old result.
  await page.getByRole("button", { name: "Clear" }).click();
  await page.getByRole("button", { name: "Classify" }).click();
  await page.locator("#error").waitFor({ state: "visible", timeout: 10000 });
  const errorText = (await page.locator("#error").textContent()).replace(/\s+/g, " ").trim();
  expect(errorText.includes("At least one of subject and description must hold text."), `error shown: ${errorText}`);
  expect(errorText.includes("empty_ticket"), "error code shown");
  expect(await page.locator("#result").isHidden(), "old result hidden after an error");
  expect((await page.locator("#error").getAttribute("role")) === "alert", "error is announced (role=alert)");

  if (screenshot) await page.screenshot({ path: screenshot.replace(/\.png$/, "-error.png"), fullPage: true });

  expect(foreign.length === 0, `requests left the server: ${foreign.join(", ")}`);
  // The 400 itself is logged by Chromium as a failed resource; anything else is a script error.
  const unexpected = consoleErrors.filter((m) => !m.includes("400"));
  expect(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAILED: ${failure}`);
  process.exit(1);
}
console.log("page.test: passed (classified ticket rendered as the API answered; empty ticket shows the 400 message)");
