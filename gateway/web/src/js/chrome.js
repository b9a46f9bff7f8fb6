// What every page does on load: languages, the header's language switch and user area, the
// navigation for the selected role, and (for the reserved pages) login and role checks.
import { logout, selectRole, session, ApiError } from './api.js';
import { initI18n, language, LANGUAGES, onLanguageChange, pageLanguages, setLanguage, t } from './i18n.js';
import { errorMessage, roleLabel } from './labels.js';
import { loginButtons } from './spid-button.js';
import { alertBox, clear, h, icon } from './ui.js';

const NAV = [
  { href: '/', key: 'nav.home' },
  { href: '/prenota', key: 'nav.book', roles: ['citizen', null] },
  { href: '/appuntamenti', key: 'nav.myAppointments', roles: ['citizen', null] },
  { href: '/storia-lavorativa', key: 'nav.employmentHistory', roles: ['citizen'] },
  { href: '/profilo', key: 'nav.profile', roles: ['citizen'] },
  { href: '/proposte', key: 'nav.proposals', roles: ['citizen'] },
  { href: '/notifiche', key: 'nav.notifications', roles: ['citizen'] },
  { href: '/contact-center', key: 'nav.contactCentre', roles: ['contact_centre'] },
  { href: '/operatore', key: 'nav.operatorDay', roles: ['operator'] },
  { href: '/calendari', key: 'nav.calendars', roles: ['operator'] },
  { href: '/revisione-offerte', key: 'nav.vacancyReview', roles: ['operator'] },
  { href: '/prospetti-l68-cpi', key: 'nav.l68Review', roles: ['operator'] },
  { href: '/richieste-servizio-cpi', key: 'nav.serviceRequestsCpi', roles: ['operator'] },
  { href: '/storia-lavorativa-cpi', key: 'nav.employmentSearch', roles: ['operator'] },
  { href: '/incrocio', key: 'nav.matching', roles: ['operator'] },
  { href: '/notifiche-operatore', key: 'nav.undelivered', roles: ['operator', 'admin'] },
  { href: '/osservatorio-cpi', key: 'nav.observatoryCpi', roles: ['operator', 'admin'] },
  { href: '/azienda', key: 'nav.company', roles: ['citizen', 'company', 'consultant'] },
  { href: '/offerte-azienda', key: 'nav.companyVacancies', roles: ['company', 'consultant'] },
  { href: '/candidati', key: 'nav.candidates', roles: ['company', 'consultant'], scope: 'vacancies' },
  // scope: only for a company role that holds it.
  { href: '/prospetto-l68', key: 'nav.l68Returns', roles: ['company', 'consultant'], scope: 'l68_returns' },
  { href: '/richieste-servizio', key: 'nav.serviceRequests', roles: ['company', 'consultant'], scope: 'service_requests' },
  { href: '/comunicazioni', key: 'nav.communications', roles: ['company', 'consultant'], scope: 'communications' },
  { href: '/invio-massivo', key: 'nav.bulkUpload', roles: ['company', 'consultant'], scope: 'communications' },
  { href: '/offerte', key: 'nav.vacancies' },
  { href: '/osservatorio', key: 'nav.observatory' },
];

function renderLanguageSwitch() {
  const host = document.getElementById('lang-switch');
  if (!host) return;
  const group = h('div', { class: 'sisl-lang-switch', role: 'group', 'aria-label': t('header.language') });
  for (const code of pageLanguages()) {
    const active = code === language();
    group.append(h('button', {
      type: 'button', class: `btn btn-sm sisl-lang${active ? ' active' : ''}`, lang: code,
      'aria-pressed': String(active), dataset: { lang: code }, title: LANGUAGES[code].name,
      onclick: () => setLanguage(code),
    }, h('span', { 'aria-hidden': 'true' }, code.toUpperCase()), h('span', { class: 'visually-hidden' }, LANGUAGES[code].name)));
  }
  clear(host, group);
}

