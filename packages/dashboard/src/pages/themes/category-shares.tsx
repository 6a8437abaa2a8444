/**
 * The taxonomy's categories this period against the previous one: a bar per period with its 95% interval,
 * and the same numbers in a table (the chart's accessible twin).
 */
import * as Plot from '@observablehq/plot';
import type { Rate, ThemesOverview } from '../../api/types';
import { PlotChart } from '../../components/plot-chart';
import { count, percent, points, pValue } from '../../lib/format';
import { twoProportionP } from '../../lib/stats';

const THIS = 'This period';
const BEFORE = 'Previous period';

function ShareCell({ rate }: { rate: Rate }) {
  if (rate.trials === 0 || rate.estimate === null) return <span className="muted">no feedback</span>;
  return (
    <span className="nowrap" title={`${count(rate.successes)} of ${count(rate.trials)} items`}>
      {percent(rate.estimate)}{' '}
      <span className="muted">
        ({percent(rate.low, 0)}–{percent(rate.high, 0)})
      </span>
    </span>
  );
}

function Change({ now, before }: { now: Rate; before: Rate }) {
  if (now.trials === 0 || before.trials === 0) return <span className="muted">—</span>;
  const difference = (now.estimate ?? 0) - (before.estimate ?? 0);
  const p = twoProportionP(now.successes, now.trials, before.successes, before.trials);
  // More of a failure is worse: a significant rise reads as negative.
  const tone = p < 0.05 ? (difference > 0 ? 'negative' : 'positive') : undefined;
  return (
    <>
      <span className={`nowrap ${tone ?? ''}`}>{points(difference)}</span>{' '}
      <span className="meta nowrap">p {pValue(p)}</span>
    </>
  );
}

function SharesChart({ overview }: { overview: ThemesOverview }) {
  const rows = overview.categories.flatMap((c) =>
    [
      { period: BEFORE, rate: c.previousShare },
      { period: THIS, rate: c.share },
    ]
      .filter(({ rate }) => rate.trials > 0 && rate.estimate !== null)
      .map(({ period, rate }) => ({
        category: c.category,
        period,
        share: rate.estimate ?? 0,
        low: rate.low,
        high: rate.high,
        n: rate.successes,
        of: rate.trials,
      })),
  );
  if (rows.length === 0) return null;
  const categories = overview.categories.map((c) => c.category);
  const longest = Math.max(...categories.map((c) => c.length));
  type Row = (typeof rows)[number];
  return (
    <PlotChart
      label="Share of the failure pool per category, this period against the previous one, with 95% intervals"
      caption="Bars: share of the period's failure pool; lines: 95% Wilson interval."
      deps={[overview]}
      height={categories.length * 46 + 50}
      render={({ width, height, colors }) =>
        Plot.plot({
          width,
          height,
          marginLeft: Math.min(180, 12 + longest * 7),
          marginRight: 16,
          ariaLabel: 'Category shares',
          color: { domain: [BEFORE, THIS], range: [colors.muted, colors.accent], legend: true },
          x: { label: 'Share of the failure pool', tickFormat: '.0%', grid: true, nice: true },
          y: { axis: null, domain: [BEFORE, THIS] },
          fy: { label: null, domain: categories, axis: 'left' },
          marks: [
            Plot.barX(rows, {
              fy: 'category',
              y: 'period',
              x: 'share',
              fill: 'period',
              inset: 1,
              ariaLabel: (d: Row) => `${d.category}, ${d.period.toLowerCase()}: ${percent(d.share)}`,
              title: (d: Row) =>
                `${d.category} · ${d.period}\n${percent(d.share)} (${percent(d.low, 0)}–${percent(d.high, 0)})\n${d.n} of ${d.of} items`,
              tip: true,
            }),
            Plot.ruleY(rows, { fy: 'category', y: 'period', x1: 'low', x2: 'high', stroke: 'currentColor' }),
            Plot.ruleX([0]),
          ],
        })
      }
    />
  );
}

export function CategoryShares({ overview }: { overview: ThemesOverview }) {
  const noise = overview.poolSize > 0 ? overview.noise / overview.poolSize : null;
  const previousPool = overview.categories[0]?.previousShare.trials ?? 0;
  return (
    <section className="card" aria-labelledby="categories-heading">
      <h2 id="categories-heading">Categories</h2>
      {overview.categories.length === 0 ? (
        <p className="muted">The latest run found no themes to map onto the taxonomy.</p>
      ) : (
        <div className="categories">
          <SharesChart overview={overview} />
          <div className="table-wrap">
            <table>
              <caption>
                Share of the failure pool per taxonomy category, with its 95% interval: {count(overview.poolSize)} items
                this period{noise !== null && ` (${percent(noise)} unthemed noise)`}, {count(previousPool)} the period
                before.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col">This period</th>
                  <th scope="col">Previous period</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {overview.categories.map((c) => (
                  <tr key={c.category}>
                    <th scope="row">{c.category}</th>
                    <td>
                      <ShareCell rate={c.share} />
                    </td>
                    <td>
                      <ShareCell rate={c.previousShare} />
                    </td>
                    <td>
                      <Change now={c.share} before={c.previousShare} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
