// Citizen: my notifications (/notifiche). The preferences (GET/PUT
// /api/v1/my/notification-preferences): the channels wanted (none = every channel the service
// offers), the language of the messages, the e-mail and mobile for messages about no appointment
// (appointments use the contacts given when booking); the service's refusals of an address or a
// number land on their field. Below, the messages sent to me (GET /api/v1/my/notifications,
// newest first, a page at a time with previous/next).
import { get, request } from './api.js';
import { startPage } from './chrome.js';
import { FormErrors, violationText } from './enterprise-labels.js';
import { has, LANGUAGES, t } from './i18n.js';
import { errorMessage } from './labels.js';
import {
  appointmentCell, CHANNELS, channelLabel, MESSAGE_LANGUAGES, Pages, pager, stateBadge, typeLabel, when,
} from './notification-labels.js';
import { alertBox, announce, busy, checkbox, clear, field, h, spinner } from './ui.js';

const PAGE_SIZE = 10;
// The service's reasons for a field it refuses: our message on the field.
const FIELD_REASONS = ['INVALID_EMAIL_ADDRESS', 'INVALID_PHONE_NUMBER'];

let prefs = null; // the Preferences as last read or saved
let draft = null; // {channels, language, email, mobile} being edited
let message = null; // {kind, text} after a save
let errors = null;
const pages = new Pages();
let list = null; // {messages, nextPageToken} | {error}
const app = () => document.getElementById('app');

function fromPrefs(p) {
  const language = MESSAGE_LANGUAGES.some(([v]) => v === p.language) ? p.language : 'LANGUAGE_ITALIAN';
  return { channels: [...(p.channels || [])], language, email: p.email || '', mobile: p.mobile || '' };
}

// Reads the form back into `draft` (before a language change or a save).
function collect() {
  const form = document.getElementById('ntf-form');
  if (!form) return;
  draft.channels = CHANNELS.filter((c) => form.querySelector(`input[name="ntf-channel"][value="${c}"]`)?.checked);
  draft.language = form.querySelector('input[name="ntf-language"]:checked')?.value || draft.language;
  draft.email = document.getElementById('ntf-email').value.trim();
  // "+39 333 1234567" as typed: the service wants the digits without spaces.
  draft.mobile = document.getElementById('ntf-mobile').value.replace(/[\s.\-/]/g, '');
}

function channelsFieldset() {
  return h('fieldset', { class: 'mb-4', id: 'ntf-channels', 'aria-describedby': 'ntf-channels-hint' },
    h('legend', { class: 'h5 sisl-legend' }, t('ntf.channels')),
    h('p', { class: 'form-text', id: 'ntf-channels-hint' }, t('ntf.channelsHint')),
    CHANNELS.map((c) => {
      const cb = checkbox({ id: `ntf-channel-${c.replace('CHANNEL_', '').toLowerCase()}`, label: channelLabel(c), checked: draft.channels.includes(c) });
      cb.control.name = 'ntf-channel';
      cb.control.value = c;
      return cb.wrapper;
    }));
}

// Each language named in itself (with its lang and dir), as language choosers do.
function languageFieldset() {
  return h('fieldset', { class: 'mb-4', id: 'ntf-language', 'aria-describedby': 'ntf-language-hint' },
    h('legend', { class: 'h5 sisl-legend' }, t('ntf.language')),
    h('p', { class: 'form-text', id: 'ntf-language-hint' }, t('ntf.languageHint')),
    MESSAGE_LANGUAGES.map(([value, code]) => {
      const id = `ntf-language-${code}`;
      return h('div', { class: 'form-check' },
        h('input', { type: 'radio', name: 'ntf-language', id, value, checked: draft.language === value }),
        h('label', { for: id, lang: code, dir: LANGUAGES[code].dir }, LANGUAGES[code].name));
    }));
}

function stateText() {
  if (!prefs.updateTime) return t('ntf.defaults');
  return t('ntf.updated', { time: when(prefs.updateTime) });
}

function drawForm() {
  const host = document.getElementById('ntf-form-host');
  if (!host) return;
  const alert = h('div', { id: 'ntf-alert' });
  errors = new FormErrors(alert);
  const email = field({ id: 'ntf-email', type: 'email', label: t('ntf.email'), value: draft.email, hint: t('ntf.emailHint'),
    attrs: { maxlength: '254', autocomplete: 'email', spellcheck: 'false' } });
  const mobile = field({ id: 'ntf-mobile', type: 'tel', label: t('ntf.mobile'), value: draft.mobile, hint: t('ntf.mobileHint'),
    attrs: { maxlength: '20', autocomplete: 'tel' } });
  errors.register(['preferences.email', 'email'], email, t('ntf.email'));
  errors.register(['preferences.mobile', 'mobile'], mobile, t('ntf.mobile'));
  const form = h('form', { id: 'ntf-form', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    save(form.querySelector('#ntf-save'));
  } },
  alert,
  h('p', { id: 'ntf-state', class: 'mb-4' }, stateText()),
  channelsFieldset(),
  languageFieldset(),
  h('fieldset', { class: 'mb-2', id: 'ntf-contacts' },
    h('legend', { class: 'h5 sisl-legend' }, t('ntf.contacts')),
    h('p', { class: 'form-text mb-4' }, t('ntf.contactsHint')),
    h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, email.wrapper), h('div', { class: 'col-md-6' }, mobile.wrapper))),
  h('button', { type: 'submit', class: 'btn btn-primary', id: 'ntf-save' }, t('ntf.save')));
  clear(host, form);
}

