/**
 * Models & prompts: two or more values of one dimension side by side — the plain-language verdict,
 * positive rates with their intervals (chart and table), ratings, regenerations and corrections, each
 * against the baseline with its p-value and the votes a clear answer would need.
 */
import * as Plot from '@observablehq/plot';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { cohortsQuery, compareQuery } from '../api/analysis-queries';
import type { Comparison } from '../api/types';
import { FilterBar } from '../components/filter-bar';
import { FilteredNote } from '../components/filtered-note';
import { PageHeader } from '../components/page-header';
import { PlotChart } from '../components/plot-chart';
import { QueryState } from '../components/query-state';
import { useFilters, useSearchParam, useSetParams } from '../components/use-filters';
import { analysisParams, DIMENSION_LABELS, DIMENSIONS, type Dimension } from '../lib/filters';
import { count, dimensionValue, mean, percent, points, pValue, rateWithInterval } from '../lib/format';

function ArmsChart({ comparison }: { comparison: Comparison }) {
  const data = comparison.arms
    .filter((a) => a.measures.positiveRate.estimate !== null)
    .map((a, i) => ({
      arm: dimensionValue(a.value),
      baseline: i === 0,
      rate: a.measures.positiveRate.estimate,
      low: a.measures.positiveRate.low,
      high: a.measures.positiveRate.high,
      votes: a.measures.positiveRate.trials,
    }));
  return (
    <PlotChart
      label="Positive rate of each arm with its 95% interval"
      caption="Dots are positive rates, lines their 95% Wilson intervals; the baseline is hollow."
      height={Math.max(120, 48 * data.length + 50)}
      deps={[comparison]}
      render={({ width, height, colors }) =>
        Plot.plot({
          width,
          height,
          marginLeft: 120,
          ariaLabel: 'Positive rate per arm',
          x: { domain: [0, 1], tickFormat: '.0%', label: 'Positive rate', grid: true },
          y: { domain: data.map((d) => d.arm), label: null },
          marks: [
            Plot.ruleY(data, {
              y: 'arm',
              x1: 'low',
              x2: 'high',
              stroke: colors.accent,
              strokeWidth: 3,
              strokeOpacity: 0.45,
            }),
            Plot.dot(data, {
              y: 'arm',
              x: 'rate',
              r: 6,
              stroke: colors.accent,
              strokeWidth: 2,
              fill: (d: (typeof data)[number]) => (d.baseline ? 'transparent' : colors.accent),
              title: (d: (typeof data)[number]) =>
                `${d.arm}${d.baseline ? ' (baseline)' : ''}\n${percent(d.rate)} positive (${percent(d.low, 0)}–${percent(d.high, 0)})\n${d.votes} votes`,
              tip: true,
            }),
          ],
        })
      }
    />
  );
}

