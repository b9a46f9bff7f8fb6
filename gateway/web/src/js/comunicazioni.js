// The company's mandatory communications (/comunicazioni), for a person acting for the company
// with the communications scope (legal representative, delegate, consultant): the list (GET
// /api/v1/communications, newest first, a page of 20 at a time), a communication's detail (also
// printed: the print stylesheet shows only the detail), its XML and receipts (PDF in the page's
// language, XML), a correction (the wizard
// prefilled with its content, POST .../{code}:correct), a cancellation (a confirmation dialog,
// POST .../{code}:cancel), the filing wizard (co-wizard.js) and a link to the bulk filing page
// (/invio-massivo). The codes' labels come from the code lists API (code-lists.js), loaded once.
import { get, newRequestKey, post } from './api.js';
import { communicationsRole, failureView } from './co-access.js';
import {
  contentView, day, eventDate, eventLabel, findingList, formLabel, lateText, natureLabel, protocolView, receiptLinks, stateBadge, workerName, xmlLink,
} from './co-labels.js';
import { coWizard, loadWizardCodeLists } from './co-wizard.js';
import { actingFor, startCompanyPage } from './company-session.js';
import { formatDateTime, t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, announce, busy, clear, focusHeading, h, icon, spinner, uid } from './ui.js';

// ctx: {s, role, company, view: 'list'|'detail'|'wizard'|'result', items, next, message, current, wizard, result}
let ctx = null;
let lastSession = null;
const app = () => document.getElementById('app');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);
const path = (code, suffix = '') => `/api/v1/communications/${encodeURIComponent(code)}${suffix}`;
const live = (c) => c.state === 'COMMUNICATION_STATE_ACCEPTED' && c.content?.nature !== 'COMMUNICATION_NATURE_CANCELLATION';

async function render(s, notice) {
  lastSession = s;
  const role = communicationsRole(s, app(), (next, text) => render(next, text));
  if (!role) {
    ctx = null;
    return;
  }
  ctx = { s, role, company: null, view: 'list', items: [], next: '', message: notice ? { kind: 'success', text: notice } : null };
  await load();
}

// The company's data for the wizard's employer step (name, ATECO, registered office).
async function company() {
  if (!ctx.company) {
    try {
      ctx.company = (await get(`/api/v1/companies/${encodeURIComponent(ctx.role.actingFor)}`)).company;
    } catch {
      ctx.company = { fiscalCode: ctx.role.actingFor, name: ctx.role.companyName || '' };
    }
  }
  return ctx.company;
}

function failure(e) {
  clear(app(), failureView(ctx.role, e, () => load()));
}

// ---- the list ------------------------------------------------------------------------------
async function load(message, focusCode) {
  if (message !== undefined) ctx.message = message;
  ctx.view = 'list';
  ctx.wizard?.stop();
  ctx.wizard = null;
  clear(app(), spinner());
  try {
    const r = await get('/api/v1/communications', { pageSize: 20 });
    ctx.items = r.communications || [];
    ctx.next = r.nextPageToken || '';
    drawList(Boolean(ctx.message) && !focusCode, focusCode);
  } catch (e) {
    failure(e);
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/communications', { pageSize: 20, pageToken: ctx.next }));
    const first = ctx.items.length;
    ctx.items.push(...(r.communications || []));
    ctx.next = r.nextPageToken || '';
    ctx.message = null;
    drawList(false);
    focusHeading(app().querySelectorAll('article.sisl-communication h3')[first]);
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function facts(c) {
  const k = c.content || {};
  const rows = [
    ['co.f.form', formLabel(k.form)],
    ['co.f.nature', natureLabel(k.nature)],
    ['co.f.event', eventLabel(k.event)],
    ['co.worker', workerName(k)],
    ['co.eventDate', day(eventDate(k))],
    ['co.protocolTime', c.protocolTime ? formatDateTime(c.protocolTime) : ''],
    ['co.lateness', lateText(c.daysLate || 0)],
    ['co.f.previousCode', k.previousCode ? h('span', { class: 'sisl-code' }, k.previousCode) : ''],
    ['co.nextCode', c.nextCode ? h('span', { class: 'sisl-code', dataset: { next: c.nextCode } }, c.nextCode) : ''],
  ];
  return h('dl', { class: 'sisl-summary' }, rows.filter(([, v]) => v).map(([key, v]) => [h('dt', {}, t(key)), h('dd', { dataset: { key } }, v)]));
}

function card(c) {
  const id = uid('co');
  return h('article', { class: 'sisl-appointment sisl-communication', 'aria-labelledby': id, dataset: { code: c.code, state: c.state } },
    h('div', { class: 'sisl-appointment-head' },
      h('h3', { id, class: 'h5 mb-1', tabindex: '-1' }, `${eventLabel(c.content?.event)} - ${workerName(c.content)}`, ' ',
        h('span', { class: 'sisl-code fw-normal' }, c.code)),
      stateBadge(c.state)),
    facts(c), actionsFor(c, true));
}

function drawList(focusMessage = false, focusCode = null) {
  const message = h('div', { id: 'co-list-message' });
  if (ctx.message) {
    message.append(alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }));
    if (ctx.message.kind === 'success') announce(ctx.message.text);
  }
  clear(app(),
    actingFor(ctx.role), message,
    h('div', { class: 'sisl-actions mb-4' },
      h('button', { type: 'button', class: 'btn btn-primary', id: 'co-new', onclick: () => openWizard(null) },
        icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('coPage.new'))),
      h('a', { class: 'btn btn-outline-primary', id: 'co-bulk', href: '/invio-massivo' },
        icon('it-upload', 'icon-primary icon-sm'), h('span', {}, t('nav.bulkUpload')))),
    h('section', { 'aria-labelledby': 'co-list-heading' },
      h('h2', { id: 'co-list-heading', class: 'h3' }, t('coPage.listHeading', { count: ctx.items.length + (ctx.next ? '+' : '') })),
      h('p', {}, t('coPage.listLead')),
      ctx.items.length ? h('ul', { class: 'sisl-appointment-list', id: 'co-list' }, ctx.items.map((c) => h('li', {}, card(c)))) : h('p', {}, t('coPage.none')),
      ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'co-more', onclick: (e) => more(e.currentTarget) }, t('coPage.more')) : null));
  if (focusCode) focusHeading(app().querySelector(`article[data-code="${focusCode}"] h3`));
}

