// Drives the booking wizard (citizen or contact centre) with the keyboard, checking axe at each
// step.
import { assert, axe, press } from './lib.mjs';

export async function stepHeading(page) {
  const h = page.locator('[data-step-heading]');
  await h.waitFor();
  return (await h.innerText()).trim();
}

// Service and delivery mode (or only the mode when moving).
export async function chooseService(page, { service, mode, check = true }) {
  await page.locator('[data-step-heading]').waitFor();
  if (service) await press(page, page.locator(`input[type="radio"][value="${service}"]`), 'Space');
  if (mode) await press(page, page.locator(`input[type="radio"][value="${mode}"]`), 'Space');
  if (check) await axe(page, `wizard step 1 (${service || 'move'})`);
  await press(page, page.locator('.sisl-wizard button[type="submit"]'));
}

// The municipality fields (combobox + listbox) of the wizard.
export const whereField = (page) => page.locator('.sisl-scope-detail input[role="combobox"]');
export const domicileField = (page) => page.locator('[data-field-key="domicile"] input[role="combobox"]');

// Replaces the text of a municipality combobox with `type`, waits for the options answering it,
// then presses ArrowDown until the highlighted option reads `choose` and Enter: only the keyboard.
// `check`: axe with the list open.
export async function chooseMunicipality(page, input, { type, choose, check = false }) {
  await input.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(type);
  const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
  await list.and(page.locator(`[data-query="${type}"]`)).waitFor();
  await list.locator('[role="option"]').first().waitFor();
  assert.equal(await input.getAttribute('aria-expanded'), 'true', 'the list opens while typing');
  assert.equal(await input.getAttribute('aria-activedescendant'), null, 'no option highlighted before an arrow key');
  if (check) await axe(page, `municipality list open (${type})`);
  const count = await list.locator('[role="option"]').count();
  let found = false;
  for (let i = 0; i < count && !found; i++) {
    await page.keyboard.press('ArrowDown');
    const active = page.locator(`#${await input.getAttribute('aria-activedescendant')}`);
    assert.equal(await active.getAttribute('aria-selected'), 'true', 'the highlighted option is aria-selected');
    found = (await active.innerText()).trim() === choose;
  }
  assert.ok(found, `option ${choose} among the ${count} for "${type}"`);
  await page.keyboard.press('Enter');
  assert.equal(await input.inputValue(), choose);
  assert.equal(await input.getAttribute('aria-expanded'), 'false', 'choosing closes the list');
  assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'the focus stays in the field');
}

// municipality: {type, choose} for the nearest sites (e.g. {type: 'monca', choose: 'Moncalieri (TO)'}).
export async function chooseWhere(page, { scope, municipality, province, check = true, checkList = false }) {
  await page.locator('.sisl-scope-detail').waitFor();
  if (scope) await press(page, page.locator(`input[type="radio"][value="${scope}"]`), 'Space');
  if (municipality) await chooseMunicipality(page, whereField(page), { ...municipality, check: checkList });
  if (province) await page.locator('.sisl-scope-detail select').selectOption(province);
  if (check) await axe(page, 'wizard step 2');
  await press(page, page.locator('.sisl-wizard button[type="submit"]'));
}

// Picks the n-th day with free seats in the shown month (moving forward a month when needed).
export async function chooseDay(page, { index = 0, check = true } = {}) {
  await page.locator('.sisl-calendar').waitFor();
  let days = page.locator('.sisl-day');
  for (let i = 0; i < 3 && (await days.count()) <= index; i++) {
    await press(page, page.locator('.sisl-month-nav button').last());
    await page.locator('.sisl-calendar').waitFor();
    await page.waitForTimeout(200);
    days = page.locator('.sisl-day');
  }
  assert.ok((await days.count()) > index, 'a day with free seats');
  if (check) await axe(page, 'wizard step 3 (month)');
  const day = await days.nth(index).getAttribute('data-day');
  await press(page, days.nth(index));
  return day;
}

export async function chooseSlot(page, { index = 0, check = true } = {}) {
  const slots = page.locator('.sisl-slot');
  await slots.first().waitFor();
  if (check) await axe(page, 'wizard step 4 (slots)');
  const id = await slots.nth(index).getAttribute('data-slot');
  await press(page, slots.nth(index));
  await page.locator('.sisl-summary').waitFor();
  return id;
}

// Fills the summary's contact form (book) and/or note, then confirms. domicile: {type, choose}
// for the municipality of domicile, or '' to empty the field.
export async function confirm(page, { mobile, email, domicile, language, note, check = true } = {}) {
  const form = page.locator('.sisl-wizard form');
  if (email !== undefined) {
    await form.locator('input[type="email"]').fill('');
    await form.locator('input[type="email"]').focus();
    await page.keyboard.type(email);
  }
  if (mobile !== undefined) {
    await form.locator('input[type="tel"]').focus();
    await page.keyboard.type(mobile);
  }
  if (domicile === '') {
    await domicileField(page).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  } else if (domicile) {
    await chooseMunicipality(page, domicileField(page), domicile);
  }
  if (language) await form.locator('select').selectOption(language);
  if (note !== undefined) {
    await form.locator('textarea').focus();
    await page.keyboard.type(note);
  }
  if (check) await axe(page, 'wizard step 5 (summary)');
  await press(page, form.locator('button[type="submit"]'));
}

export async function done(page) {
  await page.locator('.sisl-confirmation').first().waitFor();
  return page.locator('.sisl-confirmation .sisl-code').first().innerText();
}
