/**
 * What can be exported, and in which formats. `trl` is TRL's conversational form (lists of messages) and
 * `trl-standard` its standard form (plain strings); `hf` is the Hugging Face / TRL `messages` column;
 * `openai` is OpenAI's fine-tuning JSONL (chat `messages` for SFT, the preference form for DPO).
 */
export const EXPORT_KINDS = ['sft', 'dpo', 'kto'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The formats of each kind; the first is the default. */
export const EXPORT_FORMATS = {
  sft: ['openai', 'hf', 'trl', 'trl-standard'],
  dpo: ['trl', 'trl-standard', 'openai'],
  kto: ['trl', 'trl-standard'],
} as const satisfies Record<ExportKind, readonly string[]>;

export type ExportFormatOf<K extends ExportKind> = (typeof EXPORT_FORMATS)[K][number];
export type ExportFormat = ExportFormatOf<ExportKind>;

/** Every format name, each once, e.g. for a query-string schema. */
export const ALL_EXPORT_FORMATS: readonly ExportFormat[] = [...new Set(EXPORT_KINDS.flatMap((k) => EXPORT_FORMATS[k]))];

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

/**
 * Whether `format` is one of `kind`'s formats.
 *
 * @example
 * isFormatOf('dpo', 'openai'); // true
 * isFormatOf('kto', 'openai'); // false: OpenAI has no unpaired-preference format
 */
export function isFormatOf<K extends ExportKind>(kind: K, format: string): format is ExportFormatOf<K> {
  return (EXPORT_FORMATS[kind] as readonly string[]).includes(format);
}
