// Texts and shared views of the L.68/99 return pages (/prospetto-l68 for the company,
// /prospetti-l68-cpi for the CPI operators): the enums of sisl.enterprise.v1's L68 messages,
// Italy's provinces (the sections of a return), the figures of a computation with each one's
// explanation (a table per section, a details/summary per figure) and a return's card, versions
// and history.
import { formatDateTime, formatDay, language, t, todayInRome } from './i18n.js';
import { badge, h, icon, uid } from './ui.js';

// Sigla and name of every Italian province (services/reference/data/municipalities.csv).
export const ITALIAN_PROVINCES = [
  ['AG', 'Agrigento'], ['AL', 'Alessandria'], ['AN', 'Ancona'], ['AO', "Valle d'Aosta/Vallée d'Aoste"],
  ['AP', 'Ascoli Piceno'], ['AQ', "L'Aquila"], ['AR', 'Arezzo'], ['AT', 'Asti'], ['AV', 'Avellino'], ['BA', 'Bari'],
  ['BG', 'Bergamo'], ['BI', 'Biella'], ['BL', 'Belluno'], ['BN', 'Benevento'], ['BO', 'Bologna'], ['BR', 'Brindisi'],
  ['BS', 'Brescia'], ['BT', 'Barletta-Andria-Trani'], ['BZ', 'Bolzano/Bozen'], ['CA', 'Cagliari'],
  ['CB', 'Campobasso'], ['CE', 'Caserta'], ['CH', 'Chieti'], ['CL', 'Caltanissetta'], ['CN', 'Cuneo'],
  ['CO', 'Como'], ['CR', 'Cremona'], ['CS', 'Cosenza'], ['CT', 'Catania'], ['CZ', 'Catanzaro'], ['EN', 'Enna'],
  ['FC', 'Forlì-Cesena'], ['FE', 'Ferrara'], ['FG', 'Foggia'], ['FI', 'Firenze'], ['FM', 'Fermo'],
  ['FR', 'Frosinone'], ['GE', 'Genova'], ['GO', 'Gorizia'], ['GR', 'Grosseto'], ['IM', 'Imperia'], ['IS', 'Isernia'],
  ['KR', 'Crotone'], ['LC', 'Lecco'], ['LE', 'Lecce'], ['LI', 'Livorno'], ['LO', 'Lodi'], ['LT', 'Latina'],
  ['LU', 'Lucca'], ['MB', 'Monza e della Brianza'], ['MC', 'Macerata'], ['ME', 'Messina'], ['MI', 'Milano'],
  ['MN', 'Mantova'], ['MO', 'Modena'], ['MS', 'Massa-Carrara'], ['MT', 'Matera'], ['NA', 'Napoli'], ['NO', 'Novara'],
  ['NU', 'Nuoro'], ['OR', 'Oristano'], ['PA', 'Palermo'], ['PC', 'Piacenza'], ['PD', 'Padova'], ['PE', 'Pescara'],
  ['PG', 'Perugia'], ['PI', 'Pisa'], ['PN', 'Pordenone'], ['PO', 'Prato'], ['PR', 'Parma'], ['PT', 'Pistoia'],
  ['PU', 'Pesaro e Urbino'], ['PV', 'Pavia'], ['PZ', 'Potenza'], ['RA', 'Ravenna'], ['RC', 'Reggio Calabria'],
  ['RE', "Reggio nell'Emilia"], ['RG', 'Ragusa'], ['RI', 'Rieti'], ['RM', 'Roma'], ['RN', 'Rimini'],
  ['RO', 'Rovigo'], ['SA', 'Salerno'], ['SI', 'Siena'], ['SO', 'Sondrio'], ['SP', 'La Spezia'], ['SR', 'Siracusa'],
  ['SS', 'Sassari'], ['SU', 'Sud Sardegna'], ['SV', 'Savona'], ['TA', 'Taranto'], ['TE', 'Teramo'], ['TN', 'Trento'],
  ['TO', 'Torino'], ['TP', 'Trapani'], ['TR', 'Terni'], ['TS', 'Trieste'], ['TV', 'Treviso'], ['UD', 'Udine'],
  ['VA', 'Varese'], ['VB', 'Verbano-Cusio-Ossola'], ['VC', 'Vercelli'], ['VE', 'Venezia'], ['VI', 'Vicenza'],
  ['VR', 'Verona'], ['VT', 'Viterbo'], ['VV', 'Vibo Valentia'],
];
// The province of an ISTAT municipality code (its first three digits).
export const PROVINCE_OF_ISTAT = {
  '001': 'TO', '002': 'VC', '003': 'NO', '004': 'CN', '005': 'AT', '006': 'AL', '007': 'AO', '008': 'IM',
  '009': 'SV', '010': 'GE', '011': 'SP', '012': 'VA', '013': 'CO', '014': 'SO', '015': 'MI', '016': 'BG',
  '017': 'BS', '018': 'PV', '019': 'CR', '020': 'MN', '021': 'BZ', '022': 'TN', '023': 'VR', '024': 'VI',
  '025': 'BL', '026': 'TV', '027': 'VE', '028': 'PD', '029': 'RO', '030': 'UD', '031': 'GO', '032': 'TS',
  '033': 'PC', '034': 'PR', '035': 'RE', '036': 'MO', '037': 'BO', '038': 'FE', '039': 'RA', '040': 'FC',
  '041': 'PU', '042': 'AN', '043': 'MC', '044': 'AP', '045': 'MS', '046': 'LU', '047': 'PT', '048': 'FI',
  '049': 'LI', '050': 'PI', '051': 'AR', '052': 'SI', '053': 'GR', '054': 'PG', '055': 'TR', '056': 'VT',
  '057': 'RI', '058': 'RM', '059': 'LT', '060': 'FR', '061': 'CE', '062': 'BN', '063': 'NA', '064': 'AV',
  '065': 'SA', '066': 'AQ', '067': 'TE', '068': 'PE', '069': 'CH', '070': 'CB', '071': 'FG', '072': 'BA',
  '073': 'TA', '074': 'BR', '075': 'LE', '076': 'PZ', '077': 'MT', '078': 'CS', '079': 'CZ', '080': 'RC',
  '081': 'TP', '082': 'PA', '083': 'ME', '084': 'AG', '085': 'CL', '086': 'EN', '087': 'CT', '088': 'RG',
  '089': 'SR', '090': 'SS', '091': 'NU', '092': 'CA', '093': 'PN', '094': 'IS', '095': 'OR', '096': 'BI',
  '097': 'LC', '098': 'LO', '099': 'RN', '100': 'PO', '101': 'KR', '102': 'VV', '103': 'VB', '108': 'MB',
  '109': 'FM', '110': 'BT', '111': 'SU',
};
const PROVINCE_NAMES = new Map(ITALIAN_PROVINCES);
const PIEDMONT = ['AL', 'AT', 'BI', 'CN', 'NO', 'TO', 'VB', 'VC'];
export const provinceName = (sigla) => PROVINCE_NAMES.get(sigla) || sigla;
export const provinceLabel = (sigla) => (PROVINCE_NAMES.has(sigla) ? `${PROVINCE_NAMES.get(sigla)} (${sigla})` : sigla);
// The province of the company's registered office, from its ISTAT municipality code.
export const provinceOfMunicipality = (istat) => PROVINCE_OF_ISTAT[(istat || '').slice(0, 3)] || '';

