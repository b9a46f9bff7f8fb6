// Company area (/azienda): acting for a company (ADR 0016), its file (GET/PATCH
// /api/v1/companies/{fiscalCode}), the delegations its legal representative granted (grant a
// delegate or a consultant with scopes and dates, revoke with a reason), the delegations the
// person received (accept a pending one, renounce), and, for a citizen, registering a company.
import { get, listAll, newRequestKey, post, request, selectRole, session } from './api.js';
import { updateChrome } from './chrome.js';
import {
  actingFor, companiesNotInSession, myDelegations, newRolesNotice, roleChooser, selectedCompanyRole, startCompanyPage,
} from './company-session.js';
import {
  day, delegationKindLabel, delegationStateLabel, FormErrors, isoToday, LEGAL_FORMS, legalFormLabel, missing, SCOPES, scopeLabel,
  SECTORS, sectorLabel,
} from './enterprise-labels.js';
import { checkFiscalCode } from './fiscal-code.js';
import { formatDateTime, t } from './i18n.js';
import { errorMessage } from './labels.js';
import { municipalityField } from './municipality-field.js';
import { alertBox, announce, busy, checkbox, clear, field, h, icon, radioGroup, spinner, uid } from './ui.js';

// {s, role, mine, company, granted, message: {kind, text} | null, open: {...}}
let ctx = null;
const app = () => document.getElementById('app');
const hidden = (text) => h('span', { class: 'visually-hidden' }, text);

async function load(s, message = null) {
  clear(app(), spinner());
  try {
    // The API serves a session with a role: a person who chose none acts as a citizen here.
    if (!s.selectedRole && (s.roles || []).some((r) => r.role === 'citizen')) {
      s = await selectRole('citizen');
      updateChrome(s);
    }
    const role = selectedCompanyRole(s);
    const [mine, company, granted] = await Promise.all([
      myDelegations(),
      role ? get(`/api/v1/companies/${encodeURIComponent(role.actingFor)}`).then((r) => r.company) : null,
      role?.companyRole === 'legal_representative'
        ? listAll(`/api/v1/companies/${encodeURIComponent(role.actingFor)}/delegations`, {}, 'delegations') : null,
    ]);
    ctx = { s, role, mine, company, granted, message, open: {} };
    await draw(Boolean(message));
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function draw(focusMessage = false) {
  const message = h('div', { id: 'ent-message' });
  if (ctx.message) {
    message.append(alertBox(ctx.message.kind, ctx.message.text, { focus: focusMessage }));
    if (ctx.message.kind === 'success') announce(ctx.message.text);
  }
  const parts = [message];
  if (ctx.role) {
    parts.push(actingFor(ctx.role));
    // The company's pages its role may use.
    const pages = [['vacancies', '/offerte-azienda', 'nav.companyVacancies', 'it-list'], ['l68_returns', '/prospetto-l68', 'nav.l68Returns', 'it-files'],
      ['service_requests', '/richieste-servizio', 'nav.serviceRequests', 'it-comment'], ['communications', '/comunicazioni', 'nav.communications', 'it-file'],
      ['communications', '/invio-massivo', 'nav.bulkUpload', 'it-upload']].filter(([scope]) => (ctx.role.scopes || []).includes(scope));
    if (pages.length) {
      parts.push(h('div', { class: 'sisl-actions mb-4' }, pages.map(([, href, key, name]) => h('a', { class: 'btn btn-outline-primary btn-sm', href },
        icon(name, 'icon-primary icon-sm'), h('span', {}, t(key))))));
    }
    parts.push(companySection());
    if (ctx.granted) parts.push(grantedSection());
  } else {
    parts.push(roleChooser(ctx.s, { message, onSelected: (next, text) => load(next, { kind: 'success', text }) }));
    parts.push(await newRolesNotice(companiesNotInSession(ctx.s, ctx.mine)));
  }
  parts.push(receivedSection());
  if (!ctx.role) parts.push(registerSection());
  clear(app(), parts);
}

// ---- the company file ---------------------------------------------------------------------
function site(s) {
  if (!s) return '';
  return [s.label, s.address, s.postcode, s.municipality ? t('ent.istat', { code: s.municipality }) : '', s.cpiCode ? t('ent.cpi', { cpi: s.cpiCode }) : '']
    .filter(Boolean).join(', ');
}

function companySection() {
  const c = ctx.company;
  const rows = [
    ['ent.name', c.name], ['ent.fiscalCode', c.fiscalCode], ['ent.vatNumber', c.vatNumber], ['ent.legalForm', legalFormLabel(c.legalForm)],
    ['ent.sector', sectorLabel(c.sector)], ['ent.ateco', c.atecoCode], ['ent.registeredOffice', site(c.registeredOffice)],
    ['ent.operatingSites', (c.operatingSites || []).map(site).join('; ')], ['ent.pec', c.pec], ['ent.ccnl', c.ccnlCode],
    ['ent.workforce', c.workforce ? String(c.workforce) : ''], ['ent.updated', c.updateTime ? t('ent.versionAt', { version: c.version, when: formatDateTime(c.updateTime) }) : ''],
  ].filter(([, v]) => v);
  const area = h('div');
  const section = h('section', { 'aria-labelledby': 'company-heading', class: 'sisl-card mb-5', id: 'company-file' },
    h('h2', { id: 'company-heading', class: 'h3' }, t('ent.companyHeading')),
    h('dl', { class: 'sisl-summary' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])), area);
  if (ctx.role.companyRole === 'legal_representative') {
    const edit = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'company-edit', 'aria-expanded': 'false',
      onclick: () => toggle(edit, area, () => editCompanyForm(close(edit, area))) },
    icon('it-pencil', 'icon-primary icon-sm'), h('span', {}, t('ent.editCompany')));
    section.insertBefore(h('div', { class: 'sisl-actions mb-3' }, edit), area);
  }
  return section;
}

