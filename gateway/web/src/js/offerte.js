// Public vacancy search (/offerte, no login): free text, profession code, province, a
// municipality with a radius, contract type, working time, L.68/99 reserved; results a page at a
// time (AIP-158 page tokens); anonymous vacancies without the company's name; the detail of a
// vacancy at /offerte?id=<vacancyId>. The filters live in the URL, so results can be bookmarked
// and the browser's back button returns to them. The contract types and working times (the
// filters' options: the codes in force; the labels of results) come from the code lists API,
// loaded before the form is drawn; without them the search still works, codes show bare.
import { get } from './api.js';
import { startPage } from './chrome.js';
import { CO_LISTS, labelOrCode, offeredCodes } from './code-lists.js';
import {
  day, description, l68Label, loadContractCodeLists, PROVINCES, vacancyDetails,
} from './enterprise-labels.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { municipalityField } from './municipality-field.js';
import { alertBox, announce, busy, checkbox, clear, field, focusHeading, h, icon, spinner, uid } from './ui.js';

const PAGE_SIZE = 10;
const RADII = ['0', '5', '10', '20', '30', '50', '100'];
const LAST_SEARCH = 'sisl.vacancySearch';
// The URL's parameters and the API's.
const PARAMS = [['q', 'text'], ['professione', 'professionCode'], ['provincia', 'province'], ['comune', 'municipality'],
  ['raggio', 'radiusKm'], ['contratto', 'contractType'], ['orario', 'workingTime'], ['l68', 'l68Reserved']];

// state: {filters, muni: {selected, text}, tokens: [page tokens so far], page, result}
let state = null;
const app = () => document.getElementById('app');

function filtersFromUrl() {
  const q = new URLSearchParams(location.search);
  const f = {};
  for (const [u, a] of PARAMS) if (q.get(u)) f[a] = q.get(u);
  if (f.l68Reserved) f.l68Reserved = f.l68Reserved === '1' || f.l68Reserved === 'true';
  const name = q.get('comuneNome') || '';
  const muni = f.municipality ? { selected: { istatCode: f.municipality, name: name.replace(/\s*\([^)]*\)$/, '') || f.municipality,
    provinceCode: (/\(([A-Z]{2})\)$/.exec(name) || [])[1] || '' }, text: name } : { selected: null, text: '' };
  return { filters: f, muni };
}

function urlOf(filters, muni) {
  const q = new URLSearchParams();
  for (const [u, a] of PARAMS) {
    const v = filters[a];
    if (v === undefined || v === '' || v === false) continue;
    q.set(u, v === true ? '1' : String(v));
  }
  if (filters.municipality && muni.text) q.set('comuneNome', muni.text);
  return q.toString();
}

