/**
 * Overview: satisfaction and signal volumes over time, capture rate, what changed this week, and what
 * the abuse filter set aside.
 */
import * as Plot from '@observablehq/plot';
import { useQuery } from '@tanstack/react-query';
import { captureRateQuery, movesQuery, timeSeriesQuery } from '../api/analysis-queries';
import type { CaptureRate, CohortMoves, Measures, TimeSeries } from '../api/types';
import { FilterBar } from '../components/filter-bar';
import { FilteredNote } from '../components/filtered-note';
import { PageHeader } from '../components/page-header';
import { PlotChart } from '../components/plot-chart';
import { ErrorBox, QueryState } from '../components/query-state';
import { Stat } from '../components/stat';
import { useFilters } from '../components/use-filters';
import { analysisParams, type Filters, startOfUtcDay } from '../lib/filters';
import {
  count,
  dimensionValue,
  formatDateTime,
  formatDay,
  mean,
  percent,
  points,
  pValue,
  rateWithInterval,
} from '../lib/format';
import { twoProportionP } from '../lib/stats';

const DAY = 86_400_000;
const PLOT_INTERVAL = { hour: 'hour', day: 'day', week: 'monday' } as const;

function bucketLabel(ms: number, granularity: TimeSeries['granularity']): string {
  if (granularity === 'hour') return formatDateTime(ms).replace(/:00 UTC$/, ' UTC');
  return granularity === 'week' ? `Week of ${formatDay(ms)}` : formatDay(ms);
}

function SatisfactionChart({ series }: { series: TimeSeries }) {
  const data = series.points
    .filter((p) => p.measures.positiveRate.estimate !== null)
    .map((p) => ({
      date: new Date(p.bucketStart),
      label: bucketLabel(p.bucketStart, series.granularity),
      rate: p.measures.positiveRate.estimate,
      low: p.measures.positiveRate.low,
      high: p.measures.positiveRate.high,
      votes: p.measures.positiveRate.trials,
    }));
  return (
    <PlotChart
      label="Thumbs positive rate over time, with its 95% Wilson interval"
      caption={`One point per ${series.granularity} with votes; the band is the 95% Wilson interval.`}
      deps={[series]}
      render={({ width, height, colors }) =>
        Plot.plot({
          width,
          height,
          marginLeft: 48,
          ariaLabel: 'Positive rate over time',
          x: { type: 'utc', label: null, domain: [new Date(series.filter.from), new Date(series.filter.to)] },
          y: { domain: [0, 1], tickFormat: '.0%', label: 'Positive rate', grid: true },
          marks: [
            Plot.areaY(data, { x: 'date', y1: 'low', y2: 'high', fill: colors.band }),
            Plot.lineY(data, { x: 'date', y: 'rate', stroke: colors.accent, strokeWidth: 2 }),
            Plot.dot(data, {
              x: 'date',
              y: 'rate',
              fill: colors.accent,
              r: 3.5,
              ariaLabel: (d: (typeof data)[number]) => `${d.label}: ${percent(d.rate)} positive of ${d.votes} votes`,
              title: (d: (typeof data)[number]) =>
                `${d.label}\n${percent(d.rate)} positive (${percent(d.low, 0)}–${percent(d.high, 0)})\n${d.votes} votes`,
              tip: true,
            }),
          ],
        })
      }
    />
  );
}

function SignalsChart({ series }: { series: TimeSeries }) {
  const rows = series.points.flatMap((p) =>
    Object.entries(p.measures.signals).map(([type, n]) => ({ date: new Date(p.bucketStart), type, n })),
  );
  if (rows.length === 0) return <p className="muted">No signals in this range.</p>;
  return (
    <PlotChart
      label="Signals per bucket, stacked by type"
      deps={[series]}
      render={({ width, height }) =>
        Plot.plot({
          width,
          height,
          marginLeft: 48,
          ariaLabel: 'Signal volumes over time',
          color: { legend: true, scheme: 'observable10' },
          x: { type: 'utc', label: null, domain: [new Date(series.filter.from), new Date(series.filter.to)] },
          y: { label: 'Signals', grid: true },
          marks: [
            Plot.rectY(rows, {
              x: 'date',
              interval: PLOT_INTERVAL[series.granularity],
              y: 'n',
              fill: 'type',
              inset: 0.5,
              tip: true,
            }),
            Plot.ruleY([0]),
          ],
        })
      }
    />
  );
}

