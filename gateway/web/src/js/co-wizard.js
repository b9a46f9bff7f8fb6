// The filing wizard of the mandatory communications (/comunicazioni): employer (prefilled with the
// company the person acts for), worker, contract, event, review. The fields, their controls and the
// content they make are in co-wizard-form.js; the live checks against the rule catalogue and the
// findings next to the fields in co-wizard-checks.js. Here: the wizard's state, the steps and their
// navigation, the review and the submission. Submit files it (POST /api/v1/communications, a
// requestId per wizard session) or, for a correction, POST /api/v1/communications/{code}:correct; a
// refusal (COMMUNICATION_REFUSED) puts its violations on their fields.
import { newRequestKey, post } from './api.js';
import { day, eventLabel, findingList, findingMessage, formLabel, isError } from './co-labels.js';
import { wizardChecks } from './co-wizard-checks.js';
import { EVENT, FORM, STEPS, wizardFields } from './co-wizard-form.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { alertBox, busy, clear, focusHeading, h, icon } from './ui.js';

export { EVENTS_OF_FORM, loadWizardCodeLists } from './co-wizard-form.js';

// wizard({company, content, correcting, onDone(communication, correcting), onBack()}):
// {element, focus(), stop()}. `content`: a communication's content to start from (a correction).
// `resume`: {step, touched, shownSteps, requestId, sameWorkplace} of a wizard rebuilt after a
// language change (snapshot()).
export function coWizard({ company, content, correcting = '', resume = null, onDone, onBack }) {
  const initial = structuredClone(content || {});
  const st = {
    step: resume?.step || 0,
    form: initial.form || FORM('UNILAV'),
    event: initial.event || EVENT('HIRE'),
    findings: [],
    dueDate: '',
    daysLate: 0,
    checkError: null,
    touched: new Set(resume?.touched || []),
    shownSteps: new Set(resume?.shownSteps || []),
    seq: 0,
    timer: null,
    stopped: false,
    requestId: resume?.requestId || newRequestKey(),
  };
  if (!initial.employer) initial.employer = {};
  initial.employer.fiscalCode = company.fiscalCode;
  if (!content && !resume) {
    Object.assign(initial.employer, {
      name: company.name || '', ateco: company.atecoCode || '', pec: company.pec || '',
      registeredOffice: { street: company.registeredOffice?.address || '', postcode: company.registeredOffice?.postcode || '' },
    });
    initial.worker = { citizenship: '000' };
  }
  const sameAsOffice = !content || JSON.stringify(initial.employer.workplace || {}) === JSON.stringify(initial.employer.registeredOffice || {});

  const element = h('section', { class: 'sisl-co-wizard', 'aria-labelledby': 'co-wizard-heading' });
  const heading = h('h2', { id: 'co-wizard-heading', class: 'h3', tabindex: '-1' });
  const stepper = h('div', { class: 'steppers mb-4' });
  const stepHeading = h('h3', { id: 'co-step-heading', class: 'sisl-step-heading', tabindex: '-1', dataset: { stepHeading: '1' } });
  const stepAlert = h('div', { id: 'co-step-alert' });
  const panelStatus = h('p', { id: 'co-check-status', class: 'mb-1 fw-semibold', role: 'status', 'aria-live': 'polite' });
  const panelBody = h('div', { id: 'co-check-body' });
  const panel = h('section', { id: 'co-check', class: 'sisl-co-check', 'aria-labelledby': 'co-check-heading' },
    h('h3', { id: 'co-check-heading', class: 'h5' }, ''), panelStatus, panelBody);
  const form = h('form', { id: 'co-form', novalidate: true });
  const stepsHost = {};
  for (const s of STEPS) stepsHost[s] = h('div', { class: 'sisl-co-step', dataset: { step: s }, hidden: true });
  const review = h('div', { id: 'co-review' });
  stepsHost.review.append(review);
  const nav = h('div', { class: 'sisl-wizard-nav' });
  form.append(stepAlert, ...STEPS.map((s) => stepsHost[s]), nav);
  element.append(heading, stepper, panel, stepHeading, form);

  const { fields, sameBox, applies, applyVisibility, collect, fieldOf, eventDay } = wizardFields({
    st, company, correcting, initial, resume, sameAsOffice, stepsHost, scheduleCheck: (delay) => scheduleCheck(delay),
  });
  const { paint, scheduleCheck, checkNow } = wizardChecks({
    st, fields, fieldOf, eventDay, collect, panel, panelStatus, panelBody, drawReview,
  });

  const onEdit = (e) => {
    const wrapper = e.target.closest('[data-field]');
    if (wrapper) st.touched.add(wrapper.dataset.field);
    if (e.target === sameBox.control) applyVisibility();
    scheduleCheck();
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  // ---- steps ----------------------------------------------------------------------------------
  function drawStepper() {
    const list = h('ul', { 'aria-label': t('coWiz.progress') });
    STEPS.forEach((key, i) => {
      const cls = i < st.step ? 'confirmed' : i === st.step ? 'active' : '';
      list.append(h('li', { class: cls, 'aria-current': i === st.step ? 'step' : null },
        h('span', {}, t(`coWiz.step.${key}`)),
        i < st.step ? icon('it-check', 'steppers-success') : null,
        h('span', { class: 'visually-hidden' }, i < st.step ? ` (${t('wizard.done')})` : i === st.step ? ` (${t('wizard.current')})` : '')));
    });
    clear(stepper, h('div', { class: 'steppers-header' }, list,
      h('span', { class: 'steppers-index', 'aria-hidden': 'true' }, `${st.step + 1}/${STEPS.length}`)));
  }

  function drawNav() {
    const last = st.step === STEPS.length - 1;
    clear(nav,
      st.step > 0
        ? h('button', { type: 'button', class: 'btn btn-outline-primary', id: 'co-prev', onclick: () => go(st.step - 1) },
          icon('it-chevron-left', 'icon-primary icon-sm sisl-flip'), h('span', {}, t('coWiz.prev')))
        : h('button', { type: 'button', class: 'btn btn-outline-secondary', id: 'co-back', onclick: () => { stop(); onBack?.(); } }, t('coWiz.backToList')),
      last
        ? h('button', { type: 'submit', class: 'btn btn-primary', id: 'co-submit' }, icon('it-upload', 'icon-white icon-sm'),
          h('span', {}, t(correcting ? 'coWiz.submitCorrection' : 'coWiz.submit')))
        : h('button', { type: 'submit', class: 'btn btn-primary', id: 'co-next' }, h('span', {}, t('coWiz.next')), icon('it-chevron-right', 'icon-white icon-sm sisl-flip')));
  }

  function draw(focus) {
    clear(heading, correcting ? t('coWiz.correctHeading', { code: correcting }) : t('coWiz.newHeading'));
    drawStepper();
    clear(stepHeading, t(`coWiz.stepTitle.${STEPS[st.step]}`));
    applyVisibility();
    drawNav();
    paint();
    if (focus) focusHeading(stepHeading);
  }

  function go(step) {
    clear(stepAlert);
    st.step = step;
    draw(true);
  }

  // Errors of the step's fields: an alert linking to them (focused).
  function stepProblems(stepName) {
    const items = [];
    for (const finding of st.findings) {
      if (!isError(finding)) continue;
      const f = fieldOf(finding.field);
      if (!f || (stepName && f.step !== stepName)) continue;
      items.push({ f, finding });
    }
    return items;
  }
  function showProblems(items, title) {
    clear(stepAlert, alertBox('danger', h('ul', { class: 'mb-0' }, items.map(({ f, finding }) => h('li', {},
      f ? h('a', { href: `#${f.group ? f.control.querySelector('input')?.id : f.id}`, class: 'sisl-to-field', onclick: (e) => { e.preventDefault(); toField(f); } },
        `${f.label}: ${isEmpty(f) ? t('form.required') : findingMessage(finding)}`) : findingMessage(finding)))), { title, focus: true }));
  }
  const isEmpty = (f) => (f.group ? !f.control.querySelector('input:checked') : f.kind === 'checkbox' ? !f.control.checked : f.control.value.trim() === '');
  function toField(f) {
    const i = STEPS.indexOf(f.step);
    if (i !== st.step) go(i);
    (f.group ? f.control.querySelector('input:checked, input') : f.control).focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = STEPS[st.step];
    if (name !== 'review') {
      st.shownSteps.add(name);
      await busy(nav.querySelector('#co-next'), checkNow);
      // Only what is missing holds the step back: a rule broken by a value may depend on later
      // steps (the event date), and filing checks everything anyway.
      const problems = stepProblems(name).filter(({ f }) => isEmpty(f));
      if (problems.length) return showProblems(problems, t('form.errorTitle'));
      return go(st.step + 1);
    }
    return submit();
  });

  async function submit() {
    for (const s of STEPS) st.shownSteps.add(s);
    const button = nav.querySelector('#co-submit');
    const content = collect();
    try {
      const path = correcting ? `/api/v1/communications/${encodeURIComponent(correcting)}:correct` : '/api/v1/communications';
      const res = await busy(button, () => post(path, { requestId: st.requestId, content }, { idempotencyKey: st.requestId }));
      stop();
      await onDone?.(res.communication, correcting);
    } catch (err) {
      if (err?.reason === 'COMMUNICATION_REFUSED' && err.violations?.length) {
        // "<rule>: <English message>": the Italian from the catalogue's findings when we have them.
        const byRule = new Map(st.findings.map((f) => [f.rule, f]));
        st.findings = err.violations.map((v) => {
          const m = /^([A-Z]{3}-[0-9]{3}): (.*)$/.exec(v.description || '');
          const rule = m ? m[1] : '';
          const from = byRule.get(rule);
          return { rule, severity: 'SEVERITY_ERROR', field: v.field, messageIt: from?.messageIt || (m ? m[2] : v.description), messageEn: m ? m[2] : v.description };
        });
        paint();
        showProblems(stepProblems(null).concat(st.findings.filter((x) => !fieldOf(x.field)).map((finding) => ({ f: null, finding }))), errorMessage(err));
      } else {
        clear(stepAlert, alertBox('danger', errorMessage(err), { focus: true }));
      }
    }
  }

  // ---- review ---------------------------------------------------------------------------------
  function drawReview() {
    const c = collect();
    const rowsOf = (step) => fields.filter((f) => !f.group && f.step === step && applies(f)).map((f) => {
      let value;
      if (f.kind === 'checkbox') value = f.control.checked ? t('common.yes') : '';
      else if (f.kind === 'select') value = f.control.value ? f.control.selectedOptions[0]?.text : '';
      else if (f.type === 'date') value = f.control.value ? day(f.control.value) : '';
      else value = f.control.value.trim();
      return value ? [h('dt', {}, f.label), h('dd', { dataset: { field: f.path } }, value)] : null;
    });
    const all = st.findings;
    clear(review,
      h('dl', { class: 'sisl-summary' }, h('dt', {}, t('co.f.form')), h('dd', {}, formLabel(c.form)), h('dt', {}, t('co.f.event')), h('dd', {}, eventLabel(c.event)),
        correcting ? [h('dt', {}, t('co.f.previousCode')), h('dd', { class: 'sisl-code' }, correcting)] : null),
      ...['employer', 'worker', 'contract', 'event'].map((s) => h('section', { class: 'sisl-co-section' },
        h('h4', { class: 'h5 mt-3' }, t(`coWiz.step.${s}`), ' ',
          h('button', { type: 'button', class: 'btn btn-link btn-sm p-0 ms-2', dataset: { editStep: s }, onclick: () => go(STEPS.indexOf(s)) },
            t('coWiz.edit'), h('span', { class: 'visually-hidden' }, ` ${t(`coWiz.step.${s}`)}`))),
        h('dl', { class: 'sisl-summary' }, rowsOf(s)))),
      h('section', { class: 'sisl-co-section', 'aria-labelledby': 'co-review-findings' },
        h('h4', { class: 'h5 mt-3', id: 'co-review-findings' }, t('coWiz.reviewFindings')),
        all.length ? findingList(all, { id: 'co-review-list' }) : h('p', {}, t('coWiz.noProblems'))));
  }

  function stop() {
    st.stopped = true;
    clearTimeout(st.timer);
  }

  // Workplace = registered office.
  applyVisibility();
  draw(false);
  if (content && !resume) {
    for (const f of fields) st.touched.add(f.path);
  }
  scheduleCheck(0);
  return {
    element,
    focus: () => focusHeading(heading),
    stop,
    snapshot: () => ({
      content: collect(),
      resume: { step: st.step, touched: [...st.touched], shownSteps: [...st.shownSteps], requestId: st.requestId, sameWorkplace: sameBox.control.checked },
    }),
  };
}
