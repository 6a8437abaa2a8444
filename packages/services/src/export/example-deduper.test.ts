import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExampleDeduper } from './example-deduper.js';

describe('ExampleDeduper', () => {
  it('never misses a line it has seen, and rarely (here: never) mistakes a new one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 200 }), (lines) => {
        const seen = new ExampleDeduper();
        const [first, ...rest] = lines;
        seen.add(first ?? '');
        for (const line of rest) expect(seen.has(line)).toBe(false);
        for (const line of rest) seen.add(line);
        for (const line of lines) expect(seen.has(line)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('estimates its false-positive rate from the count: negligible at a million lines', () => {
    const seen = new ExampleDeduper();
    expect(seen.falsePositiveRate()).toBe(0);
    for (let i = 0; i < 1000; i++) seen.add(`line ${i}`);
    expect(seen.falsePositiveRate()).toBeLessThan(1e-20);
  });
});
