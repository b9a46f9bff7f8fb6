// Drives the booking wizard (citizen or contact centre) with the keyboard, checking axe at each
// step.
import { assert, axe } from './lib.mjs';

async function press(page, locator, key = 'Enter') {
  await locator.focus();
  await page.keyboard.press(key);
}

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

export async function chooseWhere(page, { scope, municipality, province, check = true }) {
  await page.locator('.sisl-scope-detail').waitFor();
  if (scope) await press(page, page.locator(`input[type="radio"][value="${scope}"]`), 'Space');
  if (municipality !== undefined) {
    const input = page.locator('.sisl-scope-detail input');
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(municipality);
  }
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

// Fills the summary's contact form (book) and/or note, then confirms.
export async function confirm(page, { mobile, email, domiciled, language, note, check = true } = {}) {
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
  if (domiciled !== undefined) {
    const box = form.locator('input[type="checkbox"]').first();
    if ((await box.isChecked()) !== domiciled) await press(page, box, 'Space');
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
