/**
 * Themes: what negative feedback is about. The latest clustering run's themes for the filter bar's period
 * — share with its interval, trend against the previous period, the signals and cohorts behind each, and
 * its members — the same shares per taxonomy category, week by week, and the buttons that re-cluster and
 * assign new feedback. Parts in themes/.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearch } from 'wouter';
import { type PeriodParams, themesQuery, useAssignFeedback, useRunThemes } from '../api/theme-queries';
import type { ThemesOverview } from '../api/types';
import { FilterBar } from '../components/filter-bar';
import { PageHeader } from '../components/page-header';
import { QueryState } from '../components/query-state';
import { Stat } from '../components/stat';
import { useFilters, useSearchParam } from '../components/use-filters';
import { DIMENSIONS, sharedFilterSearch, timeRange } from '../lib/filters';
import { count, formatDay, percent } from '../lib/format';
import { CategoryShares } from './themes/category-shares';
import { CategoryTrends } from './themes/category-trends';
import { RunPanel } from './themes/run-panel';
import { ThemeCard } from './themes/theme-card';
import { assignSummary, iso, runSummary, runWindow, trendWeeks } from './themes/theme-text';

/** A failed write is shown from the mutation's own error state. */
const ignore = () => undefined;

const days = (from: number, to: number) => `${formatDay(from)} – ${formatDay(to - 1)}`;

function PeriodStats({ overview }: { overview: ThemesOverview }) {
  const previousPool = overview.categories[0]?.previousShare.trials ?? overview.themes[0]?.previousShare.trials ?? 0;
  const largest = [...overview.categories].sort((a, b) => b.share.successes - a.share.successes)[0];
  const rising = overview.themes.filter((t) => t.trend.significant && (t.trend.difference ?? 0) > 0);
  return (
    <div className="stats">
      <Stat
        label="Failure pool"
        value={count(overview.poolSize)}
        detail={`${days(overview.period.from, overview.period.to)}; ${count(previousPool)} the period before`}
      />
      <Stat
        label="Themes"
        value={count(overview.themes.filter((t) => t.size > 0).length)}
        detail={`of ${count(overview.themes.length)} in the latest run`}
      />
      <Stat
        label="Noise"
        value={count(overview.noise)}
        detail={overview.poolSize > 0 ? `${percent(overview.noise / overview.poolSize)} fit no theme` : 'no feedback'}
      />
      <Stat
        label="Largest category"
        value={largest && largest.share.successes > 0 ? percent(largest.share.estimate, 0) : '—'}
        detail={largest && largest.share.successes > 0 ? largest.category : 'no feedback this period'}
      />
      <Stat
        label="Rising significantly"
        value={count(rising.length)}
        detail={rising.length > 0 ? rising.map((t) => t.label).join('; ') : 'no theme grew beyond the noise'}
      />
    </div>
  );
}

/** The largest themes at first: a run may find dozens, most of them small. */
const FIRST_THEMES = 8;

function ThemeList({
  overview,
  period,
  open,
  onOpen,
  carried,
}: {
  overview: ThemesOverview;
  period: PeriodParams;
  open: string | null;
  onOpen: (id: string | null) => void;
  carried: string;
}) {
  const [all, setAll] = useState(false);
  const seen = overview.themes.filter((t) => t.size > 0);
  const unseen = overview.themes.filter((t) => t.size === 0);
  // A theme opened by the URL is shown even when it is not among the largest.
  const openAt = seen.findIndex((t) => t.id === open);
  const shown = all ? seen : seen.slice(0, Math.max(FIRST_THEMES, openAt + 1));
  return (
    <section className="card" aria-labelledby="themes-heading">
      <h2 id="themes-heading">Themes ({count(seen.length)})</h2>
      <p className="muted">
        Largest first. Share: of this period's failure pool, with its 95% interval. Trend: against{' '}
        {days(overview.previous.from, overview.previous.to)}, significant when a two-proportion test gives p &lt; 0.05.
        Cohorts: where a theme is at least 1.5× as common as in the whole pool.
      </p>
      {seen.length === 0 ? (
        <p className="muted">No feedback of the latest run falls in this period: pick another range or re-cluster.</p>
      ) : (
        <ol className="theme-list">
          {shown.map((t) => (
            <li key={t.id}>
              <ThemeCard
                theme={t}
                open={open === t.id}
                onToggle={() => onOpen(open === t.id ? null : t.id)}
                period={period}
                carried={carried}
              />
            </li>
          ))}
        </ol>
      )}
      {shown.length < seen.length && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {count(seen.length)} themes
        </button>
      )}
      {unseen.length > 0 && (
        <p className="muted">Not seen this period: {unseen.map((t) => `${t.label} (${t.category})`).join('; ')}.</p>
      )}
    </section>
  );
}

export default function ThemesPage() {
  const [filters] = useFilters();
  const [openTheme, setOpenTheme] = useSearchParam('theme');
  const search = useSearch();
  const carried = sharedFilterSearch(new URLSearchParams(search));
  const now = Date.now();
  const range = timeRange(filters, now);
  const period: PeriodParams = { from: iso(range.from), to: iso(range.to) };
  const span = runWindow(range, now);
  const overview = useQuery({ ...themesQuery(period), placeholderData: keepPreviousData });
  const recluster = useRunThemes();
  const assign = useAssignFeedback();
  const [message, setMessage] = useState('');

  const onRecluster = (k: number | undefined) => {
    setMessage('');
    assign.reset();
    // mutateAsync: it resolves once the themes are read again, so the summary appears with them.
    recluster
      .mutateAsync({ from: iso(span.from), to: iso(span.to), ...(k === undefined ? {} : { k }) })
      .then((report) => {
        setMessage(runSummary(report, k));
        if (report.runId !== null) setOpenTheme(null);
      }, ignore);
  };
  const onAssign = () => {
    setMessage('');
    recluster.reset();
    assign.mutateAsync().then((report) => setMessage(assignSummary(report)), ignore);
  };

  return (
    <>
      <PageHeader title="Themes">
        What negative feedback is about: grouped into themes, mapped onto the failure taxonomy, tracked week by week.
      </PageHeader>
      <FilterBar
        granularity={false}
        unfiltered={false}
        unsupported={{
          dimensions: [...DIMENSIONS],
          reason: "Themes cover the project's whole failure pool; each theme shows the cohorts where it concentrates.",
        }}
      />
      <QueryState query={overview} what="the themes">
        {(data) => (
          <>
            <RunPanel
              run={data.run}
              span={span}
              recluster={recluster}
              assign={assign}
              message={message}
              onRecluster={onRecluster}
              onAssign={onAssign}
            />
            {data.run && (
              <>
                <PeriodStats overview={data} />
                <CategoryShares overview={data} />
                <CategoryTrends weeks={trendWeeks(range.from, now)} />
                <ThemeList overview={data} period={period} open={openTheme} onOpen={setOpenTheme} carried={carried} />
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
