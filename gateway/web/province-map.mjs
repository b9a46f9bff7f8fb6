// The map of Piedmont's provinces used by /osservatorio, made at build time from SISL's own
// reference data (services/reference/data/municipalities.csv), not from official boundaries:
//   - the centroids of the current municipalities (an ISTAT code, no end of validity) of Piedmont
//     and of the other regions near it, projected equirectangularly (longitude scaled by the
//     cosine of Piedmont's mean latitude; 1 unit = 0.5 km);
//   - their Voronoi diagram (d3-delaunay), clipped to a box around Piedmont; the neighbours in
//     Lombardy, Liguria, Aosta Valley and Emilia make the regional border run half way between
//     the municipalities on either side;
//   - each Piedmont cell clipped to a circle of RADIUS_KM around its centroid, so that the outline
//     towards France and Switzerland (where there are no neighbours in the data) follows the
//     region's shape instead of the box (every circle has the same radius, so two neighbouring
//     cells are cut at the same point of the border they share);
//   - the cells of a province merged into one outline (the edges two cells of the same province
//     share cancel out), one SVG path per province; the label at the municipality of the province
//     farthest from its border.
// The result: { viewBox, outline, provinces: [{ code, name, d, label: [x, y], municipalities }] }.
import { Delaunay } from 'd3-delaunay';

const REGION = 'Piemonte';
const RADIUS_KM = 9;
const NEIGHBOUR_MARGIN_DEG = 0.5; // other regions' municipalities this far around Piedmont
const UNITS_PER_KM = 2;
const KM_PER_DEG = 111.2;
const ARC_STEP = Math.PI / 18; // 10° per arc segment

// RFC 4180 enough for the reference file (quoted fields allowed).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows.filter((r) => r.length > 1);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// Shoelace: > 0 when the ring goes the way atan2 angles grow.
const signedArea = (ring) => {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
};

// A convex ring (open, positive area) containing `c`, intersected with the disc (c, r).
function clipToCircle(ring, [cx, cy], r) {
  const n = ring.length;
  const inside = (p) => (p[0] - cx) ** 2 + (p[1] - cy) ** 2 <= r * r;
  if (ring.every(inside)) return ring;
  const out = [];
  let exitAngle = null; // where the boundary left the circle, waiting for the next entry
  let firstEntryAngle = null;
  let firstEntryIndex = -1;
  const arc = (from, to) => {
    let a1 = to;
    while (a1 <= from) a1 += 2 * Math.PI;
    const steps = Math.ceil((a1 - from) / ARC_STEP);
    for (let k = 1; k < steps; k++) {
      const a = from + ((a1 - from) * k) / steps;
      out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
  };
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % n];
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const fx = p[0] - cx;
    const fy = p[1] - cy;
    const a = dx * dx + dy * dy;
    if (a === 0) continue;
    const b = 2 * (fx * dx + fy * dy);
    const cc = fx * fx + fy * fy - r * r;
    const disc = b * b - 4 * a * cc;
    if (disc <= 0) continue; // the edge's line misses the circle (or touches it)
    const sq = Math.sqrt(disc);
    const t0 = Math.max(0, (-b - sq) / (2 * a));
    const t1 = Math.min(1, (-b + sq) / (2 * a));
    if (t0 >= t1) continue; // the inside part is outside the edge
    const at = (t) => [p[0] + t * dx, p[1] + t * dy];
    const start = at(t0);
    if (t0 > 0) { // enters the circle
      const angle = Math.atan2(start[1] - cy, start[0] - cx);
      if (exitAngle !== null) arc(exitAngle, angle);
      else if (firstEntryAngle === null) { firstEntryAngle = angle; firstEntryIndex = out.length; }
      exitAngle = null;
      out.push(start);
    } else out.push(p);
    if (t1 < 1) { // leaves it
      const end = at(t1);
      out.push(end);
      exitAngle = Math.atan2(end[1] - cy, end[0] - cx);
    }
  }
  if (!out.length) { // the whole circle is inside the cell
    for (let a = 0; a < 2 * Math.PI - 1e-9; a += ARC_STEP) out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    return out;
  }
  if (exitAngle !== null && firstEntryAngle !== null) { // close: the last exit to the first entry
    const tail = out.splice(0, firstEntryIndex);
    arc(exitAngle, firstEntryAngle);
    out.push(...tail);
  }
  return out;
}

