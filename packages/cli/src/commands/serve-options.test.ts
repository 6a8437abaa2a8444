import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEverySeconds } from './serve.js';

describe('parseEverySeconds', () => {
  it('reads whole seconds as milliseconds, 0 included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom('', ' '), (seconds, pad) => {
        expect(parseEverySeconds('--theme-assign-every', `${pad}${seconds}${pad}`)).toBe(seconds * 1000);
      }),
    );
  });

  it('rejects anything else, naming the flag and what it expected', () => {
    const notWhole = fc.string().filter((s) => !/^[0-9]{1,9}$/.test(s.trim()));
    fc.assert(
      fc.property(
        fc.oneof(notWhole, fc.constantFrom('-1', '1.5', '5m', '1e3', '', '   ', '0x10', '1234567890')),
        (value) => {
          expect(() => parseEverySeconds('--theme-assign-every', value)).toThrow(
            /^--theme-assign-every: expected a whole number of seconds \(0 for never\), got /,
          );
        },
      ),
    );
  });
});
