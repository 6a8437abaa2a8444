/**
 * Reads an analysis request from plain string parameters — an HTTP query string or CLI options — so the
 * API and the command line accept exactly the same things and reject them with the same messages.
 */
import { FeedloopError, type ItemError, parseTimestamp } from '@feedloop/core';
import type { CohortOptions } from './cohorts.js';
import type { AnalysisDimension, AnalysisFilter, CohortSort, Granularity } from './types.js';

/** Dimension names as clients write them (the wire format's names), and their rollup columns. */
export const DIMENSION_PARAMETERS = {
  tenant: 'tenant',
  feature: 'feature',
  language: 'language',
  model: 'model',
  modelVersion: 'model_version',
  promptTemplate: 'prompt_template',
  promptVersion: 'prompt_version',
} as const satisfies Record<string, AnalysisDimension>;
export type DimensionParameter = keyof typeof DIMENSION_PARAMETERS;
export const DIMENSION_NAMES = Object.keys(DIMENSION_PARAMETERS) as DimensionParameter[];

export const GRANULARITIES: Granularity[] = ['hour', 'day', 'week'];
export const COHORT_SORTS: CohortSort[] = [
  'positiveRate',
  'negativeCount',
  'ratingMean',
  'correctionRate',
  'regenerateRate',
  'volume',
];
export const DEFAULT_RANGE_MS = 30 * 86_400_000;

export type AnalysisParameters = Partial<Record<string, string>>;

/** Collects every problem before failing, so one answer names all the bad parameters. */
export class ParameterReader {
  readonly errors: ItemError[] = [];

  constructor(
    private readonly params: AnalysisParameters,
    /** How a parameter is named in messages: `query.` for HTTP, `--` for the CLI. */
    private readonly prefix: string,
  ) {}

  field(name: string): string {
    return `${this.prefix}${this.prefix === '--' ? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) : name}`;
  }

  fail(name: string, reason: string): void {
    this.errors.push({ field: this.field(name), reason });
  }

  string(name: string): string | undefined {
    return this.params[name];
  }

  time(name: string): number | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    const ms = parseTimestamp(value);
    if (ms === undefined) this.fail(name, 'expected an ISO 8601 date-time with a time zone, e.g. 2026-11-01T00:00:00Z');
    return ms;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.params[name];
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(name, `expected one of ${allowed.join(', ')}`);
    return fallback;
  }

  positiveInteger(name: string): number | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (/^[1-9][0-9]{0,8}$/.test(value)) return Number(value);
    this.fail(name, 'expected a whole number of at least 1');
    return undefined;
  }

  boolean(name: string): boolean {
    const value = this.params[name];
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    this.fail(name, 'expected true or false');
    return false;
  }

  /** Throws one FL_VALIDATION naming every problem found so far. */
  check(): void {
    if (this.errors.length > 0) {
      throw new FeedloopError('FL_VALIDATION', 'The analysis request is malformed.', { details: this.errors });
    }
  }
}

/** The time range and dimension filters every analysis takes; the range defaults to the last 30 days. */
export function readFilter(reader: ParameterReader, projectId: string, now: number): AnalysisFilter {
  const to = reader.time('to') ?? now;
  const from = reader.time('from') ?? to - DEFAULT_RANGE_MS;
  if (from >= to) reader.fail('to', 'expected a time after `from`');
  const where: Partial<Record<AnalysisDimension, string>> = {};
  for (const name of DIMENSION_NAMES) {
    const value = reader.string(name);
    if (value === undefined) continue;
    if (value.length > 200) reader.fail(name, 'expected at most 200 characters');
    where[DIMENSION_PARAMETERS[name]] = value;
  }
  return { projectId, from, to, where, unfiltered: reader.boolean('unfiltered') };
}

export function readDimension(reader: ParameterReader, name = 'dimension'): AnalysisDimension {
  const value = reader.oneOf(name, DIMENSION_NAMES);
  if (reader.string(name) === undefined) reader.fail(name, `required: one of ${DIMENSION_NAMES.join(', ')}`);
  return DIMENSION_PARAMETERS[value ?? 'model'];
}

export function readCohortOptions(reader: ParameterReader): CohortOptions {
  return {
    sort: reader.oneOf('sort', COHORT_SORTS, 'positiveRate'),
    ascending: reader.oneOf('order', ['best', 'worst'], 'best') === 'worst',
    minSupport: reader.positiveInteger('minSupport'),
  };
}

/** Comma-separated values to compare, the first being the baseline. */
export function readArms(reader: ParameterReader): string[] {
  const raw = reader.string('values');
  const values = raw === undefined ? [] : [...new Set(raw.split(',').map((v) => v.trim()))];
  if (values.length < 2) reader.fail('values', 'expected two or more comma-separated values, the baseline first');
  return values;
}

export function readAlpha(reader: ParameterReader): number | undefined {
  const raw = reader.string('alpha');
  if (raw === undefined) return undefined;
  const alpha = Number(raw);
  if (!(alpha > 0 && alpha < 0.5)) reader.fail('alpha', 'expected a significance level between 0 and 0.5, e.g. 0.05');
  return alpha;
}

/** A calendar date like 2026-11-16 as UTC midnight; undefined for anything else (2026-02-31 included). */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(text) ? ms : undefined;
}
