/** Small geometry helpers the hand-written SVG charts share. */

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** One decimal is plenty for SVG coordinates, and keeps the markup short. */
export const coord = (value: number): string => String(Math.round(value * 10) / 10);

/** A round upper bound for an axis over [0, max], and a step that divides it into at most `ticks` parts. */
export function niceAxis(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step) * step, step };
}

/** Shortens a label for a chart axis; the full text goes in the tooltip. */
export function truncate(label: string, length: number): string {
  const chars = [...label];
  return chars.length <= length ? label : `${chars.slice(0, length - 1).join('')}…`;
}

/** A number is only drawn when it is one. */
export const drawable = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);
