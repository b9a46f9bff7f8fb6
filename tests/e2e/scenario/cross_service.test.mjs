// The cross-service scenario (docs/operations.md): one story through every service, run as it is
// against the embedded all-in-one (tests/e2e/scenario_embedded_test.sh) and against every service
// as its own process (tests/e2e/distributed_up_test.sh), with the same assertions:
//   enterprise     a company registers and publishes a vacancy in Torino, the CPI approves it;
//   matching       a citizen's profile, validated by the CPI, matches it; the operator shortlists
//                  and proposes her, she accepts, the operator sends her profile to the company;
//   notifications  the proposal is mailed to her (her preferences' address), and the receipt of
//                  the hire to the company's filer: both read back from the real SMTP server;
//   communications the company files her hire (UNILAV) with its workplace in Torino;
//   matching       the hire closes the proposal (HIRED) with no operator action;
//   enterprise     the vacancy, of one position, closes as filled;
//   observatory    the staff tables count one more vacancy published and filled, one more
//                  proposal hired and one more hire in Torino in the hire's month.
// Through the gateway's REST API only (the browser logs the three people in through the
// development IdP; the pages themselves are the browser flows' business). Mailbox:
// SISL_TEST_MAILPIT_API.
import { after, before, describe, it } from 'node:test';
import { addDays, hireStart, isoToday, vatNumber } from '../../browser/co-setup.mjs';
import { api, assert, launch, login, newPage, write } from '../../browser/lib.mjs';

const MAILPIT = (process.env.SISL_TEST_MAILPIT_API || 'http://127.0.0.1:58025').replace(/\/$/, '');
const RUN = Date.now().toString(36);
const COMPANY = `Software Alpino ${RUN} SRL`;
const COMPANY_CODE = vatNumber(String(Date.now()).slice(-10));
const TITLE = `Sviluppatore software ${RUN}`;
const GIULIA = 'BNCGLI92L64D205V'; // the development IdP's cittadina-2
const TORINO = { istat: '001272', belfiore: 'L219', postcode: '10121' };
const CPI = 'CPI-TO-15';
const GIULIA_MAIL = `giulia.${RUN}@example.it`;
const FILER_MAIL = `ufficio.personale.${RUN}@example.it`;
const month = (day) => day.slice(0, 7);

let browser;
let rep; // Elena Ricci: the company's legal representative, its filer
let cit; // Giulia Bianchi
let op; // Torino's operator
let vacancyId = '';
let personId = '';
let proposalId = '';
const start = hireStart();
const before0 = {}; // the observatory's figures before the story

