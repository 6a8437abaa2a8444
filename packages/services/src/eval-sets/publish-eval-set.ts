/**
 * Publishing: the accepted cases of a set's draft become version n + 1, an immutable snapshot. Each
 * case's content — prompt, context, original output, expected output, tags, provenance — is copied into
 * the version, PII-redacted, so later edits of the draft, deleted interactions and retention purges never
 * change what a version holds, and its exports are byte for byte the same every time.
 */
import { createHash } from 'node:crypto';
import {
  type ContextDocument,
  createRedactor,
  FeedloopError,
  mergeReports,
  type RecordRedactor,
  type RedactionReport,
  type TrainingMessage,
} from '@feedloop/core';
import type { Database, Store } from '@feedloop/store';
import type { Transaction } from 'kysely';
import { setLock } from './eval-curation.js';
import { evalPrompt } from './eval-prompt.js';
import { type EvalFieldNames, FieldChecks, HTTP_EVAL_FIELDS } from './eval-set-fields.js';
import { iso } from './eval-set-rows.js';
import type { PublishResult, PublishSkip } from './eval-set-types.js';

export interface PublishOptions {
  /** Defaults to the built-in redaction engine with every recognizer on, as for training exports. */
  redactor?: RecordRedactor;
  now?: number;
}

type VersionCaseRow = Database['eval_version_cases'];

interface AcceptedRow {
  interaction_id: string;
  expected_output: string | null;
  tags: string;
  signal_ids: string;
  decided_at: number | string;
  found: string | null;
  input: string | null;
  context: string | null;
  output: string | null;
  tenant: string | null;
  feature: string | null;
  model: string | null;
  model_version: string | null;
  prompt_template: string | null;
  prompt_version: string | null;
  created_at: number | string | null;
}

/** Only what a context document means to an eval: its id, text, source and score. */
function contextOf(json: string | null): ContextDocument[] {
  const docs = json === null ? [] : (JSON.parse(json) as ContextDocument[]);
  return docs.map((d) => {
    const doc: ContextDocument = { id: d.id };
    if (typeof d.text === 'string') doc.text = d.text;
    if (typeof d.source === 'string') doc.source = d.source;
    if (typeof d.score === 'number') doc.score = d.score;
    return doc;
  });
}

/**
 * One case's strings redacted as one record, so a value gets the same placeholder in the prompt, the
 * context, the original and the expected output.
 */
function redactCase(
  redactor: RecordRedactor,
  messages: TrainingMessage[],
  context: ContextDocument[],
  output: string | null,
  expected: string,
): {
  messages: TrainingMessage[];
  context: ContextDocument[];
  output: string | null;
  expected: string;
  report: RedactionReport;
} {
  const texts = [
    ...messages.map((m) => m.content),
    ...context.flatMap((d) => (d.text === undefined ? [] : [d.text])),
    expected,
    ...(output === null ? [] : [output]),
  ];
  const { texts: redacted, report } = redactor.redactRecord(texts);
  let i = 0;
  const next = () => redacted[i++] ?? '';
  return {
    messages: messages.map((m) => ({ role: m.role, content: next() })),
    context: context.map((d) => (d.text === undefined ? d : { ...d, text: next() })),
    expected: next(),
    output: output === null ? null : next(),
    report,
  };
}

async function acceptedCases(trx: Transaction<Database>, projectId: string, set: string): Promise<AcceptedRow[]> {
  return trx
    .selectFrom('eval_cases as c')
    .leftJoin('interactions as i', (join) =>
      join.onRef('i.project_id', '=', 'c.project_id').onRef('i.id', '=', 'c.interaction_id'),
    )
    .select([
      'c.interaction_id',
      'c.expected_output',
      'c.tags',
      'c.signal_ids',
      'c.decided_at',
      'i.id as found',
      'i.input',
      'i.context',
      'i.output',
      'i.tenant',
      'i.feature',
      'i.model',
      'i.model_version',
      'i.prompt_template',
      'i.prompt_version',
      'i.created_at',
    ])
    .where('c.project_id', '=', projectId)
    .where('c.set_name', '=', set)
    .where('c.status', '=', 'accepted')
    .orderBy('c.decided_at')
    .orderBy('c.interaction_id')
    .execute();
}

