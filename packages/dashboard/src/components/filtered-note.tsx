/**
 * What the abuse filter and latest-vote-wins set aside, in one sentence, with the switch to show the
 * unfiltered numbers (or back).
 */
import type { FilteredSummary } from '../api/types';
import { count } from '../lib/format';
import { useFilters } from './use-filters';

export function FilteredNote({ filtered }: { filtered: FilteredSummary }) {
  const [filters, setFilters] = useFilters();
  const reasons = Object.entries(filtered.byReason)
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a);
  if (filters.unfiltered) {
    return (
      <p className="notice">
        Showing <strong>unfiltered</strong> numbers: {count(filtered.total)} votes the abuse filter would set aside are
        counted.{' '}
        <button type="button" onClick={() => setFilters({ unfiltered: false })}>
          Hide them again
        </button>
      </p>
    );
  }
  if (filtered.total === 0 && filtered.superseded === 0) return null;
  return (
    <p className="notice">
      {filtered.total > 0 ? (
        <>
          <strong>
            {count(filtered.total)} {filtered.total === 1 ? 'vote' : 'votes'} set aside
          </strong>
          : {reasons.map(([reason, n]) => `${reason} ${count(n)}`).join(', ')}.{' '}
        </>
      ) : (
        'No votes set aside by the abuse filter. '
      )}
      {filtered.superseded > 0 && (
        <span className="muted">
          {count(filtered.superseded)} earlier {filtered.superseded === 1 ? 'vote was' : 'votes were'} replaced by the
          same user's later vote.{' '}
        </span>
      )}
      {filtered.total > 0 && (
        <button type="button" onClick={() => setFilters({ unfiltered: true })}>
          Show unfiltered
        </button>
      )}
    </p>
  );
}
