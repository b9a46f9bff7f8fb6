// Builds gateway/web/dist from src/ and the Bootstrap Italia package, without a bundler:
//   - CSS: the Bootstrap Italia components SISL uses (src/css/bootstrap-italia-subset.scss, sass),
//     the @font-face rules of the fonts we ship, and src/css/app.css, in one file;
//   - fonts: Titillium Web (regular, 600, 700) and Roboto Mono (regular), woff2 only;
//   - icons: a sprite with only the Bootstrap Italia icons the pages and scripts name;
//   - ES modules, i18n dictionaries and the favicon;
//   - Chart.js (its UMD build, imported by js/chart-lib.js) and the map of Piedmont's provinces
//     (province-map.mjs: from the municipalities of the reference data, see that file);
//   - pages: src/pages/*.html with {{include:...}}, {{t:key}} (Italian text from it.json) and
//     {{asset:...}} filled in.
// Every asset under static/ is fingerprinted (name.<hash>.ext, references rewritten) and every
// text file gets a .gz next to it, which the gateway serves to clients that accept gzip.
//
//   node build.mjs [--out DIR]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { provinceMap } from './province-map.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(HERE, 'src');
const BI = path.join(HERE, 'node_modules', 'bootstrap-italia');
const CHARTJS = path.join(HERE, 'node_modules', 'chart.js');
const MUNICIPALITIES = path.join(HERE, '..', '..', 'services', 'reference', 'data', 'municipalities.csv');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(HERE, 'dist');
const STATIC = path.join(OUT, 'static');
const LANGS = ['it', 'en', 'fr', 'ar'];

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 10);
const read = (p) => fs.readFileSync(p, 'utf8');
const fail = (msg) => {
  console.error(`build-web: ${msg}`);
  process.exit(1);
};

