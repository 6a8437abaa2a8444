/** One accepted case of a draft: its expected output and tags, editable, or taken out (rejected). */
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import { useEditCase, useRejectCase } from '../../api/eval-queries';
import type { EvalCase } from '../../api/types';
import { ErrorBox } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { parseTags } from './eval-text';

/** Remount with `key={interactionId + updatedAt}`: the fields start from the case as the server has it. */
export function DraftCase({ set, item }: { set: string; item: EvalCase }) {
  const edit = useEditCase();
  const reject = useRejectCase();
  const [expected, setExpected] = useState(item.expectedOutput ?? '');
  const [tags, setTags] = useState(item.tags.join(', '));
  const id = useId();
  const tagList = parseTags(tags);
  const tagsChanged = tagList.join('\n') !== item.tags.join('\n');
  const expectedChanged = expected !== (item.expectedOutput ?? '');
  const busy = edit.isPending || reject.isPending;

  const save = (event: FormEvent) => {
    event.preventDefault();
    edit.mutate({
      set,
      interactionId: item.interactionId,
      ...(expectedChanged ? { expectedOutput: expected } : {}),
      ...(tagsChanged ? { tags: tagList } : {}),
    });
  };

  return (
    <article className="draft-case" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <Link href={`/interactions/${encodeURIComponent(item.interactionId)}`}>{item.interactionId}</Link>
      </h3>
      <p className="meta">
        Accepted {formatDateTime(item.decidedAt)}
        {item.updatedAt !== item.decidedAt && `, edited ${formatDateTime(item.updatedAt)}`}
      </p>
      <form onSubmit={save} aria-label={`Edit case ${item.interactionId}`}>
        <div className="field">
          <label htmlFor={`${id}-expected`}>Expected output</label>
          <textarea id={`${id}-expected`} rows={3} value={expected} onChange={(e) => setExpected(e.target.value)} />
        </div>
        <div className="row" style={{ marginTop: '0.5rem' }}>
          <div className="field" style={{ flex: '1 1 14rem' }}>
            <label htmlFor={`${id}-tags`}>Tags</label>
            <input id={`${id}-tags`} type="text" value={tags} onChange={(e) => setTags(e.target.value)} />
          </div>
          <button
            type="submit"
            className="primary"
            disabled={busy || !(expectedChanged || tagsChanged) || !expected.trim()}
          >
            Save changes
          </button>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => reject.mutate({ set, interactionId: item.interactionId, reason: 'removed from the draft' })}
          >
            Remove from draft
          </button>
        </div>
        {edit.error && <ErrorBox error={edit.error} title="Not saved" />}
        {reject.error && <ErrorBox error={reject.error} title="Not removed" />}
      </form>
    </article>
  );
}