const close = (button, area) => () => {
  clear(area);
  button.setAttribute('aria-expanded', 'false');
  button.focus();
};

function toggle(button, area, build) {
  if (button.getAttribute('aria-expanded') === 'true') {
    close(button, area)();
    return;
  }
  button.setAttribute('aria-expanded', 'true');
  clear(area, build());
  area.querySelector('input, select, textarea')?.focus();
}

// The company's fields as a form; `company` fills it (edit) or not (registration).
function companyFields(errors, company) {
  const c = company || {};
  const fields = {};
  const add = (key, paths, options) => {
    const f = field({ id: `co-${key}`, ...options });
    errors.register(paths, f, options.label);
    fields[key] = f;
    return f;
  };
  // Registering: prefilled from the SPID company attributes of a login with purpose=company.
  const spid = company ? null : ctx?.s?.spidCompany;
  if (!company) {
    add('fiscalCode', ['fiscal_code', 'company.fiscalCode'], {
      label: t('ent.fiscalCode'), required: true, hint: t('ent.fiscalCodeHint'), value: spid?.vatNumber || '',
      attrs: { maxlength: '16', autocomplete: 'off', spellcheck: 'false', class: 'form-control sisl-fiscal-code' },
    });
  }
  add('name', ['name'], { label: t('ent.name'), required: true, value: c.name || spid?.name || '', attrs: { maxlength: '200', autocomplete: 'organization' } });
  add('legalForm', ['legal_form'], { kind: 'select', label: t('ent.legalForm'), required: true, value: c.legalForm || '',
    options: [{ value: '', label: t('ent.choose') }, ...LEGAL_FORMS.map((v) => ({ value: v, label: legalFormLabel(v) }))] });
  add('sector', ['sector'], { kind: 'select', label: t('ent.sector'), required: true, value: c.sector || 'SECTOR_PRIVATE',
    options: SECTORS.map((v) => ({ value: v, label: sectorLabel(v) })) });
  add('atecoCode', ['ateco_code'], { label: t('ent.ateco'), required: true, hint: t('ent.atecoHint'), value: c.atecoCode || '', attrs: { maxlength: '8' } });
  const office = c.registeredOffice || {};
  const muniState = { selected: null, text: '' };
  const muni = municipalityField({
    label: t('ent.officeMunicipality'), required: !company, state: muniState,
    hint: company ? t('ent.officeMunicipalityKeep', { code: office.municipality || '' }) : t('ent.officeMunicipalityHint'),
  });
  errors.register(['registered_office.municipality', 'registered_office.municipality_istat_code', 'registeredOffice.municipality'], muni, t('ent.officeMunicipality'));
  fields.municipality = { wrapper: muni.wrapper, control: muni.input, state: muniState };
  add('address', ['registered_office.address', 'registeredOffice.address'], { label: t('ent.officeAddress'), required: true, value: office.address || '', attrs: { maxlength: '200', autocomplete: 'street-address' } });
  add('postcode', ['registered_office.postcode', 'registeredOffice.postcode'], { label: t('ent.officePostcode'), value: office.postcode || '', attrs: { maxlength: '5', inputmode: 'numeric', autocomplete: 'postal-code' } });
  add('pec', ['pec'], { label: t('ent.pec'), type: 'email', required: true, value: c.pec || '', attrs: { maxlength: '80' } });
  add('ccnlCode', ['ccnl_code'], { label: t('ent.ccnl'), hint: t('ent.ccnlHint'), value: c.ccnlCode || '', attrs: { maxlength: '10' } });
  add('workforce', ['workforce'], { label: t('ent.workforce'), type: 'number', value: c.workforce ? String(c.workforce) : '', attrs: { min: '0', max: '1000000' } });
  return fields;
}

