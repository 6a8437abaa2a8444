import type { RedactionReport } from '../redaction/redaction-report.js';
import type { ExportKind } from './export-formats.js';
import { type ExampleOf, TRAINING_CODECS } from './training-codecs.js';

/**
 * What the exporter needs from a redactor: redact all strings of one record in a single session, so a
 * value gets the same placeholder in the prompt, the chosen and the rejected answer. `createRedactor()`
 * from the redaction engine is one.
 */
export interface RecordRedactor {
  redactRecord(texts: readonly string[]): { readonly texts: readonly string[]; readonly report: RedactionReport };
}

/**
 * The example with PII replaced by placeholders that are consistent across all of its strings.
 *
 * @example
 * redactExample('dpo', { prompt: [{ role: 'user', content: 'Mail ada@example.com' }], chosen: 'Sent to ada@example.com', rejected: 'No.' }, createRedactor());
 * // { example: { prompt: [{ role: 'user', content: 'Mail <EMAIL_1>' }], chosen: 'Sent to <EMAIL_1>', rejected: 'No.' }, report: { EMAIL: 2 } }
 */
export function redactExample<K extends ExportKind>(
  kind: K,
  example: ExampleOf[K],
  redactor: RecordRedactor,
): { example: ExampleOf[K]; report: RedactionReport } {
  const codec = TRAINING_CODECS[kind];
  const { texts, report } = redactor.redactRecord(codec.texts(example));
  return { example: codec.withTexts(example, texts), report };
}
