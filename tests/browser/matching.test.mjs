// Matching (issue 13): a citizen (Elena Ricci, the development IdP's titolare-azienda) registers a
// company in Torino and publishes a vacancy through the REST API, Torino's operator (CPI-TO-15)
// approves it. Giulia Bianchi (cittadina-2) completes her profile on /profilo with the keyboard
// alone (names prefilled from the session, a profession code the service does not know refused on
// its field, a language with its CEFR level, Torino chosen from the municipality list) and it waits
// for validation. On /incrocio the operator opens it (the access reason required first) and
// validates it; Giulia now sees the vacancy among those that match her, with the explanation. The
// operator runs the matching (the explanation's points add up to the score), asks "why not" for
// her and for an unknown id, shortlists her with a note and proposes with a deadline; on
// /proposte she cannot refuse without a reason, then accepts; the operator sends her profile from
// today; the company sees her on /candidati with her profile and schedules an interview; the
// company files her hire (REST, POST /api/v1/communications) and the proposal turns HIRED on the
// operator's page with no operator action (polled). axe on every page and state, Italian and English.
import { after, before, describe, it } from 'node:test';
import { addDays, hireStart, isoToday, vatNumber } from './co-setup.mjs';
import {
  api, assert, assertNoProblems, axe, BASE, english, focused, italian, launch, login, newPage, press, screenshot, typeInto, write,
} from './lib.mjs';

process.env.SISL_FLOW = 'matching';
let browser;
let rep; // Elena Ricci, legal representative of the company
let cit; // Giulia Bianchi
let op; // Torino's operator

const RUN = Date.now().toString(36);
const COMPANY = 'Soluzioni Digitali Ricci SRL';
const COMPANY_CODE = vatNumber('0789012345');
const TITLE = `Sviluppatore software ${RUN}`;
const GIULIA = 'BNCGLI92L64D205V';
let vacancyId = '';
let personId = '';

// The sum of an explanation table's points equals its total.
async function assertAddsUp(locator) {
  const { points, total } = await locator.evaluate((table) => {
    const num = (s) => Number(s.replace(/[^\d]/g, ''));
    return {
      points: [...table.querySelectorAll('tbody tr')].map((tr) => num(tr.cells[3].textContent)),
      total: Number(table.querySelector('tfoot [data-total]').dataset.total),
    };
  });
  assert.ok(points.length >= 5, `criteria listed: ${points.length}`);
  assert.equal(points.reduce((a, b) => a + b, 0), total, 'the points add up to the score');
  assert.ok(total > 0, 'a positive score');
}

async function chooseOption(page, locator, typed, value) {
  await locator.focus();
  await page.keyboard.type(typed);
  assert.equal(await locator.inputValue(), value, `option ${value} of ${await locator.getAttribute('id')}`);
}

