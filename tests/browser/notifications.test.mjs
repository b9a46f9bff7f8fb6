// Notifications against the all-in-one and the local SMTP server (mailpit, its HTTP API in
// SISL_TEST_MAILPIT_API; tests/browser/run.sh provides one). A citizen (Mario Rossi) books a GOL
// assessment through the wizard with an e-mail address of this run only: the mailbox receives
// exactly one confirmation, with the appointment's appuntamento.ics. On /notifiche he finds it
// among the messages sent to him (sent by e-mail), sets his preferences with the keyboard alone
// (e-mail and SMS, English: kept across a reload), and the service's refusals of an e-mail address
// and of a mobile number land on their fields. The appointment's service also offers SMS and App
// IO, which the all-in-one of the tests does not configure: the service enqueues no message on
// them, so the appointment has exactly one message, the e-mail. An undelivered message comes from
// a second booking of his (REST API, another service confirmed by e-mail) with an address in the
// reserved TLD .invalid, which the local mailpit refuses with a permanent 550: that e-mail fails
// for good (SMTP_PERMANENT), and Torino's operator finds it on /notifiche-operatore with the
// delivery figures and queues it again ("Riprova": the row shows it queued); an administrator
// sees the page too. axe on every page and state, Italian and English (and Arabic on /notifiche).
import { after, before, describe, it } from 'node:test';
import {
  api, assert, assertNoProblems, axe, BASE, english, focused, italian, launch, login, newPage, press, screenshot, tabTo, typeInto,
} from './lib.mjs';
import { chooseDay, chooseService, chooseSlot, chooseWhere, confirm, domicileField, done } from './wizard.mjs';

process.env.SISL_FLOW = 'notifications';
const MAILPIT = (process.env.SISL_TEST_MAILPIT_API || '').replace(/\/$/, '');
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const ADDRESS = `mario.rossi.${RUN}@example.org`;
const SERVICE = 'GOL_ASSESSMENT'; // e-mail, SMS and App IO; booked by no other flow
// The second booking: confirmed by e-mail (and SMS), self-bookable, with demo calendars
// (services/booking/seeding.cc), booked by no other flow for Mario (the contact-centre flow books
// it for Giulia); its address is refused by mailpit (deploy/lib/mailpit.sh: recipients in
// .invalid, 550).
const UNDELIVERABLE_SERVICE = 'ORIENTAMENTO';
const UNDELIVERABLE_ADDRESS = `mario.rossi.${RUN}@example.invalid`;

let browser;
let cit; // Mario Rossi
let op; // Torino's operator
let appointmentId = '';
let undeliverableId = ''; // the second booking's appointment
const preferenceBodies = []; // the bodies of PUT /api/v1/my/notification-preferences
const retries = []; // {url, csrf} of POST .../:retry

async function mailpit(path) {
  const r = await fetch(MAILPIT + path);
  assert.equal(r.status, 200, `mailpit ${path}: HTTP ${r.status}`);
  return r;
}
const searchTo = async (address) => (await mailpit(`/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}`)).json();

// Polls `read` every 250 ms until `ok(value)` or `seconds` have passed; returns the last value.
async function poll(read, ok, seconds) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const myMessages = async () => {
  const r = await api(cit, 'GET', '/api/v1/my/notifications?pageSize=50');
  assert.equal(r.status, 200, `GET /api/v1/my/notifications: ${r.status} ${JSON.stringify(r.data)}`);
  return (r.data.messages || []).filter((m) => m.appointmentId === appointmentId);
};

