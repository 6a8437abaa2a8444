import { type Detection, RECOGNIZER_IDS, type Recognizer, type RecognizerId } from './pii-types.js';
import { findPlaceholders } from './placeholders.js';
import { apiKeyRecognizer } from './recognizers/api-key-recognizer.js';
import { cardRecognizer } from './recognizers/card-recognizer.js';
import { emailRecognizer } from './recognizers/email-recognizer.js';
import { entropyRecognizer } from './recognizers/entropy-recognizer.js';
import { ibanRecognizer } from './recognizers/iban-recognizer.js';
import { ipRecognizer } from './recognizers/ip-recognizer.js';
import { createPersonRecognizer } from './recognizers/person-recognizer.js';
import { phoneRecognizer } from './recognizers/phone-recognizer.js';
import { ssnRecognizer } from './recognizers/ssn-recognizer.js';
import { urlSecretRecognizer } from './recognizers/url-secret-recognizer.js';
import { resolveOverlaps } from './resolve-overlaps.js';

/** What to look for. Every field is optional; the defaults redact everything the engine knows. */
export interface DetectorOptions {
  /** Recognizers to run (default: all of `RECOGNIZER_IDS`). */
  readonly recognizers?: readonly RecognizerId[];
  /** Names the `person` recognizer redacts; without a list it finds nothing. */
  readonly personNames?: readonly string[];
  /** Values never redacted (compared case-insensitively with the matched text), e.g. a support address. */
  readonly allow?: readonly string[];
}

/** Finds the spans to redact in one text: non-overlapping, in text order, never inside a placeholder. */
export type PiiDetector = (text: string) => Detection[];

const PRIORITY = new Map<RecognizerId, number>(RECOGNIZER_IDS.map((id, i) => [id, i]));
const byPriority = (d: Detection): number => PRIORITY.get(d.recognizer) ?? RECOGNIZER_IDS.length;

/** Compiles the options once into a detector that is then called for every text. */
export function createPiiDetector(options: DetectorOptions = {}): PiiDetector {
  const recognizers = selectRecognizers(options);
  const allow = new Set((options.allow ?? []).map((v) => v.toLowerCase()));
  return (text) => {
    const candidates: Detection[] = [];
    for (const recognizer of recognizers) recognizer.detect(text, candidates);
    const kept =
      allow.size === 0 ? candidates : candidates.filter((d) => !allow.has(text.slice(d.start, d.end).toLowerCase()));
    return resolveOverlaps(kept, byPriority, findPlaceholders(text));
  };
}

function selectRecognizers(options: DetectorOptions): Recognizer[] {
  const all: Record<RecognizerId, Recognizer> = {
    apiKey: apiKeyRecognizer,
    urlSecret: urlSecretRecognizer,
    email: emailRecognizer,
    iban: ibanRecognizer,
    card: cardRecognizer,
    ssn: ssnRecognizer,
    ip: ipRecognizer,
    phone: phoneRecognizer,
    person: createPersonRecognizer(options.personNames ?? []),
    entropy: entropyRecognizer,
  };
  const wanted = options.recognizers ?? RECOGNIZER_IDS;
  for (const id of wanted) {
    // Options may come from a config file, where the type system cannot help.
    if (!PRIORITY.has(id)) {
      throw new RangeError(
        `Unknown recognizer "${String(id)}" in redaction options; known: ${RECOGNIZER_IDS.join(', ')}`,
      );
    }
  }
  return RECOGNIZER_IDS.filter((id) => wanted.includes(id)).map((id) => all[id]);
}
