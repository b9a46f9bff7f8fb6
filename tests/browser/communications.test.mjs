// Mandatory communications: a citizen (the development IdP's Elena Ricci) registers a company
// (REST, as enterprise_l68) and grants a labour consultant (Chiara Gallo) a delegation for
// communications; the consultant accepts it and, after a new login, acts for the company on
// /comunicazioni. With the keyboard alone she files a fixed-term hire of Giulia Bianchi
// (BNCGLI92L64D205V) through the wizard: the employer step comes prefilled with the company, a
// wrong surname shows the catalogue's rule (WRK-003) next to the field while typing and fixing it
// clears it, the deadline and "on time" are shown, the review lists no errors; filed, the code
// and protocol time, the receipt (a PDF in the page's language, its XML), the XML (it carries
// the code), the print view (only the detail); the list
// shows it; she corrects the level (the old one CORRECTED, replaced by the new code); the
// cancellation dialog opens and closes with Escape. The worker sees the relationship in "my
// employment history" with both communications; a CPI operator searches her fiscal code (the
// access reason required first); at last the consultant cancels the correction; the home pages
// link the new pages. axe on every page and state, in Italian and English.
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  addDays, delegateCommunications, hireStart, vatNumber,
} from './co-setup.mjs';
import {
  assert, assertNoProblems, axe, BASE, english, focused, italian, launch, login, newPage, press, screenshot, typeInto,
} from './lib.mjs';

process.env.SISL_FLOW = 'communications';
let browser;
let rep; // the legal representative
let cons; // the consultant
let worker; // Giulia Bianchi
let op; // Torino's operator

const RUN = Date.now().toString(36);
const COMPANY = 'Officina Gallo Bianchi SRL';
const WORKER = 'BNCGLI92L64D205V';
const COMPANY_CODE = vatNumber('0567890123');
// A Wednesday three to four weeks ahead whose Tuesday is a working day: the hire is due then.
const START = hireStart();
const END = addDays(START, 182);
const DUE = addDays(START, -1);
let code = ''; // the hire
let corrected = ''; // its correction

// A date field with the keyboard. The order of its day, month and year parts follows the
// browser's own language (not the page's): tried day first, then month first, remembered.
let monthFirst = null;
async function typeDate(page, locator, iso) {
  const [y, m, d] = iso.split('-');
  const attempt = async (mdy) => {
    await locator.evaluate((el) => el.blur());
    await locator.focus();
    await page.keyboard.type(mdy ? `${m}${d}${y}` : `${d}${m}${y}`);
    return (await locator.inputValue()) === iso;
  };
  let ok = await attempt(Boolean(monthFirst));
  if (!ok && monthFirst === null) {
    await locator.fill('');
    ok = await attempt(true);
    if (ok) monthFirst = true;
  } else if (ok && monthFirst === null) monthFirst = false;
  assert.ok(ok, `date ${iso} typed into ${await locator.getAttribute('id')}: ${await locator.inputValue()}`);
}
// A select with the keyboard: type-ahead on the focused (closed) list.
async function chooseOption(page, locator, typed, value) {
  await locator.focus();
  await page.keyboard.type(typed);
  assert.equal(await locator.inputValue(), value, `option ${value} of ${await locator.getAttribute('id')}`);
}
const finding = (page, path, rule) => page.locator(`#co-${path.replace(/\./g, '-')}-finding [data-rule="${rule}"]`);
const stepIs = async (page, title) => {
  await page.locator('#co-step-heading', { hasText: title }).waitFor();
  assert.equal(await focused(page.locator('#co-step-heading')), true, `the heading of "${title}" takes the focus`);
};
// The check answers the last edit (no request pending for it).
const settled = (page) => page.waitForFunction(() => !/Controllo in corso|Checking/.test(document.getElementById('co-check-status')?.textContent || 'x')
  && document.getElementById('co-check-status')?.textContent !== '');
