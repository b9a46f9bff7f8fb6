// The company's L.68/99 returns (/prospetto-l68), for a person acting for the company with the
// l68_returns scope (legal representative, delegate, consultant): the returns with their states
// and versions (GET /api/v1/l68-returns), the wizard (l68-wizard.js: a new return, a draft, the
// correction of a return under correction), submit, request a correction, cancel, the XML of
// each version, a return's detail with every figure's explanation, and the import of a
// consultant's XML file (POST /api/v1/l68-returns:import) with a result per document.
import { get, newRequestKey, post } from './api.js';
import {
  actingFor, companyRolesOf, hasScope, roleChooser, selectedCompanyRole, startCompanyPage,
} from './company-session.js';
import { FormErrors } from './enterprise-labels.js';
import { has, t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  computationView, historyList, lateText, provinceOfMunicipality, returnCard, returnFacts, returnStateBadge, returnTitle, versionsTable, xmlLink,
} from './l68-labels.js';
import { l68Wizard } from './l68-wizard.js';
import { alertBox, announce, busy, clear, field, focusHeading, h, icon, spinner } from './ui.js';

const MAX_XML = 4000000;
// ctx: {s, role, view: 'list'|'wizard'|'detail', returns, next, message, wizard, detail, imported}
let ctx = null;
let lastSession = null;
const app = () => document.getElementById('app');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);
const path = (r, suffix = '') => `/api/v1/l68-returns/${encodeURIComponent(r.l68ReturnId)}${suffix}`;

async function render(s, notice) {
  lastSession = s;
  const role = selectedCompanyRole(s);
  if (!role || !hasScope(role, 'l68_returns')) {
    ctx = null;
    const message = h('div');
    if (role) message.append(alertBox('warning', t('l68p.noScope', { company: role.companyName || role.actingFor })));
    const chooser = roleChooser(s, { message, scope: 'l68_returns', onSelected: (next, text) => render(next, text) });
    clear(app(), message, chooser,
      !chooser && !role ? alertBox('info', companyRolesOf(s).length ? t('l68p.noRoleWithScope') : t('l68p.noRole')) : null,
      h('p', {}, h('a', { href: '/azienda' }, t('nav.company'))));
    return;
  }
  ctx = { s, role, view: 'list', returns: [], next: '', message: notice ? { kind: 'success', text: notice } : null, wizard: null, detail: null, imported: null };
  await load();
}

// ---- the list ----------------------------------------------------------------------------
async function load(message, focusId) {
  if (message !== undefined) ctx.message = message;
  ctx.view = 'list';
  ctx.wizard?.stop();
  ctx.wizard = null;
  clear(app(), spinner());
  try {
    const r = await get('/api/v1/l68-returns', { pageSize: 20 });
    ctx.returns = r.l68Returns || [];
    ctx.next = r.nextPageToken || '';
    drawList(Boolean(ctx.message) && !focusId, focusId);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/l68-returns', { pageSize: 20, pageToken: ctx.next }));
    const first = ctx.returns.length;
    ctx.returns.push(...(r.l68Returns || []));
    ctx.next = r.nextPageToken || '';
    ctx.message = null;
    drawList(false);
    focusHeading(app().querySelectorAll('article.sisl-l68-return h3')[first]);
  } catch (e) {
    ctx.message = { kind: 'danger', text: errorMessage(e) };
    drawList(true);
  }
}

function drawList(focusMessage = false, focusId = null) {
  const message = h('div', { id: 'l68-list-message' });
  if (ctx.message) {
    message.append(alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }));
    if (ctx.message.kind === 'success') announce(ctx.message.text);
  }
  const importArea = h('div', { id: 'l68-import-area' });
  const importButton = h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'l68-import-open', 'aria-expanded': 'false',
    'aria-controls': 'l68-import-area', onclick: () => {
      if (importButton.getAttribute('aria-expanded') === 'true') {
        clear(importArea);
        importButton.setAttribute('aria-expanded', 'false');
        ctx.imported = null;
        return;
      }
      importButton.setAttribute('aria-expanded', 'true');
      clear(importArea, importForm(importArea, importButton));
      importArea.querySelector('input')?.focus();
    } }, icon('it-upload', 'icon-primary icon-sm'), h('span', {}, t('l68p.importOpen')));
  if (ctx.imported) {
    importButton.setAttribute('aria-expanded', 'true');
    clear(importArea, importForm(importArea, importButton), importResults(ctx.imported.fileName, ctx.imported.res));
  }
  const list = h('ul', { class: 'sisl-appointment-list' }, ctx.returns.map((r) => h('li', {}, returnCard(r, { actions: actionsFor(r, true) }))));
  clear(app(),
    actingFor(ctx.role), message,
    h('div', { class: 'sisl-actions mb-4' },
      h('button', { type: 'button', class: 'btn btn-primary', id: 'l68-new', onclick: () => openWizard(null, 'new') },
        icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('l68p.new'))),
      importButton),
    importArea,
    h('section', { 'aria-labelledby': 'l68-list-heading' },
      h('h2', { id: 'l68-list-heading', class: 'h3' }, t('l68p.listHeading', { count: ctx.returns.length + (ctx.next ? '+' : '') })),
      h('p', {}, t('l68p.listLead')),
      ctx.returns.length ? list : h('p', {}, t('l68p.none')),
      ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'l68-more', onclick: (e) => more(e.currentTarget) }, t('l68p.more')) : null));
  if (focusId) focusHeading(app().querySelector(`article[data-id="${focusId}"] h3`));
}