// Points snapped together when closer than EPS (the same vertex computed from two cells).
class Points {
  constructor(eps = 1e-6) {
    this.eps = eps;
    this.grid = new Map();
    this.xy = [];
  }
  id([x, y]) {
    const gx = Math.round(x / this.eps / 10);
    const gy = Math.round(y / this.eps / 10);
    for (let i = -1; i <= 1; i++) for (let j = -1; j <= 1; j++) {
      for (const id of this.grid.get(`${gx + i},${gy + j}`) || []) {
        const [px, py] = this.xy[id];
        if (Math.abs(px - x) <= this.eps && Math.abs(py - y) <= this.eps) return id;
      }
    }
    const id = this.xy.length;
    this.xy.push([x, y]);
    const key = `${gx},${gy}`;
    if (!this.grid.has(key)) this.grid.set(key, []);
    this.grid.get(key).push(id);
    return id;
  }
}

// The union of rings sharing vertices (all with positive area): rings of point ids.
function merge(rings, points) {
  const edges = new Map(); // "a>b" -> count
  for (const ring of rings) {
    const ids = ring.map((p) => points.id(p));
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i];
      const b = ids[(i + 1) % ids.length];
      if (a === b) continue;
      const back = `${b}>${a}`;
      if (edges.get(back)) edges.set(back, edges.get(back) - 1);
      else edges.set(`${a}>${b}`, (edges.get(`${a}>${b}`) || 0) + 1);
    }
  }
  const next = new Map(); // a -> [b, ...]
  for (const [key, count] of edges) {
    if (!count) continue;
    const [a, b] = key.split('>').map(Number);
    for (let k = 0; k < count; k++) {
      if (!next.has(a)) next.set(a, []);
      next.get(a).push(b);
    }
  }
  const out = [];
  for (const start of [...next.keys()]) {
    while (next.get(start)?.length) {
      const ring = [start];
      let at = next.get(start).pop();
      let guard = 0;
      while (at !== start && guard++ < 1e6) {
        ring.push(at);
        const list = next.get(at);
        if (!list?.length) break; // open chain: should not happen
        at = list.pop();
      }
      if (ring.length > 2) out.push(ring);
    }
  }
  return out;
}

const fmt = (v) => {
  const s = (Math.round(v * 10) / 10).toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
};

function pathOf(rings, points) {
  let d = '';
  for (const ring of rings) {
    let last = '';
    let first = '';
    const parts = [];
    for (const id of ring) {
      const [x, y] = points.xy[id];
      const p = `${fmt(x)} ${fmt(y)}`;
      if (p === last) continue;
      parts.push(p);
      last = p;
      if (!first) first = p;
    }
    if (parts.length > 1 && parts.at(-1) === first) parts.pop();
    if (parts.length < 3) continue;
    d += `M${parts[0]}L${parts.slice(1).join(' ')}Z`;
  }
  return d;
}