// Writes static/<dir>/<base>.<hash><ext>; returns its URL.
function emit(rel, data) {
  const ext = path.extname(rel);
  const name = `${rel.slice(0, -ext.length)}.${hash(data)}${ext}`;
  const file = path.join(STATIC, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return `/static/${name}`;
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(STATIC, { recursive: true });
const assets = {}; // logical name -> URL

// ---- dictionaries ------------------------------------------------------------------------
const dict = {};
for (const lang of LANGS) dict[lang] = JSON.parse(read(path.join(SRC, 'i18n', `${lang}.json`)));
for (const lang of LANGS) assets[`i18n/${lang}.json`] = emit(`i18n/${lang}.json`, JSON.stringify(dict[lang]));

// ---- fonts and CSS -----------------------------------------------------------------------
const FONTS = [
  ['Titillium Web', 400, 'Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2'],
  ['Titillium Web', 600, 'Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2'],
  ['Titillium Web', 700, 'Titillium_Web/titillium-web-v10-latin-ext_latin-700.woff2'],
  ['Roboto Mono', 400, 'Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2'],
];
let fontFaces = '';
for (const [family, weight, file] of FONTS) {
  const url = emit(`fonts/${path.basename(file)}`, fs.readFileSync(path.join(BI, 'dist', 'fonts', file)));
  assets[`fonts/${path.basename(file)}`] = url;
  fontFaces += `@font-face{font-family:"${family}";font-style:normal;font-weight:${weight};` +
    `font-display:swap;src:url(${url}) format("woff2")}\n`;
}
for (const license of ['Titillium_Web/OFL.txt', 'Roboto_Mono/LICENSE.txt']) {
  const dest = path.join(STATIC, 'fonts', license.replace('/', '-'));
  fs.copyFileSync(path.join(BI, 'dist', 'fonts', license), dest);
}

const sass = await import('sass');
const bi = sass.compile(path.join(SRC, 'css', 'bootstrap-italia-subset.scss'), {
  loadPaths: [path.join(BI, 'src', 'scss')],
  style: 'compressed',
  quietDeps: true,
  logger: sass.Logger.silent,
});
const appCss = read(path.join(SRC, 'css', 'app.css'));
const css = `/* Bootstrap Italia ${JSON.parse(read(path.join(BI, 'package.json'))).version} (BSD-3-Clause), subset; ` +
  `fonts: Titillium Web and Roboto Mono (SIL OFL / Apache 2.0) */\n${fontFaces}${bi.css.replace(/^\uFEFF/, "")}\n${appCss}`;

// ---- icons: only the ones named in the pages and scripts ----------------------------------
const sourcesText = [];
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
for (const f of walk(SRC)) if (/\.(html|js|json)$/.test(f)) sourcesText.push(read(f));
const spriteSrc = read(path.join(BI, 'dist', 'svg', 'sprites.svg'));
const symbols = new Map();
for (const m of spriteSrc.matchAll(/<symbol\b[^>]*\bid="(it-[a-z0-9-]+)"[^>]*>[\s\S]*?<\/symbol>/g)) {
  symbols.set(m[1], m[0]);
}
const used = new Set();
for (const text of sourcesText) for (const m of text.matchAll(/\bit-[a-z0-9]+(?:-[a-z0-9]+)*/g)) {
  if (symbols.has(m[0])) used.add(m[0]);
}
let sprite = '<svg xmlns="http://www.w3.org/2000/svg">';
for (const id of [...used].sort()) sprite += symbols.get(id);
sprite += read(path.join(SRC, 'icons', 'sisl-icons.svg')).replace(/^[\s\S]*?<svg[^>]*>|<\/svg>\s*$/g, '');
sprite += '</svg>';
assets['sprites.svg'] = emit('sprites.svg', sprite);
assets['favicon.svg'] = emit('favicon.svg', read(path.join(SRC, 'icons', 'favicon.svg')));
assets['css/sisl.css'] = emit('css/sisl.css', css);

// ---- Chart.js and the map of the provinces (/osservatorio) ---------------------------------
// The UMD build sets globalThis.Chart when imported as a module (js/chart-lib.js); no source map.
const chartJs = read(path.join(CHARTJS, 'dist', 'chart.umd.min.js')).replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
assets['vendor/chart.umd.min.js'] = emit('vendor/chart.umd.min.js', chartJs);
fs.copyFileSync(path.join(CHARTJS, 'LICENSE.md'), path.join(STATIC, 'vendor', 'chart.js-LICENSE.txt'));
assets['map/piemonte-province.json'] = emit('map/piemonte-province.json', JSON.stringify(provinceMap(read(MUNICIPALITIES))));

// ---- ES modules: fingerprinted bottom-up, import specifiers rewritten ----------------------
const JS = path.join(SRC, 'js');
const modules = fs.readdirSync(JS).filter((f) => f.endsWith('.js'));
const IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])\.\/([a-z0-9-]+\.js)\2/g;
const done = new Map();
const depsOf = new Map(); // module URL -> URLs of its static imports
function emitModule(name, stack = []) {
  if (done.has(name)) return done.get(name);
  if (stack.includes(name)) fail(`import cycle: ${[...stack, name].join(' -> ')}`);
  if (!modules.includes(name)) fail(`unknown module ./${name} (imported by ${stack.at(-1)})`);
  let code = read(path.join(JS, name));
  const deps = [];
  code = code.replace(IMPORT, (_, kw, q, dep) => {
    const depUrl = emitModule(dep, [...stack, name]);
    deps.push(depUrl);
    return `${kw}${q}${depUrl}${q}`;
  });
  code = code.replace(/\{\{asset:([^}]+)\}\}/g, (_, a) => {
    const url = assets[a] ?? fail(`${name}: unknown asset ${a}`);
    if (a.startsWith('vendor/') && a.endsWith('.js')) deps.push(url); // imported: preloaded too
    return url;
  });
  const url = emit(`js/${name}`, code);
  done.set(name, url);
  depsOf.set(url, deps);
  return url;
}
for (const m of modules) assets[`js/${m}`] = emitModule(m);

