import { describe, expect, it } from 'vitest';
import { type Detection, RECOGNIZER_IDS, type RecognizerId } from './pii-types.js';
import { resolveOverlaps } from './resolve-overlaps.js';

const span = (start: number, end: number, recognizer: RecognizerId = 'email'): Detection => ({
  start,
  end,
  recognizer,
  type: 'SECRET',
  key: `${recognizer}:${start}-${end}`,
});
const priority = (d: Detection) => RECOGNIZER_IDS.indexOf(d.recognizer);

describe('resolveOverlaps', () => {
  it('keeps the longest of overlapping spans', () => {
    const long = span(0, 10, 'entropy');
    expect(resolveOverlaps([span(2, 5, 'apiKey'), long, span(8, 12, 'apiKey')], priority)).toEqual([long]);
  });

  it('breaks a length tie by recognizer priority, then by the earlier start', () => {
    const phone = span(0, 5, 'phone');
    const ssn = span(0, 5, 'ssn');
    expect(resolveOverlaps([phone, ssn], priority)).toEqual([ssn]);
    const left = span(0, 5, 'ip');
    expect(resolveOverlaps([span(3, 8, 'ip'), left], priority)).toEqual([left]);
  });

  it('returns disjoint winners in text order, touching spans included', () => {
    const a = span(10, 12);
    const b = span(0, 5);
    const c = span(5, 10);
    expect(resolveOverlaps([a, b, c], priority)).toEqual([b, c, a]);
  });

  it('drops whatever touches a reserved span', () => {
    const free = span(20, 25);
    expect(resolveOverlaps([span(0, 30), span(8, 12), free], priority, [{ start: 10, end: 15 }])).toEqual([free]);
  });

  it('does not depend on the input order', () => {
    const input = [span(0, 4, 'phone'), span(2, 6, 'card'), span(5, 9, 'ip'), span(0, 4, 'iban')];
    const expected = resolveOverlaps(input, priority);
    expect(resolveOverlaps([...input].reverse(), priority)).toEqual(expected);
  });
});