const card = (page, c) => page.locator(`article.sisl-communication[data-code="${c}"]`);
// A code list as the API gives it (GET /api/v1/code-lists/{list}/codes, public), from the page.
const apiCodes = (page, list, query = {}) => page.evaluate(async ([l, q]) => {
  const r = await fetch(`/api/v1/code-lists/${l}/codes?${new URLSearchParams({ pageSize: '1000', ...q })}`);
  if (!r.ok) throw new Error(`code list ${l}: HTTP ${r.status}`);
  return (await r.json()).codes || [];
}, [list, query]);
const todayInRome = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('mandatory communications', () => {
  before(async () => {
    browser = await launch();
    [rep, cons, worker, op] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
    // window.print() counted instead of opening the print dialog.
    await cons.context().addInitScript(() => {
      window.printed = 0;
      window.print = () => { window.printed += 1; };
    });
  });
  after(async () => {
    await browser?.close();
  });

  it('the page asks to log in, then says a citizen without a company cannot file', async () => {
    await worker.goto(`${BASE}/comunicazioni`);
    await worker.locator('.spid-button').waitFor();
    await axe(worker, 'communications (logged out)');
    await login(worker, 'cittadina-2', '/comunicazioni');
    const box = worker.locator('#app .alert');
    await box.waitFor();
    assert.match(await worker.locator('#app').innerText(), /devi operare per un'azienda/);
    await axe(worker, 'communications (citizen without a company)');
    await english(worker, 'communications (citizen without a company)');
    assert.match(await worker.locator('#app').innerText(), /you must act for a company/);
    await italian(worker);
  });

  it('a company is registered and delegates communications to a consultant, who acts for it', async () => {
    await delegateCommunications(rep, cons, { companyCode: COMPANY_CODE, companyName: COMPANY, run: RUN });
    // A new login brings the role; the page offers it.
    await login(cons, 'consulente-lavoro', '/comunicazioni');
    const act = cons.locator(`button[data-acting-for="${COMPANY_CODE}"]`);
    await act.waitFor();
    await axe(cons, 'communications: choose the company');
    await press(cons, act);
    // Communications learns the delegation from enterprise's events within a second.
    for (let i = 0; i < 20 && !(await cons.locator('#co-new').count()); i++) {
      const retry = cons.locator('#co-retry');
      await cons.locator('#co-new, #co-retry').first().waitFor();
      if (await retry.count()) {
        assert.match(await cons.locator('#co-access').innerText(), /non risulta ancora attiva/);
        await cons.waitForTimeout(500);
        await press(cons, retry);
      }
    }
    await cons.locator('#co-new').waitFor();
    assert.match(await cons.locator('.sisl-acting-for').innerText(), new RegExp(`Stai operando per ${COMPANY}`));
    assert.match(await cons.locator('#co-list-heading').innerText(), /Comunicazioni dell'azienda \(0\)/);
    assert.ok(await cons.locator('#main-nav a[href="/comunicazioni"][aria-current="page"]').count(), 'the navigation marks the page');
    await axe(cons, 'communications (none)');
    await english(cons, 'communications (none)');
    assert.match(await cons.locator('#co-list-heading').innerText(), /The company's communications \(0\)/);
    await italian(cons);
  });

  it('the consultant files a hire with the keyboard alone: the rules are checked as she types', async () => {
    await press(cons, cons.locator('#co-new'));
    await cons.locator('#co-wizard-heading').waitFor();
    assert.equal(await focused(cons.locator('#co-wizard-heading')), true, 'the wizard heading takes the focus');
    // Employer: the company acting for.
    assert.equal(await cons.locator('#co-employer-fiscalCode').inputValue(), COMPANY_CODE);
    assert.equal(await cons.locator('#co-employer-name').inputValue(), COMPANY);
    assert.equal(await cons.locator('#co-employer-ateco').inputValue(), '62.10.00');
    assert.equal(await cons.locator('#co-employer-registeredOffice-street').inputValue(), 'Via Roma 1');
    assert.equal(await cons.locator('#co-employer-registeredOffice-postcode').inputValue(), '10121');
    assert.equal(await cons.locator('#co-form-unilav').isChecked(), true, 'UNILAV proposed');
    assert.equal(await cons.locator('#co-same-workplace').isChecked(), true, 'the workplace is the registered office');
    // The ATECO code: suggestions from the code lists API as one types (a native datalist).
    const ateco = cons.locator('#co-employer-ateco');
    assert.equal(await ateco.getAttribute('list'), 'co-employer-ateco-list');
    await typeInto(cons, ateco, '62.10');
    await cons.locator('#co-employer-ateco-list option[value="62.10.00"]').waitFor({ state: 'attached' });
    assert.match(await cons.locator('#co-employer-ateco-list option[value="62.10.00"]').textContent(), /62\.10\.00 Attività di programmazione informatica/);
    await typeInto(cons, ateco, '62.10.00');
    await typeInto(cons, cons.locator('#co-employer-registeredOffice-municipalityCode'), 'L219');
    await settled(cons);
    await axe(cons, 'wizard: employer');
    await press(cons, cons.locator('#co-next'));

    // Worker: a wrong surname shows WRK-003 next to it while typing; fixing it clears it.
    await stepIs(cons, 'Dati del lavoratore');
    await typeInto(cons, cons.locator('#co-worker-fiscalCode'), WORKER);
    await typeInto(cons, cons.locator('#co-worker-surname'), 'Gianchi');
    const wrong = finding(cons, 'worker.surname', 'WRK-003');
    await wrong.waitFor();
    assert.match(await wrong.innerText(), /Errore WRK-003: Il cognome non è coerente con il codice fiscale del lavoratore\./);
    const surname = cons.locator('#co-worker-surname');
    assert.equal(await surname.getAttribute('aria-invalid'), 'true');
    assert.match(await surname.getAttribute('aria-describedby'), /co-worker-surname-finding/);
    // The live region counts the problems shown (the municipality codes wait for the start date).
    await cons.waitForFunction(() => /Errori: [1-9]/.test(document.getElementById('co-check-status').textContent));
    const errorsWith = Number(/Errori: (\d+)/.exec(await cons.locator('#co-check-status').innerText())[1]);
    assert.equal(await cons.locator('#co-check-status').getAttribute('aria-live'), 'polite');
    assert.equal(await finding(cons, 'worker.name', 'WRK-010').count(), 0, 'an untouched field shows nothing yet');
    await axe(cons, 'wizard: worker with a mistake');
    await screenshot(cons, 'wizard-worker-mistake');
    // In English the same rule speaks English; what was typed stays.
    await english(cons, 'wizard: worker with a mistake');
    await cons.locator('#co-worker-surname-finding', { hasText: 'The surname does not match the worker\'s fiscal code.' }).waitFor();
    assert.equal(await cons.locator('#co-worker-surname').inputValue(), 'Gianchi');
    await italian(cons);
    await cons.locator('#co-worker-surname-finding', { hasText: 'Il cognome non è coerente' }).waitFor();
    await typeInto(cons, cons.locator('#co-worker-surname'), 'Bianchi');
    await cons.waitForFunction(() => !document.querySelector('#co-worker-surname-finding [data-rule="WRK-003"]'));
    assert.equal(await cons.locator('#co-worker-surname').getAttribute('aria-invalid'), null, 'fixed: no longer invalid');
    await cons.waitForFunction((n) => {
      const text = document.getElementById('co-check-status').textContent;
      return n ? text.includes(`Errori: ${n}.`) : /Nessun problema|Errori: 0\./.test(text);
    }, errorsWith - 1);
    await typeInto(cons, cons.locator('#co-worker-name'), 'Giulia');
    await chooseOption(cons, cons.locator('#co-worker-sex'), 'F', 'SEX_FEMALE');
    await typeDate(cons, cons.locator('#co-worker-birthDate'), '1992-07-24');
    await typeInto(cons, cons.locator('#co-worker-birthPlaceCode'), 'D205');
    assert.equal(await cons.locator('#co-worker-citizenship').inputValue(), '000', 'Italian proposed');
    await chooseOption(cons, cons.locator('#co-worker-educationLevel'), '40', '40');
    await typeInto(cons, cons.locator('#co-worker-domicile-municipalityCode'), 'D205');
    await typeInto(cons, cons.locator('#co-worker-domicile-postcode'), '12100');
    await typeInto(cons, cons.locator('#co-worker-domicile-street'), 'Via Roma 2');
    await settled(cons);
    assert.deepEqual(await cons.locator('#co-form [data-step="worker"] .sisl-finding-error').allInnerTexts(), [], 'no error on the worker');
    await axe(cons, 'wizard: worker');
    await press(cons, cons.locator('#co-next'));

    // Contract: a fixed-term A.02.00, full time.
    await stepIs(cons, 'Dati del rapporto di lavoro');
    // Next with an empty step: its errors on the fields, a focused alert linking to them.
    await press(cons, cons.locator('#co-next'));
    const alert = cons.locator('#co-step-alert .alert-danger');
    await alert.waitFor();
    assert.equal(await focused(alert), true, 'the alert takes the focus');
    assert.match(await alert.innerText(), /Data di inizio: Campo obbligatorio\./);
    assert.equal(await cons.locator('#co-contract-startDate').getAttribute('aria-invalid'), 'true');
    await axe(cons, 'wizard: contract with errors');
    await press(cons, alert.locator('a.sisl-to-field', { hasText: 'Data di inizio' }));
    assert.equal(await focused(cons.locator('#co-contract-startDate')), true, 'the alert link focuses the field');
    await typeDate(cons, cons.locator('#co-contract-startDate'), START);
    await typeDate(cons, cons.locator('#co-contract-endDate'), END);
    // The contract types offered are the API's, those valid today, with its labels.
    const contractTypes = await apiCodes(cons, 'co_contract_types', { validOn: todayInRome() });
    const offered = await cons.locator('#co-contract-contractType option').evaluateAll((os) => os.map((o) => ({ value: o.value, text: o.textContent })));
    assert.equal(offered.length, contractTypes.length + 1, 'the API\'s contract types and "choose"');
    assert.deepEqual(offered.slice(1).map((o) => o.value), contractTypes.map((c) => c.code));
    const fixedTerm = contractTypes.find((c) => c.code === 'A.02.00');
    assert.equal(fixedTerm.label, 'LAVORO A TEMPO DETERMINATO');
    assert.equal(offered.find((o) => o.value === 'A.02.00').text, `A.02.00 - ${fixedTerm.label}`);
    assert.ok(!offered.some((o) => o.value === 'A.03.02'), 'A.03.02 closed on 2012-04-25');
    await chooseOption(cons, cons.locator('#co-contract-contractType'), 'A.02.00', 'A.02.00');
    await chooseOption(cons, cons.locator('#co-contract-workingTime'), 'F', 'F');
    await typeInto(cons, cons.locator('#co-contract-weeklyHours'), '40');
    await typeInto(cons, cons.locator('#co-contract-ccnl'), '001');
    await typeInto(cons, cons.locator('#co-contract-level'), '5');
    await typeInto(cons, cons.locator('#co-contract-profession'), '2.1.1.4.1.11');
    await typeInto(cons, cons.locator('#co-contract-socialSecurityBody'), '01');
    await typeInto(cons, cons.locator('#co-contract-inailPat'), '12345678');
    await typeInto(cons, cons.locator('#co-contract-annualPayEur'), '30000');
    await settled(cons);
    await cons.waitForFunction(() => /Nessun problema/.test(document.getElementById('co-check-status').textContent));
    // The deadline: the day before the start; on time.
    const [y, m, d] = DUE.split('-').map(Number);
    const dueText = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Rome' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
    assert.match(await cons.locator('#co-check-deadline').innerText(), new RegExp(`Termine per l'invio: ${dueText} · nei termini`));
    await axe(cons, 'wizard: contract');
    await press(cons, cons.locator('#co-next'));

    // Event: the hire.
    await stepIs(cons, 'L\'evento da comunicare');
    assert.equal(await cons.locator('#co-event-hire').isChecked(), true, 'hire proposed');
    await axe(cons, 'wizard: event');
    await press(cons, cons.locator('#co-next'));

    // Review and file.
    await stepIs(cons, 'Controlla e invia');
    assert.match(await cons.locator('#co-review').innerText(), /Bianchi[\s\S]*BNCGLI92L64D205V[\s\S]*A\.02\.00 - LAVORO A TEMPO DETERMINATO/);
    assert.equal(await cons.locator('#co-review .sisl-finding-error').count(), 0);
    await axe(cons, 'wizard: review');
    await english(cons, 'wizard: review');
    assert.match(await cons.locator('#co-step-heading').innerText(), /Check and file/);
    await italian(cons);
    await press(cons, cons.locator('#co-submit'));
    const result = cons.locator('#co-result');
    await result.waitFor();
    code = await result.getAttribute('data-code');
    assert.match(code, /^[0-9A-Z]{16}$/);
    assert.equal(await focused(cons.locator('#co-result-heading')), true, 'the confirmation takes the focus');
    assert.match(await result.innerText(), new RegExp(`Comunicazione inviata: codice ${code}[\\s\\S]*Data e ora di protocollo[\\s\\S]*nei termini`));
    // The receipt: PDF in the page's language, XML.
    const pdf = cons.locator('#co-result a[data-action="receipt-pdf"]');
    assert.match(await pdf.innerText(), /^Ricevuta PDF/);
    assert.equal(await pdf.getAttribute('href'), `/api/v1/communications/${code}/receipt.pdf?language=it`);
    const receipt = await cons.evaluate(async (href) => {
      const r = await fetch(href);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), start: String.fromCharCode(...bytes.slice(0, 5)) };
    }, await pdf.getAttribute('href'));
    assert.deepEqual(receipt, { status: 200, type: 'application/pdf', start: '%PDF-' });
    assert.equal(await cons.locator('#co-result a[data-action="receipt-xml"]').getAttribute('href'), `/api/v1/communications/${code}/receipt.xml`);
    await axe(cons, 'communication filed');
    await english(cons, 'communication filed');
    assert.match(await pdf.innerText(), /^Receipt PDF/);
    assert.equal(await pdf.getAttribute('href'), `/api/v1/communications/${code}/receipt.pdf?language=en`);
    await italian(cons);
    await screenshot(cons, 'filed');
  });

  it('downloads the XML, prints the detail and sees it in the list', async () => {
    const [download] = await Promise.all([cons.waitForEvent('download'), press(cons, cons.locator('#co-result a[data-action="xml"]'))]);
    const xml = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(xml.includes(code), 'the XML carries the code');
    assert.match(xml, /BNCGLI92L64D205V/);
    await press(cons, cons.locator('#co-result-print'));
    await cons.locator(`#co-detail[data-code="${code}"]`).waitFor();
    assert.equal(await cons.evaluate(() => window.printed), 1, 'the print dialog was opened');
    assert.match(await cons.locator('#co-detail').innerText(), /Giulia[\s\S]*Bianchi[\s\S]*2\.1\.1\.4\.1\.11/);
    await cons.emulateMedia({ media: 'print' });
    assert.equal(await cons.locator('.it-header-wrapper').isVisible(), false, 'printed without the header');
    assert.equal(await cons.locator('#co-detail .sisl-actions').first().isVisible(), false, 'nor the buttons');
    assert.equal(await cons.locator('#co-detail .sisl-print-only').isVisible(), true);
    await cons.emulateMedia({ media: 'screen' });
    await axe(cons, 'communication detail');
    await press(cons, cons.locator('#co-detail-back'));
    const hire = card(cons, code);
    await hire.waitFor();
    assert.equal(await hire.getAttribute('data-state'), 'COMMUNICATION_STATE_ACCEPTED');
    assert.match(await hire.innerText(), /Assunzione - Giulia Bianchi[\s\S]*Accettata[\s\S]*UNILAV[\s\S]*Data dell'evento[\s\S]*nei termini/);
    await axe(cons, 'communications list');
    await english(cons, 'communications list');
    assert.match(await hire.innerText(), /Hire - Giulia Bianchi[\s\S]*Accepted/);
    await italian(cons);
  });

  it('corrects the level: the old one is CORRECTED, replaced by the new code', async () => {
    await press(cons, card(cons, code).locator('button[data-action="correct"]'));
    await cons.locator('#co-wizard-heading', { hasText: `Rettifica della comunicazione ${code}` }).waitFor();
    assert.equal(await cons.locator('#co-worker-surname').inputValue(), 'Bianchi', 'prefilled with its content');
    await press(cons, cons.locator('#co-next'));
    await stepIs(cons, 'Dati del lavoratore');
    await press(cons, cons.locator('#co-next'));
    await stepIs(cons, 'Dati del rapporto di lavoro');
    assert.equal(await cons.locator('#co-contract-level').inputValue(), '5');
    await typeInto(cons, cons.locator('#co-contract-level'), 'C1');
    await settled(cons);
    await axe(cons, 'correction: contract');
    await press(cons, cons.locator('#co-next'));
    await stepIs(cons, 'L\'evento da comunicare');
    await press(cons, cons.locator('#co-next'));
    await stepIs(cons, 'Controlla e invia');
    assert.match(await cons.locator('#co-review').innerText(), /Livello di inquadramento\s+C1/);
    await press(cons, cons.locator('#co-submit'));
    const result = cons.locator('#co-result');
    await result.waitFor();
    corrected = await result.getAttribute('data-code');
    assert.notEqual(corrected, code);
    assert.match(await result.innerText(), new RegExp(`Rettifica inviata: codice ${corrected}, sostituisce ${code}`));
    await press(cons, cons.locator('#co-result-list'));
    const old = card(cons, code);
    await old.waitFor();
    assert.equal(await old.getAttribute('data-state'), 'COMMUNICATION_STATE_CORRECTED');
    assert.match(await old.innerText(), new RegExp(`Rettificata[\\s\\S]*Sostituita da\\s+${corrected}`));
    assert.equal(await old.locator('button[data-action="correct"]').count(), 0, 'a corrected one cannot be corrected');
    const now = card(cons, corrected);
    assert.match(await now.innerText(), new RegExp(`Accettata[\\s\\S]*Rettifica[\\s\\S]*Comunicazione precedente\\s+${code}`));
    assert.match(await cons.locator('#co-list-heading').innerText(), /\(2\)/);
    await axe(cons, 'list with the correction');
    // The cancellation asks first; Escape keeps it.
    const cancel = now.locator('button[data-action="cancel"]');
    await press(cons, cancel);
    const dialog = cons.locator('#co-cancel-dialog');
    await dialog.waitFor();
    assert.equal(await focused(cons.locator('#co-cancel-keep')), true, 'the dialog takes the focus');
    assert.match(await dialog.innerText(), new RegExp(`Annullare la comunicazione ${corrected}\\?`));
    await axe(cons, 'cancellation dialog');
    await cons.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(cancel), true, 'the focus goes back to the button');
    await screenshot(cons, 'corrected');
    assertNoProblems(cons);
  });

  it('the worker sees the relationship and its communications in her employment history', async () => {
    await worker.goto(`${BASE}/storia-lavorativa`);
    const rel = worker.locator('article.sisl-relationship');
    await rel.first().waitFor();
    assert.equal(await rel.count(), 1);
    assert.equal(await rel.getAttribute('data-state'), 'RELATIONSHIP_STATE_OPEN');
    const text = await rel.innerText();
    assert.match(text, new RegExp(`${COMPANY}[\\s\\S]*In corso[\\s\\S]*${COMPANY_CODE}[\\s\\S]*LAVORO A TEMPO DETERMINATO \\(A\\.02\\.00\\)[\\s\\S]*TEMPO PIENO, 40 ore settimanali`));
    assert.match(text, /Comunicazioni \(2\)/);
    assert.equal(await rel.locator(`li[data-code="${code}"]`).getAttribute('data-state'), 'COMMUNICATION_STATE_CORRECTED');
    assert.match(await rel.locator(`li[data-code="${corrected}"]`).innerText(), /Assunzione[\s\S]*Rettifica[\s\S]*Accettata/);
    assert.ok(await worker.locator('#main-nav a[href="/storia-lavorativa"][aria-current="page"]').count(), 'in the navigation');
    await axe(worker, 'my employment history');
    await english(worker, 'my employment history');
    assert.match(await rel.innerText(), /Open[\s\S]*Communications \(2\)/);
    await italian(worker);
    await screenshot(worker, 'employment-history');
    assertNoProblems(worker);
  });

  it('a CPI operator searches her history: the access reason is required', async () => {
    await login(op, 'operatore-torino', '/storia-lavorativa-cpi');
    const form = op.locator('#emp-search-form');
    await form.waitFor();
    await axe(op, 'employment search');
    await typeInto(op, op.locator('#emp-fiscal-code'), WORKER.toLowerCase());
    assert.equal(await op.locator('#emp-fiscal-code').inputValue(), WORKER, 'upper case');
    await press(op, op.locator('#emp-search'));
    const alert = op.locator('#emp-search-alert .alert-danger');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Motivo dell'accesso: Scrivi il motivo dell'accesso/);
    assert.equal(await op.locator('#emp-access-reason').getAttribute('aria-invalid'), 'true');
    assert.match(await op.locator('#emp-access-reason').getAttribute('aria-describedby'), /emp-access-reason-error/);
    assert.equal(await op.locator('article.sisl-relationship').count(), 0, 'nothing searched');
    await axe(op, 'employment search without a reason');
    await english(op, 'employment search without a reason');
    await italian(op);
    await press(op, op.locator('#emp-search-alert a.sisl-to-field'));
    assert.equal(await focused(op.locator('#emp-access-reason')), true);
    await op.keyboard.type('colloquio di orientamento');
    await press(op, op.locator('#emp-search'));
    await op.locator('#emp-result-heading').waitFor();
    assert.match(await op.locator('#emp-result-heading').innerText(), new RegExp(`Rapporti di lavoro di ${WORKER} \\(1\\)`));
    assert.match(await op.locator('article.sisl-relationship').innerText(), new RegExp(`${COMPANY}[\\s\\S]*Comunicazioni \\(2\\)`));
    assert.equal(await op.locator('#emp-access-reason').getAttribute('aria-invalid'), null);
    await axe(op, 'employment search result');
    await english(op, 'employment search result');
    assert.match(await op.locator('#emp-result-heading').innerText(), /Employment relationships of/);
    await italian(op);
    assertNoProblems(op);
  });

  it('the consultant cancels the correction: the relationship is cancelled', async () => {
    const now = card(cons, corrected);
    await press(cons, now.locator('button[data-action="cancel"]'));
    await press(cons, cons.locator('#co-cancel-confirm'));
    const ok = cons.locator('#co-list-message .alert-success');
    await ok.waitFor();
    assert.match(await ok.innerText(), new RegExp(`Comunicazione ${corrected} annullata`));
    assert.equal(await card(cons, corrected).getAttribute('data-state'), 'COMMUNICATION_STATE_CANCELLED');
    assert.match(await cons.locator('#co-list-heading').innerText(), /\(3\)/);
    await axe(cons, 'list after the cancellation');
    await worker.reload();
    await worker.locator('article.sisl-relationship').waitFor();
    assert.equal(await worker.locator('article.sisl-relationship').getAttribute('data-state'), 'RELATIONSHIP_STATE_CANCELLED');
    assertNoProblems(cons);
    assertNoProblems(worker);
  });

  it('the home page and the company area link the new pages for the roles concerned', async () => {
    for (const [page, href, label] of [[cons, '/comunicazioni', 'consultant'], [worker, '/storia-lavorativa', 'citizen'], [op, '/storia-lavorativa-cpi', 'operator']]) {
      await page.goto(`${BASE}/`);
      await page.locator('.sisl-role-list').waitFor();
      assert.ok(await page.locator(`#app a[href="${href}"]`).count(), `home of the ${label} links ${href}`);
      assert.ok(await page.locator(`#main-nav a[href="${href}"]`).count(), `and the navigation`);
      await axe(page, `home (${label})`);
    }
    await cons.goto(`${BASE}/azienda`);
    await cons.locator('#app a[href="/comunicazioni"]').waitFor();
    for (const p of [cons, worker, op]) assertNoProblems(p);
  });
});
