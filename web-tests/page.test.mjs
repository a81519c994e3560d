// Drives the web page in a real headless Chromium: check that the priority choices are the routing policy's
// scale (from /health), classify a ticket, check what is shown (reason codes included) against what
// the API answered, then submit an empty ticket and check the 400 message is shown; then paste an access
// token and check it goes out as a bearer token (and stays in session storage only), and that API Gateway's
// 401 for a missing or rejected token is shown as a request for one.
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

// A made-up value: the local server ignores the header, API Gateway's answer is simulated below.
const ACCESS_TOKEN = "test-access-token-not-a-secret";
const TOKEN_KEY = "ticket-triage.access-token";

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
const health = await (await fetch(new URL("health", baseUrl))).json();
if (!Array.isArray(health.priorities) || health.priorities.length === 0) {
  console.error("page.test: /health lists no priorities");
  process.exit(1);
}

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
  // The authorization header of every POST /classify the page sends, in order (null when absent).
  const sentAuthorization = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/classify")) {
      sentAuthorization.push(request.headers()["authorization"] ?? null);
    }
  });

  await page.goto(baseUrl, { waitUntil: "load" });
  expect((await page.title()) === "Ticket triage", "page title is 'Ticket triage'");

  // The priority choices are the routing policy's scale, as /health lists it, after "Decide for me".
  await page.locator("#priority option").nth(health.priorities.length).waitFor({ state: "attached", timeout: 10000 });
  const options = await page.locator("#priority option").allTextContents();
  expect(JSON.stringify(options.slice(1)) === JSON.stringify(health.priorities),
    `priority choices ${JSON.stringify(options)}, /health lists ${JSON.stringify(health.priorities)}`);

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
  const reasons = await page.locator("#reasons li .reason-text").allTextContents();
  expect(JSON.stringify(reasons) === JSON.stringify(expected.reasons), `reasons shown ${JSON.stringify(reasons)}, API said ${JSON.stringify(expected.reasons)}`);
  const codes = await page.locator("#reasons li code.reason-code").allTextContents();
  const expectedCodes = (expected.reasonCodes || []).map((c) => c.code);
  expect(expectedCodes.length > 0 && JSON.stringify(codes) === JSON.stringify(expectedCodes),
    `reason codes shown ${JSON.stringify(codes)}, API said ${JSON.stringify(expectedCodes)}`);
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

  expect(sentAuthorization.length === 2 && sentAuthorization.every((h) => h === null),
    `without a token no authorization header is sent (sent: ${JSON.stringify(sentAuthorization)})`);

  // An access token: sent as a bearer token, kept in session storage only, kept by Clear and by a reload.
  const tokenField = page.getByLabel(/Access token/);
  expect((await tokenField.getAttribute("type")) === "password", "the access token field hides what is typed");
  await tokenField.fill(ACCESS_TOKEN);
  await page.getByLabel("Subject").fill(TICKET.subject);
  await page.getByLabel("Description").fill(TICKET.description);
  await page.getByRole("button", { name: "Classify" }).click();
  await page.locator("#result").waitFor({ state: "visible", timeout: 10000 });
  expect(sentAuthorization.at(-1) === `Bearer ${ACCESS_TOKEN}`,
    `with a token the request carries Authorization: Bearer <token> (sent: ${sentAuthorization.at(-1)})`);
  const storage = await page.evaluate((key) => ({ session: sessionStorage.getItem(key), local: localStorage.length }), TOKEN_KEY);
  expect(storage.session === ACCESS_TOKEN, "the token is kept in session storage");
  expect(storage.local === 0, "nothing is written to local storage");
  await page.getByRole("button", { name: "Clear" }).click();
  expect((await tokenField.inputValue()) === ACCESS_TOKEN, "Clear empties the ticket, not the token");
  await page.reload({ waitUntil: "load" });
  expect((await tokenField.inputValue()) === ACCESS_TOKEN, "the token survives a reload of the tab");

  // API Gateway's own 401 (its body is not our {"error", "message"}): the page asks for a token.
  await page.route("**/classify", (route) => route.fulfill({
    status: 401, contentType: "application/json", headers: { "www-authenticate": "Bearer" },
    body: JSON.stringify({ message: "Unauthorized" }),
  }));
  await tokenField.fill("");
  await page.getByLabel("Subject").fill(TICKET.subject);
  await page.getByRole("button", { name: "Classify" }).click();
  await page.locator("#error").waitFor({ state: "visible", timeout: 10000 });
  const missing = (await page.locator("#error").textContent()).replace(/\s+/g, " ").trim();
  expect(missing.includes("Sign-in required") && missing.includes("needs an access token"), `401 without a token shown: ${missing}`);
  expect(await page.locator("#result").isHidden(), "no result shown after a 401");
  expect(await tokenField.evaluate((el) => el === document.activeElement), "the token field has the focus after a 401");
  expect(sentAuthorization.at(-1) === null, "an emptied token field sends no authorization header");

  await tokenField.fill("an-expired-token");
  await page.getByRole("button", { name: "Classify" }).click();
  await page.waitForFunction(() => document.getElementById("error-message").textContent.includes("did not accept"),
    null, { timeout: 10000 });
  const rejected = (await page.locator("#error").textContent()).replace(/\s+/g, " ").trim();
  expect(rejected.includes("did not accept the access token"), `401 with a token shown: ${rejected}`);
  expect(sentAuthorization.at(-1) === "Bearer an-expired-token", "the token typed last is the one sent");
  await page.unroute("**/classify");
  if (screenshot) await page.screenshot({ path: screenshot.replace(/\.png$/, "-unauthorized.png"), fullPage: true });

  expect(foreign.length === 0, `requests left the server: ${foreign.join(", ")}`);
  // The 400 and 401 themselves are logged by Chromium as failed resources; anything else is a script error.
  const unexpected = consoleErrors.filter((m) => !m.includes("400") && !m.includes("401"));
  expect(unexpected.length === 0, `console errors: ${unexpected.join(" | ")}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAILED: ${failure}`);
  process.exit(1);
}
console.log("page.test: passed (priority choices from /health; classified ticket rendered as the API answered, reason codes"
  + " included; empty ticket shows the 400 message; "
  + "access token sent as a bearer token and kept in session storage; 401 shown as a request for a token)");
