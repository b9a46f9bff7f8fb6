// Shared helpers of the browser flows: Debian's Chromium through playwright-core, login through
// the development IdP, axe-core checks, screenshots kept as test artefacts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.resolve(HERE, '..', '..', 'gateway', 'web');
const require = createRequire(path.join(WEB, 'package.json'));
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const BASE = (process.env.SISL_WEB_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const ARTIFACTS = process.env.SISL_BROWSER_ARTIFACTS || path.join(process.cwd(), 'browser-artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });

// Headless, no sandbox (containers, root), nothing talking to the network on its own.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-default-apps',
  '--disable-sync', '--disable-extensions', '--disable-breakpad', '--disable-domain-reliability',
  '--disable-client-side-phishing-detection', '--metrics-recording-only', '--no-first-run', '--no-default-browser-check',
  '--no-pings', '--mute-audio', '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.SISL_CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// A fresh context and page that records console errors, page errors and CSP refusals.
export async function newPage(browser, { lang } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  if (lang) await context.addInitScript((l) => localStorage.setItem('sisl.lang', l), lang);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Not our pages: the development IdP's own page (gateway/devidp) has an inline style.
    if ((m.location()?.url || page.url()).includes('/dev-idp')) return;
    // Expected: the API's 4xx answers to refused requests (blockers under test).
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    page.problems.push(`console: ${text}`);
  });
  return page;
}

export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], `browser problems:\n${page.problems.join('\n')}`);
}

let shot = 0;
export async function screenshot(page, name) {
  shot += 1;
  const file = path.join(ARTIFACTS, `${process.env.SISL_FLOW || 'flow'}-${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// axe-core on the current state: every rule axe runs by default (WCAG 2.0/2.1 A and AA and
// best practices); 0 violations expected.
export async function axe(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`) }));
  });
  const text = result.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
  assert.equal(result.length, 0, `axe violations on ${label}:\n${text}`);
  await assertNoLabelOverlap(page, label);
}

// No label drawn over what a field shows (Bootstrap Italia's floating labels sit inside an empty
// field and must move above it once it has a value). For every visible text-like field (input
// other than checkbox/radio/buttons/range/colour/file, select, textarea) with a visible <label>
// (el.labels), once the labels' CSS transitions have ended: the boxes of the label's drawn text
// (its text nodes, outside the field and outside visually hidden parts) must not intersect the
// box where the field draws its text — the content box (border box minus borders and padding) —
// when it shows a text: a value or a placeholder; dates and times always show one (gg/mm/aaaa,
// --:--), a select its chosen option. Fails naming every field where they do.
export async function assertNoLabelOverlap(page, state = page.url()) {
  const overlaps = await page.evaluate(async () => {
    // Wait for running CSS transitions (the label moving up or down), at most a second.
    const moving = document.getAnimations().filter((a) => typeof CSSTransition !== 'undefined' && a instanceof CSSTransition);
    await Promise.race([Promise.all(moving.map((a) => a.finished.catch(() => null))), new Promise((r) => setTimeout(r, 1000))]);
    const NOT_TEXT = new Set(['checkbox', 'radio', 'range', 'color', 'file', 'hidden', 'submit', 'button', 'image', 'reset']);
    const ALWAYS_TEXT = new Set(['date', 'time', 'datetime-local', 'month', 'week']);
    const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true })
      && el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1;
    const px = (cs, p) => parseFloat(cs.getPropertyValue(p)) || 0;
    const round = (r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.right - r.left)}×${Math.round(r.bottom - r.top)}`;
    const found = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.tagName === 'INPUT' && NOT_TEXT.has(el.type)) continue;
      if (!el.labels?.length || !shown(el)) continue;
      let text;
      if (el.tagName === 'SELECT') text = el.selectedOptions[0]?.text.trim() || '';
      else if (el.tagName === 'INPUT' && ALWAYS_TEXT.has(el.type)) text = el.value || `(${el.type})`;
      else text = el.value || el.placeholder || '';
      if (!text) continue;
      const b = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      const box = {
        left: b.left + px(cs, 'border-left-width') + px(cs, 'padding-left'),
        right: b.right - px(cs, 'border-right-width') - px(cs, 'padding-right'),
        top: b.top + px(cs, 'border-top-width') + px(cs, 'padding-top'),
        bottom: b.bottom - px(cs, 'border-bottom-width') - px(cs, 'padding-bottom'),
      };
      const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}[name="${el.name}"]`;
      const kind = el.tagName === 'INPUT' ? `input type=${el.type}` : el.tagName.toLowerCase();
      let overlap = null;
      for (const label of el.labels) {
        if (!shown(label)) continue;
        const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node && !overlap; node = walker.nextNode()) {
          if (!node.data.trim() || el.contains(node) || !shown(node.parentElement)) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            const w = Math.min(r.right, box.right) - Math.max(r.left, box.left);
            const h = Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top);
            if (w > 0.5 && h > 0.5) {
              overlap = `${name} (${kind}): label "${label.textContent.trim()}" [${round(r)}] over its text "${text}" `
                + `[${round(box)}], ${Math.round(w)}×${Math.round(h)} px`;
              break;
            }
          }
        }
        if (overlap) break;
      }
      if (overlap) found.push(overlap);
    }
    const root = document.documentElement;
    return { found, where: `lang=${root.lang} dir=${root.dir || 'ltr'}` };
  });
  assert.deepEqual(overlaps.found, [], `labels drawn over the text of their field on ${state} (${overlaps.where}):\n  ${overlaps.found.join('\n  ')}`);
}

