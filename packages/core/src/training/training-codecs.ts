import type { ExportFormatOf, ExportKind } from './export-formats.js';
import { formatDpo } from './format-dpo.js';
import { formatKto } from './format-kto.js';
import { formatSft } from './format-sft.js';
import type { LineCheck } from './line-check.js';
import type { PreferenceExample, SftExample, TrainingMessage, UnpairedExample } from './training-example.js';
import { validateDpoLine } from './validate-dpo.js';
import { validateKtoLine } from './validate-kto.js';
import { validateSftLine } from './validate-sft.js';

/** The neutral example of each kind. */
export interface ExampleOf {
  sft: SftExample;
  dpo: PreferenceExample;
  kto: UnpairedExample;
}

/** Everything the exporter needs to know about one kind, so its pipeline is the same for all three. */
export interface TrainingCodec<K extends ExportKind> {
  /** Every string of the example in a fixed order — prompt contents first — so one redaction covers all. */
  texts(example: ExampleOf[K]): string[];
  /** The example with its strings replaced, in the order `texts` gave them. */
  withTexts(example: ExampleOf[K], texts: readonly string[]): ExampleOf[K];
  format(example: ExampleOf[K], format: ExportFormatOf<K>): object;
  validate(line: unknown, format: ExportFormatOf<K>): LineCheck;
}

const promptTexts = (prompt: readonly TrainingMessage[]) => prompt.map((m) => m.content);
const promptWith = (prompt: readonly TrainingMessage[], texts: readonly string[]): TrainingMessage[] =>
  prompt.map((m, i) => ({ role: m.role, content: texts[i] ?? '' }));

const sft: TrainingCodec<'sft'> = {
  texts: (e) => [...promptTexts(e.prompt), e.completion],
  withTexts: (e, t) => ({ prompt: promptWith(e.prompt, t), completion: t[e.prompt.length] ?? '' }),
  format: formatSft,
  validate: validateSftLine,
};

const dpo: TrainingCodec<'dpo'> = {
  texts: (e) => [...promptTexts(e.prompt), e.chosen, e.rejected],
  withTexts: (e, t) => ({
    prompt: promptWith(e.prompt, t),
    chosen: t[e.prompt.length] ?? '',
    rejected: t[e.prompt.length + 1] ?? '',
  }),
  format: formatDpo,
  validate: validateDpoLine,
};

const kto: TrainingCodec<'kto'> = {
  texts: (e) => [...promptTexts(e.prompt), e.completion],
  withTexts: (e, t) => ({ prompt: promptWith(e.prompt, t), completion: t[e.prompt.length] ?? '', label: e.label }),
  format: formatKto,
  validate: validateKtoLine,
};

/** The codec of each kind. */
export const TRAINING_CODECS: { readonly [K in ExportKind]: TrainingCodec<K> } = { sft, dpo, kto };
