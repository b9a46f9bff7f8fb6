// "Entra con SPID" (AgID's SPID SP access button: a button that discloses the list of identity
// providers) and "Entra con CIE". The providers come from the gateway (GET /spid/idps: the IdPs
// whose metadata it trusts; the development IdP only in development mode).
import { t } from './i18n.js';
import { h, icon, uid } from './ui.js';

let configPromise = null;
function config() {
  if (!configPromise) {
    configPromise = fetch('/spid/idps').then((r) => (r.ok ? r.json() : { spid: [], cie: [] }))
      .catch(() => ({ spid: [], cie: [] }));
  }
  return configPromise;
}

const entity = (idp) => idp.entityId;
export const loginUrl = (idp, returnTo) =>
  `/spid/login?idp=${encodeURIComponent(entity(idp))}&level=2&return_to=${encodeURIComponent(returnTo)}`;

function idpName(idp) {
  return t(idp.nameKey || '') !== (idp.nameKey || '') ? t(idp.nameKey) : idp.name;
}

function spidButton(idps, returnTo) {
  const listId = uid('spid-idps');
  const list = h('ul', { id: listId, class: 'spid-idp-list link-list', hidden: true });
  for (const idp of idps) {
    list.append(h('li', {}, h('a', { class: 'spid-idp-link', href: loginUrl(idp, returnTo), dataset: { entity: idp.entityId } },
      idpName(idp))));
  }
  list.append(
    h('li', { class: 'spid-idp-support' }, h('a', { href: 'https://www.spid.gov.it', rel: 'noopener' }, t('login.spidInfo'))),
    h('li', { class: 'spid-idp-support' }, h('a', { href: 'https://www.spid.gov.it/cos-e-spid/come-attivare-spid/', rel: 'noopener' }, t('login.spidGet'))),
    h('li', { class: 'spid-idp-support' }, h('a', { href: 'https://www.spid.gov.it/serve-aiuto', rel: 'noopener' }, t('login.spidHelp'))));
  const button = h('button', {
    type: 'button', class: 'btn btn-primary spid-button', 'aria-expanded': 'false', 'aria-controls': listId,
  }, icon('sisl-spid', 'spid-button-icon'), h('span', {}, t('login.spid')));
  const close = (focus) => {
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focus) button.focus();
  };
  button.addEventListener('click', () => {
    const open = list.hidden;
    list.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) list.querySelector('a')?.focus();
  });
  const wrapper = h('div', { class: 'spid-access' }, button, list);
  wrapper.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !list.hidden) close(true);
  });
  wrapper.addEventListener('focusout', (e) => {
    if (!wrapper.contains(e.relatedTarget) && e.relatedTarget) close(false);
  });
  return wrapper;
}

function cieButton(idp, returnTo) {
  return h('a', { class: 'btn btn-outline-primary cie-button', href: loginUrl(idp, returnTo) },
    icon('sisl-cie', 'cie-button-icon'), h('span', {}, t('login.cie')));
}

// The login box: SPID and CIE buttons, with the development note when the list only has the
// development IdP.
export async function loginButtons(returnTo) {
  const c = await config();
  const box = h('div', { class: 'sisl-login-buttons' });
  if (c.spid?.length) box.append(spidButton(c.spid, returnTo));
  if (c.cie?.length) box.append(cieButton(c.cie[0], returnTo));
  if ([...(c.spid || []), ...(c.cie || [])].some((i) => i.development)) {
    box.append(h('p', { class: 'small text-muted mt-2 mb-0 w-100' }, t('login.devNote')));
  }
  if (!box.childElementCount) box.append(h('p', {}, t('login.none')));
  return box;
}
