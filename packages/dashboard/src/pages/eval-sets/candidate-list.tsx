/** The candidates for the page's filters, strongest evidence first, ten at a time. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { candidatesQuery } from '../../api/eval-queries';
import { ErrorBox, Loading } from '../../components/query-state';
import { count } from '../../lib/format';
import { CandidateCard } from './candidate-card';

export function CandidateList({
  params,
  set,
  setListId,
}: {
  params: Record<string, string>;
  set: string | null;
  setListId: string;
}) {
  const list = useInfiniteQuery(candidatesQuery(params));
  const [announcement, setAnnouncement] = useState('');
  const items = list.data?.pages.flatMap((p) => p.candidates) ?? [];
  const title = list.isPending
    ? 'Candidates'
    : `${count(items.length)}${list.hasNextPage ? '+' : ''} ${items.length === 1 && !list.hasNextPage ? 'candidate' : 'candidates'}`;
  return (
    <section className="card" aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">{title}</h2>
      <p className="muted">
        Interactions users flagged — voted down, rated 1–2, corrected, regenerated — strongest evidence first
        {set ? `, without those “${set}” already decided` : ''}.
      </p>
      <p role="status" className={announcement ? 'notice' : 'visually-hidden'}>
        {announcement}
      </p>
      {list.error && <ErrorBox error={list.error} title="Could not load candidates" />}
      {list.isPending ? (
        <Loading what="candidates" />
      ) : items.length === 0 && !list.error ? (
        <p className="muted">No candidates match these filters: nothing users flagged is left to decide.</p>
      ) : (
        <ol className="candidate-list">
          {items.map((c) => (
            <li key={c.interactionId}>
              <CandidateCard candidate={c} defaultSet={set} setListId={setListId} onDecided={setAnnouncement} />
            </li>
          ))}
        </ol>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
