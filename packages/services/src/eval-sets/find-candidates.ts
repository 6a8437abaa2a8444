import type { ChatMessage, ContextDocument } from '@feedloop/core';
import type { Store } from '@feedloop/store';
import { screenProject } from '../screening/screen-signals.js';
import { evidenceOf } from './candidate-evidence.js';
import { rankCandidates } from './candidate-ranking.js';
import { type CandidateRequest, encodeCursor } from './candidate-request.js';
import type { EvalCandidate, EvalCandidatePage } from './eval-set-types.js';

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

/**
 * One page of eval-set candidates: interactions that failed (a current thumbs down or rating of 1–2 not
 * set aside by the abuse filter, an edit, a regeneration), strongest evidence first, each with its input,
 * context, output, the evidence, and the latest edit as the suggested expected output. Screens what
 * arrived since the last look first, so "current vote" means current.
 *
 * @example
 * const page = await findEvalCandidates(store, readCandidateRequest({ template: 'support' }, projectId, 'query.'));
 * page.candidates[0].evidence; // { strength: 9, thumbsDown: 3, edits: 1, … }
 */
export async function findEvalCandidates(store: Store, request: CandidateRequest): Promise<EvalCandidatePage> {
  await screenProject(store, request.projectId);
  const ranked = await rankCandidates(store.db, { ...request, limit: request.limit + 1 });
  const page = ranked.slice(0, request.limit);
  const ids = page.map((r) => r.interactionId);
  const evidence = await evidenceOf(store.db, request.projectId, ids);
  const rows =
    ids.length === 0
      ? []
      : await store.db
          .selectFrom('interactions')
          .selectAll()
          .where('project_id', '=', request.projectId)
          .where('id', 'in', ids)
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const candidates: EvalCandidate[] = [];
  for (const ranking of page) {
    const row = byId.get(ranking.interactionId);
    const found = evidence.get(ranking.interactionId);
    if (!row || !found) continue;
    const { suggestedExpectedOutput, ...details } = found;
    candidates.push({
      interactionId: row.id,
      createdAt: iso(row.created_at),
      tenant: row.tenant,
      feature: row.feature,
      model: row.model,
      modelVersion: row.model_version,
      promptTemplate: row.prompt_template,
      promptVersion: row.prompt_version,
      input: row.input === null ? null : (JSON.parse(row.input) as string | ChatMessage[]),
      context: JSON.parse(row.context) as ContextDocument[],
      output: row.output,
      // The ranking's score is the one the page is ordered and cut by.
      evidence: { ...details, strength: ranking.strength },
      suggestedExpectedOutput,
    });
  }
  const last = page[page.length - 1];
  const nextCursor =
    ranked.length > request.limit && last !== undefined
      ? encodeCursor({ strength: last.strength, createdAt: last.createdAt, id: last.interactionId })
      : null;
  return { candidates, nextCursor };
}
