// L.68/99 returns and service requests: a citizen (the development IdP's Elena Ricci) registers a
// company with its registered office in Torino (001272, CPI-TO-15) and, after a new login, acts
// for it as legal representative: fills the L.68 wizard (80 full-time workers, 2 disabled, 4 part
// time) seeing the quota and its explanation follow every edit, saves the draft, submits it (the
// protocol number, late or not), downloads the XML (root prospetto); Torino's demo operator
// (CPI-TO-15) reads the return with its figures and asks for a correction with a reason; the
// company files the correction (a second province, a new version with its own protocol); a
// consultant's XML file with three returns is imported (one draft, two refusals with their line
// numbers) and the draft cancelled; the wizard's main path with the keyboard alone. Then a
// preselection request for one of the company's vacancies: the operator takes it in charge and
// asks, the company answers, the operator closes it as resolved. axe on every page and state, in
// Italian and English.
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  api, assert, assertNoProblems, axe, BASE, english, focused, italian, launch, login, newPage, press, screenshot, tabTo, typeInto, write,
} from './lib.mjs';

process.env.SISL_FLOW = 'enterprise_l68';
let browser;
let rep; // the legal representative
let op; // Torino's operator

const RUN = Date.now().toString(36);
const COMPANY = 'Impianti Ricci SRL';
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
const COMPANY_CODE = vatNumber('0456789012');
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const YEAR = Number(today.slice(0, 4)) - 1; // the return due by 31 January of this year
const LATE = today > `${YEAR + 1}-01-31`;
const SUBJECT = `Preselezione saldatori ${RUN}`;

// The value a figure shows in the live computation (a province's table or the national one).
const figure = (page, section, name) => page.locator(`#l68-calc table[data-section="${section}"] tr[data-figure="${name}"] .sisl-l68-value`);
const explanation = (page, section, name) => page.locator(`#l68-calc table[data-section="${section}"] tr[data-figure="${name}"] details`);
async function waitFigure(page, section, name, value) {
  await page.waitForFunction(([s, n, v]) => document.querySelector(`#l68-calc table[data-section="${s}"] tr[data-figure="${n}"] .sisl-l68-value`)?.textContent === v
    && document.getElementById('l68-calc')?.getAttribute('aria-busy') === 'false', [section, name, value]);
}
const card = (page, hasText) => page.locator('article.sisl-l68-return', { hasText });
const row = (page, section, n) => page.locator(`#l68-sections section.sisl-l68-section`).nth(section).locator('fieldset.sisl-l68-row').nth(n);