function searchForm() {
  const f = state.filters;
  const text = field({ id: 'pub-text', label: t('pub.text'), value: f.text || '', hint: t('pub.textHint'), attrs: { maxlength: '100', type: 'search' } });
  const profession = field({ id: 'pub-profession', label: t('pub.profession'), value: f.professionCode || '', hint: t('pub.professionHint'),
    attrs: { maxlength: '12', spellcheck: 'false', autocomplete: 'off' } });
  const province = field({ id: 'pub-province', kind: 'select', label: t('pub.province'), value: f.province || '',
    options: [{ value: '', label: t('pub.anyProvince') }, ...PROVINCES.map(([code, name]) => ({ value: code, label: `${name} (${code})` }))] });
  const muni = municipalityField({ label: t('pub.municipality'), hint: t('pub.municipalityHint'), state: state.muni });
  const radius = field({ id: 'pub-radius', kind: 'select', label: t('pub.radius'), value: f.radiusKm || '20', hint: t('pub.radiusHint'),
    options: RADII.map((r) => ({ value: r, label: r === '0' ? t('pub.radiusOnly') : t('pub.radiusKm', { km: r }) })) });
  const contract = field({ id: 'pub-contract', kind: 'select', label: t('pub.contract'), value: f.contractType || '',
    options: [{ value: '', label: t('pub.anyContract') },
      ...offeredCodes(CO_LISTS.contractTypes, [f.contractType]).map((c) => ({ value: c, label: labelOrCode(CO_LISTS.contractTypes, c) }))] });
  const time = field({ id: 'pub-time', kind: 'select', label: t('pub.workingTime'), value: f.workingTime || '',
    options: [{ value: '', label: t('pub.anyTime') },
      ...offeredCodes(CO_LISTS.workingTime, [f.workingTime]).map((c) => ({ value: c, label: labelOrCode(CO_LISTS.workingTime, c) }))] });
  const l68 = checkbox({ id: 'pub-l68', label: t('pub.l68'), checked: Boolean(f.l68Reserved), hint: t('pub.l68Hint') });
  const error = h('div');
  const form = h('form', { class: 'sisl-card mb-4', id: 'pub-form', role: 'search', 'aria-labelledby': 'pub-form-heading', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    const profCode = profession.control.value.trim();
    if (profCode && !/^[0-9](\.[0-9]{1,2}){0,5}\.?$/.test(profCode)) {
      profession.control.setAttribute('aria-invalid', 'true');
      clear(error, alertBox('danger', t('vacForm.professionFormat'), { focus: true }));
      return;
    }
    profession.control.removeAttribute('aria-invalid');
    if (muni.input.value.trim() && !state.muni.selected) {
      muni.setError(t('form.chooseMunicipality'));
      clear(error, alertBox('danger', t('form.chooseMunicipality'), { focus: true }));
      return;
    }
    clear(error);
    const filters = {
      text: text.control.value.trim(), professionCode: profCode.replace(/\.$/, ''), province: province.control.value,
      municipality: state.muni.selected?.istatCode || '', radiusKm: state.muni.selected ? radius.control.value : '',
      contractType: contract.control.value, workingTime: time.control.value, l68Reserved: l68.control.checked,
    };
    const qs = urlOf(filters, state.muni);
    history.pushState(null, '', qs ? `/offerte?${qs}` : '/offerte');
    state.filters = filters;
    state.tokens = [''];
    state.page = 0;
    search(true);
  } },
  h('h2', { id: 'pub-form-heading', class: 'h4' }, t('pub.formHeading')), error,
  h('div', { class: 'row' }, h('div', { class: 'col-md-7' }, text.wrapper), h('div', { class: 'col-md-5' }, profession.wrapper)),
  h('div', { class: 'row' }, h('div', { class: 'col-md-4' }, province.wrapper), h('div', { class: 'col-md-5' }, muni.wrapper), h('div', { class: 'col-md-3' }, radius.wrapper)),
  h('div', { class: 'row' }, h('div', { class: 'col-md-6' }, contract.wrapper), h('div', { class: 'col-md-6' }, time.wrapper)),
  l68.wrapper,
  h('button', { type: 'submit', class: 'btn btn-primary', id: 'pub-search' }, icon('it-search', 'icon-white icon-sm'), h('span', {}, t('pub.search'))));
  return form;
}

function query() {
  const f = state.filters;
  return {
    text: f.text, professionCode: f.professionCode, province: f.province, municipality: f.municipality,
    radiusKm: f.municipality ? f.radiusKm || '20' : undefined, contractType: f.contractType, workingTime: f.workingTime,
    l68Reserved: f.l68Reserved ? 'true' : undefined, pageSize: PAGE_SIZE, pageToken: state.tokens[state.page] || undefined,
  };
}

async function search(focus = false, button = null) {
  const host = document.getElementById('pub-results');
  if (!button) clear(host, spinner());
  try {
    const run = () => get('/api/v1/public/vacancies', query());
    state.result = button ? await busy(button, run) : await run();
    if (state.result.nextPageToken) state.tokens[state.page + 1] = state.result.nextPageToken;
    try {
      sessionStorage.setItem(LAST_SEARCH, location.search);
    } catch {
      // not remembered
    }
    drawResults(focus);
  } catch (e) {
    clear(host, alertBox('danger', errorMessage(e), { focus: true }));
  }
}

function resultCard(v) {
  const id = uid('pv');
  const c = v.content || {};
  const where = v.workplaceMunicipalityName ? `${v.workplaceMunicipalityName}${v.workplaceProvince ? ` (${v.workplaceProvince})` : ''}` : '';
  return h('article', { class: 'sisl-appointment sisl-vacancy', 'aria-labelledby': id, dataset: { id: v.vacancyId } },
    h('h3', { class: 'h5 mb-1', id }, h('a', { href: `/offerte?id=${encodeURIComponent(v.vacancyId)}` }, c.title || v.vacancyId)),
    h('p', { class: 'mb-1 sisl-vacancy-company' }, v.companyName || t('vac.anonymousCompany')),
    h('ul', { class: 'sisl-vacancy-facts' },
      where ? h('li', {}, icon('it-map-marker', 'icon-sm icon-secondary'), h('span', {}, where)) : null,
      c.contractType ? h('li', {}, labelOrCode(CO_LISTS.contractTypes, c.contractType)) : null,
      c.workingTime ? h('li', {}, labelOrCode(CO_LISTS.workingTime, c.workingTime)) : null,
      c.positions > 1 ? h('li', {}, t('pub.positions', { count: c.positions })) : null,
      c.l68Reservation && !['L68_RESERVATION_NONE', 'L68_RESERVATION_UNSPECIFIED'].includes(c.l68Reservation) ? h('li', {}, l68Label(c.l68Reservation)) : null),
    h('p', { class: 'small mb-0' }, t('pub.until', { date: day(c.expiryDate) })));
}