/** The hash of what a version holds, leaving out when each case was accepted. */
function contentHash(rows: readonly VersionCaseRow[]): string {
  const hash = createHash('sha256');
  for (const r of rows) {
    const { accepted_at: _a, version: _v, ...content } = r;
    hash.update(JSON.stringify(content));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * Publishes the draft of `set` as its next version. Refused (FL_CONFLICT) when the draft holds no usable
 * accepted case, or nothing changed since the latest version; FL_NOT_FOUND when the set does not exist.
 *
 * @example
 * const { version, cases } = await publishEvalSet(store, projectId, 'citations'); // { version: 1, cases: 12, … }
 */
export async function publishEvalSet(
  store: Store,
  projectId: string,
  setName: string,
  options: PublishOptions = {},
  fields: EvalFieldNames = HTTP_EVAL_FIELDS,
): Promise<PublishResult> {
  const checks = new FieldChecks();
  const set = checks.setName(setName, fields.set);
  checks.check('The set name is malformed.');
  const redactor = options.redactor ?? createRedactor();
  return store.exclusive(setLock(projectId, set), async (trx) => {
    const setRow = await trx
      .selectFrom('eval_sets')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('name', '=', set)
      .executeTakeFirst();
    if (!setRow) throw new FeedloopError('FL_NOT_FOUND', `No eval set "${set}" in this project.`);
    const publishedAt = options.now ?? Date.now();
    const version = Number(setRow.latest_version) + 1;
    const skipped: PublishSkip[] = [];
    const rows: VersionCaseRow[] = [];
    const reports: RedactionReport[] = [];
    for (const c of await acceptedCases(trx, projectId, set)) {
      if (c.found === null) {
        skipped.push({ interactionId: c.interaction_id, reason: 'missing-interaction' });
        continue;
      }
      const prompt = evalPrompt(c.input);
      if (!prompt.ok) {
        skipped.push({ interactionId: c.interaction_id, reason: prompt.reason });
        continue;
      }
      const redacted = redactCase(redactor, prompt.messages, contextOf(c.context), c.output, c.expected_output ?? '');
      reports.push(redacted.report);
      rows.push({
        project_id: projectId,
        set_name: set,
        version,
        position: rows.length + 1,
        interaction_id: c.interaction_id,
        input: JSON.stringify(redacted.messages),
        context: JSON.stringify(redacted.context),
        output: redacted.output,
        expected_output: redacted.expected,
        tags: c.tags,
        signal_ids: c.signal_ids,
        tenant: c.tenant,
        feature: c.feature,
        model: c.model,
        model_version: c.model_version,
        prompt_template: c.prompt_template,
        prompt_version: c.prompt_version,
        interaction_created_at: Number(c.created_at),
        accepted_at: Number(c.decided_at),
      });
    }
    if (rows.length === 0) {
      const why =
        skipped.length === 0 ? 'has no accepted cases' : `has no usable accepted cases (${skipped.length} skipped)`;
      throw new FeedloopError(
        'FL_CONFLICT',
        `Nothing to publish: the draft of eval set "${set}" ${why}. Accept candidates first.`,
      );
    }
    const sha256 = contentHash(rows);
    const latest = await trx
      .selectFrom('eval_versions')
      .select(['version', 'content_sha256'])
      .where('project_id', '=', projectId)
      .where('set_name', '=', set)
      .where('version', '=', Number(setRow.latest_version))
      .executeTakeFirst();
    if (latest?.content_sha256 === sha256) {
      throw new FeedloopError(
        'FL_CONFLICT',
        `Nothing to publish: the draft of eval set "${set}" is unchanged since v${Number(latest.version)}.`,
      );
    }
    const redaction = mergeReports(...reports);
    await trx
      .insertInto('eval_versions')
      .values({
        project_id: projectId,
        set_name: set,
        version,
        published_at: publishedAt,
        case_count: rows.length,
        content_sha256: sha256,
        redaction: JSON.stringify(redaction),
      })
      .execute();
    // A few hundred rows per statement keeps well under both backends' parameter limits.
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('eval_version_cases')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    await trx
      .updateTable('eval_sets')
      .set({ latest_version: version })
      .where('project_id', '=', projectId)
      .where('name', '=', set)
      .execute();
    return { set, version, cases: rows.length, publishedAt: iso(publishedAt), redaction, skipped };
  });
}
