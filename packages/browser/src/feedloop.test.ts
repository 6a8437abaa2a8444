import { describe, expect, it } from 'vitest';
import { MAX_QUEUE, QUEUE_PREFIX } from './client.js';
import { FeedloopError } from './errors.js';
import { fakePlatform } from './fake-platform.test-helper.js';
import { createFeedloop } from './feedloop.js';

const setup = (storage?: Map<string, string>) => {
  const fake = fakePlatform(storage);
  const sdk = createFeedloop(() => fake.platform);
  const errors: FeedloopError[] = [];
  sdk.on('error', (e) => errors.push(e));
  return { fake, sdk, errors };
};
const options = { endpoint: 'https://fl.test/', publicKey: 'fl_pk_1', user: 'u_1', session: 's_1' };
const sentSignals = (fake: ReturnType<typeof fakePlatform>) => fake.posts.flatMap((p) => p.body.signals);

describe('thumbs', () => {
  it('toggles: the same thumb again sends 0, the other thumb switches', async () => {
    const { fake, sdk } = setup();
    sdk.init(options);
    const seen: number[] = [];
    sdk.subscribe(() => seen.push(sdk.getState('i1').thumb));
    sdk.thumbs('i1', 'up');
    sdk.thumbs('i1', 'up');
    sdk.thumbs('i1', 'down');
    sdk.thumbs('i1', 'up');
    expect(seen).toEqual([1, 0, -1, 1]);
    await sdk.flush();
    expect(sentSignals(fake).map((s) => s.value)).toEqual([1, 0, -1, 1]);
    expect(fake.posts[0]?.url).toBe('https://fl.test/v1/batch');
    expect(fake.posts[0]?.body.publicKey).toBe('fl_pk_1');
  });

  it('returns the same state object until it changes (useSyncExternalStore needs that)', () => {
    const { sdk } = setup();
    sdk.init(options);
    expect(sdk.getState('x')).toBe(sdk.getState('x'));
    sdk.rate('x', 4);
    const after = sdk.getState('x');
    expect(after).toEqual({ thumb: 0, rating: 4, commented: false });
    expect(sdk.getState('x')).toBe(after);
  });
});

describe('never throws into the page', () => {
  it('reports bad calls on the error event instead', () => {
    const { sdk, errors } = setup();
    sdk.thumbs('early', 'up');
    sdk.init(options);
    sdk.thumbs('i1', 'sideways' as 'up');
    sdk.rate('i1', 9 as 5);
    sdk.comment('i1', '   ');
    sdk.signal('acme:bookmark', 'i1');
    expect(errors.map((e) => e.code)).toEqual([
      'NOT_INITIALISED',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    ]);
    expect(errors.every((e) => e instanceof FeedloopError)).toBe(true);
  });
});