function drawResults(focus) {
  const host = document.getElementById('pub-results');
  const r = state.result;
  const items = r.vacancies || [];
  const total = r.totalSize || 0;
  const heading = h('h2', { class: 'h3', id: 'pub-results-heading', tabindex: '-1' },
    total === 1 ? t('pub.foundOne') : t('pub.found', { count: total }));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const nav = h('nav', { class: 'sisl-pager', 'aria-label': t('pub.pages') },
    state.page > 0 ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'pub-prev', onclick: (e) => {
      state.page -= 1;
      search(true, e.currentTarget);
    } }, icon('it-arrow-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('pub.prev'))) : null,
    h('span', { class: 'sisl-pager-status' }, t('pub.pageOf', { page: state.page + 1, pages })),
    r.nextPageToken ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', id: 'pub-next', onclick: (e) => {
      state.page += 1;
      search(true, e.currentTarget);
    } }, h('span', {}, t('pub.next')), icon('it-arrow-right', 'icon-primary icon-sm sisl-flip')) : null);
  clear(host, h('section', { 'aria-labelledby': 'pub-results-heading' }, heading,
    items.length ? h('ul', { class: 'sisl-appointment-list' }, items.map((v) => h('li', {}, resultCard(v)))) : h('p', {}, t('pub.none')),
    items.length && (state.page > 0 || r.nextPageToken) ? nav : null));
  announce(heading.textContent);
  if (focus) focusHeading(heading);
}

async function detail(id) {
  const back = () => {
    let last = '';
    try {
      last = sessionStorage.getItem(LAST_SEARCH) || '';
    } catch {
      // none
    }
    return h('p', {}, h('a', { href: `/offerte${last}`, id: 'pub-back' }, icon('it-arrow-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('pub.back'))));
  };
  clear(app(), spinner());
  try {
    const [{ vacancy: v }] = await Promise.all([get(`/api/v1/vacancies/${encodeURIComponent(id)}`), loadContractCodeLists().catch(() => null)]);
    const heading = h('h2', { class: 'h3', id: 'pub-detail-heading', tabindex: '-1' }, v.content?.title || id);
    const published = v.state === 'VACANCY_STATE_PUBLISHED';
    clear(app(), back(),
      h('article', { class: 'sisl-card sisl-vacancy-detail', 'aria-labelledby': 'pub-detail-heading', dataset: { id: v.vacancyId } },
        heading,
        h('p', { class: 'lead sisl-vacancy-company' }, v.companyName || t('vac.anonymousCompany')),
        published ? null : alertBox('info', t('pub.notPublished')),
        description(v.content?.description),
        vacancyDetails(v, { audience: 'public' }),
        h('p', { class: 'small mb-0' }, t('pub.howToApply'))));
    document.title = `${v.content?.title || id} - ${t('site.short')}`;
  } catch (e) {
    clear(app(), back(), alertBox(e.status === 404 ? 'warning' : 'danger', e.status === 404 ? t('pub.notFound') : errorMessage(e), { focus: true }));
  }
}

function drawSearch(run) {
  const { filters, muni } = filtersFromUrl();
  state = { filters, muni, tokens: [''], page: 0, result: null };
  clear(app(), searchForm(), h('div', { id: 'pub-results' }));
  if (run) search(false);
}

async function route() {
  const id = new URLSearchParams(location.search).get('id');
  if (id) return detail(id);
  clear(app(), spinner());
  await loadContractCodeLists().catch(() => null);
  drawSearch(true);
  return undefined;
}

window.addEventListener('popstate', () => route());

startPage({
  render: () => route(),
  onLanguage: () => {
    if (new URLSearchParams(location.search).get('id')) {
      route();
      return;
    }
    if (!state) return;
    // The form of the last search (the municipality field keeps its state), the results retranslated.
    document.getElementById('pub-form')?.replaceWith(searchForm());
    if (state.result) drawResults(false);
  },
});
