import type { PreferenceExample } from '@feedloop/core';
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { type Candidate, type ExampleSource, withPrompt } from './example-candidate.js';
import { summarizeFeedback } from './feedback-summary.js';
import { type InteractionRow, interactionsById } from './interaction-rows.js';
import type { ExportScope } from './interaction-scope.js';
import type { PageView } from './page-view.js';
import { preferenceWinner } from './preference-winner.js';
import { nearestRejection, samePromptRejections } from './same-prompt-rejections.js';
import { signalsOf } from './signal-rows.js';

/**
 * DPO pairs of one page, in anchor order, and per anchor in source order. The anchor is always the chosen
 * side and its input is the prompt:
 *
 * 1. edit — each editor's latest edit (chosen) over the original output (rejected);
 * 2. regeneration — an interaction that was accepted or rated up (chosen) over the attempt it replaced,
 *    its `parentId` (rejected);
 * 3. preference — the signalled interaction (chosen) over the one named in `over` (rejected), once per
 *    pair, decided by each voter's latest choice (`preferenceWinner`);
 * 4. same-prompt — an interaction rated up (chosen) over one interaction of the same prompt (equal
 *    `input_hash`) rated down, the nearest in time, that is not already its rejected side above.
 *
 * Related interactions, their signals and same-prompt candidates are fetched for the whole page at once.
 */
export async function dpoCandidates(
  db: Kysely<Database>,
  scope: ExportScope,
  page: PageView,
): Promise<Candidate<PreferenceExample>[]> {
  const chosenRegenerations = page.rows.filter((r) => {
    const f = page.feedback(r.id);
    return r.parent_id !== null && (f.accepted || f.verdict === 'up');
  });
  const preferred = page.rows.flatMap((r) => page.feedback(r.id).preferences.map((p) => p.over));
  const related = await interactionsById(db, scope, [
    ...chosenRegenerations.map((r) => r.parent_id ?? ''),
    ...preferred,
  ]);
  const reverse = preferred.length === 0 ? new Map() : await signalsOf(db, scope, preferred, ['preference']);
  const upHashes = page.rows
    .filter((r) => r.input_hash !== null && page.feedback(r.id).verdict === 'up')
    .map((r) => r.input_hash ?? '');
  const rejections = upHashes.length === 0 ? new Map() : await samePromptRejections(db, scope, upHashes);

  const out: Candidate<PreferenceExample>[] = [];
  for (const row of page.rows) {
    const feedback = page.feedback(row.id);
    const prompt = page.prompt(row);
    const paired = new Set<string>();
    const pair = (source: ExampleSource, contributor: string | null, chosen: string, rejected: string) =>
      out.push(withPrompt(prompt, source, row, contributor, (p) => ({ prompt: p, chosen, rejected })));
    const missing = (source: ExampleSource) => out.push({ source, anchor: row, skip: 'missing-related' });

    for (const edit of feedback.edits) pair('edit', edit.userId ?? row.user_id, edit.text, row.output ?? '');

    if (row.parent_id !== null && (feedback.accepted || feedback.verdict === 'up')) {
      const parent = related.get(row.parent_id);
      const contributor = (feedback.accepted ? feedback.acceptUserId : feedback.verdictUserId) ?? row.user_id;
      if (parent === undefined) missing('regeneration');
      else {
        paired.add(parent.id);
        pair('regeneration', contributor, row.output ?? '', parent.output ?? '');
      }
    }

    for (const over of [...new Set(feedback.preferences.map((p) => p.over))]) {
      if (over === row.id) continue;
      const forward = feedback.preferences.filter((p) => p.over === over);
      const backward = summarizeFeedback(reverse.get(over) ?? []).preferences.filter((p) => p.over === row.id);
      const outcome = preferenceWinner(forward, backward);
      if (outcome.winner === 'other') continue;
      // A tie is seen from both sides when both sent preferences; count it once.
      if (outcome.winner === 'tie') {
        if (row.id < over) out.push({ source: 'preference', anchor: row, skip: 'conflicting-preference' });
        continue;
      }
      const loser = related.get(over);
      if (loser === undefined) missing('preference');
      else {
        paired.add(loser.id);
        pair('preference', outcome.userId ?? row.user_id, row.output ?? '', loser.output ?? '');
      }
    }

    if (feedback.verdict === 'up' && row.input_hash !== null) {
      const candidates: InteractionRow[] = rejections.get(row.input_hash) ?? [];
      const rejected = nearestRejection(candidates, row, paired);
      if (rejected !== undefined) {
        pair('same-prompt', feedback.verdictUserId ?? row.user_id, row.output ?? '', rejected.output ?? '');
      }
    }
  }
  return out;
}