// Presses Tab until `locator` has the focus (at most `max` times): proves it is reachable with
// the keyboard in the page's order.
export async function tabTo(page, locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached with Tab: ${locator}`);
}

// Logs in through the page's "Entra con SPID" button and the development IdP, with the keyboard.
export async function login(page, user, startPath = '/') {
  await page.goto(BASE + startPath);
  const spid = page.locator('.spid-button').first();
  await spid.waitFor();
  await spid.focus();
  await page.keyboard.press('Enter');
  const idp = page.locator('.spid-idp-link').first();
  await idp.waitFor();
  assert.equal(await idp.evaluate((el) => el === document.activeElement), true, 'the IdP list takes the focus');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/dev-idp\//);
  const choice = page.locator(`button[value="${user}"]`);
  await choice.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.origin === BASE && !url.pathname.startsWith('/spid') && !url.pathname.startsWith('/dev-idp'));
}

// The REST API from inside the page (session cookie, CSRF token).
export async function api(page, method, url, body, headers = {}) {
  return page.evaluate(async ([m, u, b, h]) => {
    const s = await (await fetch('/api/session')).json();
    const r = await fetch(u, {
      method: m,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken, ...h },
      body: b === undefined ? undefined : JSON.stringify(b),
    });
    const text = await r.text();
    let data = text;
    try { data = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, data };
  }, [method, url, body, headers]);
}

// A valid invented fiscal code (check character per DOMAIN.md §8).
export function fiscalCode(first15) {
  const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[v] : v;
  }
  return first15 + String.fromCharCode(65 + (sum % 26));
}

export async function alertText(page) {
  const alert = page.locator('.alert').first();
  await alert.waitFor();
  return (await alert.innerText()).trim();
}

// Keyboard and API helpers the flows share.
export async function press(page, locator, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

export async function typeInto(page, locator, text) {
  await locator.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

// True once `locator` has (or contains) the focus, within two seconds (alerts take it at the next frame).
export const focused = (locator) => locator.evaluate((el) => new Promise((resolve) => {
  const has = () => el === document.activeElement || el.contains(document.activeElement);
  const started = performance.now();
  const check = () => {
    if (has()) resolve(true);
    else if (performance.now() - started > 2000) resolve(false);
    else requestAnimationFrame(check);
  };
  check();
}));

export async function english(page, label) {
  await press(page, page.locator('button[data-lang="en"]'));
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await axe(page, `${label} in English`);
}

export async function italian(page) {
  await press(page, page.locator('button[data-lang="it"]'));
  await page.waitForFunction(() => document.documentElement.lang === 'it');
}

// A POST through the REST API from the page's session; a refusal by the gateway's rate limit
// (429, writes of one session) is retried after a second.
export async function write(page, url, body) {
  for (let attempt = 1; ; attempt++) {
    const r = await api(page, 'POST', url, body);
    if (r.status !== 429 || attempt === 10) return r;
    await page.waitForTimeout(1100);
  }
}

export { assert };
