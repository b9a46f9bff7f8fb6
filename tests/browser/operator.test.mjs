// CPI operator flow (phase 1): the day list of a site with two appointments booked for the
// attendance flow (attendance before the start is refused with its message); calendars: create
// (with a refused band first), an exception, a duplicate.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { api, ARTIFACTS, assert, assertNoProblems, axe, BASE, fiscalCode, launch, login, newPage, screenshot } from './lib.mjs';

process.env.SISL_FLOW = 'operator';
let browser;
let page;
let seed;

const isoDay = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

async function press(locator, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

describe('operator', () => {
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('logs in; the page selects the operator role of the CPI', async () => {
    await login(page, 'operatore-torino', '/operatore');
    await page.locator('#op-site').waitFor();
    const s = await page.evaluate(async () => (await fetch('/api/session')).json());
    assert.equal(s.selectedRole.role, 'operator');
    assert.equal(s.selectedRole.cpiCode, 'CPI-TO-15');
    assert.deepEqual(await page.locator('#op-site option').evaluateAll((o) => o.map((x) => x.value)), ['TO-01', 'TO-02', 'TO-03']);
    await page.locator('#op-list h2').waitFor();
    await axe(page, 'day list (today)');
  });

  it('books two appointments at TO-01 on behalf of citizens (data for the attendance flow)', async () => {
    const first = await api(page, 'GET', '/api/v1/availability/first?serviceCode=DID_PATTO&scope.scope=SEARCH_SCOPE_REGION&scope.siteCodes=TO-01');
    assert.equal(first.status, 200, JSON.stringify(first.data));
    const appointments = [];
    for (const [i, code] of [fiscalCode('VRDLCU92C45L219'), fiscalCode('NREPLA88A01L219')].entries()) {
      const r = await api(page, 'POST', '/api/v1/appointments', {
        slotId: first.data.slot.id, deliveryMode: 'DELIVERY_MODE_IN_PERSON', requestId: `seed-${i}`,
        citizen: { fiscalCode: code, email: `persona${i}@example.org`, domicileMunicipality: '001272' },
      }, { 'Idempotency-Key': `seed-${i}-${Date.now()}` });
      assert.equal(r.status, 200, JSON.stringify(r.data));
      appointments.push(r.data.appointment);
    }
    seed = { site: 'TO-01', date: first.data.slot.localStart.slice(0, 10), appointments };
    fs.writeFileSync(path.join(ARTIFACTS, 'attendance-seed.json'), JSON.stringify(seed, null, 2));
  });

  it('shows the day list of that day; attendance before the start is refused with a clear message', async () => {
    await page.locator('#op-site').selectOption('TO-01');
    await page.locator('#op-date').fill(seed.date);
    await press(page.locator('#op-show'));
    for (const a of seed.appointments) await page.locator(`tr[data-id="${a.id}"]`).waitFor();
    await axe(page, 'day list with appointments');
    await screenshot(page, 'day-list');
    await press(page.locator(`tr[data-id="${seed.appointments[0].id}"] button[data-action="delivered"]`));
    const alert = page.locator('#op-list .alert-danger');
    await alert.waitFor();
    assert.match(await alert.innerText(), /solo dopo l'inizio dell'appuntamento/);
    await axe(page, 'ATTENDANCE_BEFORE_START');
  });

  it('lists the calendars of the CPI sites', async () => {
    await page.goto(`${BASE}/calendari`);
    await page.locator('.sisl-calendar-card').first().waitFor();
    assert.match(await page.locator('#cal-list-heading').innerText(), /Calendari \(3\)/);
    await axe(page, 'calendars');
    await screenshot(page, 'calendars');
  });

  it('creates a calendar: a band that does not hold whole slots is refused, then accepted', async () => {
    await page.locator('#cal-new-site').selectOption('TO-02');
    await page.locator('#cal-new-service').selectOption('RICERCA_LAVORO');
    await page.locator('#cal-new-first').fill(isoDay(14));
    await page.locator('#cal-new-last').fill(isoDay(42));
    const band = page.locator('.sisl-band').first();
    await band.locator('select').selectOption('WEEKDAY_MONDAY');
    const times = band.locator('input[type="time"]');
    await times.nth(0).fill('14:00');
    await times.nth(1).fill('15:45');
    await band.locator('input[type="number"]').nth(0).fill('30');
    await press(page.locator('#cal-create'));
    const error = page.locator('#cal-new-form .alert-danger');
    await error.waitFor();
    assert.match(await error.innerText(), /numero intero di appuntamenti/);
    await axe(page, 'BAND_NOT_WHOLE_SLOTS');
    await times.nth(1).fill('16:00');
    await press(page.locator('#cal-add-band'));
    assert.equal(await page.locator('.sisl-band').count(), 2);
    assert.equal(await page.locator('.sisl-band').nth(1).locator('select').inputValue(), 'WEEKDAY_TUESDAY');
    await press(page.locator('#cal-create'));
    const ok = page.locator('#cal-list .alert-success');
    await ok.waitFor();
    assert.match(await ok.innerText(), /Calendario creato per la sede TO-02/);
    await page.locator('.sisl-calendar-card', { hasText: 'Supporto alla ricerca di lavoro' }).waitFor();
    await axe(page, 'calendar created');
  });

  it('adds a closure exception and duplicates the calendar to another site', async () => {
    const card = page.locator('.sisl-calendar-card', { hasText: 'Supporto alla ricerca di lavoro' });
    await press(card.locator('.sisl-actions button').nth(0));
    const form = card.locator('.sisl-inline-form');
    // The first Monday of the period.
    let d = 14;
    while (new Date(`${isoDay(d)}T12:00:00Z`).getUTCDay() !== 1) d += 1;
    await form.locator('input[type="date"]').fill(isoDay(d));
    await form.locator('input[type="text"]').fill('Sciopero');
    await axe(page, 'exception form');
    await press(form.locator('button[type="submit"]'));
    await page.locator('#cal-list .alert-success', { hasText: 'Eccezione' }).waitFor();
    const updated = page.locator('.sisl-calendar-card', { hasText: 'Supporto alla ricerca di lavoro' });
    assert.match(await updated.innerText(), /Sciopero/);
    await press(updated.locator('.sisl-actions button').nth(1));
    const dup = updated.locator('.sisl-inline-form');
    await dup.locator('select').selectOption('TO-03');
    await press(dup.locator('button[type="submit"]'));
    await page.locator('#cal-list .alert-success', { hasText: 'TO-03' }).waitFor();
    assert.equal(await page.locator('#cal-site').inputValue(), 'TO-03');
    await page.locator('.sisl-calendar-card', { hasText: 'Supporto alla ricerca di lavoro' }).waitFor();
    await axe(page, 'calendar duplicated');
    await screenshot(page, 'calendar-duplicated');
    assertNoProblems(page);
  });

  it('the forms in English: no label over a value', async () => {
    // The new calendar's form with its first band filled in by the page (axe runs assertNoLabelOverlap).
    await press(page.locator('button[data-lang="en"]'));
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('#cal-new-form').waitFor();
    assert.match(await page.locator('#cal-list-heading').innerText(), /Calendars/);
    assert.equal(await page.locator('.sisl-band input[type="number"]').first().inputValue(), '30');
    await axe(page, 'calendars in English');
    const card = page.locator('.sisl-calendar-card').first();
    await press(card.locator('.sisl-actions button').nth(0));
    await card.locator('.sisl-inline-form input[type="text"]').fill('Strike');
    await axe(page, 'exception form in English');
    await screenshot(page, 'calendars-english');
    await page.goto(`${BASE}/operatore`);
    await page.locator('#op-list h2').waitFor();
    await axe(page, 'day list in English');
    assertNoProblems(page);
  });
});
