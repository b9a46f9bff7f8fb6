// Bulk filing of mandatory communications (/invio-massivo) and the receipts. A company (REST, as in
// communications.test.mjs) delegates communications to the consultant (Chiara Gallo), who acts for
// it and files a hire of Paolo Neri (REST); its ministry XML (GET .../{code}/xml) makes the
// records of a ZIP built here (a store-only ZIP writer: local headers, central directory,
// CRC-32): 1-assunzione.xml is that XML again (refused: RELATIONSHIP_EXISTS), 2-altre.xml the
// batch envelope with the same document under a fiscal code whose check character is wrong
// (refused: WRK-002) and the hire of another worker, Paolo Verdi (accepted). From /comunicazioni
// she goes to the bulk page; with the keyboard alone she picks files (the file chooser answered
// by Playwright) and sends them: an empty file (BULK_EMPTY) and one too large for the page (refused
// before sending) show their errors next to the file field; the ZIP's progress (the first polls
// answered with progress in between, to see the bar, "n di N record, x record/s, circa T secondi
// alla fine" and the live region's milestones), DONE with 1 accepted and 2 refused, the CSV
// report's lines, the list of uploads; the same ZIP again is refused (FILE_ALREADY_UPLOADED, next
// to the field). The accepted record's detail on /comunicazioni links its receipt: a PDF in the
// page's language (application/pdf, %PDF) and the XML. axe on every state, Italian and English.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  addDays, delegateCommunications, hireStart, vatNumber,
} from './co-setup.mjs';
import {
  api, ARTIFACTS, assert, assertNoProblems, axe, BASE, english, fiscalCode, focused, italian, launch, login, newPage, press, screenshot, tabTo, write,
} from './lib.mjs';

process.env.SISL_FLOW = 'communications_bulk';
let browser;
let rep; // the legal representative
let cons; // the consultant

const RUN = Date.now().toString(36);
const COMPANY = 'Trasporti Gallo Neri SRL';
const COMPANY_CODE = vatNumber('0678901234');
const NERI = fiscalCode('NREPLA85C10D205'); // Paolo Neri, born in Cuneo on 10/03/1985
const VERDI = fiscalCode('VRDPLA85C10D205'); // Paolo Verdi, the same birth
const BAD = NERI.slice(0, 15) + String.fromCharCode(65 + ((NERI.charCodeAt(15) - 65 + 1) % 26)); // wrong check character
const START = hireStart();
const ZIP_NAME = `comunicazioni-${RUN}.zip`;
let hire = ''; // the hire filed through REST
let zipPath = '';
let acceptedCode = ''; // the bulk record accepted
let uploadId = '';