// <option>s of a province select: Piedmont's first, then the others (optgroups).
export function provinceOptions(select, value) {
  const option = (s) => h('option', { value: s, selected: s === value }, provinceLabel(s));
  const others = ITALIAN_PROVINCES.map(([s]) => s).filter((s) => !PIEDMONT.includes(s));
  select.replaceChildren(
    h('optgroup', { label: t('l68r.piedmont') }, PIEDMONT.map(option)),
    h('optgroup', { label: t('l68r.otherProvinces') }, others.map(option)));
  select.value = value;
}

const short = (value, prefix) => (value || '').replace(prefix, '');
export const WORKING_TIMES = ['FULL_TIME', 'PART_TIME', 'INTERMITTENT'].map((v) => `L68_WORKING_TIME_${v}`);
export const ROLES = ['ORDINARY', 'DISABLED', 'PROTECTED'].map((v) => `L68_ROLE_${v}`);
export const EXCLUSIONS = ['FIXED_TERM_UP_TO_SIX_MONTHS', 'APPRENTICE', 'EXECUTIVE', 'COOPERATIVE_MEMBER', 'AGENCY_WORKER',
  'WORK_ABROAD', 'SOCIALLY_USEFUL_WORK', 'INSERTION_CONTRACT', 'TELEWORK', 'TRANSPORT_TRAVELLING_STAFF',
  'CONSTRUCTION_SITE_STAFF'].map((v) => `L68_EXCLUSION_${v}`);
