/**
 * A line chart of a rate over time as inline SVG: the estimate as a line with a marker per point that
 * has data, its confidence interval as a shaded band, and gaps where a point has no data.
 */
import { html, type SafeHtml } from './html-escape.js';
import { coord, drawable, linearScale } from './svg-scale.js';

export interface LinePoint {
  /** The x-axis label, e.g. "Tue 17". */
  label: string;
  /** The estimate; null (or NaN) when the point has no data, which leaves a gap. */
  value: number | null;
  low: number;
  high: number;
  /** The marker's tooltip. */
  tooltip: string;
}

export interface LineChartSpec {
  /** What a screen reader announces for the whole chart. */
  ariaLabel: string;
  points: LinePoint[];
  formatTick: (value: number) => string;
  /** The y range; 0–1 by default (rates). */
  domain?: [number, number];
  /** Written under a point without data. */
  emptyNote?: string;
}

const WIDTH = 420;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 44 };

/**
 * @example
 * svgLineChart({ ariaLabel: 'Daily positive rate', points, formatTick: (v) => `${v * 100}%` })
 */
export function svgLineChart(spec: LineChartSpec): SafeHtml {
  const [d0, d1] = spec.domain ?? [0, 1];
  const bottom = HEIGHT - MARGIN.bottom;
  const y = linearScale(d0, d1, bottom, MARGIN.top);
  const slot = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, spec.points.length);
  const x = (i: number) => MARGIN.left + (i + 0.5) * slot;
  // An interval bound that is not a number (a hand-made or JSON-mangled report) collapses onto the estimate.
  const clamp = (v: number, fallback = d0) => Math.min(d1, Math.max(d0, Number.isFinite(v) ? v : fallback));

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => d0 + f * (d1 - d0));
  const grid = ticks.map(
    (t) =>
      html`<line class="chart-grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${coord(y(t))}" y2="${coord(y(t))}"/><text class="chart-tick" x="${MARGIN.left - 6}" y="${coord(y(t) + 4)}" text-anchor="end">${spec.formatTick(t)}</text>`,
  );

  // Runs of consecutive points with data: each gets its own band and line, so a day without data is a gap.
  const runs: number[][] = [];
  spec.points.forEach((p, i) => {
    if (!drawable(p.value)) return;
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  });

  const bands = runs.map((run) => {
    if (run.length === 1) {
      const p = spec.points[run[0]!]!;
      return html`<rect class="chart-band" x="${coord(x(run[0]!) - 5)}" width="10" y="${coord(y(clamp(p.high, p.value!)))}" height="${coord(Math.max(0, y(clamp(p.low, p.value!)) - y(clamp(p.high, p.value!))))}"/>`;
    }
    const upper = run.map((i) => `${coord(x(i))},${coord(y(clamp(spec.points[i]!.high, spec.points[i]!.value!)))}`);
    const lower = run
      .map((i) => `${coord(x(i))},${coord(y(clamp(spec.points[i]!.low, spec.points[i]!.value!)))}`)
      .reverse();
    return html`<polygon class="chart-band" points="${[...upper, ...lower].join(' ')}"/>`;
  });
  const lines = runs
    .filter((run) => run.length > 1)
    .map(
      (run) =>
        html`<polyline class="chart-line" points="${run.map((i) => `${coord(x(i))},${coord(y(clamp(spec.points[i]!.value!)))}`).join(' ')}"/>`,
    );

  const markers: SafeHtml[] = [];
  const labels: SafeHtml[] = [];
  spec.points.forEach((p, i) => {
    labels.push(
      html`<text class="chart-tick" x="${coord(x(i))}" y="${HEIGHT - 10}" text-anchor="middle">${p.label}</text>`,
    );
    if (drawable(p.value)) {
      markers.push(
        html`<circle class="chart-marker" cx="${coord(x(i))}" cy="${coord(y(clamp(p.value)))}" r="4.5"><title>${p.tooltip}</title></circle>`,
      );
    } else {
      markers.push(
        html`<text class="chart-empty" x="${coord(x(i))}" y="${coord(bottom - 8)}" text-anchor="middle"><title>${p.tooltip}</title>${spec.emptyNote ?? 'n = 0'}</text>`,
      );
    }
  });

  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${spec.ariaLabel}">${grid}${bands}${lines}${markers}${labels}</svg>`;
}
