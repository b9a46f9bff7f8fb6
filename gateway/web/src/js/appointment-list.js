// A person's appointments (the citizen's own, or a citizen's for the contact centre): upcoming
// first, then history; move, cancel with a reason (and a note for staff), .ics download.
import { post } from './api.js';
import { formatDateTime, t } from './i18n.js';
import { CANCEL_REASONS, cancelReasonLabel, deliveryModeLabel, errorMessage, officeLabel, serviceName, STATE_BADGE, stateLabel } from './labels.js';
import { alertBox, badge, busy, clear, field, h, icon, uid } from './ui.js';

export function sortAppointments(list) {
  const open = list.filter((a) => a.state === 'APPOINTMENT_STATE_TO_DELIVER').sort((a, b) => a.startTime.localeCompare(b.startTime));
  const past = list.filter((a) => a.state !== 'APPOINTMENT_STATE_TO_DELIVER').sort((a, b) => b.startTime.localeCompare(a.startTime));
  return { open, past };
}

// options: {appointments, offices (Map), services (array), actor: 'citizen'|'agent', headingLevel,
//           onMove(a), onChanged(message)}
export function appointmentList(options) {
  const { appointments, offices, services, actor, headingLevel = 2 } = options;
  const serviceByCode = new Map(services.map((s) => [s.code, s]));
  const { open, past } = sortAppointments(appointments);
  const root = h('div', { class: 'sisl-appointments' });
  const section = (key, list, emptyKey) => {
    const id = uid('sec');
    const sec = h('section', { 'aria-labelledby': id, class: 'mb-5' }, h(`h${headingLevel}`, { id, class: 'h3' }, t(key, { count: list.length })));
    if (!list.length) sec.append(h('p', {}, t(emptyKey)));
    const ul = h('ul', { class: 'sisl-appointment-list' });
    for (const a of list) ul.append(h('li', {}, card(a)));
    sec.append(ul);
    return sec;
  };
  const card = (a) => {
    const office = offices.get(a.siteCode);
    const id = uid('appt');
    const message = h('div');
    const article = h('article', { class: 'sisl-appointment', 'aria-labelledby': id, dataset: { id: a.id } },
      h('div', { class: 'sisl-appointment-head' },
        h(`h${headingLevel + 1}`, { id, class: 'h5 mb-1' }, serviceName(serviceByCode.get(a.serviceCode)) || a.serviceCode),
        badge(stateLabel(a.state), STATE_BADGE[a.state] || 'secondary')),
      h('dl', { class: 'sisl-summary' },
        h('dt', {}, t('summary.when')), h('dd', {}, formatDateTime(a.startTime)),
        h('dt', {}, t('summary.where')), h('dd', {}, office ? officeLabel(office) : a.siteCode),
        h('dt', {}, t('summary.mode')), h('dd', {}, deliveryModeLabel(a.deliveryMode)),
        a.videoLink ? [h('dt', {}, t('summary.video')), h('dd', {}, h('a', { href: a.videoLink, rel: 'noopener' }, a.videoLink))] : null,
        a.cancellationReason && a.cancellationReason !== 'CANCELLATION_REASON_UNSPECIFIED'
          ? [h('dt', {}, t('summary.cancelReason')), h('dd', {}, cancelReasonLabel(a.cancellationReason))] : null,
        a.noShowJustified ? [h('dt', {}, t('summary.justified')), h('dd', {}, t('common.yes'))] : null,
        actor === 'agent' && a.note ? [h('dt', {}, t('summary.note')), h('dd', {}, a.note)] : null,
        h('dt', {}, t('summary.code')), h('dd', { class: 'sisl-code' }, a.id)),
      message);
    if (a.state === 'APPOINTMENT_STATE_TO_DELIVER') {
      const actions = h('div', { class: 'sisl-actions' });
      const cancelArea = h('div');
      // Visible text first, then (for screen readers) which appointment (WCAG 2.5.3).
      const which = () => h('span', { class: 'visually-hidden' }, `, ${t('appointments.ofWhen', { when: formatDateTime(a.startTime) })}`);
      if (actor === 'citizen') {
        actions.append(h('a', { class: 'btn btn-outline-primary btn-sm', href: `/prenota?sposta=${encodeURIComponent(a.id)}` },
          icon('it-exchange-circle', 'icon-primary icon-sm'), h('span', {}, t('appointments.move')), which()));
      } else {
        actions.append(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', onclick: () => options.onMove(a) },
          icon('it-exchange-circle', 'icon-primary icon-sm'), h('span', {}, t('appointments.move')), which()));
      }
      const cancelButton = h('button', {
        type: 'button', class: 'btn btn-outline-danger btn-sm', 'aria-expanded': 'false',
        onclick: () => {
          const opening = cancelButton.getAttribute('aria-expanded') !== 'true';
          cancelButton.setAttribute('aria-expanded', String(opening));
          if (opening) {
            clear(cancelArea, cancelForm(a, message, () => {
              cancelButton.setAttribute('aria-expanded', 'false');
              clear(cancelArea);
              cancelButton.focus();
            }));
            cancelArea.querySelector('select')?.focus();
          } else clear(cancelArea);
        },
      }, icon('it-close-circle', 'icon-danger icon-sm'), h('span', {}, t('appointments.cancel')), which());
      actions.append(cancelButton);
      if (actor === 'citizen') {
        actions.append(h('a', { class: 'btn btn-outline-primary btn-sm', href: `/api/v1/appointments/${encodeURIComponent(a.id)}/ics`,
          download: `appuntamento-${a.id}.ics` },
        icon('it-download', 'icon-primary icon-sm'), h('span', {}, t('appointments.ics')), which()));
      }
      article.append(actions, cancelArea);
    }
    return article;
  };
  const cancelForm = (a, message, close) => {
    const reason = field({ kind: 'select', label: t('appointments.cancelReason'), required: true,
      options: [{ value: '', label: t('appointments.chooseReason') }, ...CANCEL_REASONS.map((r) => ({ value: r, label: cancelReasonLabel(r) }))] });
    const note = field({ kind: 'textarea', label: t(actor === 'agent' ? 'contact.agentNote' : 'appointments.cancelNote'), required: actor === 'agent',
      attrs: { maxlength: '500' } });
    const error = h('div');
    const form = h('form', { class: 'sisl-cancel-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      if (!reason.control.value) {
        clear(error, alertBox('danger', t('appointments.needReason'), { focus: true }));
        return;
      }
      if (actor === 'agent' && !note.control.value.trim()) {
        clear(error, alertBox('danger', t('cc.needNote'), { focus: true }));
        return;
      }
      try {
        await busy(form.querySelector('button[type="submit"]'), () => post(`/api/v1/appointments/${encodeURIComponent(a.id)}:cancel`, {
          reason: reason.control.value, note: note.control.value.trim() || undefined,
        }));
        options.onChanged?.(t('appointments.cancelled', { when: formatDateTime(a.startTime) }));
      } catch (err) {
        clear(error, alertBox('danger', errorMessage(err), { focus: true }));
      }
    } },
    h('p', { class: 'fw-semibold' }, t('appointments.cancelQuestion')), error, reason.wrapper, note.wrapper,
    h('div', { class: 'd-flex flex-wrap gap-2' },
      h('button', { type: 'submit', class: 'btn btn-danger btn-sm' }, t('appointments.confirmCancel')),
      h('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm', onclick: close }, t('appointments.keep'))));
    return form;
  };
  root.append(section('appointments.upcoming', open, 'appointments.noUpcoming'));
  if (past.length) root.append(section('appointments.history', past, 'appointments.noHistory'));
  return root;
}