function renderUserArea(s) {
  const host = document.getElementById('user-area');
  if (!host) return;
  if (!s?.authenticated) {
    clear(host, h('a', { class: 'btn btn-primary btn-sm sisl-access', href: `/?return_to=${encodeURIComponent(location.pathname)}#accedi` },
      icon('it-user', 'icon-white icon-sm'), h('span', {}, t('header.login'))));
    return;
  }
  const name = `${s.user?.name || ''} ${s.user?.familyName || ''}`.trim();
  clear(host,
    h('span', { class: 'sisl-user' }, icon('it-user', 'icon-white icon-sm'), h('span', { class: 'sisl-user-name' }, name),
      s.selectedRole ? h('span', { class: 'sisl-user-role' }, ` · ${roleLabel(s.selectedRole)}`) : null),
    h('button', { type: 'button', class: 'btn btn-sm sisl-logout', onclick: () => logout() },
      icon('it-logout', 'icon-white icon-sm'), h('span', {}, t('header.logout'))));
}

function renderNav(s) {
  const host = document.getElementById('main-nav-list');
  if (!host) return;
  const role = s?.selectedRole?.role ?? null;
  const here = location.pathname;
  const scopes = s?.selectedRole?.scopes || [];
  clear(host, NAV.filter((n) => (!n.roles || n.roles.includes(role)) && (!n.scope || scopes.includes(n.scope))).map((n) =>
    h('li', { class: 'nav-item' }, h('a', {
      class: `nav-link${here === n.href ? ' active' : ''}`, href: n.href, 'aria-current': here === n.href ? 'page' : null,
    }, h('span', {}, t(n.key))))));
}

let currentSession = null;
function renderChrome() {
  renderLanguageSwitch();
  renderUserArea(currentSession);
  renderNav(currentSession);
}

// Shown in place of a reserved page to people not logged in.
export async function loginPanel(host, returnTo = location.pathname + location.search) {
  clear(host,
    h('div', { class: 'callout note sisl-callout' },
      h('div', { class: 'callout-title' }, icon('it-info-circle'), h('span', {}, t('login.requiredTitle'))),
      h('p', {}, t('login.required'))),
    await loginButtons(returnTo));
}

// startPage({role: 'citizen'|'operator'|'contact_centre'|[roles...]|null, render(session)}).
// For reserved pages: not logged in -> the login panel; logged in without the role (any of the
// roles) -> a message; with the role not yet selected -> selects it (the first of the roles the
// person has, in the order given).
export async function startPage({ role = null, main = document.getElementById('app'), render, onLanguage } = {}) {
  const roles = role === null ? [] : [role].flat();
  await initI18n();
  let s = null;
  try {
    s = await session();
  } catch (e) {
    s = { authenticated: false };
    if (!(e instanceof ApiError) || e.status >= 500 || e.status === 0) {
      main?.prepend(alertBox('danger', errorMessage(e)));
    }
  }
  currentSession = s;
  renderChrome();
  onLanguageChange(() => {
    renderChrome();
    onLanguage?.(language());
  });
  if (roles.length && main) {
    if (!s.authenticated) {
      await loginPanel(main);
      return null;
    }
    if (!roles.includes(s.selectedRole?.role)) {
      const offered = roles.map((wanted) => (s.roles || []).find((r) => r.role === wanted)).find(Boolean);
      if (!offered) {
        const names = roles.map((r) => t(`role.${r}`)).join(' / ');
        clear(main, alertBox('warning', t('role.missing', { role: names }), { title: t('role.missingTitle') }),
          h('p', {}, h('a', { href: '/' }, t('nav.backHome'))));
        return null;
      }
      try {
        s = await selectRole(offered.role, offered.cpiCode);
      } catch (e) {
        clear(main, alertBox('danger', errorMessage(e)));
        return null;
      }
      currentSession = s;
      renderChrome();
    }
  }
  await render?.(s);
  return s;
}

export function currentUser() {
  return currentSession;
}

// After the page changed the session (the home page's role chooser): the header follows.
export function updateChrome(s) {
  currentSession = s;
  renderChrome();
}