describe('signals', () => {
  it('builds the wire shape: kinds, values, metadata and tokens', async () => {
    const { fake, sdk } = setup();
    sdk.init({ ...options, tokens: { i1: 'tok_1' } });
    sdk.edit('i1', 'final', 'draft');
    sdk.regenerate('i1', 'i2');
    sdk.followUp('i2', 'i3');
    sdk.signal('acme:bookmark', 'i3', true, 'implicit');
    await sdk.flush();
    expect(fake.posts[0]?.body.signals).toEqual([
      expect.objectContaining({
        kind: 'correction',
        type: 'edit',
        value: 'final',
        metadata: { original: 'draft' },
        token: 'tok_1',
      }),
      expect.objectContaining({
        kind: 'implicit',
        type: 'regenerate',
        value: { newInteractionId: 'i2' },
        token: 'tok_1',
      }),
      expect.objectContaining({ kind: 'implicit', type: 'rephrase', interactionId: 'i2', value: { followUpId: 'i3' } }),
      expect.objectContaining({ kind: 'implicit', type: 'acme:bookmark', userId: 'u_1', sessionId: 's_1' }),
    ]);
    const ids = sentSignals(fake).map((s) => s.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('batches by interval, or at once when 20 are queued', async () => {
    const { fake, sdk } = setup();
    sdk.init({ ...options, flushIntervalMs: 5000 });
    sdk.thumbs('a', 'up');
    await fake.advance(4000);
    expect(fake.posts).toHaveLength(0);
    await fake.advance(1000);
    expect(fake.posts).toHaveLength(1);
    for (let i = 0; i < 20; i++) sdk.rate(`r${i}`, 3);
    await fake.advance(0);
    expect(fake.posts).toHaveLength(2);
    expect(fake.posts[1]?.body.signals).toHaveLength(20);
  });
});

describe('delivery', () => {
  it('retries with growing backoff on network errors and 5xx, then delivers once', async () => {
    const { fake, sdk } = setup();
    sdk.init(options);
    let failures = 3;
    fake.answerWith((sent) => {
      if (failures-- > 0) {
        if (failures === 1) return { status: 503, json: async () => ({}) };
        throw new TypeError('Failed to fetch');
      }
      return {
        status: 200,
        json: async () => ({ results: sent.body.signals.map((s) => ({ id: s.id, status: 'created' })) }),
      };
    });
    sdk.thumbs('i1', 'down');
    await expect(sdk.flush()).rejects.toMatchObject({ code: 'RETRYING' });
    // Equal jitter with random() = 0.5: 750 ms, then 1500 ms, then 3000 ms.
    expect(fake.pendingDelays()).toEqual([750]);
    await fake.advance(750);
    expect(fake.pendingDelays()).toEqual([1500]);
    await fake.advance(1500);
    expect(fake.pendingDelays()).toEqual([3000]);
    await fake.advance(3000);
    expect(fake.pendingDelays()).toEqual([]);
    expect(fake.posts).toHaveLength(4);
    await fake.advance(60_000);
    expect(fake.posts).toHaveLength(4);
    await sdk.flush();
    expect(new Set(sentSignals(fake).map((s) => s.id)).size).toBe(1);
  });

  it('retries at once when the browser comes back online', async () => {
    const { fake, sdk } = setup();
    sdk.init(options);
    fake.answerWith(() => Promise.reject(new TypeError('offline')));
    sdk.thumbs('i1', 'up');
    await fake.advance(2000);
    const before = fake.posts.length;
    fake.answerWith((sent) => ({
      status: 200,
      json: async () => ({ results: sent.body.signals.map((s) => ({ id: s.id, status: 'duplicate' })) }),
    }));
    fake.handlers.online?.();
    await fake.advance(0);
    expect(fake.posts.length).toBe(before + 1);
    expect([...fake.storage.keys()]).toEqual([]);
  });

  it('drops invalid items and refused requests with an error event; does not retry them', async () => {
    const { fake, sdk, errors } = setup();
    sdk.init(options);
    fake.answerWith((sent) => ({
      status: 200,
      json: async () => ({ results: sent.body.signals.map((s) => ({ id: s.id, status: 'invalid' })) }),
    }));
    sdk.comment('i1', 'hello');
    await sdk.flush();
    fake.answerWith(() => ({ status: 401, json: async () => ({}) }));
    sdk.comment('i1', 'again');
    await expect(sdk.flush()).rejects.toMatchObject({ code: 'REQUEST_REJECTED' });
    await fake.advance(120_000);
    expect(fake.posts).toHaveLength(2);
    expect(errors.map((e) => e.code)).toEqual(['ITEM_INVALID', 'REQUEST_REJECTED']);
  });

  it('on page hide, beacons the queue and keeps it persisted until acknowledged', async () => {
    const { fake, sdk } = setup();
    sdk.init({ ...options, flushIntervalMs: 60_000 });
    sdk.thumbs('i1', 'up');
    fake.handlers.hide?.();
    expect(fake.beacons).toHaveLength(1);
    expect(fake.beacons[0]?.body.signals[0]?.value).toBe(1);
    expect([...fake.storage.keys()]).toHaveLength(1);
  });
});

describe('persistent queue', () => {
  it('restores what a previous page left and sends it on init', async () => {
    const storage = new Map<string, string>();
    const first = setup(storage);
    first.sdk.init(options);
    first.fake.answerWith(() => Promise.reject(new TypeError('offline')));
    first.sdk.thumbs('i1', 'up');
    first.sdk.rate('i1', 5);
    await first.fake.advance(2000);
    expect([...storage.keys()].filter((k) => k.startsWith(QUEUE_PREFIX))).toHaveLength(1);

    const second = setup(storage);
    second.sdk.init(options);
    await second.fake.advance(0);
    expect(sentSignals(second.fake).map((s) => s.type)).toEqual(['thumbs', 'rating']);
    expect([...storage.keys()]).toEqual([]);
  });

  it(`keeps at most ${MAX_QUEUE} signals, dropping the oldest with an error event`, async () => {
    const { fake, sdk, errors } = setup();
    sdk.init(options);
    fake.answerWith(() => Promise.reject(new TypeError('offline')));
    for (let i = 0; i < MAX_QUEUE + 3; i++) sdk.rate(`i${i}`, 1);
    const stored = JSON.parse([...fake.storage.values()][0] ?? '[]') as { interactionId: string }[];
    expect(stored).toHaveLength(MAX_QUEUE);
    expect(stored[0]?.interactionId).toBe('i3');
    expect(errors.filter((e) => e.code === 'QUEUE_FULL')).toHaveLength(3);
  });
});

describe('consent', () => {
  it('off at init: nothing is queued, stored or sent; on later: new signals flow', async () => {
    const { fake, sdk } = setup();
    sdk.init({ ...options, consent: false });
    sdk.thumbs('i1', 'up');
    fake.handlers.hide?.();
    await sdk.flush();
    await fake.advance(10_000);
    expect(fake.posts).toEqual([]);
    expect(fake.beacons).toEqual([]);
    expect(fake.storage.size).toBe(0);
    sdk.setConsent(true);
    sdk.thumbs('i2', 'up');
    await sdk.flush();
    expect(sentSignals(fake).map((s) => s.interactionId)).toEqual(['i2']);
  });

  it('withdrawn: drops the queue, including its persisted copy', async () => {
    const { fake, sdk } = setup();
    sdk.init(options);
    fake.answerWith(() => Promise.reject(new TypeError('offline')));
    sdk.comment('i1', 'private');
    expect(fake.storage.size).toBe(1);
    sdk.setConsent(false);
    expect(fake.storage.size).toBe(0);
    await expect(sdk.flush()).resolves.toBeUndefined();
    await fake.advance(60_000);
    expect(fake.posts).toEqual([]);
  });
});
