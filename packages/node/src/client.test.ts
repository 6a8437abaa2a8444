import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Feedloop } from './client.js';
import { FeedloopError } from './errors.js';
import type { FeedloopOptions } from './options.js';

const SECRET = 'sk_test_secret';
const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type WireItem = Record<string, unknown> & { id: string };
type ItemAnswer = { id: string; status: 'created' | 'duplicate' | 'invalid'; errors?: unknown[] };
type Fault =
  | { type: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { type: 'destroy-after-store' }
  | { type: 'hold'; until: Promise<void> };

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  interactions: WireItem[];
  signals: WireItem[];
}

/**
 * STAND-IN FOR THE NETWORK EDGE. A real HTTP server on 127.0.0.1 that answers `POST /v1/batch` the way the
 * Feedloop server does — `created` the first time an id is seen, `duplicate` after, `invalid` (naming the
 * field) for a bad thumbs or rating value, 401 for a wrong key, 413 over `maxItems` — and can be told to
 * fail the next requests in controlled ways. The real server is tested in its own package.
 */
class Edge {
  readonly requests: Received[] = [];
  readonly answers: ItemAnswer[][] = [];
  readonly stored = new Map<string, WireItem>();
  maxItems = Number.POSITIVE_INFINITY;
  private faults: Fault[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Holds the next request unanswered until the returned function is called. */
  holdNext(): () => void {
    let release = () => {};
    this.faults.push({ type: 'hold', until: new Promise<void>((resolve) => (release = resolve)) });
    return () => release();
  }

  storedIds(kind: 'interaction' | 'signal'): string[] {
    return [...this.stored.keys()].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      interactions: WireItem[];
      signals: WireItem[];
    };
    this.requests.push({ at: performance.now(), headers: req.headers, ...body });
    const fault = this.faults.shift();
    if (fault?.type === 'hold') await fault.until;
    if (fault?.type === 'status')
      return reply(res, fault.status, fault.body ?? { error: { code: 'X', message: 'x' } }, fault.headers);
    if (req.headers.authorization !== `Bearer ${SECRET}`) {
      return reply(res, 401, { error: { code: 'FL_UNAUTHENTICATED', message: 'Unknown API key.' } });
    }
    const items = [
      ...body.interactions.map((item, i) => ({ item, kind: 'interaction', at: `interactions[${i}]` })),
      ...body.signals.map((item, i) => ({ item, kind: 'signal', at: `signals[${i}]` })),
    ];
    if (items.length > this.maxItems) {
      return reply(res, 413, { error: { code: 'FL_PAYLOAD_TOO_LARGE', message: 'Too many items.' } });
    }
    const results = items.map(({ item, kind, at }): ItemAnswer => {
      const problem = invalidValue(item);
      if (problem) return { id: item.id, status: 'invalid', errors: [{ field: `${at}.value`, reason: problem }] };
      const key = `${kind}:${item.id}`;
      if (this.stored.has(key)) return { id: item.id, status: 'duplicate' };
      this.stored.set(key, item);
      return { id: item.id, status: 'created' };
    });
    this.answers.push(results);
    // A crash after the commit but before the answer: the client cannot know its items were stored.
    if (fault?.type === 'destroy-after-store') return void req.socket.destroy();
    reply(res, 200, { results });
  }
}

