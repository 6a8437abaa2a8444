/**
 * The Node SDK against a real Feedloop server, through a proxy that fails the first requests the way a
 * flaky network does (503s, a dropped connection). Every item must arrive exactly once.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Feedloop } from '@feedloop/node';
import { getInteractionWithSignals } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

/** Forwards to `target`, but answers the first `failures` requests with 503 or a dropped socket. */
function flakyProxy(
  target: string,
  failures: Array<'503' | 'drop' | 'drop-after-forward'>,
): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const failure = failures.shift();
    if (failure === '503') {
      res.writeHead(503, { 'retry-after': '0' }).end();
      return;
    }
    if (failure === 'drop') {
      req.socket.destroy();
      return;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (failure === 'drop-after-forward') {
          // The server stored the batch, but the client never hears so: it must re-send the same ids.
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe('Node SDK against a real server', () => {
  let fl: RunningFeedloop;
  beforeAll(async () => {
    fl = await startFeedloop();
  });
  afterAll(() => fl.close());

  it('delivers interactions and signals exactly once through failures and retries', async () => {
    const proxy = await flakyProxy(fl.url, ['503', 'drop', 'drop-after-forward', '503']);
    const errors: unknown[] = [];
    const client = new Feedloop({
      endpoint: proxy.url,
      secretKey: fl.secretKey,
      flushAt: 25,
      onError: (e) => errors.push(e),
    });
    const ids: string[] = [];
    for (let n = 0; n < 60; n++) {
      const id = client.logInteraction({
        model: n % 2 ? 'a' : 'b',
        input: `question ${n}`,
        output: `answer ${n}`,
        tenant: 'acme',
      });
      ids.push(id);
      client.thumbs(id, n % 3 ? 'up' : 'down', { userId: `u${n % 7}` });
      if (n % 10 === 0) client.outcome({ interactionId: id, name: 'ticket_resolved', success: true });
    }
    await client.shutdown();
    proxy.server.close();

    for (const [n, id] of ids.entries()) {
      const stored = await getInteractionWithSignals(fl.store.db, fl.projectId, id);
      expect(stored?.interaction.output).toBe(`answer ${n}`);
      const types = stored?.signals.map((s) => s.type).sort();
      expect(types).toEqual(n % 10 === 0 ? ['outcome', 'thumbs'] : ['thumbs']);
      expect(stored?.signals.find((s) => s.type === 'thumbs')?.value).toBe(n % 3 ? 1 : -1);
    }
    const total = await fl.store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', fl.projectId)
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(66);
    expect(
      errors.filter(
        (e) => (e as { code?: string }).code !== 'NETWORK_ERROR' && (e as { code?: string }).code !== 'SERVER_ERROR',
      ),
    ).toEqual([]);
  });
});