function showError(e) {
  if (!e?.violations?.length) return errors.show(e);
  const text = (v) => (FIELD_REASONS.includes(e.reason) && (has(`reason.${e.reason}`) || has(`reason.${e.reason}`, 'it'))
    ? t(`reason.${e.reason}`) : violationText(v));
  return errors.showProblems(e.violations.map((v) => ({ path: v.field, text: text(v) })), t('ntf.errorTitle'));
}

async function save(button) {
  collect();
  errors.clear();
  const body = { preferences: { channels: draft.channels, language: draft.language, email: draft.email, mobile: draft.mobile } };
  try {
    const r = await busy(button, () => request('PUT', '/api/v1/my/notification-preferences', { body }));
    prefs = r.preferences || {};
    draft = fromPrefs(prefs);
    message = { kind: 'success', text: t('ntf.saved') };
    drawAll(true);
    announce(message.text);
  } catch (e) {
    showError(e);
  }
}

// ---- the messages sent ---------------------------------------------------------------------
async function loadMessages(button = null, focus = false) {
  const host = document.getElementById('ntf-messages');
  if (!button && host) clear(host, spinner());
  try {
    const read = () => get('/api/v1/my/notifications', { pageSize: PAGE_SIZE, pageToken: pages.token });
    const r = button ? await busy(button, read) : await read();
    list = { messages: r.messages || [], nextPageToken: r.nextPageToken || '' };
    pages.seen(list.nextPageToken);
  } catch (e) {
    list = { error: e };
  }
  drawMessages(focus);
}

function drawMessages(focus = false) {
  const host = document.getElementById('ntf-messages');
  if (!host) return;
  const heading = h('h2', { class: 'h3', id: 'ntf-messages-heading', tabindex: '-1' }, t('ntf.messagesHeading'));
  let body;
  if (!list) body = spinner();
  else if (list.error) body = alertBox('danger', errorMessage(list.error));
  else if (!list.messages.length) body = h('div', { class: 'callout note sisl-callout', id: 'ntf-none' }, h('p', { class: 'mb-0' }, t('ntf.none')));
  else {
    const cols = ['ntf.col.date', 'ntf.col.type', 'ntf.col.channel', 'ntf.col.state', 'ntf.col.appointment'];
    body = h('div', { class: 'table-responsive' }, h('table', { class: 'table sisl-table sisl-ntf-table', id: 'ntf-table' },
      h('caption', {}, t('ntf.messagesCaption', { page: pages.page + 1 })),
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, list.messages.map((m) => h('tr', {
        dataset: { id: m.messageId, type: m.type, channel: m.channel, state: m.state, appointment: m.appointmentId || '' },
      },
      h('td', {}, when(m.createTime)), h('td', {}, typeLabel(m.type)), h('td', {}, channelLabel(m.channel)),
      h('td', {}, stateBadge(m.state)), h('td', {}, appointmentCell(m)))))));
  }
  const nav = list && !list.error ? pager({ id: 'ntf-pager', pages, label: t('ntf.pages'), onMove: (step, button) => {
    pages.page += step;
    loadMessages(button, true);
  } }) : null;
  clear(host, h('section', { 'aria-labelledby': 'ntf-messages-heading' }, heading, h('p', { class: 'form-text' }, t('ntf.messagesLead')), body, nav));
  if (focus) heading.focus();
}

function drawAll(focusMessage = false) {
  const box = message ? alertBox(message.kind, message.text, { focus: focusMessage }) : null;
  clear(app(), box,
    h('section', { 'aria-labelledby': 'ntf-form-heading', class: 'mb-5' },
      h('h2', { class: 'h3', id: 'ntf-form-heading' }, t('ntf.formHeading')),
      h('div', { id: 'ntf-form-host' })),
    h('div', { id: 'ntf-messages' }));
  drawForm();
  drawMessages();
}

async function load() {
  clear(app(), spinner());
  try {
    const r = await get('/api/v1/my/notification-preferences');
    prefs = r.preferences || {};
    draft = fromPrefs(prefs);
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
    return;
  }
  drawAll();
  await loadMessages();
}

startPage({
  role: 'citizen',
  render: () => load(),
  onLanguage: () => {
    if (!draft) return;
    collect();
    drawAll();
  },
});
