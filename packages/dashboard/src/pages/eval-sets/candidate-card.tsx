/**
 * One candidate: what was asked and answered, why it counts as a failure, and the decision — accept it
 * into a set (the expected output pre-filled from the user's edit, tags) or reject it.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'wouter';
import { useAcceptCase, useRejectCase } from '../../api/eval-queries';
import type { EvalCandidate } from '../../api/types';
import { ErrorBox } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { promptLine } from '../../lib/messages';
import { parseTags, plural, SET_NAME_HINT, SET_NAME_PATTERN } from './eval-text';
import { EvidenceBadges } from './evidence-badges';

export interface CandidateCardProps {
  candidate: EvalCandidate;
  /** The set the page is curating: the decision goes there unless changed. */
  defaultSet: string | null;
  /** The id of a datalist of the project's set names. */
  setListId: string;
  onDecided: (message: string) => void;
}

/** A failed decision is shown from the mutation's own error state. */
const ignore = () => undefined;

export function CandidateCard({ candidate: c, defaultSet, setListId, onDecided }: CandidateCardProps) {
  const accept = useAcceptCase();
  const reject = useRejectCase();
  const [expected, setExpected] = useState(c.suggestedExpectedOutput ?? '');
  const [tags, setTags] = useState('');
  const [set, setSet] = useState(defaultSet ?? '');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setSet(defaultSet ?? ''), [defaultSet]);

  const prompt = promptLine(c.input);
  const where = [
    c.promptTemplate && `${c.promptTemplate}${c.promptVersion ? ` v${c.promptVersion}` : ''}`,
    c.model,
    c.tenant,
    c.feature,
  ].filter(Boolean);
  const busy = accept.isPending || reject.isPending;
  const error = accept.error ?? reject.error;
  const target = set.trim();

  const checkedSet = (): string | null => {
    if (SET_NAME_PATTERN.test(target)) return target;
    setProblem(`Name the eval set first. ${SET_NAME_HINT}`);
    return null;
  };
  const onAccept = (event: FormEvent) => {
    event.preventDefault();
    const name = checkedSet();
    if (!name) return;
    if (!expected.trim()) {
      setProblem('Write the expected output first: nobody edited this answer.');
      return;
    }
    setProblem(null);
    reject.reset();
    const tagList = parseTags(tags);
    // mutateAsync, not mutate's callbacks: the list refetches and this card may be gone before it resolves.
    accept
      .mutateAsync({
        set: name,
        interactionId: c.interactionId,
        expectedOutput: expected,
        ...(tagList.length ? { tags: tagList } : {}),
      })
      .then(() => onDecided(`Accepted ${c.interactionId} into “${name}”.`), ignore);
  };
  const onReject = () => {
    const name = checkedSet();
    if (!name) return;
    setProblem(null);
    accept.reset();
    reject
      .mutateAsync({ set: name, interactionId: c.interactionId, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      .then(() => onDecided(`Rejected ${c.interactionId} for “${name}”.`), ignore);
  };

  return (
    <article className="candidate" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="clamp">
        {prompt || c.interactionId}
      </h3>
      <EvidenceBadges evidence={c.evidence} />
      <p className="meta">
        {formatDateTime(c.createdAt)}
        {where.length > 0 && ` · ${where.join(' · ')}`} ·{' '}
        <Link href={`/interactions/${encodeURIComponent(c.interactionId)}`}>{c.interactionId}</Link>
      </p>
      <div className="grid-2 preview">
        <div>
          <h4>Prompt</h4>
          <p className="clamp-4">{prompt || <span className="muted">(no prompt)</span>}</p>
          {c.context.length > 0 && <p className="meta">{plural(c.context.length, 'retrieved document')}</p>}
        </div>
        <div>
          <h4>Answer</h4>
          <p className="clamp-4">{c.output ?? <span className="muted">(no output)</span>}</p>
        </div>
      </div>
      {c.evidence.comments.length > 0 && (
        <ul className="comments" aria-label="User comments">
          {c.evidence.comments.slice(0, 3).map((comment, i) => (
            // Comments can repeat word for word; their position tells them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered.
            <li key={i}>
              <q>{comment}</q>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onAccept} aria-label={`Decide on ${c.interactionId}`} noValidate>
        <div className="field">
          <label htmlFor={`${id}-expected`}>Expected output</label>
          <textarea
            id={`${id}-expected`}
            rows={3}
            value={expected}
            aria-describedby={`${id}-expected-hint`}
            onChange={(e) => setExpected(e.target.value)}
          />
          <span className="hint" id={`${id}-expected-hint`}>
            {c.suggestedExpectedOutput
              ? "Pre-filled with the user's edit: what they wanted instead."
              : 'Nobody edited this answer: write what it should have said.'}
          </span>
        </div>
        <div className="row decide">
          <div className="field">
            <label htmlFor={`${id}-tags`}>Tags</label>
            <input
              id={`${id}-tags`}
              type="text"
              value={tags}
              placeholder="e.g. citations"
              onChange={(e) => setTags(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-set`}>Eval set</label>
            <input
              id={`${id}-set`}
              type="text"
              value={set}
              list={setListId}
              autoComplete="off"
              onChange={(e) => setSet(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>Reason, if rejecting</label>
            <input
              id={`${id}-reason`}
              type="text"
              value={reason}
              placeholder="optional"
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="row actions">
            <button type="submit" className="primary" disabled={busy}>
              Accept
            </button>
            <button type="button" disabled={busy} onClick={onReject}>
              Reject
            </button>
          </div>
        </div>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        {error && <ErrorBox error={error} title={accept.error ? 'Not accepted' : 'Not rejected'} />}
      </form>
    </article>
  );
}
