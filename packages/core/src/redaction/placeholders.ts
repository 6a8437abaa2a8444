import { PII_TYPES, type PiiType } from './pii-types.js';

/** A placeholder already present in a text, e.g. `<EMAIL_2>` from an earlier redaction. */
export interface PlaceholderSpan {
  readonly start: number;
  readonly end: number;
  readonly type: PiiType;
  readonly n: number;
}

// Only our own types: text like `<div_1>` is ordinary content, not a placeholder to protect.
const PLACEHOLDER = new RegExp(`<(${PII_TYPES.join('|')})_([1-9][0-9]{0,8})>`, 'g');

/** The placeholder for the `n`-th distinct value of `type` in a record: `<EMAIL_1>`, `<EMAIL_2>`… */
export function formatPlaceholder(type: PiiType, n: number): string {
  return `<${type}_${n}>`;
}

/** Every placeholder in `text`, in order. Recognizers never redact inside these spans. */
export function findPlaceholders(text: string): PlaceholderSpan[] {
  const spans: PlaceholderSpan[] = [];
  if (!text.includes('<')) return spans;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m !== null; m = PLACEHOLDER.exec(text)) {
    spans.push({ start: m.index, end: m.index + m[0].length, type: m[1] as PiiType, n: Number(m[2]) });
  }
  return spans;
}