// ---- actions -------------------------------------------------------------------------------
function actionsFor(c, inList) {
  const which = () => hidden(`, ${c.code}`);
  const extra = h('div');
  const actions = h('div', { class: 'sisl-actions' });
  if (inList) {
    actions.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'detail' }, onclick: () => openDetail(c.code) },
      icon('it-search', 'icon-primary icon-sm'), h('span', {}, t('coPage.detail')), which()));
  }
  actions.append(xmlLink(c), ...(inList ? [] : receiptLinks(c)),
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'print' }, onclick: () => (inList ? openDetail(c.code, null, true) : window.print()) },
      icon('it-print', 'icon-primary icon-sm'), h('span', {}, t('coPage.print')), which()));
  if (live(c)) {
    actions.append(
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'correct' }, onclick: () => openWizard(c) },
        icon('it-pencil', 'icon-primary icon-sm'), h('span', {}, t('coPage.correct')), which()),
      h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', dataset: { action: 'cancel' }, onclick: (e) => confirmCancel(c, e.currentTarget, extra) },
        icon('it-delete', 'icon-danger icon-sm'), h('span', {}, t('coPage.cancel')), which()));
  }
  return [actions, extra];
}

// A modal confirmation (<dialog>): Escape or "keep it" closes it and gives the focus back.
function confirmCancel(c, opener, extra) {
  const titleId = uid('dlg');
  const descId = uid('dlg');
  const problem = h('div');
  const dialog = h('dialog', { class: 'sisl-dialog', id: 'co-cancel-dialog', 'aria-labelledby': titleId, 'aria-describedby': descId });
  const close = () => {
    dialog.close();
    dialog.remove();
    opener.focus();
  };
  const confirm = h('button', { type: 'button', class: 'btn btn-danger', id: 'co-cancel-confirm', onclick: async () => {
    try {
      const key = newRequestKey();
      const res = await busy(confirm, () => post(path(c.code, ':cancel'), { requestId: key }, { idempotencyKey: key }));
      dialog.close();
      dialog.remove();
      await load({ kind: 'success', text: t('coPage.cancelled', { code: c.code, cancellation: res.communication.code }) });
    } catch (err) {
      clear(problem, alertBox('danger', errorMessage(err), { focus: true }));
    }
  } }, t('coPage.confirmCancel'));
  dialog.append(
    h('h2', { class: 'h4', id: titleId }, t('coPage.cancelTitle', { code: c.code })),
    h('p', { id: descId }, t('coPage.cancelText', { event: eventLabel(c.content?.event), worker: workerName(c.content), date: day(eventDate(c.content)) })),
    problem,
    h('div', { class: 'd-flex flex-wrap gap-2' }, confirm,
      h('button', { type: 'button', class: 'btn btn-outline-secondary', id: 'co-cancel-keep', onclick: close }, t('coPage.keep'))));
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  (extra || app()).append(dialog);
  dialog.showModal();
  dialog.querySelector('#co-cancel-keep').focus();
}

// ---- the detail (and its print) -----------------------------------------------------------------
async function openDetail(code, message = null, print = false) {
  ctx.wizard?.stop();
  ctx.wizard = null;
  clear(app(), spinner());
  try {
    // The labels of the detail's codes: shown as bare codes if the lists cannot be read.
    [ctx.current] = await Promise.all([get(path(code)).then((r) => r.communication), loadWizardCodeLists().catch(() => null)]);
    ctx.view = 'detail';
    ctx.message = message;
    drawDetail(true);
    if (print) window.print();
  } catch (e) {
    failure(e);
  }
}