function companyLayout(fields) {
  const col = (f, size = 'col-md-6') => h('div', { class: size }, f.wrapper);
  return [
    fields.fiscalCode ? h('div', { class: 'row' }, col(fields.fiscalCode)) : null,
    h('div', { class: 'row' }, col(fields.name, 'col-12')),
    h('div', { class: 'row' }, col(fields.legalForm), col(fields.sector)),
    h('div', { class: 'row' }, col(fields.atecoCode), col(fields.ccnlCode)),
    h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('ent.registeredOffice')),
      h('div', { class: 'row' }, col(fields.municipality, 'col-12')),
      h('div', { class: 'row' }, col(fields.address, 'col-md-8'), col(fields.postcode, 'col-md-4'))),
    h('div', { class: 'row' }, col(fields.pec), col(fields.workforce)),
  ];
}

function readCompany(fields) {
  const v = (k) => fields[k]?.control.value.trim() ?? '';
  const company = {
    name: v('name'), legalForm: v('legalForm'), sector: v('sector'), atecoCode: v('atecoCode'), pec: v('pec'), ccnlCode: v('ccnlCode'),
    workforce: v('workforce') === '' ? 0 : Number(v('workforce')),
    registeredOffice: { municipality: fields.municipality.state.selected?.istatCode || '', address: v('address'), postcode: v('postcode') },
  };
  if (fields.fiscalCode) company.fiscalCode = v('fiscalCode').toUpperCase().replace(/\s+/g, '');
  return company;
}

function clientProblems(fields, company, registering) {
  const problems = missing([
    ['name', company.name, t('form.required')],
    ['legal_form', company.legalForm, t('form.required')],
    ['ateco_code', company.atecoCode, t('form.required')],
    ['registered_office.address', company.registeredOffice.address, t('form.required')],
    ['pec', company.pec, t('form.required')],
  ]);
  if (registering) {
    if (!company.fiscalCode) problems.unshift({ path: 'fiscal_code', text: t('form.required') });
    else if (!/^([0-9]{11}|[A-Z0-9]{16})$/.test(company.fiscalCode)) problems.unshift({ path: 'fiscal_code', text: t('ent.fiscalCodeFormat') });
    if (!company.registeredOffice.municipality) problems.push({ path: 'registered_office.municipality', text: t('form.chooseMunicipality') });
  }
  if (company.registeredOffice.postcode && !/^[0-9]{5}$/.test(company.registeredOffice.postcode)) {
    problems.push({ path: 'registered_office.postcode', text: t('ent.postcodeFormat') });
  }
  return problems;
}