describe('matching: profile, matching, proposal, candidates, hire', () => {
  before(async () => {
    browser = await launch();
    [rep, cit, op] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  });
  after(async () => {
    await browser?.close();
  });

  it('a company publishes a vacancy in Torino (REST), approved by the CPI', async () => {
    await login(rep, 'titolare-azienda', '/');
    assert.equal((await api(rep, 'POST', '/api/session/role', { role: 'citizen' })).status, 200);
    const registered = await write(rep, '/api/v1/companies', { company: {
      fiscalCode: COMPANY_CODE, name: COMPANY, legalForm: 'LEGAL_FORM_LIMITED_COMPANY', sector: 'SECTOR_PRIVATE', atecoCode: '62.10.00',
      pec: 'soluzioni.ricci@pec.example.it', registeredOffice: { municipality: '001272', address: 'Via Roma 1', postcode: '10121' },
    }, requestId: `mt-co-${RUN}` });
    assert.equal(registered.status, 200, JSON.stringify(registered.data));
    let chosen;
    for (let i = 0; i < 10; i++) {
      await rep.context().clearCookies();
      await login(rep, 'titolare-azienda', '/');
      chosen = await api(rep, 'POST', '/api/session/role', { role: 'company', actingFor: COMPANY_CODE });
      if (chosen.status === 200) break;
      await rep.waitForTimeout(500);
    }
    assert.equal(chosen.status, 200, JSON.stringify(chosen.data));
    // One position: the hire fills it, and enterprise closes the vacancy as filled.
    const content = {
      title: TITLE, description: 'Sviluppo di applicazioni web e servizi REST.', professionCode: '2.1.1.4.1', positions: 1,
      contractType: 'A.02.00', durationMonths: 12, workplaceMunicipality: '001272', workingTime: 'F', weeklyHours: 40,
      l68Reservation: 'L68_RESERVATION_NONE', publicationDate: isoToday(), expiryDate: addDays(isoToday(), 30),
    };
    let created;
    for (let i = 0; i < 20; i++) {
      created = await write(rep, '/api/v1/vacancies', { content, requestId: `mt-vac-${RUN}` });
      if (created.status !== 403) break;
      await rep.waitForTimeout(300);
    }
    assert.equal(created.status, 200, JSON.stringify(created.data));
    vacancyId = created.data.vacancy.vacancyId;
    const submitted = await write(rep, `/api/v1/vacancies/${vacancyId}:transition`, { vacancyId, action: 'VACANCY_ACTION_SUBMIT' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.data));
    await login(op, 'operatore-torino', '/');
    assert.equal((await api(op, 'POST', '/api/session/role', { role: 'operator', cpiCode: 'CPI-TO-15' })).status, 200);
    const approved = await write(op, `/api/v1/vacancies/${vacancyId}:transition`, { vacancyId, action: 'VACANCY_ACTION_APPROVE' });
    assert.equal(approved.data.vacancy?.state, 'VACANCY_STATE_PUBLISHED', JSON.stringify(approved.data));
  });

  it('the citizen completes her profile with the keyboard alone; it waits for validation', async () => {
    await cit.goto(`${BASE}/profilo`);
    await cit.locator('.spid-button').waitFor();
    await axe(cit, 'profile (logged out)');
    await login(cit, 'cittadina-2', '/profilo');
    await cit.locator('#pro-form').waitFor();
    assert.ok(await cit.locator('#main-nav a[href="/profilo"][aria-current="page"]').count(), 'the navigation marks the page');
    assert.match(await cit.locator('#pro-state-text').innerText(), /non è ancora stato salvato/);
    assert.equal(await cit.locator('#pro-given').inputValue(), 'Giulia', 'the given name from the session');
    assert.equal(await cit.locator('#pro-family').inputValue(), 'Bianchi');
    assert.match(await cit.locator('#pro-matches').innerText(), /quando il Centro per l'impiego avrà convalidato/);
    await axe(cit, 'profile (draft)');
    await english(cit, 'profile (draft)');
    assert.match(await cit.locator('#pro-form-heading').innerText(), /Your CV/);
    await italian(cit);

    // Saving an empty profile: the client's errors on the fields, a focused alert linking to them.
    await press(cit, cit.locator('#pro-save'));
    const alert = cit.locator('#pro-alert .alert-danger');
    await alert.waitFor();
    assert.equal(await focused(alert), true, 'the alert takes the focus');
    assert.equal(await cit.locator('#pro-desired-0-code').getAttribute('aria-invalid'), 'true');
    await press(cit, alert.locator('a.sisl-to-field').first());
    assert.equal(await focused(cit.locator('#pro-desired-0-code')), true, 'the alert links to the field');
    await axe(cit, 'profile with errors');

    // A code the service does not know: its refusal lands on the field.
    await cit.keyboard.type('9.9.9.9.9');
    // (Experiences from communications, when she has some, come first and read only.)
    const n = await cit.locator('#pro-experiences [data-row]').count();
    await press(cit, cit.locator('#pro-exp-add'));
    assert.equal(await focused(cit.locator(`#pro-exp-${n}-code`)), true, 'the new experience takes the focus');
    await cit.keyboard.type('2.1.1.4.1');
    await typeInto(cit, cit.locator(`#pro-exp-${n}-employer`), 'Studio Informatico Alfa');
    await cit.locator(`#pro-exp-${n}-from`).focus();
    await cit.locator(`#pro-exp-${n}-from`).fill('2018-03-01');
    await cit.locator(`#pro-exp-${n}-to`).fill('2022-12-31');
    await press(cit, cit.locator('#pro-lang-add'));
    assert.equal(await focused(cit.locator('#pro-lang-0-code')), true, 'the new language takes the focus');
    await chooseOption(cit, cit.locator('#pro-lang-0-code'), 'ingl', 'en');
    await chooseOption(cit, cit.locator('#pro-lang-0-level'), 'B2', 'CEFR_LEVEL_B2');
    await chooseOption(cit, cit.locator('#pro-education'), 'laurea', 'EDUCATION_LEVEL_DEGREE');
    await cit.locator('#pro-it').focus();
    await cit.keyboard.type('JavaScript');
    await cit.keyboard.press('Enter');
    await cit.keyboard.type('SQL');
    await press(cit, cit.locator('#pro-licence-B'), 'Space');
    assert.equal(await cit.locator('#pro-licence-B').isChecked(), true);
    const muni = cit.locator('#pro-where input[role="combobox"]');
    await muni.focus();
    await cit.keyboard.type('Torino');
    await cit.locator('#pro-where [role="option"]', { hasText: 'Torino (TO)' }).first().waitFor();
    await axe(cit, 'profile: the municipality list open');
    await cit.keyboard.press('ArrowDown');
    await cit.keyboard.press('Enter');
    assert.equal(await muni.inputValue(), 'Torino (TO)');
    await typeInto(cit, cit.locator('#pro-radius'), '25');
    await press(cit, cit.locator('#pro-save'));
    await cit.locator('#pro-alert .alert-danger').waitFor();
    await cit.waitForFunction(() => document.getElementById('pro-desired-0-code').getAttribute('aria-invalid') === 'true');
    const codeError = cit.locator('#pro-desired-0-code-error');
    assert.ok((await codeError.innerText()).length > 3, 'the service\'s error next to the field');
    await axe(cit, 'profile: the service refuses the code');
    await screenshot(cit, 'profile-refused');

    // The picker suggests professions by words of their name (GET /api/v1/professions).
    await typeInto(cit, cit.locator('#pro-desired-0-code'), 'analisti');
    await cit.locator('#pro-desired-0-code-list option[value="2.1.1.4.1"]').waitFor({ state: 'attached' });
    await typeInto(cit, cit.locator('#pro-desired-0-code'), '2.1.1.4.1');
    await press(cit, cit.locator('#pro-save'));
    await cit.locator('#pro-state[data-state="PROFILE_STATE_TO_VALIDATE"]').waitFor();
    assert.match(await cit.locator('#pro-state-text').innerText(), /in attesa della convalida del Centro per l'impiego CPI-TO-15/);
    assert.equal(await focused(cit.locator('#pro-state-heading')), true, 'the state heading takes the focus');
    assert.equal(await cit.locator('#pro-where input[role="combobox"]').inputValue(), 'Torino (TO)', 'the municipality shown again by name');
    assert.equal(await cit.locator('#pro-lang-0-level').inputValue(), 'CEFR_LEVEL_B2');
    await axe(cit, 'profile saved');
    await english(cit, 'profile saved');
    assert.match(await cit.locator('#pro-state-text').innerText(), /waiting for validation by Job Centre CPI-TO-15/);
    await italian(cit);
    assertNoProblems(cit);
  });

  it('the operator opens the profile with an access reason and validates it', async () => {
    await op.goto(`${BASE}/incrocio`);
    await op.locator('#inc-validate-heading').waitFor();
    assert.ok(await op.locator('#main-nav a[href="/incrocio"][aria-current="page"]').count(), 'the navigation marks the page');
    const row = op.locator('article.sisl-profile', { hasText: 'Giulia Bianchi' });
    await row.waitFor();
    personId = await row.getAttribute('data-person');
    assert.ok(personId, 'the person id');
    await axe(op, 'matching: profiles to validate');
    await press(op, row.locator('button[data-action="open"]'));
    await press(op, row.locator('form[data-form="open"] button[type="submit"]'));
    await row.locator('.alert-danger').waitFor();
    assert.equal(await row.locator('textarea').getAttribute('aria-invalid'), 'true', 'the access reason is required');
    await row.locator('textarea').focus();
    await op.keyboard.type('convalida del profilo');
    await press(op, row.locator('form[data-form="open"] button[type="submit"]'));
    await op.locator('#inc-opened-heading').waitFor();
    assert.match(await row.innerText(), /2\.1\.1\.4\.1/);
    assert.match(await row.innerText(), /Inglese B2/);
    await axe(op, 'matching: a profile opened');
    await english(op, 'matching: a profile opened');
    await italian(op);
    await press(op, op.locator(`article.sisl-profile[data-person="${personId}"] button[data-action="validate"]`));
    await op.locator('#inc-validate .alert-success').waitFor();
    assert.match(await op.locator('#inc-validate .alert-success').innerText(), /Giulia Bianchi convalidato/);
    assert.equal(await op.locator(`article.sisl-profile[data-person="${personId}"]`).count(), 0, 'no longer to validate');
  });

  it('the validated profile shows the vacancies that match it, with their explanation', async () => {
    await cit.reload();
    await cit.locator('#pro-state[data-state="PROFILE_STATE_VALIDATED"]').waitFor();
    assert.match(await cit.locator('#pro-state-text').innerText(), /Convalidato il .*, valido fino al/);
    const match = cit.locator(`article.sisl-match[data-id="${vacancyId}"]`);
    await match.waitFor();
    await press(cit, match.locator('summary'));
    await assertAddsUp(match.locator('table.sisl-explanation'));
    await axe(cit, 'profile: matching vacancies');
    await english(cit, 'profile: matching vacancies');
    await italian(cit);
  });

  it('the operator matches, asks why not, shortlists and proposes', async () => {
    await op.reload();
    const select = op.locator('#inc-vacancy');
    await select.waitFor();
    await select.focus();
    await op.selectOption('#inc-vacancy', vacancyId);
    await press(op, op.locator('#inc-run'));
    await op.locator('#inc-results-heading').waitFor();
    assert.equal(await focused(op.locator('#inc-results-heading')), true, 'the results heading takes the focus');
    const cand = op.locator(`article.sisl-candidate[data-person="${personId}"]`);
    await cand.waitFor();
    assert.match(await cand.innerText(), /Giulia Bianchi/);
    await press(op, cand.locator('summary'));
    await assertAddsUp(cand.locator('table.sisl-explanation'));
    await axe(op, 'matching: candidates');
    // Why not: Giulia is in; an unknown person is not.
    await typeInto(op, op.locator('#inc-person'), personId);
    await press(op, op.locator('#inc-why'));
    await op.locator('#inc-why-result .alert').waitFor();
    assert.match(await op.locator('#inc-why-result').innerText(), /È tra i candidati: posizione 1/);
    await assertAddsUp(op.locator('#inc-why-result table.sisl-explanation'));
    await typeInto(op, op.locator('#inc-person'), 'persona-sconosciuta');
    await press(op, op.locator('#inc-why'));
    await op.waitForFunction(() => !/È tra i candidati/.test(document.getElementById('inc-why-result').textContent));
    await op.locator('#inc-why-result .alert').waitFor();
    await axe(op, 'matching: why not');
    await english(op, 'matching: why not');
    await italian(op);
    // Shortlist with a note.
    await press(op, op.locator(`article.sisl-candidate[data-person="${personId}"] button[data-action="shortlist"]`));
    await op.keyboard.type('Esperienza coerente');
    await press(op, op.locator(`article.sisl-candidate[data-person="${personId}"] form[data-form="shortlist"] button[type="submit"]`));
    const proposal = op.locator(`#inc-proposals article.sisl-proposal[data-person="${personId}"]`);
    await op.locator(`#inc-proposals article.sisl-proposal[data-person="${personId}"][data-state="PROPOSAL_STATE_SHORTLISTED"]`).waitFor();
    assert.equal(await focused(op.locator('#inc-proposals-heading')), true);
    await axe(op, 'matching: shortlisted');
    // Propose: the deadline a week ahead, proposed by the form.
    await press(op, proposal.locator('button[data-action="propose"]'));
    assert.equal(await proposal.locator('input[type="date"]').inputValue(), addDays(isoToday(), 7));
    await axe(op, 'matching: the propose form');
    await press(op, proposal.locator('form[data-form="propose"] button[type="submit"]'));
    await op.locator(`#inc-proposals article.sisl-proposal[data-person="${personId}"][data-state="PROPOSAL_STATE_PROPOSED"]`).waitFor();
    assertNoProblems(op);
  });

  it('the citizen accepts the proposal on /proposte (a refusal needs a reason)', async () => {
    await cit.goto(`${BASE}/proposte`);
    const card = cit.locator('#prp-waiting article.sisl-proposal').first();
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(TITLE));
    assert.match(await card.innerText(), /Rispondi entro il/);
    await axe(cit, 'proposals: to answer');
    await press(cit, card.locator('button[data-action="refuse"]'));
    await press(cit, card.locator('form[data-form="refuse"] button[type="submit"]'));
    await card.locator('.alert-danger').waitFor();
    assert.equal(await card.locator('textarea').getAttribute('aria-invalid'), 'true', 'a refusal needs a reason');
    await axe(cit, 'proposals: refusal without a reason');
    await press(cit, card.locator('form[data-form="refuse"] button:not([type="submit"])'));
    assert.equal(await focused(card.locator('button[data-action="refuse"]')), true, 'closing gives the focus back');
    await press(cit, card.locator('button[data-action="accept"]'));
    await press(cit, card.locator('form[data-form="accept"] button[type="submit"]'));
    await cit.locator('#prp-others article.sisl-proposal[data-state="PROPOSAL_STATE_ACCEPTED"]').waitFor();
    assert.match(await cit.locator('.alert-success').innerText(), /Hai accettato la proposta/);
    await axe(cit, 'proposals: accepted');
    await english(cit, 'proposals: accepted');
    await italian(cit);
    assertNoProblems(cit);
  });

  it('the operator sends her profile to the company from today', async () => {
    await op.goto(`${BASE}/incrocio?offerta=${vacancyId}`);
    const proposal = op.locator(`#inc-proposals article.sisl-proposal[data-person="${personId}"][data-state="PROPOSAL_STATE_ACCEPTED"]`);
    await proposal.waitFor();
    await press(op, proposal.locator('button[data-action="send"]'));
    assert.equal(await proposal.locator('input[type="date"]').inputValue(), isoToday());
    await press(op, proposal.locator('form[data-form="send"] button[type="submit"]'));
    await op.locator(`#inc-proposals article.sisl-proposal[data-person="${personId}"][data-state="PROPOSAL_STATE_SENT"]`).waitFor();
    await axe(op, 'matching: sent');
  });

  it('the company sees the candidate on /candidati and schedules an interview', async () => {
    await rep.goto(`${BASE}/`);
    await rep.locator('a[href="/candidati"]').first().waitFor();
    await rep.goto(`${BASE}/candidati`);
    await rep.locator('#cand-vacancy').waitFor();
    assert.ok(await rep.locator('#main-nav a[href="/candidati"][aria-current="page"]').count(), 'the navigation marks the page');
    await axe(rep, 'candidates: choose a vacancy');
    await rep.locator('#cand-vacancy').focus();
    await rep.selectOption('#cand-vacancy', vacancyId);
    await press(rep, rep.locator('#cand-show'));
    const card = rep.locator('article.sisl-candidate').first();
    await card.waitFor();
    assert.match(await card.innerText(), /Giulia Bianchi/);
    assert.match(await card.innerText(), /2\.1\.1\.4\.1/);
    assert.match(await card.innerText(), /Inglese B2/);
    await axe(rep, 'candidates: the candidate');
    await press(rep, card.locator('button[data-action="interview"]'));
    const when = card.locator('input[type="datetime-local"]');
    await when.fill(`${addDays(isoToday(), 3)}T10:30`);
    await axe(rep, 'candidates: the interview form');
    await press(rep, card.locator('form[data-form="interview"] button[type="submit"]'));
    await rep.locator('article.sisl-candidate[data-state="PROPOSAL_STATE_INTERVIEW"]').waitFor();
    await english(rep, 'candidates: interview scheduled');
    await italian(rep);
    assertNoProblems(rep);
  });

  it('a hire filed by the company closes the loop: the proposal turns HIRED by itself', async () => {
    const start = hireStart();
    const office = { municipalityCode: 'L219', postcode: '10121', street: 'Via Roma 1' };
    const content = {
      form: 'COMMUNICATION_FORM_UNILAV', nature: 'COMMUNICATION_NATURE_ORDINARY', event: 'COMMUNICATION_EVENT_HIRE',
      employer: { fiscalCode: COMPANY_CODE, name: COMPANY, ateco: '62.10.00', pec: 'soluzioni.ricci@pec.example.it', registeredOffice: office, workplace: office },
      worker: {
        fiscalCode: GIULIA, surname: 'Bianchi', name: 'Giulia', sex: 'SEX_FEMALE', birthDate: '1992-07-24', birthPlaceCode: 'D205', citizenship: '000',
        educationLevel: '40', domicile: { municipalityCode: 'L219', postcode: '10121', street: 'Via Po 2' },
      },
      contract: {
        startDate: start, endDate: addDays(start, 364), contractType: 'A.02.00', workingTime: 'F', weeklyHours: 40, ccnl: '001', level: '5',
        profession: '2.1.1.4.1.11', socialSecurityBody: '01', inailPat: '12345678', annualPayEur: 32000,
      },
    };
    let filed;
    for (let i = 0; i < 20; i++) {
      filed = await write(rep, '/api/v1/communications', { requestId: `mt-hire-${RUN}`, content });
      if (filed.status !== 403) break;
      await rep.waitForTimeout(500);
    }
    assert.equal(filed.status, 200, JSON.stringify(filed.data));
    const started = Date.now();
    await op.goto(`${BASE}/incrocio?offerta=${vacancyId}`);
    const hired = op.locator(`#inc-proposals article.sisl-proposal[data-person="${personId}"][data-state="PROPOSAL_STATE_HIRED"]`);
    for (let i = 0; i < 20 && !(await hired.count()); i++) {
      await op.waitForTimeout(500);
      await op.reload();
      await op.locator('#inc-proposals-heading').waitFor();
    }
    await hired.waitFor();
    console.log(`# HIRED visible ${Date.now() - started} ms after the hire was filed`);
    assert.match(await hired.innerText(), /Assunto/);
    await press(op, hired.locator('summary'));
    assert.match(await hired.locator('table').innerText(), /Sistema \(comunicazione obbligatoria\)/);
    await axe(op, 'matching: hired');
    await english(op, 'matching: hired');
    await italian(op);
    await screenshot(op, 'hired');
    await cit.goto(`${BASE}/proposte`);
    await cit.locator('article.sisl-proposal[data-state="PROPOSAL_STATE_HIRED"]').waitFor();
    await axe(cit, 'proposals: hired');
    assertNoProblems(op);
    assertNoProblems(cit);
  });
});