// ---- actions on a return -------------------------------------------------------------------
// An inline form with a reason (required or not) that posts `suffix` and reloads.
function reasonForm({ r, host, opener, label, hint, required, confirm, kind, suffix, done }) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const reason = field({ kind: 'textarea', label, hint, required, attrs: { maxlength: '500', rows: '3' } });
  errors.register(['reason'], reason, label);
  const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const text = reason.control.value.trim();
    if (required && !text) return errors.showProblems([{ path: 'reason', text: t('l68p.needReason') }]);
    try {
      const res = await busy(form.querySelector('button[type="submit"]'), () => post(path(r, suffix), { l68ReturnId: r.l68ReturnId, reason: text }));
      await done(res.l68Return);
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  alert, reason.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: `btn ${kind} btn-sm` }, confirm),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(host);
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

// After a step: the list (or the detail) again, with the message.
async function after(r, text, fromDetail) {
  if (fromDetail) await openDetail(r.l68ReturnId, { kind: 'success', text });
  else await load({ kind: 'success', text }, null);
}

// The buttons of a return by state; `inList`: a card of the list (with "detail").
function actionsFor(r, inList) {
  const title = returnTitle(r);
  const actions = h('div', { class: 'sisl-actions' });
  const extra = h('div');
  const which = () => hidden(`, ${title}`);
  const toggle = (name, labelKey, kindClass, build) => {
    const button = h('button', { type: 'button', class: `btn ${kindClass} btn-sm`, 'aria-expanded': 'false', dataset: { action: name }, onclick: () => {
      const opening = button.getAttribute('aria-expanded') !== 'true';
      actions.querySelectorAll('button[aria-expanded]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
      if (!opening) return clear(extra);
      button.setAttribute('aria-expanded', 'true');
      clear(extra, build(button));
      extra.querySelector('textarea, input, select')?.focus();
      return undefined;
    } }, h('span', {}, t(labelKey)), which());
    actions.append(button);
  };
  if (inList) {
    actions.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'detail' }, onclick: () => openDetail(r.l68ReturnId) },
      icon('it-search', 'icon-primary icon-sm'), h('span', {}, t('l68p.detail')), which()));
  }
  if (r.state === 'L68_RETURN_STATE_DRAFT') {
    actions.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { action: 'edit' }, onclick: () => openWizard(r, 'draft') },
      icon('it-pencil', 'icon-primary icon-sm'), h('span', {}, t('l68p.edit')), which()));
    const submit = h('button', { type: 'button', class: 'btn btn-primary btn-sm', dataset: { action: 'submit' }, onclick: async () => {
      try {
        const res = await busy(submit, () => post(path(r, ':submit'), { l68ReturnId: r.l68ReturnId }));
        const done = res.l68Return;
        await after(done, t('l68w.submitted', { year: done.year, protocol: done.protocolNumber, late: lateText(done) }), !inList);
      } catch (err) {
        clear(extra, alertBox('danger', errorMessage(err), { focus: true }));
      }
    } }, icon('it-upload', 'icon-white icon-sm'), h('span', {}, t('l68p.submit')), which());
    actions.append(submit);
  }
  if (r.state === 'L68_RETURN_STATE_SUBMITTED') {
    toggle('request-correction', 'l68p.requestCorrection', 'btn-outline-primary', (opener) => reasonForm({
      r, host: extra, opener, label: t('l68p.correctionReason'), hint: t('l68p.correctionReasonHint'), required: true,
      confirm: t('l68p.confirmRequestCorrection'), kind: 'btn-primary', suffix: ':request-correction',
      done: (next) => after(next, t('l68p.correctionOpened', { year: next.year }), !inList),
    }));
  }
  if (r.state === 'L68_RETURN_STATE_UNDER_CORRECTION') {
    actions.append(h('button', { type: 'button', class: 'btn btn-primary btn-sm', dataset: { action: 'correct' }, onclick: () => openWizard(r, 'correction') },
      icon('it-pencil', 'icon-white icon-sm'), h('span', {}, t('l68p.correct')), which()));
  }
  if (['L68_RETURN_STATE_DRAFT', 'L68_RETURN_STATE_SUBMITTED', 'L68_RETURN_STATE_UNDER_CORRECTION'].includes(r.state)) {
    toggle('cancel', 'l68p.cancel', 'btn-outline-danger', (opener) => reasonForm({
      r, host: extra, opener, label: t('l68p.cancelReason'), hint: t('l68p.cancelReasonHint'), required: false,
      confirm: t('l68p.confirmCancel'), kind: 'btn-danger', suffix: ':cancel',
      done: (next) => after(next, t('l68p.cancelled', { year: next.year }), !inList),
    }));
  }
  actions.append(xmlLink(r));
  return [actions, extra];
}

