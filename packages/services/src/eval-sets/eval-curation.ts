/**
 * Curating a set's draft: accept a candidate (optionally with an edited expected output and tags), reject
 * one, edit or tag an accepted case. The draft is mutable; only `publishEvalSet` makes something that
 * never changes. Each write runs in `store.exclusive` under the set's lock, so it cannot interleave with
 * a publication of the same set.
 */
import { FeedloopError } from '@feedloop/core';
import type { Database, Store } from '@feedloop/store';
import type { Transaction } from 'kysely';
import { evidenceOf } from './candidate-evidence.js';
import { evalPrompt } from './eval-prompt.js';
import { type EvalFieldNames, FieldChecks, HTTP_EVAL_FIELDS, MAX_TAGS } from './eval-set-fields.js';
import { caseView } from './eval-set-rows.js';
import type { EvalCase } from './eval-set-types.js';

export interface AcceptCaseInput {
  projectId: string;
  set: string;
  interactionId: string;
  /** Default: the latest edit's text; required when nobody edited the output. */
  expectedOutput?: string | undefined;
  /** Replace the case's tags; default: keep them (none for a new case). */
  tags?: readonly string[] | undefined;
}

export interface RejectCaseInput {
  projectId: string;
  set: string;
  interactionId: string;
  reason?: string | undefined;
}

export interface EditCaseInput {
  projectId: string;
  set: string;
  interactionId: string;
  expectedOutput?: string | undefined;
  /** Replace all tags. */
  tags?: readonly string[] | undefined;
  addTags?: readonly string[] | undefined;
  removeTags?: readonly string[] | undefined;
}

type CaseRow = Database['eval_cases'];

/** The lock a set's writers share. */
export const setLock = (projectId: string, set: string) => `eval-set:${projectId}:${set}`;

async function touchSet(trx: Transaction<Database>, projectId: string, set: string, now: number): Promise<void> {
  await trx
    .insertInto('eval_sets')
    .values({ project_id: projectId, name: set, created_at: now, updated_at: now, latest_version: 0 })
    .onConflict((oc) => oc.columns(['project_id', 'name']).doUpdateSet({ updated_at: now }))
    .execute();
}

async function findCase(
  trx: Transaction<Database>,
  projectId: string,
  set: string,
  interactionId: string,
): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('eval_cases')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('set_name', '=', set)
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
}

async function writeCase(trx: Transaction<Database>, row: CaseRow): Promise<void> {
  const { project_id: _p, set_name: _s, interaction_id: _i, ...changes } = row;
  await trx
    .insertInto('eval_cases')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'set_name', 'interaction_id']).doUpdateSet(changes))
    .execute();
}

async function findInteraction(store: Store, projectId: string, interactionId: string) {
  const row = await store.db
    .selectFrom('interactions')
    .select(['id', 'user_id', 'input'])
    .where('project_id', '=', projectId)
    .where('id', '=', interactionId)
    .executeTakeFirst();
  if (!row) throw new FeedloopError('FL_NOT_FOUND', `No interaction ${interactionId} in this project.`);
  return row;
}

/**
 * Accepts an interaction into the draft of `set` (created on first use). The expected output defaults to
 * the latest edit's text; the signals that made it a candidate are recorded as its provenance.
 *
 * @example
 * await acceptCase(store, { projectId, set: 'citations', interactionId: 'int_1', tags: ['citations'] });
 */
export async function acceptCase(
  store: Store,
  input: AcceptCaseInput,
  fields: EvalFieldNames = HTTP_EVAL_FIELDS,
): Promise<EvalCase> {
  const checks = new FieldChecks();
  const set = checks.setName(input.set, fields.set);
  const given =
    input.expectedOutput === undefined ? undefined : checks.expectedOutput(input.expectedOutput, fields.expectedOutput);
  const tags = input.tags === undefined ? undefined : checks.tags(input.tags, fields.tags);
  checks.check('The case is malformed.');
  const interaction = await findInteraction(store, input.projectId, input.interactionId);
  const prompt = evalPrompt(interaction.input);
  if (!prompt.ok) {
    checks.fail(fields.interactionId, `cannot be an eval case: ${prompt.detail}`);
    checks.check('The case is malformed.');
  }
  const evidence = (await evidenceOf(store.db, input.projectId, [interaction.id])).get(interaction.id);
  const expectedOutput = given ?? evidence?.suggestedExpectedOutput ?? undefined;
  if (expectedOutput === undefined) {
    checks.fail(fields.expectedOutput, 'required: nobody edited this output, so there is no suggestion to start from');
    checks.check('The case is malformed.');
  }
  return store.exclusive(setLock(input.projectId, set), async (trx) => {
    const now = Date.now();
    await touchSet(trx, input.projectId, set, now);
    const existing = await findCase(trx, input.projectId, set, interaction.id);
    const row: CaseRow = {
      project_id: input.projectId,
      set_name: set,
      interaction_id: interaction.id,
      status: 'accepted',
      expected_output: expectedOutput ?? '',
      tags: tags === undefined ? (existing?.tags ?? '[]') : JSON.stringify(tags),
      signal_ids: JSON.stringify(evidence?.signalIds ?? []),
      reason: '',
      user_id: interaction.user_id,
      // Re-accepting keeps the case's place in the set.
      decided_at: existing?.status === 'accepted' ? Number(existing.decided_at) : now,
      updated_at: now,
    };
    await writeCase(trx, row);
    return caseView(row);
  });
}