export const QUOTA_KINDS = ['DISABLED', 'PROTECTED'].map((v) => `L68_QUOTA_KIND_${v}`);
export const RETURN_STATES = ['DRAFT', 'SUBMITTED', 'UNDER_CORRECTION', 'CORRECTED', 'CANCELLED'].map((v) => `L68_RETURN_STATE_${v}`);

export const workingTimeLabel = (v) => t(`l68r.wt.${short(v, 'L68_WORKING_TIME_') || 'UNSPECIFIED'}`);
export const roleLabel = (v) => t(`l68r.role.${short(v, 'L68_ROLE_') || 'UNSPECIFIED'}`);
export const exclusionLabel = (v) => t(`l68r.excl.${short(v, 'L68_EXCLUSION_') || 'UNSPECIFIED'}`);
export const quotaKindLabel = (v) => t(`l68r.kind.${short(v, 'L68_QUOTA_KIND_') || 'UNSPECIFIED'}`);
export const categoryLabel = (v) => t(`l68r.category.${short(v, 'L68_COMPANY_CATEGORY_') || 'UNSPECIFIED'}`);
export const returnStateLabel = (v) => t(`l68r.state.${short(v, 'L68_RETURN_STATE_') || 'UNSPECIFIED'}`);
export const actionLabel = (a) => (['create', 'update', 'submit', 'request_correction', 'correct', 'cancel', 'import'].includes(a)
  ? t(`l68r.action.${a}`) : a);
export const actorLabel = (a) => (['company', 'consultant', 'operator', 'admin'].includes(a) ? t(`l68r.actor.${a}`) : a);

const STATE_BADGE = {
  L68_RETURN_STATE_DRAFT: 'secondary',
  L68_RETURN_STATE_SUBMITTED: 'success',
  L68_RETURN_STATE_UNDER_CORRECTION: 'warning',
  L68_RETURN_STATE_CORRECTED: 'secondary',
  L68_RETURN_STATE_CANCELLED: 'secondary',
};
export const returnStateBadge = (state) => badge(returnStateLabel(state), STATE_BADGE[state] || 'secondary');

// A step's text in the page's language (the service writes both).
export const stepText = (s) => (language() === 'it' ? s.textIt || s.textEn : s.textEn || s.textIt) || '';
const num = (f) => String(f?.value ?? '0');

// The figures of a section, in three groups, as the table rows show them.
export const FIGURE_GROUPS = [
  ['base', ['workersInForce', 'disabledInForce', 'excludedDisabledBase', 'protectedDeducted', 'partTimeWorkers', 'partTimeUnits', 'base']],
  ['disabled', ['quota', 'exempted', 'compensation', 'positionsDue', 'disabledCoverage', 'abatement', 'covered', 'uncovered', 'excess',
    'suspendedWorkers']],
  ['protected', ['excludedProtectedBase', 'baseProtected', 'quotaProtected', 'protectedInForce', 'compensationProtected',
    'positionsDueProtected', 'coveredProtected', 'uncoveredProtected', 'excessProtected']],
];

