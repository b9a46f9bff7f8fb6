// Small DOM helpers: no framework, no inline styles (the CSP forbids them).
import { t } from './i18n.js';

// h('button', {class: 'btn', onclick: fn, 'aria-label': '...'}, 'text', child, ...)
export function h(tag, attrs = {}, ...children) {
  const el = tag === 'svg' || tag === 'use' ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'required') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const sprite = () => document.documentElement.dataset.sprite;

export function icon(name, extraClass = '') {
  const svg = h('svg', { class: `icon ${extraClass}`.trim(), 'aria-hidden': 'true', focusable: 'false' });
  svg.append(h('use', { href: `${sprite()}#${name}` }));
  return svg;
}

let idCounter = 0;
export const uid = (prefix = 'id') => `${prefix}-${++idCounter}`;

// An alert (Bootstrap Italia .alert). kind: success | danger | warning | info.
// Errors are announced (role=alert); `focus` moves the keyboard focus to it.
export function alertBox(kind, content, { focus = false, title } = {}) {
  const box = h('div', {
    class: `alert alert-${kind}`,
    role: kind === 'danger' || kind === 'warning' ? 'alert' : 'status',
    tabindex: '-1',
  }, title ? h('p', { class: 'fw-semibold mb-1' }, title) : null, typeof content === 'string' ? h('p', { class: 'mb-0' }, content) : content);
  if (focus) requestAnimationFrame(() => box.focus());
  return box;
}

export function showAlert(container, kind, content, options = {}) {
  const box = alertBox(kind, content, options);
  clear(container, box);
  return box;
}

// Polite announcements for screen readers (the #sr-status live region of every page).
export function announce(text) {
  const region = document.getElementById('sr-status');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export function focusHeading(el) {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}

export function spinner(label) {
  return h('div', { class: 'd-flex align-items-center gap-2 my-3', role: 'status' },
    h('div', { class: 'progress-spinner progress-spinner-active size-sm' }, h('span', { class: 'visually-hidden' }, label || t('common.loading'))),
    h('span', { 'aria-hidden': 'true' }, label || t('common.loading')));
}

// Disables a button while `work` runs.
export async function busy(button, work) {
  const was = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = was;
    button.removeAttribute('aria-busy');
  }
}

// A labelled form field in the Bootstrap Italia style. kind: input | select | textarea.
export function field({ id = uid('f'), label, kind = 'input', type = 'text', value = '', required = false,
  options = [], hint, attrs = {} }) {
  const hintId = hint ? `${id}-hint` : undefined;
  let control;
  if (kind === 'select') {
    control = h('select', { id, class: 'form-select', required, 'aria-describedby': hintId, ...attrs },
      options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
  } else if (kind === 'textarea') {
    control = h('textarea', { id, class: 'form-control', rows: '3', required, 'aria-describedby': hintId, ...attrs });
    control.value = value;
  } else {
    control = h('input', { id, type, class: 'form-control', value, required, 'aria-describedby': hintId, ...attrs });
  }
  const floating = kind === 'input' && type !== 'date' && type !== 'time';
  const labelEl = h('label', { for: id, class: floating ? '' : 'active' }, label,
    required ? h('span', { 'aria-hidden': 'true' }, ' *') : null);
  const wrapper = h('div', { class: kind === 'select' ? 'select-wrapper mb-4' : 'form-group mb-4' },
    labelEl,
    control,
    hint ? h('small', { id: hintId, class: 'form-text' }, hint) : null);
  if (floating) floatLabel(labelEl, control);
  return { wrapper, control };
}

// Bootstrap Italia's floating label: over the empty field, above it (.active) while the field
// has the focus or a value, so that it never covers what is written.
export function floatLabel(label, control) {
  const sync = () => label.classList.toggle('active', document.activeElement === control || control.value !== '');
  for (const type of ['focus', 'blur', 'input', 'change']) control.addEventListener(type, sync);
  sync();
  return sync;
}

export function checkbox({ id = uid('c'), label, checked = false, hint }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const control = h('input', { id, type: 'checkbox', checked, 'aria-describedby': hintId });
  const wrapper = h('div', { class: 'form-check mb-3' }, control, h('label', { for: id }, label),
    hint ? h('small', { id: hintId, class: 'form-text d-block' }, hint) : null);
  return { wrapper, control };
}

// A group of radio buttons in a fieldset with a legend.
export function radioGroup({ name, legend, options, value, onchange }) {
  const fs = h('fieldset', { class: 'mb-4' }, h('legend', { class: 'h5 sisl-legend' }, legend));
  for (const o of options) {
    const id = uid(name);
    const hintId = o.hint ? `${id}-hint` : undefined;
    fs.append(h('div', { class: 'form-check' },
      h('input', { type: 'radio', name, id, value: o.value, checked: o.value === value, 'aria-describedby': hintId,
        onchange: () => onchange?.(o.value) }),
      h('label', { for: id }, o.label),
      o.hint ? h('small', { id: hintId, class: 'form-text d-block sisl-radio-hint' }, o.hint) : null));
  }
  return fs;
}

export function badge(text, kind = 'secondary') {
  return h('span', { class: `badge bg-${kind}` }, text);
}
