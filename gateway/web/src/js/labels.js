// Human texts for the API's enums, services, offices and error reasons.
import { has, language, t } from './i18n.js';

const short = (value, prefix) => (value || '').replace(prefix, '');

export const deliveryModeLabel = (mode, lang) => t(`mode.${short(mode, 'DELIVERY_MODE_')}`, {}, lang);
export const stateLabel = (state, lang) => t(`state.${short(state, 'APPOINTMENT_STATE_')}`, {}, lang);
export const cancelReasonLabel = (reason, lang) => t(`cancelReason.${short(reason, 'CANCELLATION_REASON_')}`, {}, lang);
export const scopeLabel = (scope) => t(`scope.${short(scope, 'SEARCH_SCOPE_')}`);
export const weekdayLabel = (weekday) => t(`weekday.${short(weekday, 'WEEKDAY_')}`);

export const STATE_BADGE = {
  APPOINTMENT_STATE_TO_DELIVER: 'primary',
  APPOINTMENT_STATE_DELIVERED: 'success',
  APPOINTMENT_STATE_CANCELLED_BY_CITIZEN: 'secondary',
  APPOINTMENT_STATE_CANCELLED_BY_OPERATOR: 'secondary',
  APPOINTMENT_STATE_MOVED: 'secondary',
  APPOINTMENT_STATE_NO_SHOW: 'danger',
};

export const CANCEL_REASONS = ['NO_LONGER_NEEDED', 'ILLNESS', 'WORK', 'FAMILY', 'OTHER']
  .map((r) => `CANCELLATION_REASON_${r}`);

// Italian service names for Italian; English for every other language (the catalogue has both).
export function serviceName(service, lang = language()) {
  if (!service) return '';
  return lang === 'it' ? service.nameIt : service.nameEn || service.nameIt;
}

export function officeLabel(office) {
  if (!office) return '';
  return `${office.label}, ${office.address}, ${office.municipality}`;
}

export function roleLabel(role) {
  if (!role) return '';
  // Company roles: "Delegato - ACME SRL" (how the role is held, and the company).
  if (role.companyRole) return `${t(`companyRole.${role.companyRole}`)} - ${role.companyName || role.actingFor}`;
  const base = t(`role.${role.role}`);
  return role.cpiCode ? `${base} (${role.cpiCode})` : base;
}

export const companyScopesLabel = (scopes) => (scopes || []).map((s) => t(`companyScope.${s}`)).join(', ');

// A clear message for an API error: per reason when we have one, else the service's own text
// (English), else a generic one with the reason.
export function errorMessage(err, lang = language()) {
  const reason = err?.reason || 'UNKNOWN';
  const vars = { ...err?.metadata };
  if (vars.minimum_age) vars.age = vars.minimum_age;
  if (has(`reason.${reason}`, lang) || has(`reason.${reason}`, 'it')) return t(`reason.${reason}`, vars, lang);
  if (err?.detail) return err.detail;
  return t('reason.GENERIC', { reason }, lang);
}