function invalidValue(item: WireItem): string | undefined {
  if (item.type === 'thumbs' && ![1, -1, 0].includes(item.value as number)) return 'expected 1, -1 or 0';
  if (
    item.type === 'rating' &&
    !(Number.isInteger(item.value) && (item.value as number) >= 1 && (item.value as number) <= 5)
  ) {
    return 'expected a whole number from 1 to 5';
  }
  return undefined;
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const idsOf = (items: WireItem[]) => items.map((item) => item.id);
const itemCount = (r: Received) => r.interactions.length + r.signals.length;

let edge: Edge;
let endpoint: string;
let reported: FeedloopError[];
let clients: Feedloop[];

function client(options: Partial<FeedloopOptions> = {}): Feedloop {
  const made = new Feedloop({
    endpoint,
    secretKey: SECRET,
    // Only an explicit flush sends, unless a test says otherwise.
    flushAt: 10_000,
    flushIntervalMs: 60_000,
    onError: (error) => reported.push(error),
    ...options,
  });
  clients.push(made);
  return made;
}

beforeEach(async () => {
  edge = new Edge();
  endpoint = await edge.start();
  reported = [];
  clients = [];
});

afterEach(async () => {
  edge.clearFaults();
  await Promise.allSettled(clients.map((c) => c.shutdown()));
  await edge.close();
});

describe('logging and delivery', () => {
  it('sends interactions and signals in one batch with the secret key; flush resolves only once acknowledged', async () => {
    const feedloop = client();
    const interactionId = feedloop.logInteraction({
      sessionId: 's_1',
      userId: 'u_1',
      model: 'gpt-x',
      promptTemplate: 'support',
      promptVersion: '12',
      input: [{ role: 'user', content: 'How do I reset my password?' }],
      context: [{ id: 'doc_7', text: '…', source: 'kb', score: 0.82 }],
      output: 'Go to Settings → Security …',
      latencyMs: 840,
    });
    const signalIds = [
      feedloop.thumbs(interactionId, 'up', { userId: 'u_1' }),
      feedloop.thumbs(interactionId, 'down'),
      feedloop.thumbs(interactionId, 'none'),
      feedloop.rate(interactionId, 4),
      feedloop.comment(interactionId, 'The link is broken', { metadata: { page: 'faq' } }),
      feedloop.edit(interactionId, 'Go to Settings → Account …'),
      feedloop.outcome({ sessionId: 's_1', name: 'ticket_resolved', success: true }),
      feedloop.logSignal({ interactionId, type: 'copy' }),
    ];

    const release = edge.holdNext();
    let settled = false;
    const flushed = feedloop.flush().then(() => {
      settled = true;
    });
    await waitFor(() => edge.requests.length === 1, 'the batch');
    await sleep(100);
    expect(settled).toBe(false);
    expect(edge.stored.size).toBe(0);
    release();
    await flushed;

    expect(edge.storedIds('interaction')).toEqual([interactionId]);
    expect(edge.storedIds('signal')).toEqual(signalIds);
    const [request] = edge.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(interactionId).toMatch(UUIDV7);
    for (const id of signalIds) expect(id).toMatch(UUIDV7);
    const interaction = request?.interactions[0];
    expect(interaction).toMatchObject({ id: interactionId, model: 'gpt-x', latencyMs: 840 });
    expect(Math.abs(Date.parse(String(interaction?.createdAt)) - Date.now())).toBeLessThan(60_000);
    expect(request?.signals.map(({ kind, type, value }) => ({ kind, type, value }))).toEqual([
      { kind: 'explicit', type: 'thumbs', value: 1 },
      { kind: 'explicit', type: 'thumbs', value: -1 },
      { kind: 'explicit', type: 'thumbs', value: 0 },
      { kind: 'explicit', type: 'rating', value: 4 },
      { kind: 'explicit', type: 'comment', value: 'The link is broken' },
      { kind: 'correction', type: 'edit', value: 'Go to Settings → Account …' },
      { kind: 'outcome', type: 'outcome', value: { name: 'ticket_resolved', success: true } },
      { kind: undefined, type: 'copy', value: undefined },
    ]);
    expect(request?.signals[0]).toMatchObject({ interactionId, userId: 'u_1' });
    expect(request?.signals[6]).toMatchObject({ sessionId: 's_1' });
    expect(request?.signals[6]?.interactionId).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it("keeps the caller's id and createdAt, and sends the item as it was when logged", async () => {
    const feedloop = client();
    const metadata = { plan: 'pro' };
    const id = feedloop.logInteraction({ id: 'int_01', createdAt: new Date('2026-11-20T10:00:00Z'), metadata });
    metadata.plan = 'changed after logging';
    await feedloop.flush();
    expect(id).toBe('int_01');
    expect(edge.stored.get('interaction:int_01')).toMatchObject({
      createdAt: '2026-11-20T10:00:00.000Z',
      metadata: { plan: 'pro' },
    });
  });

  it('sends a batch by itself once flushAt items wait', async () => {
    const feedloop = client({ flushAt: 3 });
    const ids = [feedloop.rate('i', 5), feedloop.rate('i', 4), feedloop.rate('i', 3)];
    await waitFor(() => edge.requests.length === 1, 'a batch of flushAt items');
    expect(idsOf(edge.requests[0]!.signals)).toEqual(ids);
    feedloop.rate('i', 2);
    await sleep(200);
    expect(edge.requests).toHaveLength(1);
  });

  it('sends whatever waits once flushIntervalMs has passed', async () => {
    const feedloop = client({ flushIntervalMs: 50 });
    const id = feedloop.thumbs('i', 'up');
    await waitFor(() => edge.stored.has(`signal:${id}`), 'the timer to send the signal');
    expect(edge.requests).toHaveLength(1);
  });

  it('never puts more than maxBatchSize items in one request', async () => {
    const feedloop = client({ maxBatchSize: 10 });
    const ids = Array.from({ length: 25 }, (_, i) => feedloop.comment('i', `comment ${i}`));
    await feedloop.flush();
    expect(edge.requests.map(itemCount)).toEqual([10, 10, 5]);
    expect(edge.storedIds('signal')).toEqual(ids);
  });
});

describe('failures and retries', () => {
  it('retries 503s with the same ids until every item is stored exactly once', async () => {
    const feedloop = client();
    edge.failNext({ type: 'status', status: 503 }, { type: 'status', status: 503 });
    const interaction = feedloop.logInteraction({ output: 'hello' });
    const signals = [feedloop.thumbs(interaction, 'down'), feedloop.comment(interaction, 'rude')];
    await feedloop.flush();
    expect(edge.requests).toHaveLength(3);
    for (const request of edge.requests) {
      expect(idsOf(request.interactions)).toEqual([interaction]);
      expect(idsOf(request.signals)).toEqual(signals);
    }
    expect(edge.storedIds('interaction')).toEqual([interaction]);
    expect(edge.storedIds('signal')).toEqual(signals);
    expect(reported).toEqual([]);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const feedloop = client();
    edge.failNext({ type: 'status', status: 429, headers: { 'retry-after': '1' } });
    const id = feedloop.thumbs('i', 'up');
    await feedloop.flush();
    const [first, second] = edge.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(idsOf(second!.signals)).toEqual([id]);
    expect(edge.storedIds('signal')).toEqual([id]);
  });

  it('re-sends after the connection drops mid-request, and the server dedupes what it had already stored', async () => {
    const feedloop = client();
    edge.failNext({ type: 'destroy-after-store' });
    const ids = [feedloop.rate('i', 1), feedloop.rate('i', 2)];
    await feedloop.flush();
    expect(edge.requests.map((r) => idsOf(r.signals))).toEqual([ids, ids]);
    expect(edge.answers[1]?.map((a) => a.status)).toEqual(['duplicate', 'duplicate']);
    expect(edge.storedIds('signal')).toEqual(ids);
    expect(reported).toEqual([]);
  });

  it('when retries run out, flush rejects but keeps the items, and a later flush delivers them', async () => {
    const feedloop = client({ maxRetries: 2 });
    edge.failNext(...Array.from({ length: 3 }, () => ({ type: 'status', status: 503 }) as const));
    const id = feedloop.edit('i', 'final text');
    const failure = await feedloop.flush().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FeedloopError);
    expect(failure).toMatchObject({ code: 'DELIVERY_FAILED', status: 503, itemIds: [id] });
    expect(edge.requests).toHaveLength(3);
    expect(reported.map((e) => e.code)).toEqual(['DELIVERY_FAILED']);

    await feedloop.flush();
    expect(edge.requests).toHaveLength(4);
    expect(idsOf(edge.requests[3]!.signals)).toEqual([id]);
    expect(edge.storedIds('signal')).toEqual([id]);
  });

  it('retries when the server cannot be reached at all, and says why when it gives up', async () => {
    await edge.close();
    const feedloop = client({ maxRetries: 1 });
    feedloop.thumbs('i', 'up');
    const failure = await feedloop.flush().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'DELIVERY_FAILED', cause: { code: 'NETWORK_ERROR' } });
    edge = new Edge();
    await edge.start();
  });

  it('splits a batch the server finds too large until each part fits', async () => {
    const feedloop = client();
    edge.maxItems = 4;
    const ids = Array.from({ length: 10 }, (_, i) => feedloop.comment('i', `comment ${i}`));
    await feedloop.flush();
    expect(edge.storedIds('signal')).toEqual(ids);
    const accepted = edge.requests.filter((r) => itemCount(r) <= 4);
    expect(accepted.flatMap((r) => idsOf(r.signals))).toEqual(ids);
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((e) => e.code === 'PAYLOAD_TOO_LARGE' && e.status === 413)).toBe(true);
  });
});

