// Enterprise flow: a citizen (the development IdP's Luca Ferrero) registers a company and, after a
// new login, acts for it as its legal representative: edits its file and grants a labour
// consultant (Chiara Gallo) a delegation for vacancies; she accepts it, logs in again, acts for the
// company and writes a vacancy in Torino (001272), with wording the CPI must look at, and submits
// it; Torino's demo operator (CPI-TO-15) sends it back with reasons, she corrects and resubmits it,
// the operator approves it and, its publication date being today, it is published at once; the
// public search (logged out) finds it without the company's name (anonymous), also with the
// keyboard alone; the legal representative revokes the delegation. axe on every page and state,
// in Italian and English.
import { after, before, describe, it } from 'node:test';
import {
  api, assert, assertNoProblems, axe, BASE, english, focused, italian, launch, login, newPage, press, screenshot, tabTo, typeInto, write,
} from './lib.mjs';
import { chooseMunicipality } from './wizard.mjs';

process.env.SISL_FLOW = 'enterprise';
let browser;
let rep; // the legal representative
let cons; // the consultant
let op; // the operator
let pub; // nobody logged in

const RUN = Date.now().toString(36);
const TITLE = `Sviluppatore software ${RUN}`;
const COMPANY = 'Officine Sabaude SRL';
const CONSULTANT = 'GLLCHR81B57A479P';
// A partita IVA with its check digit.
const vatNumber = (first10) => {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let n = Number(first10[i]);
    if (i % 2) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return first10 + ((10 - (sum % 10)) % 10);
};
const COMPANY_CODE = vatNumber('0345678901');

// Logs in (again) and acts for the company through the page's "Act for" button.
async function actForCompany(page, user, path) {
  await login(page, user, path);
  const act = page.locator(`button[data-acting-for="${COMPANY_CODE}"]`);
  await act.waitFor();
  await press(page, act);
  await page.locator('.sisl-acting-for').waitFor();
  assert.match(await page.locator('.sisl-acting-for').innerText(), new RegExp(`Stai operando per ${COMPANY}`));
}

