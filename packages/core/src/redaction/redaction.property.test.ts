import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';

// Property tests: planted values never survive, ordinary text passes unchanged, placeholders are
// consistent within a record, and redaction is idempotent. Generators compute check digits
// themselves (not with the code under test), so a wrong checksum in either place shows up.

const redactor = createRedactor({ personNames: ['Ada Lovelace', 'Grace Hopper'] });
const redact = (text: string): string => redactor.redactRecord([text]).texts[0] ?? '';
const PLACEHOLDER = /<(?:EMAIL|CARD)_\d+>/g;

// ---- ordinary text ---------------------------------------------------------------------------

const WORDS = (
  'the answer was helpful thanks model feedback broken link citation please retry settings account ' +
  'summary report latency great not really why how do I reset my password order ticket resolved ' +
  'invoice version release chart dashboard token key email phone card secret'
).split(' ');
// Things that look numeric but are not PII: dates, times, prices, versions, counts.
const HARMLESS =
  '2024 2024-01-15 15/01/2024 10:30 $12.50 v1.2.3 3.14 #123 50% 1,000 Q3 p95 e.g. top-3 gpt-4o A/B'.split(' ');
const SEPARATORS = [' ', ', ', '. ', '\n', ' - ', ': ', '; ', '! ', '? ', ' "', '" '];

const word = fc
  .tuple(fc.constantFrom(...WORDS), fc.constantFrom('lower', 'Capital', 'UPPER'))
  .map(([w, style]) =>
    style === 'lower' ? w : style === 'UPPER' ? w.toUpperCase() : w[0]?.toUpperCase() + w.slice(1),
  );
const token = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 99 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom(...HARMLESS) },
);
const separator = fc.constantFrom(...SEPARATORS);
const ordinaryText = fc
  .array(fc.tuple(token, separator), { maxLength: 30 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** `value` between two stretches of ordinary text, with separators so it stands as its own token. */
const plantedIn = (value: fc.Arbitrary<string>) =>
  fc
    .tuple(ordinaryText, separator, value, separator, ordinaryText)
    .map(([before, s1, v, s2, after]) => ({ value: v, text: before + s1 + v + s2 + after }));

// ---- PII generators --------------------------------------------------------------------------

const email = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._+-]{0,20}$/),
    fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .map(([local, labels, tld]) => `${local}@${labels.join('.')}.${tld}`);

function luhnCheckDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // The rightmost payload digit sits second from the right once the check digit is appended, so
    // it and every other digit leftwards are doubled.
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const BRANDS: ReadonlyArray<{ prefix: string; length: number; groups: number[] }> = [
  { prefix: '4', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '4', length: 13, groups: [4, 4, 4, 1] },
  { prefix: '51', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '55', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '2221', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '2720', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '34', length: 15, groups: [4, 6, 5] },
  { prefix: '37', length: 15, groups: [4, 6, 5] },
  { prefix: '6011', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '65', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '3528', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '36', length: 14, groups: [4, 6, 4] },
  { prefix: '62', length: 19, groups: [4, 4, 4, 4, 3] },
];

const card = fc
  .tuple(fc.constantFrom(...BRANDS), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }))
  .chain(([brand, randomDigits]) => {
    const payload = (brand.prefix + randomDigits.join('')).slice(0, brand.length - 1);
    const digits = payload + luhnCheckDigit(payload);
    const grouped = (sep: string) => {
      const parts: string[] = [];
      let at = 0;
      for (const size of brand.groups) {
        parts.push(digits.slice(at, at + size));
        at += size;
      }
      return parts.join(sep);
    };
    return fc.constantFrom(digits, grouped(' '), grouped('-'));
  });

const IBAN_COUNTRIES = 'DE22 GB22 FR27 NL18 NO15 BE16 CH21 ES24 IT27 PL28 MT31 LC32 RU33'
  .split(' ')
  .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const);

function ibanCheckDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}

const iban = fc
  .tuple(
    fc.constantFrom(...IBAN_COUNTRIES),
    fc.array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), { minLength: 30, maxLength: 30 }),
    fc.boolean(),
  )
  .map(([[country, length], chars, spaced]) => {
    const bban = chars.join('').slice(0, length - 4);
    const compact = country + ibanCheckDigits(country, bban) + bban;
    return spaced ? (compact.match(/.{1,4}/g) ?? []).join(' ') : compact;
  });

