// Bulk filing of mandatory communications (/invio-massivo), for a person acting for the company
// with the communications scope (the same access as /comunicazioni: co-access.js). An XML file
// (one form's document or the batch envelope) or a ZIP of XML files is read in the browser
// (FileReader, base64) and sent as JSON (POST /api/v1/bulk-uploads, a requestId per upload);
// "verify only" checks without filing. The gateway takes REST bodies up to 1 MiB, so a file whose
// request would be larger is refused here before sending (larger files go through the gRPC API).
// While the upload is queued or processing it is polled every second (GET
// /api/v1/bulk-uploads/{id}): a progress bar, "n of N records, x records/s, about T seconds left",
// a polite live region that says only the milestones (queued, started, each quarter, finished),
// the counts and the state, then the CSV and XML reports. Below, the company's uploads (GET
// /api/v1/bulk-uploads, newest first) with their state, counts and reports. The service's
// refusals of the file (already uploaded, empty, too large, not a ZIP) and the gateway's 413 are
// shown on the file field, with a focused alert linking to it.
import { get, newRequestKey, post } from './api.js';
import { communicationsRole, failureView } from './co-access.js';
import { actingFor, startCompanyPage } from './company-session.js';
import { FormErrors } from './enterprise-labels.js';
import { formatDateTime, language, LANGUAGES, t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, badge, busy, checkbox, clear, focusHeading, h, icon, spinner } from './ui.js';

// gateway/http/server.h max_body_bytes: the whole JSON request, the file in base64 (4/3 of it).
const MAX_BODY_BYTES = 1024 * 1024;
const POLL_MS = 1000;
const PAGE_SIZE = 20;
const FINAL = ['BULK_UPLOAD_STATE_DONE', 'BULK_UPLOAD_STATE_FAILED'];
const STATE_BADGE = { QUEUED: 'secondary', PROCESSING: 'primary', DONE: 'success', FAILED: 'danger' };
// Refusals that concern the file itself: shown on the file field.
const FILE_REASONS = ['FILE_ALREADY_UPLOADED', 'BULK_EMPTY', 'BULK_TOO_LARGE', 'BULK_NOT_A_ZIP', 'HTTP_413'];

// ctx: {s, role, notice, uploads, next, current, marks, timer, gen, fileInput, verifyOnly,
//       fileError, view: 'page'|'failure', hosts}
let ctx = null;
let lastSession = null;
let generation = 0;
const app = () => document.getElementById('app');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);
const short = (state) => (state || '').replace('BULK_UPLOAD_STATE_', '') || 'UNSPECIFIED';
const running = (u) => Boolean(u) && !FINAL.includes(u.state);
const count = (v) => Number(v || 0); // int64 arrive as strings, zero values not at all
const num = (v) => new Intl.NumberFormat(LANGUAGES[language()]?.locale || 'it-IT', { maximumFractionDigits: 1 }).format(Number(v || 0));
const stateLabel = (state) => t(`bulk.state.${short(state)}`);
const stateBadge = (state) => badge(stateLabel(state), STATE_BADGE[short(state)] || 'secondary');
const modeLabel = (u) => t(u.verifyOnly ? 'bulk.mode.verify' : 'bulk.mode.file');
const uploadPath = (id, suffix = '') => `/api/v1/bulk-uploads/${encodeURIComponent(id)}${suffix}`;
const percent = (u) => {
  const total = count(u.recordsTotal);
  if (FINAL.includes(u.state)) return 100;
  return total ? Math.min(100, Math.floor((count(u.recordsDone) * 100) / total)) : 0;
};
// The largest file whose request fits, for the help text (in KB, rounded down to tens).
const maxFileKb = () => Math.floor(((MAX_BODY_BYTES - 512) * 3) / 4 / 1024 / 10) * 10;

// ---- start -----------------------------------------------------------------------------------
async function render(s, notice) {
  lastSession = s;
  stopPolling();
  const role = communicationsRole(s, app(), (next, text) => render(next, text));
  if (!role) {
    ctx = null;
    return;
  }
  ctx = {
    s, role, notice: notice || '', uploads: [], next: '', current: null, marks: null, timer: null, gen: ++generation,
    fileInput: null, verifyOnly: false, fileError: null, view: 'page', hosts: null,
  };
  clear(app(), spinner());
  try {
    await loadList();
  } catch (e) {
    failure(e);
    return;
  }
  draw();
  // An upload still under way (the page reloaded meanwhile): follow it.
  const under = ctx.uploads.find(running);
  if (under) follow(under, false);
}

