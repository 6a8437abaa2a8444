/** How numbers, rates and times read on screen. Every time is shown in UTC, as the analyses bucket in UTC. */
import type { Rate } from '../api/types';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export const count = (n: number): string => integer.format(n);

export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** "72.4% (65.1–78.9%)", or "no votes" when there is no sample. */
export function rateWithInterval(rate: Rate): string {
  if (rate.estimate === null || rate.trials === 0) return 'no data';
  return `${percent(rate.estimate)} (${percent(rate.low, 0)}–${percent(rate.high, 0)})`;
}

/** A difference of two rates in percentage points, signed. */
export function points(difference: number): string {
  const value = difference * 100;
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)} pts`;
}

export function pValue(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

export const mean = (value: number | null, digits = 2): string => (value === null ? '—' : value.toFixed(digits));

const dateTime = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});
const day = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

export const formatDateTime = (value: string | number): string => `${dateTime.format(new Date(value))} UTC`;
export const formatDay = (value: string | number): string => day.format(new Date(value));

/** The value of a dimension as people read it: '' means the interactions did not say. */
export const dimensionValue = (value: string | null | undefined): string =>
  value === '' || value === null || value === undefined ? '(not set)' : value;
