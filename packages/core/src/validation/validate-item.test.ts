import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SIGNAL_KIND } from '../wire/signal-types.js';
import { validateInteraction, validateSignal } from './validate-item.js';

const NOW = Date.parse('2026-11-21T00:00:00Z');
const base = { id: 'sig_1', interactionId: 'int_1' };

function errorsOf(item: unknown) {
  const result = validateSignal(item, 'signals[0]', NOW);
  return result.ok ? [] : result.errors;
}

describe('validateSignal', () => {
  it.each([
    ['thumbs', 1, 1],
    ['thumbs', -1, -1],
    ['thumbs', 0, 0],
    ['rating', 5, 5],
    ['dwell', 1500, 1500],
    ['outcome', { name: 'ticket_resolved', success: true }, 1],
    ['outcome', { success: false }, 0],
    ['comment', 'The link is broken', null],
    ['edit', 'Go to Settings → Account', null],
    ['copy', undefined, null],
    ['preference', { over: 'int_2' }, null],
  ])('accepts %s = %j and reads %j as its number', (type, value, valueNum) => {
    const result = validateSignal({ ...base, type, value }, 's', NOW);
    expect(result).toMatchObject({ ok: true, record: { type, valueNum, kind: BUILTIN_SIGNAL_KIND[type as 'thumbs'] } });
  });

  it.each([
    ['thumbs', 2, 'expected 1 (up), -1 (down) or 0 (taken back)'],
    ['thumbs', '1', 'expected 1 (up), -1 (down) or 0 (taken back)'],
    ['rating', 3.5, 'expected a whole number from 1 to 5'],
    ['rating', 0, 'expected a whole number from 1 to 5'],
    ['comment', '   ', 'expected non-empty text'],
    ['dwell', -5, 'expected milliseconds visible, a number >= 0'],
    ['outcome', true, 'expected an object like { "name": "ticket_resolved", "success": true }'],
    ['edit', 42, "expected the user's final text"],
    ['preference', 'int_2', 'expected { "over": "<id of the interaction it was preferred to>" }'],
  ])('refuses %s = %j, naming the value field', (type, value, reason) => {
    expect(errorsOf({ ...base, type, value })).toEqual([{ field: 'signals[0].value', reason }]);
  });

  it('infers the kind of a built-in type and refuses a contradicting one', () => {
    expect(validateSignal({ ...base, type: 'copy' }, 's', NOW)).toMatchObject({ record: { kind: 'implicit' } });
    expect(errorsOf({ ...base, type: 'edit', kind: 'explicit', value: 'x' })).toEqual([
      { field: 'signals[0].kind', reason: 'the kind of a "edit" signal is correction, not explicit' },
    ]);
  });

  it('accepts namespaced custom types with a kind, and refuses unknown bare types', () => {
    expect(validateSignal({ ...base, type: 'acme:bookmark', kind: 'implicit', value: { x: 1 } }, 's', NOW).ok).toBe(
      true,
    );
    expect(errorsOf({ ...base, type: 'acme:bookmark' })).toEqual([
      { field: 'signals[0].kind', reason: expect.stringContaining('required for a custom type') },
    ]);
    expect(errorsOf({ ...base, type: 'bookmark' })[0]?.field).toBe('signals[0].type');
  });

  it('treats types named like Object.prototype members as unknown types, not as built-ins', () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(errorsOf({ ...base, type })[0]?.field).toBe('signals[0].type');
    }
  });

  it('needs an interaction or a session', () => {
    expect(errorsOf({ id: 'x', type: 'copy' })[0]?.field).toBe('signals[0].interactionId');
    expect(validateSignal({ id: 'x', type: 'outcome', sessionId: 's_1', value: { success: true } }, 's', NOW).ok).toBe(
      true,
    );
  });

  it('reads time zones, refuses times without one, and takes a far-future client time as now', () => {
    const at = (createdAt: string) => validateSignal({ ...base, type: 'copy', createdAt }, 's', NOW);
    expect(at('2026-11-20T11:00:05+01:00')).toMatchObject({
      record: { createdAt: Date.parse('2026-11-20T10:00:05Z') },
    });
    expect(at('2026-11-20 10:00')).toMatchObject({ ok: false });
    expect(at('2026-11-20T10:00:00')).toMatchObject({ ok: false });
    expect(at('2030-01-01T00:00:00Z')).toMatchObject({ record: { createdAt: NOW } });
    expect(validateSignal({ ...base, type: 'copy' }, 's', NOW)).toMatchObject({ record: { createdAt: NOW } });
  });

  it('names nested fields in structural errors', () => {
    expect(errorsOf({ ...base, type: 'copy', id: 'has space' })).toEqual([
      { field: 'signals[0].id', reason: expect.stringContaining('visible ASCII') },
    ]);
    expect(errorsOf({ ...base, type: 'copy', metadata: 'x' })[0]?.field).toBe('signals[0].metadata');
  });

  it('never throws, and every error names a field inside the item (property)', () => {
    const item = fc.oneof(
      fc.anything(),
      fc.record(
        {
          id: fc.oneof(fc.string(), fc.constant('sig_1'), fc.integer()),
          interactionId: fc.oneof(fc.string(), fc.constant(null), fc.constant('int_1')),
          sessionId: fc.oneof(fc.string(), fc.constant(null)),
          kind: fc.oneof(fc.constantFrom('explicit', 'implicit', 'correction', 'outcome'), fc.string()),
          type: fc.oneof(fc.constantFrom(...Object.keys(BUILTIN_SIGNAL_KIND), 'acme:x'), fc.string()),
          value: fc.jsonValue(),
          createdAt: fc.oneof(
            fc.string(),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
          metadata: fc.oneof(fc.object(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(item, (candidate) => {
        const result = validateSignal(candidate, 'signals[7]', NOW);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) {
          expect(e.field.startsWith('signals[7]')).toBe(true);
          expect(e.reason.length).toBeGreaterThan(3);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed thumbs and rating, keeping the value (property)', () => {
    const item = fc.oneof(
      fc.record({ type: fc.constant('thumbs'), value: fc.constantFrom(1, -1, 0) }),
      fc.record({ type: fc.constant('rating'), value: fc.integer({ min: 1, max: 5 }) }),
    );
    fc.assert(
      fc.property(item, fc.stringMatching(/^[\x21-\x7e]{1,200}$/), (signal, id) => {
        const result = validateSignal({ ...signal, id, interactionId: 'int_1' }, 's', NOW);
        expect(result).toMatchObject({ ok: true, record: { id, value: signal.value, valueNum: signal.value } });
      }),
    );
  });
});

describe('validateInteraction', () => {
  it('normalises absent fields to null and keeps chat input and context', () => {
    const result = validateInteraction(
      { id: 'int_1', input: [{ role: 'user', content: 'Hi' }], context: [{ id: 'doc_7', score: 0.8 }] },
      'interactions[0]',
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      record: { id: 'int_1', tenant: null, output: null, createdAt: NOW, context: [{ id: 'doc_7', score: 0.8 }] },
    });
  });

  it('names each bad field', () => {
    const result = validateInteraction(
      { id: 'int_1', input: 42, tokensIn: -1, context: [{ text: 'no id' }] },
      'interactions[2]',
      NOW,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(
      ['interactions[2].context[0].id', 'interactions[2].input', 'interactions[2].tokensIn'].sort(),
    );
  });

  it('refuses an interaction that names itself as its parent', () => {
    expect(validateInteraction({ id: 'a', parentId: 'a' }, 'i', NOW)).toEqual({
      ok: false,
      errors: [{ field: 'i.parentId', reason: 'an interaction cannot regenerate itself' }],
    });
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (candidate) => {
        const result = validateInteraction(candidate, 'interactions[0]', NOW);
        if (!result.ok) for (const e of result.errors) expect(e.field.startsWith('interactions[0]')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
