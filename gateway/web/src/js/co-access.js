// Who may use the company's communications pages (/comunicazioni, /invio-massivo): a person acting
// for the company (legal representative, delegate, consultant) whose role holds the
// communications scope. Without it, the page says why and offers the company roles that hold it;
// the service's own refusals of the access (no company role, no scope, a delegation
// communications does not know yet) have their message, the last with "try again".
import { actingFor, companyRolesOf, hasScope, roleChooser, selectedCompanyRole } from './company-session.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, clear, h } from './ui.js';

export const CO_SCOPE = 'communications';
const ACCESS_REASONS = ['NOT_ACTING_FOR_COMPANY', 'SCOPE_MISSING', 'DELEGATION_NOT_ACTIVE'];
export const isAccessProblem = (e) => ACCESS_REASONS.includes(e?.reason);

// The selected company role when it holds the scope; otherwise draws into `host` the message and
// the "act for" buttons of the roles that hold it (onSelected(session, text) once one is taken)
// and returns null.
export function communicationsRole(s, host, onSelected) {
  const role = selectedCompanyRole(s);
  if (role && hasScope(role, CO_SCOPE)) return role;
  const message = h('div', { id: 'co-access' });
  if (role) message.append(alertBox('warning', t('coPage.noScope', { company: role.companyName || role.actingFor }), { title: t('coPage.accessTitle') }));
  const chooser = roleChooser(s, { message, scope: CO_SCOPE, onSelected });
  clear(host, message, chooser,
    !chooser && !role ? alertBox('info', companyRolesOf(s).length ? t('coPage.noRoleWithScope') : t('coPage.noRole'), { title: t('coPage.accessTitle') }) : null,
    h('p', {}, h('a', { href: '/azienda' }, t('nav.company'))));
  return null;
}

// A refusal of the access by the service: its message (focused) and, for a delegation that
// communications is about to learn, a "try again" button calling retry().
export function accessProblem(e, retry) {
  const box = h('div', { id: 'co-access' }, alertBox('warning', errorMessage(e), { title: t('coPage.accessTitle'), focus: true }));
  if (e.reason === 'DELEGATION_NOT_ACTIVE') {
    box.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'co-retry', onclick: () => retry() }, t('coPage.retry')));
  }
  return box;
}

// Any failure of a page's call: the access problems as above, the others as a focused alert.
export function failureView(role, e, retry) {
  return [actingFor(role), isAccessProblem(e) ? accessProblem(e, retry) : alertBox('danger', errorMessage(e), { focus: true })];
}