function editCompanyForm(onClose) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const fields = companyFields(errors, ctx.company);
  const reason = field({ id: 'co-reason', label: t('ent.changeReason'), hint: t('ent.changeReasonHint'), attrs: { maxlength: '500' } });
  const form = h('form', { class: 'sisl-inline-form', id: 'company-edit-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const next = readCompany(fields);
    if (!next.registeredOffice.municipality) next.registeredOffice.municipality = ctx.company.registeredOffice?.municipality || '';
    const problems = clientProblems(fields, next, false);
    if (problems.length) return errors.showProblems(problems);
    const before = ctx.company;
    const office = before.registeredOffice || {};
    const mask = ['name', 'legalForm', 'sector', 'atecoCode', 'pec', 'ccnlCode', 'workforce'].filter((k) => (before[k] ?? '') !== next[k]);
    if (['municipality', 'address', 'postcode'].some((k) => (office[k] || '') !== next.registeredOffice[k])) mask.push('registeredOffice');
    if (!mask.length) return errors.showProblems([{ text: t('ent.nothingChanged') }]);
    try {
      const r = await busy(form.querySelector('button[type="submit"]'), () => request('PATCH', `/api/v1/companies/${encodeURIComponent(before.fiscalCode)}`, {
        body: {
          fiscalCode: before.fiscalCode,
          // The office's label is not in the form: kept as it is.
          company: { ...next, registeredOffice: { label: office.label || '', ...next.registeredOffice }, fiscalCode: before.fiscalCode, version: before.version },
          updateMask: mask.join(','),
          reason: reason.control.value.trim(),
        },
      }));
      ctx.company = r.company;
      ctx.message = { kind: 'success', text: t('ent.companyUpdated') };
      await draw(true);
    } catch (err) {
      if (err.reason === 'VERSION_CONFLICT') {
        ctx.company = (await get(`/api/v1/companies/${encodeURIComponent(before.fiscalCode)}`)).company;
        ctx.message = { kind: 'warning', text: t('reason.VERSION_CONFLICT') };
        await draw(true);
        return undefined;
      }
      errors.show(err);
    }
    return undefined;
  } },
  h('h3', { class: 'h5' }, t('ent.editCompany')), alert, companyLayout(fields), reason.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('ent.saveCompany')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: onClose }, t('common.close'))));
  return form;
}

// ---- registration (a citizen without the company yet) ---------------------------------------
function registerSection() {
  const alert = h('div');
  const errors = new FormErrors(alert);
  const fields = companyFields(errors, null);
  const key = newRequestKey();
  const form = h('form', { id: 'register-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const company = readCompany(fields);
    const problems = clientProblems(fields, company, true);
    if (problems.length) return errors.showProblems(problems);
    try {
      await busy(form.querySelector('button[type="submit"]'), async () => {
        // Only a citizen registers their own company (the legal representative is the person logged in).
        let s = await session();
        if (s.selectedRole?.role !== 'citizen') {
          s = await selectRole('citizen');
          updateChrome(s);
        }
        await post('/api/v1/companies', { company, requestId: key }, { idempotencyKey: key });
        // A role may come with the new company at once (a later gateway); else at the next login.
        await load(await session(true), { kind: 'success', text: t('ent.registered', { name: company.name }) });
      });
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  alert, companyLayout(fields),
  h('button', { type: 'submit', class: 'btn btn-primary', id: 'register-submit' }, t('ent.register')));
  return h('section', { 'aria-labelledby': 'register-heading', class: 'sisl-card mb-5' },
    h('h2', { id: 'register-heading', class: 'h3' }, t('ent.registerHeading')),
    h('p', {}, t('ent.registerLead')), form);
}

// ---- delegations -------------------------------------------------------------------------
function delegationDetails(d, { showHolder }) {
  const rows = [
    showHolder ? ['ent.holder', d.holderFiscalCode] : ['ent.company', `${d.companyName} (${d.companyFiscalCode})`],
    ['ent.kind', delegationKindLabel(d.kind)],
    ['ent.scopes', (d.scopes || []).map(scopeLabel).join(', ')],
    ['ent.validity', d.validTo ? t('ent.validFromTo', { from: day(d.validFrom), to: day(d.validTo) }) : t('ent.validFrom', { from: day(d.validFrom) })],
    d.consultant?.orderNumber ? ['ent.order', t('ent.orderValue', { number: d.consultant.orderNumber, province: d.consultant.orderProvince })] : null,
    d.consultant?.studioFiscalCode ? ['ent.studio', d.consultant.studioFiscalCode] : null,
  ].filter(Boolean);
  const last = (d.acts || []).at(-1);
  if (last?.reason && d.state === 'DELEGATION_STATE_REVOKED') rows.push(['ent.revokeReason', last.reason]);
  return h('dl', { class: 'sisl-summary' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)]));
}