const distToSegment = ([px, py], [ax, ay], [bx, by]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const l = dx * dx + dy * dy;
  const t = l ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

export function provinceMap(csvText) {
  const current = parseCsv(csvText).filter((m) => m.istat_code && !m.valid_to && m.latitude && m.longitude);
  const own = current.filter((m) => m.region === REGION);
  if (own.length < 1000) throw new Error(`only ${own.length} current municipalities of ${REGION} in the reference data`);
  const lat = own.map((m) => Number(m.latitude));
  const lon = own.map((m) => Number(m.longitude));
  const box = {
    lat0: Math.min(...lat) - NEIGHBOUR_MARGIN_DEG, lat1: Math.max(...lat) + NEIGHBOUR_MARGIN_DEG,
    lon0: Math.min(...lon) - NEIGHBOUR_MARGIN_DEG, lon1: Math.max(...lon) + NEIGHBOUR_MARGIN_DEG,
  };
  const meanLat = lat.reduce((a, b) => a + b, 0) / lat.length;
  const kx = Math.cos((meanLat * Math.PI) / 180) * KM_PER_DEG * UNITS_PER_KM;
  const ky = KM_PER_DEG * UNITS_PER_KM;
  const r = RADIUS_KM * UNITS_PER_KM;
  const west = Math.min(...lon);
  const north = Math.max(...lat);
  const project = (m) => [(Number(m.longitude) - west) * kx + r, (north - Number(m.latitude)) * ky + r];
  const sites = [...own, ...current.filter((m) => m.region !== REGION && Number(m.latitude) >= box.lat0 &&
    Number(m.latitude) <= box.lat1 && Number(m.longitude) >= box.lon0 && Number(m.longitude) <= box.lon1)];
  const xy = sites.map(project);
  const width = Math.ceil((Math.max(...lon) - west) * kx + 2 * r);
  const height = Math.ceil((north - Math.min(...lat)) * ky + 2 * r);
  const voronoi = Delaunay.from(xy).voronoi([0, 0, width, height]);

  const byProvince = new Map();
  const all = [];
  for (let i = 0; i < own.length; i++) {
    const polygon = voronoi.cellPolygon(i);
    if (!polygon) continue;
    let ring = polygon.slice(0, -1).map(([x, y]) => [x, y]);
    if (signedArea(ring) < 0) ring.reverse();
    ring = clipToCircle(ring, xy[i], r);
    if (ring.length < 3) continue;
    const code = own[i].province_code;
    if (!byProvince.has(code)) byProvince.set(code, { code, name: own[i].province_name, rings: [], sites: [] });
    byProvince.get(code).rings.push(ring);
    byProvince.get(code).sites.push(xy[i]);
    all.push(ring);
  }
  const points = new Points();
  const provinces = [...byProvince.values()].sort((a, b) => a.code.localeCompare(b.code)).map((p) => {
    const rings = merge(p.rings, points);
    const segments = rings.flatMap((ring) => ring.map((id, k) => [points.xy[id], points.xy[ring[(k + 1) % ring.length]]]));
    let label = p.sites[0];
    let best = -1;
    for (const s of p.sites) {
      let d = Infinity;
      for (const [a, b] of segments) {
        d = Math.min(d, distToSegment(s, a, b));
        if (d <= best) break;
      }
      if (d > best) { best = d; label = s; }
    }
    return { code: p.code, name: p.name, d: pathOf(rings, points), label: label.map((v) => Number(fmt(v))), municipalities: p.sites.length };
  });
  return { viewBox: `0 0 ${width} ${height}`, outline: pathOf(merge(all, points), points), provinces };
}

// node province-map.mjs CSV > map.svg: the map as a plain SVG, to look at.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fs = await import('node:fs');
  const map = provinceMap(fs.readFileSync(process.argv[2], 'utf8'));
  const fills = ['#cfe3f7', '#9cc4ee', '#69a5e4', '#3c85d5', '#0066cc', '#00509f', '#cfe3f7', '#9cc4ee'];
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}" width="800"><rect width="100%" height="100%" fill="#fff"/>`;
  map.provinces.forEach((p, i) => {
    svg += `<path d="${p.d}" fill="${fills[i]}" stroke="#333" stroke-width="1" stroke-linejoin="round"/>`;
  });
  svg += `<path d="${map.outline}" fill="none" stroke="#000" stroke-width="2"/>`;
  for (const p of map.provinces) svg += `<text x="${p.label[0]}" y="${p.label[1]}" font-size="16" text-anchor="middle">${p.code}</text>`;
  svg += '</svg>';
  process.stdout.write(svg);
  console.error(map.provinces.map((p) => `${p.code} ${p.municipalities} ${p.d.length}`).join('\n'), JSON.stringify(map).length);
}
