/** A column chart as inline SVG: one bar per bucket (e.g. signals per week), each with its tooltip. */
import { html, type SafeHtml } from './html-escape.js';
import { coord, linearScale, niceAxis } from './svg-scale.js';

export interface Bar {
  /** The x-axis label, e.g. "Nov 16". */
  label: string;
  value: number;
  /** Written above the bar, e.g. "1,204". */
  valueLabel: string;
  tooltip: string;
}

export interface BarChartSpec {
  ariaLabel: string;
  bars: Bar[];
  formatTick: (value: number) => string;
}

const WIDTH = 420;
const HEIGHT = 220;
const MARGIN = { top: 20, right: 12, bottom: 30, left: 52 };

/**
 * @example
 * svgBarChart({ ariaLabel: 'Signals per week', bars, formatTick: (v) => v.toLocaleString('en-US') })
 */
export function svgBarChart(spec: BarChartSpec): SafeHtml {
  const values = spec.bars.map((b) => (Number.isFinite(b.value) && b.value > 0 ? b.value : 0));
  const axis = niceAxis(Math.max(0, ...values));
  const bottom = HEIGHT - MARGIN.bottom;
  const y = linearScale(0, axis.max, bottom, MARGIN.top);
  const slot = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, spec.bars.length);
  const barWidth = Math.min(40, slot * 0.62);

  const grid: SafeHtml[] = [];
  for (let t = 0; t <= axis.max + axis.step / 2; t += axis.step) {
    grid.push(
      html`<line class="chart-grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${coord(y(t))}" y2="${coord(y(t))}"/><text class="chart-tick" x="${MARGIN.left - 6}" y="${coord(y(t) + 4)}" text-anchor="end">${spec.formatTick(t)}</text>`,
    );
  }
  const bars = spec.bars.map((bar, i) => {
    const centre = MARGIN.left + (i + 0.5) * slot;
    const top = y(values[i]!);
    return html`<rect class="chart-bar" x="${coord(centre - barWidth / 2)}" y="${coord(top)}" width="${coord(barWidth)}" height="${coord(bottom - top)}"><title>${bar.tooltip}</title></rect><text class="chart-value" x="${coord(centre)}" y="${coord(top - 5)}" text-anchor="middle">${bar.valueLabel}</text><text class="chart-tick" x="${coord(centre)}" y="${HEIGHT - 10}" text-anchor="middle">${bar.label}</text>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${spec.ariaLabel}">${grid}${bars}</svg>`;
}
