import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const entropyOnly = createRedactor({ recognizers: ['entropy'] });
const redact = (text: string) => entropyOnly.redactRecord([text]).texts[0];

describe('high-entropy recognizer', () => {
  it.each([
    'aK9dF2mQ7xLp0ZrT3vYb',
    'k7Qz/9xLmP2+vRt4Wb8nYc1Hd6Js0Fg3',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq3Lk8Tb2',
    'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==',
    'tok_9fKq2LmZ8xRv3WnB7yHc',
    '1AbCdEfGhIjKlMnOpQrStUvWxYz12345',
  ])('redacts %j', (token) => {
    expect(redact(`secret ${token} here`)).toBe('secret <SECRET_1> here');
  });

  it('keeps a parameter name out of the token and base64 padding in it', () => {
    expect(redact('token=aK9dF2mQ7xLp0ZrT3vYb&x=1')).toBe('token=<SECRET_1>&x=1');
    expect(redact('aK9dF2mQ7xLp0ZrT3vYb==.')).toBe('<SECRET_1>.');
  });

  it('judges the segments of a path one by one', () => {
    const sha = '4f3c2a1b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a';
    const blob = `https://github.com/feedloop/feedloop/blob/${sha}/README.md`;
    expect(redact(blob)).toBe(blob);
    expect(redact('https://x.com/files/aK9dF2mQ7xLp0ZrT3vYb/view')).toBe('https://x.com/files/<SECRET_1>/view');
  });

  it.each([
    ['getUserProfileById2024', 'a camelCase identifier'],
    ['XMLHttpRequestV2Handler', 'an identifier with an acronym'],
    ['550e8400-e29b-41d4-a716-446655440000', 'a UUID'],
    ['da39a3ee5e6b4b0d3255bfef95601890afd80709', 'a hex digest'],
    ['ALLCAPS_CONSTANT_NAME_2024', 'an upper-case constant'],
    ['aA1aA1aA1aA1aA1aA1aA1aA1', 'a repeated pattern'],
    ['short1Ab', 'a short token'],
    ['claude-3-5-Sonnet-20241022', 'a model name'],
    ['supercalifragilisticexpialidocious', 'a long word'],
    ['Feedback-model-answer-2024-Good', 'words joined by dashes'],
    ['/Users/JohnSmith/Projects/2024', 'a file path'],
  ])('leaves %j alone (%s)', (token) => {
    expect(redact(token)).toBe(token);
  });
});