const STATE_KIND = { DELEGATION_STATE_ACTIVE: 'success', DELEGATION_STATE_PENDING: 'primary' };
function delegationCard(d, { showHolder, actions }) {
  const id = uid('deleg');
  const title = showHolder ? `${delegationKindLabel(d.kind)} - ${d.holderFiscalCode}` : `${d.companyName} - ${delegationKindLabel(d.kind)}`;
  const stateBadge = h('span', { class: `badge bg-${STATE_KIND[d.state] || 'secondary'}` }, delegationStateLabel(d.state));
  return h('article', { class: 'sisl-appointment sisl-delegation', 'aria-labelledby': id, dataset: { id: d.delegationId, state: d.state } },
    h('div', { class: 'sisl-appointment-head' }, h('h3', { id, class: 'h5 mb-1' }, title), stateBadge),
    delegationDetails(d, { showHolder }), actions);
}

// Revoke (the company) or renounce (the holder), with a required reason.
function revokeButton(d, label, who, done) {
  const area = h('div');
  const button = h('button', { type: 'button', class: 'btn btn-outline-danger btn-sm', 'aria-expanded': 'false', dataset: { action: 'revoke' },
    onclick: () => toggle(button, area, () => {
      const alert = h('div');
      const errors = new FormErrors(alert);
      const reason = field({ kind: 'textarea', label: t('ent.revokeReason'), required: true, attrs: { maxlength: '500' } });
      errors.register(['reason'], reason, t('ent.revokeReason'));
      const form = h('form', { class: 'sisl-inline-form', novalidate: true, onsubmit: async (e) => {
        e.preventDefault();
        const text = reason.control.value.trim();
        if (!text) return errors.showProblems([{ path: 'reason', text: t('ent.needRevokeReason') }]);
        try {
          await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/delegations/${encodeURIComponent(d.delegationId)}:revoke`, { delegationId: d.delegationId, reason: text }));
          await done();
        } catch (err) {
          errors.show(err);
        }
        return undefined;
      } },
      alert, reason.wrapper,
      h('div', { class: 'd-flex gap-2 flex-wrap' },
        h('button', { type: 'submit', class: 'btn btn-danger btn-sm' }, t(label === 'ent.renounce' ? 'ent.confirmRenounce' : 'ent.confirmRevoke')),
        h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: close(button, area) }, t('common.close'))));
      return form;
    }) },
  h('span', {}, t(label)), hidden(`, ${who}`));
  return [button, area];
}

function grantedSection() {
  const list = h('ul', { class: 'sisl-appointment-list' });
  const open = ['DELEGATION_STATE_ACTIVE', 'DELEGATION_STATE_PENDING'];
  for (const d of ctx.granted) {
    const actions = h('div', { class: 'sisl-actions' });
    const extra = h('div');
    if (d.kind !== 'DELEGATION_KIND_LEGAL_REPRESENTATIVE' && open.includes(d.state)) {
      const [button, area] = revokeButton(d, 'ent.revoke', d.holderFiscalCode, async () => load(ctx.s, { kind: 'success', text: t('ent.revoked', { holder: d.holderFiscalCode }) }));
      actions.append(button);
      extra.append(area);
    }
    list.append(h('li', {}, delegationCard(d, { showHolder: true, actions: [actions, extra] })));
  }
  const area = h('div');
  const grant = h('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'grant-open', 'aria-expanded': 'false',
    onclick: () => toggle(grant, area, () => grantForm(close(grant, area))) },
  icon('it-plus-circle', 'icon-white icon-sm'), h('span', {}, t('ent.grant')));
  return h('section', { 'aria-labelledby': 'granted-heading', class: 'mb-5', id: 'granted' },
    h('h2', { id: 'granted-heading', class: 'h3' }, t('ent.grantedHeading', { count: ctx.granted.length })),
    h('p', {}, t('ent.grantedLead')), list, h('div', { class: 'sisl-actions mb-2' }, grant), area);
}

function grantForm(onClose) {
  const alert = h('div');
  const errors = new FormErrors(alert);
  let kind = 'DELEGATION_KIND_CONSULTANT';
  const kinds = radioGroup({ name: 'grant-kind', legend: t('ent.kind'), value: kind, onchange: (v) => { kind = v; consultant.hidden = v !== 'DELEGATION_KIND_CONSULTANT'; },
    options: ['DELEGATION_KIND_CONSULTANT', 'DELEGATION_KIND_DELEGATE'].map((v) => ({ value: v, label: delegationKindLabel(v), hint: t(`ent.kindHint.${v}`) })) });
  const holder = field({ id: 'grant-holder', label: t('ent.holder'), required: true, hint: t('ent.holderHint'),
    attrs: { maxlength: '16', autocomplete: 'off', spellcheck: 'false', class: 'form-control sisl-fiscal-code' } });
  errors.register(['holder_fiscal_code', 'holderFiscalCode'], holder, t('ent.holder'));
  const scopeBoxes = SCOPES.map((s) => ({ scope: s, ...checkbox({ id: `grant-scope-${s.toLowerCase()}`, label: scopeLabel(s), checked: s === 'DELEGATION_SCOPE_VACANCIES' }) }));
  const scopesSet = h('fieldset', { class: 'mb-3', id: 'grant-scopes', tabindex: '-1' }, h('legend', { class: 'h5 sisl-legend' }, t('ent.scopes')), scopeBoxes.map((b) => b.wrapper));
  const scopesError = h('div');
  scopesSet.querySelector('legend').after(scopesError);
  errors.register(['scopes'], { control: scopesSet, setError: (text) => {
    clear(scopesError, text ? h('div', { id: 'grant-scopes-error', class: 'invalid-feedback sisl-field-error' }, text) : null);
    if (text) scopesSet.setAttribute('aria-describedby', 'grant-scopes-error');
    else scopesSet.removeAttribute('aria-describedby');
  } }, t('ent.scopes'));
  const from = field({ id: 'grant-from', type: 'date', label: t('ent.validFromLabel'), required: true, value: isoToday() });
  errors.register(['valid_from', 'validFrom'], from, t('ent.validFromLabel'));
  const to = field({ id: 'grant-to', type: 'date', label: t('ent.validToLabel'), hint: t('ent.validToHint') });
  errors.register(['valid_to', 'validTo'], to, t('ent.validToLabel'));
  const order = field({ id: 'grant-order', label: t('ent.orderNumber'), required: true, attrs: { maxlength: '20' } });
  errors.register(['consultant.order_number', 'consultant.orderNumber', 'order_number'], order, t('ent.orderNumber'));
  const province = field({ id: 'grant-order-province', label: t('ent.orderProvince'), required: true, hint: t('ent.orderProvinceHint'), attrs: { maxlength: '2', class: 'form-control sisl-fiscal-code' } });
  errors.register(['consultant.order_province', 'consultant.orderProvince', 'order_province'], province, t('ent.orderProvince'));
  const studio = field({ id: 'grant-studio', label: t('ent.studioFiscalCode'), hint: t('ent.studioHint'), attrs: { maxlength: '11', inputmode: 'numeric' } });
  errors.register(['consultant.studio_fiscal_code', 'consultant.studioFiscalCode'], studio, t('ent.studioFiscalCode'));
  const consultant = h('fieldset', { class: 'mb-3' }, h('legend', { class: 'h5 sisl-legend' }, t('ent.consultantDetails')),
    h('div', { class: 'row' }, h('div', { class: 'col-md-4' }, order.wrapper), h('div', { class: 'col-md-3' }, province.wrapper), h('div', { class: 'col-md-5' }, studio.wrapper)));
  const reason = field({ id: 'grant-reason', label: t('ent.grantReason'), required: true, hint: t('ent.grantReasonHint'), attrs: { maxlength: '500' } });
  errors.register(['reason'], reason, t('ent.grantReason'));
  const key = newRequestKey();
  const form = h('form', { class: 'sisl-inline-form', id: 'grant-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const code = holder.control.value.trim().toUpperCase();
    const scopes = scopeBoxes.filter((b) => b.control.checked).map((b) => b.scope);
    const problems = [];
    const cf = checkFiscalCode(code);
    if (cf.status !== 'valid') problems.push({ path: 'holder_fiscal_code', text: cf.status === 'empty' ? t('form.required') : t('ent.holderInvalid') });
    if (!scopes.length) problems.push({ path: 'scopes', text: t('ent.needScope') });
    if (!from.control.value) problems.push({ path: 'valid_from', text: t('form.required') });
    if (!reason.control.value.trim()) problems.push({ path: 'reason', text: t('form.required') });
    const isConsultant = kind === 'DELEGATION_KIND_CONSULTANT';
    if (isConsultant && !order.control.value.trim()) problems.push({ path: 'consultant.order_number', text: t('form.required') });
    if (isConsultant && !/^[A-Za-z]{2}$/.test(province.control.value.trim())) problems.push({ path: 'consultant.order_province', text: t('ent.orderProvinceHint') });
    if (problems.length) return errors.showProblems(problems);
    const body = { companyFiscalCode: ctx.role.actingFor, kind, holderFiscalCode: code, scopes, validFrom: from.control.value, requestId: key };
    if (to.control.value) body.validTo = to.control.value;
    body.reason = reason.control.value.trim();
    if (isConsultant) {
      body.consultant = { orderNumber: order.control.value.trim(), orderProvince: province.control.value.trim().toUpperCase() };
      if (studio.control.value.trim()) body.consultant.studioFiscalCode = studio.control.value.trim();
    }
    try {
      await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/companies/${encodeURIComponent(ctx.role.actingFor)}/delegations`, body, { idempotencyKey: key }));
      await load(ctx.s, { kind: 'success', text: t(isConsultant ? 'ent.grantedConsultant' : 'ent.grantedDelegate', { holder: code }) });
    } catch (err) {
      errors.show(err);
    }
    return undefined;
  } },
  h('h3', { class: 'h5' }, t('ent.grant')), alert, kinds, holder.wrapper, scopesSet,
  h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, from.wrapper), h('div', { class: 'col-md-6' }, to.wrapper)),
  consultant, reason.wrapper,
  h('div', { class: 'd-flex gap-2 flex-wrap' },
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'grant-submit' }, t('ent.grantSubmit')),
    h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: onClose }, t('common.close'))));
  return form;
}