// One section's figures (a province, or the national summary) as a table: a caption, a row
// group per FIGURE_GROUPS entry, a row per figure with its value and, in a details/summary,
// the steps that explain it. `key` names the section in data-key, so that the explanations a
// person opened stay open when the table is drawn again (`open`: the keys open before).
export function figuresTable({ caption, figures, key, open = new Set() }) {
  const table = h('table', { class: 'table sisl-table sisl-l68-figures', dataset: { section: key } },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('l68r.figure')),
      h('th', { scope: 'col', class: 'text-end' }, t('l68r.value')),
      h('th', { scope: 'col' }, t('l68r.explanation')))));
  for (const [group, names] of FIGURE_GROUPS) {
    const body = h('tbody', {}, h('tr', { class: 'sisl-l68-group' }, h('th', { scope: 'rowgroup', colspan: '3' }, t(`l68r.group.${group}`))));
    for (const name of names) {
      const f = figures?.[name];
      if (!f) continue;
      const label = t(`l68r.fig.${name}`);
      const dk = `${key}.${name}`;
      const steps = f.steps || [];
      body.append(h('tr', { dataset: { figure: name } },
        h('th', { scope: 'row' }, label),
        h('td', { class: 'text-end sisl-l68-value' }, num(f)),
        h('td', {}, steps.length
          ? h('details', { class: 'sisl-l68-why', open: open.has(dk), dataset: { key: dk } },
            h('summary', {}, t('l68r.why'), h('span', { class: 'visually-hidden' }, ` ${label}, ${caption}`)),
            h('ol', {}, steps.map((s) => h('li', { dataset: { code: s.code } }, stepText(s)))))
          : '')));
    }
    table.append(body);
  }
  return h('div', { class: 'table-responsive' }, table);
}

