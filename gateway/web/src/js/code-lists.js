// The code lists of services/reference and of the communications' catalogue, read from the public
// API (GET /api/v1/code-lists/{list}/codes): each list is fetched once per page and kept in
// memory. Pages keep no copies of codes or labels (docs/adr/0026-code-lists-api.md). Labels are
// in the page's language; where the source has no English, the Italian.
import { get } from './api.js';
import { language, todayInRome } from './i18n.js';
import { clear, h } from './ui.js';

// The lists of the mandatory communications the pages use.
export const CO_LISTS = {
  contractTypes: 'co_contract_types',
  workingTime: 'co_working_time',
  educationLevels: 'co_education_levels',
  terminationCauses: 'co_termination_causes',
  transformations: 'co_transformation_codes',
};

const codesPath = (list) => `/api/v1/code-lists/${encodeURIComponent(list)}/codes`;
const loading = new Map(); // list -> Promise of every code (any validity)
const byCode = new Map(); // list -> Map(code -> Code)

async function fetchAll(list) {
  const codes = [];
  let pageToken = '';
  do {
    const page = await get(codesPath(list), { pageSize: 1000, pageToken });
    codes.push(...(page.codes || []));
    pageToken = page.nextPageToken || '';
  } while (pageToken);
  byCode.set(list, new Map(codes.map((c) => [c.code, c])));
  return codes;
}

// Every code of `list`, by code, whatever its validity; fetched once (again after a failure).
export function loadCodeList(list) {
  if (!loading.has(list)) {
    const promise = fetchAll(list);
    promise.catch(() => loading.delete(list));
    loading.set(list, promise);
  }
  return loading.get(list);
}
export const loadCodeLists = (lists = Object.values(CO_LISTS)) => Promise.all(lists.map(loadCodeList));

export const isValidOn = (c, day) => (!c.validFrom || c.validFrom <= day) && (!c.validTo || day <= c.validTo);
// The codes of a loaded list valid on `day` (YYYY-MM-DD, default today in Rome), by code.
export const codesValidOn = (list, day = todayInRome()) => [...(byCode.get(list)?.values() || [])].filter((c) => isValidOn(c, day));

export const labelOf = (c, lang = language()) => (lang === 'en' && c.labelEn) || c.labelIt || '';
// The label of `code` in a loaded list; '' when the list is not loaded, the code unknown or
// without a label.
export function codeLabel(list, code) {
  const c = byCode.get(list)?.get(code);
  return c ? labelOf(c) : '';
}
// The label of `code`, or the code itself when the list gives none (not loaded, unknown code).
export const labelOrCode = (list, code) => (code ? codeLabel(list, code) || code : '');
// The codes a select or checkboxes offer: those of a loaded list valid on `day`, then the ones of
// `keep` that are not among them (a stored choice no longer in force, or unknown), so that they
// still show and are kept.
export function offeredCodes(list, keep = [], day = todayInRome()) {
  const codes = codesValidOn(list, day).map((c) => c.code);
  return [...codes, ...keep.filter((c, i) => c && !codes.includes(c) && keep.indexOf(c) === i)];
}
// "CODE - label", or the code alone.
export function codeAndLabel(list, code) {
  if (!code) return '';
  const label = codeLabel(list, code);
  return label ? `${code} - ${label}` : code;
}
// "label (CODE)", or the code alone.
export function labelAndCode(list, code) {
  if (!code) return '';
  const label = codeLabel(list, code);
  return label ? `${label} (${code})` : code;
}

// Suggestions for a code input: a native datalist (the browser offers it under the field, by
// keyboard too) filled from ListCodes?query= in each of `lists` as the person types, codes valid
// on validOn() only; `accept(code)` picks which hits fit the field. Typing a code still works.
export function codeSuggestions(input, lists, { validOn = todayInRome, accept = () => true, max = 15 } = {}) {
  const datalist = h('datalist', { id: `${input.id}-list` });
  input.setAttribute('list', datalist.id);
  let last = '';
  let timer = null;
  const suggest = async () => {
    const text = input.value.trim();
    if (text.length < 2 || text === last) return;
    last = text;
    try {
      const day = validOn() || todayInRome();
      const pages = await Promise.all(lists.map((list) => get(codesPath(list), { query: text, validOn: day, pageSize: 50 })));
      if (input.value.trim() !== text) return; // typed on meanwhile
      const hits = pages.flatMap((p) => p.codes || []).filter((c) => accept(c)).slice(0, max);
      clear(datalist, ...hits.map((c) => h('option', { value: c.code }, `${c.code} ${labelOf(c)}`)));
    } catch { /* suggestions only: the field keeps working without them */ }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  return datalist;
}
