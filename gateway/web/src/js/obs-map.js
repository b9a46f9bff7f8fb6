// The choropleth of Piedmont's provinces on /osservatorio. The outlines are made at build time
// from the municipalities' centroids (gateway/web/province-map.mjs: a Voronoi diagram, cells
// merged by province; approximate, not ISTAT's boundaries). Each province is a focusable SVG path
// (role button, aria-pressed): a click, Enter or Space selects it (again: deselects it). Colours:
// five equal classes from 0 to the largest value, suppressed values hatched; a legend says which.
import { t } from './i18n.js';
import { h } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
const CLASSES = 5;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

let geometryPromise = null;
export function loadGeometry() {
  if (!geometryPromise) {
    geometryPromise = fetch('{{asset:map/piemonte-province.json}}').then((r) => {
      if (!r.ok) throw new Error(`map: HTTP ${r.status}`);
      return r.json();
    });
    geometryPromise.catch(() => { geometryPromise = null; });
  }
  return geometryPromise;
}

// The class (1..5) of a value, with the upper bound of each class.
function scale(values) {
  const max = Math.max(0, ...values.filter((v) => v !== null));
  const step = max <= CLASSES ? 1 : Math.ceil(max / CLASSES);
  return { step, classOf: (v) => Math.min(CLASSES, Math.max(1, Math.ceil(v / step))) };
}

// geometry: the build's JSON; onSelect(code) on a click, Enter or Space.
export function provinceMap({ geometry, id, labelledBy, describedBy, onSelect }) {
  const hatch = s('pattern', { id: 'sisl-map-hatch', patternUnits: 'userSpaceOnUse', width: 10, height: 10, patternTransform: 'rotate(45)' },
    s('rect', { width: 10, height: 10, class: 'sisl-map-hatch-bg' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 10, class: 'sisl-map-hatch-line' }));
  const svg = s('svg', { class: 'sisl-map', id, viewBox: geometry.viewBox, role: 'group', 'aria-labelledby': labelledBy, 'aria-describedby': describedBy },
    s('defs', {}, hatch));
  const focusRing = s('path', { class: 'sisl-map-focus', 'aria-hidden': 'true', d: '' });
  const selectedRing = s('path', { class: 'sisl-map-selected', 'aria-hidden': 'true', d: '' });
  const labels = s('g', { class: 'sisl-map-labels', 'aria-hidden': 'true' });
  const paths = new Map();
  const texts = new Map();
  // The provinces in the order of their names: the Tab order.
  const provinces = [...geometry.provinces].sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const shapes = s('g', { class: 'sisl-map-provinces' });
  for (const p of provinces) {
    const path = s('path', { d: p.d, class: 'sisl-map-province', role: 'button', tabindex: 0, 'aria-pressed': 'false', 'data-province': p.code });
    path.addEventListener('click', () => onSelect(p.code));
    path.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect(p.code);
      }
    });
    path.addEventListener('focus', () => focusRing.setAttribute('d', p.d));
    path.addEventListener('blur', () => focusRing.setAttribute('d', ''));
    shapes.append(path);
    paths.set(p.code, { path, geo: p });
    // The label: the code and the value on a white plate (readable on every class); a click on it
    // is a click on the province.
    const code = s('tspan', { x: p.label[0], dy: 0, class: 'sisl-map-code' });
    code.textContent = p.code;
    const value = s('tspan', { x: p.label[0], dy: 15, class: 'sisl-map-value' });
    const plate = s('rect', { class: 'sisl-map-plate', rx: 3, y: p.label[1] - 17, height: 34, x: p.label[0] - 15, width: 30 });
    const label = s('g', { class: 'sisl-map-label' }, plate, s('text', { x: p.label[0], y: p.label[1] - 3, 'text-anchor': 'middle' }, code, value));
    label.addEventListener('click', () => onSelect(p.code));
    labels.append(label);
    texts.set(p.code, { value, plate, x: p.label[0] });
  }
  svg.append(shapes, s('path', { d: geometry.outline, class: 'sisl-map-outline', 'aria-hidden': 'true' }), selectedRing, labels, focusRing);
  const legend = h('ul', { class: 'sisl-map-legend', id: `${id}-legend` });

  const setLabel = (code, text) => {
    const { value, plate, x } = texts.get(code);
    value.textContent = text;
    const width = Math.max(code.length * 10, text.length * 7.5) + 10;
    plate.setAttribute('x', String(x - width / 2));
    plate.setAttribute('width', String(width));
  };

  // data: Map code -> {label, cell}; selected: a province code or ''.
  function update({ data, selected, what, format, suppressedText }) {
    const values = [...data.values()].map((d) => (d.cell && !d.cell.suppressed ? Number(d.cell.value || 0) : null));
    const { step, classOf } = scale(values);
    const used = new Set();
    let anySuppressed = false;
    for (const [code, { path, geo }] of paths) {
      const d = data.get(code);
      const name = d?.label || geo.name;
      const cell = d?.cell;
      path.classList.remove('sisl-map-nd', ...Array.from({ length: CLASSES }, (_, i) => `sisl-map-q${i + 1}`));
      let text;
      if (cell?.suppressed) {
        path.classList.add('sisl-map-nd');
        anySuppressed = true;
        text = suppressedText;
        setLabel(code, t('obs.map.suppressedMark'));
      } else {
        const v = Number(cell?.value || 0);
        const k = classOf(v);
        used.add(k);
        path.classList.add(`sisl-map-q${k}`);
        text = `${format(v)} ${what}`;
        setLabel(code, format(v));
      }
      path.setAttribute('aria-label', `${name}: ${text}`);
      path.setAttribute('aria-pressed', String(code === selected));
    }
    selectedRing.setAttribute('d', selected && paths.get(selected) ? paths.get(selected).geo.d : '');
    const items = [];
    for (let k = 1; k <= CLASSES; k++) {
      const lo = k === 1 ? 0 : (k - 1) * step + 1;
      const hi = k * step;
      if (k > 1 && !used.has(k) && lo > Math.max(0, ...values.filter((v) => v !== null))) break;
      items.push(h('li', {}, h('span', { class: `sisl-map-swatch sisl-map-q${k}`, 'aria-hidden': 'true' }),
        h('span', {}, lo === hi ? format(lo) : t('obs.map.range', { from: format(lo), to: format(hi) }))));
    }
    if (anySuppressed) {
      items.push(h('li', {}, h('span', { class: 'sisl-map-swatch sisl-map-nd', 'aria-hidden': 'true' }),
        h('span', {}, `${t('obs.suppressedShort')} — ${t('obs.map.suppressed')}`)));
    }
    legend.replaceChildren(...items);
  }

  return { svg, legend, update, focus: (code) => paths.get(code)?.path.focus() };
}