/** Rejects an interaction for `set`: it leaves the draft (if it was accepted) and stops being offered. */
export async function rejectCase(
  store: Store,
  input: RejectCaseInput,
  fields: EvalFieldNames = HTTP_EVAL_FIELDS,
): Promise<EvalCase> {
  const checks = new FieldChecks();
  const set = checks.setName(input.set, fields.set);
  const reason = checks.reason(input.reason ?? '', fields.reason);
  checks.check('The rejection is malformed.');
  const interaction = await findInteraction(store, input.projectId, input.interactionId);
  const evidence = (await evidenceOf(store.db, input.projectId, [interaction.id])).get(interaction.id);
  return store.exclusive(setLock(input.projectId, set), async (trx) => {
    const now = Date.now();
    await touchSet(trx, input.projectId, set, now);
    const existing = await findCase(trx, input.projectId, set, interaction.id);
    const row: CaseRow = {
      project_id: input.projectId,
      set_name: set,
      interaction_id: interaction.id,
      status: 'rejected',
      expected_output: existing?.expected_output ?? null,
      tags: existing?.tags ?? '[]',
      signal_ids: JSON.stringify(evidence?.signalIds ?? []),
      reason,
      user_id: interaction.user_id,
      decided_at: existing?.status === 'rejected' ? Number(existing.decided_at) : now,
      updated_at: now,
    };
    await writeCase(trx, row);
    return caseView(row);
  });
}

/**
 * Edits an accepted case of the draft: its expected output, its tags (replaced, or some added and some
 * removed). Published versions keep what they copied.
 */
export async function editCase(
  store: Store,
  input: EditCaseInput,
  fields: EvalFieldNames = HTTP_EVAL_FIELDS,
): Promise<EvalCase> {
  const checks = new FieldChecks();
  const set = checks.setName(input.set, fields.set);
  const expected =
    input.expectedOutput === undefined ? undefined : checks.expectedOutput(input.expectedOutput, fields.expectedOutput);
  const replace = input.tags === undefined ? undefined : checks.tags(input.tags, fields.tags);
  const add = checks.tags(input.addTags ?? [], fields.addTags);
  const remove = checks.tags(input.removeTags ?? [], fields.removeTags);
  if (expected === undefined && replace === undefined && add.length === 0 && remove.length === 0) {
    checks.fail(fields.change, 'expected a change: a new expected output, or tags to set, add or remove');
  }
  checks.check('The edit is malformed.');
  return store.exclusive(setLock(input.projectId, set), async (trx) => {
    const existing = await findCase(trx, input.projectId, set, input.interactionId);
    if (!existing) {
      throw new FeedloopError('FL_NOT_FOUND', `Eval set "${set}" has no case for interaction ${input.interactionId}.`);
    }
    if (existing.status !== 'accepted') {
      throw new FeedloopError(
        'FL_CONFLICT',
        `Interaction ${input.interactionId} is rejected in eval set "${set}"; accept it first to edit it.`,
      );
    }
    const tags = (replace ?? (JSON.parse(existing.tags) as string[])).filter((t) => !remove.includes(t));
    for (const tag of add) if (!tags.includes(tag)) tags.push(tag);
    if (tags.length > MAX_TAGS) {
      throw new FeedloopError('FL_VALIDATION', 'The edit is malformed.', {
        details: [{ field: fields.addTags, reason: `a case holds at most ${MAX_TAGS} tags` }],
      });
    }
    const now = Date.now();
    const row: CaseRow = {
      ...existing,
      decided_at: Number(existing.decided_at),
      expected_output: expected ?? existing.expected_output,
      tags: JSON.stringify(tags),
      updated_at: now,
    };
    await writeCase(trx, row);
    await touchSet(trx, input.projectId, set, now);
    return caseView(row);
  });
}
