import type { SftExample } from '@feedloop/core';
import { type Candidate, withPrompt } from './example-candidate.js';
import type { PageView } from './page-view.js';

/**
 * SFT examples of one page, in anchor order. A user's edit is the final answer they wanted, so an edited
 * interaction yields one example per editor (their latest edit) and its original output is not used even
 * when rated up; an unedited interaction that is rated up yields its output.
 */
export function sftCandidates(page: PageView): Candidate<SftExample>[] {
  const out: Candidate<SftExample>[] = [];
  for (const row of page.rows) {
    const feedback = page.feedback(row.id);
    const prompt = page.prompt(row);
    if (feedback.edits.length > 0) {
      for (const edit of feedback.edits) {
        out.push(
          withPrompt(prompt, 'edit', row, edit.userId ?? row.user_id, (p) => ({ prompt: p, completion: edit.text })),
        );
      }
    } else if (feedback.verdict === 'up') {
      const contributor = feedback.verdictUserId ?? row.user_id;
      out.push(withPrompt(prompt, 'rated-up', row, contributor, (p) => ({ prompt: p, completion: row.output ?? '' })));
    }
  }
  return out;
}