const B62 = 'A-Za-z0-9';
const providerKey = fc.oneof(
  fc.stringMatching(new RegExp(`^sk-(?:proj-|svcacct-|ant-api03-)?[${B62}_-]{40,80}$`)),
  fc.stringMatching(/^(?:AKIA|ASIA)[A-Z0-9]{16}$/),
  fc.stringMatching(new RegExp(`^gh[pousr]_[${B62}]{36}$`)),
  fc.stringMatching(new RegExp(`^github_pat_[${B62}_]{82}$`)),
  fc.stringMatching(new RegExp(`^xox[bp]-[0-9]{10,13}-[0-9]{10,13}-[${B62}]{24}$`)),
  fc.stringMatching(new RegExp(`^(?:sk|rk|pk)_live_[${B62}]{24,99}$`)),
  fc.stringMatching(new RegExp(`^AIza[${B62}_-]{35}$`)),
  fc.stringMatching(new RegExp(`^eyJ[${B62}_-]{10,40}\\.eyJ[${B62}_-]{10,60}\\.[${B62}_-]{20,43}$`)),
  fc.stringMatching(new RegExp(`^fl_(?:sk|pk)_[${B62}]{32}$`)),
);

// ---- properties ------------------------------------------------------------------------------

describe('redaction properties', () => {
  it.each([
    ['emails', email],
    ['Luhn-valid cards', card],
    ['mod-97-valid IBANs', iban],
    ['provider-prefixed keys', providerKey],
  ] as const)('never lets planted %s survive', (_name, value) => {
    fc.assert(
      fc.property(plantedIn(value), ({ value: v, text }) => {
        const out = redact(text);
        expect(out).not.toContain(v);
        // Cards and IBANs must not survive with their separators taken out either.
        if (/^[\d -]+$/.test(v) || /^[A-Z]{2}\d\d/.test(v))
          expect(out.replace(/[ -]/g, '')).not.toContain(v.replace(/[ -]/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('passes text without PII through unchanged', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(redact(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a value the same placeholder everywhere in a record, distinct values distinct ones, numbered from 1', () => {
    const values = fc.uniqueArray(fc.oneof(email, card), {
      minLength: 1,
      maxLength: 5,
      selector: (v) => v.toLowerCase().replace(/[ -]/g, ''),
    });
    const record = values.chain((vs) =>
      fc.tuple(fc.constant(vs), fc.array(fc.nat({ max: vs.length - 1 }), { minLength: 1, maxLength: 12 })),
    );
    fc.assert(
      fc.property(record, ([vs, picks]) => {
        // One string per pick (consistency across a record's strings), then all picks in one string.
        const session = redactor.session();
        const separate = picks.map((i) => session.redact(`see ${vs[i]} here`));
        const together = redactor.session().redact(picks.map((i) => `see ${vs[i]} here`).join('\n'));
        for (const placeholders of [separate.join('\n'), together].map((t) => t.match(PLACEHOLDER) ?? [])) {
          expect(placeholders).toHaveLength(picks.length);
          for (let a = 0; a < picks.length; a++) {
            for (let b = 0; b < picks.length; b++) {
              expect(placeholders[a] === placeholders[b]).toBe(picks[a] === picks[b]);
            }
          }
          // Per type, each new placeholder takes the next number: the first is _1.
          const next: Record<string, number> = { EMAIL: 1, CARD: 1 };
          for (const p of new Set(placeholders)) {
            const [, type = '', n] = /^<(\w+)_(\d+)>$/.exec(p) ?? [];
            expect(Number(n)).toBe(next[type]);
            next[type] = (next[type] ?? 0) + 1;
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is idempotent, on text with PII and on arbitrary strings', () => {
    const pii = fc.oneof(
      email,
      card,
      iban,
      providerKey,
      fc.ipV4(),
      fc.ipV6(),
      fc.constantFrom('+44 20 7946 0958', '123-45-6789', 'Ada Lovelace'),
    );
    const mixed = fc
      .array(fc.oneof(ordinaryText, pii, fc.string({ maxLength: 20 })), { maxLength: 8 })
      .chain((parts) =>
        fc.tuple(fc.constant(parts), fc.array(separator, { minLength: parts.length, maxLength: parts.length })),
      )
      .map(([parts, seps]) => parts.map((p, i) => p + (seps[i] ?? '')).join(''));
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const once = redact(text);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
