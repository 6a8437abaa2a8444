/**
 * The kinds of personal or secret data the redactor replaces, in the order reports list them.
 * Each becomes a numbered placeholder such as `<EMAIL_1>`.
 */
export const PII_TYPES = ['EMAIL', 'PHONE', 'CARD', 'IBAN', 'SSN', 'IP', 'SECRET', 'PERSON'] as const;

export type PiiType = (typeof PII_TYPES)[number];

/**
 * The recognizers, in priority order: when two candidates cover spans of the same length, the one
 * whose recognizer comes first wins. Provider keys outrank the entropy guess because they are certain.
 */
export const RECOGNIZER_IDS = [
  'apiKey',
  'urlSecret',
  'email',
  'iban',
  'card',
  'ssn',
  'ip',
  'phone',
  'person',
  'entropy',
] as const;

export type RecognizerId = (typeof RECOGNIZER_IDS)[number];

/** One span of `text` that a recognizer found, validated, and wants replaced. */
export interface Detection {
  /** Offset of the first UTF-16 code unit, inclusive. */
  readonly start: number;
  /** Offset after the last code unit, exclusive. */
  readonly end: number;
  readonly type: PiiType;
  readonly recognizer: RecognizerId;
  /** The value normalised for identity (e.g. card digits only), so one value gets one placeholder. */
  readonly key: string;
}

/** Finds one kind of PII. Implementations compile their patterns once and scan in linear time. */
export interface Recognizer {
  readonly id: RecognizerId;
  /** Appends every validated match in `text` to `out` (appending avoids an array per call). */
  detect(text: string, out: Detection[]): void;
}
