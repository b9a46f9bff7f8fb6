// The labour-market observatory (/osservatorio, public; /osservatorio-cpi, staff). So that the
// figures do not depend on the flows run before it, a company of this run (the legal
// representative Elena Ricci, REST) files hires starting today (a day late: a warning, not a
// refusal) with the workplace in Torino (six), Alessandria (five) and Cuneo (one), and a citizen
// (Luca Ferrero, REST) books an appointment at a CPI of Torino; the observatory counts them from
// the events within a few seconds (polled through the REST API). Logged out, from the home page's
// link, the public page draws its charts (Chart.js instances on their canvases,
// data-chart-ready) with their data tables (captions, column and row headers): Cuneo's single hire
// is suppressed (and Alessandria's as its complement): "n.d." in the tables, never 0, hatched on
// the map, the rule and its threshold explained. With the keyboard alone a province is chosen on
// the map (Tab through the provinces in the order of their names, Enter on Torino): the province
// filter, the address, the requests (province=TO), the captions and the highlighted row follow,
// and the focus stays on the map; the filter's select (Home, Tab to "apply", Enter) goes back to
// the whole region. The open data section's CSV link downloads the month (its header line and
// rows), the JSON and the dictionary answer. Torino's operator opens /osservatorio-cpi (the login
// panel first): the CPI activity table with the booked appointment, a CPI's months in a
// disclosure, the proposals; an administrator too. axe on every page and state, Italian and
// English.
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isoToday, vatNumber } from './co-setup.mjs';
import {
  api, assert, assertNoProblems, axe, BASE, english, fiscalCode, focused, italian, launch, login, newPage, press, screenshot, tabTo, write,
} from './lib.mjs';

process.env.SISL_FLOW = 'observatory';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
// A company of this run: seven digits from the clock and the office code 001.
const COMPANY_CODE = vatNumber(`${String(Date.now() % 1e7).padStart(7, '0')}001`);
const COMPANY = `Osservatorio Prove ${RUN} SRL`;
const TODAY = isoToday();
const MONTH = TODAY.slice(0, 7);
const PROVINCES = ['AL', 'AT', 'BI', 'CN', 'NO', 'TO', 'VB', 'VC']; // the Tab order: by name
const SECTIONS = ['obs-flows', 'obs-map', 'obs-sector', 'obs-contract', 'obs-stock'];

let browser;
let rep; // Elena Ricci, legal representative of the company
let cit; // Luca Ferrero, as a citizen
let pub; // nobody logged in
let op; // Torino's operator
let adm; // the administrator
const requests = []; // the observatory's table requests of the public page
let cuneoSuppressed = false; // Cuneo has only this run's hire this month