function receivedSection() {
  const mine = ctx.mine;
  const list = h('ul', { class: 'sisl-appointment-list' });
  for (const d of mine) {
    const actions = h('div', { class: 'sisl-actions' });
    const extra = h('div');
    const who = d.companyName || d.companyFiscalCode;
    if (d.state === 'DELEGATION_STATE_PENDING') {
      const accept = h('button', { type: 'button', class: 'btn btn-primary btn-sm', dataset: { action: 'accept' }, onclick: async () => {
        try {
          await busy(accept, () => post(`/api/v1/delegations/${encodeURIComponent(d.delegationId)}:accept`, { delegationId: d.delegationId }));
          await load(await session(true), { kind: 'success', text: t('ent.accepted', { company: who }) });
        } catch (err) {
          clear(extra, alertBox('danger', errorMessage(err), { focus: true }));
        }
      } }, icon('it-check', 'icon-white icon-sm'), h('span', {}, t('ent.accept')), hidden(`, ${who}`));
      actions.append(accept);
    }
    if (d.kind !== 'DELEGATION_KIND_LEGAL_REPRESENTATIVE' && ['DELEGATION_STATE_ACTIVE', 'DELEGATION_STATE_PENDING'].includes(d.state)) {
      const [button, area] = revokeButton(d, 'ent.renounce', who, async () => load(await session(true), { kind: 'success', text: t('ent.renounced', { company: who }) }));
      actions.append(button);
      extra.append(area);
    }
    list.append(h('li', {}, delegationCard(d, { showHolder: false, actions: [actions, extra] })));
  }
  return h('section', { 'aria-labelledby': 'received-heading', class: 'mb-5', id: 'received' },
    h('h2', { id: 'received-heading', class: 'h3' }, t('ent.receivedHeading', { count: mine.length })),
    mine.length ? list : h('p', {}, t('ent.noneReceived')));
}

startCompanyPage({
  render: (s) => load(s),
  onLanguage: () => {
    if (ctx) draw();
  },
});
