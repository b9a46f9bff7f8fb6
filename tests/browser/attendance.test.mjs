// Attendance flow (phase 2: run.sh restarts the all-in-one with its clock past the appointments
// the operator flow booked): mark delivered, mark a no-show, then record its justification.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ARTIFACTS, assert, assertNoProblems, axe, BASE, launch, login, newPage, screenshot } from './lib.mjs';

process.env.SISL_FLOW = 'attendance';
const seed = JSON.parse(fs.readFileSync(path.join(ARTIFACTS, 'attendance-seed.json'), 'utf8'));
const [first, second] = seed.appointments;
let browser;
let page;

async function press(locator, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

describe('attendance', () => {
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('opens the day list of the booked day', async () => {
    await login(page, 'operatore-torino', `/operatore?sede=${seed.site}&data=${seed.date}`);
    await page.locator(`tr[data-id="${first.id}"]`).waitFor();
    await page.locator(`tr[data-id="${second.id}"]`).waitFor();
  });

  it('marks the first appointment delivered', async () => {
    await press(page.locator(`tr[data-id="${first.id}"] button[data-action="delivered"]`));
    await page.locator('#op-list .alert-success').waitFor();
    assert.match(await page.locator('#op-list .alert-success').innerText(), /segnato come erogato/);
    assert.match(await page.locator(`tr[data-id="${first.id}"]`).innerText(), /Erogato/);
    await axe(page, 'delivered');
  });

  it('marks the second a no-show, then records the justification', async () => {
    await press(page.locator(`tr[data-id="${second.id}"] button[data-action="no-show"]`));
    await page.locator('#op-list .alert-success', { hasText: 'assenza' }).waitFor();
    const row = page.locator(`tr[data-id="${second.id}"]`);
    assert.match(await row.innerText(), /Assente/);
    await press(row.locator('button[data-action="justify"]'));
    const textarea = row.locator('textarea');
    assert.equal(await textarea.evaluate((el) => el === document.activeElement), true);
    // Empty: refused with a message.
    await press(row.locator('button[type="submit"]'));
    assert.match(await row.locator('.alert').innerText(), /giustificazione/);
    await textarea.focus();
    await page.keyboard.type('Certificato medico');
    await press(row.locator('button[type="submit"]'));
    await page.locator('#op-list .alert-success', { hasText: 'Giustificazione registrata' }).waitFor();
    assert.match(await page.locator(`tr[data-id="${second.id}"]`).innerText(), /Assenza giustificata/);
    await axe(page, 'justified');
    await screenshot(page, 'attendance');
    assertNoProblems(page);
    assert.ok(BASE);
  });
});