// ---- the wizard ----------------------------------------------------------------------------
async function officeProvince() {
  try {
    const c = (await get(`/api/v1/companies/${encodeURIComponent(ctx.role.actingFor)}`)).company;
    return provinceOfMunicipality(c.registeredOffice?.municipality) || 'TO';
  } catch {
    return 'TO';
  }
}

async function openWizard(r, mode) {
  let ret = r;
  clear(app(), spinner());
  try {
    // The list has no explanations and may be older than the return: the return itself.
    if (ret) ret = (await get(path(ret))).l68Return;
    const province = ret ? '' : await officeProvince();
    ctx.view = 'wizard';
    ctx.wizard = l68Wizard({
      ret, mode, officeProvince: province,
      onDone: (done, text) => load({ kind: 'success', text }, done.l68ReturnId),
      onBack: (saved) => load(null, saved?.l68ReturnId || r?.l68ReturnId),
    });
    clear(app(), actingFor(ctx.role), ctx.wizard.element);
    ctx.wizard.focus();
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

// ---- the detail of a return --------------------------------------------------------------
async function openDetail(id, message = null) {
  ctx.wizard?.stop();
  ctx.wizard = null;
  clear(app(), spinner());
  try {
    const r = (await get(`/api/v1/l68-returns/${encodeURIComponent(id)}`)).l68Return;
    ctx.view = 'detail';
    ctx.detail = r;
    ctx.message = message;
    drawDetail(true);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function drawDetail(focus = false) {
  const r = ctx.detail;
  const heading = h('h2', { id: 'l68-detail-heading', class: 'h3', tabindex: '-1' }, returnTitle(r));
  const message = ctx.message ? alertBox(ctx.message.kind, ctx.message.text) : null;
  if (ctx.message?.kind === 'success') announce(ctx.message.text);
  clear(app(), actingFor(ctx.role),
    h('article', { class: 'sisl-l68-detail', 'aria-labelledby': 'l68-detail-heading', dataset: { id: r.l68ReturnId, state: r.state } },
      h('div', { class: 'sisl-appointment-head' }, heading, returnStateBadge(r.state)),
      message, returnFacts(r), actionsFor(r, false),
      versionsTable(r, (other) => openDetail(other)),
      historyList(r),
      h('section', { 'aria-labelledby': 'l68-detail-calc', class: 'mt-4' },
        h('h3', { id: 'l68-detail-calc', class: 'h4' }, t('l68p.computation')),
        computationView(r.computation, { headingLevel: 4, collapse: true })),
      r.correctionComputation?.provinces?.length ? h('details', { class: 'sisl-history mt-4', id: 'l68-detail-correction' },
        h('summary', {}, t('l68p.proposedCorrection')),
        computationView(r.correctionComputation, { headingLevel: 4, collapse: true })) : null),
    h('button', { type: 'button', class: 'btn btn-outline-secondary mt-3', id: 'l68-detail-back', onclick: () => load(null, r.l68ReturnId) }, t('l68w.back')));
  if (focus) focusHeading(heading);
}

// ---- import ---------------------------------------------------------------------------------
const reasonText = (reason, message) => (reason && (has(`reason.${reason}`) || has(`reason.${reason}`, 'it')) ? t(`reason.${reason}`) : message || reason);

function importResults(fileName, res) {
  const results = res.results || [];
  const imported = res.imported || 0;
  const refused = res.refused || 0;
  const kind = refused ? (imported ? 'warning' : 'danger') : 'success';
  const rows = results.map((x) => h('tr', { dataset: { index: String(x.index), outcome: x.l68ReturnId ? 'imported' : 'refused' } },
    h('th', { scope: 'row' }, String(x.index)),
    h('td', {}, String(x.line || '')),
    h('td', {}, x.companyFiscalCode || ''),
    h('td', {}, x.year ? String(x.year) : ''),
    h('td', {}, x.l68ReturnId ? t('l68p.importedDraft') : t('l68p.refused')),
    h('td', {}, x.l68ReturnId ? '' : [
      h('p', { class: 'mb-1' }, reasonText(x.reason, x.message)),
      (x.problems || []).length ? h('ul', { class: 'mb-0' }, x.problems.map((p) => h('li', {},
        p.column ? t('l68p.problemAtColumn', { line: p.line, column: p.column, message: p.message }) : t('l68p.problemAt', { line: p.line, message: p.message })))) : null,
    ])));
  return h('section', { class: 'mb-5', id: 'l68-import-result', 'aria-labelledby': 'l68-import-result-heading' },
    h('h3', { id: 'l68-import-result-heading', class: 'h5', tabindex: '-1' }, t('l68p.importResultHeading', { file: fileName })),
    alertBox(kind, t('l68p.importSummary', { imported, refused })),
    h('div', { class: 'table-responsive' }, h('table', { class: 'table sisl-table sisl-l68-import' },
      h('caption', {}, t('l68p.importCaption', { count: results.length })),
      h('thead', {}, h('tr', {}, ['l68p.colIndex', 'l68p.colLine', 'l68p.colCompany', 'l68p.colYear', 'l68p.colOutcome', 'l68p.colDetails']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows))));
}

function importForm(area, opener) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const id = 'l68-import-file';
  const hintId = `${id}-hint`;
  const file = h('input', { type: 'file', id, class: 'form-control', accept: '.xml,application/xml,text/xml', required: true, 'aria-describedby': hintId });
  const wrapper = h('div', { class: 'form-group mb-4' },
    h('label', { for: id, class: 'active' }, t('l68p.importFile'), h('span', { 'aria-hidden': 'true' }, ' *')),
    file, h('small', { id: hintId, class: 'form-text' }, t('l68p.importHint')));
  errors.register(['xml', 'file'], { control: file, wrapper }, t('l68p.importFile'));
  const key = { value: newRequestKey() };
  const form = h('form', { class: 'sisl-inline-form mb-4', id: 'l68-import-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return errors.showProblems([{ path: 'file', text: t('l68p.needFile') }]);
    if (chosen.size > MAX_XML) return errors.showProblems([{ path: 'file', text: t('l68p.fileTooLarge') }]);
    try {
      const xml = await chosen.text();
      const res = await busy(form.querySelector('button[type="submit"]'), () => post('/api/v1/l68-returns:import', { xml, requestId: key.value }, { idempotencyKey: key.value }));
      key.value = newRequestKey();
      ctx.imported = { fileName: chosen.name, res };
      await load(null);
      focusHeading(document.getElementById('l68-import-result-heading'));
      announce(t('l68p.importSummary', { imported: res.imported || 0, refused: res.refused || 0 }));
    } catch (err) {
      if (err.reason === 'XML_INVALID' && err.metadata?.line) {
        errors.showProblems([{ path: 'file', text: t('l68p.notWellFormed', { line: err.metadata.line, column: err.metadata.column || '?', detail: err.detail }) }]);
      } else {
        errors.show(err);
      }
    }
    return undefined;
  } },
  h('h2', { class: 'h4' }, t('l68p.importHeading')), h('p', {}, t('l68p.importLead')), alert, wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'l68-import-submit' }, t('l68p.importSubmit')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: () => {
      clear(area);
      ctx.imported = null;
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    } }, t('common.close'))));
  return form;
}

startCompanyPage({
  render: (s) => render(s),
  onLanguage: () => {
    if (!ctx) {
      if (lastSession) render(lastSession);
      return;
    }
    if (ctx.view === 'wizard' && ctx.wizard) {
      ctx.wizard.redraw();
      clear(app(), actingFor(ctx.role), ctx.wizard.element);
    } else if (ctx.view === 'detail') drawDetail();
    else drawList();
  },
});
