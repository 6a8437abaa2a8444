import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointerToPath } from './field-path.js';

describe('pointerToPath', () => {
  it('renders indexes in brackets and keys with dots', () => {
    expect(pointerToPath('interactions[3]', '/input/0/role')).toBe('interactions[3].input[0].role');
    expect(pointerToPath('', '/createdAt')).toBe('createdAt');
    expect(pointerToPath('signals[0]', '')).toBe('signals[0]');
    expect(pointerToPath('x', '/a~1b/c~0d')).toBe('x.a/b.c~d');
  });

  it('keeps every key of the pointer, in order (property)', () => {
    const key = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(key, fc.nat({ max: 99 }).map(String)), { maxLength: 6 }), (segments) => {
        const path = pointerToPath('root', segments.map((s) => `/${s}`).join(''));
        const expected = segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
        expect(path).toBe(`root${expected}`);
      }),
    );
  });
});
