// Languages: Italian by default, English everywhere; French and Arabic (right to left) on the
// pages that declare them (<html data-langs="it,en,fr,ar">: the contact centre) and for the
// citizen's confirmation texts. The choice is remembered in localStorage.
const STORE_KEY = 'sisl.lang';
export const LANGUAGES = {
  it: { name: 'Italiano', dir: 'ltr', locale: 'it-IT' },
  en: { name: 'English', dir: 'ltr', locale: 'en-GB' },
  fr: { name: 'Français', dir: 'ltr', locale: 'fr-FR' },
  ar: { name: 'العربية', dir: 'rtl', locale: 'ar' },
};
const TIME_ZONE = 'Europe/Rome';
const dictionaries = {};
let current = 'it';
const listeners = [];

function i18nUrls() {
  const meta = document.querySelector('meta[name="sisl-i18n"]');
  return meta ? JSON.parse(meta.content) : {};
}

export function pageLanguages() {
  return (document.documentElement.dataset.langs || 'it,en').split(',');
}

export function preferredLanguage() {
  try {
    const stored = localStorage.getItem(STORE_KEY);
    if (stored && LANGUAGES[stored]) return stored;
  } catch {
    // storage disabled: Italian
  }
  return 'it';
}

// The language a page shows: the remembered one when the page has it; French and Arabic fall
// back to English on pages not translated into them.
function effectiveLanguage(wanted) {
  const offered = pageLanguages();
  if (offered.includes(wanted)) return wanted;
  return wanted === 'it' || !offered.includes('en') ? 'it' : 'en';
}

export async function loadDictionary(lang) {
  if (dictionaries[lang]) return dictionaries[lang];
  const url = i18nUrls()[lang];
  if (!url) throw new Error(`no dictionary for ${lang}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`dictionary ${lang}: HTTP ${response.status}`);
  dictionaries[lang] = await response.json();
  return dictionaries[lang];
}

export function language() {
  return current;
}

// t(key, {name: value}) in the current language (or `lang`); falls back to English, then
// Italian, then the key itself.
export function t(key, vars = {}, lang = current) {
  const text = dictionaries[lang]?.[key] ?? dictionaries.en?.[key] ?? dictionaries.it?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] !== undefined ? String(vars[name]) : m));
}

export function has(key, lang = current) {
  return dictionaries[lang]?.[key] !== undefined;
}

// Translates the static texts of `root`: [data-i18n="key"] sets the text,
// [data-i18n-attr="aria-label:key;placeholder:key2"] sets attributes.
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const part of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = part.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}

function applyDocument() {
  const html = document.documentElement;
  html.lang = current;
  html.dir = LANGUAGES[current].dir;
  translate(document);
  const titleKey = html.dataset.titleKey;
  if (titleKey) document.title = `${t(titleKey)} - ${t('site.short')}`;
}

export async function initI18n() {
  const lang = effectiveLanguage(preferredLanguage());
  // Italian is the fallback of every string and English the fallback of French and Arabic.
  const needed = new Set(['it', lang]);
  if (lang !== 'it' && pageLanguages().includes('en')) needed.add('en');
  await Promise.all([...needed].map(loadDictionary));
  current = lang;
  if (lang !== 'it') applyDocument();
  return current;
}

export async function setLanguage(lang) {
  if (!LANGUAGES[lang]) return;
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch {
    // not remembered
  }
  const effective = effectiveLanguage(lang);
  await loadDictionary(effective);
  if (effective !== 'it' && pageLanguages().includes('en')) await loadDictionary('en');
  current = effective;
  applyDocument();
  for (const fn of listeners) fn(current);
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}

export function dirOf(lang) {
  return LANGUAGES[lang]?.dir ?? 'ltr';
}

// ---- dates and times (always Europe/Rome, whatever the browser's zone) ---------------------
const fmtCache = new Map();
function fmt(lang, options) {
  const key = `${lang}|${JSON.stringify(options)}`;
  if (!fmtCache.has(key)) {
    fmtCache.set(key, new Intl.DateTimeFormat(LANGUAGES[lang]?.locale ?? lang, { timeZone: TIME_ZONE, ...options }));
  }
  return fmtCache.get(key);
}

// "2026-12-01" -> a Date at noon UTC of that day (same calendar day in Rome).
export function dayToDate(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

export function formatDay(day, lang = current, style = 'long') {
  const options = style === 'long'
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  return fmt(lang, options).format(dayToDate(day));
}

export function formatMonth(month, lang = current) {
  return fmt(lang, { month: 'long', year: 'numeric' }).format(dayToDate(`${month}-01`));
}

export function formatDateTime(iso, lang = current) {
  return fmt(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso));
}

export function formatTime(iso, lang = current) {
  return fmt(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

// "2026-12-01T09:00" (wall clock in Rome) -> "09:00"
export function localTime(localStart) {
  return localStart.slice(11, 16);
}

export function weekdayNames(lang = current, style = 'short') {
  // 2024-01-01 was a Monday.
  return [0, 1, 2, 3, 4, 5, 6].map((i) => fmt(lang, { weekday: style }).format(new Date(Date.UTC(2024, 0, 1 + i, 12))));
}

// Today's date in Rome, "YYYY-MM-DD".
export function todayInRome() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
  return parts;
}
