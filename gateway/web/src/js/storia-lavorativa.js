// Citizen: my employment history (/storia-lavorativa): the relationships the mandatory
// communications shape (GET /api/v1/my/employment, newest first), each with its communications.
import { get } from './api.js';
import { relationshipCard } from './co-labels.js';
import { loadCodeLists } from './code-lists.js';
import { startPage } from './chrome.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, busy, clear, focusHeading, h, spinner } from './ui.js';

let state = null; // {relationships, next}
const app = () => document.getElementById('app');

function draw(focusIndex = -1) {
  const list = state.relationships;
  clear(app(),
    h('section', { 'aria-labelledby': 'emp-heading' },
      h('h2', { id: 'emp-heading', class: 'h3' }, t('emp.listHeading', { count: list.length + (state.next ? '+' : '') })),
      list.length
        ? h('ul', { class: 'sisl-appointment-list', id: 'emp-list' }, list.map((r) => h('li', {}, relationshipCard(r, { headingLevel: 3 }))))
        : h('div', { class: 'callout note sisl-callout', id: 'emp-empty' }, h('p', { class: 'mb-0' }, t('emp.none'))),
      state.next ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'emp-more', onclick: (e) => more(e.currentTarget) }, t('emp.more')) : null));
  if (focusIndex >= 0) focusHeading(app().querySelectorAll('article.sisl-relationship h3')[focusIndex]);
}

async function more(button) {
  try {
    const r = await busy(button, () => get('/api/v1/my/employment', { pageSize: 20, pageToken: state.next }));
    const first = state.relationships.length;
    state.relationships.push(...(r.relationships || []));
    state.next = r.nextPageToken || '';
    draw(first);
  } catch (e) {
    app().append(alertBox('danger', errorMessage(e), { focus: true }));
  }
}

async function load() {
  clear(app(), spinner());
  try {
    // The codes' labels (code lists API): bare codes if the lists cannot be read.
    const [r] = await Promise.all([get('/api/v1/my/employment', { pageSize: 20 }), loadCodeLists().catch(() => null)]);
    state = { relationships: r.relationships || [], next: r.nextPageToken || '' };
    draw();
  } catch (e) {
    clear(app(), alertBox('danger', errorMessage(e), { focus: true }));
  }
}

startPage({ role: 'citizen', render: () => load(), onLanguage: () => state && draw() });