describe('items that cannot succeed', () => {
  it('reports items the server finds invalid, naming the field, and stores the rest', async () => {
    const feedloop = client();
    const good = feedloop.thumbs('i', 'up');
    const bad = feedloop.logSignal({ interactionId: 'i', type: 'rating', value: 9 });
    const failure = await feedloop.flush().catch((error: unknown) => error);

    expect(edge.storedIds('signal')).toEqual([good]);
    expect(edge.requests).toHaveLength(1);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({
      code: 'ITEM_INVALID',
      itemIds: [bad],
      details: [{ itemId: bad, field: 'signals[1].value', reason: 'expected a whole number from 1 to 5' }],
    });
    expect(reported[0]?.message).toContain('signals[1].value');
    expect(failure).toMatchObject({
      code: 'DELIVERY_FAILED',
      itemIds: [bad],
      details: [{ field: 'signals[1].value' }],
    });
  });

  it('drops a batch refused with 400, reports it, and does not retry it', async () => {
    const feedloop = client();
    const errors = [{ field: 'signals[0].type', reason: 'unknown type' }];
    edge.failNext({ type: 'status', status: 400, body: { error: { code: 'FL_VALIDATION', message: 'Bad.', errors } } });
    const dropped = feedloop.thumbs('i', 'up');
    await expect(feedloop.flush()).rejects.toMatchObject({ code: 'DELIVERY_FAILED', itemIds: [dropped] });
    expect(reported).toMatchObject([{ code: 'REQUEST_REJECTED', status: 400, itemIds: [dropped], details: errors }]);
    expect(reported[0]?.message).toContain('FL_VALIDATION');

    const next = feedloop.thumbs('i', 'down');
    await feedloop.flush();
    expect(edge.requests).toHaveLength(2);
    expect(edge.storedIds('signal')).toEqual([next]);
  });

  it('drops items the server refuses for a wrong key (401), once', async () => {
    const feedloop = client({ secretKey: 'sk_wrong' });
    const id = feedloop.logInteraction({ output: 'x' });
    await expect(feedloop.flush()).rejects.toBeInstanceOf(FeedloopError);
    expect(reported).toMatchObject([{ code: 'REQUEST_REJECTED', status: 401, itemIds: [id] }]);
    expect(edge.requests).toHaveLength(1);
    await feedloop.flush();
    expect(edge.requests).toHaveLength(1);
  });

  it('drops the newest item when the queue is full, and says how many so far', async () => {
    const feedloop = client({ maxQueueSize: 3 });
    const kept = [feedloop.rate('i', 1), feedloop.rate('i', 2), feedloop.rate('i', 3)];
    const dropped = [feedloop.rate('i', 4), feedloop.rate('i', 5)];
    expect(reported).toMatchObject([
      { code: 'QUEUE_FULL', itemIds: [dropped[0]], count: 1 },
      { code: 'QUEUE_FULL', itemIds: [dropped[1]], count: 2 },
    ]);
    await feedloop.flush();
    expect(edge.storedIds('signal')).toEqual(kept);
  });
});

