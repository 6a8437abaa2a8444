import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const urlOnly = createRedactor({ recognizers: ['urlSecret'] });
const redact = (text: string) => urlOnly.redactRecord([text]).texts[0];

describe('URL secret recognizer', () => {
  it.each([
    ['https://x.com/cb?token=abc123&lang=en', 'https://x.com/cb?token=<SECRET_1>&lang=en'],
    ['https://api.example.com/v1?api_key=AbC123', 'https://api.example.com/v1?api_key=<SECRET_1>'],
    ['/callback#access_token=ya29.a0AfH6&state=xyz', '/callback#access_token=<SECRET_1>&state=xyz'],
    [
      'https://b.s3.amazonaws.com/f.pdf?X-Amz-Signature=abcdef0123',
      'https://b.s3.amazonaws.com/f.pdf?X-Amz-Signature=<SECRET_1>',
    ],
    [
      'https://a.blob.core.windows.net/c/f?sv=2022-11-02&sig=AbCd%2Bef%3D',
      'https://a.blob.core.windows.net/c/f?sv=2022-11-02&sig=<SECRET_1>',
    ],
    ['see https://x.com/oauth?code=4/0AX4Xf.', 'see https://x.com/oauth?code=<SECRET_1>.'],
    ['?client_secret=s3cr3t&password=hunter2', '?client_secret=<SECRET_1>&password=<SECRET_2>'],
    ['<a href="/r?x=1&amp;session=9f8e7d">', '<a href="/r?x=1&amp;session=<SECRET_1>">'],
    ['postgres://app:hunter2@db.internal:5432/app', 'postgres://app:<SECRET_1>@db.internal:5432/app'],
    ['https://u:p%40ss@x.com/ and ?token=p%40ss', 'https://u:<SECRET_1>@x.com/ and ?token=<SECRET_1>'],
  ])('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'https://x.com/search?q=hello&page=2',
    'https://x.com/cb?token=',
    'token=abc123 outside a URL',
    'https://user@x.com/',
    'https://x.com:8080/path?lang=en#section-2',
    'https://x.com/cb?promo_code=SPRING&zip=94107',
  ])('leaves %j alone', (input) => {
    expect(redact(input)).toBe(input);
  });
});
