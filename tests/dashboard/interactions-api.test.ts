/**
 * `GET /v1/interactions` on every backend, over real HTTP: filters, text search (case-insensitive, LIKE
 * wildcards taken literally), keyset pagination that neither skips nor repeats, the secret key, and bad
 * parameters answered 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { interaction, signal } from '../helpers/fixtures.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

const T0 = Date.parse('2026-11-10T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

interface Listed {
  id: string;
  output: string | null;
  signalCounts: Record<string, number>;
  thumbsUp: number;
  thumbsDown: number;
  contextCount: number;
}

describe.each(backends())('GET /v1/interactions on $name', (backend) => {
  let fl: RunningFeedloop;

  const list = async (query: string, key: string | null = fl.secretKey) => {
    const res = await fetch(`${fl.url}/v1/interactions${query ? `?${query}` : ''}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    return { status: res.status, body: await res.json() };
  };
  const ids = async (query: string) => ((await list(query)).body.interactions as Listed[]).map((i) => i.id);

  beforeAll(async () => {
    fl = await startFeedloop({ backend });
    // 30 interactions a minute apart; two of them with the same time to test the tie-break on id.
    const interactions = Array.from({ length: 30 }, (_, k) =>
      interaction({
        id: `int_${String(k).padStart(2, '0')}`,
        createdAt: at(k === 11 ? 10 : k),
        model: k % 2 === 0 ? 'atlas-large' : 'atlas-mini',
        tenant: k < 20 ? 'acme' : 'globex',
        feature: k === 29 ? undefined : 'support-chat',
        output: `Answer number ${k}`,
      }),
    );
    interactions[3] = { ...interactions[3], output: 'Reset it under Settings → Security, 100% safe_mode' };
    interactions[4] = { ...interactions[4], input: 'Where is the FLUX capacitor?', output: 'In the car.' };
    const signals = [
      signal('int_03', { id: 'sig_a', type: 'thumbs', value: 1 }),
      signal('int_03', { id: 'sig_b', type: 'thumbs', value: 1, userId: 'u_2' }),
      signal('int_05', { id: 'sig_c', type: 'thumbs', value: -1 }),
      signal('int_05', { id: 'sig_d', kind: 'correction', type: 'edit', value: 'Better answer' }),
      signal('int_06', { id: 'sig_e', type: 'rating', value: 2 }),
      signal('int_07', { id: 'sig_f', type: 'rating', value: 5 }),
    ];
    const res = await fetch(`${fl.url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ interactions, signals }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => fl.close());

  it('lists newest first, with signals counted and no retrieved documents', async () => {
    const { status, body } = await list('limit=5');
    expect(status).toBe(200);
    expect(body.interactions.map((i: Listed) => i.id)).toEqual(['int_29', 'int_28', 'int_27', 'int_26', 'int_25']);
    expect(typeof body.nextCursor).toBe('string');
    const five = (await list('signalType=edit')).body.interactions[0];
    expect(five).toMatchObject({ id: 'int_05', thumbsDown: 1, thumbsUp: 0, signalCounts: { thumbs: 1, edit: 1 } });
    expect(five.context).toBeUndefined();
    expect(five.contextCount).toBe(1);
  });

  it('pages through everything once, ties on time broken by id', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body } = await list(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.interactions.map((i: Listed) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(30);
    // int_10 and int_11 share a time: the larger id comes first.
    expect(seen.indexOf('int_11')).toBe(seen.indexOf('int_10') - 1);
    expect(seen.slice(-3)).toEqual(['int_02', 'int_01', 'int_00']);
  });

  it('pages through a time window the same as one page, ties included, never past its end', async () => {
    const window = `from=${at(3)}&to=${at(20)}`;
    const whole = await ids(`${window}&limit=100`);
    expect(whole[0]).toBe('int_19');
    expect(whole).toContain('int_11');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await list(`${window}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...body.interactions.map((i: Listed) => i.id));
      cursor = body.nextCursor;
    } while (cursor !== null && paged.length < 100);
    expect(paged).toEqual(whole);
  });

  it('filters by time, dimensions ("" for not set) and the feedback received', async () => {
    expect(await ids(`from=${at(25)}&to=${at(28)}`)).toEqual(['int_27', 'int_26', 'int_25']);
    expect((await ids('tenant=globex&model=atlas-mini')).length).toBe(5);
    expect(await ids('feature=')).toEqual(['int_29']);
    expect(await ids('thumbs=up')).toEqual(['int_03']);
    expect(await ids('thumbs=down')).toEqual(['int_05']);
    expect(await ids('rating=1,2')).toEqual(['int_06']);
    expect(await ids('rating=5&model=atlas-mini')).toEqual(['int_07']);
    expect(await ids('signalType=rating')).toEqual(['int_07', 'int_06']);
    expect(await ids('userId=nobody')).toEqual([]);
  });

  it('searches input and output text case-insensitively, with % and _ taken literally', async () => {
    expect(await ids('q=flux')).toEqual(['int_04']);
    expect(await ids('q=SECURITY')).toEqual(['int_03']);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual(['int_03']);
    expect(await ids('q=safe_mode')).toEqual(['int_03']);
    expect(await ids('q=safe%25mode')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('number 1_')}`)).toEqual([]);
    expect(await ids('q=number 2&tenant=globex')).toEqual([
      'int_29',
      'int_28',
      'int_27',
      'int_26',
      'int_25',
      'int_24',
      'int_23',
      'int_22',
      'int_21',
      'int_20',
    ]);
  });

  it('needs a secret key', async () => {
    expect((await list('', null)).status).toBe(401);
    expect((await list('', fl.publicKey)).status).toBe(403);
  });

  it('answers bad parameters with 400 naming each field', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['from=yesterday', 'query.from'],
      [`from=${at(5)}&to=${at(1)}`, 'query.to'],
      ['thumbs=sideways', 'query.thumbs'],
      ['rating=6', 'query.rating'],
      ['cursor=not-a-cursor', 'query.cursor'],
      ['signalType=', 'query.signalType'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe('FL_VALIDATION');
      expect(JSON.stringify(body.error.errors), query).toContain(field);
    }
  });

  it('is described in /openapi.json', async () => {
    const doc = await (await fetch(`${fl.url}/openapi.json`)).json();
    const names = doc.paths['/v1/interactions'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['q', 'cursor', 'limit', 'thumbs', 'rating', 'signalType', 'tenant']));
  });
});