describe('never throwing into the host app', () => {
  it('reports bad arguments through onError, queues nothing, and still returns an id', async () => {
    const feedloop = client();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const calls: Array<() => string> = [
      () => feedloop.logInteraction(null as never),
      () => feedloop.logInteraction({ metadata: circular }),
      () => feedloop.logInteraction({ metadata: { big: 1n } }),
      () => feedloop.logInteraction({ id: 42 as never }),
      () => feedloop.logInteraction({ createdAt: new Date('not a date') }),
      () => feedloop.logSignal({ type: 'copy' }),
      () => feedloop.logSignal({ interactionId: 'i', type: '' as never }),
      () => feedloop.logSignal({ interactionId: 'i', type: 'acme:pin', kind: 'bogus' as never }),
      () => feedloop.thumbs('i', 'sideways' as never),
      () => feedloop.thumbs('', 'up'),
      () => feedloop.rate('i', 7 as never),
      () => feedloop.rate('i', 2.5 as never),
      () => feedloop.comment('i', '   '),
      () => feedloop.edit('i', 42 as never),
      () => feedloop.outcome({ sessionId: 's', name: 'sent', success: 'yes' as never }),
      () => feedloop.outcome({ name: 'sent', success: true }),
      () => feedloop.outcome(undefined as never),
    ];
    for (const call of calls) expect(typeof call()).toBe('string');
    expect(reported).toHaveLength(calls.length);
    expect(reported.every((e) => e instanceof FeedloopError && e.code === 'INVALID_ARGUMENT')).toBe(true);
    await feedloop.flush();
    expect(edge.requests).toHaveLength(0);
  });

  it('keeps working when onError itself throws', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const feedloop = client({
      onError: () => {
        throw new Error('broken handler');
      },
    });
    expect(() => feedloop.rate('i', 9 as never)).not.toThrow();
    const id = feedloop.rate('i', 5);
    await feedloop.flush();
    expect(edge.storedIds('signal')).toEqual([id]);
    expect(consoleError).toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('shutdown delivers what was queued, then refuses new items without throwing', async () => {
    const feedloop = client();
    const queued = [feedloop.thumbs('i', 'up'), feedloop.thumbs('i', 'down')];
    await feedloop.shutdown();
    expect(edge.storedIds('signal')).toEqual(queued);

    const late = feedloop.logInteraction({ output: 'too late' });
    expect(() => feedloop.thumbs(late, 'up')).not.toThrow();
    expect(reported).toMatchObject([
      { code: 'SHUT_DOWN', itemIds: [late] },
      { code: 'SHUT_DOWN', count: 1 },
    ]);
    await feedloop.shutdown();
    await feedloop.flush();
    expect(edge.requests).toHaveLength(1);
  });

  it('refuses unusable options at construction, naming the option', () => {
    const make = (options: Partial<FeedloopOptions>) => () => new Feedloop({ endpoint, secretKey: SECRET, ...options });
    expect(make({ secretKey: '' })).toThrow(/secretKey/);
    expect(make({ endpoint: 'not a url' })).toThrow(/endpoint/);
    expect(make({ flushAt: 0 })).toThrow(/flushAt/);
    expect(make({ maxRetries: -1 })).toThrow(/maxRetries/);
    expect(make({ endpoint: 'ftp://example.com' })).toThrow(FeedloopError);
  });
});

describe('process lifetime (built SDK in a child process)', () => {
  let built: string;

  beforeEach(() => {
    built = transpileToTemp();
  });

  afterEach(() => rmSync(built, { recursive: true, force: true }));

  it('does not keep the process alive for an item waiting on the flush timer', async () => {
    const script = `
      import { Feedloop } from ${JSON.stringify(pathToFileURL(join(built, 'index.js')).href)};
      const feedloop = new Feedloop({ endpoint: ${JSON.stringify(endpoint)}, secretKey: 'k', flushIntervalMs: 60000 });
      feedloop.logInteraction({ output: 'never awaited' });
      console.log('logged');`;
    const { code, stdout } = await runNode(script, 20_000);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('logged');
  });

  it('stays alive for a script that awaits shutdown(), through a Retry-After wait, and delivers', async () => {
    edge.failNext({ type: 'status', status: 503, headers: { 'retry-after': '1' } });
    const script = `
      import { Feedloop } from ${JSON.stringify(pathToFileURL(join(built, 'index.js')).href)};
      const feedloop = new Feedloop({ endpoint: ${JSON.stringify(endpoint)}, secretKey: ${JSON.stringify(SECRET)} });
      const id = feedloop.logInteraction({ output: 'delivered before exit' });
      await feedloop.shutdown();
      console.log(id);`;
    const { code, stdout } = await runNode(script, 30_000);
    expect(code).toBe(0);
    expect(edge.requests).toHaveLength(2);
    expect(edge.storedIds('interaction')).toEqual([stdout.trim()]);
  });
});

/** Compiles the SDK's sources (not its tests) to plain ESM in a temporary folder, as the build would. */
function transpileToTemp(): string {
  const src = fileURLToPath(new URL('.', import.meta.url));
  const out = mkdtempSync(join(tmpdir(), 'feedloop-node-sdk-'));
  for (const file of readdirSync(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }');
  return out;
}

/** Runs an ESM script; a process still alive after `deadlineMs` is killed and reported as such. */
function runNode(script: string, deadlineMs: number): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child process was still alive after ${deadlineMs} ms; stderr: ${stderr}`));
    }, deadlineMs);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      if (code !== 0) console.error(stderr);
      resolve({ code, stdout });
    });
  });
}
