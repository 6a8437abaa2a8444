/** A drafted note: its evidence, its wording (editable), and the decision — approve or dismiss. */
import { type FormEvent, useId, useState } from 'react';
import { useDecideNote } from '../../api/release-note-queries';
import type { ReleaseNote } from '../../api/types';
import { ErrorBox } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { evidenceOf, NoteEvidence } from './note-evidence';

/** A failed decision is shown from the mutation's own error state. */
const ignore = () => undefined;

const MAX_TITLE = 200;
const MAX_BODY = 5000;

export function DraftNote({ note, onDecided }: { note: ReleaseNote; onDecided: (message: string) => void }) {
  const decide = useDecideNote();
  const [title, setTitle] = useState(note.title);
  const [body, setBody] = useState(note.body);
  const id = useId();
  const evidence = evidenceOf(note);
  const valid = title.trim().length > 0 && body.trim().length > 0;

  const approve = (event: FormEvent) => {
    event.preventDefault();
    const edits = {
      ...(title.trim() !== note.title ? { title: title.trim() } : {}),
      ...(body.trim() !== note.body ? { body: body.trim() } : {}),
    };
    // mutateAsync, not mutate's callbacks: the list refetches and this draft is gone before it resolves.
    decide
      .mutateAsync({ id: note.id, action: 'approve', ...edits })
      .then((n) => onDecided(`Approved “${n.title}”: your app shows it from now on.`), ignore);
  };

  return (
    <article className="note-draft" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{note.title}</h3>
      <p className="meta">Drafted {formatDateTime(note.createdAt)}</p>
      {evidence ? <NoteEvidence evidence={evidence} /> : <p className="muted">No evidence recorded.</p>}
      <form onSubmit={approve} aria-label={`Decide on “${note.title}”`}>
        <div className="field">
          <label htmlFor={`${id}-edit-title`}>Title</label>
          <input
            id={`${id}-edit-title`}
            type="text"
            value={title}
            maxLength={MAX_TITLE}
            required
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-edit-body`}>Text</label>
          <textarea
            id={`${id}-edit-body`}
            rows={3}
            value={body}
            maxLength={MAX_BODY}
            required
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={decide.isPending || !valid}>
            Approve
          </button>
          <button
            type="button"
            disabled={decide.isPending}
            onClick={() =>
              decide
                .mutateAsync({ id: note.id, action: 'dismiss' })
                .then(() => onDecided(`Dismissed “${note.title}”: it will not be drafted again.`), ignore)
            }
          >
            Dismiss
          </button>
        </div>
        {decide.error && <ErrorBox error={decide.error} title="Not decided" />}
      </form>
    </article>
  );
}