function SeriesTable({ series }: { series: TimeSeries }) {
  return (
    <details>
      <summary>Show the numbers</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Bucket</th>
              <th scope="col" className="num">
                Interactions
              </th>
              <th scope="col" className="num">
                Votes
              </th>
              <th scope="col">Positive rate (95% interval)</th>
              <th scope="col" className="num">
                Mean rating
              </th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.bucketStart}>
                <th scope="row">{bucketLabel(p.bucketStart, series.granularity)}</th>
                <td className="num">{count(p.measures.interactions)}</td>
                <td className="num">{count(p.measures.positiveRate.trials)}</td>
                <td>{rateWithInterval(p.measures.positiveRate)}</td>
                <td className="num">{mean(p.measures.ratingMean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Headline({ total, capture }: { total: Measures; capture: CaptureRate | undefined }) {
  const votes = total.positiveRate.trials;
  return (
    <div className="stats">
      <Stat label="Interactions" value={count(total.interactions)} />
      <Stat
        label="Positive rate"
        value={percent(total.positiveRate.estimate)}
        detail={
          votes > 0
            ? `95% interval ${percent(total.positiveRate.low, 0)}–${percent(total.positiveRate.high, 0)}, ${count(votes)} votes`
            : 'no thumbs votes'
        }
      />
      <Stat
        label="Mean rating"
        value={mean(total.ratingMean)}
        detail={`${count(total.ratingCount)} ${total.ratingCount === 1 ? 'rating' : 'ratings'}`}
      />
      <Stat
        label="Corrections"
        value={percent(total.correctionRate.estimate)}
        detail={`${count(total.correctionRate.successes)} edits, per interaction`}
      />
      <Stat
        label="Regenerations"
        value={percent(total.regenerateRate.estimate)}
        detail={`${count(total.regenerateRate.successes)} regenerations, per interaction`}
      />
      <Stat
        label="Capture rate"
        value={capture ? percent(capture.implicitRate.estimate) : '…'}
        detail={capture ? `${capture.tier} · ${count(capture.sessions)} sessions` : 'loading'}
      />
    </div>
  );
}

function CaptureCard({ capture }: { capture: CaptureRate }) {
  return (
    <div>
      <p>
        <strong>{percent(capture.implicitRate.estimate)}</strong> of {count(capture.sessions)} sessions left an implicit
        or correction signal (copy, regenerate, edit, dwell…): tier <strong>{capture.tier}</strong>.
      </p>
      <p className="muted">
        Tiers: Mature over 50%, Healthy 25–50%, Building 10–25%, Capture-only under 10%. Explicit feedback (thumbs,
        ratings, comments) came from {percent(capture.explicitRate.estimate)} of sessions.
      </p>
    </div>
  );
}

/** The last 7 days (today included) and the dimension filters, whatever range the page shows. */
function lastSevenDays(filters: Filters, weeksBack = 0): Record<string, string> {
  const end = startOfUtcDay(Date.now()) + DAY - weeksBack * 7 * DAY;
  return {
    ...analysisParams({ ...filters, range: '7d' }, Date.now()),
    from: new Date(end - 7 * DAY).toISOString(),
    to: new Date(end).toISOString(),
  };
}

/** The last 7 days against the 7 before, with the same dimension filters. */
function WeekOverWeek({ filters }: { filters: Filters }) {
  const thisWeek = useQuery(timeSeriesQuery({ ...lastSevenDays(filters), granularity: 'week' }));
  const lastWeek = useQuery(timeSeriesQuery({ ...lastSevenDays(filters, 1), granularity: 'week' }));
  if (thisWeek.error || lastWeek.error) {
    return <ErrorBox error={thisWeek.error ?? lastWeek.error} title="Could not load this week" />;
  }
  if (!thisWeek.data || !lastWeek.data) return <p className="muted">Loading this week…</p>;
  const now = thisWeek.data.total.positiveRate;
  const before = lastWeek.data.total.positiveRate;
  if (now.trials === 0 || before.trials === 0) {
    return (
      <p>
        Positive rate over the last 7 days: <strong>{rateWithInterval(now)}</strong>; the 7 days before had{' '}
        {before.trials === 0 ? 'no votes' : rateWithInterval(before)}, so there is nothing to compare yet.
      </p>
    );
  }
  const difference = (now.estimate ?? 0) - (before.estimate ?? 0);
  const p = twoProportionP(now.successes, now.trials, before.successes, before.trials);
  const clear = p < 0.05;
  return (
    <p>
      Positive rate over the last 7 days: <strong>{percent(now.estimate)}</strong> ({count(now.trials)} votes), against{' '}
      {percent(before.estimate)} ({count(before.trials)} votes) the 7 days before:{' '}
      <strong className={clear ? (difference > 0 ? 'positive' : 'negative') : undefined}>{points(difference)}</strong>
      {clear ? `, a clear change (p ${pValue(p)}).` : `, within the noise (p ${pValue(p)}).`}
    </p>
  );
}

function MovedCohorts({ moves }: { moves: CohortMoves }) {
  const week = `${formatDay(moves.from)} – ${formatDay(moves.to - DAY)}`;
  if (moves.moves.length === 0) {
    return <p className="muted">No cohort's positive rate moved significantly in {week}.</p>;
  }
  return (
    <div className="table-wrap">
      <table>
        <caption>Cohorts whose positive rate moved significantly, {week} against the 7 days before</caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              After
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              p-value
            </th>
          </tr>
        </thead>
        <tbody>
          {moves.moves.map((m) => (
            <tr key={`${m.dimension}:${m.value}`}>
              <th scope="row">
                {m.dimension}: {dimensionValue(m.value)}
              </th>
              <td className="num">{percent(m.before.estimate)}</td>
              <td className="num">{percent(m.after.estimate)}</td>
              <td className={`num ${m.difference > 0 ? 'positive' : 'negative'}`}>{points(m.difference)}</td>
              <td className="num">{pValue(m.pValue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function OverviewPage() {
  const [filters] = useFilters();
  const params = analysisParams(filters, Date.now());
  const series = useQuery(timeSeriesQuery({ ...params, granularity: filters.granularity }));
  const capture = useQuery(captureRateQuery(params));
  const moves = useQuery(movesQuery(lastSevenDays(filters)));

  return (
    <>
      <PageHeader title="Overview">How satisfied users are, and how much they tell you.</PageHeader>
      <FilterBar />
      <QueryState query={series} what="the time series">
        {(data) => (
          <>
            <FilteredNote filtered={data.filtered} />
            <Headline total={data.total} capture={capture.data} />
            <div className="grid-2">
              <section className="card" aria-labelledby="satisfaction-heading">
                <h2 id="satisfaction-heading">Satisfaction</h2>
                <SatisfactionChart series={data} />
                <SeriesTable series={data} />
              </section>
              <section className="card" aria-labelledby="volume-heading">
                <h2 id="volume-heading">Signal volumes</h2>
                <SignalsChart series={data} />
              </section>
            </div>
          </>
        )}
      </QueryState>
      <div className="grid-2">
        <section className="card" aria-labelledby="changed-heading">
          <h2 id="changed-heading">What changed this week</h2>
          <WeekOverWeek filters={filters} />
          <QueryState query={moves} what="the cohorts that moved">
            {(data) => <MovedCohorts moves={data} />}
          </QueryState>
        </section>
        <section className="card" aria-labelledby="capture-heading">
          <h2 id="capture-heading">Capture rate</h2>
          <QueryState query={capture} what="the capture rate">
            {(data) => <CaptureCard capture={data} />}
          </QueryState>
        </section>
      </div>
    </>
  );
}
