/**
 * The filters every analysis page shares, kept in the URL's query string so a view can be bookmarked,
 * reloaded and shared. Only values that differ from the defaults are written, so URLs stay short.
 * Ranges are whole UTC days: a preset of 7 days ends with today and holds exactly seven daily buckets.
 */
export const DIMENSIONS = [
  'tenant',
  'feature',
  'language',
  'model',
  'modelVersion',
  'promptTemplate',
  'promptVersion',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  tenant: 'Tenant',
  feature: 'Feature',
  language: 'Language',
  model: 'Model',
  modelVersion: 'Model version',
  promptTemplate: 'Prompt template',
  promptVersion: 'Prompt version',
};

export const RANGE_PRESETS = ['7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number] | 'custom';
export const GRANULARITIES = ['hour', 'day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface Filters {
  range: RangePreset;
  /** Custom range, first and last day included (YYYY-MM-DD, UTC). */
  fromDay: string | undefined;
  toDay: string | undefined;
  granularity: Granularity;
  dimensions: Partial<Record<Dimension, string>>;
  /** Count what the abuse filter set aside too. */
  unfiltered: boolean;
}

/** The query parameters that belong to the shared filters (page-specific ones are kept apart). */
export const FILTER_PARAMS = ['range', 'from', 'to', 'granularity', 'unfiltered', ...DIMENSIONS] as const;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_RANGE: RangePreset = '30d';
const DEFAULT_GRANULARITY: Granularity = 'day';

export function isDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && DAY_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function readFilters(params: URLSearchParams): Filters {
  const range = params.get('range');
  const granularity = params.get('granularity');
  const dimensions: Filters['dimensions'] = {};
  for (const d of DIMENSIONS) {
    const value = params.get(d);
    if (value !== null) dimensions[d] = value;
  }
  const fromDay = params.get('from');
  const toDay = params.get('to');
  const custom = range === 'custom' && isDay(fromDay) && isDay(toDay) && fromDay <= toDay;
  return {
    range: custom
      ? 'custom'
      : (RANGE_PRESETS as readonly string[]).includes(range ?? '')
        ? (range as RangePreset)
        : DEFAULT_RANGE,
    fromDay: custom ? fromDay : undefined,
    toDay: custom ? toDay : undefined,
    granularity: (GRANULARITIES as readonly string[]).includes(granularity ?? '')
      ? (granularity as Granularity)
      : DEFAULT_GRANULARITY,
    dimensions,
    unfiltered: params.get('unfiltered') === 'true',
  };
}

/** Writes the filters into a copy of `params`, leaving page-specific parameters as they are. */
export function writeFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  if (filters.range !== DEFAULT_RANGE) next.set('range', filters.range);
  if (filters.range === 'custom' && filters.fromDay && filters.toDay) {
    next.set('from', filters.fromDay);
    next.set('to', filters.toDay);
  }
  if (filters.granularity !== DEFAULT_GRANULARITY) next.set('granularity', filters.granularity);
  for (const d of DIMENSIONS) {
    const value = filters.dimensions[d];
    if (value !== undefined) next.set(d, value);
  }
  if (filters.unfiltered) next.set('unfiltered', 'true');
  return next;
}

/** Only the shared filter parameters of `params`, to carry them from one page to another. */
export function sharedFilterSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = params.get(name);
    if (value !== null) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;
export const dayString = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The range as epoch ms, `from` inclusive and `to` exclusive, in whole UTC days. */
export function timeRange(filters: Filters, now: number): { from: number; to: number } {
  if (filters.range === 'custom' && filters.fromDay && filters.toDay) {
    return { from: Date.parse(`${filters.fromDay}T00:00:00Z`), to: Date.parse(`${filters.toDay}T00:00:00Z`) + DAY_MS };
  }
  const days = Number.parseInt(filters.range, 10) || 30;
  const to = startOfUtcDay(now) + DAY_MS;
  return { from: to - days * DAY_MS, to };
}

/** The parameters of `GET /v1/analysis/*` for these filters. */
export function analysisParams(filters: Filters, now: number): Record<string, string> {
  const { from, to } = timeRange(filters, now);
  const params: Record<string, string> = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  for (const [name, value] of Object.entries(filters.dimensions)) params[name] = value;
  if (filters.unfiltered) params.unfiltered = 'true';
  return params;
}
