/**
 * Clustering on demand: "Re-cluster now" (with an optional number of themes) and "Assign new feedback",
 * each with its one-sentence answer. Before the first run it is the page's empty state and says what a
 * run does.
 */
import { type FormEvent, useId, useState } from 'react';
import type { ThemesOverview } from '../../api/types';
import { ErrorBox } from '../../components/query-state';
import { count, formatDateTime, formatDay } from '../../lib/format';
import { plural } from './theme-text';

/** A write's state as the panel shows it (a TanStack mutation fits). */
interface Action {
  isPending: boolean;
  error: Error | null;
}

export interface RunPanelProps {
  /** The latest run, or null before the first. */
  run: ThemesOverview['run'];
  /** What a run will cluster (epoch ms, `to` exclusive). */
  span: { from: number; to: number };
  recluster: Action;
  assign: Action;
  /** What the last action did, in one sentence. */
  message: string;
  onRecluster: (k: number | undefined) => void;
  onAssign: () => void;
}

const K_MIN = 2;
const K_MAX = 200;

export function RunPanel({ run, span, recluster, assign, message, onRecluster, onAssign }: RunPanelProps) {
  const [k, setK] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const kId = useId();
  const hintId = useId();
  const days = `${formatDay(span.from)} – ${formatDay(span.to - 1)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = k.trim();
    const value = text === '' ? undefined : Number(text);
    if (value !== undefined && !(Number.isInteger(value) && value >= K_MIN && value <= K_MAX)) {
      setProblem(`The number of themes is a whole number from ${K_MIN} to ${K_MAX}, or empty to choose it.`);
      return;
    }
    setProblem(null);
    onRecluster(value);
  };

  return (
    <section className={run ? 'card' : 'card empty-state'} aria-labelledby="run-heading">
      <h2 id="run-heading">{run ? 'Clustering' : 'No themes yet'}</h2>
      {run ? (
        <p>
          Latest run {formatDateTime(run.createdAt)}: {plural(run.poolSize, 'item')} clustered into{' '}
          {plural(run.k, 'theme')}, {count(run.noise)} left as noise{' '}
          <span className="muted">({run.representation} embeddings)</span>. New feedback joins the nearest theme every
          few minutes; re-cluster when themes drift.
        </p>
      ) : (
        <>
          <p>
            A run collects the <strong>failure pool</strong> — every interaction voted down, rated 1–2, regenerated,
            rephrased, abandoned, rejected or edited, and every one with a comment — and groups what users wrote (or,
            without a comment, what they asked) into themes. It picks the number of themes itself unless you give one,
            keeps outliers apart as noise, names each theme by its distinctive words and maps it onto the failure
            taxonomy (hallucination, stale data, broken citations…), so you can read “17% of negative feedback is about
            broken citations” and watch it week by week.
          </p>
          <p className="muted">It needs at least 20 items with negative evidence or comments.</p>
        </>
      )}
      <form className="row" onSubmit={submit} aria-label="Re-cluster" noValidate>
        <div className="field">
          <label htmlFor={kId}>Number of themes</label>
          <input
            id={kId}
            type="number"
            inputMode="numeric"
            min={K_MIN}
            max={K_MAX}
            step={1}
            value={k}
            placeholder="auto"
            aria-describedby={hintId}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => setK(e.target.value)}
            style={{ width: '8rem' }}
          />
        </div>
        <button type="submit" className="primary" disabled={recluster.isPending}>
          {recluster.isPending ? 'Clustering…' : 'Re-cluster now'}
        </button>
        {run && (
          <button type="button" disabled={assign.isPending} onClick={onAssign}>
            {assign.isPending ? 'Assigning…' : 'Assign new feedback'}
          </button>
        )}
      </form>
      <p className="hint muted" id={hintId}>
        Clusters the failure pool of {days} (UTC): this period, the one before it and the weeks of the trend chart.
        Leave the number of themes empty to choose it automatically.
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <p role="status" className={message ? 'notice' : 'visually-hidden'}>
        {message}
      </p>
      {recluster.error && <ErrorBox error={recluster.error} title="Could not cluster" />}
      {assign.error && <ErrorBox error={assign.error} title="Could not assign" />}
    </section>
  );
}
