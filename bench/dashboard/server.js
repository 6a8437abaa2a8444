/**
 * One Feedloop server for the dashboard benchmark, in its own process (forked by run.js), so the browser
 * driver never shares an event loop with the store's synchronous SQLite reads.
 *
 * argv[2]: JSON `{ file, projectId }`. Opens the prepared SQLite file, creates a secret key for the
 * project, builds the server with every background job off and listens on 127.0.0.1. Messages to the
 * parent: `{ type: 'ready', url, secretKey }`, then on `{ type: 'timings' }` the server-side time of every
 * request answered since the last such message (`reply.elapsedTime`, ms) and this process's CPU time.
 */
import { buildServer } from '@feedloop/server';
import { createApiKey, SqliteStore } from '@feedloop/store';

const { file, projectId } = JSON.parse(process.argv[2] ?? '{}');
const store = new SqliteStore({ filename: file });
const migration = await store.migrate();
if (migration.error) throw new Error(`migration failed: ${migration.error.message}`);
const { plaintext } = await createApiKey(store.db, { projectId, kind: 'secret', name: 'bench-dashboard' });
const app = await buildServer({
  store,
  config: {
    logLevel: 'silent',
    // No background work while measuring: screening, theme assignment, rephrase detection, retention.
    screenEveryMs: 0,
    themeAssignEveryMs: 0,
    rephraseEveryMs: 0,
    retentionEveryMs: 0,
  },
});
let timings = [];
app.addHook('onResponse', async (request, reply) => {
  timings.push({ url: request.url, status: reply.statusCode, ms: reply.elapsedTime });
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });

process.on('message', async (message) => {
  if (message?.type === 'timings') {
    const cpu = process.cpuUsage();
    process.send?.({ type: 'timings', timings, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    timings = [];
  } else if (message?.type === 'close') {
    await app.close();
    await store.close();
    process.send?.({ type: 'closed' });
    process.disconnect?.();
  }
});
process.send?.({ type: 'ready', url, secretKey: plaintext });
