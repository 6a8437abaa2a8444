/**
 * The load generator: autocannon, driven programmatically in its own process (forked by run.js), so it
 * never shares an event loop with the server it measures.
 *
 * Protocol (IPC): run.js sends `{ op: 'run', …scenario }`. This process warms up (bodies generated on the
 * fly), estimates the rate, pre-generates a pool of bodies (every one with fresh ids) big enough for the
 * measured phase, sends `{ op: 'primed' }`, waits for `{ op: 'go' }`, runs the measured phase for a fixed
 * duration, and sends back `{ op: 'result', … }`. When autocannon stops, up to one request per connection
 * is still in flight: it may or may not have been stored, and nobody was told. Their ids are sent back
 * (`inFlightIds`) so run.js can account for them exactly.
 */
import autocannon from 'autocannon';
import { requestBody } from './workload.js';

/**
 * @typedef {object} Scenario
 * @property {number} port
 * @property {string} path
 * @property {Record<string, string>} headers
 * @property {number} batchSize 0 for one signal a request (POST /v1/signals)
 * @property {'v7' | 'v4'} idKind
 * @property {Array<{ id: string, sessionId: string, userId: string }>} interactions
 * @property {number} connections
 * @property {number} warmupSeconds
 * @property {number} seconds
 * @property {'batch' | 'single' | 'bare'} expect how to count acknowledged items
 */

/**
 * Items a response acknowledges as stored: `created` results of a batch, a 201 for one signal, a 204
 * from the bare endpoint (which stores nothing, but "answered as expected" is what counts there).
 * @param {Scenario['expect']} expect
 * @param {number} status
 * @param {string} body
 */
function acknowledged(expect, status, body) {
  if (expect === 'single') return status === 201 ? 1 : 0;
  if (expect === 'bare') return status === 204 ? 1 : 0;
  if (status !== 200) return 0;
  let count = 0;
  for (let at = body.indexOf('"created"'); at !== -1; at = body.indexOf('"created"', at + 9)) count++;
  return count;
}

/**
 * One autocannon run. Each connection gets its own request object (autocannon shares one otherwise, so
 * the first request of every connection would carry the same body, i.e. duplicate ids) and remembers the
 * body it has in flight.
 * @param {Scenario} scenario
 * @param {{ duration: number, nextBody: () => Buffer, latencies?: number[] }} run
 */
async function cannon(scenario, { duration, nextBody, latencies }) {
  const counts = { acknowledged: 0, responses: 0, byStatus: /** @type {Record<number, number>} */ ({}) };
  /** @type {Array<{ body: Buffer | null }>} */
  const connections = [];
  let lastResponseAt = 0;
  const startedAt = performance.now();
  const instance = autocannon({
    url: `http://127.0.0.1:${scenario.port}`,
    connections: scenario.connections,
    pipelining: 1,
    sampleInt: 100,
    timeout: 30,
    duration,
    setupClient(client) {
      /** @type {{ body: Buffer | null }} */
      const connection = { body: null };
      connections.push(connection);
      client.setRequests([
        {
          method: 'POST',
          path: scenario.path,
          headers: scenario.headers,
          setupRequest(request) {
            connection.body = nextBody();
            request.body = connection.body;
            return request;
          },
          onResponse(status, body) {
            connection.body = null;
            counts.acknowledged += acknowledged(scenario.expect, status, body);
          },
        },
      ]);
    },
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    lastResponseAt = performance.now();
    counts.responses++;
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
    latencies?.push(responseTime);
  });
  const result = await instance;
  const seconds = (lastResponseAt - startedAt) / 1000;
  const inFlight = connections.flatMap((c) => (c.body ? [c.body] : []));
  return { result, counts, seconds, inFlight };
}

/**
 * The ids in request bodies.
 * @param {Buffer[]} bodies
 */
function idsOf(bodies) {
  return bodies.flatMap((body) => {
    const parsed = JSON.parse(body.toString());
    return Array.isArray(parsed.signals) ? parsed.signals.map((/** @type {{ id: string }} */ s) => s.id) : [parsed.id];
  });
}

/** @param {Scenario} scenario */
async function measure(scenario) {
  const size = scenario.batchSize;
  const fresh = () => requestBody(scenario.idKind, scenario.interactions, size);

  // Warm-up in two parts; the second estimates the rate the measured phase will reach.
  await cannon(scenario, { duration: scenario.warmupSeconds * 0.4, nextBody: fresh });
  const second = await cannon(scenario, { duration: scenario.warmupSeconds * 0.6, nextBody: fresh });
  const warmupRate = second.counts.responses / Math.max(second.seconds, 0.001);

  // A pool of bodies for the measured phase, generated now so the timed phase only sends: three times the
  // warm-up's rate, and at least 150k signals/s (60k requests/s for single signals), at most ~1.5 GB.
  // Should it run dry, bodies are made on the fly (counted in `generatedLive`).
  const sample = fresh();
  const floorPerSecond = size > 0 ? 150_000 / size : 60_000;
  const wanted = Math.ceil(Math.max(3 * warmupRate, floorPerSecond) * scenario.seconds) + 2 * scenario.connections;
  const poolSize = Math.min(wanted, Math.floor(1.5e9 / sample.length));
  /** @type {Array<Buffer | undefined>} */
  const pool = Array.from({ length: poolSize }, fresh);
  let next = 0;
  let generatedLive = 0;
  const nextBody = () => {
    const body = pool[next];
    if (body === undefined) {
      generatedLive++;
      return fresh();
    }
    pool[next++] = undefined; // sent bodies can be collected
    return body;
  };

  process.send?.({ op: 'primed' });
  await new Promise((resolve) => process.once('message', resolve));

  const latencies = /** @type {number[]} */ ([]);
  const cpuBefore = process.cpuUsage();
  const measured = await cannon(scenario, { duration: scenario.seconds, nextBody, latencies });
  const cpu = process.cpuUsage(cpuBefore);
  const { result, counts, seconds, inFlight } = measured;
  const ok = Object.entries(counts.byStatus)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    op: 'result',
    warmupRequestsPerSecond: warmupRate,
    poolSize,
    generatedLive,
    inFlightIds: idsOf(inFlight),
    seconds,
    responses: counts.responses,
    ok,
    byStatus: counts.byStatus,
    errors: result.errors,
    timeouts: result.timeouts,
    acknowledged: counts.acknowledged,
    requestsPerSecond: ok / seconds,
    itemsPerSecond: counts.acknowledged / seconds,
    latencies: Float64Array.from(latencies),
    loadCpuPercent: (100 * (cpu.user + cpu.system)) / 1e6 / seconds,
  };
}

process.once('message', async (/** @type {{ op: string } & Scenario} */ message) => {
  const result = await measure(message);
  process.send?.(result, () => process.exit(0));
});
