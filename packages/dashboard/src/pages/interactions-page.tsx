/**
 * Interactions: newest first, filtered by time, dimensions, the feedback they got and a text search of
 * the prompt and the answer, fifty at a time.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { interactionListQuery } from '../api/interaction-queries';
import type { InteractionSummary } from '../api/types';
import { FilterBar } from '../components/filter-bar';
import { PageHeader } from '../components/page-header';
import { ErrorBox, Loading } from '../components/query-state';
import { useFilters, useSearchParam, useSetParams } from '../components/use-filters';
import { timeRange } from '../lib/filters';
import { count, formatDateTime } from '../lib/format';
import { contentText } from '../lib/messages';

export const SIGNAL_TYPES = [
  'thumbs',
  'rating',
  'comment',
  'edit',
  'copy',
  'share',
  'regenerate',
  'dwell',
  'rephrase',
  'abandon',
  'accept',
  'reject',
  'outcome',
  'preference',
];

/** The prompt in one line: the text, or the last user message of a conversation. */
export function promptText(input: InteractionSummary['input']): string {
  if (input === null) return '';
  if (typeof input === 'string') return input;
  const users = input.filter((m) => m.role === 'user');
  return contentText((users[users.length - 1] ?? input[input.length - 1])?.content);
}

function SignalChips({ item }: { item: InteractionSummary }) {
  const others = Object.entries(item.signalCounts).filter(([type]) => type !== 'thumbs');
  if (item.thumbsUp + item.thumbsDown + others.length === 0) return <span className="muted">no feedback</span>;
  return (
    <span className="chips">
      {item.thumbsUp > 0 && (
        <span className="chip up">
          <span aria-hidden="true">▲</span>
          <span className="visually-hidden">thumbs up</span> {item.thumbsUp}
        </span>
      )}
      {item.thumbsDown > 0 && (
        <span className="chip down">
          <span aria-hidden="true">▼</span>
          <span className="visually-hidden">thumbs down</span> {item.thumbsDown}
        </span>
      )}
      {others.map(([type, n]) => (
        <span key={type} className="chip">
          {type} {n}
        </span>
      ))}
    </span>
  );
}

function Item({ item, search }: { item: InteractionSummary; search: string }) {
  const prompt = promptText(item.input);
  const tags = [
    item.model,
    item.promptTemplate && `${item.promptTemplate}${item.promptVersion ? ` v${item.promptVersion}` : ''}`,
    item.tenant,
    item.feature,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li>
      <Link className="title" href={`/interactions/${encodeURIComponent(item.id)}${search}`}>
        {prompt ? <span className="clamp">{prompt}</span> : item.id}
      </Link>
      <p className="clamp" style={{ margin: '0.25rem 0' }}>
        {item.output ?? <span className="muted">(no output)</span>}
      </p>
      <div className="row" style={{ gap: '0.5rem', alignItems: 'center' }}>
        <span className="meta">
          {formatDateTime(item.createdAt)}
          {tags && ` · ${tags}`}
        </span>
        <SignalChips item={item} />
      </div>
    </li>
  );
}

export default function InteractionsPage() {
  const [filters] = useFilters();
  const search = useSearch();
  const [q] = useSearchParam('q');
  const [signalType, setSignalType] = useSearchParam('signalType');
  const [thumbs, setThumbs] = useSearchParam('thumbs');
  const [rating, setRating] = useSearchParam('rating');
  const setParams = useSetParams();
  const [draft, setDraft] = useState(q ?? '');
  useEffect(() => setDraft(q ?? ''), [q]);
  const ids = { q: useId(), type: useId(), thumbs: useId(), rating: useId() };

  const { from, to } = timeRange(filters, Date.now());
  const params: Record<string, string> = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  for (const [name, value] of Object.entries(filters.dimensions)) params[name] = value;
  if (q) params.q = q;
  if (signalType) params.signalType = signalType;
  if (thumbs) params.thumbs = thumbs;
  if (rating) params.rating = rating;
  const list = useInfiniteQuery(interactionListQuery(params));
  const items = list.data?.pages.flatMap((p) => p.interactions) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ q: draft.trim() || null });
  };

  return (
    <>
      <PageHeader title="Interactions">Every answer with the feedback it earned. Open one to see why.</PageHeader>
      <FilterBar granularity={false} unfiltered={false} />
      <form className="filter-bar" onSubmit={submit} aria-label="Search and feedback filters">
        <div className="row">
          <div className="field" style={{ flex: '1 1 16rem' }}>
            <label htmlFor={ids.q}>Search prompts and answers</label>
            <input
              id={ids.q}
              type="search"
              value={draft}
              placeholder="e.g. password reset"
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
          <button type="submit" className="primary">
            Search
          </button>
          <div className="field">
            <label htmlFor={ids.type}>Has signal</label>
            <select id={ids.type} value={signalType ?? ''} onChange={(e) => setSignalType(e.target.value)}>
              <option value="">any</option>
              {SIGNAL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.thumbs}>Thumbs</label>
            <select id={ids.thumbs} value={thumbs ?? ''} onChange={(e) => setThumbs(e.target.value)}>
              <option value="">any</option>
              <option value="up">up</option>
              <option value="down">down</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.rating}>Rating</label>
            <select id={ids.rating} value={rating ?? ''} onChange={(e) => setRating(e.target.value)}>
              <option value="">any</option>
              <option value="1,2">1–2 stars</option>
              <option value="3">3 stars</option>
              <option value="4,5">4–5 stars</option>
            </select>
          </div>
        </div>
      </form>
      <section className="card" aria-labelledby="list-heading">
        <h2 id="list-heading">
          {list.isPending
            ? 'Interactions'
            : `${count(items.length)}${list.hasNextPage ? '+' : ''} ${items.length === 1 && !list.hasNextPage ? 'interaction' : 'interactions'}`}
        </h2>
        {list.error && <ErrorBox error={list.error} title="Could not load interactions" />}
        {list.isPending ? (
          <Loading what="interactions" />
        ) : items.length === 0 && !list.error ? (
          <p className="muted">No interactions match these filters.</p>
        ) : (
          <ul className="interaction-list">
            {items.map((item) => (
              <Item key={item.id} item={item} search={search ? `?${search}` : ''} />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </>
  );
}
