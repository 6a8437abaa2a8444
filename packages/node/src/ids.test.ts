import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Generator } from './ids.js';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('makes RFC 9562 version-7 ids that carry the time', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    const id = uuidv7Generator()(now);
    expect(id).toMatch(UUIDV7);
    expect(millisOf(id)).toBe(now);
    expect(uuidv7()).toMatch(UUIDV7);
  });

  it('orders ids by creation even within one millisecond and when the clock steps back', () => {
    const clock = fc.array(fc.integer({ min: 0, max: 2 ** 47 }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(clock, (times) => {
        const next = uuidv7Generator();
        const ids = times.map((t) => next(t));
        for (const id of ids) expect(id).toMatch(UUIDV7);
        expect([...ids].sort()).toEqual(ids);
        expect(new Set(ids).size).toBe(ids.length);
        for (const [i, id] of ids.entries()) expect(millisOf(id)).toBeGreaterThanOrEqual(times[i]!);
      }),
    );
  });

  it('stays ordered past the per-millisecond counter', () => {
    const next = uuidv7Generator();
    const ids = Array.from({ length: 10_000 }, () => next(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
