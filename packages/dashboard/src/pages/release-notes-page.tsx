/**
 * Release notes: "we improved on X" notes drafted from measured improvements between prompt and model
 * versions, each with its evidence, to approve (after editing) or dismiss — and the approved notes as the
 * app's users will see them. Parts in release-notes/.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { publishedNotesQuery, releaseNotesQuery, useDraftNotes } from '../api/release-note-queries';
import type { DraftReport } from '../api/types';
import { PageHeader } from '../components/page-header';
import { ErrorBox, QueryState } from '../components/query-state';
import { count, formatDateTime, formatDay } from '../lib/format';
import { DraftNote } from './release-notes/draft-note';

function draftSummary(report: DraftReport): string {
  const tests = `Ran ${count(report.tests)} ${report.tests === 1 ? 'test' : 'tests'}`;
  if (report.tests === 0) return `${tests}: no prompt or model has two versions with enough feedback to compare.`;
  const level = `each needed p < ${report.alphaPerTest.toPrecision(2)}`;
  const n = report.drafted.length;
  return n === 0
    ? `${tests} (${level}): nothing new to draft.`
    : `${tests} (${level}): drafted ${count(n)} new ${n === 1 ? 'note' : 'notes'}.`;
}

function DraftNow() {
  const draft = useDraftNotes();
  return (
    <section className="card" aria-labelledby="draft-now-heading">
      <h2 id="draft-now-heading">Find improvements</h2>
      <p>
        Compares each prompt and model version with the one before it over the last 90 days, and drafts a note for each
        significant improvement — in thumbs-up rate, rating, regenerations or corrections — with the threshold split
        over every test of the run (Bonferroni), so chance rarely writes one. A note already drafted is not drafted
        again. Nothing reaches your users until you approve it.
      </p>
      <div className="row" style={{ alignItems: 'center' }}>
        <button type="button" className="primary" disabled={draft.isPending} onClick={() => draft.mutate()}>
          {draft.isPending ? 'Drafting…' : 'Draft notes now'}
        </button>
        <span role="status">{draft.data && !draft.isPending ? draftSummary(draft.data) : ''}</span>
      </div>
      {draft.error && <ErrorBox error={draft.error} title="Could not draft notes" />}
    </section>
  );
}

function Published() {
  const published = useQuery(publishedNotesQuery());
  return (
    <section className="card" aria-labelledby="published-heading">
      <h2 id="published-heading">As your users see it</h2>
      <p className="muted">
        The approved notes, newest first, exactly as your app reads them with its public key from{' '}
        <code>GET /v1/release-notes/published</code>.
      </p>
      <QueryState query={published} what="the approved notes">
        {(data) =>
          data.notes.length === 0 ? (
            <p className="muted">No approved notes yet: your app has nothing to show.</p>
          ) : (
            <ol className="changelog">
              {data.notes.map((n) => (
                <li key={n.id}>
                  <article aria-labelledby={`published-${n.id}`}>
                    <h3 id={`published-${n.id}`}>{n.title}</h3>
                    {n.date !== null && <p className="meta">{formatDay(n.date)}</p>}
                    <p>{n.body}</p>
                  </article>
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}

export default function ReleaseNotesPage() {
  const notes = useQuery(releaseNotesQuery());
  const [announcement, setAnnouncement] = useState('');
  const all = notes.data?.notes ?? [];
  const drafts = all.filter((n) => n.status === 'draft');
  const dismissed = all.filter((n) => n.status === 'dismissed');
  return (
    <>
      <PageHeader title="Release notes">
        “We improved on X”, drafted from measured improvements: approve the true ones, and your app can tell its users.
      </PageHeader>
      <DraftNow />
      <div className="grid-2">
        <section className="card" aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">Drafts{notes.data ? ` (${count(drafts.length)})` : ''}</h2>
          <p role="status" className={announcement ? 'notice' : 'visually-hidden'}>
            {announcement}
          </p>
          <QueryState query={notes} what="the notes">
            {() =>
              drafts.length === 0 ? (
                <p className="muted">No drafts waiting. Draft notes now to look for improvements.</p>
              ) : (
                <ol className="note-list">
                  {drafts.map((n) => (
                    <li key={n.id}>
                      <DraftNote note={n} onDecided={setAnnouncement} />
                    </li>
                  ))}
                </ol>
              )
            }
          </QueryState>
        </section>
        <Published />
      </div>
      {dismissed.length > 0 && (
        <section className="card" aria-labelledby="dismissed-heading">
          <h2 id="dismissed-heading">Dismissed ({count(dismissed.length)})</h2>
          <ul>
            {dismissed.map((n) => (
              <li key={n.id}>
                {n.title}{' '}
                <span className="muted">— dismissed {n.decidedAt === null ? '' : formatDateTime(n.decidedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
