import type { UnpairedExample } from '@feedloop/core';
import { type Candidate, withPrompt } from './example-candidate.js';
import type { PageView } from './page-view.js';

/**
 * KTO examples of one page: every output rated up is desirable (`label: true`), every output rated down
 * undesirable (`false`); outputs with mixed or no ratings are not used. See `feedback-summary.ts`.
 */
export function ktoCandidates(page: PageView): Candidate<UnpairedExample>[] {
  const out: Candidate<UnpairedExample>[] = [];
  for (const row of page.rows) {
    const feedback = page.feedback(row.id);
    if (feedback.verdict !== 'up' && feedback.verdict !== 'down') continue;
    const label = feedback.verdict === 'up';
    const contributor = feedback.verdictUserId ?? row.user_id;
    out.push(
      withPrompt(page.prompt(row), label ? 'rated-up' : 'rated-down', row, contributor, (p) => ({
        prompt: p,
        completion: row.output ?? '',
        label,
      })),
    );
  }
  return out;
}
