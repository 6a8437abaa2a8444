/** A theme's members in the period, most typical first: what placed it, the prompt, the answer, a link. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { type PeriodParams, themeMembersQuery } from '../../api/theme-queries';
import type { ThemeExample } from '../../api/types';
import { ErrorBox, Loading } from '../../components/query-state';
import { count } from '../../lib/format';

const PAGE = 50;
const MAX = 1000;

function MemberText({ member }: { member: ThemeExample }) {
  return member.textSource === 'comment' ? (
    <p className="member-comment">
      <span className="visually-hidden">Comment: </span>
      <q>{member.text}</q>
    </p>
  ) : (
    <p className="member-comment">
      <span className="visually-hidden">Prompt: </span>
      {member.text} <span className="meta">(no comment: what was asked)</span>
    </p>
  );
}

function Member({ member, carried }: { member: ThemeExample; carried: string }) {
  return (
    <article className="member" aria-label={`Member ${member.interactionId}`}>
      <MemberText member={member} />
      <div className="grid-2 preview">
        <div>
          <h5>Prompt</h5>
          <p className="clamp-4">{member.prompt || <span className="muted">(no prompt)</span>}</p>
        </div>
        <div>
          <h5>Output</h5>
          <p className="clamp-4">{member.output || <span className="muted">(no output)</span>}</p>
        </div>
      </div>
      <p className="meta">
        Interaction{' '}
        <Link href={`/interactions/${encodeURIComponent(member.interactionId)}${carried}`}>{member.interactionId}</Link>
      </p>
    </article>
  );
}

export function ThemeMembers({
  themeId,
  label,
  size,
  period,
  carried,
}: {
  themeId: string;
  label: string;
  size: number;
  period: PeriodParams;
  /** The shared filters, carried to the interaction pages. */
  carried: string;
}) {
  const [limit, setLimit] = useState(PAGE);
  const members = useQuery({ ...themeMembersQuery(themeId, period, limit), placeholderData: keepPreviousData });
  const list = members.data?.members ?? [];
  const more = list.length < size && list.length >= limit && limit < MAX;
  return (
    <section className="members" aria-label={`Members of “${label}”`}>
      <h4>
        Members{' '}
        <span className="muted">
          ({list.length < size ? `the ${count(list.length)} most typical of ${count(size)}` : count(size)})
        </span>
      </h4>
      {members.error && <ErrorBox error={members.error} title="Could not load the members" />}
      {members.isPending ? (
        <Loading what="the members" />
      ) : list.length === 0 ? (
        <p className="muted">No members in this period.</p>
      ) : (
        <ol className="member-list">
          {list.map((m) => (
            <li key={m.interactionId}>
              <Member member={m} carried={carried} />
            </li>
          ))}
        </ol>
      )}
      {more && (
        <button type="button" disabled={members.isFetching} onClick={() => setLimit(Math.min(MAX, limit + PAGE * 2))}>
          {members.isFetching ? 'Loading…' : 'Show more members'}
        </button>
      )}
    </section>
  );
}
