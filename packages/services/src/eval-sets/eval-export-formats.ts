/**
 * The files a published version exports to, as pure functions of its cases (already redacted when the
 * version was published):
 *
 * - `jsonl`: one case per line — input messages, context, expected output, original output, tags,
 *   provenance;
 * - `promptfoo`: a YAML document with a `tests:` list (promptfoo's test-case format: `description`,
 *   `vars`, `assert`, `metadata`), each asserting the output is `similar` to the expected one;
 * - `openai-evals`: the classic openai/evals chat format, `{"input": [messages], "ideal": "…"}` per line,
 *   with the retrieved context as a system message.
 */
import type { ContextDocument, TrainingMessage } from '@feedloop/core';
import type { EvalVersionDetail, PublishedCase } from './eval-set-types.js';
import { toYaml, type YamlValue } from './yaml-text.js';

export const EVAL_EXPORT_FORMATS = ['jsonl', 'promptfoo', 'openai-evals'] as const;
export type EvalExportFormat = (typeof EVAL_EXPORT_FORMATS)[number];

export function isEvalExportFormat(value: string): value is EvalExportFormat {
  return (EVAL_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The cosine similarity promptfoo's `similar` assertion must reach (the value its documentation shows). */
export const PROMPTFOO_SIMILARITY_THRESHOLD = 0.8;

export interface EvalExportFile {
  text: string;
  contentType: string;
  fileName: string;
}

/** The retrieved documents as one text, each headed by its id (and source). */
export function contextText(context: readonly ContextDocument[]): string {
  return context
    .filter((d) => typeof d.text === 'string' && d.text !== '')
    .map((d) => `[${d.id}${typeof d.source === 'string' ? ` · ${d.source}` : ''}] ${d.text}`)
    .join('\n\n');
}

function jsonlLine(c: PublishedCase): string {
  return JSON.stringify({
    id: c.id,
    input: c.input,
    context: c.context,
    expectedOutput: c.expectedOutput,
    originalOutput: c.originalOutput,
    tags: c.tags,
    provenance: c.provenance,
  });
}

/** The prompt with the context as a system message, after any leading system message of its own. */
function withContext(messages: readonly TrainingMessage[], context: readonly ContextDocument[]): TrainingMessage[] {
  const text = contextText(context);
  if (text === '') return [...messages];
  const note = { role: 'system', content: `Retrieved context:\n\n${text}` };
  const leading = messages[0]?.role === 'system' ? 1 : 0;
  return [...messages.slice(0, leading), note, ...messages.slice(leading)];
}

function openAiEvalsLine(c: PublishedCase): string {
  return JSON.stringify({
    input: withContext(c.input, c.context).map((m) => ({ role: m.role, content: m.content })),
    ideal: c.expectedOutput,
  });
}

function promptfooTest(c: PublishedCase): YamlValue {
  const last = c.input[c.input.length - 1];
  const vars: Record<string, YamlValue> = { input: last?.content ?? '', context: contextText(c.context) };
  // A conversation with a system prompt or earlier turns: the whole of it, for chat prompt templates.
  if (c.input.length > 1) vars.messages = c.input.map((m) => ({ role: m.role, content: m.content }));
  const p = c.provenance;
  const metadata: Record<string, YamlValue> = { feedloopCase: c.id, interactionId: p.interactionId, tags: c.tags };
  for (const [k, v] of [
    ['promptTemplate', p.promptTemplate],
    ['promptVersion', p.promptVersion],
    ['model', p.model],
    ['tenant', p.tenant],
  ] as const) {
    if (v !== null) metadata[k] = v;
  }
  const where =
    p.promptTemplate === null ? '' : ` (${p.promptTemplate}${p.promptVersion === null ? '' : ` v${p.promptVersion}`})`;
  return {
    description: `${c.id}: interaction ${p.interactionId}${where}`,
    vars,
    assert: [{ type: 'similar', value: c.expectedOutput, threshold: PROMPTFOO_SIMILARITY_THRESHOLD }],
    metadata,
  };
}

/**
 * A published version as a file in `format`.
 *
 * @example
 * formatEvalVersion(await getEvalVersion(db, projectId, 'citations', 1), 'promptfoo').text;
 * // '# Feedloop eval set "citations" v1 …\ntests:\n  - description: …'
 */
export function formatEvalVersion(version: EvalVersionDetail, format: EvalExportFormat): EvalExportFile {
  const base = `${version.set}-v${version.version}`;
  const lines = (line: (c: PublishedCase) => string) => version.cases.map((c) => `${line(c)}\n`).join('');
  switch (format) {
    case 'jsonl':
      return { text: lines(jsonlLine), contentType: 'application/x-ndjson', fileName: `${base}.jsonl` };
    case 'openai-evals':
      return {
        text: lines(openAiEvalsLine),
        contentType: 'application/x-ndjson',
        fileName: `${base}.openai-evals.jsonl`,
      };
    case 'promptfoo':
      return {
        text: toYaml({ tests: version.cases.map(promptfooTest) }, [
          `Feedloop eval set "${version.set}" v${version.version}: ${version.cases.length} case${version.cases.length === 1 ? '' : 's'}, published ${version.publishedAt}, PII redacted.`,
          'promptfoo test cases: add `prompts:` and `providers:` to run it, or copy the list into your promptfooconfig.yaml.',
        ]),
        contentType: 'application/yaml',
        fileName: `${base}.promptfoo.yaml`,
      };
  }
}
