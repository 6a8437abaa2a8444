import { createPiiDetector, type DetectorOptions } from './pii-detector.js';
import type { Detection, PiiType } from './pii-types.js';
import { findPlaceholders, formatPlaceholder } from './placeholders.js';
import { mergeReports, type RedactionReport } from './redaction-report.js';

/** Options for `createRedactor`: which recognizers run, the person-name list, the allow-list. */
export type RedactorOptions = DetectorOptions;

/**
 * Redacts the strings of one record (a training example's prompt, output, chosen, rejected…).
 * Within a session the same value always becomes the same placeholder, and distinct values of a type
 * are numbered in order of first appearance: the first email is `<EMAIL_1>`, the next `<EMAIL_2>`.
 */
export interface RedactionSession {
  /** Returns `text` with every detected value replaced by its numbered placeholder. */
  redact(text: string): string;
  /** Replacements made so far in this session, by type. */
  report(): RedactionReport;
}

/** The strings of one record after redaction, in input order, and what was replaced. */
export interface RedactedRecord {
  readonly texts: string[];
  readonly report: RedactionReport;
}

/** A compiled redaction configuration; create once, use for every record of an export. */
export interface Redactor {
  /** Starts a record: placeholders are numbered and kept consistent across its strings. */
  session(): RedactionSession;
  /** Redacts all strings of one record in a single session. */
  redactRecord(texts: readonly string[]): RedactedRecord;
  /** The spans a first redaction pass replaces in `text` (e.g. to highlight them); no numbering. */
  detect(text: string): Detection[];
}

// Replacing a value changes its neighbours' context (an SSN written right after a card number's
// digit groups only stands alone once the card is gone), so redaction repeats until nothing is
// found: the output is a fixed point, which makes redaction idempotent. Placeholders are never
// redacted into, so each pass shrinks the unredacted text and the loop ends; two passes are the
// most seen in practice, and the cap only guards against a bug.
const MAX_PASSES = 8;

/**
 * Creates the PII redactor used by every export and, optionally, at ingest.
 *
 * @example
 * const redactor = createRedactor({ personNames: ['Ada Lovelace'] });
 * const session = redactor.session();
 * session.redact('Ada Lovelace (ada@example.com) asked'); // '<PERSON_1> (<EMAIL_1>) asked'
 * session.redact('Reply to ada@example.com');             // 'Reply to <EMAIL_1>'
 * session.report();                                        // { EMAIL: 2, PERSON: 1 }
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const detect = createPiiDetector(options);
  const session = (): RedactionSession => createSession(detect);
  return {
    session,
    detect,
    redactRecord(texts) {
      const s = session();
      const redacted = texts.map((t) => s.redact(t));
      return { texts: redacted, report: s.report() };
    },
  };
}

function createSession(detect: (text: string) => Detection[]): RedactionSession {
  const numbers = new Map<string, number>();
  const taken = new Map<PiiType, Set<number>>();
  const counts: Partial<Record<PiiType, number>> = {};

  const takenFor = (type: PiiType): Set<number> => {
    let set = taken.get(type);
    if (set === undefined) {
      set = new Set();
      taken.set(type, set);
    }
    return set;
  };

  const placeholderFor = (d: Detection): string => {
    const id = `${d.type}\u0000${d.key}`;
    let n = numbers.get(id);
    if (n === undefined) {
      const used = takenFor(d.type);
      n = 1;
      while (used.has(n)) n++;
      used.add(n);
      numbers.set(id, n);
    }
    counts[d.type] = (counts[d.type] ?? 0) + 1;
    return formatPlaceholder(d.type, n);
  };

  return {
    redact(text) {
      let current = text;
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const found = detect(current);
        if (found.length === 0) break;
        // Placeholders already in the input (say, from redaction at ingest) keep their numbers, so
        // a new value never reuses one and reads as the same value.
        if (pass === 0) for (const p of findPlaceholders(current)) takenFor(p.type).add(p.n);
        current = replaceSpans(current, found, placeholderFor);
      }
      return current;
    },
    report: () => mergeReports(counts),
  };
}

function replaceSpans(text: string, spans: readonly Detection[], replacement: (d: Detection) => string): string {
  const parts: string[] = [];
  let position = 0;
  for (const d of spans) {
    parts.push(text.slice(position, d.start), replacement(d));
    position = d.end;
  }
  parts.push(text.slice(position));
  return parts.join('');
}
