// Contact-centre flow: fiscal code checked as typed (live feedback), the citizen's appointments,
// a booking on their behalf (confirmation in Arabic for the citizen), a blocker, a move and a
// cancellation with a note; the screens in French and Arabic.
import { after, before, describe, it } from 'node:test';
import { assert, assertNoProblems, axe, BASE, launch, login, newPage, screenshot } from './lib.mjs';
import { chooseDay, chooseMunicipality, chooseService, chooseSlot, chooseWhere, confirm, done, whereField } from './wizard.mjs';

process.env.SISL_FLOW = 'contact-centre';
const GIULIA = 'BNCGLI92L64D205V';
let browser;
let page;
let bookedId;

async function typeFiscalCode(code) {
  const input = page.locator('#cc-fiscal-code');
  await input.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(code, { delay: 10 });
}

describe('contact centre', () => {
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('logs in; the page selects the contact-centre role', async () => {
    await login(page, 'contact-center', '/contact-center');
    await page.locator('#cc-fiscal-code').waitFor();
    const s = await page.evaluate(async () => (await fetch('/api/session')).json());
    assert.equal(s.selectedRole.role, 'contact_centre');
    await axe(page, 'contact centre');
  });

  it('checks the fiscal code as it is typed, check character included', async () => {
    const status = page.locator('#cc-fiscal-code-status');
    await typeFiscalCode('BNCGLI9');
    assert.match(await status.innerText(), /incompleto/);
    await typeFiscalCode('BNCGLI9X');
    assert.match(await status.innerText(), /posizione 8/);
    await typeFiscalCode('bncgli92l64d205a');
    assert.equal(await page.locator('#cc-fiscal-code').inputValue(), 'BNCGLI92L64D205A', 'upper case as typed');
    assert.match(await status.innerText(), /dovrebbe essere V/);
    assert.equal(await page.locator('#cc-fiscal-code').getAttribute('aria-invalid'), 'true');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    await axe(page, 'contact centre, wrong check character');
    await screenshot(page, 'fiscal-code-check');
    // Searching with a wrong code does not call the service.
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#cc-result').innerText(), '');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('V');
    assert.match(await status.innerText(), /valido/);
    assert.equal(await page.locator('#cc-fiscal-code').getAttribute('aria-invalid'), 'false');
  });

  it('finds the citizen (no appointments yet)', async () => {
    await page.keyboard.press('Enter');
    const heading = page.locator('#cc-citizen-heading');
    await heading.waitFor();
    assert.match(await heading.innerText(), new RegExp(GIULIA));
    assert.match(await page.locator('#cc-result').innerText(), /Non hai appuntamenti in programma|Prossimi appuntamenti \(0\)/);
    await axe(page, 'citizen found');
  });

  it('books on her behalf, with the confirmation in Arabic for her', async () => {
    await page.locator('#cc-new-booking').focus();
    await page.keyboard.press('Enter');
    await chooseService(page, { service: 'ORIENTAMENTO', mode: 'DELIVERY_MODE_PHONE' });
    await chooseWhere(page, { scope: 'SEARCH_SCOPE_PROVINCE', province: 'Torino' });
    await chooseDay(page, { index: 0 });
    await chooseSlot(page, { index: 0 });
    assert.match(await page.locator('.sisl-wizard').innerText(), new RegExp(`codice fiscale ${GIULIA}`));
    // The service requires a domicile in Piedmont: the municipality is chosen from the list.
    await confirm(page, {
      email: 'giulia.bianchi@example.org', domicile: { type: 'torin', choose: 'Torino (TO)', check: true }, language: 'ar',
      note: 'Telefonata: chiede un colloquio di orientamento',
    });
    bookedId = await done(page);
    const arabic = page.locator('.sisl-confirmation[lang="ar"]');
    assert.equal(await arabic.getAttribute('dir'), 'rtl');
    assert.match(await arabic.innerText(), /تم تأكيد موعدك/);
    assert.match(await arabic.innerText(), /بلدية السكن\s+Torino \(محافظة Torino\)/);
    await axe(page, 'booked on behalf');
    await screenshot(page, 'booked-on-behalf');
  });

  it('a second booking of the same service is refused with its message', async () => {
    await page.locator('.sisl-wizard-nav button.btn-primary').focus();
    await page.keyboard.press('Enter');
    await page.locator(`article[data-id="${bookedId}"]`).waitFor();
    await page.locator('#cc-new-booking').focus();
    await page.keyboard.press('Enter');
    await chooseService(page, { service: 'ORIENTAMENTO', mode: 'DELIVERY_MODE_IN_PERSON', check: false });
    await chooseWhere(page, { scope: 'SEARCH_SCOPE_REGION', check: false });
    await chooseDay(page, { index: 1, check: false });
    await chooseSlot(page, { index: 0, check: false });
    await confirm(page, { email: 'giulia.bianchi@example.org', domicile: { type: 'alessa', choose: 'Alessandria (AL)' }, note: 'seconda richiesta', check: false });
    const alert = page.locator('.sisl-wizard .alert-danger');
    await alert.waitFor();
    assert.match(await alert.innerText(), /già un appuntamento aperto per questo servizio/);
    await axe(page, 'ALREADY_BOOKED_FOR_SERVICE');
    await page.locator('.sisl-wizard-nav button').first().focus();
    // Back to the citizen's list through the search.
    await page.locator('#cc-search-button').focus();
    await page.keyboard.press('Enter');
    await page.locator(`article[data-id="${bookedId}"]`).waitFor();
  });

  it('moves it on her behalf with a note', async () => {
    const card = page.locator(`article[data-id="${bookedId}"]`);
    await card.locator('.sisl-actions button').first().focus();
    await page.keyboard.press('Enter');
    await chooseService(page, { check: false });
    await chooseWhere(page, { check: false });
    await chooseDay(page, { index: 1, check: false });
    await chooseSlot(page, { index: 0, check: false });
    await confirm(page, { note: 'La cittadina chiede un altro giorno' });
    const newId = await done(page);
    assert.notEqual(newId, bookedId);
    bookedId = newId;
    await page.locator('.sisl-wizard-nav button.btn-primary').focus();
    await page.keyboard.press('Enter');
    await page.locator(`article[data-id="${bookedId}"]`).waitFor();
  });

  it('cancels it on her behalf: the note is required', async () => {
    const card = page.locator(`article[data-id="${bookedId}"]`);
    await card.locator('button[aria-expanded]').focus();
    await page.keyboard.press('Enter');
    const form = card.locator('.sisl-cancel-form');
    await form.locator('select').selectOption('CANCELLATION_REASON_ILLNESS');
    await form.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    assert.match(await form.locator('.alert').innerText(), /nota/);
    await form.locator('textarea').focus();
    await page.keyboard.type('Telefonata: la cittadina è malata');
    await form.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    // The success of this cancellation (not the "moved" message still shown from before).
    await page.locator('#cc-result .alert-success', { hasText: /annullato/ }).waitFor();
    assert.match(await page.locator(`article[data-id="${bookedId}"]`).innerText(), /Annullato/);
    await axe(page, 'cancelled on behalf');
  });

  it('shows the screens in French and in Arabic (right to left)', async () => {
    await page.locator('button[data-lang="fr"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.match(await page.locator('h1').innerText(), /Centre d'appels/);
    assert.match(await page.locator('#cc-result').innerText(), /Rendez-vous du citoyen/);
    await axe(page, 'contact centre in French');
    await screenshot(page, 'french');
    await page.locator('button[data-lang="ar"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.match(await page.locator('h1').innerText(), /مركز الاتصال/);
    await axe(page, 'contact centre in Arabic');
    await screenshot(page, 'arabic');
    // The municipality field right to left, its list open.
    await page.locator('#cc-new-booking').focus();
    await page.keyboard.press('Enter');
    await chooseService(page, { service: 'DID_PATTO', mode: 'DELIVERY_MODE_IN_PERSON', check: false });
    await page.locator('input[type="radio"][value="SEARCH_SCOPE_NEAREST"]').focus();
    await page.keyboard.press('Space');
    await chooseMunicipality(page, whereField(page), { type: 'novar', choose: 'Novara (NO)', check: true });
    assert.match(await page.locator('.sisl-combobox-chosen').innerText(), /Novara/);
    await axe(page, 'municipality chosen in Arabic');
    await screenshot(page, 'arabic-municipality');
    // The summary on her behalf right to left (axe runs assertNoLabelOverlap: no label over a value).
    await page.locator('.sisl-wizard button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await chooseDay(page, { index: 0, check: false });
    await chooseSlot(page, { index: 0, check: false });
    await axe(page, 'summary on behalf in Arabic');
    await screenshot(page, 'arabic-summary');
    await page.locator('button[data-lang="it"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'it');
    assertNoProblems(page);
  });

  it('unknown pages answer 404', async () => {
    const r = await page.goto(`${BASE}/no-such-page`);
    assert.equal(r.status(), 404);
  });
});
