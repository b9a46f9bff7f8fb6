// Citizen flow against the all-in-one: log in through the development IdP, book (with a blocker
// first), see the appointment, download the .ics, move it, cancel it; languages; axe on every page
// and state.
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { assert, assertNoProblems, axe, BASE, launch, login, newPage, screenshot, tabTo } from './lib.mjs';
import {
  chooseDay, chooseMunicipality, chooseService, chooseSlot, chooseWhere, confirm, domicileField, done, stepHeading, whereField,
} from './wizard.mjs';

process.env.SISL_FLOW = 'citizen';
let browser;
let page;
let bookedId;
const bookings = []; // the bodies of POST /api/v1/appointments

async function submitStep() {
  await page.locator('.sisl-wizard button[type="submit"]').focus();
  await page.keyboard.press('Enter');
}

describe('citizen', () => {
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/appointments') bookings.push(r.postDataJSON());
    });
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

  it('books: service, nearest sites (a municipality chosen from the list), month, day, slot; domicile outside Piedmont refused, then the confirmation in French', async () => {
    await chooseService(page, { service: 'DID_PATTO', mode: 'DELIVERY_MODE_IN_PERSON' });
    // No municipality chosen: the field's error, focused alert with a link to the field.
    await page.locator('.sisl-scope-detail input[role="combobox"]').waitFor();
    await submitStep();
    const whereAlert = page.locator('.sisl-wizard .alert-danger');
    await whereAlert.waitFor();
    assert.match(await whereAlert.innerText(), /Scegli il comune dall'elenco/);
    assert.equal(await whereAlert.evaluate((el) => el === document.activeElement), true, 'the error takes the focus');
    assert.equal(await whereField(page).getAttribute('aria-invalid'), 'true');
    await axe(page, 'wizard step 2 without a municipality');
    await chooseWhere(page, { municipality: { type: 'monca', choose: 'Moncalieri (TO)' }, checkList: true });
    assert.match(await page.locator('.sisl-choice-summary').innerText(), /sedi vicine a Moncalieri \(TO\)/);
    await chooseDay(page, { index: 0 });
    await chooseSlot(page, { index: 0 });
    // The municipality searched from is proposed as the domicile, with its province.
    assert.equal(await domicileField(page).inputValue(), 'Moncalieri (TO)');
    assert.match(await page.locator('.sisl-combobox-chosen').innerText(), /Moncalieri, provincia di Torino \(Piemonte\)/);
    // The contacts filled in by the page: their labels above them (axe runs assertNoLabelOverlap).
    assert.equal(await page.locator('.sisl-wizard input[type="email"]').inputValue(), 'mario.rossi@example.org');
    await axe(page, 'booking summary, filled in by the page');
    await screenshot(page, 'summary');
    // A municipality outside Piedmont: the service refuses with its own message, shown on the field too.
    await confirm(page, { mobile: '+393331112233', domicile: { type: 'milano', choose: 'Milano (MI)', check: true } });
    const alert = page.locator('.sisl-wizard .alert-danger');
    await alert.waitFor();
    assert.match(await alert.innerText(), /riservato a chi è domiciliato in Piemonte/);
    assert.equal(await alert.evaluate((el) => el === document.activeElement), true, 'the error takes the focus');
    assert.equal(await domicileField(page).getAttribute('aria-invalid'), 'true');
    assert.equal(bookings.at(-1).citizen.domicileMunicipality, '015146', 'the ISTAT code of Milano is sent');
    assert.equal('domiciledInPiedmont' in bookings.at(-1).citizen, false, 'no self-declaration is sent');
    await axe(page, 'summary with NOT_DOMICILED_IN_PIEDMONT');
    await screenshot(page, 'blocker');
    // Emptied: a field error before sending anything; the alert's link takes the focus to the field.
    const sent = bookings.length;
    await confirm(page, { domicile: '', check: false });
    await alert.waitFor();
    assert.match(await alert.innerText(), /scegli dall'elenco il comune di domicilio/);
    assert.equal(bookings.length, sent, 'nothing sent without a municipality');
    await axe(page, 'summary without a municipality of domicile');
    await alert.locator('a.sisl-to-field').focus();
    await page.keyboard.press('Enter');
    assert.equal(await domicileField(page).evaluate((el) => el === document.activeElement), true, 'the link focuses the field');
    await confirm(page, { domicile: { type: 'monca', choose: 'Moncalieri (TO)' }, language: 'fr', check: false });
    bookedId = await done(page);
    assert.equal(bookings.at(-1).citizen.domicileMunicipality, '001156', 'the ISTAT code of Moncalieri is sent');
    assert.match(await stepHeading(page), /Prenotazione confermata/);
    const french = page.locator('.sisl-confirmation[lang="fr"]');
    assert.match(await french.innerText(), /Votre rendez-vous est confirmé/);
    assert.match(await french.innerText(), /Commune de domicile\s+Moncalieri \(province de Torino\)/);
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

  it('the municipality search waits for a pause in typing and ignores late answers', async () => {
    await page.goto(`${BASE}/prenota`);
    await chooseService(page, { service: 'DID_PATTO', mode: 'DELIVERY_MODE_IN_PERSON', check: false });
    const input = whereField(page);
    await input.waitFor();
    const queries = [];
    const onRequest = (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/municipalities') queries.push(url.searchParams.get('query'));
    };
    page.on('request', onRequest);
    // The answer for "cune" comes late, after the one for "asti" typed meanwhile.
    const late = async (route) => {
      if (new URL(route.request().url()).searchParams.get('query') === 'cune') await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    };
    await page.route('**/api/v1/municipalities?*', late);
    try {
      await input.focus();
      await page.keyboard.type('cune');
      await page.waitForTimeout(400);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('asti');
      const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
      await list.and(page.locator('[data-query="asti"]')).waitFor();
      await page.waitForTimeout(800);
      assert.equal(await list.getAttribute('data-query'), 'asti', 'the late answer for "cune" is ignored');
      assert.equal((await list.locator('[role="option"]').first().innerText()).trim(), 'Asti (AT)');
      assert.deepEqual(queries, ['cune', 'asti'], 'one request per pause in typing');
    } finally {
      page.off('request', onRequest);
      await page.unroute('**/api/v1/municipalities?*', late);
    }
  });

  it('a municipality without a CPI site (Pragelato): the field with the keyboard alone, nearest sites, booking', async () => {
    await page.goto(`${BASE}/prenota`);
    await chooseService(page, { service: 'DID_PATTO', mode: 'DELIVERY_MODE_IN_PERSON', check: false });
    const input = whereField(page);
    await input.waitFor();
    await tabTo(page, input);
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
    assert.equal(await list.getAttribute('role'), 'listbox');
    await page.keyboard.type('pra');
    await list.and(page.locator('[data-query="pra"]')).waitFor();
    const options = list.locator('[role="option"]');
    const count = await options.count();
    assert.ok(count > 2, 'several municipalities for "pra"');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await axe(page, 'municipality list open');
    await screenshot(page, 'municipality-list');
    const highlighted = async () => {
      const id = await input.getAttribute('aria-activedescendant');
      return id ? options.evaluateAll((els, x) => els.findIndex((el) => el.id === x), id) : -1;
    };
    await page.keyboard.press('ArrowUp');
    assert.equal(await highlighted(), count - 1, 'ArrowUp highlights the last option');
    await page.keyboard.press('ArrowDown');
    assert.equal(await highlighted(), 0, 'ArrowDown wraps to the first');
    await page.keyboard.press('ArrowDown');
    assert.equal(await highlighted(), 1);
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'the focus stays in the text box');
    await axe(page, 'municipality list open, an option highlighted');
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
    assert.equal(await input.inputValue(), 'pra', 'Escape keeps the text');
    assert.equal(await list.isVisible(), false);
    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-expanded'), 'true', 'ArrowDown opens it again');
    assert.equal(await highlighted(), 0);
    // Typing on refines the options; Enter chooses the highlighted one.
    await chooseMunicipality(page, input, { type: 'pragel', choose: 'Pragelato (TO)' });
    assert.match(await page.locator('.sisl-combobox-chosen').innerText(), /Pragelato, provincia di Torino/);
    await axe(page, 'municipality chosen');
    await submitStep();
    assert.match(await page.locator('.sisl-choice-summary').innerText(), /sedi vicine a Pragelato \(TO\)/);
    await chooseDay(page, { index: 0, check: false });
    await chooseSlot(page, { index: 0, check: false });
    assert.equal(await domicileField(page).inputValue(), 'Pragelato (TO)');
    await confirm(page, { check: false });
    const id = await done(page);
    assert.ok(id);
    assert.equal(bookings.at(-1).citizen.domicileMunicipality, '001201', 'the ISTAT code of Pragelato is sent');
    assert.match(await page.locator('.sisl-confirmation').first().innerText(), /Comune di domicilio\s+Pragelato \(provincia di Torino\)/);
    await screenshot(page, 'pragelato-booked');
    await page.goto(`${BASE}/appuntamenti`);
    await page.locator(`article[data-id="${id}"]`).waitFor();
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
    // The summary right to left (the page fills in the contacts and the domicile), then
    // retranslated in place into English: no label over a value (axe runs assertNoLabelOverlap).
    await chooseService(page, { service: 'DID_PATTO', mode: 'DELIVERY_MODE_IN_PERSON', check: false });
    await chooseWhere(page, { municipality: { type: 'monca', choose: 'Moncalieri (TO)' }, check: false });
    await chooseDay(page, { index: 0, check: false });
    await chooseSlot(page, { index: 0, check: false });
    assert.equal(await domicileField(page).inputValue(), 'Moncalieri (TO)');
    await axe(page, 'booking summary in Arabic');
    await screenshot(page, 'arabic-summary');
    await page.locator('button[data-lang="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.documentElement.dir === 'ltr');
    await page.locator('.sisl-summary').waitFor();
    await axe(page, 'booking summary in English');
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