describe('enterprise', () => {
  before(async () => {
    browser = await launch();
    [rep, cons, op, pub] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
  });
  after(async () => {
    await browser?.close();
  });

  it('the company area asks to log in; a citizen without a company sees the registration form', async () => {
    await rep.goto(`${BASE}/azienda`);
    await rep.locator('.spid-button').waitFor();
    await axe(rep, 'company area (logged out)');
    await login(rep, 'delegato-azienda', '/azienda');
    await rep.locator('#register-form').waitFor();
    assert.match(await rep.locator('#received').innerText(), /Non hai deleghe/);
    await axe(rep, 'company area (citizen)');
    await english(rep, 'company area (citizen)');
    assert.match(await rep.locator('#register-form').innerText(), /Register the company/);
    await italian(rep);
  });

  it('registers a company: missing fields first, then the company; the new role comes with a new login', async () => {
    await press(rep, rep.locator('#register-submit'));
    const alert = rep.locator('#register-form .alert-danger');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Codice fiscale dell'azienda: Campo obbligatorio/);
    assert.match(await alert.innerText(), /Comune della sede legale: Scegli il comune dall'elenco/);
    assert.equal(await focused(alert), true, 'the alert takes the focus');
    assert.equal(await rep.locator('#co-name').getAttribute('aria-invalid'), 'true');
    await axe(rep, 'registration with errors');
    // The alert's link takes the focus to the field.
    await press(rep, alert.locator('a.sisl-to-field').first());
    assert.equal(await focused(rep.locator('#co-fiscalCode')), true);
    await rep.keyboard.type(COMPANY_CODE);
    await typeInto(rep, rep.locator('#co-name'), COMPANY);
    await rep.locator('#co-legalForm').selectOption('LEGAL_FORM_LIMITED_COMPANY');
    await typeInto(rep, rep.locator('#co-atecoCode'), '62.10.00');
    await chooseMunicipality(rep, rep.locator('#register-form input[role="combobox"]'), { type: 'torino', choose: 'Torino (TO)' });
    await typeInto(rep, rep.locator('#co-address'), 'Via Garibaldi 10');
    await typeInto(rep, rep.locator('#co-postcode'), '10122');
    await typeInto(rep, rep.locator('#co-pec'), 'officine.sabaude@pec.example.it');
    await typeInto(rep, rep.locator('#co-workforce'), '18');
    await axe(rep, 'registration filled in');
    await press(rep, rep.locator('#register-submit'));
    const ok = rep.locator('#ent-message .alert-success');
    await ok.waitFor();
    assert.match(await ok.innerText(), new RegExp(`Azienda ${COMPANY} registrata: ne sei il legale rappresentante`));
    assert.match(await rep.locator('#received').innerText(), /Rappresentante legale[\s\S]*Attiva/);
    const notice = rep.locator('.sisl-new-roles');
    assert.match(await notice.innerText(), new RegExp(`Puoi operare anche per: ${COMPANY}. Accedi di nuovo`));
    await axe(rep, 'company registered');
    await screenshot(rep, 'company-registered');
    await actForCompany(rep, 'delegato-azienda', '/azienda');
    assert.match(await rep.locator('#user-area').innerText(), new RegExp(`Rappresentante legale - ${COMPANY}`));
    const file = rep.locator('#company-file');
    assert.match(await file.innerText(), new RegExp(`${COMPANY}[\\s\\S]*${COMPANY_CODE}[\\s\\S]*Società a responsabilità limitata`));
    assert.match(await file.innerText(), /Via Garibaldi 10, 10122, ISTAT 001272, CPI CPI-TO-15/);
    await axe(rep, 'company file (legal representative)');
  });

  it('the legal representative edits the file and grants the consultant a delegation (a wrong fiscal code refused first)', async () => {
    await press(rep, rep.locator('#company-edit'));
    const form = rep.locator('#company-edit-form');
    await form.waitFor();
    assert.equal(await rep.locator('#co-name').inputValue(), COMPANY, 'the form shows the current data');
    await axe(rep, 'company edit form');
    await typeInto(rep, rep.locator('#co-workforce'), '25');
    await typeInto(rep, rep.locator('#co-reason'), 'nuove assunzioni');
    await press(rep, form.locator('button[type="submit"]'));
    await rep.locator('#ent-message .alert-success', { hasText: 'Scheda dell\'azienda aggiornata' }).waitFor();
    assert.match(await rep.locator('#company-file').innerText(), /Numero di dipendenti\s+25[\s\S]*versione 2/);

    await press(rep, rep.locator('#grant-open'));
    const grant = rep.locator('#grant-form');
    await grant.waitFor();
    await typeInto(rep, rep.locator('#grant-holder'), 'GLLCHR81B57A479X');
    await typeInto(rep, rep.locator('#grant-order'), '1234');
    await typeInto(rep, rep.locator('#grant-order-province'), 'TO');
    await typeInto(rep, rep.locator('#grant-reason'), 'incarico per le offerte di lavoro');
    await press(rep, rep.locator('#grant-submit'));
    const error = grant.locator('.alert-danger');
    await error.waitFor();
    assert.match(await error.innerText(), /Codice fiscale della persona delegata: Il codice fiscale non è valido/);
    assert.equal(await rep.locator('#grant-holder').getAttribute('aria-invalid'), 'true');
    await axe(rep, 'grant form with an error');
    await typeInto(rep, rep.locator('#grant-holder'), CONSULTANT);
    assert.equal(await rep.locator('#grant-scope-delegation_scope_vacancies').isChecked(), true, 'vacancies proposed');
    await press(rep, rep.locator('#grant-submit'));
    await rep.locator('#ent-message .alert-success', { hasText: 'Delega concessa' }).waitFor();
    assert.match(await rep.locator('#ent-message').innerText(), new RegExp(`Delega concessa a ${CONSULTANT}: vale dopo che l'avrà accettata`));
    const card = rep.locator('#granted article', { hasText: CONSULTANT });
    assert.match(await card.innerText(), /Consulente del lavoro[\s\S]*In attesa di accettazione[\s\S]*offerte di lavoro[\s\S]*n\. 1234, TO/);
    await axe(rep, 'delegation granted');
    await english(rep, 'company file and delegations');
    assert.match(await rep.locator('#granted').innerText(), /Waiting for acceptance/);
    await italian(rep);
    await screenshot(rep, 'delegation-granted');
  });

  it('the consultant accepts the delegation and, after a new login, acts for the company', async () => {
    await login(cons, 'consulente-lavoro', '/azienda');
    const card = cons.locator('#received article', { hasText: COMPANY });
    await card.waitFor();
    assert.match(await card.innerText(), /In attesa di accettazione/);
    await axe(cons, 'delegation offered');
    await press(cons, card.locator('button[data-action="accept"]'));
    await cons.locator('#ent-message .alert-success', { hasText: 'Hai accettato' }).waitFor();
    assert.match(await cons.locator('#ent-message').innerText(), new RegExp(`Hai accettato la delega di ${COMPANY}`));
    assert.match(await cons.locator('#received article', { hasText: COMPANY }).innerText(), /Attiva/);
    await cons.locator('.sisl-new-roles').waitFor();
    await actForCompany(cons, 'consulente-lavoro', '/azienda');
    assert.match(await cons.locator('#user-area').innerText(), new RegExp(`Consulente del lavoro - ${COMPANY}`));
    assert.equal(await cons.locator('#granted').count(), 0, 'only the legal representative sees the delegations granted');
    await axe(cons, 'company area (consultant)');
  });

  it('the consultant writes a vacancy (a malformed profession code refused first), saves the draft and submits it; the wording warnings are shown', async () => {
    await press(cons, cons.locator('a[href="/offerte-azienda"]').last());
    await cons.waitForURL(/\/offerte-azienda$/);
    await cons.locator('#vac-new').waitFor();
    assert.match(await cons.locator('#vac-list-heading').innerText(), /Offerte \(0\)/);
    await axe(cons, 'company vacancies (none)');
    await press(cons, cons.locator('#vac-new'));
    await cons.locator('#vacancy-form').waitFor();
    assert.equal(await focused(cons.locator('#vac-form-heading')), true, 'the form heading takes the focus');
    await typeInto(cons, cons.locator('#vac-title'), TITLE);
    await typeInto(cons, cons.locator('#vac-description'), 'Sviluppo di applicazioni web in Java. Età massima 35 anni.');
    await typeInto(cons, cons.locator('#vac-professionCode'), '2.1.x');
    await cons.locator('#vac-contractType').selectOption('A.01.00');
    await chooseMunicipality(cons, cons.locator('#vacancy-form input[role="combobox"]'), { type: 'torino', choose: 'Torino (TO)' });
    await typeInto(cons, cons.locator('#vac-weeklyHours'), '40');
    assert.equal(await cons.locator('#vac-publicationDate').inputValue(), await cons.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date())), 'published from today');
    await press(cons, cons.locator('#vac-anonymous'), 'Space');
    await press(cons, cons.locator('#vac-languages-add'));
    assert.equal(await focused(cons.locator('#vac-lang-1-lang')), true, 'the new row takes the focus');
    await cons.locator('#vac-lang-1-level').selectOption('CEFR_LEVEL_B2');
    await axe(cons, 'vacancy form');
    await press(cons, cons.locator('#vacancy-save'));
    const error = cons.locator('#vacancy-form .alert-danger');
    await error.waitFor();
    assert.match(await error.innerText(), /numeri separati da punti/);
    assert.equal(await cons.locator('#vac-professionCode').getAttribute('aria-invalid'), 'true');
    await axe(cons, 'vacancy form with an error');
    await typeInto(cons, cons.locator('#vac-professionCode'), '2.1.1.4.1');
    await press(cons, cons.locator('#vacancy-save'));
    await cons.locator('#vac-message .alert-success').waitFor();
    assert.match(await cons.locator('#vac-message').innerText(), new RegExp(`Bozza «${TITLE}» salvata`));
    const card = cons.locator('article.sisl-vacancy', { hasText: TITLE });
    assert.equal(await card.getAttribute('data-state'), 'VACANCY_STATE_DRAFT');
    assert.match(await card.locator('.sisl-wording').innerText(), /Età[\s\S]*età/);
    // A.01.00 and F with their labels in co_contract_types and co_working_time (the code lists API).
    assert.match(await card.innerText(), /Torino \(TO\)[\s\S]*2\.1\.1\.4\.1[\s\S]*LAVORO A TEMPO INDETERMINATO[\s\S]*TEMPO PIENO[\s\S]*Inglese B2 \(indispensabile\)/);
    await axe(cons, 'draft saved');
    await press(cons, card.locator('button[data-action="submit"]'));
    await cons.locator('#vac-message .alert-success', { hasText: 'inviata al CPI' }).waitFor();
    assert.equal(await cons.locator('article.sisl-vacancy', { hasText: TITLE }).getAttribute('data-state'), 'VACANCY_STATE_SUBMITTED');
    assert.match(await cons.locator('article.sisl-vacancy', { hasText: TITLE }).innerText(), /In verifica al CPI[\s\S]*In verifica presso CPI-TO-15/);
    await axe(cons, 'vacancy submitted');
    await english(cons, 'company vacancies');
    await italian(cons);
    await screenshot(cons, 'vacancy-submitted');
  });

  it('the operator of Torino sends it back with reasons; the consultant sees them, corrects and resubmits', async () => {
    await login(op, 'operatore-torino', '/revisione-offerte');
    const card = op.locator('article.sisl-vacancy', { hasText: TITLE });
    await card.waitFor();
    assert.match(await op.locator('#app').innerText(), /Centro per l'impiego: CPI-TO-15/);
    assert.match(await card.locator('.sisl-wording').innerText(), /Espressioni da verificare \(2\)/i);
    assert.match(await card.innerText(), new RegExp(`${COMPANY}[\\s\\S]*Offerta anonima`), 'the operator sees the company of an anonymous vacancy');
    await axe(op, 'review list');
    await press(op, card.locator('button[data-action="send-back"]'));
    const reasons = card.locator('textarea');
    assert.match(await reasons.inputValue(), /Eliminare «Età massima»|Eliminare «Età/, 'reasons proposed from the warnings');
    await axe(op, 'send-back form');
    await typeInto(op, reasons, '');
    await press(op, card.locator('form button[type="submit"]'));
    await card.locator('form .alert-danger').waitFor();
    assert.match(await card.locator('form .alert-danger').innerText(), /Scrivi almeno un motivo/);
    await typeInto(op, reasons, 'Eliminare il limite di età (D.lgs. 216/2003)');
    await press(op, card.locator('form button[type="submit"]'));
    await op.locator('#rev-list .alert-success').waitFor();
    assert.match(await op.locator('#rev-list .alert-success').innerText(), new RegExp(`«${TITLE}» rinviata all'azienda`));
    assert.equal(await op.locator('article.sisl-vacancy', { hasText: TITLE }).count(), 0, 'no longer waiting for review');

    await cons.reload();
    const back = cons.locator('article.sisl-vacancy', { hasText: TITLE });
    await back.waitFor();
    assert.equal(await back.getAttribute('data-state'), 'VACANCY_STATE_SENT_BACK');
    assert.match(await back.locator('.sisl-send-back').innerText(), /Eliminare il limite di età/);
    await axe(cons, 'vacancy sent back');
    await press(cons, back.locator('button[data-action="edit"]'));
    await cons.locator('#vacancy-form').waitFor();
    assert.match(await cons.locator('#vacancy-form').locator('xpath=..').innerText(), /Eliminare il limite di età/);
    assert.equal(await cons.locator('#vac-anonymous').isChecked(), true);
    await axe(cons, 'vacancy form (sent back)');
    await english(cons, 'vacancy form (sent back)');
    await italian(cons);
    await cons.locator('#vac-description').waitFor();
    await typeInto(cons, cons.locator('#vac-description'), 'Sviluppo di applicazioni web in Java, in un gruppo di cinque persone.');
    await press(cons, cons.locator('#vacancy-save'));
    await cons.locator('#vac-message .alert-success', { hasText: 'aggiornata' }).waitFor();
    const fixed = cons.locator('article.sisl-vacancy', { hasText: TITLE });
    assert.equal(await fixed.locator('.sisl-wording').count(), 0, 'no wording warnings left');
    await press(cons, fixed.locator('button[data-action="submit"]'));
    await cons.locator('#vac-message .alert-success', { hasText: 'inviata al CPI' }).waitFor();
  });

  it('the operator approves it: published today', async () => {
    await op.reload();
    const card = op.locator('article.sisl-vacancy', { hasText: TITLE });
    await card.waitFor();
    assert.match(await card.innerText(), /Nessuna espressione da verificare/);
    await press(op, card.locator('button[data-action="approve"]'));
    await axe(op, 'approve form');
    await press(op, card.locator('form button[type="submit"]'));
    await op.locator('#rev-list .alert-success').waitFor();
    assert.match(await op.locator('#rev-list .alert-success').innerText(), new RegExp(`«${TITLE}» approvata e pubblicata`));
    await op.locator('#rev-state').selectOption('VACANCY_STATE_PUBLISHED');
    await press(op, op.locator('#rev-show'));
    await op.locator('article.sisl-vacancy', { hasText: TITLE }).waitFor();
    await axe(op, 'published vacancies of the CPI');
    await english(op, 'vacancy review');
    await italian(op);
    await screenshot(op, 'review');
    await cons.reload();
    const published = cons.locator('article.sisl-vacancy', { hasText: TITLE });
    await published.waitFor();
    assert.equal(await published.getAttribute('data-state'), 'VACANCY_STATE_PUBLISHED');
    assert.ok(await published.locator('button[data-action="suspend"]').count(), 'a published vacancy can be suspended');
  });

  it('the public search, logged out, finds it without the company name; the detail view', async () => {
    await pub.goto(`${BASE}/offerte`);
    await pub.locator('#pub-form').waitFor();
    await pub.locator('#pub-results-heading').waitFor();
    assert.equal(await pub.evaluate(async () => (await (await fetch('/api/session')).json()).authenticated), false);
    await axe(pub, 'public search');
    await typeInto(pub, pub.locator('#pub-text'), RUN);
    await pub.locator('#pub-province').selectOption('TO');
    await press(pub, pub.locator('#pub-search'));
    await pub.waitForURL(new RegExp(`q=${RUN}`));
    const heading = pub.locator('#pub-results-heading');
    await pub.waitForFunction(() => /1 offerta trovata/.test(document.getElementById('pub-results-heading')?.textContent || ''));
    assert.equal(await focused(heading), true, 'the results heading takes the focus');
    const result = pub.locator('#pub-results article', { hasText: TITLE });
    assert.match(await result.innerText(), /Azienda riservata \(offerta anonima\)[\s\S]*Torino \(TO\)[\s\S]*LAVORO A TEMPO INDETERMINATO/);
    assert.doesNotMatch(await pub.locator('#pub-results').innerText(), new RegExp(COMPANY));
    await axe(pub, 'public search results');
    await press(pub, result.locator('a'));
    await pub.waitForURL(/\/offerte\?id=/);
    await pub.locator('#pub-detail-heading').waitFor();
    assert.equal(await pub.locator('#pub-detail-heading').innerText(), TITLE);
    const detail = await pub.locator('.sisl-vacancy-detail').innerText();
    assert.match(detail, /Azienda riservata[\s\S]*applicazioni web in Java[\s\S]*Luogo di lavoro\s+Torino \(TO\)[\s\S]*Inglese B2/);
    assert.doesNotMatch(detail, new RegExp(`${COMPANY}|${COMPANY_CODE}`));
    await axe(pub, 'vacancy detail');
    await english(pub, 'vacancy detail');
    assert.match(await pub.locator('.sisl-vacancy-detail').innerText(), /Company not disclosed/);
    await press(pub, pub.locator('#pub-back'));
    await pub.waitForURL(new RegExp(`/offerte\\?q=${RUN}`));
    await pub.waitForFunction(() => /1 vacancy found/.test(document.getElementById('pub-results-heading')?.textContent || ''));
    await axe(pub, 'public search results in English');
    await italian(pub);
    await screenshot(pub, 'public-search');
  });

  it('keyboard only: the public search form (text, province, municipality from the list, working time) to the detail and back', async () => {
    const page = await newPage(browser);
    await page.goto(`${BASE}/offerte`);
    await page.locator('#pub-results-heading').waitFor();
    const text = page.locator('#pub-text');
    await tabTo(page, text);
    await page.keyboard.type(`java ${RUN}`);
    await page.keyboard.press('Tab');
    assert.equal(await focused(page.locator('#pub-profession')), true, 'the profession code comes next');
    await page.keyboard.type('2.1');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page.locator('#pub-province')), true);
    await page.keyboard.type('Torino');
    assert.equal(await page.locator('#pub-province').inputValue(), 'TO');
    await page.keyboard.press('Tab');
    const muni = page.locator('#pub-form input[role="combobox"]');
    assert.equal(await focused(muni), true, 'then the municipality');
    // A text not chosen from the list is refused before searching.
    await page.keyboard.type('moncal');
    await page.locator(`#${await muni.getAttribute('aria-controls')}[data-query="moncal"]`).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    const error = page.locator('#pub-form .alert-danger');
    await error.waitFor();
    assert.match(await error.innerText(), /Scegli il comune dall'elenco/);
    assert.equal(await focused(error), true);
    await axe(page, 'public search: municipality not chosen');
    await tabTo(page, muni);
    await chooseMunicipality(page, muni, { type: 'moncal', choose: 'Moncalieri (TO)', check: true });
    await page.keyboard.press('Tab');
    assert.equal(await focused(page.locator('#pub-radius')), true, 'then the distance');
    assert.equal(await page.locator('#pub-radius').inputValue(), '20', 'within 20 km by default');
    await tabTo(page, page.locator('#pub-time'), 3);
    await page.keyboard.type('TEMPO PIENO'); // F's label in co_working_time
    assert.equal(await page.locator('#pub-time').inputValue(), 'F');
    await tabTo(page, page.locator('#pub-search'), 4);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /1 offerta trovata/.test(document.getElementById('pub-results-heading')?.textContent || ''));
    const url = new URL(page.url());
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      q: `java ${RUN}`, professione: '2.1', provincia: 'TO', comune: '001156', raggio: '20', orario: 'F', comuneNome: 'Moncalieri (TO)',
    });
    assert.equal(await focused(page.locator('#pub-results-heading')), true);
    await page.keyboard.press('Tab');
    const link = page.locator('#pub-results article a').first();
    assert.equal(await focused(link), true, 'the first result follows the heading');
    assert.equal(await link.innerText(), TITLE);
    await page.keyboard.press('Enter');
    await page.locator('#pub-detail-heading').waitFor();
    await tabTo(page, page.locator('#pub-back'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /1 offerta trovata/.test(document.getElementById('pub-results-heading')?.textContent || ''));
    assert.equal(await page.locator('#pub-form input[role="combobox"]').inputValue(), 'Moncalieri (TO)', 'the search comes back as it was');
    // Nothing found: said, not an error.
    await typeInto(page, page.locator('#pub-text'), `nessuna-offerta-${RUN}`);
    await tabTo(page, page.locator('#pub-search'), 12);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /0 offerte trovate/.test(document.getElementById('pub-results-heading')?.textContent || ''));
    assert.match(await page.locator('#pub-results').innerText(), /Nessuna offerta corrisponde/);
    await axe(page, 'public search: nothing found');
    assertNoProblems(page);
    await page.context().close();
  });

  it('the public search shows its results a page at a time (page tokens): next and previous page', async () => {
    // Eleven more vacancies (REST), written by the legal representative, submitted by the consultant,
    // approved by the operator: three sessions, each within the gateway's write burst.
    const batch = `lotto${RUN}`;
    const today = await pub.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()));
    const expiry = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
    for (let i = 1; i <= 11; i++) {
      const content = {
        title: `Magazziniere ${batch} ${i}`, description: 'Carico e scarico merci, gestione del magazzino.', professionCode: '8.1.3.1.0', positions: 1,
        contractType: 'A.02.00', durationMonths: 6, workplaceMunicipality: '001272', workingTime: 'P', weeklyHours: 24,
        l68Reservation: 'L68_RESERVATION_NONE', publicationDate: today, expiryDate: expiry,
      };
      const created = await write(rep, '/api/v1/vacancies', { content, requestId: `${batch}-${i}` });
      assert.equal(created.status, 200, JSON.stringify(created.data));
      const id = created.data.vacancy.vacancyId;
      const submitted = await write(cons, `/api/v1/vacancies/${id}:transition`, { vacancyId: id, action: 'VACANCY_ACTION_SUBMIT' });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.data));
      const approved = await write(op, `/api/v1/vacancies/${id}:transition`, { vacancyId: id, action: 'VACANCY_ACTION_APPROVE' });
      assert.equal(approved.data.vacancy?.state, 'VACANCY_STATE_PUBLISHED', JSON.stringify(approved.data));
    }
    await pub.goto(`${BASE}/offerte?q=${batch}`);
    await pub.waitForFunction(() => /11 offerte trovate/.test(document.getElementById('pub-results-heading')?.textContent || ''));
    assert.equal(await pub.locator('#pub-text').inputValue(), batch, 'the form shows the search of the address');
    assert.equal(await pub.locator('#pub-results article').count(), 10);
    assert.match(await pub.locator('.sisl-pager').innerText(), /Pagina 1 di 2/);
    assert.equal(await pub.locator('#pub-prev').count(), 0, 'no previous page on the first');
    await axe(pub, 'public search, first page');
    await press(pub, pub.locator('#pub-next'));
    await pub.waitForFunction(() => /Pagina 2 di 2/.test(document.querySelector('.sisl-pager')?.textContent || ''));
    assert.equal(await focused(pub.locator('#pub-results-heading')), true, 'the results heading takes the focus');
    assert.equal(await pub.locator('#pub-results article').count(), 1);
    assert.equal(await pub.locator('#pub-next').count(), 0, 'no next page on the last');
    const last = await pub.locator('#pub-results article h3').innerText();
    await press(pub, pub.locator('#pub-prev'));
    await pub.waitForFunction(() => /Pagina 1 di 2/.test(document.querySelector('.sisl-pager')?.textContent || ''));
    const firstPage = await pub.locator('#pub-results article h3').allInnerTexts();
    assert.equal(firstPage.length, 10);
    assert.ok(!firstPage.includes(last), 'the pages do not overlap');
    assert.equal(new Set([...firstPage, last]).size, 11);
    await axe(pub, 'public search, first page again');
  });

  it('the company suspends and resumes the vacancy; the legal representative revokes the delegation with a reason', async () => {
    const card = () => cons.locator('article.sisl-vacancy', { hasText: TITLE });
    await press(cons, card().locator('button[data-action="suspend"]'));
    await cons.locator('#vac-message .alert-success', { hasText: 'sospesa' }).waitFor();
    assert.equal(await card().getAttribute('data-state'), 'VACANCY_STATE_SUSPENDED');
    await press(cons, card().locator('button[data-action="resume"]'));
    await cons.locator('#vac-message .alert-success', { hasText: 'di nuovo pubblicata' }).waitFor();
    assert.equal(await card().getAttribute('data-state'), 'VACANCY_STATE_PUBLISHED');
    await press(cons, card().locator('button[data-action="close"]'));
    await card().locator('.sisl-inline-form select').waitFor();
    await axe(cons, 'close form');
    await press(cons, card().locator('.sisl-inline-form button.btn-outline-secondary'));
    assert.equal(await card().locator('.sisl-inline-form').count(), 0, 'closed without closing the vacancy');
    assert.equal(await focused(card().locator('button[data-action="close"]')), true, 'the focus goes back to the button');

    await rep.reload();
    const granted = rep.locator('#granted article', { hasText: CONSULTANT });
    await granted.waitFor();
    assert.match(await granted.innerText(), /Attiva/);
    await press(rep, granted.locator('button[data-action="revoke"]'));
    const form = granted.locator('form');
    await press(rep, form.locator('button[type="submit"]'));
    await form.locator('.alert-danger').waitFor();
    assert.match(await form.locator('.alert-danger').innerText(), /Scrivi il motivo/);
    await axe(rep, 'revoke form with an error');
    await typeInto(rep, form.locator('textarea'), 'fine dell\'incarico');
    await press(rep, form.locator('button[type="submit"]'));
    await rep.locator('#ent-message .alert-success', { hasText: 'revocata' }).waitFor();
    assert.match(await rep.locator('#ent-message').innerText(), new RegExp(`Delega di ${CONSULTANT} revocata`));
    assert.match(await rep.locator('#granted article', { hasText: CONSULTANT }).innerText(), /Revocata[\s\S]*fine dell'incarico/);
    await axe(rep, 'delegation revoked');
    for (const p of [rep, cons, op, pub]) assertNoProblems(p);
  });

  it('the home page links the new pages', async () => {
    await op.goto(`${BASE}/`);
    await op.locator('.sisl-role-list').waitFor();
    assert.ok(await op.locator('#app a[href="/revisione-offerte"]').count());
    await pub.goto(`${BASE}/`);
    await pub.locator('.spid-button').waitFor();
    assert.ok(await pub.locator('main a[href="/offerte"]').count(), 'the public search from the home page');
    assert.ok(await pub.locator('#main-nav a[href="/offerte"]').count(), 'and from the navigation');
    await axe(pub, 'home with the vacancies link');
  });
});
