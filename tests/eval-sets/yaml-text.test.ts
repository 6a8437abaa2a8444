/**
 * The hand-written YAML of promptfoo exports reads back as exactly the data written, for any strings —
 * quotes, colons, `#`, newlines, control characters, every Unicode plane — and stays inside the strict
 * subset `readYaml` accepts.
 */
import { toYaml, type YamlValue, yamlString } from '@feedloop/services';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYaml } from './read-yaml.js';

const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '- item',
    'a: b',
    '# not a comment',
    '"quoted"',
    "it's",
    '\\',
    '\u0085\u2028',
  ),
);
const key = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), text).filter((k) => k !== '__proto__');
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

const value: fc.Arbitrary<YamlValue> = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('toYaml', () => {
  it('reads back as the same data', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (doc) => {
        expect(readYaml(toYaml(doc, ['a comment', 'with: "anything"\nover lines']))).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });

  it('writes the shape promptfoo documents for a test case', () => {
    const yaml = toYaml({ tests: [{ vars: { input: 'Hi: "you"' }, assert: [{ type: 'similar', value: 'Hello' }] }] });
    expect(yaml).toBe(
      [
        'tests:',
        '  - vars:',
        '      input: "Hi: \\"you\\""',
        '    assert:',
        '      - type: "similar"',
        '        value: "Hello"',
        '',
      ].join('\n'),
    );
  });

  it('escapes what YAML may not hold raw, and replaces lone surrogates', () => {
    expect(yamlString('a\u0085b\u007fc\ufeff')).toBe('"a\\u0085b\\u007fc\\ufeff"');
    expect(readYaml(toYaml({ s: 'x\ud800y' }))).toEqual({ s: 'x\ufffdy' });
  });
});