// ---- a store-only ZIP (no compression), as libzip reads it with ZIP_CHECKCONS ----------------------
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
// entries: [{name, data: Buffer}] -> the ZIP's bytes.
function storedZip(entries) {
  const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1; // 1 January 2026, 00:00
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 name
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    parts.push(local, fileName, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); // central directory header
    entry.writeUInt16LE(20, 4); // made by
    entry.writeUInt16LE(20, 6); // version needed
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt16LE(0, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    // extra, comment, disk number, internal and external attributes: 0
    entry.writeUInt32LE(offset, 42); // where its local header starts
    central.push(entry, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

// Picks `file` with the keyboard: Tab to the file field, Space opens the chooser, answered here.
// The page listens for choosers from the start (file chooser interception on), so that a
// chooser opened right after the key press is not missed.
let chooserWaiter = null;
function listenForChoosers(page) {
  page.on('filechooser', (chooser) => {
    const waiter = chooserWaiter;
    chooserWaiter = null;
    waiter?.(chooser);
  });
}
async function chooseFile(page, file) {
  const input = page.locator('#bulk-file');
  await tabTo(page, input);
  const opened = new Promise((resolve) => {
    chooserWaiter = resolve;
  });
  await page.keyboard.press('Space');
  const chooser = await Promise.race([opened, new Promise((_, reject) => {
    setTimeout(() => reject(new Error('no file chooser opened by Space on the file field')), 10000);
  })]);
  await chooser.setFiles(file);
}
// Tab on to the upload button and press Enter.
async function send(page) {
  const submit = page.locator('#bulk-submit');
  await tabTo(page, submit, 5);
  await page.keyboard.press('Enter');
}
const fileError = (page) => page.locator('#bulk-file-error');
const said = (page) => page.evaluate(() => window.said);

describe('bulk filing and receipts', () => {
  before(async () => {
    browser = await launch();
    [rep, cons] = await Promise.all([newPage(browser), newPage(browser)]);
    listenForChoosers(cons);
  });
  after(async () => {
    await browser?.close();
  });

  it('a company delegates communications to the consultant, who files a hire and builds a ZIP from its XML', async () => {
    await delegateCommunications(rep, cons, { companyCode: COMPANY_CODE, companyName: COMPANY, run: RUN });
    await login(cons, 'consulente-lavoro', '/comunicazioni');
    const act = cons.locator(`button[data-acting-for="${COMPANY_CODE}"]`);
    await act.waitFor();
    await press(cons, act);
    // Communications learns the delegation from enterprise's events within a second.
    for (let i = 0; i < 20 && !(await cons.locator('#co-new').count()); i++) {
      await cons.locator('#co-new, #co-retry').first().waitFor();
      if (await cons.locator('#co-retry').count()) {
        await cons.waitForTimeout(500);
        await press(cons, cons.locator('#co-retry'));
      }
    }
    await cons.locator('#co-new').waitFor();
    const office = { municipalityCode: 'L219', postcode: '10121', street: 'Via Roma 1' };
    const content = {
      form: 'COMMUNICATION_FORM_UNILAV', nature: 'COMMUNICATION_NATURE_ORDINARY', event: 'COMMUNICATION_EVENT_HIRE',
      employer: { fiscalCode: COMPANY_CODE, name: COMPANY, ateco: '62.10.00', pec: 'officina.gallo@pec.example.it', registeredOffice: office, workplace: office },
      worker: {
        fiscalCode: NERI, surname: 'Neri', name: 'Paolo', sex: 'SEX_MALE', birthDate: '1985-03-10', birthPlaceCode: 'D205', citizenship: '000',
        educationLevel: '40', domicile: { municipalityCode: 'D205', postcode: '12100', street: 'Via Roma 3' },
      },
      contract: {
        startDate: START, endDate: addDays(START, 182), contractType: 'A.02.00', workingTime: 'F', weeklyHours: 40, ccnl: '001', level: '5',
        profession: '2.1.1.4.1.11', socialSecurityBody: '01', inailPat: '12345678', annualPayEur: 30000,
      },
    };
    const filed = await write(cons, '/api/v1/communications', { requestId: `bulk-hire-${RUN}`, content });
    assert.equal(filed.status, 200, JSON.stringify(filed.data));
    hire = filed.data.communication.code;
    const xml = await api(cons, 'GET', `/api/v1/communications/${hire}/xml`);
    assert.equal(xml.status, 200);
    assert.ok(xml.data.includes(NERI), 'the XML carries the worker');
    // The same document; under a wrong fiscal code; for another worker (his surname and code).
    const doc = xml.data.replace(/^<\?xml[^>]*\?>\s*/, '');
    assert.ok(/<cognome>Neri<\/cognome>/i.test(doc), 'the surname in the XML');
    const bad = doc.split(NERI).join(BAD);
    const verdi = doc.split(NERI).join(VERDI).replace(/<cognome>Neri<\/cognome>/i, '<cognome>Verdi</cognome>');
    const envelope = `<?xml version="1.0" encoding="UTF-8"?>\n<Comunicazioni xmlns="urn:sisl:communications:batch:1" versione="1">\n${bad}\n${verdi}\n</Comunicazioni>\n`;
    zipPath = path.join(ARTIFACTS, ZIP_NAME);
    fs.writeFileSync(zipPath, storedZip([
      { name: '1-assunzione.xml', data: Buffer.from(xml.data, 'utf8') },
      { name: '2-altre.xml', data: Buffer.from(envelope, 'utf8') },
    ]));
  });

  it('the bulk page is linked from the communications page and refuses an empty file and one too large for the page', async () => {
    const link = cons.locator('#co-bulk');
    assert.equal(await link.getAttribute('href'), '/invio-massivo');
    await press(cons, link);
    await cons.waitForURL(/\/invio-massivo$/);
    await cons.locator('#bulk-form').waitFor();
    assert.ok(await cons.locator('#main-nav a[href="/invio-massivo"][aria-current="page"]').count(), 'the navigation marks the page');
    assert.match(await cons.locator('.sisl-acting-for').innerText(), new RegExp(`Stai operando per ${COMPANY}`));
    assert.match(await cons.locator('#bulk-list-heading').innerText(), /Invii dell'azienda \(0\)/);
    assert.match(await cons.locator('#bulk-file-hint').innerText(), /al massimo circa 760 KB[\s\S]*limite di 1 MB/);
    assert.equal(await cons.locator('label[for="bulk-file"]').innerText(), 'File XML o ZIP *');
    await axe(cons, 'bulk page');
    await english(cons, 'bulk page');
    assert.match(await cons.locator('#bulk-file-hint').innerText(), /at most about 760 KB[\s\S]*limited to 1 MB/);
    await italian(cons);
    // Milestones said in the live region, recorded.
    await cons.evaluate(() => {
      window.said = [];
      const region = document.getElementById('bulk-live');
      new MutationObserver(() => {
        if (region.textContent) window.said.push(region.textContent);
      }).observe(region, { childList: true, characterData: true, subtree: true });
    });

    // Nothing chosen.
    await cons.locator('#bulk-submit').focus();
    await cons.keyboard.press('Enter');
    await fileError(cons).waitFor();
    assert.equal(await fileError(cons).innerText(), 'Scegli un file .xml o .zip.');
    // Empty: the service's BULK_EMPTY.
    const empty = path.join(ARTIFACTS, 'vuoto.xml');
    fs.writeFileSync(empty, '');
    await chooseFile(cons, empty);
    await send(cons);
    await cons.locator('#bulk-file-error', { hasText: 'Il file è vuoto' }).waitFor();
    assert.equal(await cons.locator('#bulk-file').getAttribute('aria-invalid'), 'true');
    assert.match(await cons.locator('#bulk-file').getAttribute('aria-describedby'), /bulk-file-error/);
    const alert = cons.locator('#bulk-form-alert .alert-danger');
    assert.equal(await focused(alert), true, 'the alert takes the focus');
    await press(cons, alert.locator('a.sisl-to-field'));
    assert.equal(await focused(cons.locator('#bulk-file')), true, 'its link focuses the file field');
    await axe(cons, 'bulk page: empty file');
    // Too large for a REST request (1 MB with the base64): refused before sending.
    const large = path.join(ARTIFACTS, 'grande.xml');
    fs.writeFileSync(large, Buffer.alloc(800 * 1024, 0x20));
    let posted = 0;
    const count = (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/bulk-uploads')) posted += 1;
    };
    cons.on('request', count);
    await chooseFile(cons, large);
    await send(cons);
    await cons.locator('#bulk-file-error', { hasText: 'troppo grande per l\'invio da questa pagina' }).waitFor();
    cons.off('request', count);
    assert.equal(posted, 0, 'nothing sent');
    await english(cons, 'bulk page: file too large');
    assert.match(await fileError(cons).innerText(), /too large to be sent from this page/);
    await italian(cons);
    assert.match(await fileError(cons).innerText(), /troppo grande/);
  });

  it('uploads the ZIP with the keyboard and follows its progress to DONE', async () => {
    // The first polls are answered with progress in between (the real processing of three
    // records takes less than a poll); then the service's own answers.
    let phase = 1;
    const between = /\/api\/v1\/bulk-uploads\/[^/?]+$/;
    await cons.route(between, async (route) => {
      if (route.request().method() !== 'GET' || phase > 2) return route.continue();
      const id = route.request().url().split('/').pop();
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ bulkUpload: {
        bulkUploadId: id, companyFiscalCode: COMPANY_CODE, fileName: ZIP_NAME, state: 'BULK_UPLOAD_STATE_PROCESSING',
        recordsTotal: '3', recordsDone: String(phase), refused: String(phase), recordsPerSecond: 2.5, etaSeconds: String(3 - phase),
      } }) });
    });
    await chooseFile(cons, zipPath);
    await send(cons);
    const panel = cons.locator('#bulk-progress');
    await panel.waitFor();
    uploadId = await panel.getAttribute('data-id');
    assert.equal(await focused(cons.locator('#bulk-progress-heading')), true, 'the progress takes the focus');
    assert.match(await cons.locator('#bulk-progress-heading').innerText(), new RegExp(`Invio del file ${ZIP_NAME}`));
    assert.equal(await fileError(cons).count(), 0, 'no error left on the field');
    const bar = cons.locator('#bulk-bar');
    const text = cons.locator('#bulk-progress-text');
    await cons.locator('#bulk-progress-text', { hasText: '1 di 3 record, 2,5 record/s, circa 2 secondi alla fine' }).waitFor();
    assert.equal(await bar.getAttribute('aria-valuenow'), '33');
    assert.equal(await bar.getAttribute('aria-valuetext'), await text.innerText());
    assert.equal(await cons.locator('#bulk-state').innerText(), 'In elaborazione');
    const listed = cons.locator(`#bulk-list tr[data-id="${uploadId}"]`);
    assert.equal(await listed.getAttribute('data-state'), 'BULK_UPLOAD_STATE_PROCESSING', 'the list follows too');
    assert.equal(await listed.locator('[data-cell="records"]').innerText(), '1 di 3');
    await axe(cons, 'bulk upload processing');
    await screenshot(cons, 'bulk-processing');
    await english(cons, 'bulk upload processing');
    await cons.locator('#bulk-progress-text', { hasText: '1 of 3 records, 2.5 records/s, about 2 seconds left' }).waitFor();
    await italian(cons);
    phase = 2;
    await cons.locator('#bulk-progress-text', { hasText: '2 di 3 record, 2,5 record/s, circa 1 secondo alla fine' }).waitFor();
    assert.equal(await bar.getAttribute('aria-valuenow'), '66');
    phase = 3;
    await cons.locator('#bulk-progress[data-state="BULK_UPLOAD_STATE_DONE"]').waitFor({ timeout: 30000 });
    await cons.unroute(between);
    assert.equal(await bar.getAttribute('aria-valuenow'), '100');
    assert.match(await text.innerText(), /^3 di 3 record elaborati, [\d,]+ record\/s\.$/);
    assert.equal(await cons.locator('#bulk-state').innerText(), 'Completato');
    const countOf = async (name) => cons.locator(`#bulk-counts dd[data-count="${name}"]`).innerText();
    assert.deepEqual([await countOf('accepted'), await countOf('refused'), await countOf('warnings')], ['1', '2', '0']);
    // The live region said the milestones only (not every poll).
    await cons.waitForFunction(() => window.said.some((s) => s.includes('completato')));
    assert.deepEqual(await said(cons), [
      `File ${ZIP_NAME} caricato: in coda per l'elaborazione.`,
      'Elaborazione iniziata: 3 record.',
      'Elaborati 2 di 3 record.',
      `Invio del file ${ZIP_NAME} completato. Accettate: 1, rifiutate: 2, con avvisi: 0.`,
    ]);
    assert.equal(await cons.locator('#bulk-live').getAttribute('aria-live'), 'polite');
    // The list of uploads.
    const row = cons.locator(`#bulk-list tr[data-id="${uploadId}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'BULK_UPLOAD_STATE_DONE');
    assert.match(await row.innerText(), new RegExp(`${ZIP_NAME}[\\s\\S]*Invio[\\s\\S]*Completato[\\s\\S]*3 di 3[\\s\\S]*1[\\s\\S]*2[\\s\\S]*0`));
    assert.equal(await row.locator('a[data-report="csv"]').getAttribute('href'), `/api/v1/bulk-uploads/${uploadId}/report.csv?language=it`);
    assert.match(await cons.locator('#bulk-list-heading').innerText(), /\(1\)/);
    await axe(cons, 'bulk upload done');
    await screenshot(cons, 'bulk-done');
    await english(cons, 'bulk upload done');
    assert.equal(await cons.locator('#bulk-state').innerText(), 'Done');
    assert.match(await cons.locator('#bulk-progress-heading').innerText(), /Filing of/);
    await italian(cons);
  });

  it('downloads the CSV report: one line per record with its outcome and rule', async () => {
    const link = cons.locator('#bulk-progress a[data-report="csv"]');
    const [download] = await Promise.all([cons.waitForEvent('download'), press(cons, link)]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split('\n');
    assert.equal(lines[0], 'record,outcome,code,errors,warnings,message');
    assert.equal(lines.length, 4, csv);
    // The messages in the page's language (Italian).
    assert.match(lines[1], /^1,refused,,RELATIONSHIP_EXISTS,[^,]*,"?Il lavoratore ha già un rapporto aperto/, csv);
    assert.match(lines[2], /^2,refused,,[^,]*WRK-002[^,]*,[^,]*,.*WRK-002: Il codice fiscale del lavoratore non è valido/, csv);
    const accepted = /^3,accepted,([0-9A-Z]{16}),/.exec(lines[3]);
    assert.ok(accepted, csv);
    acceptedCode = accepted[1];
    const xmlReport = await api(cons, 'GET', `/api/v1/bulk-uploads/${uploadId}/report.xml?language=en`);
    assert.match(xmlReport.data, new RegExp(`xml:lang="en"[\\s\\S]*accepted="1" refused="2"[\\s\\S]*code="${acceptedCode}"`));
    assert.match(xmlReport.data, /errors="RELATIONSHIP_EXISTS"[^>]* message="The worker already has an open relationship/);
  });

  it('the same ZIP again is refused next to the file field: FILE_ALREADY_UPLOADED', async () => {
    await chooseFile(cons, zipPath);
    await send(cons);
    const error = cons.locator('#bulk-file-error', { hasText: 'già caricato questo file' });
    await error.waitFor();
    assert.match(await error.innerText(), new RegExp(`in modalità invio: "${ZIP_NAME}", [^.]*2\\d{3}[^.]*\\. Non viene elaborato una seconda volta`));
    assert.equal(await focused(cons.locator('#bulk-form-alert .alert-danger')), true);
    assert.equal(await cons.locator('#bulk-file').getAttribute('aria-invalid'), 'true');
    assert.equal(await cons.locator('#bulk-list tbody tr').count(), 1, 'no new upload');
    await axe(cons, 'bulk upload already uploaded');
    await screenshot(cons, 'bulk-already-uploaded');
    await english(cons, 'bulk upload already uploaded');
    assert.match(await fileError(cons).innerText(), /already uploaded this file/);
    await italian(cons);
    assertNoProblems(cons);
  });

  it('the accepted record\'s detail links its receipt: a PDF in the page\'s language and the XML', async () => {
    await cons.goto(`${BASE}/comunicazioni`);
    const card = cons.locator(`article.sisl-communication[data-code="${acceptedCode}"]`);
    await card.waitFor();
    assert.match(await card.innerText(), /Paolo Verdi/);
    await press(cons, card.locator('button[data-action="detail"]'));
    await cons.locator(`#co-detail[data-code="${acceptedCode}"]`).waitFor();
    const pdf = cons.locator('#co-detail a[data-action="receipt-pdf"]');
    assert.match(await pdf.innerText(), /^Ricevuta PDF/);
    assert.equal(await pdf.getAttribute('href'), `/api/v1/communications/${acceptedCode}/receipt.pdf?language=it`);
    const fetchHead = (href) => cons.evaluate(async (h) => {
      const r = await fetch(h);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), start: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href);
    assert.deepEqual(await fetchHead(await pdf.getAttribute('href')), { status: 200, type: 'application/pdf', start: '%PDF-' });
    const xml = cons.locator('#co-detail a[data-action="receipt-xml"]');
    assert.match(await xml.innerText(), /^Ricevuta XML/);
    const receipt = await api(cons, 'GET', await xml.getAttribute('href'));
    assert.equal(receipt.status, 200);
    assert.ok(receipt.data.includes(acceptedCode), 'the receipt XML carries the code');
    await axe(cons, 'communication detail with its receipt');
    await english(cons, 'communication detail with its receipt');
    assert.match(await pdf.innerText(), /^Receipt PDF/);
    assert.equal(await pdf.getAttribute('href'), `/api/v1/communications/${acceptedCode}/receipt.pdf?language=en`);
    assert.deepEqual(await fetchHead(await pdf.getAttribute('href')), { status: 200, type: 'application/pdf', start: '%PDF-' });
    await italian(cons);
    assertNoProblems(cons);
  });

  it('the home page and the company area link the bulk page', async () => {
    await cons.goto(`${BASE}/`);
    await cons.locator('.sisl-role-list').waitFor();
    assert.ok(await cons.locator('#app a[href="/invio-massivo"]').count(), 'the home page links it');
    assert.ok(await cons.locator('#main-nav a[href="/invio-massivo"]').count(), 'and the navigation');
    await cons.goto(`${BASE}/azienda`);
    await cons.locator('#app a[href="/invio-massivo"]').waitFor();
    assertNoProblems(cons);
    assertNoProblems(rep);
  });
});