function failure(e) {
  stopPolling();
  ctx.view = 'failure';
  clear(app(), failureView(ctx.role, e, () => render(lastSession)));
}

function draw() {
  ctx.view = 'page';
  ctx.hosts = { progress: h('div', { id: 'bulk-progress-host' }), list: h('div', { id: 'bulk-list-host' }) };
  clear(app(), actingFor(ctx.role),
    ctx.notice ? alertBox('success', ctx.notice) : null,
    uploadForm(), ctx.hosts.progress, ctx.hosts.list);
  if (ctx.current) drawProgress(false);
  drawList();
}

// ---- the upload form ---------------------------------------------------------------------------
function uploadForm() {
  const alertHost = h('div', { id: 'bulk-form-alert' });
  const errors = new FormErrors(alertHost);
  if (!ctx.fileInput) {
    ctx.fileInput = h('input', { type: 'file', id: 'bulk-file', class: 'form-control', accept: '.xml,.zip,application/xml,text/xml,application/zip', required: true });
  }
  const file = ctx.fileInput;
  // Rebuilt (a language change): the same input keeps the chosen file; its error is written again.
  file.classList.remove('is-invalid');
  file.removeAttribute('aria-invalid');
  file.setAttribute('aria-describedby', 'bulk-file-hint');
  // Not a Bootstrap Italia .form-group: its label floats over the field, meant for text boxes.
  const wrapper = h('div', { class: 'mb-4 sisl-file-field' },
    h('label', { for: 'bulk-file', class: 'form-label' }, t('bulk.file'), h('span', { 'aria-hidden': 'true' }, ' *')),
    file,
    h('small', { id: 'bulk-file-hint', class: 'form-text' }, t('bulk.fileHint', { max: maxFileKb() })));
  errors.register(['content', 'file', 'fileName', 'file_name'], { control: file, wrapper }, t('bulk.file'));
  if (ctx.fileError) errors.find('file').setError(ctx.fileError());
  const verify = checkbox({ id: 'bulk-verify', label: t('bulk.verifyOnly'), checked: ctx.verifyOnly, hint: t('bulk.verifyHint') });
  verify.control.addEventListener('change', () => {
    ctx.verifyOnly = verify.control.checked;
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'bulk-submit' },
    icon('it-upload', 'icon-white icon-sm'), h('span', {}, t('bulk.submit')));
  const form = h('form', { id: 'bulk-form', class: 'mb-5', novalidate: true, 'aria-labelledby': 'bulk-form-heading',
    onsubmit: (e) => {
      e.preventDefault();
      upload(submit, errors);
    } },
  h('h2', { id: 'bulk-form-heading', class: 'h3' }, t('bulk.formHeading')),
  h('p', {}, t('bulk.formLead')),
  alertHost, wrapper, verify.wrapper,
  h('p', { class: 'small' }, t('bulk.grpcNote')),
  submit);
  return form;
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // data:<type>;base64,<content> ("data:" alone for an empty file)
      const url = String(reader.result || '');
      const comma = url.indexOf(',');
      resolve(comma < 0 ? '' : url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

// The company's earlier upload of the same bytes in the same mode (the refusal does not say which).
async function earlierUpload(file, verifyOnly) {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    const sha = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    return ctx.uploads.find((u) => u.sha256 === sha && Boolean(u.verifyOnly) === verifyOnly) || null;
  } catch {
    return null;
  }
}

async function upload(submit, errors) {
  const gen = ctx.gen;
  errors.clear();
  ctx.fileError = null;
  const onFile = (text) => {
    ctx.fileError = text;
    errors.showProblems([{ path: 'file', text: text() }]);
  };
  const chosen = ctx.fileInput.files?.[0];
  if (!chosen) return onFile(() => t('bulk.needFile'));
  if (!/\.(xml|zip)$/i.test(chosen.name)) return onFile(() => t('bulk.wrongType'));
  const verifyOnly = ctx.verifyOnly;
  const requestId = newRequestKey();
  let body;
  try {
    body = { fileName: chosen.name, content: await busy(submit, () => readBase64(chosen)), verifyOnly, requestId };
  } catch {
    return onFile(() => t('bulk.unreadable'));
  }
  if (new Blob([JSON.stringify(body)]).size > MAX_BODY_BYTES) return onFile(() => t('bulk.tooLargeForPage', { max: maxFileKb() }));
  try {
    const r = await busy(submit, () => post('/api/v1/bulk-uploads', body, { idempotencyKey: requestId }));
    if (gen !== ctx?.gen) return undefined;
    ctx.fileInput.value = '';
    ctx.notice = '';
    ctx.uploads.unshift(r.bulkUpload);
    drawList();
    follow(r.bulkUpload, true);
  } catch (e) {
    if (gen !== ctx?.gen) return undefined;
    if (e.reason === 'FILE_ALREADY_UPLOADED') {
      const earlier = await earlierUpload(chosen, verifyOnly);
      return onFile(() => (earlier
        ? t('bulk.alreadyUploadedOn', { date: formatDateTime(earlier.createTime), file: earlier.fileName, mode: modeLabel(earlier).toLowerCase() })
        : t('reason.FILE_ALREADY_UPLOADED')));
    }
    if (e.status === 413) return onFile(() => t('bulk.tooLargeForPage', { max: maxFileKb() }));
    if (FILE_REASONS.includes(e.reason) || (e.violations || []).some((v) => /^(content|fileName|file_name)$/.test(v.field))) {
      return onFile(() => errorMessage(e));
    }
    errors.show(e);
  }
  return undefined;
}

// ---- progress ------------------------------------------------------------------------------------
function stopPolling() {
  if (ctx?.timer) clearTimeout(ctx.timer);
  if (ctx) ctx.timer = null;
}

// Shows `u` in the progress panel and polls it while it runs.
function follow(u, focus) {
  stopPolling();
  ctx.current = u;
  ctx.marks = { id: u.bulkUploadId, state: '', quarter: 0 };
  drawProgress(focus);
  milestone(u);
  if (running(u)) schedule();
}

function schedule() {
  const gen = ctx.gen;
  ctx.timer = setTimeout(() => poll(gen), POLL_MS);
}

async function poll(gen) {
  if (!ctx || ctx.gen !== gen || !ctx.current) return;
  ctx.timer = null;
  const id = ctx.current.bulkUploadId;
  try {
    const r = await get(uploadPath(id));
    if (!ctx || ctx.gen !== gen || ctx.current?.bulkUploadId !== id) return;
    ctx.current = r.bulkUpload;
    ctx.pollError = null;
    updateProgress();
    updateRow(ctx.current);
    milestone(ctx.current);
  } catch (e) {
    if (!ctx || ctx.gen !== gen || ctx.current?.bulkUploadId !== id) return;
    // Busy or unreachable for a moment: the next poll tries again; anything else stops.
    if (!(e.status === 0 || e.status === 429 || e.status >= 500)) {
      ctx.pollError = e;
      updateProgress();
      return;
    }
  }
  if (running(ctx.current)) {
    schedule();
  } else {
    // Finished: the list shows its reports too.
    drawList();
  }
}

// The live region says the milestones only: queued, started, each quarter, finished.
function milestone(u) {
  const m = ctx.marks;
  if (!m || m.id !== u.bulkUploadId) return;
  const st = short(u.state);
  const total = count(u.recordsTotal);
  const done = count(u.recordsDone);
  const quarter = total ? Math.floor((done * 4) / total) : 0;
  let text = '';
  if (m.state !== st) {
    if (st === 'QUEUED') text = t('bulk.say.queued', { file: u.fileName });
    else if (st === 'PROCESSING') text = t('bulk.say.processing', { total: num(total) });
    else if (st === 'DONE') text = t(u.verifyOnly ? 'bulk.say.verified' : 'bulk.say.done', { file: u.fileName, accepted: num(u.accepted), refused: num(u.refused), warnings: num(u.withWarnings) });
    else if (st === 'FAILED') text = t('bulk.say.failed', { file: u.fileName });
  } else if (st === 'PROCESSING' && quarter > m.quarter && quarter < 4) {
    text = t('bulk.say.progress', { done: num(done), total: num(total) });
  }
  m.state = st;
  m.quarter = Math.max(m.quarter, quarter);
  if (text) say(text);
}

function say(text) {
  const region = document.getElementById('bulk-live');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

function progressText(u) {
  const done = count(u.recordsDone);
  const total = count(u.recordsTotal);
  const rate = num(u.recordsPerSecond);
  switch (short(u.state)) {
    case 'QUEUED': return t('bulk.queuedText');
    case 'PROCESSING': {
      if (!total) return t('bulk.startingText');
      const eta = count(u.etaSeconds);
      let left = t('bulk.etaSeconds', { seconds: num(eta) });
      if (eta >= 120) left = t('bulk.etaMinutes', { minutes: num(Math.round(eta / 60)) });
      else if (eta === 1) left = t('bulk.etaSecond');
      return t('bulk.progressText', { done: num(done), total: num(total), rate, eta: left });
    }
    default: return t('bulk.finishedText', { done: num(done), total: num(total), rate });
  }
}

function reportLinks(u) {
  const base = (u.fileName || 'invio').replace(/\.[^.]*$/, '');
  return ['csv', 'xml'].map((ext) => h('a', {
    class: 'btn btn-outline-primary btn-sm', href: uploadPath(u.bulkUploadId, `/report.${ext}?language=${language() === 'en' ? 'en' : 'it'}`), download: `esito-${base}.${ext}`, dataset: { report: ext },
  }, icon('it-download', 'icon-primary icon-sm'), h('span', {}, t(`bulk.report.${ext}`)), hidden(`, ${u.fileName}`)));
}

// The panel of the upload followed: built once per upload (and language), updated in place.
function drawProgress(focus) {
  const u = ctx.current;
  const heading = h('h2', { id: 'bulk-progress-heading', class: 'h4 mb-1', tabindex: '-1' });
  const panel = h('section', { id: 'bulk-progress', class: 'sisl-appointment sisl-bulk-progress mb-5', 'aria-labelledby': 'bulk-progress-heading', dataset: { id: u.bulkUploadId } },
    h('div', { class: 'sisl-appointment-head' }, heading, h('span', { id: 'bulk-state' })),
    h('p', { id: 'bulk-progress-label', class: 'mb-1 fw-semibold' }, t('bulk.progressLabel')),
    h('progress', { id: 'bulk-bar', class: 'sisl-progress', max: '100', value: '0', 'aria-labelledby': 'bulk-progress-label', 'aria-describedby': 'bulk-progress-text', 'aria-valuemin': '0', 'aria-valuemax': '100' }),
    h('p', { id: 'bulk-progress-text', class: 'mt-2' }),
    h('dl', { class: 'sisl-summary', id: 'bulk-counts' }),
    h('div', { id: 'bulk-problem' }),
    h('div', { class: 'sisl-actions', id: 'bulk-reports' }));
  clear(ctx.hosts.progress, panel);
  updateProgress();
  if (focus) focusHeading(heading);
}

function updateProgress() {
  const u = ctx.current;
  const panel = document.getElementById('bulk-progress');
  if (!u || !panel || panel.dataset.id !== u.bulkUploadId) return;
  panel.dataset.state = u.state;
  clear(panel.querySelector('#bulk-progress-heading'), t(u.verifyOnly ? 'bulk.progressHeadingVerify' : 'bulk.progressHeading', { file: u.fileName }));
  clear(panel.querySelector('#bulk-state'), stateBadge(u.state));
  const pct = percent(u);
  const bar = panel.querySelector('#bulk-bar');
  bar.value = pct;
  bar.setAttribute('aria-valuenow', String(pct));
  const text = progressText(u);
  bar.setAttribute('aria-valuetext', text);
  clear(panel.querySelector('#bulk-progress-text'), text);
  const accepted = u.verifyOnly ? 'bulk.acceptable' : 'bulk.accepted';
  clear(panel.querySelector('#bulk-counts'), [
    ['bulk.stateLabel', stateLabel(u.state), 'state'], ['bulk.mode', modeLabel(u), 'mode'],
    [accepted, num(u.accepted), 'accepted'], ['bulk.refused', num(u.refused), 'refused'], ['bulk.withWarnings', num(u.withWarnings), 'warnings'],
  ].map(([key, value, name]) => [h('dt', {}, t(key)), h('dd', { dataset: { count: name } }, value)]));
  const problem = panel.querySelector('#bulk-problem');
  if (ctx.pollError) clear(problem, alertBox('danger', errorMessage(ctx.pollError)));
  else if (u.state === 'BULK_UPLOAD_STATE_FAILED') clear(problem, alertBox('danger', h('p', { class: 'mb-0' }, t('bulk.failedText'), ' ', h('span', { lang: 'en' }, u.error || '')), { title: stateLabel(u.state) }));
  else clear(problem);
  const reports = panel.querySelector('#bulk-reports');
  if (running(u)) clear(reports);
  else if (!reports.childElementCount) clear(reports, reportLinks(u));
}

// ---- the company's uploads -------------------------------------------------------------------------
async function loadList(pageToken = '') {
  const r = await get('/api/v1/bulk-uploads', { pageSize: PAGE_SIZE, pageToken });
  const items = r.bulkUploads || [];
  if (pageToken) ctx.uploads.push(...items);
  else ctx.uploads = items;
  ctx.next = r.nextPageToken || '';
  return items;
}

async function more(button) {
  const first = ctx.uploads.length;
  try {
    await busy(button, () => loadList(ctx.next));
    drawList();
    const row = ctx.hosts.list.querySelectorAll('#bulk-list tbody th')[first];
    focusHeading(row);
  } catch (e) {
    clear(ctx.hosts.list.querySelector('#bulk-list-problem'), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

const recordsText = (u) => (count(u.recordsTotal) ? t('bulk.recordsOf', { done: num(u.recordsDone), total: num(u.recordsTotal) }) : num(u.recordsDone));

function uploadRow(u) {
  return h('tr', { dataset: { id: u.bulkUploadId, state: u.state } },
    h('th', { scope: 'row' }, h('span', { class: 'sisl-file-name' }, u.fileName)),
    h('td', {}, u.createTime ? formatDateTime(u.createTime) : ''),
    h('td', {}, modeLabel(u)),
    h('td', { dataset: { cell: 'state' } }, stateBadge(u.state)),
    h('td', { class: 'text-end', dataset: { cell: 'records' } }, recordsText(u)),
    h('td', { class: 'text-end', dataset: { count: 'accepted' } }, num(u.accepted)),
    h('td', { class: 'text-end', dataset: { count: 'refused' } }, num(u.refused)),
    h('td', { class: 'text-end', dataset: { count: 'warnings' } }, num(u.withWarnings)),
    h('td', {}, h('div', { class: 'sisl-actions' }, running(u)
      ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'follow' }, onclick: () => follow(u, true) },
        h('span', {}, t('bulk.follow')), hidden(`, ${u.fileName}`))
      : reportLinks(u))));
}

// The row of the upload followed, while it runs: its cells in place (its button keeps the focus).
function updateRow(u) {
  const i = ctx.uploads.findIndex((x) => x.bulkUploadId === u.bulkUploadId);
  if (i >= 0) ctx.uploads[i] = u;
  const row = ctx.hosts?.list.querySelector(`tr[data-id="${u.bulkUploadId}"]`);
  if (!row) return;
  row.dataset.state = u.state;
  clear(row.querySelector('[data-cell="state"]'), stateBadge(u.state));
  clear(row.querySelector('[data-cell="records"]'), recordsText(u));
  clear(row.querySelector('[data-count="accepted"]'), num(u.accepted));
  clear(row.querySelector('[data-count="refused"]'), num(u.refused));
  clear(row.querySelector('[data-count="warnings"]'), num(u.withWarnings));
}

function drawList() {
  if (!ctx?.hosts) return;
  const items = ctx.uploads;
  const cols = ['bulk.col.file', 'bulk.col.time', 'bulk.col.mode', 'bulk.col.state', 'bulk.col.records', 'bulk.col.accepted', 'bulk.col.refused', 'bulk.col.warnings', 'bulk.col.reports'];
  clear(ctx.hosts.list, h('section', { id: 'bulk-list', 'aria-labelledby': 'bulk-list-heading' },
    h('h2', { id: 'bulk-list-heading', class: 'h3' }, t('bulk.listHeading', { count: items.length + (ctx.next ? '+' : '') })),
    h('div', { id: 'bulk-list-problem' }),
    items.length
      ? h('div', { class: 'table-responsive' }, h('table', { class: 'table sisl-table sisl-bulk-table' },
        h('caption', {}, t('bulk.listCaption')),
        h('thead', {}, h('tr', {}, cols.map((k, i) => h('th', { scope: 'col', class: i >= 4 && i <= 7 ? 'text-end' : null }, t(k))))),
        h('tbody', {}, items.map(uploadRow))))
      : h('p', {}, t('bulk.none')),
    ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'bulk-more', onclick: (e) => more(e.currentTarget) }, t('bulk.more')) : null));
}

startCompanyPage({
  render: (s) => render(s),
  onLanguage: () => {
    if (!ctx || ctx.view === 'failure') {
      if (lastSession) render(lastSession);
      return;
    }
    draw();
  },
});
