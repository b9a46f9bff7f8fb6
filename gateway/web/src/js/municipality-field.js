// A searchable field for one of Italy's municipalities (reference data, GET /api/v1/municipalities):
// an editable combobox with a listbox popup, the WAI-ARIA 1.2 "list autocomplete with manual
// selection" pattern. The focus stays in the text box; the options are pointed at with
// aria-activedescendant.
//
//   type            the options matching the text (at least 2 characters; 200 ms debounce, answers
//                   to older texts are dropped), "Name (PV)", Piedmont's first
//   Down / Up       open the list and move through the options (wrapping); Alt+Down only opens
//   Enter           choose the highlighted option (the form is not submitted); with no highlighted
//                   option the form is submitted as usual
//   Escape          close the list, keeping the text
//   Left/Right/Home/End  back to editing the text
//   leaving the field    closes the list; a text equal to the name of exactly one option chooses it
//
// Choosing stores the municipality ({istatCode, name, provinceCode, provinceName, region}) in
// `state.selected`; editing the text afterwards clears it.
import { get } from './api.js';
import { t } from './i18n.js';
import { clear, floatLabel, h, uid } from './ui.js';

const DEBOUNCE_MS = 200;
const MIN_CHARS = 2;
const PAGE_SIZE = 10;
const CACHE_SIZE = 200;
const cache = new Map(); // "p|query" or "i|query" -> Promise of municipalities

export const municipalityText = (m) => (m?.provinceCode ? `${m.name} (${m.provinceCode})` : m?.name || '');

// The text searched for: what was typed, without the " (PV)" of a chosen option being edited.
const queryOf = (text) => text.replace(/\s*\([^)]*\)?\s*$/, '').trim();
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

function search(query, piedmontOnly) {
  const key = `${piedmontOnly ? 'p' : 'i'}|${fold(query)}`;
  if (!cache.has(key)) {
    const promise = get('/api/v1/municipalities', { query, pageSize: PAGE_SIZE, piedmontOnly: piedmontOnly || undefined })
      .then((r) => r.municipalities || []);
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  }
  return cache.get(key);
}