function drawDetail(focus = false) {
  const c = ctx.current;
  const heading = h('h2', { id: 'co-detail-heading', class: 'h3', tabindex: '-1' }, t('coPage.detailHeading', { event: eventLabel(c.content?.event), worker: workerName(c.content) }));
  clear(app(), actingFor(ctx.role),
    h('article', { class: 'sisl-co-detail', id: 'co-detail', 'aria-labelledby': 'co-detail-heading', dataset: { code: c.code, state: c.state } },
      h('p', { class: 'sisl-print-only' }, t('coPage.printTitle', { company: ctx.role.companyName || ctx.role.actingFor })),
      h('div', { class: 'sisl-appointment-head' }, heading, stateBadge(c.state)),
      ctx.message ? alertBox(ctx.message.kind, ctx.message.text) : null,
      protocolView(c),
      (c.warnings || []).length ? h('section', { 'aria-labelledby': 'co-detail-warnings' },
        h('h3', { class: 'h5', id: 'co-detail-warnings' }, t('coPage.warnings', { count: c.warnings.length })), findingList(c.warnings)) : null,
      contentView(c.content, { headingLevel: 3 }),
      actionsFor(c, false)),
    h('button', { type: 'button', class: 'btn btn-outline-secondary mt-3', id: 'co-detail-back', onclick: () => load(null, c.code) }, t('coPage.back')));
  if (focus) focusHeading(heading);
}

// ---- the wizard ------------------------------------------------------------------------------
async function openWizard(c, snapshot = null) {
  clear(app(), spinner());
  let co;
  try {
    [co] = await Promise.all([company(), loadWizardCodeLists()]);
  } catch (e) {
    failure(e);
    return;
  }
  ctx.view = 'wizard';
  ctx.correcting = c;
  ctx.wizard = coWizard({
    company: co,
    content: snapshot ? snapshot.content : c?.content,
    correcting: c?.code || '',
    resume: snapshot?.resume || null,
    onDone: (filed, corrected) => showResult(filed, corrected),
    onBack: () => load(null, c?.code),
  });
  clear(app(), actingFor(ctx.role), ctx.wizard.element);
  if (!snapshot) ctx.wizard.focus();
}

// ---- after filing ----------------------------------------------------------------------------
function showResult(filed, corrected) {
  ctx.view = 'result';
  ctx.result = { filed, corrected };
  drawResult(true);
}

function drawResult(focus = false) {
  const { filed, corrected } = ctx.result;
  const text = corrected ? t('coPage.correctedDone', { code: filed.code, previous: corrected }) : t('coPage.filed', { code: filed.code });
  const heading = h('h2', { class: 'sisl-confirmation-title h4', id: 'co-result-heading', tabindex: '-1' }, icon('it-check-circle', 'icon-success'), h('span', {}, text));
  clear(app(), actingFor(ctx.role),
    h('section', { class: 'sisl-confirmation mb-4', id: 'co-result', 'aria-labelledby': 'co-result-heading', dataset: { code: filed.code } },
      heading,
      protocolView(filed),
      (filed.warnings || []).length ? [h('p', { class: 'fw-semibold mb-1' }, t('coPage.warnings', { count: filed.warnings.length })), findingList(filed.warnings, { id: 'co-result-warnings' })] : null,
      h('div', { class: 'sisl-actions' },
        receiptLinks(filed),
        xmlLink(filed),
        h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'co-result-print', onclick: () => openDetail(filed.code, null, true) },
          icon('it-print', 'icon-primary icon-sm'), h('span', {}, t('coPage.print'))),
        h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'co-result-detail', onclick: () => openDetail(filed.code) },
          icon('it-search', 'icon-primary icon-sm'), h('span', {}, t('coPage.detail'))))),
    h('div', { class: 'd-flex flex-wrap gap-2' },
      h('button', { type: 'button', class: 'btn btn-primary', id: 'co-result-list', onclick: () => load(null, filed.code) }, t('coPage.toList')),
      h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'co-result-new', onclick: () => openWizard(null) }, t('coPage.new'))));
  if (focus) {
    focusHeading(heading);
    announce(text);
  }
}

startCompanyPage({
  render: (s) => render(s),
  onLanguage: () => {
    if (!ctx) {
      if (lastSession) render(lastSession);
      return;
    }
    if (ctx.view === 'wizard' && ctx.wizard) {
      const snap = ctx.wizard.snapshot();
      ctx.wizard.stop();
      openWizard(ctx.correcting, snap);
    } else if (ctx.view === 'detail') drawDetail();
    else if (ctx.view === 'result') drawResult();
    else if (ctx.view === 'list' && app().querySelector('#co-access')) load();
    else drawList();
  },
});
