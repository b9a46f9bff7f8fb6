// Texts and shared pieces of the notification pages (/notifiche, /notifiche-operatore): the enums
// of sisl.notifications.v1 (channel, language, message type and state), a message's state badge,
// dates and durations in the page's language, and the previous/next pager of a token-paged list.
import { has, language, LANGUAGES, t } from './i18n.js';
import { badge, h, icon } from './ui.js';

export const CHANNELS = ['CHANNEL_EMAIL', 'CHANNEL_SMS', 'CHANNEL_APP_IO'];
// The languages of messages, each with the page language of the same name.
export const MESSAGE_LANGUAGES = [
  ['LANGUAGE_ITALIAN', 'it'], ['LANGUAGE_ENGLISH', 'en'], ['LANGUAGE_FRENCH', 'fr'], ['LANGUAGE_ARABIC', 'ar'],
];
export const RETRYABLE = ['MESSAGE_STATE_FAILED', 'MESSAGE_STATE_DEAD'];

const short = (value, prefix) => (value || '').replace(prefix, '') || 'UNSPECIFIED';
// The label of an enum value, or the value itself for one this page does not know yet.
const label = (key, value) => (has(key) || has(key, 'it') ? t(key) : value || '');

export const channelLabel = (v) => label(`ntf.channel.${short(v, 'CHANNEL_')}`, v);
export const typeLabel = (v) => label(`ntf.type.${short(v, 'MESSAGE_TYPE_')}`, v);
export const stateLabel = (v) => label(`ntf.state.${short(v, 'MESSAGE_STATE_')}`, v);

const STATE_BADGE = {
  MESSAGE_STATE_QUEUED: 'secondary', MESSAGE_STATE_SENDING: 'primary', MESSAGE_STATE_SENT: 'success',
  MESSAGE_STATE_FAILED: 'danger', MESSAGE_STATE_DEAD: 'danger',
};
export const stateBadge = (state) => badge(stateLabel(state), STATE_BADGE[state] || 'secondary');

const locale = () => LANGUAGES[language()]?.locale ?? language();

// "4 dic 2026, 10:30" in Rome's time.
export function when(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'Europe/Rome', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
}

// int64 fields come as strings in proto3 JSON.
export const num = (v) => new Intl.NumberFormat(locale()).format(Number(v || 0));

// 3725 -> "1 ora 2 minuti" (the two largest units, in the page's language).
export function duration(seconds) {
  let rest = Math.max(0, Math.round(Number(seconds || 0)));
  const parts = [];
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]]) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n || (unit === 'second' && !parts.length)) parts.push(new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'long' }).format(n));
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

// A token-paged list: tokens[i] opens page i (tokens[0] = ''); the next page's token is stored
// when a page comes back with one.
export class Pages {
  constructor() {
    this.tokens = [''];
    this.page = 0;
  }

  get token() {
    return this.tokens[this.page] || '';
  }

  // After a page was read.
  seen(nextPageToken) {
    this.tokens.length = this.page + 1;
    if (nextPageToken) this.tokens.push(nextPageToken);
  }

  get hasPrevious() {
    return this.page > 0;
  }

  get hasNext() {
    return this.tokens.length > this.page + 1;
  }
}

// Previous / next buttons (only those that lead somewhere) and "Page n".
export function pager({ id, pages, label: name, onMove }) {
  if (!pages.hasPrevious && !pages.hasNext) return null;
  return h('nav', { class: 'sisl-pager', 'aria-label': name, id },
    pages.hasPrevious ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { page: 'previous' },
      onclick: (e) => onMove(-1, e.currentTarget) },
    icon('it-arrow-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('ntf.previous'))) : null,
    h('span', { class: 'sisl-pager-status' }, t('ntf.page', { page: pages.page + 1 })),
    pages.hasNext ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', dataset: { page: 'next' },
      onclick: (e) => onMove(1, e.currentTarget) },
    h('span', {}, t('ntf.next')), icon('it-arrow-right', 'icon-primary icon-sm sisl-flip')) : null);
}

// The appointment a message is about, or "none".
export function appointmentCell(m) {
  return m.appointmentId ? h('span', { class: 'sisl-code' }, m.appointmentId) : h('span', { class: 'text-muted' }, t('ntf.noAppointment'));
}
