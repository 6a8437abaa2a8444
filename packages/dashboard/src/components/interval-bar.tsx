/** A rate and its interval as a small inline bar on a 0–100% track, with the numbers beside it. */
import type { Rate } from '../api/types';
import { percent } from '../lib/format';

export function IntervalBar({ rate }: { rate: Rate }) {
  if (rate.estimate === null || rate.trials === 0) return <span className="muted">no votes</span>;
  const text = `${percent(rate.estimate)} (95% interval ${percent(rate.low, 0)}–${percent(rate.high, 0)})`;
  return (
    <span className="interval">
      <span className="track" aria-hidden="true">
        <span className="range" style={{ left: `${rate.low * 100}%`, width: `${(rate.high - rate.low) * 100}%` }} />
        <span className="tick" style={{ left: `calc(${rate.estimate * 100}% - 1px)` }} />
      </span>
      <span>
        {percent(rate.estimate)}{' '}
        <span className="muted">
          ({percent(rate.low, 0)}–{percent(rate.high, 0)})
        </span>
      </span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
