/** Each category's share of the failure pool week by week (the latest run's members): one line each. */
import * as Plot from '@observablehq/plot';
import { useQuery } from '@tanstack/react-query';
import { themeTrendsQuery } from '../../api/theme-queries';
import type { ThemeTrends } from '../../api/types';
import { PlotChart } from '../../components/plot-chart';
import { QueryState } from '../../components/query-state';
import { count, formatDay, percent } from '../../lib/format';

function categoriesOf(trends: ThemeTrends): string[] {
  return [...new Set(trends.themes.map((t) => t.category))].sort();
}

function TrendsChart({ trends }: { trends: ThemeTrends }) {
  const rows = trends.weeks.flatMap((w) =>
    Object.entries(w.categories)
      .filter(([, rate]) => rate.trials > 0 && rate.estimate !== null)
      .map(([category, rate]) => ({
        week: new Date(w.weekStart),
        category,
        share: rate.estimate ?? 0,
        n: rate.successes,
        of: rate.trials,
      })),
  );
  if (rows.length === 0) return <p className="muted">No feedback of the latest run falls in these weeks.</p>;
  const first = trends.weeks[0]?.weekStart ?? 0;
  const last = trends.weeks[trends.weeks.length - 1]?.weekStart ?? 0;
  type Row = (typeof rows)[number];
  return (
    <PlotChart
      label="Share of the failure pool per category, week by week"
      caption="One line per category; weeks start on Monday (UTC). Weeks without feedback are left out."
      deps={[trends]}
      render={({ width, height }) =>
        Plot.plot({
          width,
          height,
          marginLeft: 48,
          ariaLabel: 'Category shares per week',
          color: { legend: true, scheme: 'observable10', domain: categoriesOf(trends) },
          x: { type: 'utc', label: null, domain: [new Date(first), new Date(last)] },
          y: { label: 'Share of the failure pool', tickFormat: '.0%', grid: true, zero: true, nice: true },
          marks: [
            Plot.lineY(rows, { x: 'week', y: 'share', z: 'category', stroke: 'category', strokeWidth: 2 }),
            Plot.dot(rows, {
              x: 'week',
              y: 'share',
              fill: 'category',
              r: 3.5,
              ariaLabel: (d: Row) => `${d.category}, week of ${formatDay(d.week.getTime())}: ${percent(d.share)}`,
              title: (d: Row) =>
                `${d.category}\nWeek of ${formatDay(d.week.getTime())}\n${percent(d.share)} · ${d.n} of ${d.of} items`,
              tip: true,
            }),
          ],
        })
      }
    />
  );
}

function TrendsTable({ trends }: { trends: ThemeTrends }) {
  const categories = categoriesOf(trends);
  return (
    <details>
      <summary>Show the numbers</summary>
      <div className="table-wrap">
        <table>
          <caption>Share of each week's failure pool per category</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col" className="num">
                Items
              </th>
              {categories.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trends.weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{formatDay(w.weekStart)}</th>
                <td className="num">{count(w.poolSize)}</td>
                {categories.map((c) => (
                  <td key={c} className="num">
                    {w.poolSize === 0 ? '—' : percent(w.categories[c]?.estimate)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function CategoryTrends({ weeks }: { weeks: number }) {
  const trends = useQuery(themeTrendsQuery(weeks));
  return (
    <section className="card" aria-labelledby="trends-heading">
      <h2 id="trends-heading">Week by week</h2>
      <p className="muted">The last {weeks} weeks, up to this one.</p>
      <QueryState query={trends} what="the weekly trends">
        {(data) => (
          <>
            <TrendsChart trends={data} />
            <TrendsTable trends={data} />
          </>
        )}
      </QueryState>
    </section>
  );
}
