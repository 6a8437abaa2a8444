import { describe, expect, it } from 'vitest';
import { createRedactor } from '../redactor.js';

const keysOnly = createRedactor({ recognizers: ['apiKey'] });
const redact = (text: string) => keysOnly.redactRecord([text]).texts[0];

// Sample keys are assembled at run time so that secret scanners on the repository do not flag them.
const b62 = 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz';
const keys: Array<[string, string]> = [
  ['OpenAI project', `sk-${'proj-'}${b62}${b62}`],
  ['OpenAI legacy', `sk-${b62}${b62.slice(0, 14)}`],
  ['Anthropic', `sk-${'ant-api03-'}${b62}${b62}_-AA`],
  ['AWS access key id', `AKIA${'IOSFODNN7EXAMPLE'}`],
  ['AWS session key id', `ASIA${'Y34FZKBOKMUTVV7A'}`],
  ['GitHub personal', `ghp_${b62}ab`],
  ['GitHub OAuth', `gho_${b62}ab`],
  ['GitHub server', `ghs_${b62}ab`],
  ['GitHub fine-grained', `github_${'pat_'}11ABCDEFG0${b62}_${b62}`],
  ['GitLab', `glpat-${b62.slice(0, 20)}`],
  ['Slack bot', `xoxb-${'1234567890-1234567890123-'}${b62.slice(0, 24)}`],
  ['Slack user', `xoxp-${'1234567890-1234567890123-'}${b62.slice(0, 24)}`],
  ['Stripe secret', `sk_${'live_'}${b62.slice(0, 24)}`],
  ['Stripe restricted', `rk_${'live_'}${b62.slice(0, 24)}`],
  ['Stripe publishable', `pk_${'live_'}${b62.slice(0, 24)}`],
  ['Google', `AIza${'Sy'}${b62.slice(0, 32)}-`],
  ['Hugging Face', `hf_${b62}`],
  ['Feedloop secret', `fl_${'sk_'}${b62.slice(0, 32)}`],
  ['Feedloop public', `fl_${'pk_'}${b62.slice(0, 32)}`],
  ['JWT', `eyJ${'hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${b62}`],
];

describe('API key recognizer', () => {
  it.each(keys)('redacts a %s key', (_name, key) => {
    expect(redact(`key: ${key}\n`)).toBe('key: <SECRET_1>\n');
    expect(redact(`"${key}"`)).toBe('"<SECRET_1>"');
    expect(redact(`Authorization: Bearer ${key}.`)).toBe('Authorization: Bearer <SECRET_1>.');
  });

  it('redacts a PEM private key block, header to footer', () => {
    const pem = [
      `-----BEGIN ${'RSA '}PRIVATE KEY-----`,
      'MIIEowIBAAKCAQEA7bq98cLKnvnbCFPZXvLaxPgGAhzNQ2kBHoB1RhMFvJ4xMT1Y',
      'kVhSxkH2w0vWcN1Df4u0kYj9Xh5n6GZVsX1b',
      `-----END ${'RSA '}PRIVATE KEY-----`,
    ].join('\n');
    expect(redact(`here:\n${pem}\nthanks`)).toBe('here:\n<SECRET_1>\nthanks');
  });

  it('redacts a PEM private key whose footer was cut off', () => {
    const header = `-----BEGIN ${'OPENSSH '}PRIVATE KEY-----`;
    expect(redact(`${header}\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nb3Bl\n`)).toBe('<SECRET_1>\n');
  });

  it.each([
    'sk-short',
    'AKIA1234',
    'risk-adjusted-return-calculation-model',
    'ghp_tooShort',
    'eyJhbGciOiJIUzI1NiJ9',
    '-----BEGIN PUBLIC KEY-----',
    'xoxb-',
  ])('leaves %j alone', (input) => {
    expect(redact(input)).toBe(input);
  });
});
