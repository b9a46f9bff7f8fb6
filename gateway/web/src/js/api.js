// The gateway's REST API: session, role, CSRF token on every state-changing call, Idempotency-Key
// on bookings and moves, problem+json errors as ApiError (with the machine-readable reason).
let sessionCache = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.reason = problem?.reason || (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.detail = problem?.detail || '';
    this.metadata = problem?.metadata || {};
    this.violations = problem?.violations || [];
  }
}

export function newRequestKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function buildUrl(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request(method, path, { query, body, idempotencyKey } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    const s = await session();
    if (s.csrfToken) headers['X-CSRF-Token'] = s.csrfToken;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { reason: 'NETWORK' });
  }
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : null);
  return data;
}

export const get = (path, query) => request('GET', path, { query });
export const post = (path, body, options = {}) => request('POST', path, { body, ...options });

export async function session(refresh = false) {
  if (!sessionCache || refresh) {
    sessionCache = await request('GET', '/api/session').catch((e) => {
      sessionCache = null;
      throw e;
    });
  }
  return sessionCache;
}

// actingFor: company and consultant roles name the company (its fiscal code).
export async function selectRole(role, cpiCode = '', actingFor = '') {
  const s = await session();
  const body = { role };
  if (cpiCode) body.cpiCode = cpiCode;
  if (actingFor) body.actingFor = actingFor;
  const res = await fetch('/api/session/role', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': s.csrfToken },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  sessionCache = data;
  return data;
}

export async function logout() {
  const s = await session().catch(() => null);
  if (s?.authenticated && s.provider && s.provider !== 'local') {
    // SAML sessions end with a single logout through the identity provider.
    window.location.assign('/spid/logout');
    return;
  }
  if (s?.authenticated) await post('/api/session/logout', undefined).catch(() => {});
  window.location.assign('/');
}

// Lists every page of a paginated collection (at most `limit` items).
export async function listAll(path, query, field, limit = 500) {
  const items = [];
  let pageToken = '';
  do {
    const page = await get(path, { ...query, pageSize: 100, pageToken });
    items.push(...(page[field] || []));
    pageToken = page.nextPageToken || '';
  } while (pageToken && items.length < limit);
  return items;
}

// Offices (sites) by code, loaded once per page.
let officesPromise = null;
export function offices() {
  if (!officesPromise) {
    officesPromise = listAll('/api/v1/offices', {}, 'offices').then((list) => new Map(list.map((o) => [o.siteCode, o])));
    officesPromise.catch(() => {
      officesPromise = null;
    });
  }
  return officesPromise;
}

const servicesPromises = {};
export function services(citizenSelfBookingOnly) {
  const key = citizenSelfBookingOnly ? 'self' : 'all';
  if (!servicesPromises[key]) {
    servicesPromises[key] = get('/api/v1/bookable-services', citizenSelfBookingOnly ? { citizenSelfBookingOnly: true } : {})
      .then((r) => r.services || []);
    servicesPromises[key].catch(() => {
      delete servicesPromises[key];
    });
  }
  return servicesPromises[key];
}
