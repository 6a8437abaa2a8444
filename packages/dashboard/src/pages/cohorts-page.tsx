/**
 * Cohorts: the measures per value of one dimension. Ranked cohorts come first in the server's order (by
 * the cautious end of their interval) and can be re-sorted by any column; cohorts with too few votes to
 * rank are listed apart and never ranked.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearch } from 'wouter';
import { cohortsQuery } from '../api/analysis-queries';
import type { Cohort, CohortReport } from '../api/types';
import { FilterBar } from '../components/filter-bar';
import { FilteredNote } from '../components/filtered-note';
import { IntervalBar } from '../components/interval-bar';
import { PageHeader } from '../components/page-header';
import { QueryState } from '../components/query-state';
import { useFilters, useSearchParam, useSetParams } from '../components/use-filters';
import { analysisParams, DIMENSION_LABELS, DIMENSIONS, type Dimension, sharedFilterSearch } from '../lib/filters';
import { count, dimensionValue, mean, percent } from '../lib/format';

interface Column {
  id: string;
  label: string;
  numeric: boolean;
  value: (c: Cohort) => number | string | null;
}

const COLUMNS: Column[] = [
  { id: 'value', label: 'Cohort', numeric: false, value: (c) => c.value },
  { id: 'interactions', label: 'Interactions', numeric: true, value: (c) => c.measures.interactions },
  { id: 'votes', label: 'Votes', numeric: true, value: (c) => c.measures.positiveRate.trials },
  { id: 'positiveRate', label: 'Positive rate', numeric: true, value: (c) => c.measures.positiveRate.estimate },
  { id: 'ratingMean', label: 'Mean rating', numeric: true, value: (c) => c.measures.ratingMean },
  { id: 'correctionRate', label: 'Corrections', numeric: true, value: (c) => c.measures.correctionRate.estimate },
  { id: 'regenerateRate', label: 'Regenerations', numeric: true, value: (c) => c.measures.regenerateRate.estimate },
];

function sortCohorts(cohorts: Cohort[], column: Column | undefined, descending: boolean): Cohort[] {
  if (!column) return cohorts;
  const sign = descending ? -1 : 1;
  return [...cohorts].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    // Missing values go last whichever way the column is sorted.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}

function CohortTable({
  cohorts,
  dimension,
  caption,
  sortable,
}: {
  cohorts: Cohort[];
  dimension: Dimension;
  caption: string;
  sortable: boolean;
}) {
  const [sort] = useSearchParam('sort');
  const [dir] = useSearchParam('dir');
  const setParams = useSetParams();
  const search = useSearch();
  const carried = sharedFilterSearch(new URLSearchParams(search));
  const column = sortable ? COLUMNS.find((c) => c.id === sort) : undefined;
  const descending = dir !== 'asc';
  const rows = sortCohorts(cohorts, column, descending);

  const toggle = (id: string) => {
    if (sort === id) setParams({ dir: descending ? 'asc' : null });
    else setParams({ sort: id, dir: id === 'value' ? 'asc' : null });
  };

  const linkTo = (value: string) => {
    const params = new URLSearchParams(carried.slice(1));
    params.set(dimension, value);
    return `/interactions?${params}`;
  };

  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {sortable && (
              <th scope="col" className="num">
                Rank
              </th>
            )}
            {COLUMNS.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={c.numeric && c.id !== 'positiveRate' ? 'num' : undefined}
                aria-sort={column?.id === c.id ? (descending ? 'descending' : 'ascending') : undefined}
              >
                {sortable ? (
                  <button type="button" className="sort" onClick={() => toggle(c.id)}>
                    {c.label}
                    {column?.id === c.id ? (descending ? ' ▼' : ' ▲') : ''}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.value}>
              {sortable && <td className="num">{cohorts.indexOf(c) + 1}</td>}
              <th scope="row">
                <Link href={linkTo(c.value)}>{dimensionValue(c.value)}</Link>
              </th>
              <td className="num">{count(c.measures.interactions)}</td>
              <td className="num">{count(c.measures.positiveRate.trials)}</td>
              <td>
                <IntervalBar rate={c.measures.positiveRate} />
              </td>
              <td className="num">
                {mean(c.measures.ratingMean)}
                {c.measures.ratingCount > 0 && <span className="muted"> ({count(c.measures.ratingCount)})</span>}
              </td>
              <td className="num">{percent(c.measures.correctionRate.estimate)}</td>
              <td className="num">{percent(c.measures.regenerateRate.estimate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cohorts({ report, dimension }: { report: CohortReport; dimension: Dimension }) {
  const ranked = report.cohorts.filter((c) => c.ranked);
  const unranked = report.cohorts.filter((c) => !c.ranked);
  return (
    <>
      <FilteredNote filtered={report.filtered} />
      <section className="card" aria-labelledby="ranked-heading">
        <h2 id="ranked-heading">Ranked</h2>
        {ranked.length === 0 ? (
          <p className="muted">
            No {DIMENSION_LABELS[dimension].toLowerCase()} has {report.minSupport} votes yet.
          </p>
        ) : (
          <CohortTable
            cohorts={ranked}
            dimension={dimension}
            sortable
            caption={`Ranked by the cautious end of the 95% interval of the positive rate; click a column to sort by it.`}
          />
        )}
      </section>
      {unranked.length > 0 && (
        <section className="card" aria-labelledby="unranked-heading">
          <h2 id="unranked-heading">Too few votes to rank</h2>
          <CohortTable
            cohorts={unranked}
            dimension={dimension}
            sortable={false}
            caption={`Fewer than ${report.minSupport} votes each: shown for completeness, never called best or worst.`}
          />
        </section>
      )}
    </>
  );
}

export default function CohortsPage() {
  const [filters] = useFilters();
  const [dimensionParam, setDimension] = useSearchParam('dimension');
  const [minSupport, setMinSupport] = useSearchParam('minSupport');
  const [order, setOrder] = useSearchParam('order');
  const dimension = (DIMENSIONS as readonly string[]).includes(dimensionParam ?? '')
    ? (dimensionParam as Dimension)
    : 'model';
  const dimensionId = useId();
  const supportId = useId();
  const orderId = useId();
  const params = {
    ...analysisParams(filters, Date.now()),
    dimension,
    ...(minSupport ? { minSupport } : {}),
    ...(order === 'worst' ? { order } : {}),
  };
  const report = useQuery(cohortsQuery(params));

  return (
    <>
      <PageHeader title="Cohorts">Who is served well and who is not, with the sample behind each number.</PageHeader>
      <FilterBar granularity={false} />
      <div className="row" style={{ marginBottom: '1rem' }}>
        <div className="field">
          <label htmlFor={dimensionId}>Break down by</label>
          <select id={dimensionId} value={dimension} onChange={(e) => setDimension(e.target.value)}>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={orderId}>Ranking</label>
          <select
            id={orderId}
            value={order === 'worst' ? 'worst' : 'best'}
            onChange={(e) => setOrder(e.target.value === 'worst' ? 'worst' : null)}
          >
            <option value="best">Best first</option>
            <option value="worst">Worst first</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={supportId}>Votes needed to rank</label>
          <input
            id={supportId}
            type="number"
            min={1}
            value={minSupport ?? '30'}
            onChange={(e) => setMinSupport(e.target.value === '30' ? null : e.target.value)}
            style={{ width: '7rem' }}
          />
        </div>
      </div>
      <QueryState query={report} what="cohorts">
        {(data) => <Cohorts report={data} dimension={dimension} />}
      </QueryState>
    </>
  );
}
