// What the mandatory-communications flows share (communications, communications_bulk): dates in
// Rome, an Italian VAT number, the start of a hire due on a working day, and a company that
// delegates communications to the labour consultant (Chiara Gallo) through the REST API.
import { api, assert, login, write } from './lib.mjs';

export const CONSULTANT = 'GLLCHR81B57A479P'; // the development IdP's consulente-lavoro

// A valid Italian VAT number (partita IVA) from its first ten digits.
export const vatNumber = (first10) => {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let n = Number(first10[i]);
    if (i % 2) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return first10 + ((10 - (sum % 10)) % 10);
};

export const isoToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
export const addDays = (day, n) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// A Wednesday three to four weeks ahead whose Tuesday is a working day: a hire then is due on
// that Tuesday.
const HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];
export function hireStart() {
  let d = addDays(isoToday(), 21);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 3 || HOLIDAYS.includes(addDays(d, -1).slice(5))) d = addDays(d, 1);
  return d;
}

// The legal representative (`rep`, the development IdP's titolare-azienda, Elena Ricci) registers
// the company, logs in again, acts for it and grants the consultant (`cons`) a delegation for
// communications, which she accepts (as a citizen). A new login of the consultant brings the role.
export async function delegateCommunications(rep, cons, { companyCode, companyName, run }) {
  await login(rep, 'titolare-azienda', '/');
  assert.equal((await api(rep, 'POST', '/api/session/role', { role: 'citizen' })).status, 200);
  const registered = await write(rep, '/api/v1/companies', { company: {
    fiscalCode: companyCode, name: companyName, legalForm: 'LEGAL_FORM_LIMITED_COMPANY', sector: 'SECTOR_PRIVATE', atecoCode: '62.10.00',
    pec: 'officina.gallo@pec.example.it', registeredOffice: { municipality: '001272', address: 'Via Roma 1', postcode: '10121' },
  }, requestId: `co-${run}` });
  assert.equal(registered.status, 200, JSON.stringify(registered.data));
  await rep.context().clearCookies();
  await login(rep, 'titolare-azienda', '/');
  let chosen;
  for (let i = 0; i < 10; i++) {
    chosen = await api(rep, 'POST', '/api/session/role', { role: 'company', actingFor: companyCode });
    if (chosen.status === 200) break;
    await rep.context().clearCookies();
    await rep.waitForTimeout(500);
    await login(rep, 'titolare-azienda', '/');
  }
  assert.equal(chosen.status, 200, JSON.stringify(chosen.data));
  // (Enterprise may take a moment to know the new legal representative.)
  let grant;
  for (let i = 0; i < 20; i++) {
    grant = await write(rep, `/api/v1/companies/${companyCode}/delegations`, {
      kind: 'DELEGATION_KIND_CONSULTANT', holderFiscalCode: CONSULTANT, scopes: ['DELEGATION_SCOPE_COMMUNICATIONS'], validFrom: isoToday(),
      reason: 'incarico per le comunicazioni obbligatorie', consultant: { orderNumber: '1234', orderProvince: 'TO' }, requestId: `grant-${run}`,
    });
    if (grant.status !== 403) break;
    await rep.waitForTimeout(300);
  }
  assert.equal(grant.status, 200, JSON.stringify(grant.data));
  await login(cons, 'consulente-lavoro', '/');
  assert.equal((await api(cons, 'POST', '/api/session/role', { role: 'citizen' })).status, 200);
  const accepted = await write(cons, `/api/v1/delegations/${grant.data.delegation.delegationId}:accept`, {});
  assert.equal(accepted.status, 200, JSON.stringify(accepted.data));
  await cons.context().clearCookies();
}