describe('enterprise: L.68/99 returns and service requests', () => {
  before(async () => {
    browser = await launch();
    [rep, op] = await Promise.all([newPage(browser), newPage(browser)]);
  });
  after(async () => {
    await browser?.close();
  });

  it('a citizen registers the company, logs in again and acts for it on the L.68 page', async () => {
    await rep.goto(`${BASE}/prospetto-l68`);
    await rep.locator('.spid-button').waitFor();
    await axe(rep, 'L.68 page (logged out)');
    await login(rep, 'titolare-azienda', '/prospetto-l68');
    await rep.locator('#app .alert').waitFor();
    assert.match(await rep.locator('#app').innerText(), /devi operare per un'azienda/);
    await axe(rep, 'L.68 page (citizen without a company)');
    // The company (REST: the company area's registration is covered by enterprise.test.mjs).
    assert.equal((await api(rep, 'POST', '/api/session/role', { role: 'citizen' })).status, 200);
    const registered = await write(rep, '/api/v1/companies', { company: {
      fiscalCode: COMPANY_CODE, name: COMPANY, legalForm: 'LEGAL_FORM_LIMITED_COMPANY', sector: 'SECTOR_PRIVATE', atecoCode: '43.21.01',
      pec: 'impianti.ricci@pec.example.it', registeredOffice: { municipality: '001272', address: 'Corso Francia 5', postcode: '10138' },
    }, requestId: `co-${RUN}` });
    assert.equal(registered.status, 200, JSON.stringify(registered.data));
    // A new login brings the company role.
    await rep.context().clearCookies();
    await login(rep, 'titolare-azienda', '/prospetto-l68');
    const act = rep.locator(`button[data-acting-for="${COMPANY_CODE}"]`);
    await act.waitFor();
    assert.match(await rep.locator('#chooser-heading').innerText(), /Per quale azienda vuoi operare/);
    await axe(rep, 'L.68 page: choose the company');
    await press(rep, act);
    await rep.locator('#l68-new').waitFor();
    assert.match(await rep.locator('.sisl-acting-for').innerText(), new RegExp(`Stai operando per ${COMPANY} come Rappresentante legale`));
    assert.match(await rep.locator('#l68-list-heading').innerText(), /Prospetti dell'azienda \(0\)/);
    assert.ok(await rep.locator('#main-nav a[href="/prospetto-l68"][aria-current="page"]').count(), 'the navigation marks the page');
    assert.ok(await rep.locator('#main-nav a[href="/richieste-servizio"]').count(), 'and links the service requests');
    await axe(rep, 'L.68 returns (none)');
    await english(rep, 'L.68 returns (none)');
    assert.match(await rep.locator('#l68-list-heading').innerText(), /The company's returns \(0\)/);
    await italian(rep);
  });

  it('(a) a legal representative files an L.68 return: the quota and its explanation follow every edit, save, submit, XML', async () => {
    await press(rep, rep.locator('#l68-new'));
    const heading = rep.locator('#l68-wizard-heading');
    await heading.waitFor();
    assert.equal(await focused(heading), true, 'the wizard heading takes the focus');
    assert.equal(await heading.innerText(), 'Nuovo prospetto informativo');
    assert.equal(await rep.locator('#l68-year').inputValue(), String(YEAR), 'last year proposed');
    assert.equal(await rep.locator('#l68-office').inputValue(), 'TO', 'the registered office is in Torino');
    assert.match(await rep.locator('#l68-sections h3').first().innerText(), /Sezione 1: Torino \(TO\)/);
    assert.match(await rep.locator('#l68-calc-status').innerText(), /Scrivi il numero di lavoratori/);
    await axe(rep, 'L.68 wizard (empty)');

    // 60 full-time workers: 7% of 60 = 4.20, rounded down to 4.
    const count1 = row(rep, 0, 0).locator('input[id$="-count"]');
    await typeInto(rep, count1, '60');
    await waitFigure(rep, 'p.TO', 'quota', '4');
    assert.equal(await rep.locator('#l68-calc dd[data-key="l68r.key.category"]').innerText(), 'Fascia A: più di 50 dipendenti computabili (7%)');
    assert.match(await rep.locator('#l68-calc-status').innerText(), /Quota di riserva 4, posti dovuti 4, posti scoperti 4\./);
    const why = explanation(rep, 'p.TO', 'quota');
    await press(rep, why.locator('summary'));
    assert.equal(await why.getAttribute('open'), '', 'the explanation opens with the keyboard');
    assert.match(await why.innerText(), /7% della base provinciale 60 = 4\.20[\s\S]*non supera 0,50, quindi si arrotonda per difetto a 4/);
    await axe(rep, 'L.68 wizard: the quota explained');
    await screenshot(rep, 'l68-live-60');

    // 80: 5.60 rounds up to 6; the explanation stays open and follows.
    await typeInto(rep, count1, '80');
    await waitFigure(rep, 'p.TO', 'quota', '6');
    assert.equal(await why.getAttribute('open'), '', 'still open after the update');
    assert.match(await why.innerText(), /7% della base provinciale 80 = 5\.60[\s\S]*supera 0,50, quindi si arrotonda per eccesso a 6/);

    // Two disabled workers (not counted, they cover the quota).
    await press(rep, rep.locator('#l68-sections button[data-action="add-row"]').first());
    const count2 = row(rep, 0, 1).locator('input[id$="-count"]');
    assert.equal(await focused(count2), true, 'the new line takes the focus');
    await rep.keyboard.type('2');
    await row(rep, 0, 1).locator('select[id$="-role"]').selectOption('L68_ROLE_DISABLED');
    assert.equal(await row(rep, 0, 1).locator('select[id$="-excl"]').isVisible(), false, 'no exclusion for disabled workers');
    await waitFigure(rep, 'p.TO', 'covered', '2');
    assert.equal(await figure(rep, 'p.TO', 'disabledInForce').innerText(), '2');
    assert.equal(await figure(rep, 'p.TO', 'uncovered').innerText(), '4');
    // The new figures are announced (polite live region).
    await rep.waitForFunction(() => document.getElementById('sr-status')?.textContent === 'Quota di riserva 6, posti dovuti 6, posti scoperti 4.');

    // Four part-time workers: the hours are asked (the computation waits), then counted pro rata.
    await press(rep, rep.locator('#l68-sections button[data-action="add-row"]').first());
    await rep.keyboard.type('4');
    const third = row(rep, 0, 2);
    await third.locator('select[id$="-wt"]').selectOption('L68_WORKING_TIME_PART_TIME');
    const hours = third.locator('input[id$="-hours"]');
    await hours.waitFor();
    await rep.locator('#l68-calc .sisl-l68-waiting').waitFor();
    assert.match(await rep.locator('#l68-calc').innerText(), /Il calcolo riprende quando[\s\S]*Torino \(TO\), Riga 3, Ore settimanali da contratto: Scrivi le ore/);
    await axe(rep, 'L.68 wizard: the computation waits for the hours');
    await typeInto(rep, hours, '20');
    await waitFigure(rep, 'p.TO', 'partTimeUnits', '2');
    assert.equal(await figure(rep, 'p.TO', 'base').innerText(), '82');
    assert.equal(await figure(rep, 'p.TO', 'quota').innerText(), '6');
    assert.match(await why.innerText(), /7% della base provinciale 82 = 5\.74/);
    assert.match(await rep.locator('#l68-calc-status').innerText(), /Quota di riserva 6, posti dovuti 6, posti scoperti 4\./);
    await axe(rep, 'L.68 wizard filled in');
    await screenshot(rep, 'l68-wizard');

    // Save the draft: the year is fixed from now on.
    await press(rep, rep.locator('#l68-save'));
    await rep.locator('#l68-message .alert-success').waitFor();
    assert.match(await rep.locator('#l68-message').innerText(), new RegExp(`Bozza del prospetto ${YEAR} salvata`));
    assert.equal(await heading.innerText(), `Bozza del prospetto ${YEAR}`);
    assert.equal(await rep.locator('#l68-year').isDisabled(), true);
    assert.equal(await row(rep, 0, 2).locator('input[id$="-hours"]').inputValue(), '20', 'the form keeps what was written');
    await waitFigure(rep, 'p.TO', 'quota', '6');
    await axe(rep, 'L.68 draft saved');
    await english(rep, 'L.68 draft');
    assert.equal(await heading.innerText(), `Draft return ${YEAR}`);
    assert.equal(await explanation(rep, 'p.TO', 'quota').getAttribute('open'), '', 'the explanation stays open in the new language');
    assert.match(await explanation(rep, 'p.TO', 'quota').innerText(), /7% of the provincial base 82 = 5\.74/);
    assert.equal(await row(rep, 0, 2).locator('input[id$="-hours"]').inputValue(), '20');
    await italian(rep);

    // Submit: the protocol number and whether it is late.
    await press(rep, rep.locator('#l68-submit'));
    const done = rep.locator('#l68-list-message .alert-success');
    await done.waitFor();
    const text = await done.innerText();
    const protocol = /protocollo (PI-\d{4}-\d{6})/.exec(text)?.[1];
    assert.ok(protocol, text);
    assert.match(text, new RegExp(`Prospetto ${YEAR} inviato con protocollo ${protocol}\\. In ritardo: ${LATE ? 'Sì: inviato dopo' : 'No: inviato entro'} la scadenza del [^.]*31 gennaio ${YEAR + 1}`));
    const filed = card(rep, `Prospetto ${YEAR}, versione 1`);
    assert.equal(await filed.getAttribute('data-state'), 'L68_RETURN_STATE_SUBMITTED');
    assert.equal(await filed.locator('dd[data-fact="l68r.protocol"]').innerText(), protocol);
    assert.match(await filed.locator('dd[data-fact="l68r.late"]').innerText(), LATE ? /^Sì/ : /^No/);
    assert.equal(await filed.locator('dd[data-fact="l68r.fig.positionsDue"]').innerText(), '6');
    assert.equal(await focused(filed.locator('h3')), true, 'the focus goes to the return filed');
    await axe(rep, 'L.68 return submitted');
    await screenshot(rep, 'l68-submitted');

    // The XML: a download of the ministry's structure, root prospetto.
    const [download] = await Promise.all([rep.waitForEvent('download'), press(rep, filed.locator('a[data-action="xml"]'))]);
    assert.equal(download.suggestedFilename(), `prospetto-l68-${COMPANY_CODE}-${YEAR}-v1.xml`);
    const xml = fs.readFileSync(await download.path(), 'utf8');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\s*<prospetto xmlns="http:\/\/servizi\.lavoro\.gov\.it\/UNIPI"/);
    assert.match(xml, new RegExp(`protocollo="${protocol}"`));
    assert.match(xml, new RegExp(`<codicefiscale>${COMPANY_CODE}</codicefiscale>`));
    assert.match(xml, /<quotariserva>6<\/quotariserva>/);
    assert.match(xml, /<\/prospetto>\s*$/);
    const href = await filed.locator('a[data-action="xml"]').getAttribute('href');
    const type = await rep.evaluate(async (u) => (await fetch(u)).headers.get('content-type'), href);
    assert.equal(type, 'application/xml; charset=utf-8');
  });

  it("Torino's operator reads the return with its explanation and asks for a correction with a reason", async () => {
    await login(op, 'operatore-torino', '/prospetti-l68-cpi');
    const filed = card(op, COMPANY);
    await filed.waitFor();
    assert.match(await op.locator('#l68c-cpi').innerText(), /CPI-TO-15/);
    assert.match(await op.locator('#l68c-list-heading').innerText(), /Inviati e in correzione \(\d+\)/);
    assert.match(await filed.locator('h3').innerText(), new RegExp(`${COMPANY} - Prospetto ${YEAR}, versione 1`));
    assert.ok(await op.locator('#main-nav a[href="/richieste-servizio-cpi"]').count(), 'the navigation links the company requests');
    await axe(op, 'operator: L.68 returns of the CPI');
    await press(op, filed.locator('button[data-action="detail"]'));
    const heading = op.locator('#l68c-detail-heading');
    await heading.waitFor();
    assert.equal(await focused(heading), true);
    const quota = op.locator('table[data-section="national"] tr[data-figure="quota"]');
    assert.equal(await quota.locator('.sisl-l68-value').innerText(), '6');
    await press(op, quota.locator('summary'));
    assert.match(await quota.locator('details').innerText(), /7% della base nazionale 82 = 5\.74[\s\S]*per eccesso a 6/);
    // The provincial sections open on demand.
    const torino = op.locator('.sisl-l68-detail details[data-province="TO"]');
    await press(op, torino.locator('summary').first());
    assert.match(await torino.locator('caption').innerText(), /Torino \(TO\) \(sede legale\)/);
    assert.equal(await torino.locator('tr[data-figure="uncovered"] .sisl-l68-value').innerText(), '4');
    assert.match(await op.locator('.sisl-l68-versions').innerText(), /Versioni del prospetto \(1\)/);
    await axe(op, 'operator: a return in detail');
    await english(op, 'operator: a return in detail');
    await italian(op);
    await press(op, op.locator('.sisl-l68-detail button[data-action="request-correction"]'));
    const form = op.locator('.sisl-l68-detail form');
    await press(op, form.locator('button[type="submit"]'));
    await form.locator('.alert-danger').waitFor();
    assert.match(await form.locator('.alert-danger').innerText(), /Scrivi il motivo/);
    assert.equal(await form.locator('textarea').getAttribute('aria-invalid'), 'true');
    await axe(op, 'operator: correction without a reason');
    await typeInto(op, form.locator('textarea'), 'Manca la sezione di Cuneo');
    await press(op, form.locator('button[type="submit"]'));
    await op.locator('.sisl-l68-detail .alert-success').waitFor();
    assert.match(await op.locator('.sisl-l68-detail .alert-success').innerText(), new RegExp(`Correzione richiesta a ${COMPANY} per il prospetto ${YEAR}`));
    assert.equal(await op.locator('.sisl-l68-detail').getAttribute('data-state'), 'L68_RETURN_STATE_UNDER_CORRECTION');
    await press(op, op.locator('.sisl-l68-detail .sisl-l68-history > summary'));
    assert.match(await op.locator('.sisl-l68-detail .sisl-l68-history').innerText(), /Storico \(3 passaggi\)[\s\S]*correzione richiesta \(operatore del CPI\) - Manca la sezione di Cuneo/);
    await axe(op, 'operator: correction requested');
    await screenshot(op, 'l68-operator');
  });

  it('the company files the correction: a second province, a new version with its own protocol', async () => {
    await rep.reload();
    const open = card(rep, `Prospetto ${YEAR}, versione 1`);
    await open.waitFor();
    assert.equal(await open.getAttribute('data-state'), 'L68_RETURN_STATE_UNDER_CORRECTION');
    assert.equal(await open.locator('dd[data-fact="l68r.correctionReason"]').innerText(), 'Manca la sezione di Cuneo');
    await press(rep, open.locator('button[data-action="correct"]'));
    const heading = rep.locator('#l68-wizard-heading');
    await heading.waitFor();
    assert.match(await heading.innerText(), new RegExp(`Correzione del prospetto ${YEAR} \\(protocollo PI-`));
    assert.match(await rep.locator('.sisl-l68-wizard .callout').innerText(), /Motivo della richiesta: Manca la sezione di Cuneo/);
    await waitFigure(rep, 'p.TO', 'quota', '6');
    await press(rep, rep.locator('#l68-add-section'));
    const cuneo = rep.locator('#l68-sections section.sisl-l68-section').nth(1);
    assert.equal(await focused(cuneo.locator('h3')), true, 'the new section takes the focus');
    assert.match(await cuneo.locator('h3').innerText(), /Sezione 2: Cuneo \(CN\)/);
    await typeInto(rep, cuneo.locator('input[id$="-count"]').first(), '20');
    // The national base 102: 7.14, 7 positions.
    await rep.waitForFunction(() => document.querySelector('#l68-calc dd[data-key="l68r.fig.quota"]')?.textContent === '7'
      && document.getElementById('l68-calc').getAttribute('aria-busy') === 'false');
    await rep.locator('#l68-calc table[data-section="p.CN"]').waitFor();
    await axe(rep, 'L.68 correction with two provinces');
    await typeInto(rep, rep.locator('#l68-correction-reason'), 'Aggiunta la sede di Cuneo');
    await press(rep, rep.locator('#l68-submit'));
    const done = rep.locator('#l68-list-message .alert-success');
    await done.waitFor();
    assert.match(await done.innerText(), new RegExp(`Correzione inviata: prospetto ${YEAR}, versione 2, protocollo PI-\\d{4}-\\d{6}`));
    assert.equal(await card(rep, `Prospetto ${YEAR}, versione 2`).getAttribute('data-state'), 'L68_RETURN_STATE_SUBMITTED');
    assert.equal(await card(rep, `Prospetto ${YEAR}, versione 1`).getAttribute('data-state'), 'L68_RETURN_STATE_CORRECTED');
    await press(rep, card(rep, `Prospetto ${YEAR}, versione 2`).locator('button[data-action="detail"]'));
    await rep.locator('#l68-detail-heading').waitFor();
    const versions = rep.locator('.sisl-l68-versions');
    assert.match(await versions.innerText(), /Versioni del prospetto \(2\)[\s\S]*Apri la versione 1\s+Sostituito da una rettifica\s+PI-[^\n]*\n2\s+\(questa versione\)\s+Inviato\s+PI-/);
    assert.equal(await rep.locator('.sisl-l68-detail dd[data-key="l68r.fig.quota"]').first().innerText(), '7');
    await axe(rep, 'L.68 return, version 2 in detail');
    await english(rep, 'L.68 return, version 2 in detail');
    assert.match(await versions.innerText(), /Replaced by a correction/);
    await italian(rep);
    await press(rep, rep.locator('#l68-detail-back'));
    await rep.locator('#l68-new').waitFor();
  });

  it("imports a consultant's XML file: a result per document with its line numbers; the imported draft cancelled", async () => {
    const first = card(rep, `Prospetto ${YEAR}, versione 1`);
    const exported = await api(rep, 'GET', await first.locator('a[data-action="xml"]').getAttribute('href'));
    assert.equal(exported.status, 200);
    const one = exported.data.replace(/^<\?xml[^>]*>\s*/, '');
    // Two years earlier: a new draft. Three years earlier with a number in words: the schema
    // refuses it. The year already filed: refused (one open return per year).
    const valid = one.replace(`<datariferimento>${YEAR}-12-31</datariferimento>`, `<datariferimento>${YEAR - 2}-12-31</datariferimento>`);
    const broken = one.replace(`<datariferimento>${YEAR}-12-31</datariferimento>`, `<datariferimento>${YEAR - 3}-12-31</datariferimento>`)
      .replace('<numero>80</numero>', '<numero>ottanta</numero>');
    const file = `<?xml version="1.0" encoding="UTF-8"?>\n<prospetti xmlns="http://servizi.lavoro.gov.it/UNIPI">\n${valid}${broken}${one}</prospetti>\n`;
    const lineOf = (needle, from = 0) => file.slice(0, file.indexOf(needle, from)).split('\n').length;
    const starts = [];
    for (let at = file.indexOf('<prospetto '); at >= 0; at = file.indexOf('<prospetto ', at + 1)) starts.push(file.slice(0, at).split('\n').length);
    assert.equal(starts.length, 3);

    await press(rep, rep.locator('#l68-import-open'));
    const input = rep.locator('#l68-import-file');
    assert.equal(await focused(input), true, 'the file field takes the focus');
    await press(rep, rep.locator('#l68-import-submit'));
    await rep.locator('#l68-import-form .alert-danger').waitFor();
    assert.match(await rep.locator('#l68-import-form .alert-danger').innerText(), /File XML: Scegli un file XML/);
    await axe(rep, 'L.68 import without a file');
    // Not well-formed: refused whole, with the line.
    await input.setInputFiles({ name: 'rotto.xml', mimeType: 'application/xml', buffer: Buffer.from('<prospetti>\n<prospetto>\n</prospetti>\n') });
    await press(rep, rep.locator('#l68-import-submit'));
    await rep.locator('#l68-import-form .alert-danger', { hasText: 'ben formato' }).waitFor();
    assert.match(await rep.locator('#l68-import-form .alert-danger').innerText(), /non è un XML ben formato \(riga 3, colonna \d+\): non è stato importato nulla/);

    await input.setInputFiles({ name: 'prospetti-consulente.xml', mimeType: 'application/xml', buffer: Buffer.from(file) });
    await press(rep, rep.locator('#l68-import-submit'));
    const result = rep.locator('#l68-import-result');
    await result.waitFor();
    assert.equal(await focused(rep.locator('#l68-import-result-heading')), true, 'the results take the focus');
    assert.match(await result.innerText(), /Esito dell'importazione di prospetti-consulente\.xml[\s\S]*Prospetti importati come bozza: 1; rifiutati: 2\./);
    const rows = result.locator('tbody tr');
    assert.equal(await rows.count(), 3);
    assert.match(await rows.nth(0).innerText(), new RegExp(`^1\\s+${starts[0]}\\s+${COMPANY_CODE}\\s+${YEAR - 2}\\s+Importato come bozza`));
    assert.match(await rows.nth(1).innerText(), new RegExp(`^2\\s+${starts[1]}\\s+${COMPANY_CODE}\\s+${YEAR - 3}\\s+Rifiutato[\\s\\S]*non rispetta lo schema XML[\\s\\S]*Riga ${lineOf('ottanta')}: .*ottanta`));
    assert.match(await rows.nth(2).innerText(), new RegExp(`^3\\s+${starts[2]}\\s+${COMPANY_CODE}\\s+${YEAR}\\s+Rifiutato[\\s\\S]*già un prospetto aperto`));
    const draft = card(rep, `Prospetto ${YEAR - 2}, versione 1`);
    assert.equal(await draft.getAttribute('data-state'), 'L68_RETURN_STATE_DRAFT');
    await axe(rep, 'L.68 import results');
    await english(rep, 'L.68 import results');
    assert.match(await result.innerText(), /Returns imported as drafts: 1; refused: 2\./);
    await italian(rep);
    await screenshot(rep, 'l68-import');

    await press(rep, draft.locator('button[data-action="cancel"]'));
    await axe(rep, 'L.68 cancel form');
    await press(rep, draft.locator('form button[type="submit"]'));
    await rep.locator('#l68-list-message .alert-success', { hasText: 'annullato' }).waitFor();
    assert.match(await rep.locator('#l68-list-message').innerText(), new RegExp(`Prospetto ${YEAR - 2} annullato`));
    assert.equal(await card(rep, `Prospetto ${YEAR - 2}, versione 1`).getAttribute('data-state'), 'L68_RETURN_STATE_CANCELLED');
  });

  it("(c) keyboard only: the wizard's main path, from a new return to its protocol number", async () => {
    const page = await newPage(browser);
    await login(page, 'titolare-azienda', '/prospetto-l68');
    const act = page.locator(`button[data-acting-for="${COMPANY_CODE}"]`);
    await act.waitFor();
    await tabTo(page, act);
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('#l68-new'));
    await page.keyboard.press('Enter');
    await page.locator('#l68-form').waitFor();
    assert.equal(await focused(page.locator('#l68-wizard-heading')), true);
    await page.keyboard.press('Tab');
    assert.equal(await focused(page.locator('#l68-year')), true, 'the year comes first');
    await page.keyboard.type(String(YEAR - 1));
    assert.equal(await page.locator('#l68-year').inputValue(), String(YEAR - 1));
    await page.keyboard.press('Tab');
    assert.equal(await focused(page.locator('#l68-office')), true, 'then the registered office');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page.locator('#l68-sections select').first()), true, "then the section's province");
    await page.keyboard.press('Tab');
    const count = page.locator('#l68-sections input[id$="-count"]').first();
    assert.equal(await focused(count), true, 'then the number of workers');
    await page.keyboard.type('45');
    // 36 to 50 computable workers: two disabled workers.
    await waitFigure(page, 'p.TO', 'quota', '2');
    assert.match(await page.locator('#l68-calc dd[data-key="l68r.key.category"]').innerText(), /Fascia B/);
    await tabTo(page, page.locator('#l68-save'));
    await page.keyboard.press('Enter');
    await page.locator('#l68-message .alert-success').waitFor();
    assert.equal(await focused(page.locator('#l68-wizard-heading')), true, 'the heading takes the focus after saving');
    await tabTo(page, page.locator('#l68-submit'));
    await page.keyboard.press('Enter');
    const done = page.locator('#l68-list-message .alert-success');
    await done.waitFor();
    assert.match(await done.innerText(), new RegExp(`Prospetto ${YEAR - 1} inviato con protocollo PI-\\d{4}-\\d{6}`));
    assert.equal(await focused(page.locator(`article.sisl-l68-return[data-year="${YEAR - 1}"] h3`)), true);
    assertNoProblems(page);
    await page.context().close();
  });

  it('(b) a service request: the company asks for a preselection, the operator takes it in charge and asks, the company answers, the operator closes it as resolved', async () => {
    // A vacancy of the company (REST) for the preselection.
    const expiry = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
    const vacancy = await write(rep, '/api/v1/vacancies', { content: {
      title: `Saldatore ${RUN}`, description: 'Saldatura a filo e TIG in officina.', professionCode: '6.2.1.2.0', positions: 2,
      contractType: 'A.02.00', durationMonths: 12, workplaceMunicipality: '001272', workingTime: 'F', weeklyHours: 40,
      l68Reservation: 'L68_RESERVATION_NONE', publicationDate: today, expiryDate: expiry,
    }, requestId: `vac-${RUN}` });
    assert.equal(vacancy.status, 200, JSON.stringify(vacancy.data));

    await rep.goto(`${BASE}/richieste-servizio`);
    await rep.locator('#sr-new').waitFor();
    assert.match(await rep.locator('#sr-list-heading').innerText(), /Richieste dell'azienda \(0\)/);
    await axe(rep, 'service requests (none)');
    await press(rep, rep.locator('#sr-new'));
    const heading = rep.locator('#sr-form-heading');
    await heading.waitFor();
    assert.equal(await focused(heading), true);
    assert.equal(await rep.locator('input[name="sr-kind"][value="SERVICE_REQUEST_KIND_PRESELECTION"]').isChecked(), true);
    await axe(rep, 'new service request');
    await press(rep, rep.locator('#sr-submit'));
    const error = rep.locator('#sr-form .alert-danger');
    await error.waitFor();
    assert.match(await error.innerText(), /Oggetto: Campo obbligatorio[\s\S]*Descrizione: Campo obbligatorio/);
    assert.equal(await rep.locator('#sr-subject').getAttribute('aria-invalid'), 'true');
    await axe(rep, 'new service request with errors');
    await typeInto(rep, rep.locator('#sr-subject'), SUBJECT);
    await typeInto(rep, rep.locator('#sr-description'), 'Cerchiamo due saldatori per la nuova linea.\nDisponibilità dal mese prossimo.');
    await rep.locator('#sr-vacancy').selectOption({ label: `Saldatore ${RUN}` });
    await english(rep, 'new service request');
    assert.equal(await rep.locator('#sr-subject').inputValue(), SUBJECT, 'the form keeps what was written');
    await italian(rep);
    await press(rep, rep.locator('#sr-submit'));
    const view = rep.locator('.sisl-service-request-detail');
    await view.waitFor();
    assert.match(await view.locator('.alert-success').innerText(), new RegExp(`Richiesta «${SUBJECT}» inviata a CPI-TO-15`));
    assert.equal(await view.getAttribute('data-state'), 'SERVICE_REQUEST_STATE_SUBMITTED');
    assert.match(await view.innerText(), new RegExp(`Tipo\\s+Preselezione di candidati[\\s\\S]*Offerta collegata\\s+Saldatore ${RUN}`));
    await axe(rep, 'service request submitted');
    await english(rep, 'service request submitted');
    await italian(rep);

    await op.goto(`${BASE}/richieste-servizio-cpi`);
    const listed = op.locator('article.sisl-service-request', { hasText: SUBJECT });
    await listed.waitFor();
    assert.match(await op.locator('#src-list-heading').innerText(), /Richieste: Aperte \(\d+\)/);
    assert.match(await listed.innerText(), new RegExp(`Inviata[\\s\\S]*Azienda\\s+${COMPANY} \\(${COMPANY_CODE}\\)`));
    await axe(op, 'operator: company requests');
    await english(op, 'operator: company requests');
    await italian(op);
    await press(op, listed.locator('button[data-action="open"]'));
    const thread = op.locator('.sisl-service-request-detail');
    await thread.waitFor();
    assert.equal(await focused(op.locator('#sr-heading')), true);
    assert.match(await thread.innerText(), new RegExp(`Offerta collegata\\s+Saldatore ${RUN}[\\s\\S]*Cerchiamo due saldatori per la nuova linea\\.\\s+Disponibilità`));
    await axe(op, 'operator: a request');
    await press(op, thread.locator('button[data-action="take"]'));
    await axe(op, 'operator: take in charge form');
    await press(op, thread.locator('#sr-take-form button[type="submit"]'));
    await thread.locator('.alert-success', { hasText: 'presa in carico' }).waitFor();
    assert.equal(await op.locator('.sisl-service-request-detail').getAttribute('data-state'), 'SERVICE_REQUEST_STATE_TAKEN_IN_CHARGE');
    await press(op, op.locator('button[data-action="ask"]'));
    await press(op, op.locator('#sr-ask-form button[type="submit"]'));
    await op.locator('#sr-ask-form .alert-danger').waitFor();
    assert.match(await op.locator('#sr-ask-form .alert-danger').innerText(), /Scrivi il testo/);
    await axe(op, 'operator: question without text');
    await typeInto(op, op.locator('#sr-ask-text'), 'Quante persone servono e da quando?');
    await press(op, op.locator('#sr-ask-form button[type="submit"]'));
    await op.locator('.sisl-service-request-detail .alert-success', { hasText: 'Domanda inviata' }).waitFor();
    assert.equal(await op.locator('.sisl-service-request-detail').getAttribute('data-state'), 'SERVICE_REQUEST_STATE_WAITING_FOR_COMPANY');
    assert.match(await op.locator('.sisl-thread').innerText(), /Centro per l'impiego, .* - domanda\s+Quante persone servono e da quando\?/);
    await axe(op, 'operator: question asked');

    // The company answers.
    await press(rep, rep.locator('#sr-back'));
    const mine = rep.locator('article.sisl-service-request', { hasText: SUBJECT });
    await mine.waitFor();
    await rep.reload();
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-state'), 'SERVICE_REQUEST_STATE_WAITING_FOR_COMPANY');
    assert.match(await mine.innerText(), /In attesa di risposta dell'azienda/);
    await press(rep, mine.locator('button[data-action="open"]'));
    await rep.locator('.sisl-service-request-detail').waitFor();
    assert.match(await rep.locator('.sisl-thread').innerText(), /Quante persone servono e da quando\?/);
    await press(rep, rep.locator('button[data-action="answer"]'));
    assert.equal(await focused(rep.locator('#sr-answer-text')), true);
    await rep.keyboard.type('Due saldatori, da gennaio.');
    await axe(rep, 'service request: the answer');
    await press(rep, rep.locator('#sr-answer-form button[type="submit"]'));
    await rep.locator('.sisl-service-request-detail .alert-success', { hasText: 'Risposta inviata' }).waitFor();
    assert.equal(await rep.locator('.sisl-service-request-detail').getAttribute('data-state'), 'SERVICE_REQUEST_STATE_ANSWERED');
    assert.match(await rep.locator('.sisl-thread').innerText(), /Azienda, .* - risposta\s+Due saldatori, da gennaio\./);
    await axe(rep, 'service request answered');

    // The operator closes it as resolved.
    await press(op, op.locator('#sr-back'));
    await listed.waitFor();
    assert.equal(await listed.getAttribute('data-state'), 'SERVICE_REQUEST_STATE_ANSWERED');
    await press(op, listed.locator('button[data-action="open"]'));
    await op.locator('.sisl-service-request-detail').waitFor();
    assert.match(await op.locator('.sisl-thread').innerText(), /Due saldatori, da gennaio\./);
    await press(op, op.locator('button[data-action="close"]'));
    const close = op.locator('#sr-close-form');
    assert.equal(await close.locator('input[value="SERVICE_REQUEST_OUTCOME_RESOLVED"]').isChecked(), true, 'resolved proposed');
    await axe(op, 'operator: close form');
    await typeInto(op, op.locator('#sr-close-text'), 'Inviati tre candidati all\'azienda.');
    await press(op, close.locator('button[type="submit"]'));
    await op.locator('.sisl-service-request-detail .alert-success', { hasText: 'chiusa' }).waitFor();
    assert.match(await op.locator('.sisl-service-request-detail .alert-success').innerText(), new RegExp(`Richiesta «${SUBJECT}» chiusa: risolta`));
    assert.match(await op.locator('.sisl-service-request-detail .badge').innerText(), /Chiusa: risolta/);
    await axe(op, 'operator: request closed');
    await english(op, 'operator: request closed');
    await italian(op);
    await screenshot(op, 'service-request-closed');

    await rep.reload();
    await mine.waitFor();
    assert.equal(await mine.getAttribute('data-state'), 'SERVICE_REQUEST_STATE_CLOSED');
    await press(rep, mine.locator('button[data-action="open"]'));
    await rep.locator('.sisl-service-request-detail').waitFor();
    assert.match(await rep.locator('.sisl-thread').innerText(), /Inviati tre candidati all'azienda\./);
    assert.ok(await rep.locator('button[data-action="reopen"]').count(), 'the company may reopen it within 30 days');
    await axe(rep, 'service request closed (company)');
    await english(rep, 'service request closed (company)');
    await italian(rep);
    await screenshot(rep, 'service-request-company');
  });

  it('the home page links the new pages for the roles concerned', async () => {
    await rep.goto(`${BASE}/`);
    await rep.locator('.sisl-role-list').waitFor();
    assert.ok(await rep.locator('#app a[href="/prospetto-l68"]').count());
    assert.ok(await rep.locator('#app a[href="/richieste-servizio"]').count());
    await axe(rep, 'home (company)');
    await op.goto(`${BASE}/`);
    await op.locator('.sisl-role-list').waitFor();
    assert.ok(await op.locator('#app a[href="/prospetti-l68-cpi"]').count());
    assert.ok(await op.locator('#app a[href="/richieste-servizio-cpi"]').count());
    assert.ok(await op.locator('#app a[href="/revisione-offerte"]').count(), 'the vacancy review is still there');
    await axe(op, 'home (operator)');
    for (const p of [rep, op]) assertNoProblems(p);
  });
});