function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const others = new Map(comparison.comparisons.map((c) => [c.value, c]));
  const cell = (value: string, render: (c: NonNullable<ReturnType<typeof others.get>>) => string) => {
    const c = others.get(value);
    return c ? render(c) : '(baseline)';
  };
  const significance = (significant: boolean, p: number) =>
    `${significant ? 'significant' : 'not significant'}, p ${pValue(p)}`;
  const rows: Array<{ label: string; value: (arm: Comparison['arms'][number]) => string }> = [
    { label: 'Interactions', value: (a) => count(a.measures.interactions) },
    { label: 'Votes', value: (a) => count(a.measures.positiveRate.trials) },
    { label: 'Positive rate (95% interval)', value: (a) => rateWithInterval(a.measures.positiveRate) },
    {
      label: 'Positive rate vs baseline',
      value: (a) =>
        cell(
          a.value,
          (c) =>
            `${points(c.positiveRate.difference)} (${significance(c.positiveRate.significant, c.positiveRate.pValue)})`,
        ),
    },
    {
      label: 'Votes per arm for a clear answer',
      value: (a) =>
        cell(a.value, (c) =>
          c.positiveRate.significant
            ? 'enough already'
            : c.positiveRate.samplesNeededPerArm === null
              ? 'no difference to detect'
              : `about ${count(c.positiveRate.samplesNeededPerArm)}`,
        ),
    },
    {
      label: 'Mean rating',
      value: (a) =>
        a.measures.ratingCount > 0 ? `${mean(a.measures.ratingMean)} (${count(a.measures.ratingCount)})` : '—',
    },
    {
      label: 'Rating vs baseline',
      value: (a) =>
        cell(a.value, (c) => (c.rating ? significance(c.rating.significant, c.rating.pValue) : 'no ratings')),
    },
    { label: 'Regenerate rate', value: (a) => percent(a.measures.regenerateRate.estimate) },
    {
      label: 'Regenerations vs baseline',
      value: (a) =>
        cell(
          a.value,
          (c) =>
            `${points(c.regenerateRate.difference)} (${significance(c.regenerateRate.significant, c.regenerateRate.pValue)})`,
        ),
    },
    { label: 'Correction rate', value: (a) => percent(a.measures.correctionRate.estimate) },
    {
      label: 'Corrections vs baseline',
      value: (a) =>
        cell(
          a.value,
          (c) =>
            `${points(c.correctionRate.difference)} (${significance(c.correctionRate.significant, c.correctionRate.pValue)})`,
        ),
    },
  ];
  return (
    <div className="table-wrap">
      <table>
        <caption>
          Each arm against the baseline, {comparison.baseline}, at significance level {comparison.alpha}
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {comparison.arms.map((a, i) => (
              <th key={a.value} scope="col">
                {dimensionValue(a.value)}
                {i === 0 ? ' (baseline)' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {comparison.arms.map((a) => (
                <td key={a.value}>{row.value(a)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Result({ comparison }: { comparison: Comparison }) {
  return (
    <>
      <FilteredNote filtered={comparison.filtered} />
      <section className="card" aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">Verdict</h2>
        {comparison.comparisons.map((c) => (
          <p key={c.value} className="verdict">
            {c.verdict}
          </p>
        ))}
        <ArmsChart comparison={comparison} />
      </section>
      <section className="card" aria-labelledby="side-heading">
        <h2 id="side-heading">Side by side</h2>
        <ComparisonTable comparison={comparison} />
      </section>
    </>
  );
}

export default function ComparePage() {
  const [filters] = useFilters();
  const [dimensionParam] = useSearchParam('dimension');
  const [valuesParam, setValues] = useSearchParam('values');
  const setParams = useSetParams();
  const dimension = (DIMENSIONS as readonly string[]).includes(dimensionParam ?? '')
    ? (dimensionParam as Dimension)
    : 'model';
  const values = valuesParam ? valuesParam.split(',').filter((v, i, all) => all.indexOf(v) === i) : [];
  const dimensionId = useId();
  const baselineId = useId();
  const params = analysisParams(filters, Date.now());
  const candidates = useQuery(cohortsQuery({ ...params, dimension, minSupport: '1', sort: 'volume' }));
  const comparison = useQuery({
    ...compareQuery({ ...params, dimension, values: values.join(',') }),
    enabled: values.length >= 2,
  });

  const toggle = (value: string, on: boolean) => {
    const next = on ? [...values, value] : values.filter((v) => v !== value);
    setValues(next.join(','));
  };
  const makeBaseline = (value: string) => setValues([value, ...values.filter((v) => v !== value)].join(','));

  return (
    <>
      <PageHeader title="Models & prompts">
        Did the new model or prompt version actually do better? Pick two or more values to compare.
      </PageHeader>
      <FilterBar granularity={false} />
      <section className="card" aria-labelledby="pick-heading">
        <h2 id="pick-heading">What to compare</h2>
        <div className="row" style={{ marginBottom: '0.75rem' }}>
          <div className="field">
            <label htmlFor={dimensionId}>Dimension</label>
            <select
              id={dimensionId}
              value={dimension}
              onChange={(e) => setParams({ dimension: e.target.value, values: null })}
            >
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_LABELS[d]}
                </option>
              ))}
            </select>
          </div>
          {values.length >= 2 && (
            <div className="field">
              <label htmlFor={baselineId}>Baseline</label>
              <select id={baselineId} value={values[0]} onChange={(e) => makeBaseline(e.target.value)}>
                {values.map((v) => (
                  <option key={v} value={v}>
                    {dimensionValue(v)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <QueryState query={candidates} what="values">
          {(data) =>
            data.cohorts.length === 0 ? (
              <p className="muted">No interactions in this range.</p>
            ) : (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend className="muted">
                  {DIMENSION_LABELS[dimension]} values seen in this range (votes in brackets); the first picked is the
                  baseline.
                </legend>
                <div className="chips" style={{ marginTop: '0.5rem' }}>
                  {data.cohorts.map((c) => (
                    <label key={c.value} className="check chip">
                      <input
                        type="checkbox"
                        checked={values.includes(c.value)}
                        onChange={(e) => toggle(c.value, e.target.checked)}
                      />
                      {dimensionValue(c.value)} ({count(c.measures.positiveRate.trials)})
                    </label>
                  ))}
                </div>
              </fieldset>
            )
          }
        </QueryState>
      </section>
      {values.length < 2 ? (
        <p className="muted">Pick at least two values to compare them.</p>
      ) : (
        <QueryState query={comparison} what="the comparison">
          {(data) => <Result comparison={data} />}
        </QueryState>
      )}
    </>
  );
}
