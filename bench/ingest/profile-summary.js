/**
 * Where the server's time goes: `node bench/ingest/profile-summary.js bench/results/profiles/<name>.cpuprofile`
 * (profiles come from `npm run bench:ingest -- --profile`). Prints self time by area and the top functions
 * by self time and by total (inclusive) time.
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/ingest/profile-summary.js <file.cpuprofile> [top=25]');
  process.exit(1);
}
const top = Number(process.argv[3] ?? 25);

/** @type {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }>, samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** @type {Map<number, number>} */
const selfUs = new Map();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** @param {{ functionName: string, url: string, lineNumber: number }} f */
const nameOf = (f) => {
  const where = f.url ? f.url.replace(/^file:\/\//, '').replace(/.*\/(node_modules|packages)\//, '$1/') : '';
  return `${f.functionName || '(anonymous)'} ${where ? `${where}:${f.lineNumber + 1}` : ''}`.trim();
};

/** @param {string} url @param {string} fn */
function area(url, fn) {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'program (native, unattributed)';
  if (url.includes('/packages/store/')) return 'store (row mapping, rollups, writer JS)';
  if (url.includes('/packages/core/')) return 'core (validation)';
  if (url.includes('/packages/server/')) return 'server routes/auth';
  if (url.includes('@sinclair/typebox')) return 'TypeBox checks';
  if (url.includes('better-sqlite3')) return 'better-sqlite3 (JS side)';
  if (url.includes('secure-json-parse') || fn === 'parse') return 'JSON parse';
  if (url.includes('fast-json-stringify') || fn === 'stringify') return 'JSON stringify';
  if (url.includes('node_modules/fastify') || url.includes('node_modules/@fastify') || url.includes('find-my-way'))
    return 'Fastify';
  if (url.includes('kysely')) return 'Kysely';
  if (url.startsWith('node:') || url === '') return `node internals / native (${fn || 'anonymous'})`;
  return 'other JS';
}

/**
 * A native function (no url: better-sqlite3's `run`/`get`, `writev`…) is named after its JS caller, so the
 * SQLite time splits into inserts, lookups, rollup upserts and the commit (`run ← sqliteTransaction`).
 * @param {number} id
 */
function selfName(id) {
  const node = byId.get(id);
  if (!node) return '?';
  if (node.callFrame.url || node.callFrame.functionName.startsWith('(')) return nameOf(node.callFrame);
  const caller = byId.get(parent.get(id));
  return caller ? `${node.callFrame.functionName} ← ${nameOf(caller.callFrame)}` : nameOf(node.callFrame);
}

/** @type {Map<string, number>} */
const areas = new Map();
/** @type {Map<string, number>} */
const selfByFn = new Map();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const a = area(node.callFrame.url, node.callFrame.functionName);
  const key = a.startsWith('node internals') ? 'node internals / native (incl. SQLite and fsync)' : a;
  areas.set(key, (areas.get(key) ?? 0) + us);
  const name = selfName(id);
  selfByFn.set(name, (selfByFn.get(name) ?? 0) + us);
}

// Inclusive time: each sample counts once for every distinct function on its stack.
/** @type {Map<string, number>} */
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at);
    if (!node) break;
    const name = nameOf(node.callFrame);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
});

const pct = (/** @type {number} */ us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const busy = total - (areas.get('idle') ?? 0);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy\n`);
console.log('Self time by area');
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1])) console.log(`  ${pct(us)}  ${a}`);
console.log(`\nTop ${top} functions by self time`);
for (const [n, us] of [...selfByFn].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)}  ${n}`);
console.log(`\nTop ${top} functions by total time`);
for (const [n, us] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)}  ${n}`);
