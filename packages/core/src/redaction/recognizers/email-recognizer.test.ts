import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const emailOnly = createRedactor({ recognizers: ['email'] });
const everything = createRedactor();
const redact = (text: string) => emailOnly.redactRecord([text]).texts[0];

describe('email recognizer', () => {
  it.each([
    ['ada@example.com', '<EMAIL_1>'],
    ['write to Ada.Lovelace+feedback@mail.example.co.uk.', 'write to <EMAIL_1>.'],
    ["o'brien@example.ie", '<EMAIL_1>'],
    ['user_name@sub-domain.example.org', '<EMAIL_1>'],
    ['josé@exämple.de', '<EMAIL_1>'],
    ['x@xn--80ak6aa92e.com or x@example.xn--p1ai', '<EMAIL_1> or <EMAIL_2>'],
    ['mailto:ada@example.com', 'mailto:<EMAIL_1>'],
    ['"ada@example.com", (bob@example.com)', '"<EMAIL_1>", (<EMAIL_2>)'],
    ['https://x.com/?email=ada@example.com&x=1', 'https://x.com/?email=<EMAIL_1>&x=1'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'user@localhost',
    'follow @feedloop on social',
    'a @ b.com',
    'ada@example',
    'ada@example.c',
    'price@5.00',
    'ada@-example.com',
  ])('leaves %j alone', (input) => {
    expect(everything.redactRecord([input]).texts[0]).toBe(input);
  });

  it('leaves the password of scheme://user:password@host to the URL recognizer', () => {
    expect(redact('postgres://app:hunter2@db.example.com/app')).toBe('postgres://app:hunter2@db.example.com/app');
  });
});
