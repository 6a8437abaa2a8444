/**
 * The report's only stylesheet, inlined: light and dark through custom properties and
 * `prefers-color-scheme`, tables that scroll inside their own box on a phone, charts that scale.
 */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --border: #d0d7de; --surface: #f6f8fa;
  --accent: #0969da; --band: rgba(9, 105, 218, 0.18); --grid: #e1e4e8; --good: #1a7f37; --bad: #cf222e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --border: #30363d; --surface: #161b22;
    --accent: #58a6ff; --band: rgba(88, 166, 255, 0.22); --grid: #262c34; --good: #3fb950; --bad: #f85149;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
.subtitle { color: var(--muted); margin-top: 0; }
nav ul { list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em;
  background: var(--surface); border: 1px solid var(--border); border-radius: 4px; padding: 0 0.25em; }
.table-wrap { overflow-x: auto; margin: 0.75rem 0 1rem; border: 1px solid var(--border); border-radius: 6px; }
.table-wrap:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.5rem 0.75rem; color: var(--fg); }
th, td { padding: 0.35rem 0.75rem; border-top: 1px solid var(--border); text-align: left; vertical-align: top; }
thead th { background: var(--surface); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 500; min-width: 9.5rem; max-width: 22rem; overflow-wrap: break-word; }
.num { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-bottom: 0.25rem; }
svg.chart { display: block; width: 100%; max-width: 640px; height: auto; }
.chart text { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart .chart-label { fill: var(--fg); }
.chart .chart-value { fill: var(--fg); font-size: 11px; }
.chart-grid { stroke: var(--grid); stroke-width: 1; }
.chart-band { fill: var(--band); stroke: none; }
.chart-line { fill: none; stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
.chart-marker { fill: var(--accent); stroke: var(--bg); stroke-width: 1.5; }
.chart-bar { fill: var(--accent); }
.interval-bar { stroke: var(--accent); stroke-width: 3; stroke-linecap: round; }
.interval-dot { fill: var(--accent); stroke: var(--bg); stroke-width: 1.5; }
.interval-dot.reference { fill: var(--bg); stroke: var(--fg); stroke-width: 2; }
@media (max-width: 480px) {
  main { padding: 12px; }
  body { font-size: 14px; }
  th, td { padding: 0.3rem 0.5rem; }
}
@media print { .table-wrap { overflow: visible; } nav { display: none; } }
`;
