/**
 * `npm run bench:sdk-size [-- --quick]`
 *
 * Bundles a tiny entry per browser SDK (entries/*.js: import the SDK, initialise it and send ONE event the
 * way its docs show) with esbuild — bundle, minify, ESM, browser, es2020, NODE_ENV=production — and reports
 * the raw minified bytes, gzip (level 9) and brotli (quality 11) of the single-file bundle, plus the brotli
 * ratio to Feedloop's capture core. esbuild without code splitting inlines every `import()` of a bundled
 * module, so "min / gzip / brotli" is ALL the code the package can run from npm. A second build of the same
 * entry with `splitting: true` shows how much of that is needed up front (the entry chunk and the chunks it
 * imports statically) and how much an app bundler could defer into lazy chunks. Scripts an SDK fetches from
 * its CDN at run time (extensions, destinations, remote config) are never counted; the "CDN loader" column
 * says whether the bundle contains a `<script>` injector.
 *
 * Everything is measured in one run; it takes seconds, so `--quick` runs exactly the same thing. Prints a
 * table, then, as its very last line, one JSON object with every figure. Measures the BUILT Feedloop
 * package (what npm users get): run `npm run build` (or `npx tsc -b packages/browser`) first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const quick = process.argv.includes('--quick');
/** PRODUCT.md: "Browser capture SDK ≤ 3 KB (min + brotli) for the capture core"; peers are quoted in kB. */
const CORE_TARGET_BYTES = 3000;

const SDKS = [
  { id: 'feedloop-core', sdk: 'Feedloop capture core', pkg: '@feedloop/browser', entry: 'feedloop-core.js' },
  { id: 'feedloop-widget', sdk: 'Feedloop widget + core', pkg: '@feedloop/browser', entry: 'feedloop-widget.js' },
  { id: 'langfuse-web', sdk: 'langfuse (LangfuseWeb)', pkg: 'langfuse', entry: 'langfuse-web.js' },
  { id: 'segment', sdk: '@segment/analytics-next', pkg: '@segment/analytics-next', entry: 'segment.js' },
  { id: 'posthog-slim', sdk: 'posthog-js (module.slim)', pkg: 'posthog-js', entry: 'posthog-slim.js' },
  { id: 'amplitude', sdk: '@amplitude/analytics-browser', pkg: '@amplitude/analytics-browser', entry: 'amplitude.js' },
  { id: 'posthog', sdk: 'posthog-js', pkg: 'posthog-js', entry: 'posthog.js' },
];

const browserDir = join(root, 'packages', 'browser');
for (const file of ['index.js', 'widget.js']) {
  if (!existsSync(join(browserDir, 'dist', file))) {
    console.error(`packages/browser/dist/${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
const newestSource = Math.max(
  ...readdirSync(join(browserDir, 'src'))
    .filter((f) => f.endsWith('.ts') && !f.includes('.test'))
    .map((f) => statSync(join(browserDir, 'src', f)).mtimeMs),
);
if (newestSource > statSync(join(browserDir, 'dist', 'index.js')).mtimeMs) {
  console.error('warning: packages/browser/src is newer than dist: run `npx tsc -b packages/browser` first.');
}

const base = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  metafile: true,
  logLevel: 'error',
  absWorkingDir: root,
};
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;

function versionOf(pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** Entry chunk + everything it imports statically = what loads up front; the other chunks are lazy. */
function splitFigures(result, entryFile) {
  const outputs = result.metafile.outputs;
  const byPath = new Map(result.outputFiles.map((f) => [relative(root, f.path), f.contents]));
  // Every import() target is an entry point of its own chunk too: pick the chunk of OUR entry.
  const entry = Object.keys(outputs).find((p) => outputs[p].entryPoint === relative(root, entryFile));
  const initial = new Set();
  const visit = (p) => {
    if (initial.has(p)) return;
    initial.add(p);
    for (const imp of outputs[p].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entry);
  let initialBrotli = 0;
  let lazyBrotli = 0;
  let lazyChunks = 0;
  for (const [p, contents] of byPath) {
    if (!p.endsWith('.js')) continue;
    if (initial.has(p)) initialBrotli += brotli(contents);
    else {
      lazyBrotli += brotli(contents);
      lazyChunks++;
    }
  }
  return { initialBrotliBytes: initialBrotli, lazyChunks, lazyBrotliBytes: lazyBrotli };
}

const rows = [];
for (const s of SDKS) {
  const entryPoints = [join(here, 'entries', s.entry)];
  const single = await esbuild.build({ ...base, entryPoints });
  const out = single.outputFiles[0];
  const text = out.text;
  const dynamicImportsInlined = Object.values(single.metafile.inputs)
    .flatMap((i) => i.imports)
    .filter((imp) => imp.kind === 'dynamic-import' && !imp.external).length;
  const split = await esbuild.build({ ...base, entryPoints, splitting: true, outdir: join(here, '.out') });
  rows.push({
    id: s.id,
    sdk: s.sdk,
    package: s.pkg,
    version: versionOf(s.pkg),
    entry: `bench/sdk-size/entries/${s.entry}`,
    minBytes: out.contents.length,
    gzipBytes: gzip(out.contents),
    brotliBytes: brotli(out.contents),
    dynamicImportsInlined,
    // `import(x)` left in the bundle: a non-literal specifier esbuild cannot follow.
    dynamicImportsLeft: (text.match(/\bimport\(/g) ?? []).length,
    cdnScriptLoader: /createElement\(["']script["']\)/.test(text),
    ...splitFigures(split, entryPoints[0]),
  });
}
const core = rows.find((r) => r.id === 'feedloop-core');
for (const r of rows) r.brotliRatioToCore = Number((r.brotliBytes / core.brotliBytes).toFixed(2));

const n = (x) => x.toLocaleString('en-US');
const kb = (x) => `${(x / 1000).toFixed(1)} kB`;
const table = [
  ['SDK', 'version', 'min', 'gzip', 'brotli', '× core', 'up front (split)', 'lazy chunks', 'CDN loader'],
  ...rows.map((r) => [
    r.sdk,
    r.version,
    n(r.minBytes),
    n(r.gzipBytes),
    `${n(r.brotliBytes)} (${kb(r.brotliBytes)})`,
    `${r.brotliRatioToCore.toFixed(1)}×`,
    r.lazyChunks ? n(r.initialBrotliBytes) : '=',
    r.lazyChunks ? `${r.lazyChunks} (${n(r.lazyBrotliBytes)})` : '0',
    r.cdnScriptLoader ? 'yes' : 'no',
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`SDK size: esbuild ${esbuild.version}, minified ESM for the browser (es2020); bytes; kB = 1000 B`);
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table.slice(1)) console.log(line(row));
console.log(
  '"up front (split)" = brotli of the entry chunk and its static imports when built with splitting; ' +
    '"lazy chunks" = count (brotli bytes) of import() chunks. Code an SDK loads from its CDN is not counted.',
);
const within = core.brotliBytes <= CORE_TARGET_BYTES;
console.log(
  `Feedloop capture core: ${n(core.brotliBytes)} B brotli — target ≤ ${n(CORE_TARGET_BYTES)} B: ` +
    (within ? 'within' : `OVER by ${n(core.brotliBytes - CORE_TARGET_BYTES)} B`),
);
console.log(
  JSON.stringify({
    bench: 'sdk-size',
    quick,
    node: process.version,
    esbuild: esbuild.version,
    date: new Date().toISOString(),
    coreTargetBrotliBytes: CORE_TARGET_BYTES,
    coreWithinTarget: within,
    rows,
  }),
);
