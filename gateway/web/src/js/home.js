// Home: login (SPID, CIE) or, once logged in, the areas of the person's roles.
import { selectRole } from './api.js';
import { startPage, updateChrome } from './chrome.js';
import { t } from './i18n.js';
import { companyScopesLabel, errorMessage, roleLabel } from './labels.js';
import { loginButtons } from './spid-button.js';
import { alertBox, busy, clear, h, icon } from './ui.js';

// scope: shown only to a company role that holds it.
const COMPANY_AREAS = [{ href: '/azienda', key: 'nav.company', icon: 'it-pa' }, { href: '/offerte-azienda', key: 'nav.companyVacancies', icon: 'it-file' },
  { href: '/candidati', key: 'nav.candidates', icon: 'it-user', scope: 'vacancies' },
  { href: '/prospetto-l68', key: 'nav.l68Returns', icon: 'it-files', scope: 'l68_returns' },
  { href: '/richieste-servizio', key: 'nav.serviceRequests', icon: 'it-comment', scope: 'service_requests' },
  { href: '/comunicazioni', key: 'nav.communications', icon: 'it-file', scope: 'communications' },
  { href: '/invio-massivo', key: 'nav.bulkUpload', icon: 'it-upload', scope: 'communications' }];
const AREAS = {
  citizen: [{ href: '/prenota', key: 'nav.book', icon: 'it-calendar' }, { href: '/appuntamenti', key: 'nav.myAppointments', icon: 'it-list' },
    { href: '/storia-lavorativa', key: 'nav.employmentHistory', icon: 'it-folder' },
    { href: '/profilo', key: 'nav.profile', icon: 'it-user' }, { href: '/proposte', key: 'nav.proposals', icon: 'it-mail' },
    { href: '/notifiche', key: 'nav.notifications', icon: 'it-horn' },
    { href: '/offerte', key: 'nav.vacancies', icon: 'it-search' }, { href: '/azienda', key: 'nav.company', icon: 'it-pa' }],
  operator: [{ href: '/operatore', key: 'nav.operatorDay', icon: 'it-list' }, { href: '/calendari', key: 'nav.calendars', icon: 'it-calendar' },
    { href: '/revisione-offerte', key: 'nav.vacancyReview', icon: 'it-check-circle' },
    { href: '/prospetti-l68-cpi', key: 'nav.l68Review', icon: 'it-files' }, { href: '/richieste-servizio-cpi', key: 'nav.serviceRequestsCpi', icon: 'it-comment' },
    { href: '/storia-lavorativa-cpi', key: 'nav.employmentSearch', icon: 'it-folder' },
    { href: '/incrocio', key: 'nav.matching', icon: 'it-search' },
    { href: '/notifiche-operatore', key: 'nav.undelivered', icon: 'it-warning-circle' },
    { href: '/osservatorio-cpi', key: 'nav.observatoryCpi', icon: 'it-chart-line' }],
  admin: [{ href: '/notifiche-operatore', key: 'nav.undelivered', icon: 'it-warning-circle' },
    { href: '/osservatorio-cpi', key: 'nav.observatoryCpi', icon: 'it-chart-line' }],
  contact_centre: [{ href: '/contact-center', key: 'nav.contactCentre', icon: 'it-telephone' }],
  company: COMPANY_AREAS,
  consultant: COMPANY_AREAS,
};

// Company roles (legal representative, delegate: "company"; consultant) act for one company each.
const COMPANY_ROLES = ['company', 'consultant'];
const sameRole = (a, b) => !!a && !!b && a.role === b.role && (a.cpiCode || '') === (b.cpiCode || '') &&
  (a.actingFor || '') === (b.actingFor || '');

function safeReturnTo() {
  const r = new URLSearchParams(location.search).get('return_to');
  return r && /^\/[a-z0-9-]*$/.test(r) ? r : null;
}

// A company role's entry: what it may handle, and a button that takes it (its pages are the areas).
function companyRoleActions(role, selected, item, links, message) {
  if (role.scopes?.length) item.append(h('p', { class: 'mb-2' }, t('home.companyScopes', { scopes: companyScopesLabel(role.scopes) })));
  if (selected) return;
  links.append(h('button', {
    type: 'button', class: 'btn btn-primary btn-sm',
    onclick: async (e) => {
      try {
        const next = await busy(e.currentTarget, () => selectRole(role.role, role.cpiCode, role.actingFor));
        last = next;
        updateChrome(next);
        await render(next, t('home.roleSelected', { role: roleLabel(next.selectedRole) }));
      } catch (err) {
        clear(message, alertBox('danger', errorMessage(err), { focus: true }));
      }
    },
  }, icon('it-check', 'icon-white icon-sm'), h('span', {}, t('home.actForCompany', { company: role.companyName || role.actingFor }))));
}

async function render(s, notice = '') {
  const app = document.getElementById('app');
  if (!s?.authenticated) {
    const box = document.getElementById('login-box');
    clear(box, await loginButtons(safeReturnTo() || '/'));
    return;
  }
  const name = `${s.user?.name || ''} ${s.user?.familyName || ''}`.trim();
  const heading = h('h2', { id: 'areas-heading' }, t('home.welcome', { name }));
  const section = h('section', { 'aria-labelledby': 'areas-heading' }, heading);
  const message = h('div');
  section.append(message);
  if (notice) message.append(alertBox('success', notice, { focus: true }));
  const roles = s.roles || [];
  if (roles.length > 1) section.append(h('p', {}, t('home.chooseRole')));
  const list = h('ul', { class: 'sisl-role-list' });
  for (const role of roles) {
    const selected = sameRole(s.selectedRole, role);
    const areas = (AREAS[role.role] || []).filter((a) => !a.scope || (role.scopes || []).includes(a.scope));
    const item = h('li', { class: `sisl-role${selected ? ' selected' : ''}` },
      h('p', { class: 'sisl-role-name' }, roleLabel(role), selected ? h('span', { class: 'visually-hidden' }, ` (${t('home.current')})`) : null));
    const links = h('div', { class: 'd-flex flex-wrap gap-2' });
    if (COMPANY_ROLES.includes(role.role)) companyRoleActions(role, selected, item, links, message);
    else if (!areas.length) item.append(h('p', { class: 'mb-0' }, t('home.noArea')));
    for (const area of areas) {
      links.append(h('a', {
        class: 'btn btn-outline-primary btn-sm', href: area.href,
        onclick: async (e) => {
          if (selected) return;
          e.preventDefault();
          try {
            await busy(e.currentTarget, () => selectRole(role.role, role.cpiCode, role.actingFor));
            location.assign(area.href);
          } catch (err) {
            clear(message, alertBox('danger', errorMessage(err), { focus: true }));
          }
        },
      }, icon(area.icon, 'icon-primary icon-sm'), h('span', {}, t(area.key))));
    }
    item.append(links);
    list.append(item);
  }
  section.append(list);
  clear(app, section);
}

let last = null;
startPage({ render: (s) => { last = s; return render(s); }, onLanguage: () => render(last) });