// state: {selected: municipality | null, text: string}, updated by the field (so a re-render
// rebuilds it as it was). onChange(municipality | null) when the choice changes. error: a field
// error to show at once. Returns {wrapper, input, setError(text | null)}.
export function municipalityField({ label, hint, required = false, state, onChange, error, piedmontOnly = false }) {
  const id = uid('muni');
  const ids = { label: `${id}-label`, list: `${id}-list`, hint: `${id}-hint`, chosen: `${id}-chosen`, error: `${id}-error` };
  if (state.selected && !state.text) state.text = municipalityText(state.selected);

  const labelEl = h('label', { id: ids.label, for: id }, label, required ? h('span', { 'aria-hidden': 'true' }, ' *') : null);
  const input = h('input', {
    id, type: 'text', class: 'form-control', value: state.text, role: 'combobox', 'aria-autocomplete': 'list',
    'aria-expanded': 'false', 'aria-controls': ids.list, 'aria-required': required ? 'true' : null,
    autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false',
  });
  const list = h('ul', { id: ids.list, role: 'listbox', 'aria-labelledby': ids.label, class: 'sisl-combobox-list', hidden: true });
  const errorSlot = h('div');
  const hintEl = hint ? h('small', { id: ids.hint, class: 'form-text' }, hint) : null;
  const chosen = h('small', { id: ids.chosen, class: 'form-text sisl-combobox-chosen' });
  // Result counts for screen readers; "nothing found" and failures are also shown.
  const status = h('p', { role: 'status', class: 'visually-hidden sisl-combobox-status' });
  const wrapper = h('div', { class: 'form-group mb-4 sisl-combobox' },
    labelEl, h('div', { class: 'sisl-combobox-box' }, input, list), errorSlot, hintEl, chosen, status);

  let results = []; // the options shown (or ready to be shown)
  let resultsQuery = null; // the query they answer
  let active = -1; // the highlighted option
  let timer = 0;
  let seq = 0; // grows with every edit: an answer for an older one is stale
  let errorText = '';

  const isOpen = () => !list.hidden;
  const describe = () => {
    const parts = [errorText ? ids.error : null, hintEl ? ids.hint : null, chosen.hidden ? null : ids.chosen].filter(Boolean);
    if (parts.length) input.setAttribute('aria-describedby', parts.join(' '));
    else input.removeAttribute('aria-describedby');
  };
  const setStatus = (text, visible = false) => {
    status.textContent = text;
    status.classList.toggle('visually-hidden', !visible);
    status.classList.toggle('form-text', visible);
  };
  // The chosen municipality with its province and region (known for every one from the list).
  const renderChosen = () => {
    const m = state.selected?.region ? state.selected : null;
    chosen.textContent = m ? t('muni.chosen', { name: m.name, province: m.provinceName, region: m.region }) : '';
    chosen.hidden = !m;
    describe();
  };

  function setActive(i) {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    const li = list.children[i];
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView?.({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function openList() {
    if (!results.length) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    setActive(-1);
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function show(items, query) {
    results = items;
    resultsQuery = query;
    list.dataset.query = query;
    clear(list, items.map((m, i) => h('li', {
      id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false', class: 'sisl-combobox-option',
      onmousedown: (e) => e.preventDefault(), // the focus stays in the text box
      onclick: () => choose(m),
    }, municipalityText(m))));
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (!items.length) {
      close();
      setStatus(t('muni.none', { query }), true);
      return;
    }
    setStatus(t(items.length === 1 ? 'muni.resultsOne' : 'muni.resultsMany', { count: items.length }));
    if (document.activeElement === input) openList();
  }

  // Searches the current text after the debounce (at once with `now`); `then` runs with fresh results.
  function schedule(now = false, then) {
    clearTimeout(timer);
    const mine = ++seq;
    const query = queryOf(input.value);
    if (query.length < MIN_CHARS) {
      results = [];
      resultsQuery = null;
      delete list.dataset.query;
      close();
      setStatus('');
      return;
    }
    timer = setTimeout(async () => {
      try {
        const items = await search(query, piedmontOnly);
        if (mine !== seq) return; // the text changed meanwhile
        show(items, query);
        then?.();
      } catch {
        if (mine !== seq) return;
        results = [];
        resultsQuery = null;
        close();
        setStatus(t('muni.failed'), true);
      }
    }, now ? 0 : DEBOUNCE_MS);
  }

  function choose(m) {
    clearTimeout(timer);
    seq += 1;
    state.selected = m;
    state.text = municipalityText(m);
    input.value = state.text;
    close();
    setStatus('');
    setError(null);
    renderChosen();
    syncLabel();
    onChange?.(m);
  }

  // A text equal to the name of exactly one of the options answering it chooses that option.
  function chooseExact() {
    if (state.selected || !results.length || resultsQuery !== queryOf(input.value)) return;
    const typed = fold(input.value);
    const matches = results.filter((m) => fold(m.name) === typed || fold(municipalityText(m)) === typed);
    if (matches.length === 1) choose(matches[0]);
  }

  function setError(text) {
    errorText = text || '';
    input.classList.toggle('is-invalid', Boolean(errorText));
    if (errorText) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    clear(errorSlot, errorText ? h('div', { id: ids.error, class: 'invalid-feedback sisl-field-error' }, errorText) : null);
    describe();
  }

  input.addEventListener('input', () => {
    state.text = input.value;
    if (active >= 0) setActive(-1); // typing goes back to the text
    if (state.selected && input.value !== municipalityText(state.selected)) {
      state.selected = null;
      renderChosen();
      onChange?.(null);
    }
    schedule();
  });

  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        const down = e.key === 'ArrowDown';
        if (e.altKey && !down) {
          if (isOpen() && active >= 0) choose(results[active]);
          else close();
          return;
        }
        // Never through options that answer an older text: those are searched again at once.
        const fresh = results.length > 0 && resultsQuery === queryOf(input.value);
        if (!isOpen() || !fresh) {
          const move = () => {
            openList();
            if (!e.altKey && results.length) setActive(down ? 0 : results.length - 1);
          };
          if (fresh) move();
          else schedule(true, move);
          return;
        }
        if (e.altKey) return;
        const n = results.length;
        setActive(down ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
        return;
      }
      case 'Enter':
        if (isOpen() && active >= 0) {
          e.preventDefault();
          choose(results[active]);
        } else {
          chooseExact();
          close();
        }
        return;
      case 'Escape':
        if (isOpen()) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        return;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
        if (active >= 0) setActive(-1);
        return;
      default:
    }
  });

  input.addEventListener('blur', () => {
    chooseExact();
    close();
  });
  const syncLabel = floatLabel(labelEl, input);
  renderChosen();
  if (error) setError(error);
  return { wrapper, input, setError };
}
