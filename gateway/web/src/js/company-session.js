// The company pages' session: login, the company role the person acts in (legal representative,
// delegate: "company"; labour consultant: "consultant"; ADR 0016), and the roles given after
// login (a company just registered, a delegation just accepted), which a new login brings in.
import { listAll, selectRole } from './api.js';
import { loginPanel, startPage, updateChrome } from './chrome.js';
import { t } from './i18n.js';
import { companyScopesLabel, errorMessage, roleLabel } from './labels.js';
import { loginButtons } from './spid-button.js';
import { alertBox, busy, clear, h, icon } from './ui.js';

export const COMPANY_ROLES = ['company', 'consultant'];
export const isCompanyRole = (r) => Boolean(r) && COMPANY_ROLES.includes(r.role);
export const companyRolesOf = (s) => (s?.roles || []).filter(isCompanyRole);
export const selectedCompanyRole = (s) => (isCompanyRole(s?.selectedRole) ? s.selectedRole : null);
export const hasScope = (role, scope) => (role?.scopes || []).includes(scope);

// The person's delegations in every company (GET /api/v1/my/delegations).
export const myDelegations = () => listAll('/api/v1/my/delegations', {}, 'delegations');

// The companies of active delegations that the session does not offer as roles: given after
// login, they join at the next login.
export function companiesNotInSession(s, delegations) {
  const inSession = new Set(companyRolesOf(s).map((r) => r.actingFor));
  const names = new Map();
  for (const d of delegations) {
    if (d.state === 'DELEGATION_STATE_ACTIVE' && !inSession.has(d.companyFiscalCode)) names.set(d.companyFiscalCode, d.companyName || d.companyFiscalCode);
  }
  return [...names.values()];
}

// "Log in again to act for X": the login buttons, back to this page.
export async function newRolesNotice(companies) {
  if (!companies.length) return null;
  return h('section', { class: 'sisl-new-roles mb-5', 'aria-labelledby': 'new-roles-heading' },
    h('div', { class: 'callout note sisl-callout' },
      h('h2', { class: 'callout-title h5', id: 'new-roles-heading' }, icon('it-info-circle'), h('span', {}, t('ent.newRolesTitle'))),
      h('p', {}, t('ent.newRoles', { companies: companies.join(', ') }))),
    await loginButtons(location.pathname));
}

// One "Act for X" button per company role (only those with `scope`, when given).
export function roleChooser(s, { onSelected, message, scope } = {}) {
  const roles = companyRolesOf(s).filter((r) => !scope || hasScope(r, scope));
  if (!roles.length) return null;
  const list = h('ul', { class: 'sisl-role-list' });
  for (const role of roles) {
    const button = h('button', {
      type: 'button', class: 'btn btn-primary btn-sm', dataset: { actingFor: role.actingFor },
      onclick: async () => {
        try {
          const next = await busy(button, () => selectRole(role.role, role.cpiCode, role.actingFor));
          updateChrome(next);
          await onSelected?.(next, t('home.roleSelected', { role: roleLabel(next.selectedRole) }));
        } catch (err) {
          if (message) clear(message, alertBox('danger', errorMessage(err), { focus: true }));
        }
      },
    }, icon('it-check', 'icon-white icon-sm'), h('span', {}, t('home.actForCompany', { company: role.companyName || role.actingFor })));
    list.append(h('li', { class: 'sisl-role' },
      h('p', { class: 'sisl-role-name' }, roleLabel(role)),
      role.scopes?.length ? h('p', { class: 'mb-2' }, t('home.companyScopes', { scopes: companyScopesLabel(role.scopes) })) : null,
      button));
  }
  return h('section', { 'aria-labelledby': 'chooser-heading', class: 'mb-5' },
    h('h2', { id: 'chooser-heading', class: 'h3' }, t('ent.chooseCompany')), list);
}

// The "acting for" line with the role and a link to change it.
export function actingFor(role) {
  return h('p', { class: 'sisl-acting-for' }, icon('it-pa', 'icon-sm icon-primary'),
    h('span', {}, t('ent.actingFor', { company: role.companyName || role.actingFor, role: t(`companyRole.${role.companyRole}`) }),
      ' ', h('a', { href: '/' }, t('ent.changeRole'))));
}

// Starts a company page: the login panel for people not logged in, else render(session).
export function startCompanyPage({ render, onLanguage }) {
  const app = document.getElementById('app');
  return startPage({
    render: async (s) => (s?.authenticated ? render(s) : loginPanel(app)),
    onLanguage,
  });
}