// The key figures of a computation, then the national summary and each province's section
// (`collapse`: each section in a details/summary of its own, for the long detail pages).
export function computationView(c, { open = new Set(), headingLevel = 3, collapse = false } = {}) {
  if (!c) return null;
  const n = c.national || {};
  const hTag = `h${headingLevel}`;
  const key = [
    ['l68r.key.category', categoryLabel(c.category)],
    ['l68r.fig.quota', num(n.quota)],
    ['l68r.fig.positionsDue', num(n.positionsDue)],
    ['l68r.fig.covered', num(n.covered)],
    ['l68r.fig.uncovered', num(n.uncovered)],
    ['l68r.fig.quotaProtected', num(n.quotaProtected)],
    ['l68r.fig.uncoveredProtected', num(n.uncoveredProtected)],
  ];
  const provinces = (c.provinces || []).map((p) => {
    const notes = [p.registeredOffice ? t('l68r.registeredOfficeNote') : '', p.obligationSuspended ? t('l68r.suspendedNote') : ''].filter(Boolean);
    const caption = `${provinceLabel(p.province)}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    const table = figuresTable({ caption, figures: p.figures, key: `p.${p.province}`, open });
    return collapse ? h('details', { class: 'sisl-history', dataset: { province: p.province } }, h('summary', {}, t('l68r.showSection', { section: caption })), table) : table;
  });
  return h('div', { class: 'sisl-l68-computation' },
    h('dl', { class: 'sisl-summary sisl-l68-key' }, key.map(([k, v]) => [h('dt', {}, t(k)), h('dd', { dataset: { key: k } }, v)])),
    figuresTable({ caption: t('l68r.national'), figures: n, key: 'national', open }),
    provinces.length ? h(hTag, { class: 'h6 mt-3' }, t('l68r.provincesHeading')) : null,
    provinces);
}

// The current year in Rome.
export const thisYear = () => Number(todayInRome().slice(0, 4));

export const when = (iso) => (iso ? formatDateTime(iso) : '');
export const dueDay = (d) => (d ? formatDay(d, language(), 'long') : '');

// "Submitted on ..., late (due ...)" or on time.
export function lateText(r) {
  if (!r.submitTime) return '';
  return r.late ? t('l68r.lateYes', { due: dueDay(r.dueDate) }) : t('l68r.lateNo', { due: dueDay(r.dueDate) });
}

// The last reason given to open the correction (the history's request_correction).
export function correctionReason(r) {
  const last = [...(r.history || [])].reverse().find((e) => e.action === 'request_correction');
  return last?.reason || '';
}

// The facts of a return (its card and its detail).
export function returnFacts(r, { staff = false } = {}) {
  const n = r.computation?.national || {};
  const rows = [
    staff ? ['l68r.company', `${r.companyName || ''} (${r.companyFiscalCode})`] : null,
    ['l68r.year', String(r.year)],
    ['l68r.version', String(r.version)],
    r.protocolNumber ? ['l68r.protocol', r.protocolNumber] : null,
    r.submitTime ? ['l68r.submitted', when(r.submitTime)] : null,
    r.submitTime ? ['l68r.late', lateText(r)] : ['l68r.due', dueDay(r.dueDate)],
    r.computation ? ['l68r.key.category', categoryLabel(r.computation.category)] : null,
    r.computation ? ['l68r.fig.positionsDue', num(n.positionsDue)] : null,
    r.computation ? ['l68r.fig.uncovered', num(n.uncovered)] : null,
    r.state === 'L68_RETURN_STATE_UNDER_CORRECTION' && correctionReason(r) ? ['l68r.correctionReason', correctionReason(r)] : null,
  ].filter(Boolean);
  return h('dl', { class: 'sisl-summary' }, rows.map(([k, v]) => [h('dt', {}, t(k)), h('dd', { dataset: { fact: k } }, v)]));
}

export const returnTitle = (r) => t('l68r.cardTitle', { year: r.year, version: r.version });

// The link that downloads the ministry-style XML of a version.
export function xmlLink(r) {
  return h('a', {
    class: 'btn btn-outline-primary btn-sm', href: `/api/v1/l68-returns/${encodeURIComponent(r.l68ReturnId)}/xml`,
    download: `prospetto-l68-${r.companyFiscalCode}-${r.year}-v${r.version}.xml`, dataset: { action: 'xml' },
  }, icon('it-download', 'icon-primary icon-sm'), h('span', {}, t('l68r.downloadXml')), h('span', { class: 'visually-hidden' }, `, ${returnTitle(r)}`));
}

// A return in a list: title, state, facts, and the actions the page gives it.
export function returnCard(r, { staff = false, actions = [] } = {}) {
  const id = uid('l68');
  return h('article', { class: 'sisl-appointment sisl-l68-return', 'aria-labelledby': id, dataset: { id: r.l68ReturnId, state: r.state, year: String(r.year) } },
    h('div', { class: 'sisl-appointment-head' },
      h('h3', { id, class: 'h5 mb-1', tabindex: '-1' }, staff ? `${r.companyName || r.companyFiscalCode} - ${returnTitle(r)}` : returnTitle(r)),
      returnStateBadge(r.state)),
    returnFacts(r, { staff }), actions);
}

// Every version of the return (oldest first) as a table; `onOpen(id)` opens another one.
export function versionsTable(r, onOpen) {
  const versions = r.versions || [];
  if (!versions.length) return null;
  return h('div', { class: 'table-responsive' }, h('table', { class: 'table sisl-table sisl-l68-versions' },
    h('caption', {}, t('l68r.versionsCaption', { count: versions.length })),
    h('thead', {}, h('tr', {}, ['l68r.version', 'l68r.stateCol', 'l68r.protocol', 'l68r.submitted', 'l68r.late']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, versions.map((v) => h('tr', { dataset: { version: String(v.version) } },
      h('th', { scope: 'row' }, v.l68ReturnId === r.l68ReturnId || !onOpen
        ? [String(v.version), v.l68ReturnId === r.l68ReturnId ? h('span', { class: 'visually-hidden' }, ` (${t('l68r.thisVersion')})`) : null]
        : h('button', { type: 'button', class: 'btn btn-link p-0', onclick: () => onOpen(v.l68ReturnId) },
          t('l68r.openVersion', { version: v.version }))),
      h('td', {}, returnStateLabel(v.state)),
      h('td', {}, v.protocolNumber || ''),
      h('td', {}, when(v.submitTime)),
      h('td', {}, v.submitTime ? (v.late ? t('common.yes') : t('l68r.no')) : ''))))));
}

export function historyList(r) {
  const entries = r.history || [];
  if (!entries.length) return null;
  return h('details', { class: 'sisl-history sisl-l68-history' }, h('summary', {}, t('l68r.history', { count: entries.length })),
    h('ol', {}, entries.map((e) => h('li', {}, `${when(e.actionTime)}: ${actionLabel(e.action)} (${actorLabel(e.actorRole)})`,
      e.reason && e.reason !== 'late' ? ` - ${e.reason}` : ''))));
}
