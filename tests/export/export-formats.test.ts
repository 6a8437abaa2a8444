/**
 * Every line of every kind in every format passes both the exporter's validator and an independent
 * statement of the target's rules (format-rules.ts), and no planted PII survives in any of them.
 */
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportKind, validateLine } from '@feedloop/core';
import type { Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { ingestHistory, PII_EMAIL, PII_PHONE } from './export-history.js';
import { formatProblems } from './format-rules.js';
import { collect, request } from './run-export.js';

const targets = EXPORT_KINDS.flatMap((kind: ExportKind) => EXPORT_FORMATS[kind].map((format) => ({ kind, format })));

describe.each(backends())('export formats on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = await ingestHistory(store);
  });
  afterAll(() => store.close());

  it.each(targets)('$kind as $format: every line follows the format and carries no PII', async ({ kind, format }) => {
    const { text, lines, manifest } = await collect(store, request(projectId, kind, format));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(manifest.counts.written);
    for (const line of lines) {
      expect(validateLine(kind, format, line)).toEqual({ ok: true });
      expect(formatProblems(kind, format, line)).toEqual([]);
    }
    expect(text).not.toContain(PII_EMAIL);
    expect(text).not.toContain('555 0100');
    expect(text).not.toContain(PII_PHONE);
  });

  it('keeps placeholders consistent within one line: the same email is the same placeholder everywhere', async () => {
    const { lines } = await collect(store, request(projectId, 'dpo', 'openai'));
    const pii = lines.find((l) => JSON.stringify(l).includes('<EMAIL_1>'));
    expect(pii).toEqual({
      input: { messages: [{ role: 'user', content: 'My email is <EMAIL_1>, call me on <PHONE_1>' }] },
      preferred_output: [{ role: 'assistant', content: 'I will email <EMAIL_1> and call <PHONE_1>.' }],
      non_preferred_output: [{ role: 'assistant', content: 'Noted: I will email <EMAIL_1>.' }],
    });
  });

  it('runs redaction on every example before it is written, with the redactor it is given', async () => {
    const seen: string[][] = [];
    const { lines } = await collect(store, request(projectId, 'sft', 'trl-standard'), {
      redactor: {
        redactRecord: (texts) => {
          seen.push([...texts]);
          return { texts: texts.map((t) => t.replaceAll('Paris', '<CITY_1>')), report: {} };
        },
      },
    });
    expect(seen.length).toBeGreaterThanOrEqual(lines.length);
    expect(lines).toContainEqual({
      prompt: 'System: You are terse.\n\nUser: Capital of France?\n\nAssistant:',
      completion: '<CITY_1>.',
    });
  });
});
