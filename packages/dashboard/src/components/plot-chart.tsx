/**
 * A thin React wrapper around Observable Plot: `render` builds the chart for the current width and
 * colours, and it is rebuilt when those or `deps` change. Plot draws SVG with `currentColor` axes, so
 * charts follow the page's light or dark colours; the series colours come from the CSS custom properties.
 */
import { type DependencyList, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

export interface ChartColors {
  accent: string;
  band: string;
  positive: string;
  negative: string;
  muted: string;
  border: string;
}

const DARK = '(prefers-color-scheme: dark)';

function subscribeScheme(listener: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function readColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return {
    accent: v('--accent'),
    band: v('--band'),
    positive: v('--positive'),
    negative: v('--negative'),
    muted: v('--muted'),
    border: v('--border'),
  };
}

/** The chart colours of the current colour scheme, re-read when the system switches light/dark. */
export function useChartColors(): ChartColors {
  const dark = useSyncExternalStore(subscribeScheme, () => window.matchMedia(DARK).matches);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the custom properties change with the scheme.
  return useMemo(() => readColors(), [dark]);
}

/**
 * Plot names its mark groups and, when asked, each point with `aria-label`; ARIA allows a name only with
 * a role, so groups become `group` and named points `img` (each point is then read with its label).
 */
function nameRoles(chart: Element): void {
  for (const element of chart.querySelectorAll('[aria-label]:not([role])')) {
    if (element.tagName.toLowerCase() === 'svg') continue;
    element.setAttribute('role', element.tagName.toLowerCase() === 'g' ? 'group' : 'img');
  }
}

export function PlotChart({
  label,
  caption,
  render,
  deps,
  height = 260,
}: {
  /** Names the chart for screen readers. */
  label: string;
  caption?: string;
  render: (size: { width: number; height: number; colors: ChartColors }) => SVGSVGElement | HTMLElement;
  deps: DependencyList;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const colors = useChartColors();

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth((previous) => (Math.abs(previous - next) > 1 ? next : previous));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `render` is rebuilt on every render; `deps` says when it matters.
  useEffect(() => {
    const element = box.current;
    if (!element || width === 0) return undefined;
    const chart = render({ width, height, colors });
    nameRoles(chart);
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [width, height, colors, ...deps]);

  return (
    <figure className="chart" aria-label={label}>
      <div className="chart-box" ref={box} style={{ minHeight: height }} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
