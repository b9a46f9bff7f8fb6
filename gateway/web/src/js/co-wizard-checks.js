// The live rule checks of the communications filing wizard (co-wizard.js): every edit is checked
// 500 ms later against the rule catalogue (POST /api/v1/communications:check, nothing stored); an
// answer to an older edit is dropped, a 429 retried after 1.5 s. Each finding is shown next to the
// field it names (fieldOf(), co-wizard-form.js) once the person has touched that field or tried to
// leave its step, errors and warnings styled differently; the checks panel announces the counts in
// a polite live region and shows the deadline and the lateness if filed today.
import { ApiError, post } from './api.js';
import { day, findingList, findingMessage, isError, lateText } from './co-labels.js';
import { STEPS } from './co-wizard-form.js';
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { clear, h, icon } from './ui.js';

// Rules of the catalogue (docs/communications-rules.md) evaluated on the event date.
const DATED_RULES = ['EMP-007', 'EMP-009', 'EMP-013', 'WRK-012', 'WRK-016', 'WRK-018', 'WRK-020', 'PRM-001', 'PRM-009', 'PRM-010',
  'PRM-011', 'CTR-002', 'CTR-010', 'CTR-013', 'CTR-015', 'CTR-025', 'CTR-026', 'HRS-002', 'GEN-009', 'GEN-011'];

// wizardChecks({st, fields, fieldOf, eventDay, collect, panel, panelStatus, panelBody, drawReview}):
// {paint(), scheduleCheck(delay), checkNow()}. `st`: the wizard's state (findings, dueDate,
// daysLate, checkError, touched, shownSteps, seq, timer, stopped, step); drawReview() redraws the
// review step when it is shown.
export function wizardChecks({ st, fields, fieldOf, eventDay, collect, panel, panelStatus, panelBody, drawReview }) {
  // ---- findings on their fields --------------------------------------------------------------
  const visibleFor = (f) => f.group || st.touched.has(f.path) || st.shownSteps.has(f.step);

  function paintFields() {
    const per = new Map();
    const general = [];
    // Without the event's date, the rules checked on that date (a code in force, a municipality
    // existing, free movement) speak of a date nobody wrote yet: they wait for it.
    const dated = eventDay() ? [] : DATED_RULES;
    for (const finding of st.findings.filter((x) => !dated.includes(x.rule))) {
      const f = fieldOf(finding.field);
      if (!f) general.push(finding);
      else {
        if (!per.has(f)) per.set(f, []);
        per.get(f).push(finding);
      }
    }
    let errors = 0;
    let warnings = 0;
    let pending = 0;
    for (const f of fields) {
      const list = (per.get(f) || []);
      const shown = visibleFor(f) ? list : [];
      pending += list.length - shown.length ? list.filter(isError).length : 0;
      const bad = shown.some(isError);
      const warn = !bad && shown.length > 0;
      errors += shown.filter(isError).length;
      warnings += shown.filter((x) => !isError(x)).length;
      const targets = f.group ? [...f.control.querySelectorAll('input')] : [f.control];
      for (const el of targets) {
        el.classList.toggle('is-invalid', bad);
        el.classList.toggle('sisl-has-warning', warn);
        if (bad) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
      if (!f.group) {
        const ids = [shown.length ? f.slot.id : '', f.describedBy].filter(Boolean).join(' ');
        if (ids) f.control.setAttribute('aria-describedby', ids);
        else f.control.removeAttribute('aria-describedby');
      }
      clear(f.slot, shown.map((x) => h('p', { class: `sisl-field-finding ${isError(x) ? 'sisl-finding-error' : 'sisl-finding-warning'}`, dataset: { rule: x.rule } },
        icon(isError(x) ? 'it-close-circle' : 'it-warning-circle', `icon-xs ${isError(x) ? 'icon-danger' : 'icon-warning'}`),
        h('span', {}, `${t(isError(x) ? 'co.error' : 'co.warning')} ${x.rule}: ${findingMessage(x)}`))));
    }
    errors += general.filter(isError).length;
    warnings += general.filter((x) => !isError(x)).length;
    return { errors, warnings, pending, general };
  }

  let lastSummary = '';
  function paint() {
    const { errors, warnings, pending, general } = paintFields();
    clear(panel.querySelector('h3'), t('coWiz.checkHeading'));
    let summary;
    if (st.checking && !st.checked) summary = t('coWiz.checking');
    else if (st.checkError) summary = t('coWiz.checkFailed');
    else if (!errors && !warnings) summary = pending ? t('coWiz.noProblemsYet') : t('coWiz.noProblems');
    else summary = t('coWiz.problems', { errors, warnings });
    if (pending && !st.checkError) summary += ` ${t('coWiz.pending', { count: pending })}`;
    if (summary !== lastSummary) {
      panelStatus.textContent = summary;
      lastSummary = summary;
    }
    panel.classList.toggle('sisl-co-check-errors', errors > 0);
    clear(panelBody,
      st.checkError ? h('p', { class: 'text-danger mb-1' }, errorMessage(st.checkError)) : null,
      st.dueDate && eventDay() ? h('p', { class: 'mb-1', id: 'co-check-deadline' }, t('coWiz.deadline', { date: day(st.dueDate) }), ' · ',
        h('span', { class: st.daysLate > 0 ? 'text-danger fw-semibold' : '' }, lateText(st.daysLate))) : null,
      general.length ? findingList(general, { id: 'co-check-general' }) : null);
    if (STEPS[st.step] === 'review') drawReview();
  }

  // ---- checks as you type ---------------------------------------------------------------------
  async function runCheck() {
    if (st.stopped) return;
    const seq = ++st.seq;
    st.checking = true;
    try {
      const res = await post('/api/v1/communications:check', { content: collect() });
      if (seq !== st.seq || st.stopped) return;
      st.findings = res.findings || [];
      st.dueDate = res.dueDate || '';
      st.daysLate = res.daysLate || 0;
      st.checkError = null;
    } catch (err) {
      if (seq !== st.seq || st.stopped) return;
      if (err instanceof ApiError && err.status === 429) {
        st.timer = setTimeout(runCheck, 1500);
        return;
      }
      if (err instanceof ApiError && err.status === 400 && err.violations?.length) {
        // The gateway's own field rules (formats): errors on their fields.
        st.findings = err.violations.map((v) => ({ rule: t('coWiz.formatRule'), severity: 'SEVERITY_ERROR', field: v.field, messageIt: '', messageEn: '', format: true }))
          .map((x) => ({ ...x, messageIt: t('coWiz.formatError', {}, 'it'), messageEn: t('coWiz.formatError', {}, 'en') }));
        st.checkError = null;
      } else {
        st.checkError = err;
      }
    }
    st.checked = true;
    st.checking = false;
    paint();
  }
  function scheduleCheck(delay = 500) {
    clearTimeout(st.timer);
    st.seq++;
    st.timer = setTimeout(runCheck, delay);
  }
  // Now, without waiting: resolves when the answer is in.
  async function checkNow() {
    clearTimeout(st.timer);
    await runCheck();
  }

  return { paint, scheduleCheck, checkNow };
}