// The undelivered messages of an appointment, through every page of the API.
async function deadLettersOfAppointment(page, appointment) {
  const found = [];
  let token = '';
  do {
    const r = await api(page, 'GET', `/api/v1/notification-dead-letters?pageSize=200${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    assert.equal(r.status, 200, `GET /api/v1/notification-dead-letters: ${r.status} ${JSON.stringify(r.data)}`);
    found.push(...(r.data.messages || []).filter((m) => m.appointmentId === appointment));
    token = r.data.nextPageToken || '';
  } while (token);
  return found;
}

// Mario books UNDELIVERABLE_SERVICE through the REST API as the wizard does (the first free
// in-person slot in the province of Torino; Idempotency-Key, X-CSRF-Token), with an e-mail
// address mailpit refuses; returns the appointment's code.
async function bookUndeliverable(page) {
  const scope = `serviceCode=${UNDELIVERABLE_SERVICE}&deliveryMode=DELIVERY_MODE_IN_PERSON`
    + `&scope.scope=SEARCH_SCOPE_PROVINCE&scope.province=${encodeURIComponent('Torino')}`;
  const first = await api(page, 'GET', `/api/v1/availability/first?${scope}`);
  assert.equal(first.status, 200, `GET /api/v1/availability/first: ${first.status} ${JSON.stringify(first.data)}`);
  const day = await api(page, 'GET', `/api/v1/availability/day?${scope}&date=${first.data.slot.localStart.slice(0, 10)}`);
  assert.equal(day.status, 200, `GET /api/v1/availability/day: ${day.status} ${JSON.stringify(day.data)}`);
  const slots = [first.data.slot, ...(day.data.slots || []).filter((s) => s.id !== first.data.slot.id)];
  let r;
  for (const slot of slots) {
    const key = crypto.randomUUID();
    r = await api(page, 'POST', '/api/v1/appointments', {
      slotId: slot.id, deliveryMode: 'DELIVERY_MODE_IN_PERSON', requestId: key,
      citizen: { email: UNDELIVERABLE_ADDRESS, domicileMunicipality: '001272', language: 'it', compulsorySchoolingCompleted: false },
    }, { 'Idempotency-Key': key });
    if (r.data?.reason !== 'SLOT_TAKEN') break; // another flow took it meanwhile: the next one
  }
  assert.equal(r.status, 200, `POST /api/v1/appointments (${UNDELIVERABLE_SERVICE}): ${r.status} ${JSON.stringify(r.data)}`);
  assert.ok(r.data.appointment?.id, JSON.stringify(r.data));
  return r.data.appointment.id;
}

describe('notifications: the confirmation e-mail, preferences, undelivered messages', () => {
  before(async () => {
    assert.ok(MAILPIT, 'SISL_TEST_MAILPIT_API (the mailbox\'s HTTP API) must be set: tests/browser/run.sh sets it');
    browser = await launch();
    [cit, op] = await Promise.all([newPage(browser), newPage(browser)]);
    cit.on('request', (r) => {
      if (r.method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/my/notification-preferences') preferenceBodies.push(r.postDataJSON());
    });
    op.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/notification-messages\/[^/]+:retry$/.test(new URL(r.url()).pathname)) {
        retries.push({ url: r.url(), csrf: r.headers()['x-csrf-token'] || '' });
      }
    });
  });
  after(async () => {
    await browser?.close();
  });

  it('the home page links the citizen\'s notifications', async () => {
    await login(cit, 'cittadino-1', '/');
    const link = cit.locator('#app a[href="/notifiche"]');
    await link.waitFor();
    assert.match(await link.innerText(), /Le mie notifiche/);
  });

  it('a booking with an e-mail address of this run: exactly one confirmation in the mailbox, with appuntamento.ics', async () => {
    await cit.goto(`${BASE}/prenota`);
    await chooseService(cit, { service: SERVICE, mode: 'DELIVERY_MODE_IN_PERSON', check: false });
    await chooseWhere(cit, { municipality: { type: 'monca', choose: 'Moncalieri (TO)' }, check: false });
    // A later day's last slot: the citizen flow (run before, same all-in-one) gave Mario
    // appointments at the first slots, and a second one at the same time is refused.
    await chooseDay(cit, { index: 2, check: false });
    await cit.locator('.sisl-slot').first().waitFor();
    await chooseSlot(cit, { index: (await cit.locator('.sisl-slot').count()) - 1, check: false });
    assert.equal(await domicileField(cit).inputValue(), 'Moncalieri (TO)', 'the domicile proposed');
    await confirm(cit, { email: ADDRESS, check: false });
    appointmentId = (await done(cit)).trim();
    assert.ok(appointmentId, 'the appointment\'s code');
    await screenshot(cit, 'booked');

    let list = await poll(() => searchTo(ADDRESS), (l) => l.messages_count >= 1, 30);
    assert.equal(list.messages_count, 1, `one message to ${ADDRESS} within 30 s: ${JSON.stringify(list)}`);
    // No second copy a moment later.
    await new Promise((r) => setTimeout(r, 2000));
    list = await searchTo(ADDRESS);
    assert.equal(list.messages_count, 1, `still exactly one message: ${JSON.stringify(list)}`);
    const summary = list.messages[0];
    assert.match(summary.Subject, /^Appuntamento confermato/, 'the confirmation, in the language chosen when booking (Italian)');
    assert.equal(summary.Attachments, 1, 'one attachment');
    const message = await (await mailpit(`/api/v1/message/${summary.ID}`)).json();
    assert.equal(message.Attachments.length, 1);
    const ics = message.Attachments[0];
    assert.equal(ics.FileName, 'appuntamento.ics');
    assert.match(ics.ContentType, /^text\/calendar/);
    const text = await (await mailpit(`/api/v1/message/${summary.ID}/part/${ics.PartID}`)).text();
    assert.match(text, /^BEGIN:VCALENDAR/);
    assert.match(text, new RegExp(`UID:${appointmentId}`), 'the .ics of the appointment booked');
  });

  it('/notifiche lists the confirmation, sent by e-mail', async () => {
    // The mailbox has it: the ledger marks it sent right after the SMTP server took it.
    const mine = await poll(myMessages, (l) => l.some((m) => m.channel === 'CHANNEL_EMAIL' && m.state === 'MESSAGE_STATE_SENT'), 10);
    assert.ok(mine.some((m) => m.type === 'MESSAGE_TYPE_APPOINTMENT_CONFIRMATION' && m.channel === 'CHANNEL_EMAIL' && m.state === 'MESSAGE_STATE_SENT'),
      `the e-mail confirmation sent: ${JSON.stringify(mine)}`);
    // SMS and App IO are not configured in the tests: no message enqueued on them.
    assert.deepEqual(mine.map((m) => m.channel), ['CHANNEL_EMAIL'],
      `exactly one message for the appointment, the e-mail (no SMS gateway nor App IO key here): ${JSON.stringify(mine)}`);
    await cit.goto(`${BASE}/notifiche`);
    await cit.locator('#ntf-form').waitFor();
    assert.ok(await cit.locator('#main-nav a[href="/notifiche"][aria-current="page"]').count(), 'the navigation marks the page');
    const row = cit.locator(`#ntf-table tr[data-appointment="${appointmentId}"][data-channel="CHANNEL_EMAIL"]`);
    await row.waitFor();
    assert.equal(await cit.locator(`#ntf-table tr[data-appointment="${appointmentId}"]`).count(), 1,
      'one row for the appointment: its e-mail');
    assert.equal(await row.getAttribute('data-type'), 'MESSAGE_TYPE_APPOINTMENT_CONFIRMATION');
    assert.equal(await row.getAttribute('data-state'), 'MESSAGE_STATE_SENT');
    const text = await row.innerText();
    assert.match(text, /Conferma dell'appuntamento/);
    assert.match(text, /E-mail/);
    assert.match(text, /Inviato/);
    assert.match(text, new RegExp(appointmentId));
    assert.match(await cit.locator('#ntf-table caption').innerText(), /Messaggi inviati a te/);
    // Before the first save: the defaults, said as such.
    assert.match(await cit.locator('#ntf-state').innerText(), /Non hai ancora salvato preferenze/);
    assert.equal(await cit.locator('#ntf-language-it').isChecked(), true, 'Italian by default');
    assert.equal(await cit.locator('input[name="ntf-channel"]:checked').count(), 0, 'no channel chosen: all of them');
    await axe(cit, 'notifications (citizen)');
    await screenshot(cit, 'notifiche');
    await english(cit, 'notifications (citizen)');
    assert.match(await row.innerText(), /Appointment confirmation[\s\S]*Sent/);
    await press(cit, cit.locator('button[data-lang="ar"]'));
    await cit.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
    await cit.locator('#ntf-form').waitFor();
    await axe(cit, 'notifications (citizen) in Arabic');
    await screenshot(cit, 'notifiche-ar');
    await italian(cit);
    // Another page of messages (Mario may have more than ten after the other flows): there and back.
    const next = cit.locator('#ntf-pager button[data-page="next"]');
    if (await next.count()) {
      await press(cit, next);
      await cit.locator('#ntf-table caption').filter({ hasText: /pagina 2$/ }).waitFor();
      assert.equal(await focused(cit.locator('#ntf-messages-heading')), true, 'the list\'s heading takes the focus');
      await axe(cit, 'notifications, page 2');
      await press(cit, cit.locator('#ntf-pager button[data-page="previous"]'));
      await cit.locator('#ntf-table caption').filter({ hasText: /pagina 1$/ }).waitFor();
      await row.waitFor();
    }
  });

  it('sets e-mail and SMS, in English, with the keyboard alone; kept across a reload', async () => {
    await cit.goto(`${BASE}/notifiche`);
    await cit.locator('#ntf-form').waitFor();
    const email = cit.locator('#ntf-channel-email');
    await tabTo(cit, email);
    await cit.keyboard.press('Space');
    await cit.keyboard.press('Tab');
    assert.equal(await focused(cit.locator('#ntf-channel-sms')), true, 'Tab: SMS');
    await cit.keyboard.press('Space');
    await cit.keyboard.press('Tab');
    assert.equal(await focused(cit.locator('#ntf-channel-app_io')), true, 'Tab: App IO (left unticked)');
    await cit.keyboard.press('Tab');
    assert.equal(await focused(cit.locator('#ntf-language-it')), true, 'Tab: the language group, at the chosen language');
    await cit.keyboard.press('ArrowDown');
    assert.equal(await cit.locator('#ntf-language-en').isChecked(), true, 'ArrowDown: English');
    const save = cit.locator('#ntf-save');
    await tabTo(cit, save, 5);
    await cit.keyboard.press('Enter');
    const saved = cit.locator('#app > .alert-success');
    await saved.waitFor();
    assert.match(await saved.innerText(), /Preferenze salvate/);
    assert.equal(await focused(saved), true, 'the confirmation takes the focus');
    assert.deepEqual(preferenceBodies.at(-1), {
      preferences: { channels: ['CHANNEL_EMAIL', 'CHANNEL_SMS'], language: 'LANGUAGE_ENGLISH', email: '', mobile: '' },
    }, 'proto3 JSON: enum names, the channels in order');
    await axe(cit, 'preferences saved');

    await cit.reload();
    await cit.locator('#ntf-form').waitFor();
    assert.equal(await cit.locator('#ntf-channel-email').isChecked(), true);
    assert.equal(await cit.locator('#ntf-channel-sms').isChecked(), true);
    assert.equal(await cit.locator('#ntf-channel-app_io').isChecked(), false);
    assert.equal(await cit.locator('#ntf-language-en').isChecked(), true);
    assert.match(await cit.locator('#ntf-state').innerText(), /Preferenze salvate il/);
    const stored = await api(cit, 'GET', '/api/v1/my/notification-preferences');
    assert.deepEqual(stored.data.preferences.channels, ['CHANNEL_EMAIL', 'CHANNEL_SMS']);
    assert.equal(stored.data.preferences.language, 'LANGUAGE_ENGLISH');
  });

  it('an e-mail address and a mobile number the service refuses: the error on the field', async () => {
    const email = cit.locator('#ntf-email');
    const mobile = cit.locator('#ntf-mobile');
    const alert = cit.locator('#ntf-alert .alert-danger');
    const refusal = async () => {
      const [response] = await Promise.all([
        cit.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/my/notification-preferences'),
        cit.keyboard.press('Enter'), // Enter in a text field submits the form
      ]);
      return { status: response.status(), body: await response.json() };
    };

    await typeInto(cit, email, 'mario.rossi@');
    let r = await refusal();
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.reason, 'INVALID_EMAIL_ADDRESS', JSON.stringify(r.body));
    assert.equal(r.body.violations?.[0]?.field, 'preferences.email', JSON.stringify(r.body));
    await alert.waitFor();
    assert.equal(await focused(alert), true, 'the alert takes the focus');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await cit.locator('#ntf-email-error').innerText(), /L'indirizzo e-mail non è valido/);
    assert.match(await email.getAttribute('aria-describedby'), /ntf-email-error/);
    await press(cit, alert.locator('a.sisl-to-field'));
    assert.equal(await focused(email), true, 'the alert links to the field');
    await axe(cit, 'preferences: e-mail refused');

    await typeInto(cit, email, ADDRESS);
    await typeInto(cit, mobile, '333 12');
    r = await refusal();
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.reason, 'INVALID_PHONE_NUMBER', JSON.stringify(r.body));
    assert.equal(r.body.violations?.[0]?.field, 'preferences.mobile', JSON.stringify(r.body));
    await alert.waitFor();
    assert.equal(await mobile.getAttribute('aria-invalid'), 'true');
    assert.match(await cit.locator('#ntf-mobile-error').innerText(), /non è un cellulare valido/);
    assert.match(await mobile.getAttribute('aria-describedby'), /ntf-mobile-error/);
    assert.equal(await email.getAttribute('aria-invalid'), null, 'the e-mail is no longer in error');
    await axe(cit, 'preferences: mobile refused');
    await screenshot(cit, 'mobile-refused');
    await english(cit, 'preferences: mobile refused');
    await italian(cit);

    // Written as people do: the spaces go.
    await typeInto(cit, mobile, '+39 333 1234567');
    await press(cit, cit.locator('#ntf-save'));
    await cit.locator('#app > .alert-success').waitFor();
    assert.equal(preferenceBodies.at(-1).preferences.mobile, '+393331234567');
    await cit.reload();
    await cit.locator('#ntf-form').waitFor();
    assert.equal(await email.inputValue(), ADDRESS);
    assert.equal(await mobile.inputValue(), '+393331234567');
    assert.equal(await cit.locator('#ntf-language-en').isChecked(), true, 'the language kept');
    await axe(cit, 'preferences with contacts');
    assertNoProblems(cit);
  });

  it('the operator sees the delivery figures and the undelivered messages, and queues one again', async () => {
    // An e-mail that cannot be delivered: Mario's second booking, to an address in .invalid.
    undeliverableId = await bookUndeliverable(cit);
    await login(op, 'operatore-torino', '/');
    const link = op.locator('#app a[href="/notifiche-operatore"]');
    await link.waitFor();
    await op.goto(`${BASE}/notifiche-operatore`);
    const figures = op.locator('#ntfo-figures');
    await figures.waitFor();
    assert.ok(await op.locator('#main-nav a[href="/notifiche-operatore"][aria-current="page"]').count(), 'the navigation marks the page');
    for (const k of ['queued', 'sending', 'sent', 'failed', 'dead', 'oldest']) {
      const value = await figures.locator(`dd[data-stat="${k}"]`).getAttribute('data-value');
      assert.match(value, /^\d+$/, `figure ${k}: ${value}`);
    }
    assert.ok(Number(await figures.locator('dd[data-stat="sent"]').getAttribute('data-value')) >= 1, 'at least the confirmation sent');
    assert.match(await figures.innerText(), /In coda[\s\S]*Inviati[\s\S]*Attesa del messaggio più vecchio in coda/);
    const list = op.locator('#ntfo-table, #ntfo-none');
    await list.first().waitFor();
    await axe(op, 'undelivered messages');
    await screenshot(op, 'notifiche-operatore');

    // The second booking's e-mail confirmation: refused by the SMTP server for good (550).
    const isUndelivered = (m) => m.type === 'MESSAGE_TYPE_APPOINTMENT_CONFIRMATION' && m.channel === 'CHANNEL_EMAIL'
      && m.state === 'MESSAGE_STATE_FAILED';
    const dead = await poll(() => deadLettersOfAppointment(op, undeliverableId), (l) => l.some(isUndelivered), 30);
    assert.deepEqual(dead.map((m) => `${m.channel} ${m.state}`), ['CHANNEL_EMAIL MESSAGE_STATE_FAILED'],
      `the e-mail confirmation to ${UNDELIVERABLE_ADDRESS} failed for good, the only message of the appointment: ${JSON.stringify(dead)}`);
    const [failed] = dead;
    assert.ok(failed.attempts >= 1, JSON.stringify(failed));
    assert.match(failed.lastError, /SMTP_PERMANENT/, `the SMTP server's permanent refusal: ${JSON.stringify(failed)}`);
    assert.equal((await searchTo(UNDELIVERABLE_ADDRESS)).messages_count, 0, 'nothing in the mailbox for the refused address');
    await press(op, op.locator('#ntfo-refresh'));
    await op.waitForFunction(() => document.getElementById('sr-status')?.textContent === 'Dati aggiornati.');
    assert.equal(await focused(op.locator('#ntfo-refresh')), true, 'the focus back on "Aggiorna"');
    await op.locator('#ntfo-table').waitFor();
    // Through the pages (oldest first) to the undelivered e-mail's row.
    const row = op.locator(`#ntfo-table tr[data-id="${failed.messageId}"]`);
    for (let page = 2; page < 30 && !(await row.count()); page++) {
      const next = op.locator('#ntfo-pager button[data-page="next"]');
      assert.ok(await next.count(), 'the undelivered e-mail on a later page');
      await press(op, next);
      await op.locator('#ntfo-table caption').filter({ hasText: new RegExp(`pagina ${page}$`) }).waitFor();
    }
    await row.waitFor();
    assert.equal(await row.getAttribute('data-appointment'), undeliverableId);
    assert.equal(await row.getAttribute('data-state'), 'MESSAGE_STATE_FAILED');
    assert.match(await row.innerText(), /Non recapitabile/);
    assert.match(await row.innerText(), new RegExp(undeliverableId));
    assert.match(await row.locator('[data-cell="error"]').innerText(), /SMTP_PERMANENT/, 'the last error shown');
    const id = failed.messageId;
    await english(op, 'undelivered messages');
    assert.match(await row.innerText(), /Failed/);
    await italian(op);

    const retry = row.locator('button[data-action="retry"]');
    assert.match(await retry.innerText(), /^Riprova/);
    await press(op, retry);
    const again = op.locator(`#ntfo-table tr[data-id="${id}"]`);
    const queued = again.locator('[data-requeued]');
    await queued.waitFor();
    assert.equal(await focused(queued), true, 'the row\'s new state takes the focus');
    assert.equal(await again.getAttribute('data-state'), 'MESSAGE_STATE_QUEUED');
    assert.match(await again.innerText(), /In coda[\s\S]*Rimesso in coda/);
    assert.equal(await again.locator('button[data-action="retry"]').count(), 0, 'no second retry of a queued message');
    assert.equal(retries.length, 1);
    assert.ok(retries[0].csrf, 'the retry carries X-CSRF-Token');
    await axe(op, 'undelivered messages after a retry');
    await screenshot(op, 'retried');
    assertNoProblems(op);
  });

  it('an administrator sees the page too', async () => {
    const admin = await newPage(browser);
    await login(admin, 'amministratore', '/');
    await admin.locator('#app a[href="/notifiche-operatore"]').waitFor();
    await admin.goto(`${BASE}/notifiche-operatore`);
    await admin.locator('#ntfo-figures').waitFor();
    await admin.locator('#ntfo-table, #ntfo-none').first().waitFor();
    await axe(admin, 'undelivered messages (administrator)');
    assertNoProblems(admin);
    await admin.context().close();
  });
});
