// CPI operator: a person's employment history (/storia-lavorativa-cpi): fiscal code (checked
// while typed) and the reason of the access (required, audited by the service) ->
// GET /api/v1/employment:search -> the relationships with their communications.
import { get } from './api.js';
import { relationshipCard } from './co-labels.js';
import { loadCodeLists } from './code-lists.js';
import { startPage } from './chrome.js';
import { FormErrors } from './enterprise-labels.js';
import { checkFiscalCode } from './fiscal-code.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, busy, clear, field, focusHeading, h, spinner } from './ui.js';

let ctx = null; // {fiscalCode, accessReason, relationships, next}
let form = null;
const app = () => document.getElementById('app');
const result = () => document.getElementById('emp-result');

function cfProblem(value) {
  const r = checkFiscalCode(value);
  switch (r.status) {
    case 'valid': return null;
    case 'empty': return t('cf.required');
    case 'incomplete': return t('cf.incompleteSubmit');
    case 'format': return r.position > 16 ? t('cf.tooLong') : t('cf.format', { position: r.position });
    case 'month': return t('cf.month');
    case 'day': return t('cf.day');
    default: return t('cf.check', { expected: r.expected });
  }
}

function buildForm() {
  const alert = h('div', { id: 'emp-search-alert' });
  const errors = new FormErrors(alert);
  const code = field({ id: 'emp-fiscal-code', label: t('empCpi.fiscalCode'), required: true, hint: t('empCpi.fiscalCodeHint'),
    attrs: { maxlength: '16', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', class: 'form-control sisl-fiscal-code' } });
  errors.register(['fiscal_code', 'fiscalCode'], code, t('empCpi.fiscalCode'));
  const reason = field({ id: 'emp-access-reason', kind: 'textarea', label: t('empCpi.accessReason'), required: true, hint: t('empCpi.accessReasonHint'),
    attrs: { maxlength: '500', rows: '2' } });
  errors.register(['access_reason', 'accessReason'], reason, t('empCpi.accessReason'));
  code.control.addEventListener('input', () => {
    const upper = code.control.value.toUpperCase().replace(/\s+/g, '');
    if (upper !== code.control.value) code.control.value = upper;
  });
  const el = h('form', { id: 'emp-search-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const fiscalCode = code.control.value.trim().toUpperCase();
    const accessReason = reason.control.value.trim();
    lastProblems = problemsOf(fiscalCode, accessReason);
    if (lastProblems.length) {
      clear(result());
      return showProblems(errors, alert, lastProblems, true);
    }
    errors.clear();
    await busy(el.querySelector('button[type="submit"]'), () => search(fiscalCode, accessReason, errors));
    return undefined;
  } },
  alert,
  h('div', { class: 'row' }, h('div', { class: 'col-md-5' }, code.wrapper), h('div', { class: 'col-md-7' }, reason.wrapper)),
  h('button', { type: 'submit', class: 'btn btn-primary', id: 'emp-search' }, t('empCpi.search')));
  el.showAgain = () => lastProblems.length && showProblems(errors, alert, problemsOf(code.control.value.trim().toUpperCase(), reason.control.value.trim()), false);
  return el;
}

// The missing or wrong fields: [{path, key}] (texts in the page's language when shown).
let lastProblems = [];
function problemsOf(fiscalCode, accessReason) {
  const problems = [];
  if (cfProblem(fiscalCode)) problems.push({ path: 'fiscalCode', text: () => cfProblem(fiscalCode) });
  if (!accessReason) problems.push({ path: 'accessReason', text: () => t('empCpi.reasonRequired') });
  return problems;
}

// The errors on their fields and an alert linking to them (focused after a search, not after a
// change of language).
function showProblems(errors, alert, problems, focus) {
  const list = problems.map((p) => ({ path: p.path, text: p.text() }));
  if (focus) return errors.showProblems(list);
  errors.clear();
  const items = list.map((p) => {
    const f = errors.find(p.path);
    f.setError(p.text);
    return h('li', {}, h('a', { href: `#${f.control.id}`, class: 'sisl-to-field', onclick: (e) => { e.preventDefault(); f.control.focus(); } }, `${f.label}: ${p.text}`));
  });
  clear(alert, alertBox('danger', h('ul', { class: 'mb-0' }, items), { title: t('form.errorTitle') }));
  return undefined;
}

async function search(fiscalCode, accessReason, errors) {
  clear(result(), spinner());
  try {
    // The codes' labels (code lists API): bare codes if the lists cannot be read.
    const [r] = await Promise.all([get('/api/v1/employment:search', { fiscalCode, accessReason, pageSize: 50 }), loadCodeLists().catch(() => null)]);
    ctx = { fiscalCode, accessReason, relationships: r.relationships || [], next: r.nextPageToken || '' };
    draw(true);
  } catch (e) {
    clear(result());
    if (e?.violations?.length) errors.show(e);
    else clear(result(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/employment:search', { fiscalCode: ctx.fiscalCode, accessReason: ctx.accessReason, pageSize: 50, pageToken: ctx.next }));
    ctx.relationships.push(...(r.relationships || []));
    ctx.next = r.nextPageToken || '';
    draw(false);
  } catch (e) {
    result().append(alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function draw(focus) {
  if (!ctx) return;
  const heading = h('h2', { id: 'emp-result-heading', class: 'h3', tabindex: '-1' }, t('empCpi.resultHeading', { code: ctx.fiscalCode, count: ctx.relationships.length + (ctx.next ? '+' : '') }));
  clear(result(), h('section', { 'aria-labelledby': 'emp-result-heading' },
    heading,
    h('p', { class: 'text-muted' }, t('empCpi.audited', { reason: ctx.accessReason })),
    ctx.relationships.length
      ? h('ul', { class: 'sisl-appointment-list', id: 'emp-list' }, ctx.relationships.map((r) => h('li', {}, relationshipCard(r, { headingLevel: 3 }))))
      : h('div', { class: 'callout note sisl-callout', id: 'emp-empty' }, h('p', { class: 'mb-0' }, t('empCpi.none'))),
    ctx.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'emp-more', onclick: (e) => more(e.currentTarget) }, t('emp.more')) : null));
  if (focus) focusHeading(heading);
}

function render() {
  form = buildForm();
  clear(app(), h('section', { class: 'sisl-card mb-4', 'aria-labelledby': 'emp-search-heading' },
    h('h2', { id: 'emp-search-heading', class: 'h4' }, t('empCpi.searchHeading')), form), h('div', { id: 'emp-result' }));
}

startPage({
  role: 'operator',
  render,
  onLanguage: () => {
    const code = document.getElementById('emp-fiscal-code')?.value || '';
    const reason = document.getElementById('emp-access-reason')?.value || '';
    render();
    document.getElementById('emp-fiscal-code').value = code;
    document.getElementById('emp-access-reason').value = reason;
    document.getElementById('emp-fiscal-code').dispatchEvent(new Event('change'));
    form.showAgain();
    draw(false);
  },
});