// ---- pages -------------------------------------------------------------------------------
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pages = fs.readdirSync(path.join(SRC, 'pages')).filter((f) => f.endsWith('.html'));
const partial = (name) => read(path.join(SRC, 'partials', `${name}.html`));
const usedKeys = new Set();
for (const page of pages) {
  let html = read(path.join(SRC, 'pages', page));
  for (let i = 0; i < 3; i++) html = html.replace(/\{\{include:([a-z0-9-]+)\}\}/g, (_, p) => partial(p));
  const langs = (html.match(/data-langs="([^"]+)"/) || [null, 'it,en'])[1].split(',');
  html = html.replace(/\{\{asset:([^}]+)\}\}/g, (_, a) => assets[a] ?? fail(`${page}: unknown asset ${a}`));
  html = html.replace(/\{\{i18n-urls\}\}/g, () => esc(JSON.stringify(Object.fromEntries(
    langs.map((l) => [l, assets[`i18n/${l}.json`]])))));
  html = html.replace(/\{\{t:([a-zA-Z0-9_.-]+)\}\}/g, (_, key) => {
    usedKeys.add(key);
    for (const l of langs) if (dict[l][key] === undefined) fail(`${page}: key ${key} missing in ${l}.json`);
    return esc(dict.it[key]);
  });
  for (const m of html.matchAll(/data-i18n(?:-attr)?="([^"]+)"/g)) {
    for (const part of m[1].split(';')) {
      const key = part.includes(':') ? part.split(':')[1] : part;
      for (const l of langs) if (dict[l][key] === undefined) fail(`${page}: key ${key} missing in ${l}.json`);
    }
  }
  // Every module the page's entry imports, preloaded at once instead of discovered level by level.
  html = html.replace(/<script type="module" src="([^"]+)"><\/script>/, (tag, entry) => {
    const all = new Set();
    const visit = (u) => (depsOf.get(u) || []).forEach((d) => { if (!all.has(d)) { all.add(d); visit(d); } });
    visit(entry);
    return [...all].map((u) => `<link rel="modulepreload" href="${u}">`).join('\n') + (all.size ? '\n' : '') + tag;
  });
  if (/\{\{[^}]*\}\}/.test(html)) fail(`${page}: unresolved ${html.match(/\{\{[^}]*\}\}/)[0]}`);
  if (/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>|\sstyle="|\son[a-z]+="/i.test(html)) {
    fail(`${page}: inline script, style attribute or event handler (the CSP forbids them)`);
  }
  fs.writeFileSync(path.join(OUT, page), html);
}

// Keys the scripts ask for (t('key') / t("key")) must exist in Italian and English; French and
// Arabic cover the contact-centre screens, the confirmations and the page chrome (fall back to
// English elsewhere, see i18n.js).
for (const text of sourcesText) for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) usedKeys.add(m[1]);
for (const key of usedKeys) for (const l of ['it', 'en']) {
  if (dict[l][key] === undefined) fail(`key ${key} missing in ${l}.json`);
}
for (const l of ['en', 'fr', 'ar']) for (const key of Object.keys(dict[l])) {
  if (dict.it[key] === undefined) fail(`${l}.json has ${key}, unknown in it.json`);
}

// ---- precompression ------------------------------------------------------------------------
let raw = 0;
let gz = 0;
for (const f of walk(OUT)) {
  if (!/\.(html|css|js|json|svg|txt)$/.test(f)) continue;
  const data = fs.readFileSync(f);
  const z = zlib.gzipSync(data, { level: 9 });
  fs.writeFileSync(`${f}.gz`, z);
  raw += data.length;
  gz += z.length;
}
console.log(`build-web: ${pages.length} pages, ${modules.length} modules, ${used.size} icons; ` +
  `text ${(raw / 1024).toFixed(0)} KiB (${(gz / 1024).toFixed(0)} KiB gzip) in ${path.relative(process.cwd(), OUT) || OUT}`);
