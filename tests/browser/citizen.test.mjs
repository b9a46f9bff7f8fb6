// Citizen flow against the all-in-one: log in through the development IdP, book (with a blocker
// first), see the appointment, download the .ics, move it, cancel it; languages; axe on every page
// and state.
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assert, assertNoProblems, axe, BASE, launch, login, newPage, screenshot, tabTo } from './lib.mjs';
import { chooseDay, chooseService, chooseSlot, chooseWhere, confirm, done, stepHeading } from './wizard.mjs';

process.env.SISL_FLOW = 'citizen';
let browser;
let page;
let bookedId;

describe('citizen', () => {
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('home page, logged out: skip link first, SPID and CIE buttons, no axe violations', async () => {
    await page.goto(`${BASE}/`);
    await page.locator('.spid-button').waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert.equal(first, '#main', 'the first Tab stop is the skip link to the content');
    assert.match(await page.locator('.cie-button').innerText(), /Entra con CIE/);
    await tabTo(page, page.locator('.spid-button'));
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.spid-button').getAttribute('aria-expanded'), 'true');
    await axe(page, 'home (SPID list open)');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.spid-button').getAttribute('aria-expanded'), 'false');
    await axe(page, 'home');
    await screenshot(page, 'home');
  });

  it('a reserved page asks to log in; login with the keyboard comes back to it', async () => {
    await page.goto(`${BASE}/prenota`);
    await page.locator('.spid-button').waitFor();
    await axe(page, 'prenota (logged out)');
    await login(page, 'cittadino-1', '/prenota');
    assert.equal(new URL(page.url()).pathname, '/prenota');
    await page.locator('input[value="DID_PATTO"]').waitFor();
    assert.match(await page.locator('#user-area').innerText(), /Mario Rossi/);
  });

  it('books: service, nearest sites, month, day, slot; a blocker message, then the confirmation in French', async () => {
    await chooseService(page, { service: 'DID_PATTO', mode: 'DELIVERY_MODE_IN_PERSON' });
    await chooseWhere(page, { municipality: 'Moncalieri' });
    await chooseDay(page, { index: 0 });
    await chooseSlot(page, { index: 0 });
    await screenshot(page, 'summary');
    // Without the Piedmont domicile declaration the service refuses: its own message.
    await confirm(page, { mobile: '+393331112233', domiciled: false });
    const alert = page.locator('.sisl-wizard .alert-danger');
    await alert.waitFor();
    assert.match(await alert.innerText(), /riservato a chi è domiciliato in Piemonte/);
    assert.equal(await alert.evaluate((el) => el === document.activeElement), true, 'the error takes the focus');
    await axe(page, 'summary with NOT_DOMICILED_IN_PIEDMONT');
    await screenshot(page, 'blocker');
    await confirm(page, { domiciled: true, language: 'fr', check: false });
    bookedId = await done(page);
    assert.match(await stepHeading(page), /Prenotazione confermata/);
    const french = page.locator('.sisl-confirmation[lang="fr"]');
    assert.match(await french.innerText(), /Votre rendez-vous est confirmé/);
    await axe(page, 'booking confirmation');
    await screenshot(page, 'confirmation');
  });

  it('downloads the .ics', async () => {
    const link = page.locator('a[download$=".ics"]').first();
    const [download] = await Promise.all([page.waitForEvent('download'), link.focus().then(() => page.keyboard.press('Enter'))]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.match(text, /BEGIN:VCALENDAR/);
    assert.match(text, new RegExp(`UID:${bookedId}`));
  });

  it('sees the appointment in "my appointments"', async () => {
    await page.goto(`${BASE}/appuntamenti`);
    const card = page.locator(`article[data-id="${bookedId}"]`);
    await card.waitFor();
    assert.match(await card.innerText(), /Da erogare/);
    await axe(page, 'my appointments');
    await screenshot(page, 'my-appointments');
  });

  it('moves it to another day', async () => {
    const move = page.locator(`article[data-id="${bookedId}"] a[href*="sposta"]`);
    await move.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sposta=/);
    await chooseService(page, {});
    await chooseWhere(page, {});
    await chooseDay(page, { index: 1 });
    await chooseSlot(page, { index: 0 });
    assert.match(await page.locator('.sisl-wizard').innerText(), /Appuntamento attuale/);
    await confirm(page, {});
    const newId = await done(page);
    assert.notEqual(newId, bookedId);
    assert.match(await stepHeading(page), /Spostamento confermato/);
    await page.goto(`${BASE}/appuntamenti`);
    await page.locator(`article[data-id="${newId}"]`).waitFor();
    assert.match(await page.locator(`article[data-id="${bookedId}"]`).innerText(), /Spostato/);
    bookedId = newId;
  });

  it('cancels it with a reason', async () => {
    const card = page.locator(`article[data-id="${bookedId}"]`);
    const cancel = card.locator('button[aria-expanded]');
    await cancel.focus();
    await page.keyboard.press('Enter');
    const form = card.locator('.sisl-cancel-form');
    await form.waitFor();
    // No reason: a message, focused.
    await form.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    assert.match(await form.locator('.alert').innerText(), /Scegli il motivo/);
    await axe(page, 'cancel form with error');
    await form.locator('select').selectOption('CANCELLATION_REASON_WORK');
    await form.locator('textarea').focus();
    await page.keyboard.type('Ho trovato lavoro');
    await form.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    const message = page.locator('#app > .alert-success');
    await message.waitFor();
    assert.match(await message.innerText(), /annullato/);
    assert.match(await page.locator(`article[data-id="${bookedId}"]`).innerText(), /Annullato dal cittadino/);
    await axe(page, 'my appointments after cancelling');
    await screenshot(page, 'cancelled');
  });

  it('switches to English (remembered) and to Arabic, right to left', async () => {
    await page.locator('button[data-lang="en"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('h1').innerText(), /My appointments/);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('article').first().waitFor();
    assert.match(await page.locator('#app').innerText(), /Upcoming appointments[\s\S]*Cancelled by the citizen/);
    await axe(page, 'my appointments in English');
    await page.goto(`${BASE}/prenota`);
    await page.locator('button[data-lang="ar"]').click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    await page.locator('input[value="DID_PATTO"]').waitFor();
    await axe(page, 'booking in Arabic');
    await screenshot(page, 'arabic');
    await page.locator('button[data-lang="it"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'it' && document.documentElement.dir === 'ltr');
  });

  it('static pages pass axe', async () => {
    for (const p of ['/accessibilita', '/privacy']) {
      await page.goto(BASE + p);
      await page.locator('h1').waitFor();
      await axe(page, p);
    }
    assertNoProblems(page);
  });

  it('logs out', async () => {
    await page.goto(`${BASE}/`);
    const out = page.locator('.sisl-logout');
    await out.focus();
    await Promise.all([page.waitForURL(/\/spid\/logout|\/dev-idp/), page.keyboard.press('Enter')]);
    await page.waitForURL((url) => url.origin === BASE && !url.pathname.startsWith('/spid') && !url.pathname.startsWith('/dev-idp'));
    await page.waitForLoadState();
    await page.goto(`${BASE}/`);
    await page.locator('.spid-button').waitFor();
    const s = await page.evaluate(async () => (await fetch('/api/session')).json());
    assert.equal(s.authenticated, false);
  });
});
