// Shared helpers for the browser tests: where the server is, how to start Debian's Chromium
// (never a downloaded browser), how to sign in through the real form, and how to run axe-core.
// The server is started by run.sh, which passes its address in DANCHU_URL.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const BASE = (process.env.DANCHU_URL || '').replace(/\/$/, '');
if (!BASE) throw new Error('DANCHU_URL is not set: run the tests through tests/e2e/run.sh');

export const PASSWORD = 'danchu-demo';
export const ORG = 'so-tttt-tra-vinh';
export const MEMBERS_PATH = `/o/${ORG}/members`;
// The demo data (src/app/demo.cpp) puts this many people in the department.
export const ORG_MEMBER_COUNT = 43;

const CHROMIUM = process.env.DANCHU_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--no-first-run', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// A fresh context is a fresh cookie jar: every test starts signed out. Vietnamese is the
// default language of the interface, but headless Chromium asks for en-US unless told.
export async function newContext(browser, options = {}) {
  return browser.newContext({ baseURL: BASE, locale: 'vi-VN', ...options });
}

export function url(p) {
  return BASE + p;
}

// Fills the login form the way a person does: types into the fields, clicks the button.
// Returns the response of the navigation the click caused (after redirects).
export async function submitLogin(page, username, password) {
  await page.locator('#username').fill('');
  await page.locator('#username').pressSequentially(username);
  await page.locator('#password').pressSequentially(password);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.locator('main form button[type=submit]').click(),
  ]);
  return response;
}

export async function login(page, username, password = PASSWORD) {
  await page.goto('/login');
  return submitLogin(page, username, password);
}

// The text of <main>, with runs of white space folded, for assertions on what a reader sees.
export async function mainText(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
}

// Screenshots help when a test fails and when looking at the layout by hand; they go to
// DANCHU_SHOTS (run.sh points it at its temp dir) and are skipped when it is unset.
export async function screenshot(page, name) {
  const dir = process.env.DANCHU_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

// Runs axe-core on the page and returns its violations. The site's Content-Security-Policy
// allows only same-origin scripts, so axe is evaluated through the DevTools protocol rather
// than injected as a <script> element.
export async function axeViolations(page) {
  const source = require('axe-core').source;
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
  });
  return results.violations;
}

export function describeViolations(where, violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${where}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      lines.push(`    ${n.target.join(' ')}  ${n.html.slice(0, 200)}`);
      if (n.failureSummary) lines.push(`      ${n.failureSummary.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines.join('\n');
}
