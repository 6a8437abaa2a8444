/**
 * A horizontal interval plot as inline SVG: one row per arm, its estimate as a dot on its confidence
 * interval, on a shared axis so overlapping intervals are visible at a glance.
 */
import { html, type SafeHtml } from './html-escape.js';
import { coord, drawable, linearScale, truncate } from './svg-scale.js';

export interface IntervalRow {
  label: string;
  /** null (or NaN) when the arm has no data: the row says so instead of drawing. */
  estimate: number | null;
  low: number;
  high: number;
  tooltip: string;
  /** Drawn hollow, e.g. the baseline arm. */
  reference?: boolean;
}

export interface IntervalPlotSpec {
  ariaLabel: string;
  rows: IntervalRow[];
  formatTick: (value: number) => string;
  /** The x range; 0–1 by default (rates). */
  domain?: [number, number];
}

const WIDTH = 420;
const LABEL_WIDTH = 124;
const ROW = 30;
const MARGIN = { top: 8, right: 16, bottom: 28 };
const LABEL_CHARS = 18;

/**
 * @example
 * svgIntervalPlot({ ariaLabel: 'Positive rate by model', rows, formatTick: (v) => `${v * 100}%` })
 */
export function svgIntervalPlot(spec: IntervalPlotSpec): SafeHtml {
  const [d0, d1] = spec.domain ?? [0, 1];
  const height = MARGIN.top + spec.rows.length * ROW + MARGIN.bottom;
  const bottom = height - MARGIN.bottom;
  const left = LABEL_WIDTH;
  const x = linearScale(d0, d1, left, WIDTH - MARGIN.right);
  const clamp = (v: number, fallback = d0) => Math.min(d1, Math.max(d0, Number.isFinite(v) ? v : fallback));

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => d0 + f * (d1 - d0));
  const grid = ticks.map(
    (t) =>
      html`<line class="chart-grid" x1="${coord(x(t))}" x2="${coord(x(t))}" y1="${MARGIN.top}" y2="${bottom}"/><text class="chart-tick" x="${coord(x(t))}" y="${height - 10}" text-anchor="middle">${spec.formatTick(t)}</text>`,
  );
  const rows = spec.rows.map((row, i) => {
    const cy = MARGIN.top + (i + 0.5) * ROW;
    const label = html`<text class="chart-label" x="${left - 8}" y="${coord(cy + 4)}" text-anchor="end">${truncate(row.label, LABEL_CHARS)}</text>`;
    if (!drawable(row.estimate)) {
      return html`<g><title>${row.tooltip}</title>${label}<text class="chart-empty" x="${left + 6}" y="${coord(cy + 4)}">n = 0</text></g>`;
    }
    const cls = row.reference ? 'interval-dot reference' : 'interval-dot';
    return html`<g><title>${row.tooltip}</title>${label}<line class="interval-bar" x1="${coord(x(clamp(row.low, row.estimate)))}" x2="${coord(x(clamp(row.high, row.estimate)))}" y1="${coord(cy)}" y2="${coord(cy)}"/><circle class="${cls}" cx="${coord(x(clamp(row.estimate)))}" cy="${coord(cy)}" r="5"/></g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${spec.ariaLabel}">${grid}${rows}</svg>`;
}