// Polls `read` every 500 ms until `done(value)`, at most `seconds`; returns the last value.
async function until(read, done, seconds = 30) {
  let value;
  for (const end = Date.now() + seconds * 1000; Date.now() < end;) {
    value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  return value;
}

async function ok(page, method, url, body) {
  const r = method === 'POST' ? await write(page, url, body) : await api(page, method, url, body);
  assert.equal(r.status, 200, `${method} ${url}: ${r.status} ${JSON.stringify(r.data)}`);
  return r.data;
}

// One figure of a staff table: the row `code` of `rows` (total of its cells), 0 when absent.
async function figure(indicator, rows, code, filters) {
  const q = new URLSearchParams({ rows, pageSize: '1000', ...filters });
  const data = await ok(op, 'GET', `/api/v1/observatory/staff/indicators/${indicator}/table?${q}`);
  const row = (data.table?.rows || []).find((r) => r.heading?.code === code);
  return Number(row?.total?.value ?? 0);
}

const FIGURES = {
  published: () => figure('vacancies_published', 'month', month(isoToday()), { province: 'TO', professionGroup: '2' }),
  filled: () => figure('vacancies_filled', 'month', month(isoToday()), { province: 'TO', professionGroup: '2' }),
  hired: () => figure('proposals', 'outcome', 'hired', { cpi: CPI, fromMonth: month(isoToday()), toMonth: month(isoToday()) }),
  hires: () => figure('hires', 'month', month(start), { municipality: TORINO.istat, fromMonth: month(start), toMonth: month(start) }),
};

async function mails(to) {
  const r = await fetch(`${MAILPIT}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`);
  assert.equal(r.status, 200, `mailpit search: HTTP ${r.status}`);
  return (await r.json()).messages || [];
}

async function chooseRole(page, user, role) {
  for (let i = 0; i < 20; i++) {
    await page.context().clearCookies();
    await login(page, user, '/');
    const r = await api(page, 'POST', '/api/session/role', role);
    if (r.status === 200) return;
    await page.waitForTimeout(500); // the delegation or the company still on its way to the gateway
  }
  assert.fail(`${user} could not act as ${JSON.stringify(role)}`);
}

describe('cross-service scenario: vacancy, matching, proposal, hire, mail, observatory', () => {
  before(async () => {
    browser = await launch();
    [rep, cit, op] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
    await chooseRole(op, 'operatore-torino', { role: 'operator', cpiCode: CPI });
    for (const [name, read] of Object.entries(FIGURES)) before0[name] = await read();
  });
  after(async () => {
    await browser?.close();
  });

  it('a company publishes a vacancy, approved by the CPI', async () => {
    await chooseRole(rep, 'titolare-azienda', { role: 'citizen' });
    await ok(rep, 'PUT', '/api/v1/my/notification-preferences', { preferences: {
      channels: ['CHANNEL_EMAIL'], language: 'LANGUAGE_ITALIAN', email: FILER_MAIL } });
    await ok(rep, 'POST', '/api/v1/companies', { company: {
      fiscalCode: COMPANY_CODE, name: COMPANY, legalForm: 'LEGAL_FORM_LIMITED_COMPANY', sector: 'SECTOR_PRIVATE', atecoCode: '62.10.00',
      pec: `officine.${RUN}@pec.example.it`, registeredOffice: { municipality: TORINO.istat, address: 'Via Roma 1', postcode: TORINO.postcode },
    }, requestId: `sc-co-${RUN}` });
    await chooseRole(rep, 'titolare-azienda', { role: 'company', actingFor: COMPANY_CODE });
    const content = {
      title: TITLE, description: 'Sviluppo di applicazioni web.', professionCode: '2.1.1.4.1', positions: 1,
      contractType: 'A.02.00', durationMonths: 12, workplaceMunicipality: TORINO.istat, workingTime: 'F', weeklyHours: 40,
      l68Reservation: 'L68_RESERVATION_NONE', publicationDate: isoToday(), expiryDate: addDays(isoToday(), 30),
    };
    vacancyId = (await ok(rep, 'POST', '/api/v1/vacancies', { content, requestId: `sc-vac-${RUN}` })).vacancy.vacancyId;
    await ok(rep, 'POST', `/api/v1/vacancies/${vacancyId}:transition`, { vacancyId, action: 'VACANCY_ACTION_SUBMIT' });
    const approved = await ok(op, 'POST', `/api/v1/vacancies/${vacancyId}:transition`, { vacancyId, action: 'VACANCY_ACTION_APPROVE' });
    assert.equal(approved.vacancy.state, 'VACANCY_STATE_PUBLISHED');
  });

  it('the citizen\'s profile, validated by the CPI, matches the vacancy', async () => {
    await chooseRole(cit, 'cittadina-2', { role: 'citizen' });
    await ok(cit, 'PUT', '/api/v1/my/notification-preferences', { preferences: {
      channels: ['CHANNEL_EMAIL'], language: 'LANGUAGE_ITALIAN', email: GIULIA_MAIL } });
    const saved = await ok(cit, 'PUT', '/api/v1/my/profile', { givenName: 'Giulia', familyName: 'Bianchi', content: {
      desiredProfessions: [{ professionCode: '2.1.1.4.1' }], education: 'EDUCATION_LEVEL_UPPER_SECONDARY',
      languages: [{ language: 'en', level: 'CEFR_LEVEL_B1' }], drivingLicences: ['B'],
      domicileMunicipality: TORINO.istat, mobilityRadiusKm: 30, availability: 'AVAILABILITY_AVAILABLE',
      visibility: 'VISIBILITY_VISIBLE_TO_COMPANIES',
    } });
    personId = saved.profile.personId;
    assert.ok(personId, 'the profile has a person id');
    await ok(op, 'POST', `/api/v1/profiles/${encodeURIComponent(personId)}:validate`, { personId });
    // The vacancy reaches matching as an event from enterprise.
    const found = await until(
      async () => (await api(op, 'GET', `/api/v1/vacancies/${vacancyId}/candidates:match?pageSize=50`)).data?.candidates || [],
      (cands) => cands.some((c) => c.personId === personId));
    const giulia = found.find((c) => c.personId === personId);
    assert.ok(giulia, `Giulia among the candidates: ${JSON.stringify(found)}`);
    assert.ok(giulia.score > 0);
    assert.equal(giulia.explanation.reduce((sum, c) => sum + (c.points || 0), 0), giulia.score, 'the explanation adds up');
  });

  it('the operator proposes her; she accepts (mailed to her); her profile goes to the company', async () => {
    proposalId = (await ok(op, 'POST', `/api/v1/vacancies/${vacancyId}/proposals`,
      { vacancyId, personId, note: 'Profilo coerente', requestId: `sc-pr-${RUN}` })).proposal.proposalId;
    await ok(op, 'POST', `/api/v1/proposals/${proposalId}:transition`,
      { proposalId, action: 'PROPOSAL_ACTION_PROPOSE', deadline: addDays(isoToday(), 7) });
    const proposalMail = await until(() => mails(GIULIA_MAIL), (m) => m.length > 0);
    assert.equal(proposalMail.length, 1, 'one e-mail about the proposal');
    assert.match(proposalMail[0].Subject, /^Nuova proposta di lavoro/);
    const accepted = await ok(cit, 'POST', `/api/v1/proposals/${proposalId}:transition`, { proposalId, action: 'PROPOSAL_ACTION_ACCEPT' });
    assert.equal(accepted.proposal.state, 'PROPOSAL_STATE_ACCEPTED');
    const sent = await ok(op, 'POST', `/api/v1/proposals/${proposalId}:transition`,
      { proposalId, action: 'PROPOSAL_ACTION_SEND', visibleFrom: isoToday() });
    assert.equal(sent.proposal.state, 'PROPOSAL_STATE_SENT');
  });

  it('the company files her hire: the proposal closes as hired, the vacancy as filled, the receipt is mailed', async () => {
    const office = { municipalityCode: TORINO.belfiore, postcode: TORINO.postcode, street: 'Via Roma 1' };
    const content = {
      form: 'COMMUNICATION_FORM_UNILAV', nature: 'COMMUNICATION_NATURE_ORDINARY', event: 'COMMUNICATION_EVENT_HIRE',
      employer: { fiscalCode: COMPANY_CODE, name: COMPANY, ateco: '62.10.00', pec: `officine.${RUN}@pec.example.it`, registeredOffice: office, workplace: office },
      worker: {
        fiscalCode: GIULIA, surname: 'Bianchi', name: 'Giulia', sex: 'SEX_FEMALE', birthDate: '1992-07-24', birthPlaceCode: 'D205', citizenship: '000',
        educationLevel: '40', domicile: { municipalityCode: TORINO.belfiore, postcode: TORINO.postcode, street: 'Via Po 2' },
      },
      contract: {
        startDate: start, endDate: addDays(start, 364), contractType: 'A.02.00', workingTime: 'F', weeklyHours: 40, ccnl: '001', level: '4',
        profession: '2.1.1.4.1.11', socialSecurityBody: '01', inailPat: '12345678', annualPayEur: 28000,
      },
    };
    const filed = await until(() => write(rep, '/api/v1/communications', { requestId: `sc-hire-${RUN}`, content }), (r) => r.status !== 403);
    assert.equal(filed.status, 200, JSON.stringify(filed.data));
    assert.match(filed.data.communication?.code || '', /^[0-9A-Z]{16}$/, JSON.stringify(filed.data));

    const proposal = await until(async () => (await api(op, 'GET', `/api/v1/proposals/${proposalId}`)).data?.proposal,
      (p) => p?.state === 'PROPOSAL_STATE_HIRED');
    assert.equal(proposal?.state, 'PROPOSAL_STATE_HIRED', `the proposal: ${JSON.stringify(proposal)}`);
    const vacancy = await until(async () => (await api(op, 'GET', `/api/v1/vacancies/${vacancyId}`)).data?.vacancy,
      (v) => v?.state === 'VACANCY_STATE_CLOSED');
    assert.equal(vacancy?.state, 'VACANCY_STATE_CLOSED', `the vacancy: ${JSON.stringify(vacancy)}`);
    const receipt = await until(() => mails(FILER_MAIL), (m) => m.length > 0);
    assert.equal(receipt.length, 1, 'one receipt mailed to the filer');
    assert.equal(receipt[0].Subject, `Ricevuta della comunicazione UNILAV ${filed.data.communication.code}`);
  });

  it('the observatory counts the story once', async () => {
    const want = { published: 1, filled: 1, hired: 1, hires: 1 };
    const now = {};
    await until(async () => {
      for (const [name, read] of Object.entries(FIGURES)) now[name] = (await read()) - before0[name];
      return now;
    }, (d) => Object.keys(want).every((k) => d[k] === want[k]));
    assert.deepEqual(now, want, 'one more vacancy published and filled, proposal hired, hire in Torino');
  });
});