const addDays = (day, n) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// Polls `read` every 500 ms until `ok(value)` or `seconds` have passed; returns the last value.
async function poll(read, ok, seconds) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function publicTable(page, query) {
  const r = await api(page, 'GET', `/api/v1/observatory/indicators/hires/table?${query}`);
  assert.equal(r.status, 200, `hires table: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data.table;
}

const rowOf = (table, code) => (table.rows || []).find((r) => r.heading?.code === code);
const valueOf = (row) => (row?.cells?.length === 1 ? row.cells[0] : row?.total);

async function ready(page) {
  for (const id of SECTIONS) await page.locator(`#${id}[data-state="ready"]`).waitFor();
  await page.locator('#obs-open-body a#obs-csv, #obs-open-none').first().waitFor();
}

// Every chart drawn by Chart.js: its instance on the canvas, its datasets.
async function chartsDrawn(page) {
  return page.evaluate(() => [...document.querySelectorAll('canvas[data-chart-ready="true"]')].map((c) => {
    const chart = window.Chart.getChart(c);
    return { id: c.id, datasets: chart?.data.datasets.length ?? 0, labels: chart?.data.labels.length ?? 0, label: c.getAttribute('aria-label') };
  }));
}

// No suppressed value shows as a number: "n.d." ("suppressed") and the reason for screen readers.
async function assertSuppressedCells(page, short) {
  const cells = await page.locator('td[data-suppressed="true"]').allInnerTexts();
  for (const text of cells) assert.match(text, new RegExp(`^${short}`), `a suppressed cell shows "${text}"`);
  return cells.length;
}

describe('the labour-market observatory', () => {
  before(async () => {
    browser = await launch();
    [rep, cit, pub, op, adm] = await Promise.all([newPage(browser), newPage(browser), newPage(browser), newPage(browser), newPage(browser)]);
    pub.on('request', (r) => {
      const u = new URL(r.url());
      if (/^\/api\/v1\/observatory\/indicators\/[a-z_]+\/table$/.test(u.pathname)) requests.push(u);
    });
  });
  after(async () => {
    await browser?.close();
  });

  it('a company files hires in Torino and Cuneo and a citizen books at a CPI of Torino (REST); the observatory counts them', async () => {
    await login(rep, 'titolare-azienda', '/');
    assert.equal((await api(rep, 'POST', '/api/session/role', { role: 'citizen' })).status, 200);
    const registered = await write(rep, '/api/v1/companies', { company: {
      fiscalCode: COMPANY_CODE, name: COMPANY, legalForm: 'LEGAL_FORM_LIMITED_COMPANY', sector: 'SECTOR_PRIVATE', atecoCode: '62.10.00',
      pec: 'osservatorio.prove@pec.example.it', registeredOffice: { municipality: '001272', address: 'Via Roma 1', postcode: '10121' },
    }, requestId: `obs-co-${RUN}` });
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
    const before = await publicTable(rep, `rows=province&fromMonth=${MONTH}&toMonth=${MONTH}`);
    // Twelve namesakes of Marco Rossi (born on 11..22 January 1990 in Cuneo): six hired in Torino,
    // five in Alessandria, one in Cuneo.
    const office = { municipalityCode: 'L219', postcode: '10121', street: 'Via Roma 1' };
    const WORKPLACES = {
      TO: office, AL: { municipalityCode: 'A182', postcode: '15121', street: 'Via Milano 1' },
      CN: { municipalityCode: 'D205', postcode: '12100', street: 'Corso Nizza 1' },
    };
    for (let day = 11; day <= 22; day++) {
      const workplace = WORKPLACES[day <= 16 ? 'TO' : day <= 21 ? 'AL' : 'CN'];
      const content = {
        form: 'COMMUNICATION_FORM_UNILAV', nature: 'COMMUNICATION_NATURE_ORDINARY', event: 'COMMUNICATION_EVENT_HIRE',
        employer: { fiscalCode: COMPANY_CODE, name: COMPANY, ateco: '62.10.00', pec: 'osservatorio.prove@pec.example.it', registeredOffice: office, workplace },
        worker: {
          fiscalCode: fiscalCode(`RSSMRC90A${day}D205`), surname: 'Rossi', name: 'Marco', sex: 'SEX_MALE', birthDate: `1990-01-${day}`,
          birthPlaceCode: 'D205', citizenship: '000', educationLevel: '40', domicile: { municipalityCode: 'L219', postcode: '10121', street: 'Via Po 2' },
        },
        contract: {
          startDate: TODAY, endDate: addDays(TODAY, 182), contractType: 'A.02.00', workingTime: 'F', weeklyHours: 40, ccnl: '001', level: '5',
          profession: '2.1.1.4.1.11', socialSecurityBody: '01', inailPat: '12345678', annualPayEur: 30000,
        },
      };
      let filed;
      for (let i = 0; i < 20; i++) {
        filed = await write(rep, '/api/v1/communications', { requestId: `obs-hire-${RUN}-${day}`, content });
        if (filed.status !== 403) break; // communications learns the company from enterprise's events
        await rep.waitForTimeout(500);
      }
      assert.equal(filed.status, 200, JSON.stringify(filed.data));
    }

    // Luca Ferrero books an orientation interview in person in the province of Torino.
    await login(cit, 'delegato-azienda', '/');
    assert.equal((await api(cit, 'POST', '/api/session/role', { role: 'citizen' })).status, 200);
    const scope = 'serviceCode=ORIENTAMENTO&deliveryMode=DELIVERY_MODE_IN_PERSON&scope.scope=SEARCH_SCOPE_PROVINCE&scope.province=Torino';
    const first = await api(cit, 'GET', `/api/v1/availability/first?${scope}`);
    assert.equal(first.status, 200, JSON.stringify(first.data));
    const day = await api(cit, 'GET', `/api/v1/availability/day?${scope}&date=${first.data.slot.localStart.slice(0, 10)}`);
    assert.equal(day.status, 200, JSON.stringify(day.data));
    let booked;
    for (const slot of [first.data.slot, ...(day.data.slots || []).filter((s) => s.id !== first.data.slot.id)]) {
      const key = crypto.randomUUID();
      booked = await api(cit, 'POST', '/api/v1/appointments', {
        slotId: slot.id, deliveryMode: 'DELIVERY_MODE_IN_PERSON', requestId: key,
        citizen: { email: `luca.ferrero.${RUN}@example.org`, domicileMunicipality: '001272', language: 'it', compulsorySchoolingCompleted: false },
      }, { 'Idempotency-Key': key });
      if (booked.data?.reason !== 'SLOT_TAKEN') break;
    }
    assert.equal(booked.status, 200, JSON.stringify(booked.data));

    // The observatory follows the events: Torino's hires grow by six, Cuneo's and Alessandria's
    // appear (suppressed when that is all they have: fewer than five people, and the complement).
    const count = (table, code) => Number(valueOf(rowOf(table, code))?.value || 0);
    const after = await poll(() => publicTable(rep, `rows=province&fromMonth=${MONTH}&toMonth=${MONTH}&language=it`),
      (t) => rowOf(t, 'CN') && rowOf(t, 'AL') && (valueOf(rowOf(t, 'TO'))?.suppressed || count(t, 'TO') >= count(before, 'TO') + 6), 30);
    assert.ok(rowOf(after, 'TO'), `Torino in the table: ${JSON.stringify(after)}`);
    assert.ok(rowOf(after, 'CN'), `Cuneo in the table: ${JSON.stringify(after)}`);
    assert.equal(rowOf(after, 'TO').heading.label, 'Torino');
    if (!rowOf(before, 'CN')) {
      assert.equal(valueOf(rowOf(after, 'CN')).suppressed, true, 'one hire in Cuneo is suppressed');
      cuneoSuppressed = true;
    }
    console.log(`# hires by province this month: ${JSON.stringify((after.rows || []).map((r) => [r.heading.code, valueOf(r)]))}`);
  });

  it('the home page and the navigation link the public page', async () => {
    await pub.goto(`${BASE}/`);
    const link = pub.locator('#main a[href="/osservatorio"]');
    await link.waitFor();
    assert.match(await link.innerText(), /Osservatorio del mercato del lavoro/);
    assert.ok(await pub.locator('#main-nav a[href="/osservatorio"]').count(), 'in the navigation');
    await press(pub, link);
    await pub.waitForURL(/\/osservatorio$/);
  });

  it('the public page draws its charts and their tables; suppressed cells are n.d. (axe, Italian and English)', async () => {
    await ready(pub);
    assert.ok(await pub.locator('#main-nav a[href="/osservatorio"][aria-current="page"]').count(), 'the navigation marks the page');
    const charts = await chartsDrawn(pub);
    assert.deepEqual(charts.map((c) => c.id).sort(), ['obs-contract-chart', 'obs-flows-chart', 'obs-sector-chart', 'obs-stock-chart']);
    const flows = charts.find((c) => c.id === 'obs-flows-chart');
    assert.equal(flows.datasets, 3, 'hires, terminations, net change');
    assert.equal(flows.labels, 12, 'the last twelve months');
    assert.match(flows.label, /^Grafico: Attivazioni, cessazioni e saldo per mese, Piemonte · ultimi dodici mesi\. I dati sono nella tabella/);
    // Tables: a caption, column and row headers, a row a month (the current one last).
    const flowsTable = pub.locator('#obs-flows-data');
    assert.match(await flowsTable.locator('caption').textContent(), /Attivazioni, cessazioni e saldo per mese — Piemonte · ultimi dodici mesi/);
    assert.equal(await flowsTable.locator('thead th[scope="col"]').count(), 4);
    assert.equal(await flowsTable.locator('tbody th[scope="row"]').count(), 12);
    assert.equal(await flowsTable.locator('tbody tr').last().getAttribute('data-code'), MONTH);
    for (const id of ['obs-sector-data', 'obs-contract-data', 'obs-stock-data']) {
      assert.ok(await pub.locator(`#${id} tbody th[scope="row"]`).count() >= 1, `${id} has rows`);
    }
    assert.ok(await pub.locator('#obs-contract-data tbody tr[data-code="A.02.00"]').count(), 'fixed-term contracts');
    // The sector table has the rows of the API's table (ATECO sections; 62.10.00 among them).
    const sectors = await publicTable(pub, 'rows=ateco_section&language=it');
    assert.deepEqual(await pub.locator('#obs-sector-data tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.code)),
      sectors.rows.map((r) => r.heading.code));
    // The map: eight provinces, focusable buttons named with their value; Cuneo's suppressed.
    const map = pub.locator('#obs-map-svg');
    assert.equal(await map.locator('path[role="button"][tabindex="0"]').count(), 8);
    assert.match(await map.locator('path[data-province="TO"]').getAttribute('aria-label'), /^Torino: (\d[\d.]* attivazioni|dato non diffuso per riservatezza)$/);
    assert.match(await map.locator('path[data-province="BI"]').getAttribute('aria-label'), /^Biella: (\d[\d.]* attivazioni|dato non diffuso per riservatezza)$/);
    assert.equal(await pub.locator('#obs-map-data tbody th[scope="row"]').count() >= 3, true, 'Torino, Alessandria, Cuneo at least');
    if (cuneoSuppressed) {
      assert.match(await map.locator('path[data-province="CN"]').getAttribute('class'), /\bsisl-map-nd\b/);
      assert.equal(await map.locator('path[data-province="CN"]').getAttribute('aria-label'), 'Cuneo: dato non diffuso per riservatezza');
      const cell = pub.locator('#obs-map-data tbody tr[data-code="CN"] td');
      assert.equal(await cell.getAttribute('data-suppressed'), 'true');
      assert.equal(await cell.textContent(), 'n.d.dato non diffuso per riservatezza');
      assert.match(await pub.locator('#obs-map-svg-legend').innerText(), /n\.d\. — non diffuso/);
      assert.match(await pub.locator('#obs-map .sisl-obs-note').innerText(), /n\.d\. \(non diffuso\): un valore che conta meno di 5 persone/);
    }
    await assertSuppressedCells(pub, 'n\\.d\\.');
    assert.match(await pub.locator('#obs-suppression').innerText(), /meno di 5 persone non è pubblicato/);
    // The tables of the other charts sit in disclosures reachable with the keyboard.
    const summary = pub.locator('#obs-flows-details summary');
    await tabTo(pub, summary, 80);
    await pub.keyboard.press('Enter');
    assert.equal(await pub.locator('#obs-flows-details').getAttribute('open'), '');
    await screenshot(pub, 'public-page');
    await axe(pub, 'observatory');
    await english(pub, 'observatory');
    await ready(pub);
    assert.match(await pub.locator('#obs-flows-data caption').textContent(), /Hires, terminations and net change by month — Piedmont · last twelve months/);
    if (cuneoSuppressed) assert.equal(await map.locator('path[data-province="CN"]').getAttribute('aria-label'), 'Cuneo: not published, for confidentiality');
    await assertSuppressedCells(pub, 'suppressed');
    await axe(pub, 'observatory, tables open, in English');
    await italian(pub);
    await ready(pub);
    assertNoProblems(pub);
  });

  it('a province chosen on the map with the keyboard filters the page; the select goes back to the region', async () => {
    requests.length = 0;
    // Tab from the map's heading through the provinces, in the order of their names.
    await pub.locator('#obs-map-heading').focus();
    const first = pub.locator('#obs-map-svg path[data-province="AL"]');
    await tabTo(pub, first, 10);
    for (const code of PROVINCES.slice(1, PROVINCES.indexOf('TO') + 1)) {
      await pub.keyboard.press('Tab');
      assert.equal(await pub.evaluate(() => document.activeElement?.dataset?.province), code, `Tab reaches ${code}`);
    }
    await pub.keyboard.press('Enter');
    await pub.waitForFunction(() => document.getElementById('obs-province').value === 'TO');
    await ready(pub);
    const torino = pub.locator('#obs-map-svg path[data-province="TO"]');
    assert.equal(await torino.getAttribute('aria-pressed'), 'true');
    assert.equal(await focused(torino), true, 'the focus stays on Torino');
    assert.match(pub.url(), /[?&]province=TO\b/);
    assert.equal(await pub.locator('#obs-flows-scope').innerText(), 'Torino · ultimi dodici mesi');
    assert.match(await pub.locator('#obs-flows-data caption').textContent(), /— Torino · ultimi dodici mesi$/);
    assert.match(await pub.locator('#obs-sector-data caption').textContent(), /Torino/);
    assert.equal(await pub.locator('#obs-map-data tbody tr.table-active').getAttribute('data-code'), 'TO');
    assert.match(await pub.locator('#sr-status').innerText(), /Statistiche di: Torino/);
    // Every chart but the map asked for Torino; the map for the region.
    const tables = requests.map((u) => ({ path: u.pathname, rows: u.searchParams.get('rows'), province: u.searchParams.get('province') }));
    for (const [indicator, rows] of [['hires', 'month'], ['terminations', 'month'], ['net_change', 'month'], ['hires', 'ateco_section'], ['stock', 'month']]) {
      assert.ok(tables.some((t) => t.path.endsWith(`/${indicator}/table`) && t.rows === rows && t.province === 'TO'), `${indicator} by ${rows} for Torino: ${JSON.stringify(tables)}`);
    }
    assert.ok(tables.some((t) => t.rows === 'province' && t.province === null), 'the map for the region');
    await screenshot(pub, 'torino');
    await axe(pub, 'observatory: Torino');
    // Back to the region with the filter's select and the keyboard alone.
    const select = pub.locator('#obs-province');
    await select.focus();
    await pub.keyboard.press('Home');
    assert.equal(await select.inputValue(), '');
    await tabTo(pub, pub.locator('#obs-apply'), 20);
    await pub.keyboard.press('Enter');
    await pub.waitForFunction(() => !/province=/.test(location.search));
    await ready(pub);
    await pub.waitForFunction(() => document.getElementById('obs-flows-scope').textContent === 'Piemonte · ultimi dodici mesi');
    assert.equal(await pub.locator('#obs-map-svg path[aria-pressed="true"]').count(), 0);
    assertNoProblems(pub);
  });

  it('downloads a month of open data as CSV; the JSON and the dictionary answer', async () => {
    const csv = pub.locator('#obs-csv');
    await csv.waitFor();
    assert.equal(await pub.locator('#obs-dataset').inputValue(), 'flows_by_province');
    assert.equal(await pub.locator('#obs-dataset-month').inputValue(), MONTH, 'the newest month first');
    assert.equal(await csv.getAttribute('href'), `/api/v1/open-data/observatory/flows_by_province/${MONTH}/data.csv`);
    await pub.locator('#obs-dataset-month').focus();
    await tabTo(pub, csv, 3);
    const [download] = await Promise.all([pub.waitForEvent('download'), pub.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), `flows_by_province-${MONTH}.csv`);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const lines = text.split(/\r?\n/);
    assert.equal(lines[0], 'month,province,province_label,indicator,value,suppressed');
    assert.ok(lines.some((l) => l.startsWith(`${MONTH},TO,Torino,hires,`)), text);
    if (cuneoSuppressed) assert.ok(lines.some((l) => l === `${MONTH},CN,Cuneo,hires,,true`), text);
    const json = await api(pub, 'GET', await pub.locator('#obs-json').getAttribute('href'));
    assert.equal(json.status, 200);
    assert.equal(json.data.dataset, 'flows_by_province');
    const dictionary = await api(pub, 'GET', await pub.locator('#obs-dictionary').getAttribute('href'));
    assert.equal(dictionary.status, 200);
    assert.ok(dictionary.data.datasets.some((d) => d.id === 'flows_by_province'));
    // Another dataset: the links follow.
    await pub.locator('#obs-dataset').selectOption('flows_by_sector');
    await pub.locator('#obs-csv[href*="/flows_by_sector/"]').waitFor();
    await axe(pub, 'observatory: open data');
    assertNoProblems(pub);
  });

  it('the CPI activity page for Torino\'s operator and an administrator (axe, Italian and English)', async () => {
    await op.goto(`${BASE}/osservatorio-cpi`);
    await op.locator('.spid-button').first().waitFor();
    await axe(op, 'CPI observatory (logged out)');
    await login(op, 'operatore-torino', '/osservatorio-cpi');
    await op.waitForURL(/\/osservatorio-cpi/);
    // The appointment is counted within a few seconds: reload until it is.
    const torinoCpis = op.locator('#obs-cpi-data tbody tr[data-code^="CPI-TO-"]');
    for (let i = 0; i < 20; i++) {
      await op.locator('#obs-cpi[data-state="ready"]').waitFor();
      if (await torinoCpis.count()) break;
      await op.waitForTimeout(500);
      await op.reload();
    }
    await op.locator('#obs-proposals[data-state="ready"]').waitFor();
    assert.ok(await op.locator('#main-nav a[href="/osservatorio-cpi"][aria-current="page"]').count(), 'the navigation marks the page');
    const table = op.locator('#obs-cpi-data');
    assert.match(await table.locator('caption').textContent(), /^Appuntamenti per Centro per l'impiego — /);
    assert.deepEqual((await table.locator('thead th').allInnerTexts()).slice(1), ['Appuntamenti prenotati', 'Servizi erogati', 'Assenze']);
    await torinoCpis.first().waitFor();
    const bookedInTorino = await torinoCpis.evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td').textContent.replace(/\D/g, ''))));
    assert.ok(bookedInTorino.some((n) => n >= 1), `a CPI of Torino has a booked appointment: ${bookedInTorino}`);
    assert.equal(await op.locator('td[data-suppressed]').count(), 0, 'nothing suppressed for staff');
    assert.ok(await op.locator('#obs-cpi-chart[data-chart-ready="true"]').count());
    assert.ok(await op.locator('#obs-proposals-data tbody tr').count() >= 1);
    // Each indicator by CPI and month, in a disclosure; its wide table scrolls in a focusable region.
    const monthly = op.locator('#obs-cpi-appointments_booked summary');
    await tabTo(op, monthly, 60);
    await op.keyboard.press('Enter');
    await op.locator('#obs-cpi-appointments_booked-data').waitFor();
    assert.equal(await op.locator('#obs-cpi-appointments_booked-data thead th').count(), 12 + 2, 'a CPI, twelve months, the total');
    await screenshot(op, 'cpi');
    await axe(op, 'CPI observatory');
    await english(op, 'CPI observatory');
    await op.locator('#obs-cpi[data-state="ready"]').waitFor();
    assert.match(await op.locator('#obs-cpi-data caption').textContent(), /^Appointments by job centre — /);
    await italian(op);
    assertNoProblems(op);

    await login(adm, 'amministratore', '/osservatorio-cpi');
    await adm.locator('#obs-cpi[data-state="ready"]').waitFor();
    assert.ok(await adm.locator('#obs-cpi-data tbody tr[data-code^="CPI-TO-"]').count());
    await axe(adm, 'CPI observatory (administrator)');
    assertNoProblems(adm);
  });
});
