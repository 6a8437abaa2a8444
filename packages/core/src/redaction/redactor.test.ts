import { describe, expect, it } from 'vitest';
import { mergeReports } from './redaction-report.js';
import { createRedactor } from './redactor.js';

describe('createRedactor', () => {
  it('numbers values per type in order of first appearance, starting at 1', () => {
    const { texts } = createRedactor().redactRecord([
      'ada@example.com, bob@example.com, ada@example.com; call 415-555-2671 or bob@example.com',
    ]);
    expect(texts[0]).toBe('<EMAIL_1>, <EMAIL_2>, <EMAIL_1>; call <PHONE_1> or <EMAIL_2>');
  });

  it('keeps placeholders consistent across the strings of one record, and restarts for the next', () => {
    const redactor = createRedactor();
    const session = redactor.session();
    expect(session.redact('prompt from bob@example.com')).toBe('prompt from <EMAIL_1>');
    expect(session.redact('chosen: ask ada@example.com')).toBe('chosen: ask <EMAIL_2>');
    expect(session.redact('rejected: ask bob@example.com')).toBe('rejected: ask <EMAIL_1>');
    expect(redactor.session().redact('ada@example.com')).toBe('<EMAIL_1>');
  });

  it('reports replacements by type, per record', () => {
    const record = createRedactor().redactRecord([
      'card 4111 1111 1111 1111, mail ada@example.com',
      'again ada@example.com from 192.168.1.1',
    ]);
    expect(record.report).toEqual({ EMAIL: 2, CARD: 1, IP: 1 });
    expect(createRedactor().redactRecord(['nothing here']).report).toEqual({});
  });

  it('merges reports for an export manifest, in a stable key order', () => {
    const merged = mergeReports({ SECRET: 1, EMAIL: 2 }, {}, { EMAIL: 1, CARD: 3 });
    expect(merged).toEqual({ EMAIL: 3, CARD: 3, SECRET: 1 });
    expect(Object.keys(merged)).toEqual(['EMAIL', 'CARD', 'SECRET']);
    expect(mergeReports()).toEqual({});
  });

  it('never redacts allow-listed values, compared case-insensitively', () => {
    const redactor = createRedactor({ allow: ['Support@Feedloop.dev'] });
    expect(redactor.redactRecord(['mail support@feedloop.dev or ada@example.com']).texts[0]).toBe(
      'mail support@feedloop.dev or <EMAIL_1>',
    );
  });

  it('runs only the recognizers asked for, and names an unknown one', () => {
    const emailOnly = createRedactor({ recognizers: ['email'] });
    expect(emailOnly.redactRecord(['ada@example.com 415-555-2671']).texts[0]).toBe('<EMAIL_1> 415-555-2671');
    expect(() => createRedactor({ recognizers: ['email', 'passport' as 'email'] })).toThrow(
      /Unknown recognizer "passport"/,
    );
  });

  it('leaves existing placeholders alone and does not reuse their numbers', () => {
    const session = createRedactor().session();
    expect(session.redact('<EMAIL_1> wrote to bob@example.com')).toBe('<EMAIL_1> wrote to <EMAIL_2>');
    expect(session.report()).toEqual({ EMAIL: 1 });
  });

  it('is idempotent on its own output', () => {
    const redactor = createRedactor({ personNames: ['Ada Lovelace'] });
    const once = redactor.redactRecord([
      'Ada Lovelace <ada@example.com>, https://x.com/cb?token=abc123&sig=9f, 4111 1111 1111 1111, +44 20 7946 0958',
    ]).texts[0];
    expect(once).toBe('<PERSON_1> <<EMAIL_1>>, https://x.com/cb?token=<SECRET_1>&sig=<SECRET_2>, <CARD_1>, <PHONE_1>');
    expect(redactor.redactRecord([once]).texts[0]).toBe(once);
  });

  it('redacts again what only stands alone once its neighbour is gone', () => {
    // The SSN continues the card's space-separated digit groups, so it only stands alone (and is
    // recognised) once the card is replaced.
    expect(createRedactor().redactRecord(['4111 1111 1111 1111 123 45 6789']).texts[0]).toBe('<CARD_1> <SSN_1>');
  });

  it('resolves overlaps without nesting placeholders', () => {
    const redactor = createRedactor();
    // The whole token is an API key and a high-entropy string: one placeholder, never two.
    const key = `sk-${'proj-'}aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz`;
    expect(redactor.redactRecord([`?token=${key}`]).texts[0]).toBe('?token=<SECRET_1>');
    // An email address inside a URL wins over the URL's host looking like anything else.
    expect(redactor.redactRecord(['https://x.com/u/ada@example.com']).texts[0]).toBe('https://x.com/u/<EMAIL_1>');
  });

  it('exposes the spans it would replace', () => {
    expect(createRedactor().detect('mail ada@example.com now')).toEqual([
      { start: 5, end: 20, type: 'EMAIL', recognizer: 'email', key: 'ada@example.com' },
    ]);
  });

  it('copes with large adversarial inputs (regexes without catastrophic backtracking)', () => {
    const redactor = createRedactor({ personNames: ['Ada Lovelace'] });
    const inputs = [
      '1-'.repeat(50_000),
      '1 '.repeat(50_000),
      '1-1 '.repeat(25_000),
      'a.'.repeat(50_000),
      `${'a'.repeat(100_000)}@`,
      `x@${'a-'.repeat(50_000)}`,
      ':'.repeat(100_000),
      'aB3'.repeat(40_000),
      `https://${'a:'.repeat(50_000)}`,
      `?token=${'a'.repeat(100_000)}`,
      `-----BEGIN PRIVATE KEY-----${'A'.repeat(100_000)}`,
      'Ada '.repeat(30_000),
    ];
    for (const input of inputs) {
      expect(redactor.redactRecord([input]).texts[0]?.length).toBeGreaterThan(0);
    }
  });
});
