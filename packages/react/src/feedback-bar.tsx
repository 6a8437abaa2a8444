import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useFeedloop } from './provider.js';
import { useFeedbackState } from './use-feedback-state.js';

export interface FeedbackBarProps {
  interactionId: string;
  /** A feedback token minted by your server for this interaction; sent with every signal. */
  token?: string;
  className?: string;
}

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * Thumbs, always shown; after a thumb, an optional 1–5 rating and a comment, inline. Plain buttons with
 * `aria-pressed` and labels, so it works with a keyboard and a screen reader; unstyled, for the host's CSS.
 * Everything goes through the browser SDK, so a `<feedloop-feedback>` for the same interaction stays in step.
 */
export function FeedbackBar({ interactionId, token, className }: FeedbackBarProps): ReactNode {
  const api = useFeedloop();
  const state = useFeedbackState(interactionId);
  const [draft, setDraft] = useState('');
  const [said, setSaid] = useState('');
  const commentId = useId();

  useEffect(() => {
    if (token) api.setToken(interactionId, token);
  }, [api, interactionId, token]);

  const thumb = (value: 'up' | 'down') => {
    const before = api.getState(interactionId).thumb;
    api.thumbs(interactionId, value);
    setSaid(before === (value === 'up' ? 1 : -1) ? 'Feedback removed.' : 'Thanks!');
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    api.comment(interactionId, draft);
    setDraft('');
    setSaid('Thanks! Your comment was sent.');
  };

  return (
    <fieldset className={className} aria-label="Feedback on this answer" data-feedloop-bar={interactionId}>
      <button type="button" aria-label="Helpful" aria-pressed={state.thumb === 1} onClick={() => thumb('up')}>
        👍
      </button>
      <button type="button" aria-label="Not helpful" aria-pressed={state.thumb === -1} onClick={() => thumb('down')}>
        👎
      </button>
      {state.thumb !== 0 && (
        <>
          <fieldset aria-label="Rating">
            {STARS.map((stars) => (
              <button
                key={stars}
                type="button"
                aria-label={`${stars} of 5`}
                aria-pressed={state.rating === stars}
                onClick={() => {
                  api.rate(interactionId, stars);
                  setSaid('Thanks!');
                }}
              >
                {state.rating !== null && stars <= state.rating ? '★' : '☆'}
              </button>
            ))}
          </fieldset>
          <form onSubmit={send}>
            <label htmlFor={commentId}>Comment</label>
            <textarea id={commentId} value={draft} maxLength={4000} onChange={(e) => setDraft(e.target.value)} />
            <button type="submit">Send</button>
          </form>
        </>
      )}
      <span role="status" aria-live="polite">
        {said}
      </span>
    </fieldset>
  );
}
