// First load of each page with a cold cache (a new browser context per load), in Debian's
// Chromium through playwright-core: navigation timing (responseEnd, DOMContentLoaded, load), the
// time until the page's own content is drawn (after its API calls), requests, and the bytes
// transferred (compressed, as sent) against the decoded bytes. Prints one TSV row per page:
//   ROW page user runs responseEnd dcl load ready requests transferred decoded
// Medians over --runs loads. Used by tests/bench/run_web_bench.sh.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.resolve(HERE, '..', '..', 'gateway', 'web', 'package.json'));
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS } = await import('../browser/lib.mjs');

const BASE = process.env.SISL_WEB_URL;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

// page, user (null: logged out), selector of its drawn content
const PAGES = [
  ['/', null, '.spid-button'],
  ['/accessibilita', null, 'h1'],
  ['/privacy', null, 'h1'],
  ['/prenota', 'cittadino-1', 'input[value="DID_PATTO"]'],
  ['/appuntamenti', 'cittadino-1', '.sisl-appointments'],
  ['/contact-center', 'contact-center', '#cc-search:not([hidden])'],
  ['/operatore', 'operatore-torino', '#op-list h2'],
  ['/calendari', 'operatore-torino', '.sisl-calendar-card'],
];

const browser = await chromium.launch({ executablePath: process.env.SISL_CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const states = {};
async function stateOf(user) {
  if (!user) return undefined;
  if (!states[user]) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${BASE}/spid/login?idp=${encodeURIComponent(`${BASE}/dev-idp`)}&return_to=/`);
    await page.click(`button[value="${user}"]`);
    await page.waitForURL(`${BASE}/`);
    states[user] = await ctx.storageState();
    await ctx.close();
  }
  return states[user];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

for (const [url, user, selector] of PAGES) {
  const samples = [];
  // Each load in a new context: empty HTTP cache, same session cookie.
  for (let i = 0; i <= RUNS; i++) {
    const ctx = await browser.newContext({ storageState: await stateOf(user) });
    const page = await ctx.newPage();
    await page.goto(BASE + url, { waitUntil: 'load' });
    await page.locator(selector).first().waitFor({ timeout: 10000 });
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const all = [nav, ...res];
      return {
        responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, ready: performance.now(),
        requests: all.length,
        transferred: all.reduce((s, e) => s + (e.transferSize || 0), 0),
        decoded: all.reduce((s, e) => s + (e.decodedBodySize || 0), 0),
      };
    });
    await ctx.close();
    if (i > 0) samples.push(m); // the first load warms the server (and the OS file cache), not the browser
  }
  const pick = (k) => median(samples.map((s) => s[k]));
  console.log(['ROW', url, user || '-', RUNS, ...['responseEnd', 'dcl', 'load', 'ready'].map((k) => pick(k).toFixed(0)),
    pick('requests'), pick('transferred'), pick('decoded')].join('\t'));
}
await browser.close();
