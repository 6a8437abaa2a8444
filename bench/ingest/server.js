/**
 * The server side of one scenario, in its own process so the load generator never shares its core:
 *
 *   node server.js feedloop <data dir>   the real Feedloop server (built packages) on a fresh SQLite file
 *   node server.js bare                  a bare Fastify 5 endpoint answering 204, the baseline for (d)
 *
 * Listens on 127.0.0.1 on a free port and talks to run.js over IPC: sends `{ ready, port, … }`, answers
 * `{ op: 'count' }` (signals stored so far), `{ op: 'cpu' }`, `{ op: 'profile-start' }` and
 * `{ op: 'profile-stop', file }` (a CPU profile of exactly the measured phase), and on `{ op: 'stop' }`
 * closes cleanly. run.js normally SIGKILLs it instead, to check that what was acknowledged is on disk.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

const [mode, dataDir] = process.argv.slice(2);

/** @type {() => Promise<number>} */
let countSignals = async () => 0;
/** @type {() => Promise<void>} */
let close = async () => {};
/** @type {Record<string, unknown>} */
let info = {};
/** @type {() => unknown} */
let writerStats = () => null;

if (mode === 'bare') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.post('/v1/signals', (_request, reply) => {
    reply.code(204).send();
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  info = { port: typeof address === 'object' && address ? address.port : 0 };
  close = () => app.close();
} else if (mode === 'feedloop' && dataDir) {
  const { buildServer } = await import('@feedloop/server');
  const { SqliteStore, createApiKey, createProject } = await import('@feedloop/store');
  const dbFile = join(dataDir, 'feedloop.db');
  // FEEDLOOP_BENCH_VARIANT (set by `run.js --variant=…`) swaps in an experimental write path.
  const variantName = process.env.FEEDLOOP_BENCH_VARIANT;
  const variant = variantName
    ? (await import('./experiments/variants.js')).createStore(variantName, dbFile)
    : { store: new SqliteStore({ filename: dbFile }), stats: () => null };
  const { store } = variant;
  writerStats = variant.stats;
  const report = await store.migrate();
  if (report.error) throw new Error(`migration failed: ${report.error.message}`);
  const project = await createProject(store.db, { name: 'bench' });
  const { plaintext } = await createApiKey(store.db, { projectId: project.id, kind: 'secret' });
  const app = await buildServer({
    store,
    config: { secretKeyRateLimit: 0, publicKeyRateLimit: 0, logLevel: 'silent' },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  info = { port: typeof address === 'object' && address ? address.port : 0, key: plaintext, dbFile };
  countSignals = async () => {
    const row = await store.db
      .selectFrom('signals')
      .select((/** @type {any} */ eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  close = async () => {
    await app.close();
    await store.close();
  };
} else {
  throw new Error('usage: server.js feedloop <data dir> | server.js bare');
}

const inspector = new Session();

/** Bytes written to files (the database and its WAL) so far; Linux only, else 0. */
function fileBytesWritten() {
  try {
    const line = readFileSync('/proc/self/io', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('write_bytes:'));
    return Number(line?.split(/\s+/)[1] ?? 0);
  } catch {
    return 0;
  }
}

process.on('message', async (/** @type {{ op: string, file?: string }} */ message) => {
  if (message.op === 'count') process.send?.({ op: 'count', count: await countSignals() });
  else if (message.op === 'cpu') {
    process.send?.({ op: 'cpu', usage: process.cpuUsage(), fileBytes: fileBytesWritten(), writer: writerStats() });
  } else if (message.op === 'profile-start') {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.start');
    process.send?.({ op: 'profile-start' });
  } else if (message.op === 'profile-stop') {
    const { profile } = await inspector.post('Profiler.stop');
    if (message.file) writeFileSync(message.file, JSON.stringify(profile));
    inspector.disconnect();
    process.send?.({ op: 'profile-stop' });
  } else if (message.op === 'stop') {
    await close();
    process.disconnect();
    process.exit(0);
  }
});
process.send?.({ op: 'ready', ...info });
